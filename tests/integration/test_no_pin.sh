# A client without a pin never sends a password: hotline-ctl and hotline-sim
# with HOTLINE_PIN unset or empty stop with "no pin", before any login
# reaches the broker (its log and its audit trail show none).
. "$(dirname "$0")/lib.sh"

SIM="$HL_BIN/tools/hotline-sim"
init_state || exit 1
WEBPORT=$(free_port)
start_broker || exit 1   # no web port: the sims stop before they would use it
AP=$(pwfile agents 'sim-agent-pw-1')
ctl queue add sales --strategy longest_idle --label-en Enquiry --label-zh 业务咨询 >/dev/null
ctl user add simagent1 --role agent --password-file "$AP" >/dev/null || fail "add simagent1"
ctl agent setup simagent1 --skill sales=5 --capacity 3 >/dev/null || fail "set up simagent1"

logins() { grep -c "login" "$T/broker.log"; }
audit_logins() { ctl --json audit list --limit 1000 | grep -o '"action":"login"' | wc -l; }
before=$(logins)
audit_before=$(audit_logins)
before=$(logins)   # the audit listing above logged in itself

expect_exit 2 "hotline-ctl with HOTLINE_PIN unset stops" \
	env -u HOTLINE_PIN HOTLINE_BROKER="$URL_TCP" HOTLINE_USER=root HOTLINE_PASSWORD_FILE="$ADMIN_PW" \
	timeout 20 "$CTL_BIN" whoami
check "hotline-ctl says there is no pin and where to get it" \
	grep -q 'no pin: set HOTLINE_PIN or --pin; get it with hotline-broker fingerprint' "$T/err"
expect_exit 2 "hotline-ctl with an empty --pin stops" \
	env -u HOTLINE_PIN timeout 20 "$CTL_BIN" --broker "$URL_TCP" --pin "" --user root \
	--password-file "$ADMIN_PW" whoami
check "the empty pin gets the same words" grep -q 'no pin: set HOTLINE_PIN' "$T/err"

expect_exit 2 "hotline-sim with HOTLINE_PIN empty stops" \
	env HOTLINE_PIN= timeout 30 "$SIM" run --broker "$URL_TCP" --web "ws://127.0.0.1:$WEBPORT/chat" \
	--customers 0 --agents 1 --duration 3 --password-file "$AP"
check "hotline-sim says there is no pin and where to get it" \
	grep -q 'no pin: set HOTLINE_PIN or --pin; get it with hotline-broker fingerprint' "$T/err"
expect_exit 2 "hotline-sim with HOTLINE_PIN unset stops" \
	env -u HOTLINE_PIN timeout 30 "$SIM" run --broker "$URL_TCP" --web "ws://127.0.0.1:$WEBPORT/chat" \
	--customers 0 --agents 1 --duration 3 --password-file "$AP"
check "hotline-sim unset pin: the same words" grep -q 'no pin: set HOTLINE_PIN' "$T/err"

after=$(logins)
check "the broker's log shows no login attempt from the pinless clients ($before → $after)" \
	test "$before" = "$after"
audit_after=$(audit_logins)
# The listing itself is one login; nothing else may have come in.
check "the audit trail has no login from them ($audit_before → $audit_after)" \
	test "$audit_after" -eq $((audit_before + 1))
expect_exit 0 "with the pin, the same hotline-ctl logs in" \
	env HOTLINE_BROKER="$URL_TCP" "$CTL" whoami
finish
