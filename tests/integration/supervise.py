"""Supervising a live conversation against a real broker, with a web
visitor: who may listen, whisper, barge and take over (an agent none; a team
lead listen and whisper on their own team's conversations only; a
supervisor all four, anywhere), what each one does for the visitor, the
agent and a listener, and that every one is audited. Prints 'ok - …' /
'FAIL - …' lines and a tally."""
import json, os, socket, subprocess, sys, time

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

def env_for(user):
    env = dict(os.environ)
    if user:
        env["HOTLINE_USER"], env["HOTLINE_PASSWORD_FILE"] = user, pws[user]
    return env

def argv(user, json_out, args, session=None):
    cmd = [CTL]
    if user:
        cmd += ["--session", os.path.join(T, (session or user) + ".session")]
    if json_out:
        cmd += ["--json"]
    return cmd + list(args)

def ctl(*args, user=None, json_out=False):
    return subprocess.run(argv(user, json_out, args), env=env_for(user), capture_output=True,
                          text=True, timeout=90)

def pwfile(name, text):
    p = os.path.join(T, name + ".pw")
    open(p, "w").write(text + "\n")
    return p

def drain(v, secs):
    """Every message the visitor gets within `secs`."""
    got, end = [], time.time() + secs
    while time.time() < end:
        try:
            got.append(v.recv(max(0.05, end - time.time())))
        except (socket.timeout, TimeoutError):
            break
    return got

def wait_for(v, pred, secs=15):
    end = time.time() + secs
    while time.time() < end:
        try:
            m = v.recv(max(0.05, end - time.time()))
        except (socket.timeout, TimeoutError):
            break
        if pred(m):
            return m
    return None

pws = {}
ctl("queue", "add", "sales", "--label-en", "Enquiry", "--label-zh", "业务咨询")
ctl("team", "add", "floor1")
ctl("team", "add", "floor2")
for name, role, team, display in (("xiaoli", "agent", "floor1", "王小丽"),
                                  ("wang", "agent", "floor1", "Wang"),
                                  ("tom", "team_lead", "floor1", "Tom"),
                                  ("tina", "team_lead", "floor2", "Tina"),
                                  ("sue", "supervisor", "", "Sue Chen")):
    pws[name] = pwfile(name, name + "-secret-1")
    args = ["user", "add", name, "--role", role, "--display", display,
            "--password-file", pws[name]]
    if team:
        args += ["--team", team]
    ctl(*args)
ctl("agent", "setup", "xiaoli", "--skill", "sales=5", "--capacity", "1")
check("xiaoli goes available", ctl("agent", "state", "available", user="xiaoli").returncode == 0)

v = Visitor("127.0.0.1", WEBPORT)
v.send({"type": "hello", "lang": "en"})
v.wait("welcome")
v.send({"type": "start", "item": "sales", "text": "where is my parcel?"})
r = ctl("events", "--until", "offer", "--timeout-s", "20", "--wait-ms", "2000", user="xiaoli",
        json_out=True)
offers = [json.loads(l)["offer"] for l in r.stdout.splitlines() if '"offer"' in l]
cid = offers[0]["contact"] if offers else "c0"
check("xiaoli is offered the conversation", bool(offers))
check("xiaoli accepts", ctl("agent", "accept", cid, user="xiaoli").returncode == 0)
check("the visitor is told the agent joined", v.wait("agent")["name"] == "王小丽")
check("xiaoli answers", ctl("chat", "send", cid, "Let me look.", user="xiaoli").returncode == 0)

# --- the role and scope matrix: agent, another team's lead, the team's lead, supervisor ---
for cmd, extra in (("listen", ["--timeout-s", "0"]), ("whisper", ["psst"]),
                   ("barge", ["hello from above"]), ("takeover", [])):
    for who in ("wang", "tina") + (("tom",) if cmd in ("barge", "takeover") else ()):
        r = ctl("chat", cmd, cid, *extra, user=who)
        check("%s may not %s (exit 5)" % (who, cmd), r.returncode == 5)
        check("%s's refusal says why (%s)" % (who, cmd), "permission denied" in r.stderr)
r = ctl("chat", "listen", cid, "--timeout-s", "0", user="tina")
check("another team's lead learns nothing of the conversation",
      "where is my parcel" not in r.stdout)
r = ctl("chat", "listen", cid + "9", "--timeout-s", "0", user="tom")
check("a conversation that does not exist is not found", r.returncode not in (0, 5) and
      "no open conversation" in r.stderr)

