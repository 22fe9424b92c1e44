"""Chats end to end against a real broker: a visitor on the web chat
(wsclient.Visitor) and agents driven by hotline-ctl with persistent
sessions. Checks what a customer and an agent would notice. Prints
'ok - …' / 'FAIL - …' lines and a closing tally."""
import json, os, subprocess, sys, time

sys.path.insert(0, os.path.dirname(__file__))
from wsclient import Visitor

CTL, T, WEBPORT = os.environ["CTL"], os.environ["T"], int(os.environ["WEBPORT"])
passes = fails = 0

def check(desc, cond):
    global passes, fails
    if cond:
        passes += 1; print("ok -", desc)
    else:
        fails += 1; print("FAIL -", desc)
    sys.stdout.flush()

def ctl(*args, user=None, pw=None, session=None, json_out=False, ok=True):
    env = dict(os.environ)
    if user:
        env["HOTLINE_USER"], env["HOTLINE_PASSWORD_FILE"] = user, pw
    cmd = [CTL]
    if session:
        cmd += ["--session", session]
    if json_out:
        cmd += ["--json"]
    r = subprocess.run(cmd + list(args), env=env, capture_output=True, text=True, timeout=90)
    if ok and r.returncode != 0:
        print("  | %s -> %d: %s" % (" ".join(args), r.returncode, r.stderr.strip()))
    return r

class Agent:
    def __init__(self, name, pw):
        self.name, self.pw, self.session = name, pw, os.path.join(T, name + ".session")
    def __call__(self, *args, **kw):
        return ctl(*args, user=self.name, pw=self.pw, session=self.session, **kw)
    def events_until(self, kind, timeout=20):
        r = self("events", "--until", kind, "--timeout-s", str(timeout), "--wait-ms", "2000",
                 json_out=True, ok=False)
        evs = [json.loads(l) for l in r.stdout.splitlines() if l.strip()]
        return [e for e in evs if kind in e], evs
    def transcript(self, cid):
        r = self("chat", "transcript", cid, json_out=True)
        return json.loads(r.stdout) if r.returncode == 0 else None

def pwfile(name, text):
    p = os.path.join(T, name + ".pw")
    open(p, "w").write(text + "\n")
    return p

# --- set-up: two queues, two agents ---
ctl("queue", "add", "sales", "--strategy", "longest_idle", "--label-en", "Enquiry",
    "--label-zh", "业务咨询", "--short-abandon", "5", "--sl", "80/20")
ctl("queue", "add", "aftersales", "--strategy", "round_robin", "--label-en", "After-sales",
    "--label-zh", "售后")
ctl("queue", "add", "night", "--label-en", "Night line", "--hours", "mon-sun 00:00-00:01")
apw, bpw = pwfile("xiaoli", "xiaoli-secret-1"), pwfile("wang", "wang-secret-12")
ctl("user", "add", "xiaoli", "--role", "agent", "--display", "王小丽", "--password-file", apw)
ctl("user", "add", "wang", "--role", "agent", "--display", "Wang Wei", "--password-file", bpw)
ctl("agent", "setup", "xiaoli", "--skill", "sales=8", "--skill", "aftersales=3", "--capacity", "2")
ctl("agent", "setup", "wang", "--skill", "aftersales=9", "--capacity", "1")
A, B = Agent("xiaoli", apw), Agent("wang", bpw)
check("agent xiaoli goes available", A("agent", "state", "available").returncode == 0)
check("agent wang goes on break", B("agent", "state", "break").returncode == 0)

# --- a customer starts a chat in Chinese ---
v = Visitor("127.0.0.1", WEBPORT)
v.send({"type": "hello", "lang": "zh", "trail": {"referrer": "https://search.example/?q=物流",
        "landing": "https://shop.example/orders", "pages": ["/orders", "/help"],
        "keywords": "物流", "device": "mobile Android"}})
w = v.wait("welcome")
check("the welcome is in Chinese with the menu", "业务咨询" in [m["label"] for m in w["menu"]])
check("a new visitor is not returning", w["returning"] is False)
token = w["visitor"]
text1 = "你好，我想查询订单 12345 的物流状态 📦"
v.send({"type": "start", "item": "sales", "text": text1})
offers, _ = A.events_until("offer")
check("the agent is offered the contact", len(offers) == 1)
offer = offers[0]["offer"] if offers else {}
cid = offer.get("contact", "")
check("the offer carries the first message intact", offer.get("first_text") == text1)
check("the offer has a countdown deadline", offer.get("expires_ms", 0) > time.time() * 1000)
check("the offer carries the visitor trail", offer.get("visitor", {}).get("keywords") == "物流")
check("accept", A("agent", "accept", cid).returncode == 0)
check("the customer sees the agent's display name", v.wait("agent")["name"] == "王小丽")

v.send({"type": "msg", "id": "v-1", "text": "请尽快，谢谢"})
check("the customer's line is acknowledged", v.wait("ack")["id"] == "v-1")
v.send({"type": "msg", "id": "v-1", "text": "请尽快，谢谢"})
ack2 = v.wait("ack")
reply = "您好，已为您查到：订单已发货 🚚"
check("agent reply", A("chat", "send", cid, reply, "--id", "a-1").returncode == 0)
got = None
for _ in range(10):
    m = v.wait("msg")
    if m["from"] == "agent":
        got = m; break
