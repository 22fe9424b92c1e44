# Appends N entries to a stopped broker's audit chain, linked and keyed as
# the broker links them (the state directory's audit.key), so a long
# 'audit list --verify' has a whole, intact chain to walk.
import hashlib, hmac, sqlite3, struct, sys

state, n = sys.argv[1], int(sys.argv[2])
conf = dict(l.split("=", 1) for l in open(state + "/audit.key").read().split())
key, keyed_from = bytes.fromhex(conf["key"]), int(conf["from"])
db = sqlite3.connect(state + "/hotline.db", timeout=5)
head = db.execute("SELECT value FROM meta WHERE key='audit_head'").fetchone()[0]
last, prev = int(head.split(":")[0]), bytes.fromhex(head.split(":")[1])
u64 = lambda v: struct.pack(">Q", v)
rows = []
for i in range(last + 1, last + 1 + n):
    t = 1700000000000 + i
    txt = ("root", "team add", "team-%d" % i, "", "ok")
    msg = prev + u64(i) + u64(t) + b"".join(u64(len(s.encode())) + s.encode() for s in txt)
    h = hmac.new(key, msg, hashlib.sha256).digest() if i >= keyed_from else hashlib.sha256(msg).digest()
    rows.append((i, t) + txt + (prev, h))
    prev = h
db.executemany("INSERT INTO audit(id,time_ms,actor,action,target,detail,result,prev_hash,hash)"
               " VALUES(?,?,?,?,?,?,?,?,?)", rows)
db.execute("UPDATE meta SET value=? WHERE key='audit_head'", ("%d:%s" % (last + n, prev.hex()),))
db.commit()
