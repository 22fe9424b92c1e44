"""System lines as events, read in each reader's language, and what the
customer and the agent see in the first minute: a visitor on the web chat
and agents driven by hotline-ctl against a real broker. Prints 'ok - …' /
'FAIL - …' lines and a closing tally; writes the contact's id to
$T/contact for the shell part."""
import json, os, subprocess, sys, time

sys.path.insert(0, os.path.dirname(__file__))
from wsclient import Visitor

CTL, T, WEBPORT = os.environ["CTL"], os.environ["T"], int(os.environ["WEBPORT"])
ZH_ENV = json.loads(os.environ["ZH_ENV"])
passes = fails = 0

def check(desc, cond, detail=None):
    global passes, fails
    if cond:
        passes += 1; print("ok -", desc)
    else:
        fails += 1; print("FAIL -", desc)
        if detail is not None:
            print("  |", detail if isinstance(detail, str) else json.dumps(detail, ensure_ascii=False)[:600])
    sys.stdout.flush()

def ctl(*args, user=None, pw=None, session=None, json_out=False, env_extra=None, quiet=False):
    env = dict(os.environ)
    if user:
        env["HOTLINE_USER"], env["HOTLINE_PASSWORD_FILE"] = user, pw
    env.update(env_extra or {})
    cmd = [CTL] + (["--session", session] if session else []) + (["--json"] if json_out else [])
    r = subprocess.run(cmd + list(args), env=env, capture_output=True, text=True, timeout=90)
    if r.returncode != 0 and not quiet:
        print("  | %s -> %d: %s" % (" ".join(args), r.returncode, r.stderr.strip()))
    return r

class Agent:
    def __init__(self, name, pw):
        self.name, self.pw, self.session = name, pw, os.path.join(T, name + ".session")
    def __call__(self, *args, **kw):
        return ctl(*args, user=self.name, pw=self.pw, session=self.session, **kw)
    def events_until(self, kind, timeout=20):
        r = self("events", "--until", kind, "--timeout-s", str(timeout), "--wait-ms", "2000",
                 json_out=True, quiet=True)
        evs = [json.loads(l) for l in r.stdout.splitlines() if l.strip()]
        return [e for e in evs if kind in e], evs, r.stdout

def pwfile(name, text):
    p = os.path.join(T, name + ".pw")
    open(p, "w").write(text + "\n")
    return p

def wait_for(v, pred, timeout=20):
    """The first message from v that pred accepts, within timeout s."""
    end = time.time() + timeout
    while time.time() < end:
        m = v.recv(max(0.1, end - time.time()))
        if pred(m):
            return m
    raise TimeoutError("nothing matched")

ctl("queue", "add", "sales", "--label-en", "Enquiry", "--label-zh", "业务咨询")
ctl("queue", "add", "aftersales", "--label-en", "After-sales", "--label-zh", "售后服务")
apw, bpw = pwfile("xiaoli", "xiaoli-secret-1"), pwfile("wang", "wang-secret-12")
ctl("user", "add", "xiaoli", "--role", "agent", "--display", "王小丽", "--password-file", apw)
ctl("user", "add", "wang", "--role", "agent", "--display", "Wang Wei", "--password-file", bpw)
ctl("agent", "setup", "xiaoli", "--skill", "sales=8")
ctl("agent", "setup", "wang", "--skill", "aftersales=9")
A, B = Agent("xiaoli", apw), Agent("wang", bpw)
check("xiaoli goes available", A("agent", "state", "available").returncode == 0)

# --- a Chinese visitor picks a menu item without writing anything yet ---
v = Visitor("127.0.0.1", WEBPORT)
v.send({"type": "hello", "lang": "zh"})
v.wait("welcome")
v.send({"type": "start", "item": "sales"})
try:
    q = v.wait("queued", timeout=5)
except (TimeoutError, OSError):
    q = {}
check("right after choosing, the visitor is told the chosen item (业务咨询) and where they stand",
      q.get("label") == "业务咨询" and q.get("queue") == "sales" and "position" in q
      and "eta_s" in q, q)

offers, _, raw = A.events_until("offer")
offer = offers[0]["offer"] if offers else {}
cid = offer.get("contact", "")
open(os.path.join(T, "contact"), "w").write(cid)
check("xiaoli is offered the contact before the customer wrote (no first line yet)",
      cid and not offer.get("first_text"), raw[-400:])

first = "你好，我想查询订单 12345 的物流状态"
v.send({"type": "msg", "id": "v-1", "text": first})
check("the customer's first line is acknowledged while the offer is pending",
      v.wait("ack")["id"] == "v-1")
