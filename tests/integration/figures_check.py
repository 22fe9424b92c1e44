"""The floor's figures recomputed from the stored contacts, by the rules of
docs/metrics.md §5 written again here (independently of the broker), and
compared with what the broker says or stored.

  figures_check.py floor DB FLOOR.json S_RULES       floor --json vs the contacts
  figures_check.py intervals DB DAY_START_MS RULES   figures_interval rows vs the contacts

RULES is "queue=T/S,queue=T/S"; S_RULES is "queue=S,…" (T comes from the
floor's sl_secs). The database is opened read-only, so a running broker's
may be read. Exit status 0 when equal; 1 with the differences printed."""
import json, sqlite3, sys

SLOT_MS = 15 * 60 * 1000
SLOTS = 100
FIELDS = ["offered", "answered", "answered_within_sl", "abandoned", "short_abandoned",
          "abandoned_within_sl", "timed_out", "rejected", "wait_answered_ms", "handled",
          "talk_ms", "wrap_ms", "csat_ratings", "csat_satisfied", "nps_answers",
          "nps_promoters", "nps_detractors"]


def zero():
    return dict.fromkeys(FIELDS, 0)


def count(c, row, t, s):
    """One stored contact into counts c, judged by T t and S s (seconds)."""
    state, answered, ended, wrap_end, wait, csat, nps = row
    if state == "rejected":
        c["rejected"] += 1
        return
    c["offered"] += 1
    if answered:
        c["answered"] += 1
        c["wait_answered_ms"] += wait
        if wait <= t * 1000:
            c["answered_within_sl"] += 1
        if ended:
            c["handled"] += 1
            c["talk_ms"] += ended - answered
            c["wrap_ms"] += wrap_end - ended if wrap_end > ended else 0
    elif state == "abandoned":
        c["abandoned"] += 1
        if wait < s * 1000:
            c["short_abandoned"] += 1
        elif wait <= t * 1000:
            c["abandoned_within_sl"] += 1
    elif state == "left":
        c["timed_out"] += 1
    if 1 <= csat <= 5:
        c["csat_ratings"] += 1
        c["csat_satisfied"] += csat >= 4
    if 0 <= nps <= 10:
        c["nps_answers"] += 1
        c["nps_promoters"] += nps >= 9
        c["nps_detractors"] += nps <= 6


def contacts(db, day):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=30)
    rows = con.execute("SELECT queue, agent, created_ms, state, answered_ms, ended_ms,"
                       " wrap_end_ms, wait_ms, csat, nps FROM contact WHERE created_ms >= ?",
                       (day,)).fetchall()
    return con, rows


def rules_of(text):
    out = {}
    for part in filter(None, text.split(",")):
        q, r = part.split("=")
        t, s = (r.split("/") + [None])[:2]
        out[q] = (int(t), int(s)) if s is not None else int(t)
    return out


def figures(c):
    """The floor's four figures, -1 when undefined (the wire's rule)."""
    def ratio(n, d):
        return n / d if d > 0 else -1
    off = c["offered"] - c["short_abandoned"]
    sl = ratio(100.0 * c["answered_within_sl"], off)
    asa = ratio(c["wait_answered_ms"] / 1000.0, c["answered"])
    aht = ratio((c["talk_ms"] + c["wrap_ms"]) / 1000.0, c["handled"])
    ab = ratio(100.0 * (c["abandoned"] - c["short_abandoned"]), off)
    return {"offered": c["offered"], "answered": c["answered"], "abandoned": c["abandoned"],
            "short_abandoned": c["short_abandoned"], "sl_pct": sl, "asa_s": asa,
            "aht_s": aht, "abandon_pct": ab}


def diff(where, want, got):
    bad = []
    for k, v in want.items():
        g = got.get(k, 0)
        if isinstance(v, float) or isinstance(g, float):
            if abs(float(v) - float(g)) > 1e-6:
                bad.append("%s %s: recomputed %r, broker %r" % (where, k, v, g))
        elif v != g:
            bad.append("%s %s: recomputed %r, broker %r" % (where, k, v, g))
    return bad


def check_floor(db, floor_path, s_rules):
    fl = json.load(open(floor_path))
    day = int(fl["day_start_ms"])
    s_of = rules_of(s_rules)
    _, rows = contacts(db, day)
    bad, allc = [], zero()
    for q in fl["queues"]:
        c = zero()
        for r in rows:
            if r[0] == q["queue"]:
                count(c, r[3:], int(q.get("sl_secs", 0)), s_of.get(q["queue"], 5))
        for k in FIELDS:
            allc[k] += c[k]
        bad += diff("queue " + q["queue"], figures(c), q)
    bad += diff("overall", figures(allc), fl["overall"])
    return bad, sum(1 for r in rows)


def check_intervals(db, day, rules):
    con, rows = contacts(db, day)
    want = {}
    for r in rows:
        q, agent, created = r[0], r[1], r[2]
        if q not in rules:
            continue
        t, s = rules[q]
        slot = min((created - day) // SLOT_MS, SLOTS - 1)
        start = day + slot * SLOT_MS
        count(want.setdefault((start, q, ""), zero()), r[3:], t, s)
        if agent:
            count(want.setdefault((start, "", agent), zero()), r[3:], t, s)
    got = {}
    for row in con.execute("SELECT start_ms, queue, agent, %s FROM figures_interval"
                           " WHERE start_ms >= ? AND start_ms < ?" % ",".join(FIELDS),
                           (day, day + SLOTS * SLOT_MS)):
        got[tuple(row[:3])] = dict(zip(FIELDS, row[3:]))
    bad = []
    for key in sorted(set(want) | set(got), key=str):
        if key[1] and key[1] not in rules:
            continue
        w, g = want.get(key, zero()), got.get(key)
        if g is None:
            if any(w.values()):
                bad.append("no interval row for %r (recomputed %r)" % (key, w))
            continue
        bad += diff("interval %r" % (key,), w, g)
    return bad, len(got)


def main():
    if sys.argv[1] == "floor":
        bad, n = check_floor(sys.argv[2], sys.argv[3], sys.argv[4])
        what = "%d contacts today" % n
    else:
        bad, n = check_intervals(sys.argv[2], int(sys.argv[3]), rules_of(sys.argv[4]))
        what = "%d interval rows" % n
    for b in bad[:20]:
        print("  |", b)
    if not bad:
        print("  | equal over %s" % what)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
