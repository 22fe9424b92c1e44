#!/usr/bin/env bash
# The demo: a broker in a throwaway state directory with an admin account,
# and a few hotline-ctl commands against it. HL_BIN is the build directory.
set -euo pipefail
: "${HL_BIN:?}"
BROKER="$HL_BIN/server/hotline-broker"
CTL="$HL_BIN/tools/hotline-ctl"
D=$(mktemp -d "${TMPDIR:-/tmp}/hotline-demo.XXXXXX")
BROKER_PID=""
trap '[ -n "$BROKER_PID" ] && kill "$BROKER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$D"' EXIT

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
run() { step "$*"; "$@"; }

printf 'demo-admin-pw\n' >"$D/admin.pw"
printf 'demo-agent-pw\n' >"$D/agent.pw"
run "$BROKER" init --state "$D/state" --admin admin --display "Demo Admin" --password-file "$D/admin.pw"
PIN=$("$BROKER" fingerprint --state "$D/state")
URL="ipc://$D/broker.sock"
step "$BROKER run --state $D/state --listen $URL &"
"$BROKER" run --state "$D/state" --listen "$URL" 2>"$D/broker.log" &
BROKER_PID=$!
for _ in $(seq 100); do grep -q ready "$D/broker.log" && break; sleep 0.1; done

export HOTLINE_BROKER="$URL" HOTLINE_PIN="$PIN" HOTLINE_USER=admin HOTLINE_PASSWORD_FILE="$D/admin.pw"
step "export HOTLINE_BROKER=$URL HOTLINE_PIN=$PIN HOTLINE_USER=admin HOTLINE_PASSWORD_FILE=…"
run "$CTL" whoami
run "$CTL" ping --count 5 --interval-ms 0
run "$CTL" team add floor-1
run "$CTL" user add xiaoli --role agent --team floor-1 --display "王小丽" --password-file "$D/agent.pw"
run "$CTL" user add zhang --role team_lead --team floor-1 --display "张班长" --password-file "$D/agent.pw"
run "$CTL" user list
run "$CTL" --json team list
step "HOTLINE_USER=xiaoli $CTL user add mallory --role admin …   # an agent may not"
HOTLINE_USER=xiaoli HOTLINE_PASSWORD_FILE="$D/agent.pw" "$CTL" user add mallory --role admin \
	--password-file "$D/agent.pw" || echo "(exit $?: permission denied, and audited)"
run "$CTL" audit list --verify
step "broker log"
cat "$D/broker.log"
if [ -t 0 ]; then
	printf '\nThe broker is still running at %s (pin %s).\nPress Enter to stop it and remove %s.\n' \
		"$URL" "$PIN" "$D"
	read -r _
fi
