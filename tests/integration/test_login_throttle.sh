# Login throttling under concurrency: forty wrong passwords at once from one
# source are mostly answered THROTTLED at once and only a few are hashed;
# sequential guesses penalise their source, not the account, so the real
# user from another source (127.0.0.2) gets in promptly; a throttled
# hotline-ctl says when to try again and exits at once.
. "$(dirname "$0")/lib.sh"

init_state || exit 1
start_broker || exit 1
# The real user's address: a relay that reaches the broker from 127.0.0.2.
P2=$(free_port)
python3 "$(dirname "$0")/src_relay.py" "$P2" "$PORT" 127.0.0.2 "$T/relay.ready" 120 &
for _ in $(seq 100); do [ -f "$T/relay.ready" ] && break; sleep 0.1; done
BAD=$(pwfile bad 'not-the-password')
from1() { HOTLINE_BROKER="$URL_TCP" as root "$@"; }          # source 127.0.0.1
from2() { HOTLINE_TIMEOUT_MS=5000 HOTLINE_BROKER="tcp://127.0.0.1:$P2" as root "$@"; } # source 127.0.0.2
refused() { grep -c "login refused for 'root' from 127.0.0.1" "$T/broker.log"; }

# Forty wrong passwords in parallel from 127.0.0.1.
before=$(refused)
t0=$(date +%s%N)
for i in $(seq 40); do
	from1 "$BAD" whoami >"$T/p$i.out" 2>"$T/p$i.err" &
	echo $! >>"$T/pids"
done
rcs=""
for p in $(cat "$T/pids"); do wait "$p"; rcs="$rcs $?"; done
t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 ))
hashed=$(( $(refused) - before ))
throttled=$(grep -l 'login throttled' "$T"/p*.err | wc -l)
wrong=$(grep -l 'wrong user name or password' "$T"/p*.err | wc -l)
echo "40 parallel: $hashed hashed, $throttled throttled, $wrong refused as wrong, ${ms} ms"
check "every one of the forty was refused (exit 4)" test "$(echo $rcs | tr ' ' '\n' | sort -u)" = 4
check "only a few were hashed ($hashed; 2 at a time, stopped at the 20 s threshold: 4 or 5, 6 on a slow machine)" \
	test "$hashed" -ge 1 -a "$hashed" -le 6
check "the rest were told THROTTLED ($throttled)" test $((throttled + wrong)) = 40 -a "$throttled" -ge 34
check "all forty were answered within 15 s (${ms} ms)" test "$ms" -lt 15000
check "a throttled one names the source and the wait" \
	grep -Ehq 'login throttled: too many failed attempts from 127.0.0.1; try again in [0-9]+ s' "$T"/p*.err

# Seven more sequential guesses from 127.0.0.1 (all throttled or refused),
# then the real user from 127.0.0.2: in promptly, within its deadline.
for i in 1 2 3 4 5 6 7; do
	t0=$(date +%s%N)
	from1 "$BAD" whoami >/dev/null 2>"$T/seq$i.err"
	t1=$(date +%s%N)
	echo "guess $i: $(( (t1 - t0) / 1000000 )) ms: $(cat "$T/seq$i.err")"
done
check "the sequential guesses were throttled" grep -q 'login throttled' "$T/seq7.err"
t0=$(date +%s%N)
expect_exit 0 "the real user from 127.0.0.2 logs in" from2 "$ADMIN_PW" whoami
t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 ))
check "promptly, within its 5 s deadline (${ms} ms)" test "$ms" -lt 5000
check "as root" grep -q '^root' "$T/out"
check "the broker saw it come from 127.0.0.2 (audit)" sh -c "'$CTL' --json audit list --limit 1000 | grep -q '\"detail\":\"127.0.0.2\"'"

# A throttled hotline-ctl: exit 4 at once, with the time to wait.
t0=$(date +%s%N)
expect_exit 4 "the right password from the penalised 127.0.0.1 is throttled" from1 "$ADMIN_PW" whoami
t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 ))
check "it exits promptly (${ms} ms)" test "$ms" -lt 3000
check "it prints the reason and the retry time" \
	grep -Eq '^hotline-ctl: login throttled: too many failed attempts from 127.0.0.1; try again in [1-9][0-9]* s$' "$T/err"
secs=$(grep -Eo 'try again in [0-9]+' "$T/err" | grep -Eo '[0-9]+')
check "the wait is the penalty left, at most the 20 s threshold plus a few failures ($secs s)" \
	test "$secs" -ge 1 -a "$secs" -le 40
lines=$(grep -c "login for 'root' from 127.0.0.1 throttled" "$T/broker.log")
check "the broker logged the throttling, but not a line per refused attempt ($lines lines for $((throttled + 8)) refusals)" \
	test "$lines" -ge 1 -a "$lines" -lt $(( (throttled + 8) / 2 ))
check "throttled attempts are not audited as refused logins" \
	test "$(ctl --json audit list --limit 1000 | grep -o '"result":"refused"' | wc -l)" -le 6
finish