check("the customer receives the agent's reply intact", got and got["text"] == reply)
check("the agent's name travels with the line", got and got["name"] == "王小丽")
A("chat", "typing", cid, "on")
check("the customer sees the agent typing", v.wait("typing")["on"] is True)

tr = A.transcript(cid)
lines = [(l["from"], l["text"]) for l in tr["lines"]] if tr else []
check("the transcript holds both sides in order",
      ("customer", text1) in lines and ("agent", reply) in lines
      and lines.index(("customer", text1)) < lines.index(("agent", reply)))
check("a re-sent customer line is stored once", [t for f, t in lines].count("请尽快，谢谢") == 1)

# --- reload: the visitor comes back with the token and resumes ---
v2 = Visitor("127.0.0.1", WEBPORT)
v2.send({"type": "hello", "visitor": token, "lang": "zh", "last_seq": 1})
w2 = v2.wait("welcome")
check("a returning visitor is recognised", w2["returning"] is True)
replayed = []
for _ in range(20):
    m = v2.recv(5)
    if m["type"] == "msg":
        replayed.append(m["text"])
    if m["type"] == "agent":
        break
check("a reloaded page gets the lines after last_seq", reply in replayed and text1 not in replayed)

# --- transfer to another queue with a note; wang takes it ---
B("agent", "state", "available")
check("transfer to after-sales with a note",
      A("chat", "transfer", cid, "--queue", "aftersales", "--note", "客户要求退货").returncode == 0)
offers_b, _ = B.events_until("offer")
check("wang is offered the transferred contact", offers_b and offers_b[0]["offer"]["contact"] == cid)
check("the internal note travels with the transfer",
      offers_b and offers_b[0]["offer"].get("note") == "客户要求退货")
B("agent", "accept", cid)
check("the customer now sees Wang Wei", v2.wait("agent")["name"] == "Wang Wei")
check("wang ends the chat", B("chat", "end", cid).returncode == 0)
check("the customer is told it ended", v2.wait("ended")["by"] == "agent")
v2.send({"type": "rate", "csat": 5, "nps": 9, "comment": "很好"})
v2.wait("rated")
check("wrap-up with a code and note",
      B("agent", "wrapup", "--code", "resolved", "--note", "退货已受理").returncode == 0)
tr = B.transcript(cid)
c = tr["contact"] if tr else {}
check("the rating is stored", c.get("csat") == 5 and c.get("nps") == 9 and c.get("comment") == "很好")
check("the wrap-up is stored", c.get("wrap_code") == "resolved" and c.get("wrap_note") == "退货已受理")
check("the note never reached the customer", all("退货" not in t for t in replayed))
v2.send({"type": "rate", "csat": 1, "nps": 0})
check("a second rating is refused", v2.wait("error")["code"] == "state")

# --- decline, then an abandon (short) ---
A("agent", "state", "available")
v3 = Visitor("127.0.0.1", WEBPORT)
v3.send({"type": "hello", "lang": "en"}); v3.wait("welcome")
v3.send({"type": "start", "item": "sales", "text": "hello"})
offers, _ = A.events_until("offer")
c3 = offers[0]["offer"]["contact"] if offers else ""
check("decline an offer", A("agent", "decline", c3).returncode == 0)
v3.send({"type": "end"})
check("a customer who leaves while queued is told it ended", v3.wait("ended")["by"] == "customer")

# --- outside business hours: closed, leave a message ---
v4 = Visitor("127.0.0.1", WEBPORT)
v4.send({"type": "hello", "lang": "en"}); v4.wait("welcome")
v4.send({"type": "start", "item": "night", "text": "anyone?"})
closed = v4.wait("closed")
check("a closed queue says so", "closed" in closed["text"].lower())
v4.send({"type": "leave_message", "name": "Li", "contact": "li@example.com", "text": "call me"})
check("a message can be left", v4.wait("left_message")["ref"].startswith("m"))

# --- the floor's figures, by the definitions ---
r = ctl("floor", json_out=True)
fl = json.loads(r.stdout)
sales = [q for q in fl["queues"] if q["queue"] == "sales"][0]
after = [q for q in fl["queues"] if q["queue"] == "aftersales"][0]
print("  | floor:", json.dumps(fl["queues"], ensure_ascii=False))
# A transferred contact counts in the queue it ended in (after-sales).
check("after-sales: the transferred conversation was offered and answered within target",
      after["offered"] == 1 and after["answered"] == 1 and abs(after["sl_pct"] - 100.0) < 1e-6)
check("after-sales: AHT is measured (talk + wrap-up)", after["aht_s"] >= 0)
check("sales: the short abandon is counted apart",
      sales["offered"] == 1 and sales["abandoned"] == 1 and sales["short_abandoned"] == 1)
check("sales: with only a short abandon, service level and abandon rate are undefined, not 0",
      sales["sl_pct"] == -1 and sales["abandon_pct"] == -1)
check("floor shows agents by state", fl["overall"]["agents_available"] + fl["overall"]["agents_busy"] >= 1)

print("%d passed, %d failed" % (passes, fails))
sys.exit(1 if fails else 0)
