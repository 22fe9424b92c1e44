# Exactly once: hotline-ctl through a fault-injecting proxy (forged
# "session unknown", a dropped connection) makes each change once and
# reports success; an idempotency key reused for another request is refused.
. "$(dirname "$0")/lib.sh"

init_state || exit 1
WEBPORT=$(free_port)
start_broker --web "http://127.0.0.1:$WEBPORT" || exit 1
export CTL T PORT WEBPORT
timeout 240 python3 "$(dirname "$0")/exactly_once.py"
