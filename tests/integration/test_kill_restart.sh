# Durability: a user added, the broker killed with SIGKILL and restarted —
# the user is there. An acknowledged change is never lost.
. "$(dirname "$0")/lib.sh"

init_state && start_broker || exit 1
for i in $(seq 1 5); do
	ctl team add "t$i" >/dev/null || fail "team add t$i"
done
P=$(pwfile dave 'dave-secret-1')
expect_exit 0 "add dave" ctl user add dave --role supervisor --password-file "$P"
kill9_broker
check "broker restarts after SIGKILL" start_broker
expect_exit 0 "user list after restart" ctl user list
check "dave survived the kill" grep -q '^dave .*supervisor' "$T/out"
expect_exit 0 "dave can log in" as dave "$P" whoami
expect_exit 0 "teams after restart" ctl team list
check "all five teams survived" test "$(grep -c '^t[1-5] ' "$T/out")" = 5
expect_exit 0 "the audit chain is intact after the kill" ctl audit list --verify

# A clean stop on SIGTERM.
kill -TERM "$BROKER_PID"; wait "$BROKER_PID"; rc=$?; BROKER_PID=""
check "SIGTERM stops the broker with status 0" test "$rc" = 0
check "it says it stopped" grep -q 'hotline-broker: stopped' "$T/broker.log"
finish
