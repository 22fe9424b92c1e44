# The metric dictionary against a real broker: interval rows seeded in the
# store before start (ten earlier days at 10:00, one queue on three of them,
# rows that must not count), then metric list and metric show: every field
# `floor --json` prints has an entry, the bands equal the hand-worked
# percentiles, too little history is said so, in English and Chinese, and
# malformed names, times and queues are refused with a clear error.
. "$(dirname "$0")/lib.sh"

DB="$T/state/hotline.db"
init_state || exit 1

# Ten days back at 10:00, queue sales: 10 offered a day, answered within T
# 6 7 8 9 10 5 6 7 8 9 (SL 60 70 80 90 100 50 60 70 80 90 %: sorted 50 60 60
# 70 70 80 80 90 90 100, p10 = 50 + 0.9 × 10 = 59, p90 = 90 + 0.1 × 10 =
# 91). Queue billing on days 1-3 only: 5 offered, 5 within. An agent's row,
# today's row and a row 29 days back must not count.
python3 - "$DB" <<'PY' || { echo "cannot seed the intervals"; exit 1; }
import sqlite3, sys, datetime as dt
con = sqlite3.connect(sys.argv[1])
cols = ("start_ms,queue,agent,sl_secs,short_secs,offered,answered,answered_within_sl,abandoned,"
        "short_abandoned,abandoned_within_sl,timed_out,rejected,wait_answered_ms,handled,talk_ms,"
        "wrap_ms,csat_ratings,csat_satisfied,nps_answers,nps_promoters,nps_detractors,written_ms")
def at(days_back, h, m):
    d = dt.date.today() - dt.timedelta(days=days_back)
    return int(dt.datetime.combine(d, dt.time(h, m)).timestamp() * 1000)
def row(start, queue, agent, offered, within):
    con.execute("INSERT INTO figures_interval(%s) VALUES(%s)" % (cols, ",".join("?" * 23)),
                (start, queue, agent, 20, 5, offered, offered, within, 0, 0, 0, 0, 0,
                 offered * 10000, offered, offered * 60000, 0, 0, 0, 0, 0, 0, start))
within = [6, 7, 8, 9, 10, 5, 6, 7, 8, 9]
for k in range(1, 11):
    row(at(k, 10, 0), "sales", "", 10, within[k - 1])
    row(at(k, 10, 0), "", "a1", 500, 500)
for k in range(1, 4):
    row(at(k, 10, 0), "billing", "", 5, 5)
row(at(0, 10, 0), "sales", "", 1000, 0)
row(at(29, 10, 0), "sales", "", 1000, 0)
con.commit()
PY
start_broker || exit 1
ctl queue add sales --label-en Sales >/dev/null && ctl queue add billing --label-en Billing \
	>/dev/null || fail "add queues"

ctl --json metric list >"$T/list.json" 2>"$T/err" || { cat "$T/err"; fail "metric list"; }
ctl --json floor >"$T/floor.json" 2>"$T/err" || fail "floor"
check "metric list gives every entry the contract's fields" python3 -c '
import json,sys
l=json.load(open(sys.argv[1]))
assert l["days"]==28 and l["queue"]=="" and len(l["metrics"])>=20, l.keys()
for m in l["metrics"]:
    for k in ("name","name_zh","definition","definition_zh","formula","source","variant","unit"):
        assert isinstance(m[k],str), (m["name"],k)
    for k in ("name","name_zh","definition","definition_zh","formula","source"):
        assert m[k], (m["name"],k)
    b=m["band"]
    assert set(("low","high","samples","enough_history")) <= set(b), b
names=[m["name"] for m in l["metrics"]]
assert len(names)==len(set(names))
for n in ("sl","asa","aht","abandon","offered","answered","handled","abandoned","waiting",
          "longest_wait","occupancy","csat","nps","agents_available","agent_state","chats"):
    assert n in names, n' "$T/list.json"
