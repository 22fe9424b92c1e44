#!/usr/bin/env bash
# Benchmarks the agent desktop (hotline-agent) in tmux against a private
# broker and prints its figures:
#  - frame render time p50/p99 and the desk's CPU with 8 open conversations
#    receiving 50 customer messages a second in total (web visitors);
#  - the desk's CPU when idle;
#  - the time from exec to the first frame of the login screen.
# HL_BIN is the build directory. Options: --seconds N (load, default 20),
# --rate N (messages a second, default 50).
set -u
: "${HL_BIN:?HL_BIN must point at the build directory}"
SECONDS_LOAD=20
RATE=50
while [ $# -gt 0 ]; do
	case $1 in
	--seconds) SECONDS_LOAD=$2; shift 2 ;;
	--rate) RATE=$2; shift 2 ;;
	*) echo "usage: bench_agent.sh [--seconds N] [--rate N]" >&2; exit 2 ;;
	esac
done
. "$(dirname "$0")/../integration/lib.sh"
AGENT="$HL_BIN/agent-tui/hotline-agent"
WSDIR="$(cd "$(dirname "$0")/../integration" && pwd)"
TM="tmux -L hl-agent-bench-$$ -f /dev/null"
trap '$TM kill-server 2>/dev/null; cleanup' EXIT
TCK=$(getconf CLK_TCK)

init_state || exit 1
WEBPORT=$(free_port)
start_broker --web "http://127.0.0.1:$WEBPORT" >/dev/null || exit 1
ctl queue add bench --auto-accept --label-en Bench --label-zh 压测 >/dev/null
XPW=$(pwfile xiaoli 'xiaoli-secret-1')
ctl user add xiaoli --role agent --display 王小丽 --password-file "$XPW" >/dev/null
ctl agent setup xiaoli --skill bench=5 --capacity 8 >/dev/null
mkdir -p "$T/xdg/hotline"
echo "$URL_TCP $PIN" >"$T/xdg/hotline/known_brokers"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
mono_ms() { python3 -c 'import time; print(int(time.monotonic() * 1000))'; }
# frames FILE FROM_MS TO_MS: frame render times drawn in that window.
frames() {
	python3 - "$@" <<'PY'
import sys
path, lo, hi = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
v = sorted(int(p[1]) for p in (l.split() for l in open(path))
           if p and p[0] == "frame_us" and lo <= int(p[3]) <= hi)
if not v:
    print("no frames")
else:
    q = lambda f: v[min(len(v) - 1, int(len(v) * f))] / 1000
    print("%d frames  p50 %.2f ms  p99 %.2f ms  max %.2f ms" % (len(v), q(0.5), q(0.99), v[-1] / 1000))
PY
}

# --- start to login screen: exec to the first frame, 10 runs ---
for i in $(seq 10); do
	rm -f "$T/start.$i"
	$TM new-session -d -s "s$i" -x 80 -y 24 \
		"bash -c 'echo \$EPOCHREALTIME >\"$T/t0.$i\"; exec env -i PATH=\"$PATH\" TERM=screen-256color \
		 LANG=C.UTF-8 HOME=\"$T\" XDG_CONFIG_HOME=\"$T/xdg\" HOTLINE_AGENT_BENCH=\"$T/start.$i\" \"$AGENT\"'"
	for _ in $(seq 100); do grep -q first_frame "$T/start.$i" 2>/dev/null && break; sleep 0.05; done
	$TM kill-session -t "s$i"
done
STARTUP=$(for i in $(seq 10); do
	t0=$(cat "$T/t0.$i"); ff=$(awk '/first_frame_ns/ {print $2}' "$T/start.$i")
	python3 -c "print('%.1f' % (($ff / 1e6) - float('$t0'.replace(',', '.')) * 1e3))"
done | sort -n | awk '{v[NR]=$1} END {printf "median %.1f ms, max %.1f ms (10 runs)", v[int((NR+1)/2)], v[NR]}')

# --- the desk under load ---
$TM new-session -d -s desk -x 120 -y 40 \
	"env -i PATH=\"$PATH\" TERM=screen-256color LANG=C.UTF-8 HOME=\"$T\" XDG_CONFIG_HOME=\"$T/xdg\" \
	 HOTLINE_AGENT_BENCH=\"$T/frames\" HOTLINE_BROKER=\"$URL_TCP\" HOTLINE_USER=xiaoli \
	 HOTLINE_PASSWORD_FILE=\"$XPW\" \"$AGENT\" 2>\"$T/agent.err\""
