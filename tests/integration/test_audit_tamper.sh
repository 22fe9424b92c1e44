# The audit log is a keyed hash chain: a row edited or deleted behind the
# broker's back, or the whole chain rebuilt by someone who can write only the
# database, is found by 'audit list --verify'.
. "$(dirname "$0")/lib.sh"

command -v sqlite3 >/dev/null || { echo "sqlite3 missing"; exit 1; }
init_state && start_broker || exit 1
for t in a b c d; do ctl team add "team-$t" >/dev/null || fail "team add $t"; done
expect_exit 0 "an untouched chain verifies" ctl audit list --verify
check "it says intact" grep -q 'audit chain intact' "$T/out"

# Edit a row while the broker runs, as someone with the file would.
sqlite3 -cmd ".timeout 5000" "$T/state/hotline.db" "UPDATE audit SET target='team-z' WHERE target='team-b';"
expect_exit 1 "an edited row is detected" ctl audit list --verify
check "the error names the broken entry" grep -q 'AUDIT CHAIN BROKEN at entry' "$T/err"
expect_exit 1 "--json also reports it" ctl --json audit list --verify
check "the JSON says not intact" python3 -c '
import json,sys; d=json.load(open(sys.argv[1])); assert d["verified"] and not d.get("intact", False) and d["first_bad_id"]>0, d' "$T/out"
check "the broker logs the tampering" grep -q 'AUDIT LOG TAMPERED' "$T/broker.log"

# A fresh log where the newest entries are deleted.
stop_broker; rm -rf "$T/state"; READY_SEEN=0; : >"$T/broker.log"
init_state && start_broker || exit 1
ctl team add x >/dev/null; ctl team add y >/dev/null
sqlite3 -cmd ".timeout 5000" "$T/state/hotline.db" "DELETE FROM audit WHERE id=(SELECT MAX(id) FROM audit);"
expect_exit 1 "a deleted newest entry is detected" ctl audit list --verify
sqlite3 -cmd ".timeout 5000" "$T/state/hotline.db" "DELETE FROM audit WHERE id=2;"
expect_exit 1 "a deleted middle entry is detected" ctl audit list --verify
check "it says entries are missing or changed" grep -Eq 'missing|removed|link' "$T/err"

# A rewrite of the database alone: delete an entry, renumber, and rebuild
# every link and the recorded head with the chain's published algorithm.
# The links are keyed by audit.key, which lives outside the database.
stop_broker; rm -rf "$T/state"; READY_SEEN=0; : >"$T/broker.log"
init_state && start_broker || exit 1
check "the key file is private" test "$(stat -c %a "$T/state/audit.key")" = 600
for t in p q r s; do ctl team add "team-$t" >/dev/null || fail "team add $t"; done
expect_exit 0 "the chain verifies before the rewrite" ctl audit list --verify
cat >"$T/rewrite.py" <<'PY'
import hashlib, sqlite3, struct, sys
db = sqlite3.connect(sys.argv[1], timeout=5)
db.execute("DELETE FROM audit WHERE target='team-q'")
ids = [r[0] for r in db.execute("SELECT id FROM audit ORDER BY id")]
for new, old in enumerate(ids, 1):
    db.execute("UPDATE audit SET id=? WHERE id=?", (new, old))
prev = bytes(32)
u64 = lambda v: struct.pack(">Q", v)
for (i, t, *txt) in db.execute("SELECT id,time_ms,actor,action,target,detail,result FROM audit ORDER BY id").fetchall():
    h = hashlib.sha256(prev + u64(i) + u64(t))
    for s in txt:
        b = s.encode()
        h.update(u64(len(b)) + b)
    d = h.digest()
    db.execute("UPDATE audit SET prev_hash=?, hash=? WHERE id=?", (prev, d, i))
    prev = d
db.execute("UPDATE meta SET value=? WHERE key='audit_head'", ("%d:%s" % (len(ids), prev.hex()),))
db.commit()
PY
check "the rewrite runs" python3 "$T/rewrite.py" "$T/state/hotline.db"
expect_exit 1 "a chain rebuilt without the key is detected" ctl audit list --verify
check "it says an entry was changed" grep -q 'changed' "$T/err"
# After a restart too: the key and the witness are read from the state directory.
stop_broker; start_broker || exit 1
expect_exit 1 "still detected after a restart" ctl audit list --verify

# Cutting off the newest entries and rolling the head back to match is seen
# by the witness the broker keeps outside the database (audit.head).
stop_broker; rm -rf "$T/state"; READY_SEEN=0; : >"$T/broker.log"
init_state && start_broker || exit 1
for t in u v w; do ctl team add "team-$t" >/dev/null || fail "team add $t"; done
stop_broker
sqlite3 -cmd ".timeout 5000" "$T/state/hotline.db" "DELETE FROM audit WHERE id >= (SELECT id FROM audit WHERE target='team-v');
  UPDATE meta SET value=(SELECT id||':'||lower(hex(hash)) FROM audit ORDER BY id DESC LIMIT 1) WHERE key='audit_head';"
start_broker || exit 1
expect_exit 1 "newest entries cut off with the head rolled back are detected" ctl audit list --verify
check "it names audit.head" grep -q "audit.head" "$T/err"
finish
