"""A fault-injecting TCP proxy between a client and the broker's nng port.

It relays SP over TCP (an 8-byte header each way, then messages framed by a
64-bit length, each starting with the 4-byte REQ/REP request id) and counts
the client's encrypted DATA frames ('H' 1 3 ...). On the Nth one it does one
of these, once:

  forge       forwards the request, waits for the broker's answer, drops it,
              and answers the client with a plain ERROR frame "session
              unknown" (what the broker sends for a session it lost; error
              frames are not encrypted, so anyone on the path can forge one)
  forge-early the same, but answers with the forged error at once, while the
              broker is still working on the request
  drop        forwards the request and closes the client's connection at
              once, before any answer (the broker carries on with it)

Usage: faultproxy.py BROKER_PORT MODE N. Prints the port it listens on
(127.0.0.1) and then one line per fault on stdout; stops after 120 s."""
import socket, struct, sys, threading, time

ERR_SESSION = 14
FORGED = b"session unknown: the broker restarted or the session expired; handshake again"

broker_port, mode, nth = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
lock = threading.Lock()
state = {"data": 0, "fired": False}


def say(*a):
    with lock:
        print(*a, flush=True)


def recv_exact(s, n):
    b = b""
    while len(b) < n:
        c = s.recv(n - len(b))
        if not c:
            raise ConnectionError("closed")
        b += c
    return b


def read_msg(s):
    n = struct.unpack(">Q", recv_exact(s, 8))[0]
    return recv_exact(s, n)


def write_msg(s, wlock, msg):
    with wlock:
        s.sendall(struct.pack(">Q", len(msg)) + msg)


def forged(rid):
    return rid + b"H\x01\x04" + bytes([ERR_SESSION]) + FORGED


class Conn:
    def __init__(self, client):
        self.client = client
        self.up = socket.create_connection(("127.0.0.1", broker_port))
        self.cw, self.uw = threading.Lock(), threading.Lock()
        self.swallow = {}   # request id -> "forge" (answer with a forged error) or "drop"

    def close(self):
        for s in (self.client, self.up):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def upward(self):
        try:
            self.up.sendall(recv_exact(self.client, 8))
            while True:
                msg = read_msg(self.client)
                rid, frame = msg[:4], msg[4:]
                if frame[:3] != b"H\x01\x03":
                    write_msg(self.up, self.uw, msg)
                    continue
                with lock:
                    state["data"] += 1
                    fire = state["data"] == nth and not state["fired"]
                    if fire:
                        state["fired"] = True
                if fire and mode == "drop":
                    # The broker gets the request; the client loses its
                    # connection before any answer and must try again.
                    self.swallow[rid] = "drop"
                    write_msg(self.up, self.uw, msg)
                    say("fault: connection dropped with DATA frame %d in flight" % nth)
                    self.client.shutdown(socket.SHUT_RDWR)
                    self.client.close()
                    return
                if fire and mode == "forge-early":
                    self.swallow[rid] = "drop"
                    write_msg(self.up, self.uw, msg)
                    write_msg(self.client, self.cw, forged(rid))
                    say("fault: forged 'session unknown' for DATA frame %d at once" % nth)
                    continue
                if fire and mode == "forge":
                    self.swallow[rid] = "forge"
                write_msg(self.up, self.uw, msg)
        except (ConnectionError, OSError):
            self.close()

    def downward(self):
        try:
            self.client.sendall(recv_exact(self.up, 8))
            while True:
                msg = read_msg(self.up)
                what = self.swallow.pop(msg[:4], None)
                if what == "forge":
                    write_msg(self.client, self.cw, forged(msg[:4]))
                    say("fault: forged 'session unknown' for DATA frame %d after the "
                        "broker answered" % nth)
                elif what is None:
                    write_msg(self.client, self.cw, msg)
        except (ConnectionError, OSError):
            self.close()


def serve(ls):
    while True:
        c, _ = ls.accept()
        try:
            conn = Conn(c)
        except OSError:
            c.close()
            continue
        threading.Thread(target=conn.upward, daemon=True).start()
        threading.Thread(target=conn.downward, daemon=True).start()


ls = socket.socket()
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", 0))
ls.listen(16)
print(ls.getsockname()[1], flush=True)
threading.Thread(target=serve, args=(ls,), daemon=True).start()
time.sleep(120)
