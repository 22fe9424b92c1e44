# Changing one's own password proves the old one; those proofs are guesses
# like logins and fall under the same throttle, so a session cannot be used
# to guess a password faster than a login could.
. "$(dirname "$0")/lib.sh"

init_state && start_broker || exit 1
PW=$(pwfile bob 'bob-secret-1')
WRONG=$(pwfile wrong 'not-bobs-password')
NEW=$(pwfile new 'bob-new-secret-1')
ctl user add bob --role agent --password-file "$PW" >/dev/null || fail "user add bob"
expect_exit 0 "bob logs in and keeps a session" as bob "$PW" --session "$T/bob.ses" whoami
wrong=0 throttled=0
for i in $(seq 10); do
	as bob "$PW" --session "$T/bob.ses" user password --self --old-password-file "$WRONG" \
		--password-file "$NEW" >"$T/out" 2>"$T/err"
	if grep -q "old password is wrong" "$T/err"; then wrong=$((wrong + 1))
	elif grep -q "too many wrong passwords" "$T/err"; then throttled=$((throttled + 1)); fi
done
echo "# $wrong checked and refused, $throttled throttled"
check "a few wrong old passwords are checked ($wrong)" test "$wrong" -ge 1 -a "$wrong" -le 6
check "then the rest are throttled without a check ($throttled)" test "$throttled" -ge 4
check "the refusal says when to try again" grep -Eq 'try again in [1-9][0-9]* s' "$T/err"
check "the password did not change (no successful change audited)" test "$(sqlite3 \
	"$T/state/hotline.db" "SELECT COUNT(*) FROM audit WHERE action='user password' AND result='ok'")" = 0
check "the checked ones are audited as refused" test "$(sqlite3 "$T/state/hotline.db" \
	"SELECT COUNT(*) FROM audit WHERE action='user password' AND result='refused'")" = "$wrong"
finish
