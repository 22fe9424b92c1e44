# Long reads run off the broker's loop: while 'audit list --verify' walks a
# large audit log on a read worker, pings on another connection keep being
# answered, and the list's answer is whole and intact. The read pool's
# [broker] settings are checked like any other key.
. "$(dirname "$0")/lib.sh"

command -v sqlite3 >/dev/null || { echo "sqlite3 missing"; exit 1; }
ROWS=${HL_READPOOL_ROWS:-200000}
init_state || exit 1

# Settings out of range stop the broker, naming the key.
printf '[broker]\nread_workers = 0\n' >"$T/bad.ini"
timeout 20 "$BROKER" run --state "$T/state" --listen "ipc://$T/bad.sock" \
	--config "$T/bad.ini" >"$T/bad.out" 2>&1
check "read_workers = 0 stops the broker (exit 1)" test $? -eq 1
check "and is named" grep -q 'config: \[broker\] read_workers = 0 is not a known setting' "$T/bad.out"

# A long chain, written while the broker is stopped, linked with its key.
start_broker || exit 1
ctl team add first >/dev/null || fail "team add"
stop_broker
check "the audit log grows by $ROWS entries" python3 "$HL_SRC/tests/integration/grow_audit.py" \
	"$T/state" "$ROWS"
printf '[broker]\nread_workers = 1\nread_queue = 4\n' >"$T/broker.ini"
start_broker --config "$T/broker.ini" || exit 1

# Both clients log in before the clock starts: what is counted is pings
# answered while the list's read runs, not logins.
ctl --session "$T/list.sess" whoami >/dev/null || fail "login for the list"
ctl --session "$T/ping.sess" ping --count 1 >/dev/null || fail "first ping"
ctl --session "$T/ping.sess" ping --count 6000 --interval-ms 5 >"$T/pings.out" 2>"$T/pings.err" &
PINGER=$!
for _ in $(seq 100); do [ -s "$T/pings.out" ] && break; sleep 0.1; done
before=$(grep -c '^reply' "$T/pings.out")
t0=$(date +%s%N)
ctl --session "$T/list.sess" audit list --verify --limit 3 >"$T/list.out" 2>"$T/list.err"
rc=$?
after=$(grep -c '^reply' "$T/pings.out")
t1=$(date +%s%N)
# A ping held by the read would be answered with the list: wait for the
# next answer too before stopping the pinger (10 s at most).
for _ in $(seq 100); do [ "$(grep -c '^reply' "$T/pings.out")" -gt "$after" ] && break; sleep 0.1; done
kill "$PINGER" 2>/dev/null; wait "$PINGER" 2>/dev/null
total=$(sqlite3 "$T/state/hotline.db" "SELECT COUNT(*) FROM audit")
took=$(( (t1 - t0) / 1000000 ))
# The slowest ping answered while the list ran: a read on the loop would hold
# one ping for about the whole read; relative to the read, not a fixed time.
slowest=$(sed -n "$((before + 1)),\$p" "$T/pings.out" |
	awk '{ v = $3 + 0; if (v > m) m = v } END { printf "%d", m }')
echo "# $total entries verified in $took ms; pings answered meanwhile: $((after - before)), slowest $slowest ms"
check "the list of a long chain succeeds" test "$rc" -eq 0
check "it says intact, every entry walked" grep -q "audit chain intact: $total entries verified" "$T/list.out"
check "it shows the newest entries asked for" test "$(grep -cE "^ *($total|$((total - 1))|$((total - 2))) " \
	"$T/list.out")" -eq 3
check "pings were answered while the list read" test "$((after - before))" -gt 0
check "no ping waited for the read (slowest $slowest ms of $took ms)" test $((2 * slowest)) -lt "$took"
check "no ping failed" test ! -s "$T/pings.err"

# A read waiting behind others keeps its answer when its login session moves
# to another connection meanwhile (the same session file used again): the
# session has not ended. The one worker is held by two long reads first.
resumes() { grep -c "session of $1 resumed" "$T/broker.log"; }
wait_resumes() { # USER COUNT: until the broker has logged that many (10 s at most)
	for _ in $(seq 200); do [ "$(resumes "$1")" -ge "$2" ] && return 0; sleep 0.05; done
	return 1
}
APW=$(pwfile aud 'auditor-secret-1')
ctl user add aud --role admin --password-file "$APW" >/dev/null || fail "user add aud"
as aud "$APW" --session "$T/aud.sess" whoami >/dev/null || fail "login as aud"
for r in r1 r2; do ctl --session "$T/$r.sess" whoami >/dev/null || fail "login $r"; done
n=$(resumes root)
HOLDERS=""
for r in r1 r2; do
	ctl --session "$T/$r.sess" audit list --verify --limit 1 >/dev/null 2>&1 &
	HOLDERS="$HOLDERS $!"
done
wait_resumes root $((n + 2)) || fail "the long reads did not start"
sleep 0.2
n=$(resumes aud)
as aud "$APW" --session "$T/aud.sess" audit list --verify --limit 1 >"$T/aud.out" 2>"$T/aud.err" &
AUD=$!
wait_resumes aud $((n + 1)) || fail "aud's read did not start"
sleep 0.2
as aud "$APW" --session "$T/aud.sess" whoami >/dev/null || fail "aud's session moves"
wait "$AUD"
check "the read of a session that moved is answered" test $? -eq 0
check "and whole" grep -q "audit chain intact" "$T/aud.out"
for p in $HOLDERS; do wait "$p" || fail "a long read holding the worker failed"; done
finish
