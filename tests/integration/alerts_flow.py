"""The floor's alerts against a real broker, on a driven scenario: two
contacts waiting with no agent ready open the "waiting" alert (more than
1 waiting) and the "longest wait" alert, published to a supervisor's
events; the agent answers them and both close; a supervisor acknowledges
(audited). Prints 'ok - …' / 'FAIL - …' and a tally."""
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


def ctl(*args, user=None, json_out=True):
    env = dict(os.environ)
    cmd = [CTL]
    if user:
        env["HOTLINE_USER"], env["HOTLINE_PASSWORD_FILE"] = user, pws[user]
        cmd += ["--session", os.path.join(T, user + ".session")]
    if json_out:
        cmd += ["--json"]
    return subprocess.run(cmd + list(args), env=env, capture_output=True, text=True, timeout=90)


def alerts(user=None, *args):
    r = ctl("floor", "alerts", *args, user=user)
    return json.loads(r.stdout) if r.returncode == 0 else None


def until(fn, secs=15):
    end = time.time() + secs
    while True:
        v = fn()
        if v or time.time() > end:
            return v
        time.sleep(0.2)


def find(lst, **kw):
    return next((a for a in lst or [] if all(a.get(k) == v for k, v in kw.items())), None)


pws = {}
for name in ("ann", "cai", "rosa", "gus", "sue"):
    pws[name] = os.path.join(T, name + ".pw")
    open(pws[name], "w").write(name + "-secret-1\n")
ctl("queue", "add", "sales", "--sl", "80/20", "--label-en", "Sales", json_out=False)
for team in ("red", "green"):
    ctl("team", "add", team, json_out=False)
for name, role, team in (("ann", "agent", "red"), ("cai", "agent", "green"),
                         ("rosa", "team_lead", "red"), ("gus", "team_lead", "green"),
                         ("sue", "supervisor", "")):
    args = ["user", "add", name, "--role", role, "--password-file", pws[name]]
    ctl(*(args + (["--team", team] if team else [])), json_out=False)
ctl("agent", "setup", "ann", "--skill", "sales=5", "--capacity", "2", json_out=False)

check("no alert before anything happens", alerts("sue") == [])
# sue's session is on the floor topic from here on: alert events reach it.

vs = []
for i in range(2):
    v = Visitor("127.0.0.1", WEBPORT)
    v.send({"type": "hello", "lang": "en"})
    v.wait("welcome")
    v.send({"type": "start", "item": "sales", "text": "question %d" % i})
    v.wait("queued")
    vs.append(v)
t0 = time.time()
got = until(lambda: find(alerts("sue"), kind="waiting"), 10)
check("2 waiting with 'waiting_over = 1' opens a waiting alert within a few seconds",
      got is not None and time.time() - t0 < 5)
got = got or {}
check("the alert names the queue, the figure and the threshold, and is open",
      got.get("queue") == "sales" and got.get("value") == 2 and got.get("threshold") == 1
      and got.get("closed_ms") == 0 and got.get("opened_ms", 0) > 0 and "sales" in got.get("text", ""))
lw = until(lambda: find(alerts("sue"), kind="longest_wait"), 10)
check("the longest wait over 2 s opens its own alert", lw is not None and lw.get("threshold") == 2)
r = ctl("events", "--count", "20", "--timeout-s", "3", "--wait-ms", "500", user="sue")
evs = [json.loads(l)["alert"] for l in r.stdout.splitlines() if '"alert"' in l]
check("the openings reached the supervisor's events (floor topic)",
      any(e.get("kind") in ("waiting", "longest_wait") and not e.get("closed_ms") for e in evs))
check("a team lead of any team sees a queue's alert", find(alerts("gus"), kind="waiting") is not None)

r = ctl("floor", "alerts", "ack", str(got.get("id", 0)), user="ann")
check("an agent may not acknowledge (exit 5)", r.returncode == 5)
r = ctl("floor", "alerts", "ack", str(got.get("id", 0)), user="sue")
ack = json.loads(r.stdout) if r.returncode == 0 else {}
check("the supervisor acknowledges it", ack.get("acked_by") == "sue" and ack.get("acked_ms", 0) > 0)
check("acknowledged, it stays open while the condition holds", ack.get("closed_ms") == 0 and
      (find(alerts("sue"), kind="waiting") or {}).get("acked_by") == "sue")
r = ctl("floor", "alerts", "ack", "x1", user="sue")
check("a malformed ID is a usage error (exit 2)", r.returncode == 2)
r = ctl("floor", "alerts", "ack", "999999", user="sue")
check("an unknown ID is refused", r.returncode not in (0, 2) and "no open alert" in r.stderr)

# The agent comes and answers both: nobody waits, the alerts close.
check("ann goes available", ctl("agent", "state", "available", user="ann").returncode == 0)
cids, first = [], {}
end = time.time() + 20
while len(cids) < 2 and time.time() < end:
    r = ctl("events", "--until", "offer", "--timeout-s", "5", "--wait-ms", "1000", user="ann")
    for l in r.stdout.splitlines():
        if '"offer"' in l:
            o = json.loads(l)["offer"]
            if o["contact"] not in cids:
                cids.append(o["contact"])
                first[o["contact"]] = o.get("first_text", "")
for c in cids:
    ctl("agent", "accept", c, user="ann")
check("ann takes both contacts", len(cids) == 2)
closed = until(lambda: find(alerts("sue"), kind="waiting") is None and
               find(alerts("sue"), kind="longest_wait") is None, 10)
check("answered: the waiting and longest-wait alerts close", bool(closed))
today = alerts("sue", "--closed") or []
w = find(today, id=got.get("id"))
check("--closed lists the closed alert with its closing time",
      w is not None and w.get("closed_ms", 0) >= w.get("opened_ms", 1) and w.get("acked_by") == "sue")
r = ctl("events", "--count", "20", "--timeout-s", "3", "--wait-ms", "500", user="sue")
evs = [json.loads(l)["alert"] for l in r.stdout.splitlines() if '"alert"' in l]
check("the closing reached the supervisor's events",
      any(e.get("id") == got.get("id") and e.get("closed_ms", 0) > 0 for e in evs))

r = ctl("floor", "alerts", "--closed", json_out=False)
check("the text list shows the day's alerts", r.returncode == 0 and "waiting" in r.stdout)

r = ctl("audit", "list")
entries = json.loads(r.stdout)["entries"] if r.returncode == 0 else []
check("each acknowledgement is audited",
      any(e["action"] == "alert ack" and e["actor"] == "sue" for e in entries))

print("%d passed, %d failed" % (passes, fails))
sys.exit(1 if fails else 0)
