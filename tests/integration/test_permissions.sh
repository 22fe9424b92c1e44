# Roles are checked by the broker on every request: an agent asking for
# 'user add' gets exit 5 and an audit entry; leads may list; admins may all.
. "$(dirname "$0")/lib.sh"

init_state && start_broker || exit 1
APW=$(pwfile alice 'alice-secret-1')
TPW=$(pwfile tom 'tom-secret-12')
expect_exit 0 "team add" ctl team add floor1
expect_exit 0 "user add alice (agent)" ctl user add alice --role agent --team floor1 --display '王小丽' --password-file "$APW"
expect_exit 0 "user add tom (team lead)" ctl user add tom --role team_lead --team floor1 --password-file "$TPW"
expect_exit 1 "adding alice again is refused" ctl user add alice --role agent --password-file "$APW"
check "the refusal says the user exists" grep -q 'exists already' "$T/err"
expect_exit 1 "a user in an unknown team is refused" ctl user add zed --role agent --team nope --password-file "$APW"
expect_exit 2 "an unknown role is a usage error" ctl user add zed --role wizard --password-file "$APW"

expect_exit 5 "an agent may not add users" as alice "$APW" user add mallory --role admin --password-file "$APW"
check "the denial names the role and the request" grep -q "agent role may not use 'user add'" "$T/err"
check "the denial names the role that may" grep -q "it needs the admin role" "$T/err"
expect_exit 5 "an agent may not list users" as alice "$APW" user list
expect_exit 5 "an agent may not read the audit log" as alice "$APW" audit list
expect_exit 0 "an agent may ask who they are" as alice "$APW" whoami
check "the display name survives in Chinese" grep -q '王小丽' "$T/out"
expect_exit 0 "a team lead may list users" as tom "$TPW" user list
expect_exit 5 "a team lead may not change roles" as tom "$TPW" user set-role alice admin
expect_exit 5 "an agent may not read the user list" as alice "$APW" user list
check "the denial lists every role that may" grep -q "it needs the team_lead, supervisor or admin role" "$T/err"

expect_exit 0 "audit list as admin" ctl --json audit list
check "the denied request is in the audit log" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert any(e["action"]=="denied" and e["target"]=="user add" and e["actor"]=="alice" for e in d["entries"]), d' "$T/out"
expect_exit 0 "set-role works for an admin" ctl user set-role alice team_lead
check "the new role shows" grep -q 'team_lead' "$T/out"
expect_exit 0 "alice, now a team lead, may list users" as alice "$APW" user list
expect_exit 0 "team list shows members" ctl team list
check "floor1 has 2 members" grep -Eq '^floor1 +2$' "$T/out"
finish
