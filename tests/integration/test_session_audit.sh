# A script that keeps one session with --session logs in once: the commands
# after the first resume it, and the audit log holds one login, not one per
# command; a lost session file logs in (and is audited) again.
. "$(dirname "$0")/lib.sh"

init_state && start_broker || exit 1
logins() { sqlite3 "$T/state/hotline.db" "SELECT COUNT(*) FROM audit WHERE action='login' AND result='ok'"; }
before=$(logins)
for i in 1 2 3 4 5; do ctl --session "$T/s.sess" team add "t$i" >/dev/null || fail "team add t$i"; done
ctl --session "$T/s.sess" whoami >/dev/null || fail "whoami"
check "six commands through one session file make one login entry" test "$(( $(logins) - before ))" -eq 1
check "the broker logged the resumes" test "$(grep -c 'session of root resumed' "$T/broker.log")" -ge 5
rm -f "$T/s.sess"
ctl --session "$T/s.sess" whoami >/dev/null || fail "whoami after the file was lost"
check "a lost session file logs in again, audited" test "$(( $(logins) - before ))" -eq 2
# Without --session each command is its own login, and each is audited.
ctl whoami >/dev/null; ctl whoami >/dev/null
check "commands without --session are each a login" test "$(( $(logins) - before ))" -eq 4
finish