# The team's lead listens: the lines so far, then what happens, as JSON lines.
# Its own session: the listener's polls must not share one with tom's other commands.
lst = subprocess.Popen(argv("tom", True, ["chat", "listen", cid, "--timeout-s", "60",
                                          "--wait-ms", "1000"], session="tom-listen"),
                       env=env_for("tom"), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
first = json.loads(lst.stdout.readline())
check("listen starts with the contact", first.get("contact", {}).get("id") == cid)
hist = []
while True:
    l = json.loads(lst.stdout.readline())
    hist.append(l)
    if l.get("line", {}).get("line", {}).get("text") == "Let me look.":
        break
check("then the lines so far, marked as history",
      all(h.get("history") for h in hist) and
      any(h["line"]["line"]["text"] == "where is my parcel?" for h in hist))

for bad in ("", "bell\x07", "x" * 5000):
    r = ctl("chat", "whisper", cid, bad, user="sue")
    check("a whisper of unacceptable text is refused (%d bytes)" % len(bad), r.returncode != 0)
    r = ctl("chat", "barge", cid, bad, user="sue")
    check("a barge of unacceptable text is refused (%d bytes)" % len(bad), r.returncode != 0)
for ref in ("c", "c-1", "cx", "c99999999999999999999999", "%s " % cid):
    r = ctl("chat", "whisper", ref, "hi", user="sue")
    check("a malformed or unknown contact '%s' is refused" % ref, r.returncode not in (0,))
r = ctl("chat", "whisper", cid, "offer a refund, tom says", user="tom", json_out=True)
check("the team's lead whispers", r.returncode == 0 and json.loads(r.stdout)["line"]["from"] == "whisper")
r = ctl("chat", "whisper", cid, "secret plan B", user="sue")
check("the supervisor whispers", r.returncode == 0)
r = ctl("chat", "barge", cid, "I am the supervisor, I can help", user="sue", json_out=True)
check("the supervisor barges in", r.returncode == 0 and
      json.loads(r.stdout)["line"]["from"] == "supervisor")
r = ctl("chat", "send", cid, "and a later line of mine", user="sue")
check("after barging, the supervisor's chat send reaches the conversation", r.returncode == 0)
v.send({"type": "typing", "on": True})
v.send({"type": "msg", "id": "m2", "text": "thank you both"})

seen = drain(v, 2.0)
texts = [m.get("text", "") for m in seen if m.get("type") == "msg"]
check("the visitor never receives a whisper",
      not any("refund, tom says" in t or "plan B" in t for t in texts) and
      not any(m.get("from") == "whisper" for m in seen))
barge = [m for m in seen if m.get("type") == "msg" and m.get("text") == "I am the supervisor, I can help"]
check("the barge line reaches the visitor under the supervisor's name",
      bool(barge) and barge[0].get("name") == "Sue Chen" and barge[0].get("from") == "supervisor")
check("the visitor is told a supervisor joined (code barged)",
      any(m.get("code") == "barged" and m.get("args", {}).get("agent_name") == "Sue Chen"
          for m in seen))
check("the supervisor's later line reaches the visitor too",
      "and a later line of mine" in texts)

# The visitor reloads the page: the replayed lines carry no whisper either.
token = next((m.get("visitor") for m in v.seen if m.get("type") == "welcome"), "")
v2 = Visitor("127.0.0.1", WEBPORT)
v2.send({"type": "hello", "lang": "en", "visitor": token, "last_seq": 0})
again = drain(v2, 2.0)
check("the reloaded page replays the barge line",
      any(m.get("text") == "I am the supervisor, I can help" for m in again))
check("the reloaded page never replays a whisper",
      not any(m.get("from") == "whisper" for m in again) and
      not any("plan B" in m.get("text", "") for m in again))
v = v2

# The agent's desk gets the whispers as marked lines.
r = ctl("chat", "transcript", cid, user="xiaoli", json_out=True)
lines = json.loads(r.stdout)["lines"] if r.returncode == 0 else []
check("the agent's transcript shows the whisper, marked",
      any(l["from"] == "whisper" and l["text"] == "secret plan B" and l["name"] == "Sue Chen"
          for l in lines))
r = ctl("events", "--timeout-s", "2", "--wait-ms", "500", user="xiaoli", json_out=True)
ev = [json.loads(l) for l in r.stdout.splitlines()]
check("the agent's desk receives the whisper as a line event",
      any(e.get("line", {}).get("line", {}).get("from") == "whisper" for e in ev))

r = ctl("chat", "listen", cid, "--timeout-s", "0", user="sue", json_out=True)
check("the supervisor listens to any team's conversation",
      r.returncode == 0 and "secret plan B" in r.stdout)
r = ctl("agent", "list", json_out=True)
xl = [json.loads(l) for l in r.stdout.splitlines() if '"xiaoli"' in l]
check("before the take-over the agent holds it", bool(xl) and xl[0].get("active") == 1)

# The takeover: only now, by the supervisor.
r = ctl("chat", "takeover", cid, user="sue")
check("the supervisor takes over", r.returncode == 0)
got = drain(v, 2.0)
take = [m for m in got if m.get("code") == "taken_over"]
check("the visitor sees who serves them now (code taken_over)",
      bool(take) and take[0]["args"].get("agent_name") == "Sue Chen")
check("the visitor's header names the supervisor",
      any(m.get("type") == "agent" and m.get("name") == "Sue Chen" for m in got))
r = ctl("events", "--timeout-s", "2", "--wait-ms", "500", user="xiaoli", json_out=True)
ev = [json.loads(l) for l in r.stdout.splitlines()]
check("the agent is told it was taken over, and by whom",
      any(e.get("contact_state", {}).get("state") == "taken_over" and
          e["contact_state"].get("by") == "sue" for e in ev))
r = ctl("agent", "list", json_out=True)
xl = [json.loads(l) for l in r.stdout.splitlines() if '"xiaoli"' in l]
check("the agent is freed (no conversation held)",
      bool(xl) and xl[0].get("active", 0) == 0)
r = ctl("chat", "send", cid, "still mine?", user="xiaoli")
check("the agent can no longer write to it", r.returncode != 0)
r = ctl("chat", "send", cid, "I will finish this for you", user="sue")
check("the supervisor writes as the holder", r.returncode == 0)
m = wait_for(v, lambda m: m.get("text") == "I will finish this for you")
check("the visitor reads the holder's line", m is not None and m.get("name") == "Sue Chen")
r = ctl("chat", "end", cid, user="sue")
check("the supervisor ends it", r.returncode == 0)

# The listener saw it all, and stopped by itself at the end.
try:
    out, _ = lst.communicate(timeout=20)
except subprocess.TimeoutExpired:
    lst.kill(); out, _ = lst.communicate()
live = [json.loads(l) for l in out.splitlines() if l.strip()]
lt = [e["line"]["line"] for e in live if "line" in e]
check("the listener got the whispers", any(l["text"] == "secret plan B" for l in lt))
check("the listener got the barge line", any(l["text"] == "I am the supervisor, I can help" for l in lt))
check("the listener got the customer's line", any(l["text"] == "thank you both" for l in lt))
check("the listener got the customer's typing", any("typing" in e for e in live))
check("the listener got the take-over",
      any(e.get("contact_state", {}).get("state") == "taken_over" for e in live))
check("the listener saw no line twice", len(lt) == len({l["seq"] for l in lt}))
check("the listener stopped when the conversation ended (exit 0)",
      lst.returncode == 0 and live and live[-1].get("contact_state", {}).get("state") == "ended")

r = ctl("audit", "list", "--limit", "200", json_out=True)
entries = json.loads(r.stdout)["entries"] if r.returncode == 0 else []
for action, actor in (("chat listen", "tom"), ("chat whisper", "tom"), ("chat whisper", "sue"),
                      ("chat barge", "sue")):
    check("%s by %s is audited" % (action, actor),
          any(e["action"] == action and e["actor"] == actor and e["target"] == cid
              for e in entries))
check("the take-over is audited with the agent it was taken from",
      any(e["action"] == "chat takeover" and e["actor"] == "sue" and e["target"] == cid and
          e.get("detail") == "xiaoli" for e in entries))
check("a team lead's refusal is audited",
      any(e["action"] == "denied" and e["actor"] == "tina" and e["target"] == "chat listen"
          and e.get("detail") == "xiaoli" for e in entries))
check("a role refusal is audited or refused before the handler",
      not any(e["action"] == "chat barge" and e["actor"] == "tom" for e in entries))

print("%d passed, %d failed" % (passes, fails))
sys.exit(1 if fails else 0)
