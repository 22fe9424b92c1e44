"""Requests run exactly once when the path between hotline-ctl and the
broker misbehaves: a forged "session unknown" after the broker did the
work, one forged while it is still working, and a connection dropped with
the request in flight. Each command goes through faultproxy.py; what is
checked is what a person would notice: the exit code, the message, and how
many teams, users or chat lines there are afterwards. Prints 'ok - …' /
'FAIL - …' lines and a closing tally."""
import json, os, subprocess, sys, time

sys.path.insert(0, os.path.dirname(__file__))
from wsclient import Visitor

CTL, T = os.environ["CTL"], os.environ["T"]
PORT, WEBPORT = int(os.environ["PORT"]), int(os.environ["WEBPORT"])
HERE = os.path.dirname(os.path.abspath(__file__))
passes = fails = 0


def check(desc, cond, detail=""):
    global passes, fails
    if cond:
        passes += 1; print("ok -", desc)
    else:
        fails += 1; print("FAIL -", desc)
        if detail:
            print("  | " + detail.strip().replace("\n", "\n  | "))
    sys.stdout.flush()


def ctl(*args, user=None, pw=None, session=None, json_out=False, via=None, env_extra=None):
    env = dict(os.environ)
    if user:
        env["HOTLINE_USER"], env["HOTLINE_PASSWORD_FILE"] = user, pw
    if via:
        env["HOTLINE_BROKER"] = "tcp://127.0.0.1:%d" % via
    env.update(env_extra or {})
    cmd = [CTL] + (["--session", session] if session else []) + (["--json"] if json_out else [])
    return subprocess.run(cmd + list(args), env=env, capture_output=True, text=True, timeout=90)


class Proxy:
    """faultproxy.py in MODE on the Nth DATA frame, for one command."""
    def __init__(self, mode, nth=2):
        self.p = subprocess.Popen([sys.executable, os.path.join(HERE, "faultproxy.py"),
                                   str(PORT), mode, str(nth)], stdout=subprocess.PIPE, text=True)
        self.port = int(self.p.stdout.readline())

    def close(self):
        self.p.kill()
        out = self.p.communicate()[0]
        return out

    def __enter__(self):
        return self

    def __exit__(self, *a):
        self.faults = self.close()


def pwfile(name, text):
    p = os.path.join(T, name + ".pw")
    open(p, "w").write(text + "\n")
    return p


def teams():
    r = ctl("team", "list", json_out=True)
    return [t["name"] for t in json.loads(r.stdout).get("teams", [])] if r.returncode == 0 else None


def users():
    r = ctl("user", "list", json_out=True)
    return [u["name"] for u in json.loads(r.stdout).get("users", [])] if r.returncode == 0 else None


def fired(px):
    return "fault:" in px.faults


# (a) team add, answered with a forged "session unknown" after the broker
# created the team: the client re-handshakes and re-sends; the re-send must
# get the first answer, not run again ("exists already").
with Proxy("forge") as px:
    r = ctl("team", "add", "night-shift", via=px.port)
check("the proxy forged 'session unknown' for team add", fired(px), px.faults)
check("team add after a forged error exits 0", r.returncode == 0,
      "exit %d: %s" % (r.returncode, r.stderr))
check("team add after a forged error says the team was added",
      "team night-shift added" in r.stdout, r.stdout + r.stderr)
check("exactly one team night-shift exists", (teams() or []).count("night-shift") == 1,
      str(teams()))

# (c) user add with the connection dropped while the broker hashes the
# password: the re-send arrives while the first is still running.
upw = pwfile("lin", "lin-secret-123")
with Proxy("drop") as px:
    r = ctl("user", "add", "lin", "--role", "agent", "--password-file", upw, via=px.port)
check("the proxy dropped the connection under user add", fired(px), px.faults)
check("user add after a dropped connection exits 0", r.returncode == 0,
      "exit %d: %s" % (r.returncode, r.stderr))
check("user add after a dropped connection does not claim the user existed",
      "exists already" not in r.stderr, r.stderr)
check("user lin exists exactly once", (users() or []).count("lin") == 1, str(users()))
check("the user made through the dropped connection can log in",
      ctl("whoami", user="lin", pw=upw).returncode == 0)

