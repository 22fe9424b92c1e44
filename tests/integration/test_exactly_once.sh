# Exactly once: hotline-ctl through a fault-injecting proxy (forged
# "session unknown", a dropped connection) makes each change once and
# reports success; an idempotency key reused for another request is refused;
# a kept answer survives kill -9 of the broker.
. "$(dirname "$0")/lib.sh"

init_state || exit 1
WEBPORT=$(free_port)
start_broker --web "http://127.0.0.1:$WEBPORT" || exit 1
export CTL T PORT WEBPORT
timeout 240 python3 "$(dirname "$0")/exactly_once.py" || FAILS=$((FAILS + 1))

# The answer is committed with the change: after kill -9 and a restart, the
# same keyed command (exactly_once.py ran it first) still gets it.
kill9_broker
start_broker --web "http://127.0.0.1:$WEBPORT" || exit 1
expect_exit 0 "a keyed team add re-run after kill -9 gets its first answer" \
	env HOTLINE_IDEM_KEY=nightly-setup-2026-12-04 "$CTL" team add weekend
check "  and says the team was added" grep -q "team weekend added" "$T/out"
finish
