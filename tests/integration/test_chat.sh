# Chats end to end: a visitor on the web chat and agents driven by
# hotline-ctl — offer, accept, lines both ways in Chinese, typing, reload
# and resume, transfer with a note, end, rating, wrap-up, decline, abandon,
# closed hours with a left message, and the floor's figures.
. "$(dirname "$0")/lib.sh"

init_state || exit 1
WEBPORT=$(free_port)
start_broker --web "http://127.0.0.1:$WEBPORT" || exit 1
export CTL T WEBPORT
timeout 240 python3 "$(dirname "$0")/chat_flow.py"