check "every figure hotline-ctl --json floor prints has a dictionary entry" python3 -c '
import json,sys
l=json.load(open(sys.argv[1])); f=json.load(open(sys.argv[2]))
keys={m["floor_key"] for m in l["metrics"] if m["floor_key"]}
labels={"queue","sl_secs","last30"}   # the line, its target, its window: not figures
lines=[f["overall"]]+f["queues"]
assert len(f["queues"])==2, f
lines+=[line["last30"] for line in lines]   # the window holds figures of the same keys
missing={k for line in lines for k in line if k not in keys|labels}
assert not missing, missing' "$T/list.json" "$T/floor.json"

ctl --json metric show sl --queue sales --at 10:00 >"$T/sl.json" 2>"$T/err" || fail "metric show sl"
check "sl's band at 10:00 for sales is the hand-worked 59 to 91 over 10 days" python3 -c '
import json,sys,datetime as dt
m=json.load(open(sys.argv[1])); b=m["band"]
assert m["name"]=="sl" and m["variant"]=="offered" and m["unit"]=="%", m
assert b["samples"]==10 and b["enough_history"] is True, b
assert abs(b["low"]-59)<1e-9 and abs(b["high"]-91)<1e-9, b
want=int(dt.datetime.combine(dt.date.today(), dt.time(10,0)).timestamp()*1000)
assert m["interval_start_ms"]==want and m["at"]=="10:00" and m["queue"]=="sales", m' "$T/sl.json"
check "the definition is the one of metrics.c, as docs/metrics.md states it" python3 -c '
import json,sys
m=json.load(open(sys.argv[1])); doc=open(sys.argv[2],encoding="utf-8").read()
assert m["definition"] in doc and m["definition_zh"] in doc, m["definition"]
assert m["computed_by"]=="hl_metrics_sl", m' "$T/sl.json" "$HL_SRC/docs/metrics.md"
ctl --json metric show offered --at 10:07 >"$T/off.json" 2>"$T/err" || fail "metric show offered"
check "the whole floor sums the queues (not agents, not today, not day 29): 10 to 15" python3 -c '
import json,sys
m=json.load(open(sys.argv[1])); b=m["band"]
assert m["at"]=="10:00" and m["queue"]=="", m
assert b["samples"]==10 and b["low"]==10 and b["high"]==15, b' "$T/off.json"
ctl --json metric show sl_pct --queue billing --at 10:00 >"$T/bill.json" 2>"$T/err" ||
	fail "metric show sl_pct"
check "three days of billing is too little history, said so with the band" python3 -c '
import json,sys
m=json.load(open(sys.argv[1])); b=m["band"]
assert m["name"]=="sl", m
assert b["samples"]==3 and b["enough_history"] is False and b["low"]==100, b' "$T/bill.json"
ctl --json metric show sl --at 03:00 >"$T/none.json" 2>"$T/err" || fail "metric show at 03:00"
check "an interval with no contacts on any day has no band: low and high null" python3 -c '
import json,sys
b=json.load(open(sys.argv[1]))["band"]
assert b["samples"]==0 and b["low"] is None and b["high"] is None and not b["enough_history"], b
' "$T/none.json"
ctl --json metric show waiting >"$T/live.json" 2>"$T/err" || fail "metric show waiting"
check "a live figure is not kept per interval" python3 -c '
import json,sys
b=json.load(open(sys.argv[1]))["band"]
assert b["kept"] is False and b["samples"]==0, b' "$T/live.json"

# For people: the table, and an entry in English and in Chinese.
ctl metric list --queue sales --at 10:00 >"$T/list.txt" 2>"$T/err" || fail "metric list (text)"
check "the table names the figure, its Chinese name, unit and band" \
	grep -qE '^sl +服务水平 +% +59\.0% to 91\.0% \(10 days\)$' "$T/list.txt"
