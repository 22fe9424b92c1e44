# The event fabric: agent states reach every supervisor and team lead but
# are stored for none; typing is never stored; lines survive kill -9 and
# are replayed once, in order; one poll reply carries >256 events.
. "$(dirname "$0")/lib.sh"

init_state || exit 1
WEBPORT=$(free_port)
start_broker --web "http://127.0.0.1:$WEBPORT" || exit 1
export CTL T WEBPORT PORT
timeout 240 python3 "$(dirname "$0")/events_flow.py" before; rc=$?
[ "$rc" -eq 0 ] && pass "before the restart" || fail "before the restart"
kill9_broker
check "broker restarts after kill -9" start_broker --web "http://127.0.0.1:$WEBPORT"
timeout 120 python3 "$(dirname "$0")/events_flow.py" after; rc=$?
[ "$rc" -eq 0 ] && pass "after the restart" || fail "after the restart"
finish
