# The broker killed with SIGKILL during a short hotline-sim run and
# restarted: customers and agents reconnect and resume, and the run still
# ends with nothing acknowledged lost, duplicated or out of order.
. "$(dirname "$0")/lib.sh"

SIM="$HL_BIN/tools/hotline-sim"
init_state || exit 1
WEBPORT=$(free_port)
start_broker --web "http://127.0.0.1:$WEBPORT" || exit 1
AP=$(pwfile agents 'sim-agent-pw-1')
ctl queue add sales --strategy longest_idle --label-en Enquiry --label-zh 业务咨询 >/dev/null
for i in $(seq 1 6); do
	ctl user add "simagent$i" --role agent --password-file "$AP" >/dev/null &&
		ctl agent setup "simagent$i" --skill sales=5 --capacity 3 >/dev/null ||
		fail "set up simagent$i"
done
timeout 120 "$SIM" run --broker "$URL_IPC" --pin "$PIN" --web "ws://127.0.0.1:$WEBPORT/chat" \
	--customers 120 --agents 6 --duration 14 --seed 3 --password-file "$AP" --json \
	>"$T/sim.json" 2>"$T/sim.err" &
SIMPID=$!
sleep 5
kill9_broker
check "the broker restarts after SIGKILL mid-run" start_broker --web "http://127.0.0.1:$WEBPORT"
wait "$SIMPID"; rc=$?
check "hotline-sim finished with status 0 (it checks every line)" test "$rc" = 0
check "the figures say 0 lost, 0 duplicated, 0 out of order, and real traffic" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
flat={}
def walk(o,p=""):
    if isinstance(o,dict):
        for k,v in o.items(): walk(v,p+k+".")
    else: flat[p[:-1]]=o
walk(d)
lost=sum(v for k,v in flat.items() if k.endswith("lost"))
dup=sum(v for k,v in flat.items() if k.endswith("duplicated"))
ooo=sum(v for k,v in flat.items() if k.endswith("out_of_order"))
deliv=sum(v for k,v in flat.items() if k.endswith("delivered"))
assert lost==0 and dup==0 and ooo==0, (lost,dup,ooo)
assert deliv>20, deliv
print("  | delivered %d lines across the restart" % deliv)' "$T/sim.json" || { cat "$T/sim.json"; tail -20 "$T/sim.err"; }
finish
