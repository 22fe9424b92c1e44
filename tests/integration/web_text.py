"""The text rules against a real broker (docs/webchat.md, "Text rules"):
every kind of bad text in every field a visitor sends is answered with
`error` bad_field naming the field, is not repeated in the answer, is not
stored (the database is read with the sqlite3 CLI, read-only) and never
reaches the agent; good text in every field still works afterwards.
Prints 'ok - …' / 'FAIL - …' lines."""
import json, os, subprocess, sys, time

sys.path.insert(0, os.path.dirname(__file__))
from wsclient import Visitor

CTL, T, WEBPORT = os.environ["CTL"], os.environ["T"], int(os.environ["WEBPORT"])
DB = os.path.join(T, "state", "hotline.db")
passes = fails = 0

def check(desc, cond, detail=""):
    global passes, fails
    if cond:
        passes += 1; print("ok -", desc)
    else:
        fails += 1; print("FAIL -", desc, detail)
    sys.stdout.flush()

def ctl(*args, env_extra=None, session=None, json_out=False):
    env = dict(os.environ, **(env_extra or {}))
    cmd = [CTL] + (["--session", session] if session else []) + (["--json"] if json_out else [])
    return subprocess.run(cmd + list(args), env=env, capture_output=True, text=True, timeout=90)

def dump():
    """Everything in the database as text, read-only."""
    r = subprocess.run(["sqlite3", "-readonly", DB, ".dump"], capture_output=True, timeout=30)
    return r.stdout

def count(table):
    r = subprocess.run(["sqlite3", "-readonly", DB, "SELECT count(*) FROM %s" % table],
                       capture_output=True, text=True, timeout=30)
    return int(r.stdout.strip() or -1)

# --- a queue, an agent in a conversation with the visitor ---
pw = os.path.join(T, "xiaoli.pw"); open(pw, "w").write("xiaoli-secret-1\n")
ctl("queue", "add", "sales", "--label-en", "Enquiry", "--label-zh", "业务咨询")
ctl("user", "add", "xiaoli", "--role", "agent", "--display", "王小丽", "--password-file", pw)
ctl("agent", "setup", "xiaoli", "--skill", "sales=8", "--capacity", "2")
AGENT = {"HOTLINE_USER": "xiaoli", "HOTLINE_PASSWORD_FILE": pw}
SESS = os.path.join(T, "xiaoli.session")
def agent(*a, **kw):
    return ctl(*a, env_extra=AGENT, session=SESS, **kw)
check("the agent goes available", agent("agent", "state", "available").returncode == 0)

v = Visitor("127.0.0.1", WEBPORT)
v.send({"type": "hello", "lang": "zh"})
v.wait("welcome")
v.send({"type": "start", "item": "sales", "text": "你好"})
r = agent("events", "--until", "offer", "--timeout-s", "20", "--wait-ms", "2000", json_out=True)
offers = [json.loads(l) for l in r.stdout.splitlines() if '"offer"' in l]
cid = offers[0]["offer"]["contact"] if offers else ""
check("the agent is offered the conversation", bool(cid))
check("the agent accepts", agent("agent", "accept", cid).returncode == 0)
v.wait("agent")

# --- every bad kind, in every field ---
# Each bad value carries a marker, so a trace of it anywhere is found.
KINDS = [  # name, JSON text of the value with {m} for the marker
    ("a bidi override (U+202E)", '"{m}\\u202eevil"'),
    ("an isolate (U+2066)", '"{m}\\u2066x\\u2069"'),
    ("a C1 control (U+009B CSI)", '"{m}\\u009b31m"'),
    ("a C0 escape (ESC)", '"{m}\\u001b[2J"'),
    ("a NUL escape", '"{m}\\u0000tail"'),
    ("a raw NUL byte", b'"{m}\x00tail"'),
    ("an overlong '/' (C0 AF)", b'"{m}\xc0\xaf"'),
    ("a surrogate as UTF-8 (ED A0 80)", b'"{m}\xed\xa0\x80"'),
    ("above U+10FFFF (F4 90 80 80)", b'"{m}\xf4\x90\x80\x80"'),
    ("a truncated sequence", b'"{m}\xe4\xbd"'),
    ("a lone continuation byte", b'"{m}\x80x"'),
    ("DEL", '"{m}\\u007f"'),
]
ONE_LINE_ONLY = [("a newline", '"{m}\\nx"'), ("a tab", '"{m}\\tx"'),
                 ("a line separator (U+2028)", '"{m}\\u2028x"'), ("an RLM mark", '"{m}\\u200f"')]
TOO_LONG = {"id": 65, "text": 4001, "comment": 4001, "name": 101, "contact": 201, "item": 65,
            "region": 65, "visitor": 65, "lang": 17, "trail.referrer": 401, "trail.keywords": 101}
