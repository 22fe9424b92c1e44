"""A TCP relay between a client and the broker's nng port that writes the
length of every encrypted DATA frame the broker sends ('H' 1 3 ...), one a
line, to a file: what a test needs to see how many events a reply held
without decrypting anything.

Usage: framesizes.py BROKER_PORT OUTFILE. Prints the port it listens on
(127.0.0.1); stops after 120 s."""
import socket, struct, sys, threading, time

broker_port, outfile = int(sys.argv[1]), sys.argv[2]
lock = threading.Lock()


def recv_exact(s, n):
    b = b""
    while len(b) < n:
        c = s.recv(n - len(b))
        if not c:
            raise ConnectionError("closed")
        b += c
    return b


def pump(src, dst, count):
    try:
        dst.sendall(recv_exact(src, 8))   # the SP header
        while True:
            n = struct.unpack(">Q", recv_exact(src, 8))[0]
            msg = recv_exact(src, n)
            # Each message: a 4-byte REQ/REP id, then the frame.
            if count and msg[4:7] == b"H\x01\x03":
                with lock, open(outfile, "a") as f:
                    f.write("%d\n" % (n - 4))
            dst.sendall(struct.pack(">Q", n) + msg)
    except (ConnectionError, OSError):
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve(ls):
    while True:
        c, _ = ls.accept()
        try:
            up = socket.create_connection(("127.0.0.1", broker_port))
        except OSError:
            c.close()
            continue
        threading.Thread(target=pump, args=(c, up, False), daemon=True).start()
        threading.Thread(target=pump, args=(up, c, True), daemon=True).start()


ls = socket.socket()
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", 0))
ls.listen(16)
print(ls.getsockname()[1], flush=True)
threading.Thread(target=serve, args=(ls,), daemon=True).start()
time.sleep(120)
