# The text rules on the web chat against a real broker: every bad kind of
# text in every visitor field is refused with bad_field naming the field,
# never stored, never echoed, never shown to the agent
# (tests/integration/web_text.py; docs/webchat.md, "Text rules").
. "$(dirname "$0")/lib.sh"

command -v sqlite3 >/dev/null || { echo "skipped: no sqlite3 CLI (apt-get install sqlite3)"; exit 77; }
init_state || exit 1
WEBPORT=$(free_port)
start_broker --web "http://127.0.0.1:$WEBPORT" || exit 1
export CTL T WEBPORT
# The visitor prints every message it gets; keep the verdicts and details.
timeout 240 python3 "$(dirname "$0")/web_text.py" >"$T/web_text.out" 2>&1
rc=$?
grep -E '^(ok - |FAIL - |  \| |[0-9]+ passed|Traceback)' "$T/web_text.out"
[ "$rc" -eq 0 ] || tail -n 5 "$T/web_text.out"
[ "$rc" -eq 0 ] || FAILS=$((FAILS + 1))
exit "$rc"
