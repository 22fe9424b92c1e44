# The agent desktop end to end, in tmux against a real broker, in Chinese:
# log in and trust the broker's key; go Available; a web customer starts a
# chat; the offer shows with its countdown; accept (F3); replies both ways
# arrive intact, typing shows both ways; the screen at 80×24, at 200×50 and
# after a resize has no broken characters or borders, also on a row with a
# ZWJ family emoji, a flag and ❤️; transfer with a
# note; a broker restart shows "reconnecting" and the chat goes on; end,
# wrap-up, figures, quit; a changed broker key is refused.
# Also: Not Ready reasons and wrap-up codes are menus of the configured
# codes (Chinese, then English); the transfer menu lists queues by label
# and agents by display name and state; phone numbers are masked in the
# transcript too; F10 signs the agent out at once (Offline, reason logout)
# and no customer is offered to them after; a desk started again shows
# the broker's figures of the day, not an empty session.
. "$(dirname "$0")/../integration/lib.sh"

AGENT="$HL_BIN/agent-tui/hotline-agent"
WSCLIENT="$(cd "$(dirname "$0")/../integration" && pwd)/wsclient.py"
command -v tmux >/dev/null || { echo "tmux is missing (Debian: tmux)"; exit 1; }
[ -x "$AGENT" ] || { echo "no $AGENT"; exit 1; }

TM="tmux -L hl-agent-$$ -f /dev/null"
S=desk
cleanup_tmux() { $TM kill-server 2>/dev/null; }
trap 'cleanup_tmux; cleanup' EXIT

# The Chinese interface: zh_CN.UTF-8 when the machine has it, else
# gettext's LANGUAGE over C.UTF-8 (the same catalogue).
if locale -a 2>/dev/null | grep -qiE '^zh_CN\.utf-?8$'; then
	LANGVARS="LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8"
else
	echo "# zh_CN.UTF-8 locale missing: using LANGUAGE=zh_CN over C.UTF-8"
	LANGVARS="LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=zh_CN"
fi

