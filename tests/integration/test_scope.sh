# Request scope end to end: an agent reaches only their own conversations'
# transcripts and their own password; leads, QA and admins reach further;
# refusals are audited (scope.py).
. "$(dirname "$0")/lib.sh"

init_state || exit 1
WEBPORT=$(free_port)
start_broker --web "http://127.0.0.1:$WEBPORT" || exit 1
export CTL T WEBPORT
timeout 180 python3 "$(dirname "$0")/scope.py"
