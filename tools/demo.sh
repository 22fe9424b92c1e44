#!/usr/bin/env bash
# The demo: a broker in a throwaway state directory with demo queues (menu
# in Chinese and English), simulated agents and customers from hotline-sim,
# the customer web chat to try in a browser, a live floor view, and — when
# run in a terminal with tmux — a hotline-agent logged in as the demo agent
# 王小丽 for the person to drive. HL_BIN is the build directory.
set -euo pipefail
: "${HL_BIN:?}"
BROKER="$HL_BIN/server/hotline-broker"
CTL="$HL_BIN/tools/hotline-ctl"
SIM="$HL_BIN/tools/hotline-sim"
AGENT="$HL_BIN/agent-tui/hotline-agent"
D=$(mktemp -d "${TMPDIR:-/tmp}/hotline-demo.XXXXXX")
PIDS=()
cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$D"
}
trap cleanup EXIT

# Bold only on a terminal: piped into a file or a pager the text stays plain.
if [ -t 1 ]; then BOLD=$'\033[1m' PLAIN=$'\033[0m'; else BOLD="" PLAIN=""; fi
step() { printf '\n%s$ %s%s\n' "$BOLD" "$*" "$PLAIN"; }
run() { step "$*"; "$@"; }
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

printf 'demo-admin-pw\n' >"$D/admin.pw"
printf 'demo-agent-pw\n' >"$D/agent.pw"
run "$BROKER" init --state "$D/state" --admin admin --display "Demo Admin" --password-file "$D/admin.pw"
PIN=$("$BROKER" fingerprint --state "$D/state")
URL="ipc://$D/broker.sock"
WEBPORT=${HOTLINE_DEMO_WEB_PORT:-$(free_port)}
WEB="http://127.0.0.1:$WEBPORT"
# The simulated customers all come from 127.0.0.1: the web port's limits
# per source address are raised for them (docs/operations.md §10).
printf '[web]\nmax_conns_per_addr = 2000\naddr_rate_factor = 100\n' >"$D/broker.ini"
step "$BROKER run --state $D/state --listen $URL --web $WEB --config $D/broker.ini &"
"$BROKER" run --state "$D/state" --listen "$URL" --web "$WEB" --config "$D/broker.ini" 2>"$D/broker.log" &
PIDS+=($!)
for _ in $(seq 100); do grep -q ready "$D/broker.log" && break; sleep 0.1; done

export HOTLINE_BROKER="$URL" HOTLINE_PIN="$PIN" HOTLINE_USER=admin HOTLINE_PASSWORD_FILE="$D/admin.pw"
step "export HOTLINE_BROKER=$URL HOTLINE_PIN=$PIN HOTLINE_USER=admin HOTLINE_PASSWORD_FILE=…"

# The menu of SPEC §2: each item leads to a queue.
q() { "$CTL" queue add "$@" >/dev/null; }
step "queues: enquiry 业务咨询, lookup 查询, service 办理, aftersales 售后, complaint 投诉建议"
q enquiry --strategy longest_idle --sl 80/20 --label-en "Enquiry" --label-zh "业务咨询"
q lookup --strategy least_occupied --sl 80/20 --label-en "Lookup" --label-zh "查询"
q service --strategy skill_level --sl 80/30 --label-en "Service request" --label-zh "办理"
q aftersales --strategy round_robin --sl 80/30 --label-en "After-sales" --label-zh "售后"
q complaint --strategy skill_level --priority 5 --sl 90/20 --label-en "Complaint or suggestion" \
	--label-zh "投诉建议"
"$CTL" team add floor-1 >/dev/null
N=${HOTLINE_DEMO_AGENTS:-12}
step "agents: simagent1..$N (simulated) and xiaoli 王小丽 (yours)"
for i in $(seq 1 "$N"); do
	"$CTL" user add "simagent$i" --role agent --team floor-1 --display "模拟坐席$i" \
		--password-file "$D/agent.pw" >/dev/null
	"$CTL" agent setup "simagent$i" --skill enquiry=$((i % 10 + 1)) --skill lookup=5 \
		--skill service=$(((i * 3) % 10 + 1)) --skill aftersales=6 --skill complaint=$((i % 5 + 4)) \
		--capacity 3 >/dev/null
done
"$CTL" user add xiaoli --role agent --team floor-1 --display "王小丽" --password-file "$D/agent.pw" >/dev/null
"$CTL" agent setup xiaoli --skill enquiry=9 --skill complaint=9 --capacity 2 >/dev/null
run "$CTL" queue list

