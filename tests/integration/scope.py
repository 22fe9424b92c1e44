"""Request scope against a real broker: what a request may concern is
checked in one place before its handler runs. An agent reads only the
transcripts of conversations that were theirs and sets only their own
password; leads, QA and admins reach further; every refusal is audited
and says what to do. Prints 'ok - …' / 'FAIL - …' lines and a tally."""
import json, os, subprocess, sys

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

def ctl(*args, user=None, pw=None, json_out=False):
    env = dict(os.environ)
    cmd = [CTL]
    if user:
        env["HOTLINE_USER"], env["HOTLINE_PASSWORD_FILE"] = user, pw
        cmd += ["--session", os.path.join(T, user + ".session")]
    if json_out:
        cmd += ["--json"]
    return subprocess.run(cmd + list(args), env=env, capture_output=True, text=True, timeout=90)

def pwfile(name, text):
    p = os.path.join(T, name + ".pw")
    open(p, "w").write(text + "\n")
    return p

ctl("queue", "add", "sales", "--label-en", "Enquiry")
ctl("team", "add", "floor1")
pws = {}
for name, role in (("xiaoli", "agent"), ("wang", "agent"), ("sue", "supervisor"),
                   ("quinn", "qa"), ("tom", "team_lead")):
    pws[name] = pwfile(name, name + "-secret-1")
    ctl("user", "add", name, "--role", role, "--team", "floor1", "--password-file", pws[name])
ctl("agent", "setup", "xiaoli", "--skill", "sales=5", "--capacity", "1")
as_ = lambda name, *a, **kw: ctl(*a, user=name, pw=pws[name], **kw)
check("xiaoli goes available", as_("xiaoli", "agent", "state", "available").returncode == 0)

# A conversation that is xiaoli's.
v = Visitor("127.0.0.1", WEBPORT)
v.send({"type": "hello", "lang": "en"})
v.wait("welcome")
secret = "my card number is 4111"
v.send({"type": "start", "item": "sales", "text": secret})
r = as_("xiaoli", "events", "--until", "offer", "--timeout-s", "20", "--wait-ms", "2000",
        json_out=True)
offers = [json.loads(l)["offer"] for l in r.stdout.splitlines() if '"offer"' in l]
cid = offers[0]["contact"] if offers else "c0"
check("xiaoli is offered the conversation", bool(offers))
check("xiaoli accepts", as_("xiaoli", "agent", "accept", cid).returncode == 0)

r = as_("xiaoli", "chat", "transcript", cid, json_out=True)
check("xiaoli reads her own conversation", r.returncode == 0 and secret in r.stdout)
r = as_("wang", "chat", "transcript", cid, json_out=True)
check("another agent may not read it (exit 5)", r.returncode == 5)
check("the refusal says why", "was not yours" in r.stderr)
check("and shows none of it", secret not in r.stdout)
r = as_("wang", "chat", "transcript", cid + "x", json_out=True)
check("a malformed reference is no way round it", r.returncode != 0 and secret not in r.stdout)
for who in ("sue", "quinn", "tom"):
    r = as_(who, "chat", "transcript", cid, json_out=True)
    check("%s (not an agent) reads every conversation" % who,
          r.returncode == 0 and secret in r.stdout)
r = ctl("chat", "transcript", cid, json_out=True)
check("the admin reads every conversation", r.returncode == 0 and secret in r.stdout)

# Passwords: one's own only, but an admin anyone's.
r = as_("wang", "user", "password", "xiaoli", "--password-file", pws["wang"])
check("an agent may not set another's password (exit 5)", r.returncode == 5)
check("the refusal says who may", "needs the admin role" in r.stderr)
r = as_("tom", "user", "password", "wang", "--password-file", pws["tom"])
check("nor may a team lead, even in the same team", r.returncode == 5)
newpw = pwfile("wang2", "wang-secret-2")
r = ctl("user", "password", "wang", "--password-file", newpw)
check("an admin sets wang's password", r.returncode == 0)

r = ctl("audit", "list", json_out=True)
entries = json.loads(r.stdout)["entries"] if r.returncode == 0 else []
def denied(actor, what, target):
    return any(e["action"] == "denied" and e["actor"] == actor and e["target"] == what
               and e.get("detail") == target for e in entries)
check("the transcript refusal is audited", denied("wang", "chat transcript", "xiaoli"))
check("the password refusal is audited", denied("wang", "user password", "xiaoli"))
check("the team lead's refusal is audited", denied("tom", "user password", "wang"))

print("%d passed, %d failed" % (passes, fails))
sys.exit(1 if fails else 0)
