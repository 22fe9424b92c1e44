# The customer web chat end to end, in a real browser: headless Chromium
# (tests/e2e/webchat.mjs) is the customer on a phone-sized page, hotline-ctl
# with a persistent session is the agent 王小丽. The customer picks the
# menu (and sees the item and their place in the queue), writes in Chinese,
# the agent accepts the offer and replies, the page is reloaded and resumes,
# the agent transfers the chat to after-sales where 王大伟 takes it (system
# lines in Chinese, then in English after the language switch; the header
# follows), the customer ends and rates; the broker keeps the transcript and
# the rating; the new agent wraps up.
#
# Needs /usr/bin/chromium and node (with npm the first time, for
# playwright-core). Without them the test is skipped, unless
# HL_REQUIRE_BROWSER is set (CI), where their absence is a failure.
HERE=$(cd "$(dirname "$0")" && pwd)
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export CHROMIUM

missing=""
[ -x "$CHROMIUM" ] || missing="$missing $CHROMIUM"
command -v node >/dev/null 2>&1 || missing="$missing node"
if [ -n "$missing" ]; then
	if [ -n "${HL_REQUIRE_BROWSER:-}" ]; then
		echo "FAIL - HL_REQUIRE_BROWSER is set but these are missing:$missing"
		echo "0 passed, 1 failed"
		exit 1
	fi
	echo "skipped: no$missing (install chromium and nodejs, or set HL_REQUIRE_BROWSER to make this a failure)"
	exit 77
fi

. "$HERE/../integration/lib.sh"

abort() { fail "$*"; finish; exit 1; }

# quiet COMMAND...: runs it, shows its stderr (indented) only on failure.
quiet() {
	"$@" >"$T/q.out" 2>"$T/q.err" && return 0
	local rc=$?
	sed 's/^/  | /' "$T/q.err" "$T/q.out" | head -8
	return $rc
}

if [ ! -d "$HERE/node_modules/playwright-core" ]; then
	command -v npm >/dev/null 2>&1 || abort "npm is needed once to install playwright-core (tests/e2e/package-lock.json)"
	(cd "$HERE" && timeout 300 npm ci --silent --no-audit --no-fund) >"$T/npm.log" 2>&1 ||
		{ sed 's/^/  | /' "$T/npm.log" | tail -20; abort "npm ci in tests/e2e"; }
fi

CUSTOMER_TEXT='你好，我想查询订单 12345 的物流状态'
AGENT_REPLY='您好，已为您查到：订单已发货'
AGENT_NAME='王小丽'
NEW_AGENT_NAME='王大伟'
CTL_DIR="$T/webchat"
mkdir -p "$CTL_DIR"
NODE_PID=""