if locale -a 2>/dev/null | grep -qiE '^zh_CN\.utf-?8$'; then
	ZH="env LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 LANGUAGE="
else
	ZH="env LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=zh_CN"
fi
ctl metric show sl --queue billing --at 10:00 >"$T/en.txt" 2>"$T/err" || fail "show (English)"
$ZH "$CTL" metric show sl --queue billing --at 10:00 >"$T/zh.txt" 2>"$T/err" || fail "show (Chinese)"
check "in English: the English name and definition, too little history said" sh -c "
	grep -q '^sl — Service level (服务水平)$' '$T/en.txt' &&
	grep -q 'definition: contacts answered within T s' '$T/en.txt' &&
	grep -q 'normal band: too little history (3 of 7 days)' '$T/en.txt'"
check "in Chinese: the Chinese name and 取数口径, too little history said" sh -c "
	grep -q '^sl — 服务水平 (Service level)$' '$T/zh.txt' &&
	grep -q '取数口径: T 秒内接通的会话数' '$T/zh.txt' &&
	grep -q '历史数据不足（3/7 天）' '$T/zh.txt'"

# Names, times and queues from outside: unknown is an error (exit 1),
# malformed a usage error (exit 2).
expect_exit 1 "an unknown name is refused" ctl metric show no_such_metric
check "  ... naming it and where the names are" grep -q "no metric 'no_such_metric'; hotline-ctl metric list" "$T/err"
for bad in 'SL' 'sl;drop' '../sl' '服务水平' 'sl pct' "$(printf 'sl\033[2J')" \
	'abcdefghijklmnopqrstuvwxyz0123456'; do
	expect_exit 2 "a malformed name is refused: $(printf %q "$bad")" ctl metric show "$bad"
	grep -q "a metric name is 1 to 32 lower-case letters" "$T/err" || fail "  ... without saying why"
	grep -q $'\033' "$T/err" && fail "  ... echoing control characters"
done
expect_exit 2 "a name is required" ctl metric show
for bad in '24:00' '9:00' '10:60' 'now' ''; do
	expect_exit 2 "a malformed --at is refused: '$bad'" ctl metric show sl --at "$bad"
done
expect_exit 1 "an unknown queue is refused" ctl metric list --queue "nosuch$(printf '\033')"
check "  ... without echoing it" sh -c "grep -q 'no such queue' '$T/err' && ! grep -q \$'\\033' '$T/err'"

# Everyone who logs in may read the dictionary, agents too.
AP=$(pwfile agent 'agent-secret-1')
ctl user add amy --role agent --password-file "$AP" >/dev/null || fail "add agent"
expect_exit 0 "an agent reads the dictionary" as amy "$AP" --json metric show aht
ctl agent setup amy --skill sales=5 --capacity 2 >/dev/null || fail "set amy up"
ctl --json floor agents >"$T/grid.json" 2>"$T/err" || { cat "$T/err"; fail "floor agents"; }
check "every figure of the agent grid (floor agents --json) has a dictionary entry" python3 -c '
import json,sys
l=json.load(open(sys.argv[1])); g=json.load(open(sys.argv[2]))
keys={k for m in l["metrics"] for k in m["agent_keys"]}
agents=g if isinstance(g,list) else g["agents"]
assert agents, g
missing={k for a in agents for k in a if k not in keys|{"name","display","team"}}
assert not missing, missing
assert "in_state_ms" in keys and "csat_pct" in keys, keys' "$T/list.json" "$T/grid.json"
for role in team_lead supervisor qa; do
	ctl user add "u_$role" --role "$role" --password-file "$AP" >/dev/null || fail "add $role"
	expect_exit 0 "a $role lists the dictionary" as "u_$role" "$AP" --json metric list
done
expect_exit 0 "metric --help shows the commands" ctl metric --help
check "  ... list and show" sh -c "grep -q 'metric list' '$T/out' && grep -q 'metric show' '$T/out'"
finish