for _ in $(seq 100); do $TM capture-pane -p -t desk | grep -q "Conversations (0)" && break; sleep 0.1; done
APID=$(pgrep -n -f "^$AGENT\$" || pgrep -n hotline-agent)
$TM send-keys -t desk F2 a
for _ in $(seq 50); do $TM capture-pane -p -t desk | grep -q "Available" && break; sleep 0.1; done

cat >"$T/load.py" <<'PY'
import json, os, select, sys, time
sys.path.insert(0, sys.argv[1])
from wsclient import Visitor
port, rate, secs, mark = int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
vs = []
for i in range(8):
    v = Visitor("127.0.0.1", port)
    v.send({"type": "hello", "lang": "zh"})
    v.wait("welcome")
    v.send({"type": "start", "item": "bench", "text": "客户 %d：你好，我想咨询业务" % i})
    vs.append(v)
for v in vs:
    v.wait("agent", 30)
def drain():
    r, _, _ = select.select([v.s for v in vs], [], [], 0)
    for s in r:
        for v in vs:
            if v.s is s:
                try:
                    v.s.setblocking(False); v.buf += v.s.recv(65536)
                except (BlockingIOError, OSError):
                    pass
                finally:
                    v.s.setblocking(True)
                v.buf = b""
open(mark + ".start", "w").write("")
t0, n = time.time(), 0
while time.time() - t0 < secs:
    due = t0 + n / rate
    if due > time.time():
        time.sleep(due - time.time())
    v = vs[n % 8]
    v.send({"type": "msg", "id": "m%d" % n, "text": "第 %d 条消息：请帮我查一下订单 %d 的状态，谢谢！" % (n, 10000 + n)})
    n += 1
    drain()
el = time.time() - t0
open(mark + ".end", "w").write("")
print("%d messages in %.1f s (%.1f a second) over 8 conversations" % (n, el, n / el))
time.sleep(1)
PY
(cd "$T" && HL_QUIET=1 python3 "$T/load.py" "$WSDIR" "$WEBPORT" "$RATE" "$SECONDS_LOAD" "$T/load" >"$T/load.out" 2>&1) &
LOADPID=$!
for _ in $(seq 300); do [ -e "$T/load.start" ] && break; sleep 0.1; done
M0=$(mono_ms)
C0=$(cpu_ticks "$APID"); W0=$(date +%s.%N)
for _ in $(seq $((SECONDS_LOAD * 10 + 100))); do [ -e "$T/load.end" ] && break; sleep 0.1; done
C1=$(cpu_ticks "$APID"); W1=$(date +%s.%N)
M1=$(mono_ms)
wait $LOADPID
LOAD_CPU=$(python3 -c "print('%.1f' % (100.0 * ($C1 - $C0) / $TCK / ($W1 - $W0)))")
OPEN=$($TM capture-pane -p -t desk | grep -oE 'Conversations \([0-9]+\)' | head -1)

# --- idle: the same desk, nothing happening ---
sleep 3
M2=$(mono_ms)
C2=$(cpu_ticks "$APID"); W2=$(date +%s.%N)
sleep 10
C3=$(cpu_ticks "$APID"); W3=$(date +%s.%N)
M3=$(mono_ms)
IDLE_CPU=$(python3 -c "print('%.2f' % (100.0 * ($C3 - $C2) / $TCK / ($W3 - $W2)))")
$TM send-keys -t desk F10
sleep 1
$TM send-keys -t desk Right Enter
for _ in $(seq 50); do tail -1 "$T/frames" | grep -q '^end' && break; sleep 0.1; done

echo "== hotline-agent ($(nproc) cores; ticks of $((1000 / TCK)) ms)"
echo "load: $(cat "$T/load.out" | tail -1); desk showed: $OPEN"
echo "frame render under load: $(frames "$T/frames" "$M0" "$M1")"
echo "CPU of hotline-agent under load: $LOAD_CPU %"
echo "CPU of hotline-agent idle (10 s, 8 chats open): $IDLE_CPU %; frames drawn: $(frames "$T/frames" "$M2" "$M3" | cut -d' ' -f1-2) (the clocks' once-a-second redraw)"
echo "exec to the login screen's first frame: $STARTUP"