SIMARGS=(run --broker "$URL" --pin "$PIN" --web "ws://127.0.0.1:$WEBPORT/chat"
	--customers "${HOTLINE_DEMO_CPM:-20}" --agents "$N" --duration "${HOTLINE_DEMO_SECONDS:-600}"
	--password-file "$D/agent.pw" --seed 7)
printf '\nThe customer web chat: %s%s/%s  (add ?lang=en or ?lang=zh)\n' "$BOLD" "$WEB" "$PLAIN"

if [ -t 0 ] && [ -t 1 ] && command -v tmux >/dev/null && [ -x "$AGENT" ]; then
	# Every window gets its environment on its command line: a tmux server
	# that was already running would give its panes its own environment,
	# without the broker's address, the pin or the locale.
	LOC="LANG=${LANG:-C.UTF-8}${LC_ALL:+ LC_ALL=$LC_ALL}"
	ENV_ADMIN="env $LOC HOTLINE_BROKER=$URL HOTLINE_PIN=$PIN HOTLINE_USER=admin HOTLINE_PASSWORD_FILE=$D/admin.pw"
	ENV_AGENT="env $LOC HOTLINE_BROKER=$URL HOTLINE_PIN=$PIN HOTLINE_USER=xiaoli HOTLINE_PASSWORD_FILE=$D/agent.pw"
	W_AGENT="$ENV_AGENT $AGENT; bash"
	W_FLOOR="$ENV_ADMIN watch -n 2 -t $CTL floor"
	W_SIM="$ENV_ADMIN $SIM ${SIMARGS[*]}; bash"
	W_LOG="tail -f $D/broker.log"
	if [ -n "${TMUX:-}" ]; then
		# Already inside tmux: new windows in this session, not a nested one.
		WINS=()
		WINS+=("$(tmux new-window -d -P -F '#{window_id}' -n hl-floor "$W_FLOOR")")
		WINS+=("$(tmux new-window -d -P -F '#{window_id}' -n hl-sim "$W_SIM")")
		WINS+=("$(tmux new-window -d -P -F '#{window_id}' -n hl-broker "$W_LOG")")
		WINS+=("$(tmux new-window -P -F '#{window_id}' -n hl-agent "$W_AGENT")")
		printf 'Opened tmux windows hl-agent (you are 王小丽), hl-floor, hl-sim, hl-broker.\n'
		printf 'Web chat: %s/\nPress Enter here to stop the demo (or close every hl- window).\n' "$WEB"
		while :; do
			left=0
			for w in "${WINS[@]}"; do
				tmux list-windows -a -F '#{window_id}' 2>/dev/null | grep -qx "$w" && left=1
			done
			[ "$left" -eq 1 ] || break
			read -r -t 1 _ && break
		done
		for w in "${WINS[@]}"; do tmux kill-window -t "$w" 2>/dev/null || true; done
	else
		S=hotline-demo-$$
		tmux new-session -d -s "$S" -n agent "$W_AGENT"
		tmux new-window -t "$S" -n floor "$W_FLOOR"
		tmux new-window -t "$S" -n sim "$W_SIM"
		tmux new-window -t "$S" -n broker "$W_LOG"
		tmux select-window -t "$S:agent"
		printf 'Opening tmux session %s: windows agent (you are 王小丽), floor, sim, broker.\n' "$S"
		printf 'Web chat: %s/   Leave tmux with Ctrl-b d; the demo ends when the session does.\n' "$WEB"
		sleep 1
		tmux attach -t "$S" || true
		tmux kill-session -t "$S" 2>/dev/null || true
	fi
else
	SECS=${HOTLINE_DEMO_SECONDS:-30}
	SIMARGS=(run --broker "$URL" --pin "$PIN" --web "ws://127.0.0.1:$WEBPORT/chat"
		--customers "${HOTLINE_DEMO_CPM:-60}" --agents "$N" --duration "$SECS"
		--password-file "$D/agent.pw" --seed 7)
	step "$SIM ${SIMARGS[*]} &"
	"$SIM" "${SIMARGS[@]}" >"$D/sim.out" 2>"$D/sim.err" &
	SIMPID=$!
	PIDS+=($SIMPID)
	for t in $(seq 10 10 "$SECS"); do
		sleep 10
		step "hotline-ctl floor    # after ${t} s"
		"$CTL" floor || true
	done
	wait "$SIMPID" || true
	step "hotline-sim's figures"
	cat "$D/sim.out"
	if [ -t 0 ]; then
		printf '\nThe broker is still running; the web chat is at %s/\nPress Enter to stop.\n' "$WEB"
		read -r _
	fi
fi
