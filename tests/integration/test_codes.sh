# Not Ready reasons and wrap-up codes are configured lists: the defaults
# are there from the start, admins add and remove codes (with --json),
# agents may only choose a configured one (free text is refused, naming
# the known codes), the system's own reasons cannot be chosen or added,
# agents see one another's states for a transfer, and an agent who logs
# out is Offline (reason logout) at once, not after a grace period.
. "$(dirname "$0")/lib.sh"

init_state && start_broker || exit 1
ctl queue add sales --label-en Enquiry --label-zh 业务咨询 >/dev/null
APW=$(pwfile ann 'ann-secret-123')
BPW=$(pwfile bo 'bo-secret-1234')
ctl user add ann --role agent --display '王小丽' --password-file "$APW" >/dev/null
ctl user add bo --role agent --display 'Bo Chen' --password-file "$BPW" >/dev/null
ctl agent setup ann --skill sales=5 >/dev/null
ctl agent setup bo --skill sales=5 >/dev/null
ann() { as ann "$APW" --session "$T/ann.session" "$@"; }

# --- the lists ---
expect_exit 0 "code list --json" ctl --json code list
check "the default Not Ready reasons are there, in order" python3 -c '
import json,sys
rows=[json.loads(l) for l in open(sys.argv[1])]
nr=[r["id"] for r in rows if r["kind"]=="not_ready"]
wu=[r["id"] for r in rows if r["kind"]=="wrap_up"]
assert nr==["break","lunch","meeting","training","coaching"], nr
assert wu==["resolved","follow-up","escalated","no-answer"], wu
assert any(r["id"]=="lunch" and r["label_zh"]=="午餐" for r in rows), rows' "$T/out"
expect_exit 0 "code add not-ready with both labels" \
	ctl --json code add not-ready sick --label-en 'Sick leave' --label-zh 病假
check "the added code comes back as JSON" python3 -c '
import json,sys
r=json.load(open(sys.argv[1]))
assert r["kind"]=="not_ready" and r["id"]=="sick" and r["label_zh"]=="病假", r' "$T/out"
expect_exit 0 "code list not-ready" ctl code list not-ready
check "the new code is listed last, with its labels" sh -c "tail -1 '$T/out' | grep -q 'sick.*Sick leave.*病假'"
check "the wrap-up codes are not in the not-ready list" sh -c "! grep -q resolved '$T/out'"
expect_exit 1 "adding it again is refused" ctl code add not-ready sick --label-en Sick
check "the refusal says it exists" grep -q "exists already" "$T/err"
expect_exit 2 "a code without an English label is a usage error" ctl code add wrap-up x
expect_exit 2 "an unknown kind is refused" ctl code add holiday x --label-en X
expect_exit 2 "a system reason cannot be added" ctl code add not-ready logout --label-en Logout
check "the refusal says the broker sets it" grep -q "broker sets" "$T/err"
expect_exit 2 "a code with spaces is refused" ctl code add wrap-up 'call back' --label-en 'Call back'
expect_exit 5 "an agent may not add codes" as ann "$APW" code add not-ready nap --label-en Nap
expect_exit 0 "an agent may list them" as ann "$APW" code list

# --- agents choose from them; free text is refused ---
expect_exit 2 "a Not Ready reason that is not configured is refused" \
	ann agent state not_ready --reason xyz
check "the refusal names the known reasons" grep -q "break, lunch, meeting, training, coaching, sick" "$T/err"
expect_exit 2 "not_ready without a reason is refused" ann agent state not_ready
check "and names the reasons too" grep -q "choose one of: break" "$T/err"
expect_exit 2 "the system's 'logout' cannot be chosen" ann agent state not_ready --reason logout
expect_exit 2 "nor 'missed'" ann agent state missed
expect_exit 2 "available takes no reason" ann agent state available --reason lunch
expect_exit 0 "a configured reason is taken" ann agent state sick
expect_exit 0 "agent list --json as an agent" as bo "$BPW" --json agent list
check "agents see ann's state, reason and display name" python3 -c '
import json,sys
rows={r["name"]:r for r in map(json.loads, open(sys.argv[1]))}
a=rows["ann"]
assert a["state"]=="not_ready" and a["reason"]=="sick" and a["display"]=="王小丽", a
assert rows["bo"]["display"]=="Bo Chen", rows' "$T/out"
expect_exit 0 "code remove" ctl code remove not-ready sick
expect_exit 2 "a removed reason is refused" ann agent state sick
expect_exit 1 "removing it again says not found" ctl code remove not-ready sick
check "naming the list to look at" grep -q "code list not-ready" "$T/err"
expect_exit 2 "a wrap-up code that is not configured is refused" ann agent wrapup --code fixed
check "the refusal names the wrap-up codes" grep -q "resolved, follow-up, escalated, no-answer" "$T/err"
expect_exit 1 "a configured wrap-up code passes the check (nothing to wrap up here)" \
	ann agent wrapup --code resolved
check "and fails only for want of a conversation" grep -q "no ended conversation" "$T/err"
expect_exit 0 "the audit log has the code changes" ctl --json audit list
check "code add and code remove are audited" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
acts={(e["action"],e["target"]) for e in d["entries"]}
assert ("code add","sick") in acts and ("code remove","sick") in acts, acts' "$T/out"

# --- logging out is Offline at once ---
expect_exit 0 "bo goes available (a one-off command: it logs out at its end)" \
	as bo "$BPW" agent state available
state_of() { ctl --json agent list | python3 -c '
import json,sys
for r in map(json.loads, sys.stdin):
    if r["name"]==sys.argv[1]: print(r["state"], r.get("reason",""))' "$1"; }
S=$(state_of bo)
check "bo is Offline with reason logout at once (got: $S)" test "$S" = "offline logout"
finish
