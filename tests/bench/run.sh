#!/usr/bin/env bash
# Runs every benchmark on this machine and prints its figures; starts a
# private broker for the channel benchmark. HL_BIN is the build directory.
set -euo pipefail
: "${HL_BIN:?}"
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
