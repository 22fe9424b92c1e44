# One broker per state directory: a second one on the same directory is
# refused at once with the PID of the first, which carries on serving.
. "$(dirname "$0")/lib.sh"

init_state && start_broker || exit 1
FIRST=$BROKER_PID
ctl team add before >/dev/null || fail "team add before"
PORT2=$(free_port)
if timeout 10 "$BROKER" run --state "$T/state" --listen "ipc://$T/second.sock" \
	--listen "tcp://127.0.0.1:$PORT2" >"$T/second.out" 2>&1; then
	fail "a second broker on the same state directory started"
else
	pass "a second broker on the same state directory is refused (exit $?)"
fi
check "it names the first broker's PID" grep -q "PID $FIRST" "$T/second.out"
check "it says what to do" grep -q "stop it first" "$T/second.out"
check "the first broker still answers" ctl ping
expect_exit 0 "and still writes" ctl team add after
check "the database holds both teams once" test "$(sqlite3 "$T/state/hotline.db" \
	"SELECT COUNT(*) FROM team WHERE name IN ('before','after')")" = 2

# The lock goes with the process, however it ends: kill -9, then a restart.
kill9_broker
start_broker || exit 1
check "after kill -9 a new broker starts on the directory" ctl ping
check "the lock file names the new broker" test "$(cat "$T/state/broker.lock")" = "$BROKER_PID"
finish
