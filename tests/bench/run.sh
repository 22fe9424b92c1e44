#!/usr/bin/env bash
# Runs every benchmark on this machine and prints its figures; starts a
# private broker for the channel benchmark. HL_BIN is the build directory;
# HL_BENCH_BASE, an older build to compare the broker's figures with.
set -euo pipefail
: "${HL_BIN:?}"
D=$(cd "$(dirname "$0")" && pwd)

# The broker under load, each against fresh private brokers: the cost of a
# chat line, idle agents, the floor with many contacts, the largest chat
# load. With HL_BENCH_BASE (the build directory of an older tree) each runs
# that build first and this one second, and prints the ratios new / old.
# HL_BENCH_SKIP_LOAD=1 leaves them out (they take about half an hour).
if [ -z "${HL_BENCH_SKIP_LOAD:-}" ]; then
	BUILDS=(${HL_BENCH_BASE:+"$HL_BENCH_BASE"} "$HL_BIN")
	bash "$D/bench_line_cost.sh" "${BUILDS[@]}"; echo
	bash "$D/bench_floor.sh" "${BUILDS[@]}"; echo
	bash "$D/bench_idle.sh" "${BUILDS[@]}"; echo
	bash "$D/bench_sim_compare.sh" "${BUILDS[@]}"; echo
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/hotline-bench.XXXXXX")
trap 'kill $BROKER_PID 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$T"' EXIT
printf 'bench-secret-1\n' >"$T/pw"
"$HL_BIN/server/hotline-broker" init --state "$T/state" --admin bench --password-file "$T/pw" >/dev/null
PIN=$("$HL_BIN/server/hotline-broker" fingerprint --state "$T/state")
"$HL_BIN/server/hotline-broker" run --state "$T/state" --listen "ipc://$T/broker.sock" 2>"$T/broker.log" &
BROKER_PID=$!
for _ in $(seq 100); do grep -q ready "$T/broker.log" && break; sleep 0.1; done
if [ -x "$HL_BIN/tests/bench/bench_route" ]; then
	echo "== routing engine"
	"$HL_BIN/tests/bench/bench_route"
fi

# The channel figures come last: their two ratio lines close the output.
echo; echo "== channel: hotline broker vs raw nng REQ/REP (ipc, this machine: $(nproc) cores)"
"$HL_BIN/tests/bench/bench_channel" "ipc://$T/broker.sock" "$PIN" bench "$T/pw" "ipc://$T/raw.sock" "$@"
