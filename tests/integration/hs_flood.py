"""A replayed-handshake flood against the broker's TCP port, speaking the
nng SP wire protocol raw (as sp_peer.py does).

  hs_flood.py capture LISTEN_PORT BROKER_PORT OUT
      relays one client connection to the broker and saves the first
      handshake message (frame kind 1) the client sends, then keeps relaying
      until the client hangs up.
  hs_flood.py flood BROKER_PORT HS1_FILE SECONDS MAX SRC_ADDR...
      replays the saved message from each source address (two connections
      each) until SECONDS pass or MAX messages went; prints one JSON line of
      counts: handshake replies (a session made each), error frames, and
      connections that failed."""
import json, socket, struct, sys, threading, time

REQ0 = b"\x00SP\x00" + struct.pack(">H", 0x30) + b"\x00\x00"


def recv_exact(s, n):
    b = b""
    while len(b) < n:
        c = s.recv(n - len(b))
        if not c:
            raise ConnectionError("closed")
        b += c
    return b


def capture(listen_port, broker_port, out):
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", listen_port))
    ls.listen(1)
    ls.settimeout(30)
    open(out + ".ready", "w").close()
    c, _ = ls.accept()
    u = socket.create_connection(("127.0.0.1", broker_port), timeout=30)
    saved = [False]

    def down():  # broker -> client, as it comes
        try:
            while True:
                b = u.recv(65536)
                if not b:
                    break
                c.sendall(b)
        except OSError:
            pass
        try:
            c.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    t = threading.Thread(target=down, daemon=True)
    t.start()
    try:
        u.sendall(recv_exact(c, 8))  # the SP header
        while True:
            n = recv_exact(c, 8)
            body = recv_exact(c, struct.unpack(">Q", n)[0])
            # body: 4-byte request id, then the frame: "H", version, kind
            if not saved[0] and body[4:5] == b"H" and body[6:7] == b"\x01":
                with open(out, "wb") as f:
                    f.write(body[4:])
                saved[0] = True
            u.sendall(n + body)
    except (ConnectionError, OSError):
        pass
    u.close()
    c.close()
    return 0 if saved[0] else 1


def flood(port, hs1, seconds, limit, sources):
    counts = {"sent": 0, "sessions": 0, "errors": 0, "failed_connections": 0}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker(src):
        rid = 0x80000001
        while time.monotonic() < stop:
            try:
                s = socket.socket()
                s.bind((src, 0))
                s.settimeout(10)
                s.connect(("127.0.0.1", port))
                s.sendall(REQ0)
                recv_exact(s, 8)
                while time.monotonic() < stop:
                    with lock:
                        if counts["sent"] >= limit:
                            return
                        counts["sent"] += 1
                    msg = struct.pack(">I", rid) + hs1
                    rid = 0x80000001 if rid >= 0xFFFFFFF0 else rid + 1
                    s.sendall(struct.pack(">Q", len(msg)) + msg)
                    r = recv_exact(s, struct.unpack(">Q", recv_exact(s, 8))[0])[4:]
                    with lock:
                        if r[2:3] == b"\x02":
                            counts["sessions"] += 1
                        else:
                            counts["errors"] += 1
                s.close()
            except (ConnectionError, OSError):
                with lock:
                    counts["failed_connections"] += 1
                time.sleep(0.05)

    threads = [threading.Thread(target=worker, args=(a,)) for a in sources for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(json.dumps(counts), flush=True)
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "capture":
        sys.exit(capture(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]))
    hs1 = open(sys.argv[3], "rb").read()
    sys.exit(flood(int(sys.argv[2]), hs1, float(sys.argv[4]), int(sys.argv[5]), sys.argv[6:]))
