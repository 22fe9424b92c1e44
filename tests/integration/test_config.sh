# broker.ini against a real broker: broker-wide keys stay in main.c, a
# module's section goes to its module (the web chat's texts reach
# visitors), [broker] and [web] share their keys, and an unknown section
# or key stops the broker with a message naming it.
. "$(dirname "$0")/lib.sh"

init_state || exit 1

# run_bad INI: the broker must refuse the file (exit 1) at once.
run_bad() {
	printf '%b\n' "$1" >"$T/bad.ini"
	timeout 20 "$BROKER" run --state "$T/state" --listen "ipc://$T/bad.sock" \
		--config "$T/bad.ini" >"$T/bad.out" 2>&1
}
run_bad '[nosuch]\nkey = 1'
check "an unknown section stops the broker (exit 1)" test $? -eq 1
check "and is named" grep -q 'config: unknown section \[nosuch\]' "$T/bad.out"
run_bad '[web]\nwelcome_en = hi\nbogus = 2'
check "an unknown key of a module's section stops the broker" test $? -eq 1
check "and is named with its line" grep -q 'config: \[web\] bogus = 2 is not a known setting' "$T/bad.out"
check "the line is given" grep -q 'error on line 3' "$T/bad.out"
run_bad '[limits]\nsessions_max = 1'
check "a broker-wide key out of range stops the broker" test $? -eq 1

WEBPORT=$(free_port)
cat >"$T/broker.ini" <<'INI'
[broker]
poll_wait_ms = 20000
; a web chat text in [broker]: keys are recognised by name in either
welcome_zh = 欢迎光临测试
[web]
welcome_en = Hello from the config test
regions = north,south
max_conns = 500
INI
start_broker --config "$T/broker.ini" --web "http://127.0.0.1:$WEBPORT" || exit 1
check "the broker starts with module and broker-wide keys" kill -0 "$BROKER_PID"
export WEBPORT
timeout 60 python3 - "$(dirname "$0")" >"$T/welcome.out" 2>&1 <<'PY'
import json, os, sys
sys.path.insert(0, sys.argv[1])
from wsclient import Visitor
port = int(os.environ["WEBPORT"])
for lang in ("en", "zh"):
    v = Visitor("127.0.0.1", port)
    v.send({"type": "hello", "lang": lang})
    w = v.wait("welcome")
    print(lang, json.dumps({"text": w["text"], "regions": w.get("regions")}, ensure_ascii=False))
PY
check "the [web] text reaches an English visitor" grep -q '^en .*Hello from the config test' "$T/welcome.out"
check "the [broker] one a Chinese visitor" grep -q '^zh .*欢迎光临测试' "$T/welcome.out"
check "the regions are offered" grep -q '"regions": \["north", "south"\]' "$T/welcome.out"
stop_broker
finish
