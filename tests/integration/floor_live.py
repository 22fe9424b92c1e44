"""The supervisor's floor against a real broker, driven by a web visitor:
the last-30-minutes figures move with the conversation, the agent grid
shows the agent's state, load and day, and the grid's scope holds (a team
lead sees their own team and no other; an agent may not ask).
Prints 'ok - …' / 'FAIL - …' lines and a tally."""
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


def pwfile(name, text):
    p = os.path.join(T, name + ".pw")
    open(p, "w").write(text + "\n")
    return p


def floor():
    r = ctl("floor")
    return json.loads(r.stdout) if r.returncode == 0 else {}


def grid(user=None, *args):
    r = ctl("floor", "agents", *args, user=user)
    return r.returncode, (json.loads(r.stdout) if r.returncode == 0 else None), r.stderr


def until(fn, secs=10):
    """fn() until it is true, for at most secs seconds."""
    end = time.time() + secs
    while True:
        v = fn()
        if v or time.time() > end:
            return v
        time.sleep(0.2)


pws = {}
ctl("queue", "add", "sales", "--sl", "80/20", "--label-en", "Sales", json_out=False)
for team in ("red", "green"):
    ctl("team", "add", team, json_out=False)
for name, role, team in (("ann", "agent", "red"), ("bob", "agent", "red"),
                         ("cai", "agent", "green"), ("rosa", "team_lead", "red"),
                         ("gus", "team_lead", "green"), ("sue", "supervisor", "")):
    pws[name] = pwfile(name, name + "-secret-1")
    args = ["user", "add", name, "--role", role, "--password-file", pws[name]]
    ctl(*(args + (["--team", team] if team else [])), json_out=False)
for a in ("ann", "bob", "cai"):
    ctl("agent", "setup", a, "--skill", "sales=5", "--capacity", "2", json_out=False)
check("ann goes available", ctl("agent", "state", "available", user="ann").returncode == 0)

f0 = floor()
check("floor --json has the window's start and last30 per queue and overall",
      "recent_from_ms" in f0 and "last30" in f0.get("overall", {}) and
      all("last30" in q for q in f0.get("queues", [])))
check("nothing offered yet: the window's service level is undefined (-1)",
      f0.get("overall", {}).get("last30", {}).get("sl_pct") == -1)

v = Visitor("127.0.0.1", WEBPORT)
v.send({"type": "hello", "lang": "en"})
v.wait("welcome")
v.send({"type": "start", "item": "sales", "text": "hello, my order is late"})
r = ctl("events", "--until", "offer", "--timeout-s", "20", "--wait-ms", "2000", user="ann")
offers = [json.loads(l)["offer"] for l in r.stdout.splitlines() if '"offer"' in l]
cid = offers[0]["contact"] if offers else "c0"
check("ann is offered the conversation", bool(offers))
f1 = floor()
q1 = (f1.get("queues") or [{}])[0].get("last30", {})
check("the offered contact is in the last 30 minutes at once", q1.get("offered") == 1)
check("ann accepts", ctl("agent", "accept", cid, user="ann").returncode == 0)

rc, g, _ = grid("sue")
ann = next((a for a in (g or []) if a["name"] == "ann"), {})
check("the supervisor's grid shows ann available with 1 of 2 chats, team red",
      ann.get("state") == "available" and ann.get("active") == 1 and
      ann.get("capacity") == 2 and ann.get("team") == "red")
check("time in state is counted", ann.get("in_state_ms", -1) >= 0 and ann.get("since_ms", 0) > 0)

check("ann ends the conversation", ctl("chat", "end", cid, user="ann").returncode == 0)
v.wait("ended")
v.send({"type": "rate", "csat": 5, "nps": 10})
v.wait("rated")
f2 = until(lambda: (lambda f: f if f.get("overall", {}).get("csat_pct") == 100 else None)(floor()))
o = (f2 or {}).get("overall", {})
check("CSAT today is 100% after a rating of 5", o.get("csat_pct") == 100)
check("handled today counts the conversation", o.get("handled") == 1)
l30 = o.get("last30", {})
check("last 30 minutes: offered 1, answered 1, handled 1",
      (l30.get("offered"), l30.get("answered"), l30.get("handled")) == (1, 1, 1))
check("last 30 minutes: service level 100%, ASA and AHT defined",
      l30.get("sl_pct") == 100 and l30.get("asa_s", -1) >= 0 and l30.get("aht_s", -1) >= 0)
check("the overall occupancy is given (0-100)", 0 <= o.get("occupancy_pct", -1) <= 100)

rc, g, _ = grid("sue")
ann = next((a for a in (g or []) if a["name"] == "ann"), {})
check("the grid shows ann's day: handled 1, CSAT 100%, AHT defined",
      ann.get("handled") == 1 and ann.get("csat_pct") == 100 and ann.get("aht_s", -1) >= 0)
check("the supervisor sees every agent", sorted(a["name"] for a in g or []) == ["ann", "bob", "cai"])
rc, g, _ = grid("sue", "--team", "green")
check("--team narrows the grid", [a["name"] for a in g or []] == ["cai"])
rc, g, _ = grid("rosa")
check("red's team lead sees exactly red's agents", sorted(a["name"] for a in g or []) == ["ann", "bob"])
rc, g, _ = grid("gus")
check("green's team lead sees none of red's agents", [a["name"] for a in g or []] == ["cai"])
rc, g, _ = grid("gus", "--team", "red")
check("nor by asking for red", rc == 0 and g == [])
rc, g, err = grid("ann")
check("an agent may not ask for the grid (exit 5)", rc == 5)
rc, g, _ = grid(None)
check("the admin sees every agent", sorted(a["name"] for a in g or []) == ["ann", "bob", "cai"])
r = ctl("floor", "agents", json_out=False)
check("the text grid has a row for ann", r.returncode == 0 and "ann" in r.stdout and "red" in r.stdout)
r = ctl("floor", json_out=False)
check("the text floor shows the last 30 minutes", r.returncode == 0 and "LAST 30 MIN" in r.stdout)

print("%d passed, %d failed" % (passes, fails))
sys.exit(1 if fails else 0)
