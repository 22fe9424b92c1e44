# One web connection cannot fill the disk, and visitors' identities are the
# broker's: thousands of hellos and left messages on one connection leave a
# handful of rows (the rest are answered "rate_limited" and not stored); a
# hello alone stores nothing; a made-up token gets a fresh broker-made one;
# an older tab is told "replaced" when a newer one takes the visitor over.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

WEBPORT=$(free_port)
init_state || { fail "broker init"; finish; exit 1; }
start_broker --web "http://127.0.0.1:$WEBPORT" || { fail "broker did not start"; finish; exit 1; }
ctl queue add sales --strategy longest_idle --label-en "Enquiry" --label-zh "业务咨询" >/dev/null ||
	fail "queue add"
rows() { sqlite3 -readonly "$T/state/hotline.db" "SELECT COUNT(*) FROM $1"; }

HERE="$HERE" python3 - "$WEBPORT" >"$T/py.out" 2>&1 <<'EOF2'
import json, socket, sys, time, os
sys.path.insert(0, os.environ["HERE"])
import wsclient
port = int(sys.argv[1])

def drain(v, secs):
    """Every message until the line is quiet for `secs`."""
    out = []
    while True:
        try:
            out.append(v.recv(secs))
        except (socket.timeout, TimeoutError):
            return out
        except (ConnectionError, OSError):
            out.append({"type": "_closed"})
            return out


# 1. thousands of hellos and left messages on one connection
v = wsclient.Visitor("127.0.0.1", port)
batch = b"".join((json.dumps({"type": "hello", "visitor": "", "lang": "en", "last_seq": 0}) + "\n").encode()
                 for _ in range(100))
sent = 0
got = []
for i in range(30):
    try:
        wsclient.send_frame(v.s, batch)
        sent += 100
    except OSError:
        break
    got += drain(v, 0.05)
got += drain(v, 1.0)
welcomes = sum(1 for m in got if m.get("type") == "welcome")
limited = sum(1 for m in got if m.get("type") == "error" and m.get("code") == "rate_limited")
print("HELLO sent=%d welcome=%d rate_limited=%d" % (sent, welcomes, limited))
retry = [m for m in got if m.get("code") == "rate_limited"][:1]
print("RETRY", json.dumps(retry))

v = wsclient.Visitor("127.0.0.1", port)
v.send({"type": "hello", "visitor": "", "lang": "en", "last_seq": 0})
v.wait("welcome")
text = "留" * 4000
lm = (json.dumps({"type": "leave_message", "name": "n", "contact": "c", "text": text},
                 ensure_ascii=False) + "\n").encode()
sent = 0
got = []
for i in range(2000):
    try:
        wsclient.send_frame(v.s, lm)
        sent += 1
    except OSError:
        break
    if i % 20 == 0:
        got += drain(v, 0.01)
got += drain(v, 1.0)
stored = sum(1 for m in got if m.get("type") == "left_message")
limited = sum(1 for m in got if m.get("code") == "rate_limited")
print("LEFT sent=%d stored=%d rate_limited=%d" % (sent, stored, limited))

# 2. a made-up token is not adopted
fake = "A" * 43
v = wsclient.Visitor("127.0.0.1", port)
v.send({"type": "hello", "visitor": fake, "lang": "en", "last_seq": 0})
w = v.wait("welcome")
print("FAKE adopted=%d returning=%s len=%d" % (w["visitor"] == fake, w["returning"], len(w["visitor"])))

# 3. the older tab is told
a = wsclient.Visitor("127.0.0.1", port)
a.send({"type": "hello", "visitor": "", "lang": "zh", "last_seq": 0})
tok = a.wait("welcome")["visitor"]
a.send({"type": "start", "item": "sales", "text": "你好"})
a.wait("queued")
b = wsclient.Visitor("127.0.0.1", port)
b.send({"type": "hello", "visitor": tok, "lang": "zh", "last_seq": 0})
wb = b.wait("welcome")
print("TAKEOVER same_token=%d returning=%s" % (wb["visitor"] == tok, wb["returning"]))
try:
    r = a.wait("replaced", 5)
    print("REPLACED", json.dumps(r, ensure_ascii=False))
except Exception as e:
    print("REPLACED none", e)
a.send({"type": "msg", "id": "old-1", "text": "from the old tab"})
after = drain(a, 1.0)
print("OLDTAB", json.dumps([m.get("code") or m.get("type") for m in after]))
EOF2
sed 's/^/  | /' "$T/py.out" | grep -v '^  | {' | head -20

hello=$(grep '^HELLO' "$T/py.out")
left=$(grep '^LEFT' "$T/py.out")
num() { echo "$1" | sed -n "s/.* $2=\([0-9]*\).*/\1/p"; }
check "3,000 hellos were sent on one connection" [ "$(num "$hello" sent)" -ge 1000 ]
check "only a handful were welcomed ($(num "$hello" welcome))" [ "$(num "$hello" welcome)" -le 10 ]
check "the rest were answered rate_limited ($(num "$hello" rate_limited))" [ "$(num "$hello" rate_limited)" -ge 100 ]
check "rate_limited says when to retry" grep -q '"retry_ms": [1-9]' "$T/py.out"
check "left messages: most of 2,000 sent ($(num "$left" sent))" [ "$(num "$left" sent)" -ge 200 ]
check "left messages: a handful stored ($(num "$left" stored))" [ "$(num "$left" stored)" -ge 1 ] && [ "$(num "$left" stored)" -le 5 ]
check "left messages: the rest refused ($(num "$left" rate_limited))" [ "$(num "$left" rate_limited)" -ge 50 ]
n=$(rows left_message); check "left_message rows stay bounded ($n)" [ "$n" -le 5 ] && [ "$n" -ge 1 ]
n=$(rows customer); check "customer rows stay bounded ($n): a hello alone stores nothing" [ "$n" -le 3 ]
check "a made-up token is not adopted" grep -q '^FAKE adopted=0 returning=False len=43' "$T/py.out"
check "a stored token resumes the visitor" grep -q '^TAKEOVER same_token=1 returning=True' "$T/py.out"
check "the older tab is told replaced" grep -q '^REPLACED {"type": "replaced"' "$T/py.out"
check "the older tab's lines are refused" grep -q '^OLDTAB \["replaced"\]' "$T/py.out"
finish
