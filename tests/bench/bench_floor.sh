#!/usr/bin/env bash
# `hotline-ctl floor` with many contacts today, for each build directory
# given, side by side: for each count in COUNTS, that many finished contacts
# of today are written into a fresh database before the broker starts, then
# floor is asked REPS times (each a hotline-ctl process reusing its session);
# p50/p99 of the whole command, and of `hotline-ctl whoami` as the floor
# under the figure (process start, handshake). The last build is "new", the
# first "old"; ratios are new / old.
# Usage: bench_floor.sh BUILD_DIR... (env: COUNTS="1000 100000" REPS=200)
. "$(dirname "$0")/bench_lib.sh"
[ $# -ge 1 ] || { echo "usage: bench_floor.sh BUILD_DIR..." >&2; exit 2; }
COUNTS=${COUNTS:-1000 100000}
REPS=${REPS:-200}

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

# measure BUILD NAME COUNT: prints "floor_p50 floor_p99 whoami_p50 whoami_p99 start_s".
measure() {
	local t0 t1
	bl_init "$1" "$2"
	bl_setup 10 4
	bl_seed_contacts "$3"
	t0=$(bl_now); bl_start; t1=$(bl_now)
	bl_ctl floor >"$SD/floor.txt"
	timed "$SD/floor.t" floor
	timed "$SD/whoami.t" whoami
	bl_stop
	echo "$(pcts "$SD/floor.t") $(pcts "$SD/whoami.t") $(python3 -c "print('%.2f' % ($t1 - $t0))")"
}

echo "== hotline-ctl floor with today's contacts ($REPS runs each; ms of the whole command)"
printf '%-14s %9s %10s %10s %11s %11s %9s\n' build contacts "floor p50" "floor p99" "whoami p50" "whoami p99" "start s"
for n in $COUNTS; do
	R=(); L=()
	for b in "$@"; do
		L+=("$(bl_label "$b")")
		R+=("$(measure "$b" "b${#R[@]}" "$n")")
		read -r f50 f99 w50 w99 st <<<"${R[${#R[@]}-1]}"
		printf '%-14s %9d %10.2f %10.2f %11.2f %11.2f %9.2f\n' "${L[${#L[@]}-1]}" "$n" "$f50" "$f99" "$w50" "$w99" "$st"
	done
	if [ ${#R[@]} -ge 2 ]; then
		read -r o50 o99 ow50 _ <<<"${R[0]}"
		read -r n50 n99 nw50 _ <<<"${R[${#R[@]}-1]}"
		echo "ratio new/old at $n contacts: floor p50 $(bl_ratio "$n50" "$o50")  p99 $(bl_ratio "$n99" "$o99");" \
			"above whoami p50: old $(python3 -c "print('%.2f' % ($o50 - $ow50))") ms, new $(python3 -c "print('%.2f' % ($n50 - $nw50))") ms"
	fi
done
