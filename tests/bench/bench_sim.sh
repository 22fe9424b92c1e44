#!/usr/bin/env bash
# Chat load benchmark: a private broker, AGENTS simulated agents and
# simulated customers arriving at CPM a minute for DURATION seconds
# (hotline-sim run), then the broker's peak RSS and CPU. HL_BIN is the
# build directory. Usage: bench_sim.sh [AGENTS] [CPM] [DURATION] [TYPING_MS]
set -euo pipefail
: "${HL_BIN:?}"
AGENTS=${1:-500}
CPM=${2:-6600}
DURATION=${3:-60}
TYPING=${4:-1800}
T=$(mktemp -d "${TMPDIR:-/tmp}/hotline-bench-sim.XXXXXX")
BROKER_PID=""
trap '[ -n "$BROKER_PID" ] && kill $BROKER_PID 2>/dev/null; wait 2>/dev/null; rm -rf "$T"' EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
printf 'bench-admin-pw\n' >"$T/admin.pw"
printf 'bench-agent-pw\n' >"$T/agent.pw"
"$HL_BIN/server/hotline-broker" init --state "$T/state" --admin admin --password-file "$T/admin.pw" >/dev/null
PIN=$("$HL_BIN/server/hotline-broker" fingerprint --state "$T/state")
WEB=$(port)
# Every simulated customer comes from 127.0.0.1, and every agent over IPC
# counts as one source ("local"): the limits per source address are for the
# public, not for one load machine.
printf '[web]\nmax_conns = 50000\nmax_conns_per_addr = 50000\naddr_rate_factor = 10000\n[limits]\nprelogin_per_address = 5000\n' >"$T/broker.ini"
"$HL_BIN/server/hotline-broker" run --state "$T/state" --listen "ipc://$T/b.sock" \
	--web "http://127.0.0.1:$WEB" --config "$T/broker.ini" 2>"$T/broker.log" &
BROKER_PID=$!
for _ in $(seq 100); do grep -q ready "$T/broker.log" && break; sleep 0.1; done
export HOTLINE_BROKER="ipc://$T/b.sock" HOTLINE_PIN="$PIN" HOTLINE_USER=admin HOTLINE_PASSWORD_FILE="$T/admin.pw"
C=("$HL_BIN/tools/hotline-ctl" --session "$T/admin.session")
"${C[@]}" queue add sales --strategy longest_idle --label-en Enquiry --label-zh 业务咨询 >/dev/null
echo "setting up $AGENTS agents…" >&2
for i in $(seq 1 "$AGENTS"); do
	"${C[@]}" user add "simagent$i" --role agent --password-file "$T/agent.pw" >/dev/null
	"${C[@]}" agent setup "simagent$i" --skill sales=5 --capacity 4 >/dev/null
done
read -r u0 s0 < <(awk '{print $14, $15}' "/proc/$BROKER_PID/stat")
t0=$(date +%s.%N)
"$HL_BIN/tools/hotline-sim" run --broker "ipc://$T/b.sock" --pin "$PIN" \
	--web "ws://127.0.0.1:$WEB/chat" --customers "$CPM" --agents "$AGENTS" --duration "$DURATION" \
	--typing-ms "$TYPING" --password-file "$T/agent.pw" --seed 11 || true
t1=$(date +%s.%N)
read -r u1 s1 < <(awk '{print $14, $15}' "/proc/$BROKER_PID/stat")
hz=$(getconf CLK_TCK)
python3 - "$u0" "$s0" "$u1" "$s1" "$hz" "$t0" "$t1" "/proc/$BROKER_PID/status" <<'PY'
import sys
u0, s0, u1, s1, hz = (int(x) for x in sys.argv[1:6])
t0, t1 = float(sys.argv[6]), float(sys.argv[7])
hwm = [l for l in open(sys.argv[8]) if l.startswith("VmHWM")][0].split()[1]
cpu = (u1 - u0 + s1 - s0) / hz
print("broker: peak RSS %.1f MiB; CPU %.1f s over %.1f s of run = %.0f %% of one core"
      % (int(hwm) / 1024, cpu, t1 - t0, 100 * cpu / (t1 - t0)))
PY