init_state || exit 1
WEBPORT=$(free_port)
start_broker --web "http://127.0.0.1:$WEBPORT" || exit 1
ctl queue add sales --strategy longest_idle --label-en Enquiry --label-zh 业务咨询 >/dev/null
ctl queue add aftersales --strategy round_robin --label-en After-sales --label-zh 售后 >/dev/null
XPW=$(pwfile xiaoli 'xiaoli-secret-1')
ctl user add xiaoli --role agent --display 王小丽 --password-file "$XPW" >/dev/null
ctl agent setup xiaoli --skill sales=5 --capacity 2 >/dev/null
WPW=$(pwfile wang 'wang-secret-12')
ctl user add wang --role agent --display 王强 --password-file "$WPW" >/dev/null
ctl agent setup wang --skill aftersales=5 >/dev/null
# agent_field NAME FIELD: one field of an agent in 'agent list --json'.
agent_field() { ctl --json agent list | python3 -c '
import json,sys
for r in map(json.loads, sys.stdin):
    if r["name"]==sys.argv[1]: print(r.get(sys.argv[2], ""))' "$1" "$2"; }
# wait_agent NAME STATE REASON SECONDS: polls until the broker says so.
wait_agent() {
	local end=$((SECONDS + $4)) got=""
	while [ $SECONDS -lt $end ]; do
		got="$(agent_field "$1" state) $(agent_field "$1" reason)"
		[ "$got" = "$2 $3" ] && return 0
		sleep 0.2
	done
	echo "  | $1 is '$got', not '$2 $3'"; return 1
}
check "set-up: queues, agent" test "$(ctl queue list | grep -c 'sales')" -ge 2

# --- a scripted web visitor: commands appended to $1.cmd, messages logged ---
cat >"$T/visitor.py" <<'PY'
import json, os, select, sys, time
sys.path.insert(0, os.path.dirname(sys.argv[1]))
from wsclient import Visitor
host, port, base = "127.0.0.1", int(sys.argv[2]), sys.argv[3]
log = open(base + ".log", "a", buffering=1)
def note(m): log.write(json.dumps(m, ensure_ascii=False) + "\n")
v, pos, token, last_seq, end = None, 0, "", 0, time.time() + 280
while time.time() < end:
    cmds = open(base + ".cmd").read() if os.path.exists(base + ".cmd") else ""
    for line in cmds[pos:].splitlines(keepends=True):
        if not line.endswith("\n"):
            break
        pos += len(line)
        line = line.strip()
        if line == "quit":
            sys.exit(0)
        try:
            if v is None or line == "reconnect":
                v = Visitor(host, port)
                if line == "reconnect":
                    v.send({"type": "hello", "visitor": token, "lang": "zh", "last_seq": last_seq})
                    continue
            v.send(json.loads(line))
        except Exception as e:
            note({"type": "_error", "text": str(e)}); v = None
    try:
        if v is not None and (b"\n" in v.buf or select.select([v.s], [], [], 0.05)[0]):
            m = v.recv(5)
            if m.get("type") == "welcome":
                token = m.get("visitor", token)
            if m.get("type") == "msg":
                last_seq = max(last_seq, m.get("seq", 0))
            note(m)
        else:
            time.sleep(0.05)
    except Exception as e:
        note({"type": "_closed", "text": str(e)}); v = None
PY

visitor_start() { : >"$T/$1.cmd"; : >"$T/$1.log"; timeout 290 python3 "$T/visitor.py" "$WSCLIENT" "$WEBPORT" "$T/$1" >>"$T/$1.err" 2>&1 & }
say_v() { printf '%s\n' "$2" >>"$T/$1.cmd"; }
# wait_log NAME PYTHON-CONDITION-ON-m SECONDS: a logged message matches.
wait_log() {
	timeout "$3" python3 - "$T/$1.log" "$2" <<'PY'
import json, sys, time
path, cond = sys.argv[1], sys.argv[2]
while True:
    for l in open(path, encoding="utf-8"):
        try:
            m = json.loads(l)
        except ValueError:
            continue
        if eval(cond):
            sys.exit(0)
    time.sleep(0.1)
PY
}

# --- the desk in tmux ---
screen() { $TM capture-pane -p -t "$S"; }
keys() { $TM send-keys -t "$S" "$@"; }
type_text() { $TM send-keys -t "$S" -l "$1"; }
# wait_screen TEXT SECONDS: the screen shows TEXT.
wait_screen() {
	local end=$((SECONDS + $2))
	while [ $SECONDS -lt $end ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.2
	done
	echo "  | the screen never showed '$1':"; screen | sed 's/^/  | /'
	return 1
}
wait_gone() {
	local end=$((SECONDS + $2))
	while [ $SECONDS -lt $end ]; do
		screen | grep -qF -- "$1" || return 0
		sleep 0.2
	done
	echo "  | the screen still shows '$1'"; return 1
}
# clean_screen ROWS COLS: no U+FFFD, no row wider than the screen, and the
# panes' borders (│) in one column on every body row.
clean_screen() {
	screen >"$T/screen.txt"
	python3 - "$T/screen.txt" "$1" "$2" <<'PY'
import sys, unicodedata
rows = open(sys.argv[1], encoding="utf-8").read().split("\n")
R, C = int(sys.argv[2]), int(sys.argv[3])
def width(ch):
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1
bad = []
if any("\ufffd" in r for r in rows):
    bad.append("a U+FFFD replacement character")
cols = None
for i, r in enumerate(rows[:R]):
    x, bars, joined = 0, [], False
    for ch in r:
        if ch == "\u2502":
            bars.append(x)
        # tmux 3.3a draws an emoji after ZWJ in the cell before it (one
        # glyph, the first one's width), VS16 changes no width, and a
        # skin-tone modifier is a wide character of its own.
        x += 0 if joined and width(ch) == 2 else width(ch)
        joined = ch == "\u200d"
    if x > C:
        bad.append("row %d is %d columns wide" % (i, x))
    # Row 0 is the status line, row 1 may hold the banner; the last two
    # are the input line and the key bar.
    if 2 <= i < R - 2:
        if cols is None:
            cols = bars
        elif bars != cols:
            bad.append("row %d has borders at %s, row 2 at %s" % (i, bars, cols))
if not cols:
    bad.append("no pane border found")
for b in bad:
    print("  |", b)
sys.exit(1 if bad else 0)
PY
	local rc=$?
	[ $rc -eq 0 ] || sed 's/^/  | /' "$T/screen.txt"
	return $rc
}

XDG="$T/xdg"
mkdir -p "$XDG"
# start_agent [LANGUAGE-VARIABLES]: the desk in a new tmux session
# (Chinese unless told).
start_agent() {
	local langvars=${1:-$LANGVARS}
	$TM kill-session -t "$S" 2>/dev/null
	rm -f "$T/agent.rc"
	$TM new-session -d -s "$S" -x 80 -y 24 \
		"env -i PATH=\"$PATH\" HOME=\"$T\" TERM=screen-256color $langvars XDG_CONFIG_HOME=\"$XDG\" \
		 ASAN_OPTIONS=\"${ASAN_OPTIONS:-}\" UBSAN_OPTIONS=\"${UBSAN_OPTIONS:-}\" \
		 HOTLINE_BROKER=\"$URL_TCP\" HOTLINE_USER=xiaoli HOTLINE_PASSWORD_FILE=\"$XPW\" \
		 \"$AGENT\" 2>\"$T/agent.err\"; echo \$? >\"$T/agent.rc\"; sleep 600"
}
agent_exit() {
	local end=$((SECONDS + $1))
	while [ $SECONDS -lt $end ]; do
		[ -s "$T/agent.rc" ] && { cat "$T/agent.rc"; return 0; }
		sleep 0.2
	done
	echo timeout
}

# --- 1. first use: the broker's key is shown and trusted ---
start_agent
check "the trust prompt names the broker's fingerprint" wait_screen "${PIN:0:30}" 10
check "the trust prompt is in Chinese" wait_screen "首次连接" 2
keys Enter
check "logged in: the desk shows" wait_screen "会话 (0)" 10
check "the key is pinned in known_brokers" grep -qF "$URL_TCP $PIN" "$XDG/hotline/known_brokers"
check "status line: the agent's name" wait_screen "王小丽" 2
check "status line: the served queue in Chinese" wait_screen "业务咨询 0" 8
check "the desk at 80x24 is clean" clean_screen 24 80

# --- 2. Available, an offer with its countdown ---
keys F2
check "F2 opens the state menu" wait_screen "我的状态" 5
keys n
check "Not Ready opens the configured reasons, in Chinese" wait_screen "示忙原因" 5
check "the reasons are the configured ones (午餐)" wait_screen "午餐" 2
check "and 培训" wait_screen "培训" 2
keys 2
check "the second reason (lunch) is the state" wait_screen "示忙：午餐" 5
check "the broker has xiaoli Not Ready for lunch" wait_agent xiaoli not_ready lunch 5
keys F2
check "F2 opens the state menu again" wait_screen "我的状态" 5
keys a
check "state: available (示闲) with time in state" wait_screen "示闲 " 5
visitor_start v1
say_v v1 '{"type":"hello","lang":"zh","trail":{"referrer":"https://search.example/?q=物流 13812345678","landing":"https://shop.example/orders","pages":["/orders","/help"],"keywords":"物流","device":"mobile Android","region":"上海"}}'
FIRST="你好，我想查询订单 12345 的物流状态"
say_v v1 "{\"type\":\"start\",\"item\":\"sales\",\"text\":\"$FIRST\"}"
check "the offer shows the customer's first message" wait_screen "$FIRST" 10
check "the offer says what to do" wait_screen "F3 接入" 3
c1=$(screen | grep -oE '[0-9]+s │' | head -1 | grep -oE '^[0-9]+')
sleep 2.2
c2=$(screen | grep -oE '[0-9]+s │' | head -1 | grep -oE '^[0-9]+')
check "the offer counts down (${c1:-?}s, then ${c2:-?}s)" test -n "$c1" -a -n "$c2" -a "${c2:-0}" -lt "${c1:-0}"
keys F3
check "F3 accepts: the chat is in progress" wait_screen "会话中" 8
check "the customer hears the agent joined" wait_log v1 'm["type"] == "agent" and m["name"] == "王小丽"' 10
CID=$(screen | grep -oE '· c[0-9]+' | head -1 | grep -oE 'c[0-9]+')
check "the conversation's id shows (${CID:-none})" test -n "$CID"

# --- 3. both ways, in Chinese, with typing ---
REPLY="您好，已为您查到：订单已发货，预计明天送达"
type_text "$REPLY"
check "the customer sees the agent typing" wait_log v1 'm["type"] == "typing" and m["on"] is True' 10
keys Enter
check "the customer receives the reply intact" \
	wait_log v1 "m['type'] == 'msg' and m['from'] == 'agent' and m['text'] == '$REPLY'" 10
say_v v1 '{"type":"typing","on":true}'
check "the agent sees the customer typing" wait_screen "正在输入" 8
say_v v1 '{"type":"msg","id":"v-1","text":"好的，谢谢！麻烦再帮我看一下发票"}'
check "the customer's line shows" wait_screen "麻烦再帮我看一下发票" 8
check "the typing indicator goes with the line" wait_gone "正在输入" 5
check "the chat at 80x24 is clean" clean_screen 24 80
# Emoji sequences: a ZWJ family, ❤️ (VS16), a flag, a skin tone, e + U+0301.
# The desk measures each as one unit and draws it so tmux agrees: no
# border shifts on the row that shows them (checked at 200x50 below, where
# the customer panel's border follows the transcript).
# The line runs over several rows, so its first row reaches the border
# with no blank run in between: curses then writes the border right after
# the text, where a mismeasured family would pull it 4 columns left.
EMOJI="全家 👨‍👩‍👧 都好 ❤️ 🇨🇳 👍🏽 $(printf 'cafe\xcc\x81') $(printf '谢谢您的耐心帮助%.0s' 1 2 3 4 5 6 7 8 9 10 11 12)"
say_v v1 "{\"type\":\"msg\",\"id\":\"v-emoji\",\"text\":\"$EMOJI\"}"
check "the line with emoji sequences shows" wait_screen "都好" 8
check "the chat with emoji sequences at 80x24 is clean" clean_screen 24 80

# --- 4. sizes: 200x50 with the customer panel, and back ---
$TM resize-window -t "$S" -x 200 -y 50
check "at 200x50 the customer panel shows the visitor trail" wait_screen "访客轨迹" 5
check "the contact details are masked" wait_screen "138****5678" 3
# Captured once, so an empty capture cannot pass for a clean one.
screen >"$T/wide.txt"
check "the side panel shows the masked number" grep -qF "138****5678" "$T/wide.txt"
check "the raw phone number is nowhere" sh -c "test -s '$T/wide.txt' && ! grep -q 13812345678 '$T/wide.txt'"
check "the desk at 200x50 is clean (the row with 👨‍👩‍👧 keeps its border)" clean_screen 50 200
$TM resize-window -t "$S" -x 80 -y 24
sleep 0.5
check "after resizing back to 80x24 the desk is clean" clean_screen 24 80
check "and still shows the conversation" wait_screen "麻烦再帮我看一下发票" 3

# --- 5. a number in the transcript is masked; transfer from the menu ---
say_v v1 '{"type":"msg","id":"v-2","text":"邮箱 wang.wei@example.com"}'
say_v v1 '{"type":"msg","id":"v-3","text":"电话 13912345678"}'
check "the customer's e-mail shows masked in the transcript" wait_screen "邮箱 w***@example.com" 8
check "the customer's number shows masked in the transcript" wait_screen "电话 139****5678" 8
screen >"$T/line.txt"
check "the raw number and address are not in the transcript" sh -c \
	"test -s '$T/line.txt' && ! grep -qE '13912345678|wang.wei@' '$T/line.txt'"
as wang "$WPW" --session "$T/wang.session" agent state lunch >/dev/null
keys F6
check "F6 opens the transfer menu" wait_screen "转接到" 8
check "queues are listed by their labels" wait_screen "队列：售后" 3
check "and the other queue" wait_screen "队列：业务咨询" 2
check "agents by display name and state" wait_screen "王强 · 示忙：午餐" 3
screen >"$T/menu.txt"
check "the agent's own name is not offered" sh -c "test -s '$T/menu.txt' && ! grep -q '王小丽 · ' '$T/menu.txt'"
keys 2
check "choosing 售后 asks for the internal note" wait_screen "转接到 队列：售后" 5
type_text "客户要开发票，已核实身份"
keys Enter
check "the transfer takes the chat off the desk" wait_screen "会话 (0)" 8
check "the broker moved it to aftersales with the note" sh -c \
	"\"$CTL\" --json chat transcript $CID | grep -q '客户要开发票，已核实身份'"
check "the transcript says where it went" sh -c "\"$CTL\" chat transcript $CID | grep -q 'Transferred to After-sales'"

# --- 6. a second customer; the broker restarts mid-chat ---
visitor_start v2
say_v v2 '{"type":"hello","lang":"zh"}'
say_v v2 '{"type":"start","item":"sales","text":"第二位客户：我的退款到账了吗？"}'
check "a second offer" wait_screen "第二位客户" 10
keys F3
check "accepted" wait_screen "会话中" 8
check "the second customer is answered" wait_log v2 'm["type"] == "agent"' 10
CID2=$(screen | grep -oE '· c[0-9]+' | head -1 | grep -oE 'c[0-9]+')
stop_broker
check "a stopped broker shows as reconnecting" wait_screen "正在重连" 15
start_broker --web "http://127.0.0.1:$WEBPORT"
check "the broker is back" test $? -eq 0
check "the desk reconnects" wait_gone "正在重连" 30
check "and says it is online" wait_screen "在线" 5
say_v v2 reconnect
check "the customer's page reconnects" wait_log v2 'm["type"] == "welcome" and m["returning"] is True' 15
say_v v2 '{"type":"msg","id":"v2-2","text":"刚才断线了，还在吗？"}'
check "the customer's line after the restart reaches the desk" wait_screen "刚才断线了，还在吗？" 15
type_text "在的，退款已于昨日到账"
keys Enter
check "the agent's reply after the restart reaches the customer" \
	wait_log v2 "m['type'] == 'msg' and m['from'] == 'agent' and m['text'] == '在的，退款已于昨日到账'" 10

# --- 7. end, wrap-up, figures ---
keys F4
check "F4 ends the chat: wrap-up" wait_screen "话后处理" 8
check "the customer is told it ended" wait_log v2 'm["type"] == "ended"' 10
keys F7
check "F7 opens the configured wrap-up codes" wait_screen "小结代码" 5
check "in Chinese (已解决)" wait_screen "已解决" 2
check "with 客户无应答 too" wait_screen "客户无应答" 2
keys 1
check "choosing one asks for the note" wait_screen "话后处理：已解决" 5
type_text "退款已到账，客户满意"
keys Enter
check "wrap-up done" wait_screen "话后处理完成" 8
check "the wrap-up is stored" sh -c "\"$CTL\" --json chat transcript $CID2 | grep -q '\"wrap_code\":\"resolved\"'"
keys F5
check "F5 shows the agent's own figures with their definitions" wait_screen "平均处理时长 AHT" 5
check "one conversation handled" wait_screen "已结束会话 1 个" 3
keys Escape
check "the figures close" wait_gone "平均处理时长 AHT" 5

# --- 8. quit signs out at once; a new desk has the day's figures ---
check "before quitting xiaoli is Available" wait_agent xiaoli available "" 5
keys F10
check "F10 with nothing open quits at once, status 0" test "$(agent_exit 10)" = 0
check "nothing was written to stderr" test ! -s "$T/agent.err"
[ -s "$T/agent.err" ] && sed 's/^/  | /' "$T/agent.err" | head -20
check "the broker has xiaoli Offline, reason logout, at once" wait_agent xiaoli offline logout 3
visitor_start v3
say_v v3 '{"type":"hello","lang":"zh"}'
say_v v3 '{"type":"start","item":"sales","text":"第三位客户：有人吗？"}'
check "a new customer waits in the queue" wait_log v3 'm["type"] == "queued"' 10
sleep 2
check "and is not offered to the agent who left: it is still waiting" sh -c \
	"\"$CTL\" --json floor | python3 -c 'import json,sys; q={f[\"queue\"]:f for f in json.load(sys.stdin)[\"queues\"]}; sys.exit(q[\"sales\"][\"waiting\"] != 1)'"
check "nor answered by them" sh -c "! grep -q '\"type\": \"agent\"' '$T/v3.log'"
start_agent "LANG=C.UTF-8 LC_ALL=C.UTF-8"
check "the desk starts again, in English" wait_screen "Conversations (0)" 15
keys F5
check "its figures are the day's, from the broker" wait_screen "Your figures today" 5
check "the conversation handled before the restart counts" wait_screen "Handled: 1 conversations ended" 3
keys Escape
check "the figures close" wait_gone "Your figures today" 5
keys F2
check "the state menu in English" wait_screen "Your state" 5
keys n
check "the Not Ready reasons in English" wait_screen "Not Ready: reason" 5
check "with their English labels" wait_screen "Lunch" 2
keys Escape
check "the menu closes" wait_gone "Not Ready: reason" 5
keys F10
check "the English desk quits, status 0" test "$(agent_exit 10)" = 0
say_v v1 quit; say_v v2 quit; say_v v3 quit
sed -i "s#^$URL_TCP .*#$URL_TCP SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA#" "$XDG/hotline/known_brokers"
start_agent
check "a changed key is refused with a warning" wait_screen "服务器密钥已变更" 10
keys Enter
check "the login form says it refused" wait_screen "已拒绝" 5
keys Escape
check "Esc leaves the login, status 0" test "$(agent_exit 10)" = 0
finish
