"""A TCP relay that reaches the broker from a chosen loopback source
address, so a client on this host appears as another peer.

  src_relay.py LISTEN_PORT BROKER_PORT SOURCE_ADDR READY_FILE SECONDS

Accepts on 127.0.0.1:LISTEN_PORT, connects each client to
127.0.0.1:BROKER_PORT from SOURCE_ADDR, relays both ways, and exits after
SECONDS."""
import socket, sys, threading, time

lport, bport, src, ready, secs = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], float(sys.argv[5])


def pipe(a, b):
    try:
        while True:
            d = a.recv(65536)
            if not d:
                break
            b.sendall(d)
    except OSError:
        pass
    for s in (a, b):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


ls = socket.socket()
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", lport))
ls.listen(16)
ls.settimeout(0.5)
open(ready, "w").close()
end = time.monotonic() + secs
while time.monotonic() < end:
    try:
        c, _ = ls.accept()
    except socket.timeout:
        continue
    u = socket.socket()
    u.bind((src, 0))
    u.connect(("127.0.0.1", bport))
    threading.Thread(target=pipe, args=(c, u), daemon=True).start()
    threading.Thread(target=pipe, args=(u, c), daemon=True).start()