# Stops the customer's browser before lib.sh's cleanup stops the broker.
stop_node() {
	if [ -n "${TYPING_PID:-}" ]; then kill "$TYPING_PID" 2>/dev/null; fi
	if [ -n "$NODE_PID" ] && kill -0 "$NODE_PID" 2>/dev/null; then
		kill "$NODE_PID" 2>/dev/null
		for _ in $(seq 50); do kill -0 "$NODE_PID" 2>/dev/null || break; sleep 0.1; done
		kill -KILL "$NODE_PID" 2>/dev/null
	fi
	if [ -n "${KEEP_SHOTS:-}" ]; then cp "$CTL_DIR"/*.png "$KEEP_SHOTS"/ 2>/dev/null; fi
}
trap 'stop_node; cleanup' EXIT

WEBPORT=$(free_port)
WEB="http://127.0.0.1:$WEBPORT"
init_state || abort "broker init"
start_broker --web "$WEB" || abort "broker with --web $WEB did not start"

F=$(pwfile xiaoli 'xiaoli-secret-1')
FW=$(pwfile dawei 'dawei-secret-12')
check "queue sales with menu labels" quiet ctl queue add sales --strategy longest_idle --label-en "Enquiry" --label-zh "业务咨询"
check "queue aftersales with menu labels" quiet ctl queue add aftersales --label-en "After-sales" --label-zh "售后服务"
check "agent user xiaoli (王小丽)" quiet ctl user add xiaoli --role agent --display "$AGENT_NAME" --password-file "$F"
check "agent user dawei (王大伟)" quiet ctl user add dawei --role agent --display "$NEW_AGENT_NAME" --password-file "$FW"
check "xiaoli: skill sales=5, capacity 2" quiet ctl agent setup xiaoli --skill sales=5 --capacity 2
check "dawei: skill aftersales=5" quiet ctl agent setup dawei --skill aftersales=5
[ "$FAILS" -eq 0 ] || abort "set-up failed; not starting the browser"

# The agents' hotline-ctl sessions, kept across commands. xiaoli goes
# available only once the customer has seen their place in the queue.
xl() { as xiaoli "$F" --session "$T/xiaoli.session" "$@"; }
dw() { as dawei "$FW" --session "$T/dawei.session" "$@"; }

check "the page is served at /" python3 - "$WEB" <<'EOF'
import sys, urllib.request
r = urllib.request.urlopen(sys.argv[1] + "/?lang=zh", timeout=5)
body = r.read().decode("utf-8")
assert r.status == 200, r.status
assert r.headers.get_content_type() == "text/html", r.headers.get("content-type")
assert 'id="messages"' in body and "chat.js" in body, body[:200]
EOF

# The customer: headless Chromium, in the background.
(cd "$HERE" && AGENT_REPLY="$AGENT_REPLY" AGENT_NAME="$AGENT_NAME" NEW_AGENT_NAME="$NEW_AGENT_NAME" \
	ITEM_LABEL_ZH="业务咨询" TRANSFER_LABEL_ZH="售后服务" TRANSFER_LABEL_EN="After-sales" \
	exec timeout -k 5 170 node webchat.mjs "$WEB/" "$CTL_DIR") >"$T/node.log" 2>&1 &
NODE_PID=$!

show_node() { echo "--- webchat.mjs ---"; sed 's/^/  | /' "$T/node.log" | tail -40; }

# wait_for SECONDS COMMAND...: retries every 0.2 s until it succeeds.
wait_for() {
	local secs=$1; shift
	local end=$((SECONDS + secs))
	while [ "$SECONDS" -lt "$end" ]; do
		"$@" && return 0
		sleep 0.2
	done
	return 1
}
end=$((SECONDS + 60))
while [ ! -e "$CTL_DIR/customer_sent" ] && [ "$SECONDS" -lt "$end" ] && kill -0 "$NODE_PID" 2>/dev/null; do
	sleep 0.2
done
if [ ! -e "$CTL_DIR/customer_sent" ]; then
	show_node; abort "the customer's message was not sent and acknowledged within 60 s"
fi
pass "the customer picked the menu, saw their place in the queue, and the broker acknowledged the Chinese message"
check "xiaoli is available" quiet xl agent state available

# The offer, from the agent's event stream.
CONTACT=""
: >"$T/events.out"
end=$((SECONDS + 60))
while [ -z "$CONTACT" ] && [ "$SECONDS" -lt "$end" ]; do
	xl --json events --count 50 --wait-ms 2000 --until offer >>"$T/events.out" 2>"$T/events.err"
	CONTACT=$(python3 -c '
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    try:
        e = json.loads(l)
    except ValueError:
        continue
    o = e.get("offer") if isinstance(e, dict) else None
    if o and o.get("contact"):
        print(o["contact"])
        break' "$T/events.out")
	[ -n "$CONTACT" ] || sleep 0.5
done
if [ -z "$CONTACT" ]; then
	sed 's/^/  | /' "$T/events.out" "$T/events.err" | tail -20
	show_node; abort "no offer reached xiaoli within 60 s"
fi
pass "xiaoli was offered contact $CONTACT"

check "the offer is for queue sales and carries the visitor trail from the page" python3 - "$T/events.out" "$CONTACT" "$WEB" <<'EOF'
import json, sys
path, contact, web = sys.argv[1:4]
offer = None
for l in open(path, encoding="utf-8"):
    try:
        e = json.loads(l)
    except ValueError:
        continue
    if isinstance(e, dict) and (e.get("offer") or {}).get("contact") == contact:
        offer = e["offer"]
        break
assert offer["queue"] == "sales", offer
v = offer.get("visitor") or {}
problems = []
if not v.get("device", "").startswith("mobile Android"):
    problems.append("device %r, wanted 'mobile Android …'" % v.get("device"))
if not v.get("landing", "").startswith(web):
    problems.append("landing %r, wanted the page's URL" % v.get("landing"))
if not any(p.startswith(web) for p in v.get("pages", [])):
    problems.append("pages %r lack the page" % v.get("pages"))
if problems:
    print("  | offer: " + json.dumps(offer, ensure_ascii=False)[:400])
    print("  | " + "; ".join(problems))
    sys.exit(1)
EOF

check "xiaoli accepts $CONTACT" quiet xl agent accept "$CONTACT"

printf '%s' "$CUSTOMER_TEXT" >"$T/customer.txt"
customer_line_in_transcript() {
	xl --json chat transcript "$CONTACT" >"$T/transcript.json" 2>"$T/transcript.err" || return 1
	python3 - "$T/transcript.json" "$T/customer.txt" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
want = open(sys.argv[2], "rb").read()
lines = [l for l in d.get("lines", []) if l.get("from") == "customer"]
sys.exit(0 if any(l.get("text", "").encode("utf-8") == want for l in lines) else 1)
EOF
}
if wait_for 20 customer_line_in_transcript; then
	pass "the transcript holds the customer's line byte for byte"
else
	sed 's/^/  | /' "$T/transcript.json" "$T/transcript.err" | head -20
	fail "the customer's line is not in the transcript, byte for byte"
fi

# Typing, where hotline-ctl has it; the page must then have shown it.
if xl chat typing "$CONTACT" on >"$T/typing.out" 2>&1; then
	touch "$CTL_DIR/agent_typed"
	sleep 1
	pass "xiaoli's typing indicator sent"
else
	echo "# note: 'chat typing $CONTACT on' not available: $(head -c 200 "$T/typing.out")"
fi
check "xiaoli replies" quiet xl chat send "$CONTACT" "$AGENT_REPLY"

# Typing is live, never stored: the agent's event stream is followed from
# before the customer types, as the desk's long poll does, not read later.
# One process at a time uses xiaoli's session (a resume moves it), so the
# script waits for this listener before it acts as xiaoli again.
: >"$T/events2.out"
xl --json events --count 500 --wait-ms 1000 --until typing --timeout-s 60 \
	>>"$T/events2.out" 2>/dev/null &
TYPING_PID=$!
sleep 1
touch "$CTL_DIR/agent_listening"
wait_typing_listener() {
	# --until typing stops at the first typing event; the agent's own
	# indicator is not echoed to her, so what it saw is the customer's.
	timeout 70 tail --pid="$TYPING_PID" -f /dev/null
	kill "$TYPING_PID" 2>/dev/null
	wait "$TYPING_PID" 2>/dev/null
	TYPING_PID=""
}
wait_typing_listener

# The customer sees the reply and reloads; then the chat is transferred to
# after-sales, where dawei takes it.
end=$((SECONDS + 90))
while [ ! -e "$CTL_DIR/want_transfer" ] && [ "$SECONDS" -lt "$end" ] && kill -0 "$NODE_PID" 2>/dev/null; do
	sleep 0.2
done
if [ -e "$CTL_DIR/want_transfer" ]; then
	check "dawei is available" quiet dw agent state available
	check "xiaoli transfers $CONTACT to after-sales" quiet xl chat transfer "$CONTACT" --queue aftersales
	dawei_accepts() {
		dw --json events --count 50 --wait-ms 2000 --until offer --timeout-s 5 >/dev/null 2>&1
		dw agent accept "$CONTACT" >/dev/null 2>&1
	}
	check "dawei accepts $CONTACT" wait_for 40 dawei_accepts
else
	fail "the page did not ask for the transfer"
fi

# The customer ends and rates; wait for the browser.
timeout 190 tail --pid="$NODE_PID" -f /dev/null
wait "$NODE_PID"; nrc=$?
NODE_PID=""
if [ "$nrc" -eq 0 ]; then
	pass "the customer's browser session passed (reply, reload, end, rating, thanks)"
else
	show_node; fail "the customer's browser session failed (exit $nrc)"
fi
check "a screenshot was taken" test -s "$CTL_DIR/webchat.png"

# The customer typed after the agent's reply: the agent's event stream has
# the customer's typing indicator.
customer_typing_seen() {
	python3 -c '
import json, sys
on = False
for l in open(sys.argv[1], encoding="utf-8"):
    try:
        e = json.loads(l)
    except ValueError:
        continue
    t = e.get("typing") if isinstance(e, dict) else None
    if t and t.get("contact") == sys.argv[2] and t.get("on") is True:
        on = True
sys.exit(0 if on else 1)' "$T/events2.out" "$CONTACT"
}
if customer_typing_seen; then
	pass "the customer's typing reached the agent's events"
else
	sed 's/^/  | /' "$T/events2.out" | tail -10
	fail "no typing event from the customer reached the agent"
fi

final_transcript() {
	ctl --json chat transcript "$CONTACT" >"$T/final.json" 2>"$T/final.err" ||
		{ sed 's/^/  | /' "$T/final.err" | head -5; return 1; }
	python3 - "$T/final.json" "$T/customer.txt" "$AGENT_REPLY" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
want = open(sys.argv[2], "rb").read().decode("utf-8")
reply = sys.argv[3]
c = d["contact"]
problems = []
for k, v in (("csat", 5), ("nps", 9), ("comment", "很好"), ("ended_by", "customer")):
    if c.get(k) != v:
        problems.append("contact.%s = %r, wanted %r" % (k, c.get(k), v))
texts = [(l.get("from"), l.get("text")) for l in d.get("lines", [])]
if texts.count(("customer", want)) != 1:
    problems.append("customer line present %d times" % texts.count(("customer", want)))
if texts.count(("agent", reply)) != 1:
    problems.append("agent reply present %d times" % texts.count(("agent", reply)))
seqs = [l.get("seq") for l in d.get("lines", [])]
if seqs != sorted(seqs) or len(set(seqs)) != len(seqs):
    problems.append("line seqs not strictly increasing: %r" % seqs)
if problems:
    print("  | " + json.dumps(d, ensure_ascii=False)[:600])
    for p in problems:
        print("  | " + p)
    sys.exit(1)
EOF
}
check "the transcript keeps the rating (5, 9, 很好), ended by the customer, each line once" final_transcript

check "dawei wraps up: resolved, 物流查询" quiet dw agent wrapup --code resolved --note "物流查询"
wrapup_recorded() {
	ctl --json chat transcript "$CONTACT" >"$T/wrapped.json" 2>/dev/null || return 1
	python3 -c '
import json, sys
c = json.load(open(sys.argv[1], encoding="utf-8"))["contact"]
ok = c.get("wrap_code") == "resolved" and c.get("wrap_note") == "物流查询"
if not ok:
    print("  | contact: " + json.dumps(c, ensure_ascii=False)[:400])
sys.exit(0 if ok else 1)' "$T/wrapped.json"
}
check "the wrap-up code and note are on the contact" wrapup_recorded

finish
