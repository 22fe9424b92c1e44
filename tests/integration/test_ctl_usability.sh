# hotline-ctl as a new admin meets it: every command's --help lists its
# options, global options work after the command, errors name the option,
# tables align Chinese by display width, the floor fits 80 columns, a denial
# names the role needed, and users can be enabled, have their password set
# and change team, each audited.
. "$(dirname "$0")/lib.sh"

init_state && start_broker || exit 1
# root keeps one session across commands (one password check, not sixty).
ctl() { "$CTL" --session "$T/root.ses" "$@"; }
DOCS="$(dirname "$0")/../../docs/operations.md"

# Display columns of text, as a terminal draws it (wide and fullwidth: 2).
cat >"$T/cols.py" <<'PY'
import sys, unicodedata
def cols(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else
               0 if unicodedata.combining(c) else 1 for c in s)
PY

# --- help: every command, every option ---
expect_exit 0 "hotline-ctl help" ctl help
sed -n '/^Commands:/,/^$/p' "$T/out" | sed '1d;/^$/d' | python3 -c '
import re,sys
for l in sys.stdin: print(re.split(r"\s{2,}", l.strip())[0])' >"$T/commands"
check "help lists the commands" test "$(wc -l <"$T/commands")" -ge 25
bad=""
while read -r cmd; do
	# shellcheck disable=SC2086
	if ! "$CTL" $cmd --help >"$T/h" 2>"$T/herr"; then bad="$bad [$cmd: exit]"; continue; fi
	grep -q "^usage: hotline-ctl $cmd" "$T/h" || bad="$bad [$cmd: usage]"
	grep -q '^Example:' "$T/h" || bad="$bad [$cmd: example]"
	sed '/^Example:/,$d' "$T/h" >>"$T/help.all"
	# Every option in the usage line has a line of its own with a description.
	for o in $(sed -n '/^usage:/,/^$/p' "$T/h" | grep -o -- '--[a-z-]*' | sort -u); do
		grep -Eq -- "^  $o( [^ ]+)? +[^ ]" "$T/h" || bad="$bad [$cmd: $o undescribed]"
	done
	# Every option the operations guide gives the command is in its help.
	for o in $(grep -F "| \`$cmd" "$DOCS" | head -1 | cut -d'|' -f2 | grep -o -- '--[a-z-]*' | sort -u); do
		grep -q -- "$o" "$T/h" || bad="$bad [$cmd: $o missing]"
	done
	# The guide documents every command.
	grep -qF "\`$cmd" "$DOCS" || bad="$bad [$cmd: not in docs/operations.md]"
	# shellcheck disable=SC2086
	"$CTL" help $cmd >"$T/h2" 2>/dev/null && cmp -s "$T/h" "$T/h2" || bad="$bad [$cmd: help differs]"
done <"$T/commands"
check "every command's --help exits 0 and describes each option${bad}" test -z "$bad"
check "help text (examples aside) fits 80 columns" python3 -c '
import sys
exec(open(sys.argv[2]).read())
wide = [l for l in open(sys.argv[1]) if cols(l.rstrip("\n")) > 80]
assert not wide, wide' "$T/help.all" "$T/cols.py"
expect_exit 0 "user add --help" ctl user add --help
for o in --role --password-file --team --display; do
	check "user add --help describes $o" grep -q -- "^  $o " "$T/out"
done
expect_exit 0 "a group: help user" ctl help user
check "help user lists user enable" grep -q 'user enable' "$T/out"

# --- global options after the command ---
expect_exit 0 "user list --json (global option after the command)" ctl user list --json
check "it printed JSON users" python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["users"]' "$T/out"
expect_exit 0 "--timeout-ms after the command" ctl whoami --timeout-ms 20000 --json
check "whoami --json names root" grep -q '"name":"root"' "$T/out"

