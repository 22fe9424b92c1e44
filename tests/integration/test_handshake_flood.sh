# One captured handshake message replayed tens of thousands of times (12 s,
# at most 40,000) from eight loopback addresses: sessions that never log in are bounded per address, give
# way before logged-in ones and expire, so a logged-in client never notices,
# and `--session` commands and brand-new logins keep working during and
# after the flood. The limits are lowered through [limits] so that a short
# flood reaches them.
. "$(dirname "$0")/lib.sh"

FLOOD="$(dirname "$0")/hs_flood.py"
init_state || exit 1
cat >"$T/broker.ini" <<EOC
[limits]
sessions_max = 400
prelogin_per_address = 60
prelogin_ttl_s = 3
EOC
start_broker --config "$T/broker.ini" || exit 1
tcp() { HOTLINE_BROKER="$URL_TCP" "$CTL" "$@"; }

# Capture a real handshake: hotline-ctl through a relay that keeps its
# first handshake message.
CAP=$(free_port)
python3 "$FLOOD" capture "$CAP" "$PORT" "$T/hs1" 2>"$T/relay.err" &
RELAY=$!
for _ in $(seq 100); do [ -f "$T/hs1.ready" ] && break; sleep 0.1; done
expect_exit 0 "a real login through the relay" env HOTLINE_BROKER="tcp://127.0.0.1:$CAP" "$CTL" whoami
wait "$RELAY"
check "its handshake message was captured" \
	python3 -c 'import sys; b=open(sys.argv[1],"rb").read(); assert b[:3]==b"H\x01\x01" and len(b)>40' "$T/hs1"

# Logged in before the flood: twenty `--session` clients, and one client
# that keeps pinging over its one session through the flood.
for i in $(seq 20); do tcp --session "$T/s$i" whoami >/dev/null 2>&1 || fail "session $i logs in"; done
tcp --json ping --count 80 --interval-ms 200 >"$T/ping.json" 2>"$T/ping.err" &
PING=$!
sleep 1

SRCS="127.0.0.2 127.0.0.3 127.0.0.4 127.0.0.5 127.0.0.6 127.0.0.7 127.0.0.8 127.0.0.9"
python3 "$FLOOD" flood "$PORT" "$T/hs1" 12 40000 $SRCS >"$T/flood.json" 2>"$T/flood.err" &
FLOODPID=$!
sleep 3

# During the flood.
ok_session=0 ok_login=0 slow=0
for i in 1 2 3 4 5; do
	t0=$(date +%s%N)
	tcp --session "$T/s$i" whoami >/dev/null 2>"$T/e.s$i" && ok_session=$((ok_session + 1))
	HOTLINE_TIMEOUT_MS=10000 tcp whoami >/dev/null 2>"$T/e.l$i" && ok_login=$((ok_login + 1))
	t1=$(date +%s%N)
	[ $(( (t1 - t0) / 1000000 )) -lt 10000 ] || slow=$((slow + 1))
	kill -0 "$FLOODPID" 2>/dev/null || break
done
check "the flood was still running while the clients worked" kill -0 "$FLOODPID"
check "--session commands worked during the flood ($ok_session of $i)" test "$ok_session" = "$i"
check "brand-new logins worked during the flood ($ok_login of $i)" test "$ok_login" = "$i"
check "none of them took 10 s or more ($slow did)" test "$slow" = 0

wait "$FLOODPID"
cat "$T/flood.json"
check "the flood made thousands of sessions and more were asked for than the limit" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert d["sessions"] >= 3000 and d["sent"] >= 3000, d' "$T/flood.json"
wait "$PING"; rc=$?
check "the logged-in client's pings all came back" test "$rc" = 0
check "...over its one session: it never had to reconnect" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert d["sent"]==80 and d["received"]==80 and d["reconnects"]==0, d' "$T/ping.json"
check "the broker evicted pre-login sessions to stay in its limits" \
	grep -Eq 'pre-login sessions: [0-9]+ expired, [1-9][0-9]* evicted' "$T/broker.log"

# After the flood: the pre-login sessions expire, everyone still gets in.
expired=""
for _ in $(seq 60); do
	if grep -Eq 'pre-login sessions: [1-9][0-9]* expired, [0-9]+ evicted, [0-9]+ handshakes refused since the last report; [0-9] of' "$T/broker.log"; then
		expired=yes; break; fi
	sleep 0.5
done
check "the flood's leftover pre-login sessions expired" test -n "$expired"
for i in 6 7 8; do expect_exit 0 "--session $i still works after the flood" tcp --session "$T/s$i" whoami; done
expect_exit 0 "a new login works after the flood" tcp whoami
check "the broker is still running" kill -0 "$BROKER_PID"
finish