# field, template of the line ({v} is the bad value), multi-line?
FIELDS = [
    ("id", '{{"type":"msg","id":{v},"text":"hi"}}', False),
    ("text", '{{"type":"msg","id":"ok-1","text":{v}}}', True),
    ("item", '{{"type":"start","item":{v}}}', False),
    ("text", '{{"type":"start","item":"sales","text":{v}}}', True),
    ("name", '{{"type":"leave_message","name":{v},"contact":"c","text":"t"}}', False),
    ("contact", '{{"type":"leave_message","name":"n","contact":{v},"text":"t"}}', False),
    ("text", '{{"type":"leave_message","name":"n","contact":"c","text":{v}}}', True),
    ("item", '{{"type":"leave_message","name":"n","contact":"c","text":"t","item":{v}}}', False),
    ("comment", '{{"type":"rate","csat":5,"nps":9,"comment":{v}}}', True),
    ("region", '{{"type":"region","region":{v}}}', False),
    ("visitor", '{{"type":"hello","visitor":{v}}}', False),
    ("lang", '{{"type":"hello","lang":{v}}}', False),
    ("trail.referrer", '{{"type":"hello","trail":{{"referrer":{v}}}}}', False),
    ("trail.pages", '{{"type":"hello","trail":{{"pages":["/a",{v}]}}}}', False),
    ("trail.keywords", '{{"type":"hello","trail":{{"keywords":{v}}}}}', False),
    ("trail.region", '{{"type":"hello","trail":{{"region":{v}}}}}', False),
]

def as_bytes(x):
    return x if isinstance(x, bytes) else x.encode()

def answer(v, timeout):
    """The broker's answer to the line just sent (an old broker may take a
    bad line: then the answer is an ack or none at all)."""
    end = time.time() + timeout
    try:
        while time.time() < end:
            m = v.recv(max(0.1, end - time.time()))
            if m.get("type") in ("error", "ack", "left_message", "welcome", "rated"):
                return m
    except Exception as ex:  # noqa: BLE001
        return {"no answer": str(ex)}
    return {"no answer": "within %.1f s" % timeout}

before = {t: count(t) for t in ("left_message", "customer", "message", "contact")}
markers, n, wrong = [], 0, []
for field, tmpl, multi in FIELDS:
    cases = KINDS + ([] if multi else ONE_LINE_ONLY)
    cases = cases + ([("over the limit", '"{m}' + "长" * TOO_LONG[field] + '"')]
                     if field in TOO_LONG else [])
    for kind, val in cases:
        n += 1
        m = "MRK%04dQ" % n
        markers.append(m)
        value = as_bytes(val).replace(b"{m}", m.encode())
        line = as_bytes(tmpl).replace(b"{v}", b"\x01VALUE\x01")
        line = line.replace(b"{{", b"{").replace(b"}}", b"}").replace(b"\x01VALUE\x01", value)
        v.send_raw(line + b"\n")
        e = answer(v, 0.5 if len(wrong) > 10 else 5)
        good = (e.get("code") == "bad_field" and e.get("field") == field
                and m not in json.dumps(e, ensure_ascii=False))
        if not good:
            wrong.append("%s in %s -> %s" % (kind, field, json.dumps(e, ensure_ascii=False)[:160]))
check("%d bad values in %d fields are each refused with bad_field naming the field, "
      "and not repeated back" % (n, len(FIELDS)), not wrong, "\n  | " + "\n  | ".join(wrong[:12]))

# The connection still works, and good text in every field is taken.
v.send({"type": "msg", "id": "good-1", "text": "第二行\n\t缩进 ‏שלום‏ 👨‍👩‍👧"})
check("good text still goes through on the same connection", v.wait("ack")["id"] == "good-1")
v.send({"type": "region", "region": "华东"})
v.send({"type": "leave_message", "name": "王小丽", "contact": "138 0013 8000",
        "text": "请回电\n谢谢", "item": "sales"})
check("a good left message is stored", v.wait("left_message")["ref"].startswith("m"))

after = {t: count(t) for t in ("left_message", "customer", "message", "contact")}
check("no refused left message was stored (%d → %d)" % (before["left_message"], after["left_message"]),
      after["left_message"] == before["left_message"] + 1)
check("no refused hello made a customer (%d → %d)" % (before["customer"], after["customer"]),
      after["customer"] == before["customer"])
check("no refused msg or start made a line or a conversation",
      after["message"] == before["message"] + 1 and after["contact"] == before["contact"],
      "%r → %r" % (before, after))
d = dump()
found = [m for m in markers if m.encode() in d]
check("no marker of a refused value is anywhere in the database", not found, str(found[:5]))

r = agent("events", "--timeout-s", "3", "--wait-ms", "1000", json_out=True)
tr = agent("chat", "transcript", cid, json_out=True).stdout
seen = [m for m in markers if m in r.stdout or m in tr]
check("the agent saw none of the refused values (events and transcript)", not seen, str(seen[:5]))
check("the agent sees the good line", "👨‍👩‍👧" in tr)
print("%d passed, %d failed" % (passes, fails))
sys.exit(1 if fails else 0)