# --- errors name what is missing or wrong ---
PW=$(pwfile bob 'bob-secret-12')
expect_exit 2 "user add without --role" ctl user add bob --password-file "$PW"
check "the error names --role and its values" grep -q "user add: missing --role ROLE.*agent, team_lead, supervisor, qa or admin" "$T/err"
expect_exit 2 "user add without NAME" ctl user add --role agent --password-file "$PW"
check "the error names NAME" grep -q "missing NAME" "$T/err"
expect_exit 2 "user set-role without ROLE" ctl user set-role bob
check "the error names ROLE" grep -q "missing ROLE" "$T/err"
expect_exit 2 "a misspelt option" ctl user add bob --rol agent --password-file "$PW"
check "the error names it and the right ones" grep -q "unknown option --rol; it takes --role" "$T/err"
expect_exit 2 "a bad number" ctl ping --count many
check "the error names --count and the value" grep -q "\-\-count wants a whole number from 1 to 1000000, not 'many'" "$T/err"
expect_exit 2 "a bad role" ctl user add bob --role wizard --password-file "$PW"
check "the error names the role" grep -q "'wizard' is not a role" "$T/err"
expect_exit 2 "an option without its value" ctl audit list --limit
check "the error says --limit needs a value" grep -q "\-\-limit needs a value" "$T/err"
expect_exit 2 "an extra argument" ctl user list everyone
check "the error names it" grep -q "unexpected argument 'everyone'" "$T/err"
expect_exit 2 "an empty --pin" ctl --pin '' whoami
check "the error names the pin" grep -q "no pin: set HOTLINE_PIN or --pin" "$T/err"

# --- tables align Chinese by display width ---
expect_exit 0 "team add east" ctl team add east
expect_exit 0 "team add west" ctl team add west
expect_exit 0 "user add bob (王小丽)" ctl user add bob --role agent --team east --display 王小丽 --password-file "$PW"
APW=$(pwfile ann 'ann-secret-123')
expect_exit 0 "user add ann (Ann Lee)" ctl user add ann --role team_lead --display 'Ann Lee' --password-file "$APW"
expect_exit 0 "user add chen (mixed)" ctl user add chen --role qa --team west --display '陈Chen静' --password-file "$APW"
expect_exit 0 "user list" ctl user list
cp "$T/out" "$T/users.txt"
check "user list columns line up in display columns" python3 -c '
import re, sys
exec(open(sys.argv[2]).read())
lines = [l.rstrip("\n") for l in open(sys.argv[1]) if l.strip()]
def starts(l):  # display column where each cell starts (cells: 2+ spaces apart)
    return [cols(l[:m.start()]) for m in re.finditer(r"\S+(?: \S+)*", l)]
head = starts(lines[0])
assert len(head) == 5, lines[0]
rows = [l for l in lines[1:] if re.search("[\u4e00-\u9fff]", l)]
assert len(rows) == 2, lines
for l in lines[1:]:
    assert starts(l) == head, (l, starts(l), head)
' "$T/users.txt" "$T/cols.py"

# --- the floor: 80 columns, every figure in --wide ---
expect_exit 0 "queue add" ctl queue add returns-and-refunds-after-sales --label-en Returns --label-zh 退货退款
expect_exit 0 "queue add sales" ctl queue add sales --label-en Enquiry --label-zh 业务咨询
expect_exit 0 "agent setup bob" ctl agent setup bob --skill sales=5 --skill returns-and-refunds-after-sales=3
expect_exit 0 "queue list" ctl queue list
check "queue list aligns the Chinese labels" python3 -c '
import re, sys
exec(open(sys.argv[2]).read())
lines = [l.rstrip("\n") for l in open(sys.argv[1]) if l.strip()]
ends = {cols(l[:l.rfind("  ")]) for l in lines}  # where the last column starts, less 2
assert len(ends) == 1, lines' "$T/out" "$T/cols.py"
expect_exit 0 "floor" ctl floor
cp "$T/out" "$T/floor.txt"
check "every floor line fits 80 columns" python3 -c '
import sys
exec(open(sys.argv[2]).read())
w = [cols(l.rstrip("\n")) for l in open(sys.argv[1])]
assert max(w) <= 80, w' "$T/floor.txt" "$T/cols.py"
check "the floor names each queue (cut to fit) and ALL" sh -c "grep -q '^sales ' '$T/floor.txt' && grep -q '^returns-and-re.*…' '$T/floor.txt' && grep -q '^ALL ' '$T/floor.txt'"
expect_exit 0 "floor --wide" ctl floor --wide
for h in WAIT LONGEST OFFER ANSW ABAND SHORT SL T ASA AHT 'ABAND%' AVAIL BUSY 'NOT READY' WRAP-UP OFFLINE; do
	check "floor --wide has $h" grep -Eq -- "  $h( |\$)" "$T/out"
