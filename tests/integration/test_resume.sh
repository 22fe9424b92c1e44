# A client reconnecting after a broker restart resumes its session by token,
# without logging in again, and its event stream loses and repeats nothing.
. "$(dirname "$0")/lib.sh"

init_state && start_broker || exit 1
# The follower waits for: snapshot, team a, team b (before the kill), and
# team c, team d (after the restart).
ctl events --count 5 >"$T/events.out" 2>"$T/events.err" &
EV=$!
# 120 round trips (12 s) span the kill and restart even on a slow, loaded
# machine (sanitizers): fewer could end before the restart and never
# reconnect.
ctl ping --count 120 --interval-ms 100 >"$T/ping.out" 2>&1 &
PING=$!
sleep 1
ctl team add a >/dev/null && ctl team add b >/dev/null
sleep 0.5
logins_before=$(ctl --json audit list --limit 1000 | python3 -c '
import json,sys; d=json.load(sys.stdin); print(sum(1 for e in d["entries"] if e["action"]=="login"))')
kill9_broker
sleep 0.5
check "broker restarts" start_broker
ctl team add c >/dev/null && ctl team add d >/dev/null
wait "$PING"; prc=$?
timeout 60 tail --pid="$EV" -f /dev/null; wait "$EV"; erc=$?
check "the ping client finished all 120 round trips across the restart" test "$prc" = 0
check "it reconnected" grep -q '1 reconnect' "$T/ping.out"
check "the event follower finished" test "$erc" = 0
check "events arrived once each, in order" python3 -c '
import json,sys
ev=[json.loads(l) for l in open(sys.argv[1])]
seqs=[e["seq"] for e in ev]
assert seqs==list(range(1,6)), seqs
assert "snapshot" in ev[0], ev[0]
names=[e["team_added"]["name"] for e in ev[1:]]
assert names==["a","b","c","d"], names' "$T/events.out"
check "the broker logged the resumes" grep -q 'resumed from' "$T/broker.log"
# Logins after the first count: only the ctl commands run since (team c,
# team d, this audit list), none from the two resumed clients.
logins_after=$(ctl --json audit list --limit 1000 | python3 -c '
import json,sys; d=json.load(sys.stdin); print(sum(1 for e in d["entries"] if e["action"]=="login"))')
check "resumed clients did not log in again ($logins_before then $logins_after)" \
	test "$logins_after" -eq $((logins_before + 3))
finish