# (e) user add answered with a forged error at once, while the broker is
# still hashing: the re-send waits for the first answer.
zpw = pwfile("zhou", "zhou-secret-123")
with Proxy("forge-early") as px:
    r = ctl("user", "add", "zhou", "--role", "agent", "--password-file", zpw, via=px.port)
check("the proxy forged 'session unknown' while user add ran", fired(px), px.faults)
check("user add after an early forged error exits 0", r.returncode == 0,
      "exit %d: %s" % (r.returncode, r.stderr))
check("user zhou exists exactly once", (users() or []).count("zhou") == 1, str(users()))

# (b) chat send without --id: set up one chat, then send through the proxy.
ctl("queue", "add", "sales", "--label-en", "Enquiry", "--label-zh", "业务咨询")
apw = pwfile("xiaoli", "xiaoli-secret-1")
ctl("user", "add", "xiaoli", "--role", "agent", "--display", "王小丽", "--password-file", apw)
ctl("agent", "setup", "xiaoli", "--skill", "sales=8", "--capacity", "2")
sess = os.path.join(T, "xiaoli.session")
A = lambda *a, **kw: ctl(*a, user="xiaoli", pw=apw, session=sess, **kw)
check("agent goes available", A("agent", "state", "available").returncode == 0)
v = Visitor("127.0.0.1", WEBPORT)
v.send({"type": "hello", "lang": "zh"})
v.wait("welcome")
v.send({"type": "start", "item": "sales", "text": "你好，我的订单还没到"})
cid = ""
end = time.time() + 30
while not cid and time.time() < end:
    r = A("events", "--until", "offer", "--timeout-s", "10", "--wait-ms", "2000", json_out=True)
    for line in r.stdout.splitlines():
        if line.strip() and "offer" in json.loads(line):
            cid = json.loads(line)["offer"]["contact"]
check("the agent is offered the chat", cid != "")
check("the agent accepts", A("agent", "accept", cid).returncode == 0)


def lines_with(text):
    r = A("chat", "transcript", cid, json_out=True)
    if r.returncode != 0:
        return -1
    return [l["text"] for l in json.loads(r.stdout).get("lines", [])].count(text)


for mode, text in (("forge", "已为您查询，订单明天送达"), ("drop", "还有其他可以帮您的吗？")):
    with Proxy(mode) as px:
        r = A("chat", "send", cid, text, via=px.port)
    check("the proxy injected '%s' under chat send" % mode, fired(px), px.faults)
    check("chat send without --id after '%s' exits 0" % mode, r.returncode == 0,
          "exit %d: %s" % (r.returncode, r.stderr))
    n = lines_with(text)
    check("chat send without --id after '%s' gives exactly one line (got %d)" % (mode, n),
          n == 1)

# (d) the same key for a different request is refused; the same request
# with the same key (a script re-running a command) gets the first answer.
K = {"HOTLINE_IDEM_KEY": "nightly-setup-2026-12-04"}
r1 = ctl("team", "add", "weekend", env_extra=K)
check("a keyed team add works", r1.returncode == 0, r1.stderr)
r2 = ctl("team", "add", "weekend", env_extra=K)
check("the same command with the same key gets the first answer, exit 0",
      r2.returncode == 0 and "team weekend added" in r2.stdout, r2.stdout + r2.stderr)
check("and there is still one team weekend", (teams() or []).count("weekend") == 1)
r3 = ctl("queue", "add", "weekend-q", "--label-en", "Weekend", env_extra=K)
check("the same key with a different request is refused",
      r3.returncode != 0 and "key" in r3.stderr, "exit %d: %s" % (r3.returncode, r3.stderr))
r4 = ctl("team", "add", "holiday", env_extra=K)
check("the same key with other arguments is refused",
      r4.returncode != 0 and "holiday" not in (teams() or []),
      "exit %d: %s" % (r4.returncode, r4.stderr))
r5 = ctl("queue", "list", json_out=True)
check("the refused request did nothing", "weekend-q" not in r5.stdout, r5.stdout)

# For the record: how the broker answered the retries (not checked: whether
# a retry waited for the first try or found its stored answer is timing).
for line in open(os.path.join(T, "broker.log"), errors="replace"):
    if "retry of" in line or "refused '" in line:
        print("  # " + line.split("hotline-broker: ", 1)[-1].rstrip())
print("%d passed, %d failed" % (passes, fails))
sys.exit(0 if fails == 0 else 1)