done
check "floor --wide names the whole queue" grep -q '^returns-and-refunds-after-sales ' "$T/out"
expect_exit 0 "floor --json" ctl floor --json
check "floor --json keeps every field" python3 -c '
import json,sys
d = json.load(open(sys.argv[1]))
assert "day_start_ms" in d and len(d["queues"]) == 2 and "agents_offline" in d["overall"], d' "$T/out"

# --- a denial names the role needed ---
expect_exit 5 "an agent may not add users" as bob "$PW" user add mallory --role admin --password-file "$PW"
check "the agent is told the admin role is needed" grep -q "agent role may not use 'user add'; it needs the admin role" "$T/err"
expect_exit 5 "an agent may not set another's password" as bob "$PW" user password ann --password-file "$PW"
check "the agent is told the admin role is needed for it" grep -q "needs the admin role" "$T/err"

# --- enable, password, set-team ---
expect_exit 0 "user disable bob" ctl user disable bob
expect_exit 4 "disabled bob cannot log in" as bob "$PW" whoami
check "he is told how an admin enables him" grep -q "disabled; ask an admin to enable it ('hotline-ctl user enable bob')" "$T/err"
expect_exit 0 "user enable bob" ctl user enable bob
check "user enable shows bob enabled" grep -q '^bob .* enabled$' "$T/out"
expect_exit 0 "bob logs in again" as bob "$PW" whoami

expect_exit 0 "bob keeps a session" as bob "$PW" --session "$T/bob.ses" whoami
NPW=$(pwfile bob-new 'bob-new-secret-1')
expect_exit 0 "an admin resets bob's password" ctl user password bob --password-file "$NPW"
# Two failed logins from here in all (the login throttle allows four).
expect_exit 4 "bob's old session ended and his old password fails" as bob "$PW" --session "$T/bob.ses" whoami
expect_exit 0 "the new password logs in" as bob "$NPW" whoami
SPW=$(pwfile bob-self 'bob-self-secret-1')
expect_exit 4 "--self with a wrong old password is refused" as bob "$NPW" user password --self --old-password-file "$PW" --password-file "$SPW"
check "it says the old password is wrong" grep -q "old password is wrong" "$T/err"
expect_exit 0 "bob changes his own password" as bob "$NPW" user password --self --password-file "$SPW"
expect_exit 4 "the replaced password fails" as bob "$NPW" whoami
expect_exit 0 "bob's own new password logs in" as bob "$SPW" whoami
expect_exit 2 "user password needs NAME or --self" ctl user password --password-file "$NPW"
check "it says which" grep -q "give either NAME" "$T/err"

expect_exit 0 "user set-team bob west" ctl user set-team bob west --json
check "bob is in west" grep -q '"team":"west"' "$T/out"
expect_exit 1 "an unknown team is refused" ctl user set-team bob nowhere
check "it says the team does not exist" grep -q "team 'nowhere' does not exist" "$T/err"
expect_exit 1 "an unknown user is refused" ctl user set-team nobody west
check "it says there is no such user" grep -q "no user 'nobody'" "$T/err"
expect_exit 0 "user set-team bob - (no team)" ctl user set-team bob - --json
check "bob has no team" sh -c "! grep -q '\"team\"' '$T/out'"

expect_exit 0 "audit list" ctl audit list --json --limit 200
check "enable, password (reset and own) and set-team are audited" python3 -c '
import json,sys
e = json.load(open(sys.argv[1]))["entries"]
def has(actor, action, target, detail=None, result="ok"):
    return any(x["actor"] == actor and x["action"] == action and x.get("target") == target and
               x.get("result") == result and (detail is None or x.get("detail") == detail) for x in e)
assert has("root", "user enable", "bob"), e
assert has("root", "user password", "bob", "reset"), e
assert has("bob", "user password", "bob", "changed by the user"), e
assert has("bob", "user password", "bob", "changed by the user", "refused"), e
assert has("root", "user set-team", "bob", "west"), e
assert not any("secret" in json.dumps(x) for x in e), "a password in the audit log"
' "$T/out"
finish
