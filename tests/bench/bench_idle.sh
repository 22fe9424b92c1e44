#!/usr/bin/env bash
# Idle agents, for each build directory given, side by side: AGENTS agents
# log in, become Available and long-poll with no customers (hotline-sim run
# --customers 0); the broker's CPU over WINDOW seconds of that, and its RSS
# per session (RSS after the logins minus RSS before, over the sessions).
# The last build is "new", the first "old"; ratios are new / old.
# Usage: bench_idle.sh BUILD_DIR... (env: AGENTS=2000 WINDOW=60)
. "$(dirname "$0")/bench_lib.sh"
[ $# -ge 1 ] || { echo "usage: bench_idle.sh BUILD_DIR..." >&2; exit 2; }
AGENTS=${AGENTS:-2000}
WINDOW=${WINDOW:-60}
HL_SHIM=$(bl_shim_path "$@")

# measure BUILD NAME: prints "cpu_pct rss_per_session_kib rss0_mib rss1_mib syncs_per_s stmts_per_s".
measure() {
	local r0 r1 c0 c1 t0 t1 k0 k1
	bl_init "$1" "$2"
	bl_setup "$AGENTS" 4
	bl_start "$SD/counters"
	sleep 2
	r0=$(bl_rss_kb "$BPID")
	# The run lasts past the window; it is stopped once the window closes.
	"$BUILD/tools/hotline-sim" run --broker "$BURL" --pin "$PIN" \
		--web "ws://127.0.0.1:$WEBPORT/chat" --customers 0 --agents "$AGENTS" \
		--duration $((WINDOW + 600)) --password-file "$BT/agent.pw" >"$SD/sim.out" 2>"$SD/sim.err" &
	local sim=$!
	for _ in $(seq 9000); do grep -q 'agents available' "$SD/sim.err" && break
		kill -0 $sim 2>/dev/null || { echo "hotline-sim ended:" >&2; tail -3 "$SD/sim.err" >&2; break; }
		sleep 0.1; done
	sleep 5   # the last logins' replies and first polls settle
	r1=$(bl_rss_kb "$BPID")
	k0=$(bl_counters "$SD/counters"); c0=$(bl_ticks "$BPID"); t0=$(bl_now)
	sleep "$WINDOW"
	k1=$(bl_counters "$SD/counters"); c1=$(bl_ticks "$BPID"); t1=$(bl_now)
	kill $sim 2>/dev/null; wait $sim 2>/dev/null || true
	bl_stop
	python3 - "$r0" "$r1" "$c0" "$c1" "$HZ" "$t0" "$t1" "$AGENTS" "$k0" "$k1" <<'PY'
import sys
r0, r1, c0, c1, hz = (int(x) for x in sys.argv[1:6])
secs = float(sys.argv[7]) - float(sys.argv[6])
n = int(sys.argv[8])
k0 = dict(kv.split("=") for kv in sys.argv[9].split())
k1 = dict(kv.split("=") for kv in sys.argv[10].split())
d = {k: int(k1[k]) - int(k0[k]) for k in k0}
print("%.2f %.1f %.1f %.1f %.2f %.2f" % (
    100.0 * (c1 - c0) / hz / secs, (r1 - r0) / n, r0 / 1024, r1 / 1024,
    (d["fsyncs"] + d["fdatasyncs"]) / secs, (d["stmts"] + d["execs"]) / secs))
PY
}

echo "== $AGENTS idle agents logged in, Available and long-polling; broker CPU over ${WINDOW} s"
R=(); L=()
for b in "$@"; do
	L+=("$(bl_label "$b")")
	R+=("$(measure "$b" "b${#R[@]}")")
done
printf '%-14s %10s %14s %12s %12s %9s %9s\n' build "cpu %" "KiB/session" "RSS before" "RSS after" "syncs/s" "stmts/s"
for i in "${!R[@]}"; do
	read -r cpu per r0 r1 sy st <<<"${R[$i]}"
	printf '%-14s %10.2f %14.1f %10.1f M %10.1f M %9.2f %9.2f\n' "${L[$i]}" "$cpu" "$per" "$r0" "$r1" "$sy" "$st"
done
if [ ${#R[@]} -ge 2 ]; then
	read -r ocpu oper _ <<<"${R[0]}"
	read -r ncpu nper _ <<<"${R[${#R[@]}-1]}"
	echo "ratio new/old: cpu $(bl_ratio "$ncpu" "$ocpu")  RSS per session $(bl_ratio "$nper" "$oper")"
fi
echo "(cpu % of one core over all the broker's threads)"
