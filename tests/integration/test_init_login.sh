# Init, fingerprint, login, and each way a connection or login is refused:
# wrong password (4), wrong pin (3, no password sent), unreachable (3),
# protocol version mismatch (3), disabled account (4), throttling (4, at once).
. "$(dirname "$0")/lib.sh"

check "init creates a state directory and prints the fingerprint" init_state
check "init printed the same fingerprint as 'fingerprint'" grep -qF "fingerprint: $PIN" "$T/init.out"
check "the key file is private" test "$(stat -c %a "$T/state/broker.key")" = 600
expect_exit 1 "init refuses an existing state directory" \
	"$BROKER" init --state "$T/state" --admin root --password-file "$ADMIN_PW"
check "broker starts" start_broker

expect_exit 0 "whoami over ipc" ctl whoami
check "whoami names the admin" grep -q '^root .*admin' "$T/out"
expect_exit 0 "whoami over tcp" env HOTLINE_BROKER="$URL_TCP" "$CTL_BIN" --pin "$PIN" --user root --password-file "$ADMIN_PW" whoami
expect_exit 0 "whoami --json" ctl --json whoami
check "--json gives JSON with the role" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["role"]=="admin" and d["name"]=="root"' "$T/out"

BAD=$(pwfile bad 'not-the-password')
expect_exit 4 "wrong password is refused" as root "$BAD" whoami
check "the refusal says what to do" grep -q 'wrong user name or password' "$T/err"
expect_exit 4 "unknown user is refused the same way" as nobody "$BAD" whoami

before=$(grep -c "login" "$T/broker.log")
expect_exit 3 "a wrong pin is refused" env HOTLINE_PIN='SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' "$CTL" whoami
check "the pin error names both keys" grep -q 'does not match the pinned' "$T/err"
after=$(grep -c "login" "$T/broker.log")
check "no login reached the broker with a wrong pin" test "$before" = "$after"

expect_exit 3 "an unreachable broker" env HOTLINE_BROKER="ipc://$T/nobody.sock" "$CTL" whoami
check "the connect error says what to check" grep -q 'is it running' "$T/err"
expect_exit 3 "a protocol version mismatch" env HOTLINE_PROTOCOL_VERSION=99 "$CTL" whoami
check "the mismatch names both versions" grep -q 'client speaks 99, broker speaks 1' "$T/err"
expect_exit 2 "no credentials is a usage error" env -u HOTLINE_USER "$CTL_BIN" --broker "$URL_IPC" --pin "$PIN" whoami
expect_exit 2 "an unknown command is a usage error" ctl frobnicate

# A disabled account cannot log in.
CPW=$(pwfile carol 'carol-secret-1')
expect_exit 0 "add carol" ctl user add carol --role agent --password-file "$CPW"
expect_exit 0 "carol can log in" as carol "$CPW" whoami
expect_exit 0 "disable carol" ctl user disable carol
expect_exit 4 "a disabled user cannot log in" as carol "$CPW" whoami
check "the refusal says the account is disabled" grep -q 'disabled' "$T/err"

# Failed logins put a penalty on their source address (PerSourcePenalties):
# once it reaches the threshold the source is answered THROTTLED at once,
# with the time to wait, while the right password from elsewhere works.
tcp_as_root() { HOTLINE_BROKER="$URL_TCP" as root "$@"; }
for i in 1 2 3 4 5 6 7; do tcp_as_root "$BAD" whoami >"$T/out" 2>"$T/err$i"; done
check "the first wrong guesses over tcp are checked and refused" grep -q 'wrong user name or password' "$T/err1"
t0=$(date +%s%N)
expect_exit 4 "the next guess from 127.0.0.1 is throttled" tcp_as_root "$BAD" whoami
t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 ))
check "the throttled attempt was answered at once (took ${ms} ms)" test "$ms" -lt 3000
check "it says why and when to come back" \
	grep -Eq 'login throttled: too many failed attempts from 127.0.0.1; try again in [0-9]+ s' "$T/err"
expect_exit 4 "the right password from the penalised source waits too" tcp_as_root "$ADMIN_PW" whoami
check "...and says so" grep -q 'login throttled' "$T/err"
t0=$(date +%s%N)
expect_exit 0 "the right password from another source (ipc) works at once" ctl whoami
t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 ))
check "that login was prompt (took ${ms} ms)" test "$ms" -lt 5000
check "the broker logs the throttled source" grep -q "login for 'root' from 127.0.0.1 throttled" "$T/broker.log"

finish