ups, _, raw = A.events_until("offer_update")
up = ups[0]["offer_update"] if ups else {}
check("the offered agent's events carry an offer_update with the first line",
      up.get("contact") == cid and up.get("first_text") == first, raw[-400:])
v.send({"type": "msg", "id": "v-2", "text": "请尽快"})
v.wait("ack")
more, _, raw = A.events_until("offer_update", timeout=3)
check("only the first line updates the offer", not more, raw[-400:])

check("xiaoli accepts", A("agent", "accept", cid).returncode == 0)
joined = wait_for(v, lambda m: m.get("type") == "msg" and m.get("code") == "joined")
check("the page gets the join as code 'joined' with the agent's display name",
      (joined.get("args") or {}).get("agent_name") == "王小丽", joined)
ag = v.wait("agent")
check("the header's agent message names the agent and the queue's Chinese label",
      ag.get("name") == "王小丽" and ag.get("label") == "业务咨询", ag)

# --- transfer to after-sales; wang takes it ---
B("agent", "state", "available")
check("xiaoli transfers to after-sales",
      A("chat", "transfer", cid, "--queue", "aftersales").returncode == 0)
tq = wait_for(v, lambda m: m.get("type") == "queued")
check("after the transfer the page is told the new queue's label (售后服务)",
      tq.get("label") == "售后服务" and tq.get("queue") == "aftersales", tq)
tl = [m for m in v.seen if m.get("type") == "msg" and m.get("code") == "transferred"]
if not tl:
    tl = [wait_for(v, lambda m: m.get("type") == "msg" and m.get("code") == "transferred")]
check("the transfer line carries the queue's labels, not only its id",
      (tl[0].get("args") or {}).get("queue_zh") == "售后服务"
      and (tl[0].get("args") or {}).get("queue_en") == "After-sales", tl[0])
offers_b, _, _ = B.events_until("offer")
B("agent", "accept", cid)
check("the page then names Wang Wei", v.wait("agent")["name"] == "Wang Wei")
check("wang ends the chat", B("chat", "end", cid).returncode == 0)
v.wait("ended")

# --- the transcript in each reader's language ---
def transcript(env, as_json=False):
    r = ctl("chat", "transcript", cid, json_out=as_json, env_extra=env)
    return r.stdout

zh = transcript(ZH_ENV)
want_zh = ["王小丽 已加入会话", "已转接到 售后服务", "Wang Wei 已加入会话", "客服已结束会话"]
check("in zh_CN, 'chat transcript' shows the system lines in Chinese with names and labels",
      all(w in zh for w in want_zh), zh)
check("in zh_CN, no English system line, login name or queue id is shown",
      "joined" not in zh and "Transferred" not in zh and "转接到 aftersales" not in zh
      and "xiaoli 已" not in zh, zh)
en = transcript({"LC_ALL": "C", "LANG": "C", "LANGUAGE": ""})
want_en = ["王小丽 joined the chat", "Transferred to After-sales", "Wang Wei joined the chat",
           "The agent ended the chat"]
check("in the C locale, 'chat transcript' shows them in English", all(w in en for w in want_en), en)
j = json.loads(transcript(ZH_ENV, as_json=True) or "{}")
sys_lines = [l for l in j.get("lines", []) if l.get("from") == "system"]
codes = [l.get("code") for l in sys_lines]
check("--json carries each system line's code", codes == ["joined", "transferred", "joined", "ended_agent"],
      codes)
args = {a["key"]: a["value"] for a in (sys_lines[1].get("args") or [])} if len(sys_lines) > 1 else {}
check("--json carries the arguments (queue id and labels) and the rendered text",
      args.get("queue") == "aftersales" and args.get("queue_zh") == "售后服务"
      and sys_lines[1].get("text") == "已转接到 售后服务", sys_lines[1:2])

# --- an English visitor on the web gets the same codes ---
v.send({"type": "rate", "csat": 5, "nps": 9})
v2 = Visitor("127.0.0.1", WEBPORT)
v2.send({"type": "hello", "lang": "en"})
v2.wait("welcome")
v2.send({"type": "start", "item": "sales", "text": "hello"})
q2 = v2.wait("queued", timeout=5)
check("an English visitor is told the item's English label", q2.get("label") == "Enquiry", q2)
v2.send({"type": "end"})

print("%d passed, %d failed" % (passes, fails))
sys.exit(1 if fails else 0)
