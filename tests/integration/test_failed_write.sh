# A failed write fails the turn: with the test-only broker's writes failing
# (tests/faults/), an agent's chat line is answered "storage failed, nothing
# was changed, retry", never an ack; the broker logs why and
# stops with exit 1; after a restart with writes working, the same command
# re-run with its idempotency key stores the line exactly once, and a third
# run gets the first answer without a second line. A visitor whose chat
# cannot be stored gets an error line with code storage_failed.
. "$(dirname "$0")/lib.sh"

BROKER="$HL_BIN/tests/hotline-broker-faults"
FAILFILE="$T/fail-writes"
export HL_TEST_FAIL_WRITES_FILE="$FAILFILE"
WEBPORT=$(free_port)
init_state && start_broker --web "http://127.0.0.1:$WEBPORT" || exit 1

ctl queue add sales --label-en Enquiry --label-zh 业务咨询 >/dev/null
APW=$(pwfile ann 'ann-secret-123')
ctl user add ann --role agent --display '王小丽' --password-file "$APW" >/dev/null
ctl agent setup ann --skill sales=5 --capacity 2 >/dev/null
ann() { as ann "$APW" --session "$T/ann.session" "$@"; }
expect_exit 0 "ann goes available" ann agent state available

# A visitor starts a chat and stays connected; ann takes it.
timeout 60 python3 "$(dirname "$0")/wsclient.py" 127.0.0.1 "$WEBPORT" \
	'{"type":"hello","lang":"zh"}' 'wait:welcome' \
	'{"type":"start","item":"sales","text":"你好，我的订单还没到"}' 'sleep:50' \
	>"$T/visitor.out" 2>&1 &
CID=""
for _ in $(seq 15); do
	ann --json events --until offer --timeout-s 4 --wait-ms 1000 >"$T/ev" 2>/dev/null
	CID=$(python3 -c '
import json,sys
for l in open(sys.argv[1]):
    l=l.strip()
    if l and "offer" in json.loads(l): print(json.loads(l)["offer"]["contact"]); break' "$T/ev")
	[ -n "$CID" ] && break
done
check "ann is offered the chat" [ -n "$CID" ]
expect_exit 0 "ann accepts" ann agent accept "$CID"

LINE='已为您查询，订单明天送达'
count_lines() {
	ann --json chat transcript "$CID" | python3 -c '
import json,sys
print([l["text"] for l in json.load(sys.stdin).get("lines",[])].count(sys.argv[1]))' "$LINE"
}

# --- writes fail: the line is refused, not acknowledged ---
touch "$FAILFILE"
HOTLINE_IDEM_KEY=line-1 ann chat send "$CID" "$LINE" >"$T/out" 2>"$T/err"; rc=$?
check "a chat line sent while writes fail is not acknowledged (exit $rc)" [ "$rc" -ne 0 ]
check "  the sender is told storage failed and nothing changed" \
	grep -q "storage failed, nothing was changed, retry" "$T/err"
stopped=""
for _ in $(seq 100); do kill -0 "$BROKER_PID" 2>/dev/null || { stopped=1; break; }; sleep 0.1; done
check "the broker stops by itself" [ -n "$stopped" ]
wait "$BROKER_PID"; brc=$?; BROKER_PID=""
check "  with exit status 1 (got $brc), so a supervisor restarts it" [ "$brc" -eq 1 ]
check "  and its log says a write failed, the turn was rolled back, and why it stopped" \
	grep -q "a write to the database failed; the turn was rolled back and its 1 request(s)" "$T/broker.log"

# --- writes work again: the retry stores the line once ---
rm -f "$FAILFILE"
start_broker --web "http://127.0.0.1:$WEBPORT" || exit 1
check "the refused line was not stored" [ "$(count_lines)" = 0 ]
ANN_KEYED="env HOTLINE_IDEM_KEY=line-1 HOTLINE_USER=ann HOTLINE_PASSWORD_FILE=$APW $CTL --session $T/ann.session"
expect_exit 0 "the same command re-run with its key succeeds" $ANN_KEYED chat send "$CID" "$LINE"
check "  and the line is stored exactly once" [ "$(count_lines)" = 1 ]
expect_exit 0 "a third run with the same key gets the first answer" $ANN_KEYED chat send "$CID" "$LINE"
check "  and there is still one line" [ "$(count_lines)" = 1 ]
check "  (the broker says it was a retry, not run again)" grep -q "a retry of .chat" "$T/broker.log"

# --- a visitor whose chat cannot be stored is told so too ---
GO="$T/go"
timeout 60 python3 "$(dirname "$0")/wsclient.py" 127.0.0.1 "$WEBPORT" \
	'{"type":"hello","lang":"en"}' 'wait:welcome' "waitfile:$GO" \
	'{"type":"start","item":"sales","text":"my parcel is late"}' 'wait:error' \
	>"$T/visitor2.out" 2>&1 &
VPID=$!
for _ in $(seq 100); do grep -q '"welcome"' "$T/visitor2.out" && break; sleep 0.1; done
touch "$FAILFILE" "$GO"
wait "$VPID"
check "a visitor starting a chat while writes fail gets a storage_failed error" \
	grep -q '"code": "storage_failed"' "$T/visitor2.out"
for _ in $(seq 100); do kill -0 "$BROKER_PID" 2>/dev/null || break; sleep 0.1; done
wait "$BROKER_PID"; brc=$?; BROKER_PID=""
check "  and the broker stopped again (exit $brc)" [ "$brc" -eq 1 ]
check "  saying one visitor was told" grep -q "0 request(s) and 1 visitor(s) were told" "$T/broker.log"

# The installed broker cannot fail a write on purpose: the seam is not in it.
check "the real broker has no fault hook" sh -c "! grep -q HL_TEST_FAIL_WRITES_FILE '$HL_BIN/server/hotline-broker'"
finish
