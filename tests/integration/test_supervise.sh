# Listen, whisper, barge and take over end to end: the role and scope
# matrix of each, what the web visitor, the agent and a listener see, and
# the audit (supervise.py).
. "$(dirname "$0")/lib.sh"

init_state || exit 1
WEBPORT=$(free_port)
start_broker --web "http://127.0.0.1:$WEBPORT" || exit 1
export CTL T WEBPORT
timeout 240 python3 "$(dirname "$0")/supervise.py"
