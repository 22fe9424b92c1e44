# The floor's figures kept current equal the figures recomputed from the
# stored contacts: after a hotline-sim run on two queues (answers, wrap-ups,
# abandons), `floor --json` agrees with the contacts in the database; the
# 15-minute interval rows written at shutdown agree with them per queue and
# agent; and a restarted broker, which counts the day's stored contacts
# once, shows the same counts as the live ones.
. "$(dirname "$0")/lib.sh"

SIM="$HL_BIN/tools/hotline-sim"
CHECK="$(dirname "$0")/figures_check.py"
DB="$T/state/hotline.db"
init_state || exit 1
WEBPORT=$(free_port)
start_broker --web "http://127.0.0.1:$WEBPORT" || exit 1
AP=$(pwfile agents 'sim-agent-pw-1')
ctl queue add sales --sl 80/4 --short-abandon 2 --wrap-up 1 --label-en Sales >/dev/null &&
	ctl queue add billing --sl 80/10 --label-en Billing >/dev/null || fail "add queues"
for a in sa1 sa2 ba1; do
	q=sales; case $a in ba*) q=billing;; esac
	ctl user add "$a" --role agent --password-file "$AP" >/dev/null &&
		ctl agent setup "$a" --skill "$q=5" --capacity 4 >/dev/null || fail "set up $a"
done
# Two runs at once, more customers than the agents answer at once: some
# wait past the target, some give up.
timeout 120 "$SIM" run --broker "$URL_IPC" --pin "$PIN" --web "ws://127.0.0.1:$WEBPORT/chat" \
	--customers 120 --agents 2 --agent-prefix sa --queue-item sales --duration 12 --typing-ms 300 --seed 5 \
	--patience-s 15 --password-file "$AP" >"$T/sim1.out" 2>&1 &
S1=$!
timeout 120 "$SIM" run --broker "$URL_IPC" --pin "$PIN" --web "ws://127.0.0.1:$WEBPORT/chat" \
	--customers 60 --agents 1 --agent-prefix ba --queue-item billing --duration 12 --typing-ms 300 --seed 6 \
	--patience-s 20 --password-file "$AP" >"$T/sim2.out" 2>&1 &
S2=$!
wait "$S1"; wait "$S2"

# The runs' last contacts settle (customers gone, wrap-ups over): compare
# until the two agree, for at most a minute.
ok=0
for _ in $(seq 30); do
	ctl --json floor >"$T/floor.json" 2>"$T/err" &&
		python3 "$CHECK" floor "$DB" "$T/floor.json" "sales=2,billing=5" >"$T/cmp.out" 2>&1 &&
		{ ok=1; break; }
	sleep 2
done
cat "$T/cmp.out"
check "floor --json equals the figures recomputed from the stored contacts" test "$ok" = 1
check "the run made answered, handled and abandoned contacts" python3 -c '
import json,sys
o=json.load(open(sys.argv[1]))["overall"]
print("  | overall:", {k: o[k] for k in ("offered","answered","abandoned","sl_pct","asa_s","aht_s")})
assert o["offered"] >= 10 and o["answered"] >= 5 and o["aht_s"] > 0, o' "$T/floor.json"
DAY=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["day_start_ms"])' "$T/floor.json")

stop_broker
check "the interval rows written at shutdown equal the contacts, per queue and agent" \
	python3 "$CHECK" intervals "$DB" "$DAY" "sales=4/2,billing=10/5"
check "there is a row per queue for each 15-minute interval with contacts" python3 -c '
import sqlite3,sys
con=sqlite3.connect(sys.argv[1])
rows=con.execute("SELECT queue, start_ms, offered FROM figures_interval WHERE agent=\"\" AND start_ms>=?",(int(sys.argv[2]),)).fetchall()
have={q for q,_,n in rows if n>0}
assert {"sales","billing"} <= have, rows
assert all((s-int(sys.argv[2])) % 900000 == 0 for _,s,_ in rows), rows' "$DB" "$DAY"

start_broker --web "http://127.0.0.1:$WEBPORT" || exit 1
ctl --json floor >"$T/floor2.json" 2>"$T/err"
check "a restarted broker counts the stored contacts to the same figures" python3 -c '
import json,sys
a,b=(json.load(open(p)) for p in sys.argv[1:3])
keys=("queue","offered","answered","abandoned","short_abandoned","sl_pct","asa_s","aht_s","abandon_pct","sl_secs")
strip=lambda f: {k: f.get(k) for k in keys}
assert a["day_start_ms"]==b["day_start_ms"]
assert [strip(q) for q in a["queues"]]==[strip(q) for q in b["queues"]], (a["queues"],b["queues"])
assert strip(a["overall"])==strip(b["overall"])' "$T/floor.json" "$T/floor2.json"
finish
