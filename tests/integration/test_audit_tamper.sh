# The audit log is a hash chain: a row edited or deleted behind the broker's
# back is found by 'audit list --verify'.
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
finish
