# The floor's alerts on a driven scenario against a real broker: open when
# the condition starts, close when it ends, published to the floor,
# acknowledged within scope and audited (alerts_flow.py); an open alert
# survives a restart and closes there when its condition has ended.
. "$(dirname "$0")/lib.sh"

init_state || exit 1
printf '[alerts]\nwaiting_over = -3\n' >"$T/bad.ini"
timeout 20 "$BROKER" run --state "$T/state" --listen "ipc://$T/bad.sock" --config "$T/bad.ini" \
	>"$T/bad.out" 2>&1
check "a malformed [alerts] value stops the broker and names the key" \
	grep -q "\[alerts\] waiting_over = -3 is not a known setting" "$T/bad.out"
WEBPORT=$(free_port)
cat >"$T/broker.ini" <<'INI'
[alerts]
waiting_over = 1
longest_wait_s = 2
csat_low = on
sl = on
INI
start_broker --config "$T/broker.ini" --web "http://127.0.0.1:$WEBPORT" || exit 1
export CTL T WEBPORT
timeout 180 python3 "$(dirname "$0")/alerts_flow.py" || fail "the alerts scenario"

finish
