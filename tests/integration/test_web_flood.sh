# The web port's memory budget: four WebSockets write frames of bare
# newlines and of tiny bad lines for 12 s, reading nothing. The broker's
# peak RSS (VmHWM) stays under 150 MB, and an agent's ping over the nng
# port keeps succeeding throughout. Before the budgets, every line waited
# in the loop's queue and every answer in the send queue: gigabytes.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

WEBPORT=$(free_port)
init_state || { fail "broker init"; finish; exit 1; }
start_broker --web "http://127.0.0.1:$WEBPORT" || { fail "broker did not start"; finish; exit 1; }
check "a ping before the flood" env HOTLINE_BROKER="$URL_TCP" "$CTL" ping --count 1 >/dev/null

python3 "$HERE/webflood.py" flood 127.0.0.1 "$WEBPORT" 12 4 >"$T/flood.out" 2>"$T/flood.err" &
FLOOD=$!
pings=0 bad=0
end=$((SECONDS + 12))
while [ $SECONDS -lt $end ]; do
	if env HOTLINE_BROKER="$URL_TCP" timeout 10 "$CTL" ping --count 1 >"$T/ping.out" 2>"$T/ping.err" \
		</dev/null; then pings=$((pings + 1)); else bad=$((bad + 1)); sed 's/^/  | /' "$T/ping.err" | head -3; fi
	sleep 0.5
done
wait "$FLOOD"
sent=$(awk '/^sent/ {print $2}' "$T/flood.out")
echo "# flood wrote ${sent:-?} bytes; $pings pings ok, $bad failed"
check "the flood wrote at least 10 MB" [ "${sent:-0}" -gt 10000000 ]
check "pings during the flood all succeed ($pings ok)" [ "$bad" -eq 0 ] && [ "$pings" -ge 5 ]
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$BROKER_PID/status")
echo "# broker VmHWM ${hwm} kB"
# AddressSanitizer keeps freed memory in quarantine (256 MB) and maps its
# shadow: there the bound is looser, but still far below the gigabytes the
# flood reached before the budgets.
limit_mb=150
ldd "$BROKER" 2>/dev/null | grep -q libasan && limit_mb=1024
check "broker peak RSS under ${limit_mb} MB (${hwm} kB)" [ "${hwm:-999999999}" -lt $((limit_mb * 1024)) ]
check "a ping after the flood" env HOTLINE_BROKER="$URL_TCP" "$CTL" ping --count 1 >/dev/null
check "the broker is still running" kill -0 "$BROKER_PID"
finish
