# Garbage bytes, malformed frames and half handshakes sent to the broker's
# port: it keeps answering everyone else.
. "$(dirname "$0")/lib.sh"

init_state && start_broker || exit 1
# A client keeps pinging over TCP while the hostile peer works.
HOTLINE_BROKER="$URL_TCP" "$CTL" ping --count 40 --interval-ms 50 >"$T/ping.out" 2>"$T/ping.err" &
PING=$!
check "the hostile peer gets error frames or closed connections" \
	timeout 120 python3 "$(dirname "$0")/sp_peer.py" "$PORT"
wait "$PING"; rc=$?
check "the concurrent client's 40 pings all came back" test "$rc" = 0
check "the ping summary says 40 received" grep -q '40 sent, 40 received' "$T/ping.out"
check "the broker is still running" kill -0 "$BROKER_PID"
expect_exit 0 "a new client logs in after the attack" env HOTLINE_BROKER="$URL_TCP" "$CTL" whoami
finish
