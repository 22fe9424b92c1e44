"""The event fabric against a real broker (driven by test_events.sh):
volatile events (agent states, typing) reach every subscriber but are
never stored; durable ones (lines) are stored and replayed after kill -9;
one poll reply carries more than 256 pending events. Run in stages:
`events_flow.py before` then, after the shell restarted the broker with
kill -9, `events_flow.py after`. Prints 'ok - …' / 'FAIL - …' lines."""
import json, os, sqlite3, subprocess, sys, time

sys.path.insert(0, os.path.dirname(__file__))
from wsclient import Visitor

CTL, T, WEBPORT = os.environ["CTL"], os.environ["T"], int(os.environ["WEBPORT"])
DB = os.path.join(T, "state", "hotline.db")
STAGE = os.path.join(T, "stage.json")
passes = fails = 0


def check(desc, cond):
    global passes, fails
    if cond:
        passes += 1; print("ok -", desc)
    else:
        fails += 1; print("FAIL -", desc)
    sys.stdout.flush()


def ctl(*args, user=None, pw=None, session=None, broker=None, json_out=False):
    env = dict(os.environ)
    if user:
        env["HOTLINE_USER"], env["HOTLINE_PASSWORD_FILE"] = user, pw
    if broker:
        env["HOTLINE_BROKER"] = broker
    # root keeps one session too: a login per command costs a password hash.
    session = session or os.path.join(T, "root.session")
    cmd = [CTL, "--session", session] + (["--json"] if json_out else [])
    r = subprocess.run(cmd + list(args), env=env, capture_output=True, text=True, timeout=90)
    if r.returncode != 0 and "events" not in args:
        print("  | %s -> %d: %s" % (" ".join(args), r.returncode, r.stderr.strip()))
    return r


def pwfile(name):
    p = os.path.join(T, name + ".pw")
    open(p, "w").write(name + "-secret-1\n")
    return p


class User:
    def __init__(self, name, broker=None):
        self.name, self.pw = name, pwfile(name)
        self.session, self.broker = os.path.join(T, name + ".session"), broker

    def __call__(self, *args, **kw):
        return ctl(*args, user=self.name, pw=self.pw, session=self.session, broker=self.broker,
                   **kw)

    def events(self, *args):
        r = self("events", "--wait-ms", "1000", *args, json_out=True)
        return [json.loads(l) for l in r.stdout.splitlines() if l.strip()]


def rows_after(user, seq):
    """Outbox rows of `user`'s sessions with seq above `seq` (-1: all)."""
    with sqlite3.connect("file:%s?mode=ro" % DB, uri=True, timeout=10) as db:
        return db.execute("SELECT COUNT(*) FROM session_event e JOIN session s ON"
                          " s.id = e.session_id JOIN user u ON u.id = s.user_id"
                          " WHERE u.name = ? AND e.seq > ?", (user, seq)).fetchone()[0]


