#!/usr/bin/env bash
# What one chat line costs the broker, for each build directory given, side
# by side: the same fixed chat load (hotline-sim run) against a private
# broker with the counting shim preloaded; per line: the broker's CPU over
# all threads (µs), SQLite statements, commits, fsyncs, bytes written. The
# last build is "new", the first "old"; ratios are new / old.
# Usage: bench_line_cost.sh BUILD_DIR... (env: AGENTS CPM DURATION TYPING)
. "$(dirname "$0")/bench_lib.sh"
[ $# -ge 1 ] || { echo "usage: bench_line_cost.sh BUILD_DIR..." >&2; exit 2; }
AGENTS=${AGENTS:-500}
CPM=${CPM:-5400}
DURATION=${DURATION:-30}
TYPING=${TYPING:-1800}
HL_SHIM=$(bl_shim_path "$@")
[ -n "$HL_SHIM" ] || { echo "no countshim.so in the builds given; set HL_SHIM" >&2; exit 1; }

# measure BUILD NAME: one run; prints "lines cpu_us stmts commits syncs bytes steps" per line.
measure() {
	local t0 t1 c0 c1 k0 k1 lines
	bl_init "$1" "$2"
	bl_setup "$AGENTS" 4
	bl_start "$SD/counters"
	"$BUILD/tools/hotline-sim" run --broker "$BURL" --pin "$PIN" \
		--web "ws://127.0.0.1:$WEBPORT/chat" --customers "$CPM" --agents "$AGENTS" \
		--duration "$DURATION" --typing-ms "$TYPING" --password-file "$BT/agent.pw" \
		--seed 11 >"$SD/sim.out" 2>"$SD/sim.err" &
	local sim=$!
	# The window opens when every agent is available and customers start.
	for _ in $(seq 6000); do grep -q 'agents available' "$SD/sim.err" && break
		kill -0 $sim 2>/dev/null || break; sleep 0.1; done
	k0=$(bl_counters "$SD/counters"); c0=$(bl_ticks "$BPID"); t0=$(bl_now)
	wait $sim || true
	k1=$(bl_counters "$SD/counters"); c1=$(bl_ticks "$BPID"); t1=$(bl_now)
	bl_stop
	lines=$(sed -n 's/^messages *\([0-9]*\) sent.*/\1/p' "$SD/sim.out")
	grep -E '^(messages|cust>agent|agent>cust|result)' "$SD/sim.out" | sed "s/^/  [$2] /" >&2
	python3 - "$lines" "$c0" "$c1" "$HZ" "$t0" "$t1" "$k0" "$k1" <<'PY'
import sys
lines, c0, c1, hz = int(sys.argv[1] or 0), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
secs = float(sys.argv[6]) - float(sys.argv[5])
k0 = dict(kv.split("=") for kv in sys.argv[7].split())
k1 = dict(kv.split("=") for kv in sys.argv[8].split())
d = {k: int(k1[k]) - int(k0[k]) for k in k0}
n = max(lines, 1)
cpu_us = (c1 - c0) / hz * 1e6
print("%d %.1f %.2f %.3f %.3f %.0f %.2f %.1f %.3f" % (
    lines, cpu_us / n, (d["stmts"] + d["execs"]) / n, d["commits"] / n,
    (d["fsyncs"] + d["fdatasyncs"]) / n, (d["pwrite_bytes"] + d["file_write_bytes"]) / n,
    (d["pwrites"] + d["file_writes"]) / n, secs, (c1 - c0) / hz / secs))
PY
}

echo "== broker cost per chat line: $AGENTS agents, $CPM customers/min, ${DURATION} s, typing ${TYPING} ms"
R=(); L=()
for b in "$@"; do
	L+=("$(bl_label "$b")")
	R+=("$(measure "$b" "b${#R[@]}")")
done
printf '%-14s %8s %9s %8s %8s %8s %10s %8s %8s\n' build lines "cpu µs" stmts commits fsyncs bytes writes "cores"
for i in "${!R[@]}"; do
	read -r n cpu st co sy by wr secs cores <<<"${R[$i]}"
	printf '%-14s %8d %9.1f %8.2f %8.3f %8.3f %10.0f %8.2f %8.2f\n' "${L[$i]}" "$n" "$cpu" "$st" "$co" "$sy" "$by" "$wr" "$cores"
done
if [ ${#R[@]} -ge 2 ]; then
	read -r _ ocpu ost oco osy oby owr _ <<<"${R[0]}"
	read -r _ ncpu nst nco nsy nby nwr _ <<<"${R[${#R[@]}-1]}"
	echo "ratio new/old: cpu $(bl_ratio "$ncpu" "$ocpu")  stmts $(bl_ratio "$nst" "$ost")  commits $(bl_ratio "$nco" "$oco")  fsyncs $(bl_ratio "$nsy" "$osy")  bytes $(bl_ratio "$nby" "$oby")  writes $(bl_ratio "$nwr" "$owr")"
fi
echo "(per line, both directions counted; stmts = statement executions + sqlite3_exec calls; cores = broker CPU / wall time of the window)"
