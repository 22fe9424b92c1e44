"""Interval and day boundaries of the floor's figures, driven through the
broker's time zone: a zone whose offset has seconds puts the broker's local
clock where the test wants it (a 15-minute boundary or midnight a few
seconds away), with no clock inside the broker touched.

  figures_clock.py tz HH:MM:SS LEAD_S   prints a TZ value in which the local
                                        time is HH:MM:SS in LEAD_S seconds
  figures_clock.py interval             visitors before and after a boundary
  figures_clock.py midnight             visitors before and after midnight

The last two need CTL, T, WEBPORT and DB in the environment; they print
'ok - …' / 'FAIL - …' lines."""
import json, os, sqlite3, subprocess, sys, time

SLOT = 15 * 60 * 1000
passes = fails = 0


def tz(hms, lead):
    h, m, s = (int(x) for x in hms.split(":"))
    want = h * 3600 + m * 60 + s
    at = int(time.time()) + int(lead)
    east = (want - at % 86400) % 86400
    if east > 43200:
        east -= 86400
    a = abs(east)
    # POSIX counts the offset west of Greenwich: local = UTC - offset.
    return "FIG%s%02d:%02d:%02d" % ("-" if east >= 0 else "+", a // 3600, a // 60 % 60, a % 60)


def check(desc, cond):
    global passes, fails
    if cond:
        passes += 1
        print("ok -", desc)
    else:
        fails += 1
        print("FAIL -", desc)
    sys.stdout.flush()


def floor():
    r = subprocess.run([os.environ["CTL"], "--json", "floor"], capture_output=True, text=True,
                       timeout=90)
    return json.loads(r.stdout) if r.returncode == 0 else None


def billing(fl):
    return [q for q in fl["queues"] if q["queue"] == "billing"][0]


def visitor():
    sys.path.insert(0, os.path.dirname(__file__))
    from wsclient import Visitor
    v = Visitor("127.0.0.1", int(os.environ["WEBPORT"]))
    v.send({"type": "hello", "lang": "en"})
    v.wait("welcome")
    v.send({"type": "start", "item": "billing", "text": "hello"})
    return v


def until(fn, secs):
    end = time.time() + secs
    while time.time() < end:
        v = fn()
        if v:
            return v
        time.sleep(0.3)
    return None


def row(start, queue):
    con = sqlite3.connect("file:%s?mode=ro" % os.environ["DB"], uri=True, timeout=30)
    r = con.execute("SELECT offered FROM figures_interval WHERE start_ms=? AND queue=?"
                    " AND agent=''", (start, queue)).fetchone()
    con.close()
    return r[0] if r else None


def interval():
    fl = floor()
    day = fl["day_start_ms"]
    slot = (int(time.time() * 1000) - day) // SLOT
    start, end = day + slot * SLOT, day + (slot + 1) * SLOT
    keep = [visitor(), visitor()]
    check("two waiting visitors are offered",
          until(lambda: billing(floor())["offered"] == 2, 15))
    if time.time() * 1000 < end - 300:
        check("no row for the open interval before it closes", row(start, "billing") is None)
    else:
        print("  | the boundary passed before the first look; not checked")
    wait = end / 1000.0 + 0.5 - time.time()
    print("  | waiting %.1f s for the interval to close" % max(wait, 0))
    if wait > 0:
        time.sleep(wait)
    check("the closed interval's row is written while the broker runs, with both contacts",
          until(lambda: row(start, "billing") == 2, 20))
    keep.append(visitor())
    check("a visitor after the boundary counts today",
          until(lambda: billing(floor())["offered"] == 3, 15))
    check("... in the open interval, not in the closed one's row", row(start, "billing") == 2)


def midnight():
    fl = floor()
    day = fl["day_start_ms"]
    before = billing(fl)["offered"]
    keep = [visitor()]
    check("a visitor before midnight is offered today",
          until(lambda: billing(floor())["offered"] == before + 1, 15))
    nxt = day + 86400 * 1000
    wait = nxt / 1000.0 + 0.5 - time.time()
    print("  | waiting %.1f s for midnight" % max(wait, 0))
    if wait > 0:
        time.sleep(wait)
    fl = until(lambda: (lambda f: f if f["day_start_ms"] == nxt else None)(floor()), 15)
    check("after midnight the floor counts a new day", fl is not None)
    if fl:
        b = billing(fl)
        check("yesterday's contact is not offered today, but still waits",
              b["offered"] == 0 and b["waiting"] >= 1)
    check("yesterday's last interval row holds its contacts",
          until(lambda: (row(day + 95 * SLOT, "billing") or 0) >= 1, 15))
    keep.append(visitor())
    check("a visitor after midnight is the new day's first",
          until(lambda: billing(floor())["offered"] == 1, 15))


if __name__ == "__main__":
    if sys.argv[1] == "tz":
        print(tz(sys.argv[2], sys.argv[3]))
        sys.exit(0)
    {"interval": interval, "midnight": midnight}[sys.argv[1]]()
    print("%d passed, %d failed" % (passes, fails))
    sys.exit(1 if fails else 0)
