"""Seeds a stopped broker's database for the benchmarks: agents with a cheap
password hash, or today's finished contacts. Usage:
  bench_seed.py agents DB N CAPACITY PASSWORD
  bench_seed.py contacts DB N"""
import ctypes
import os
import random
import sqlite3
import sys
import time

ROLE_AGENT = 2  # hotline.proto Role


def cheap_hash(password):
    """An Argon2id string at libsodium's minimum cost (the broker verifies
    by the parameters the string names)."""
    so = ctypes.CDLL("libsodium.so.23")
    if so.sodium_init() < 0:
        sys.exit("libsodium failed to initialise")
    out = ctypes.create_string_buffer(128)
    pw = password.encode()
    so.crypto_pwhash_argon2id_opslimit_min.restype = ctypes.c_size_t
    so.crypto_pwhash_argon2id_memlimit_min.restype = ctypes.c_size_t
    ops = so.crypto_pwhash_argon2id_opslimit_min()
    mem = max(so.crypto_pwhash_argon2id_memlimit_min(), 8192)
    if so.crypto_pwhash_str(out, pw, ctypes.c_ulonglong(len(pw)), ctypes.c_ulonglong(ops),
                            ctypes.c_size_t(mem)) != 0:
        sys.exit("crypto_pwhash_str failed")
    return out.value.decode()


def agents(db, n, cap, password):
    h = cheap_hash(password)
    now = int(time.time() * 1000)
    c = sqlite3.connect(db)
    with c:
        c.executemany(
            "INSERT INTO user(name,display,role,pwhash,created_ms) VALUES(?,?,?,?,?)",
            (("simagent%d" % i, "simagent%d" % i, ROLE_AGENT, h, now) for i in range(1, n + 1)))
        c.execute("INSERT INTO agent(user_id,capacity) SELECT id,? FROM user"
                  " WHERE name LIKE 'simagent%'", (cap,))
        c.execute("INSERT INTO agent_skill(user_id,queue,level) SELECT id,'sales',5 FROM user"
                  " WHERE name LIKE 'simagent%'")
    c.close()


def contacts(db, n):
    """n contacts created between local midnight and a minute ago: most
    answered and ended with a wrap-up, some abandoned in the queue."""
    rnd = random.Random(7)
    now = int(time.time() * 1000)
    lt = time.localtime(now / 1000)
    day = int(time.mktime((lt.tm_year, lt.tm_mon, lt.tm_mday, 0, 0, 0, 0, 0, -1)) * 1000)
    lo, hi = day + 1000, max(day + 2000, now - 60000)
    c = sqlite3.connect(db)

    def rows():
        for _ in range(n):
            created = rnd.randint(lo, hi)
            wait = rnd.randint(0, 60000)
            if rnd.random() < 0.9:
                ans = created + wait
                end = ans + rnd.randint(30000, 600000)
                yield (1, "sales", "ended", "simagent1", created, created, ans, end, "agent",
                       wait, "resolved", end + 5000, rnd.choice((0, 4, 5)))
            else:
                yield (1, "sales", "abandoned", "", created, created, 0, created + wait,
                       "customer", wait, "", 0, 0)
    with c:
        c.execute("INSERT OR IGNORE INTO customer(id,token_hash,created_ms) VALUES(1,?,?)",
                  (os.urandom(32), now))
        c.executemany(
            "INSERT INTO contact(customer_id,queue,state,agent,created_ms,queued_ms,answered_ms,"
            "ended_ms,ended_by,wait_ms,wrap_code,wrap_end_ms,csat) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows())
    c.close()


def main():
    if len(sys.argv) == 6 and sys.argv[1] == "agents":
        agents(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
    elif len(sys.argv) == 4 and sys.argv[1] == "contacts":
        contacts(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(__doc__)


main()
