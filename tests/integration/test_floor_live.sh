# The supervisor's floor end to end: the last-30-minutes figures, the agent
# grid and its scope, driven by a web visitor (floor_live.py).
. "$(dirname "$0")/lib.sh"

init_state || exit 1
WEBPORT=$(free_port)
start_broker --web "http://127.0.0.1:$WEBPORT" || exit 1
export CTL T WEBPORT
timeout 180 python3 "$(dirname "$0")/floor_live.py"