def before():
    ctl("queue", "add", "sales", "--label-en", "Enquiry", "--label-zh", "业务咨询")
    roles = {"ana": "agent", "sup1": "supervisor", "sup2": "supervisor", "tl1": "team_lead",
             "dir": "admin"}
    for name, role in roles.items():
        ctl("user", "add", name, "--role", role, "--password-file", pwfile(name))
    ctl("agent", "setup", "ana", "--skill", "sales=5", "--capacity", "2")
    ana, watchers = User("ana"), [User(n) for n in ("sup1", "sup2", "tl1")]
    root = User("dir")
    for u in watchers + [ana, root]:
        u("whoami")
    # The watchers are logged in and not polling: in the old broker their
    # outboxes grew a stored row per agent state change.
    for st in ("available", "break", "available"):
        check("ana goes %s" % st, ana("agent", "state", st).returncode == 0)
    time.sleep(0.5)
    for u in watchers:
        n = rows_after(u.name, 0)
        check("%s's outbox holds no agent state (%d rows in all)" % (u.name, n), n <= 1)
    for u in watchers:
        got = [e for e in u.events("--until", "agent_status", "--timeout-s", "20")
               if "agent_status" in e]
        evs = [e["agent_status"] for e in got]
        check("%s is told ana's latest state" % u.name,
              evs and evs[-1]["agent"] == "ana" and evs[-1]["state"] == "available")
        check("%s's agent state has seq 0 (volatile)" % u.name,
              got and int(got[-1].get("seq", 0)) == 0)
    adm = [e for e in root.events("--timeout-s", "2") if "agent_status" in e]
    check("an admin (not on the floor) is not told agent states", not adm)
    evs = ana.events("--until", "agent_status", "--timeout-s", "20")
    check("ana is told her own state", any("agent_status" in e for e in evs))

    # A chat; then ana stops polling while the customer types and writes.
    v = Visitor("127.0.0.1", WEBPORT)
    v.send({"type": "hello", "lang": "en"})
    v.wait("welcome")
    v.send({"type": "start", "item": "sales", "text": "hello there"})
    offers = [e for e in ana.events("--until", "offer", "--timeout-s", "20") if "offer" in e]
    cid = offers[0]["offer"]["contact"] if offers else ""
    check("ana is offered the chat", bool(cid))
    check("ana accepts", ana("agent", "accept", cid).returncode == 0)
    v.wait("agent")
    # Up to the system line "ana joined": what came before is not counted.
    seen = ana.events("--until", "line", "--timeout-s", "10")
    mark = max([int(e.get("seq", 0)) for e in seen] + [0])
    time.sleep(3)   # the acknowledged rows are deleted in the next batch
    base = rows_after("ana", -1)
    for i in range(20):
        v.send({"type": "typing", "on": i % 2 == 0})
    texts = ["line %d" % i for i in range(3)]
    for i, t in enumerate(texts):
        v.send({"type": "msg", "id": "c-%d" % i, "text": t})
        v.wait("ack")
    v.send({"type": "typing", "on": True})
    time.sleep(0.5)
    added = rows_after("ana", -1) - base
    check("the 3 lines are stored and the 21 typings are not (%d rows added)" % added,
          added == 3)

    # Many durable events for a session that is not polling: 'dir' sees
    # every team added (the directory topic).
    fs = os.path.join(T, "frames.txt")
    proxy = subprocess.Popen([sys.executable, os.path.join(os.path.dirname(__file__),
                              "framesizes.py"), os.environ["PORT"], fs],
                             stdout=subprocess.PIPE, text=True)
    pport = int(proxy.stdout.readline())
    far = User("far", broker="tcp://127.0.0.1:%d" % pport)
    ctl("user", "add", "far", "--role", "admin", "--password-file", far.pw)
    far("whoami")
    n_teams = 300
    for i in range(n_teams):
        ctl("team", "add", "t%03d" % i)
    open(fs, "w").close()
    # Its snapshot, then the teams.
    got = [e for e in far.events("--count", str(n_teams + 1)) if "team_added" in e]
    check("'far' got all %d teams added" % n_teams, len(got) == n_teams)
    big = [int(l) for l in open(fs) if int(l) > 1000]
    check("they came in one poll reply (data frames over 1 kB: %s)" % big, len(big) == 1)
    proxy.kill()
    json.dump({"cid": cid, "mark": mark, "texts": texts}, open(STAGE, "w"))


def after():
    st = json.load(open(STAGE))
    ana = User("ana")
    n = rows_after("ana", st["mark"])
    check("after kill -9 ana's outbox holds the 3 lines and no typing (%d rows)" % n, n == 3)
    evs = ana.events("--timeout-s", "8")
    lines = [e["line"]["line"]["text"] for e in evs if "line" in e]
    check("the resumed session replays every line once, in order: %s" % lines,
          lines == st["texts"])
    seqs = [int(e.get("seq", 0)) for e in evs if "line" in e]
    check("replayed lines keep their sequence numbers", seqs == sorted(seqs) and len(set(seqs)) == 3)


(before if sys.argv[1] == "before" else after)()
print("%d passed, %d failed" % (passes, fails))
sys.exit(1 if fails else 0)
