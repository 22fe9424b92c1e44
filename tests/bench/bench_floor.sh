#!/usr/bin/env bash
# The floor with many contacts today, for each build directory given, side
# by side: for each count in COUNTS, that many finished contacts of today
# are written into a fresh database before the broker starts, then
#  - the floor request's round trip from one logged-in client, RTT_REPS
#    times (bench_floor_rtt, of the first build that has it; the protocol
#    is the same), with ping's as the floor under the figure;
#  - `hotline-ctl floor`, REPS times, each a process reusing its session,
#    with `hotline-ctl whoami` likewise.
# p50/p99 in ms. The last build is "new", the first "old"; ratios new / old.
# Usage: bench_floor.sh BUILD_DIR...
# env: COUNTS="1000 100000" REPS=100 RTT_REPS=1000
. "$(dirname "$0")/bench_lib.sh"
[ $# -ge 1 ] || { echo "usage: bench_floor.sh BUILD_DIR..." >&2; exit 2; }
COUNTS=${COUNTS:-1000 100000}
REPS=${REPS:-100}
RTT_REPS=${RTT_REPS:-1000}
RTT=""
for b in "$@"; do [ -x "$b/tests/bench/bench_floor_rtt" ] && { RTT="$b/tests/bench/bench_floor_rtt"; break; }; done

# timed FILE ARGS...: runs hotline-ctl ARGS REPS times, the wall time of each (ms) into FILE.
timed() {
	local f=$1; shift
	: >"$f"
	bl_ctl "$@" >/dev/null   # warm: the session exists, the pages are cached
	for _ in $(seq "$REPS"); do
		local a b
		a=$EPOCHREALTIME
		bl_ctl "$@" >/dev/null
		b=$EPOCHREALTIME
		echo "$a $b" >>"$f"
	done
}

# pcts FILE: "p50 p99" in ms.
pcts() {
	python3 - "$1" <<'PY'
import sys
v = sorted((float(b.replace(",", ".")) - float(a.replace(",", "."))) * 1000
           for a, b in (l.split() for l in open(sys.argv[1])))
q = lambda f: v[min(len(v) - 1, int(len(v) * f))]
print("%.2f %.2f" % (q(0.5), q(0.99)))
PY
}

# measure BUILD NAME COUNT: prints "floor_p50 floor_p99 whoami_p50 whoami_p99 start_s
# rtt_floor_p50 rtt_floor_p99 rtt_ping_p50 rtt_ping_p99" (-1 without bench_floor_rtt).
measure() {
	local t0 t1
	bl_init "$1" "$2"
	bl_setup 10 4
	bl_seed_contacts "$3"
	t0=$(bl_now); bl_start; t1=$(bl_now)
	bl_ctl floor >"$SD/floor.txt"
	if [ -n "$RTT" ]; then
		"$RTT" "$BURL" "$PIN" admin "$BT/admin.pw" "$RTT_REPS" >"$SD/rtt.txt"
	else
		printf 'floor -1 -1 -1\nping -1 -1 -1\n' >"$SD/rtt.txt"
	fi
	timed "$SD/floor.t" floor
	timed "$SD/whoami.t" whoami
	bl_stop
	echo "$(pcts "$SD/floor.t") $(pcts "$SD/whoami.t") $(python3 -c "print('%.2f' % ($t1 - $t0))")" \
		"$(awk '$1 == "floor" {print $2, $3}' "$SD/rtt.txt") $(awk '$1 == "ping" {print $2, $3}' "$SD/rtt.txt")"
}

echo "== floor with today's contacts (ms; request: $RTT_REPS round trips from one client; ctl: $REPS hotline-ctl processes)"
printf '%-14s %9s %11s %11s %10s %10s %10s %10s %11s %11s %8s\n' build contacts "request p50" "request p99" "ping p50" "ping p99" \
	"ctl p50" "ctl p99" "whoami p50" "whoami p99" "start s"
for n in $COUNTS; do
	R=(); L=()
	for b in "$@"; do
		L+=("$(bl_label "$b")")
		R+=("$(measure "$b" "b${#R[@]}" "$n")")
		read -r f50 f99 w50 w99 st r50 r99 p50 p99 <<<"${R[${#R[@]}-1]}"
		printf '%-14s %9d %11.3f %11.3f %10.3f %10.3f %10.2f %10.2f %11.2f %11.2f %8.2f\n' "${L[${#L[@]}-1]}" "$n" \
			"$r50" "$r99" "$p50" "$p99" "$f50" "$f99" "$w50" "$w99" "$st"
	done
	if [ ${#R[@]} -ge 2 ]; then
		read -r o50 o99 _ _ _ or50 or99 _ <<<"${R[0]}"
		read -r n50 n99 _ _ _ nr50 nr99 _ <<<"${R[${#R[@]}-1]}"
		echo "ratio new/old at $n contacts: request p50 $(bl_ratio "$nr50" "$or50")  p99 $(bl_ratio "$nr99" "$or99");" \
			"ctl p50 $(bl_ratio "$n50" "$o50")  p99 $(bl_ratio "$n99" "$o99")"
	fi
done
