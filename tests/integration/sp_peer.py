"""A hostile peer for the broker's TCP port: raw garbage, SP-level garbage,
malformed frames inside well-formed SP messages, and half handshakes.
Prints one line per probe; exits 0 when every probe got the answer the
protocol promises (an error frame, or a closed connection)."""
import os, random, socket, struct, sys

host, port = "127.0.0.1", int(sys.argv[1])
random.seed(7)

def connect():
    s = socket.create_connection((host, port), timeout=5)
    return s

def sp_open():
    s = connect()
    s.sendall(b"\x00SP\x00" + struct.pack(">H", 0x30) + b"\x00\x00")  # REQ0
    hdr = recv_exact(s, 8)
    assert hdr[:4] == b"\x00SP\x00", hdr
    return s

def recv_exact(s, n):
    b = b""
    while len(b) < n:
        c = s.recv(n - len(b))
        if not c:
            raise ConnectionError("closed")
        b += c
    return b

req_id = [0x80000001]

def sp_request(s, body):
    rid = req_id[0]; req_id[0] += 1
    msg = struct.pack(">I", rid) + body
    s.sendall(struct.pack(">Q", len(msg)) + msg)
    n = struct.unpack(">Q", recv_exact(s, 8))[0]
    reply = recv_exact(s, n)
    assert struct.unpack(">I", reply[:4])[0] == rid
    return reply[4:]

ok = True
# 1. Raw garbage instead of an SP header: the broker closes the connection.
for i in range(20):
    s = connect()
    try:
        s.sendall(os.urandom(random.randint(1, 4000)))
        s.settimeout(3)
        while s.recv(4096):
            pass
    except (ConnectionError, socket.timeout, OSError):
        pass
    s.close()
print("raw garbage: 20 connections sent noise")

# 2. Well-formed SP, malformed frames: each answered with an ERROR frame.
s = sp_open()
bad = [b"", b"H", b"H\x01", b"X\x01\x03" + b"\x00" * 40, b"H\x09\x01" + b"\x00" * 60,
       b"H\x01\x63", b"H\x01\x03" + b"\x00" * 10, b"H\x01\x01" + b"\x00" * 10,
       b"H\x01\x03" + os.urandom(60), b"H\x01\x01" + os.urandom(80)]
bad += [os.urandom(random.randint(0, 300)) for _ in range(50)]
for b in bad:
    r = sp_request(s, b)
    if r[:3] != b"H\x01\x04":
        print("probe not answered with an error frame:", b[:8].hex(), r[:8].hex()); ok = False
print("malformed frames: %d answered with error frames" % len(bad))
s.close()

# 3. Half handshakes: fetch the key, send message 1, never use the session;
#    and connections that stop in the middle of a message.
for i in range(30):
    s = sp_open()
    key = sp_request(s, b"H\x01\x05")
    if key[:3] != b"H\x01\x06" or len(key) != 35:
        print("key request not answered", key[:8].hex()); ok = False
    r = sp_request(s, b"H\x01\x01" + os.urandom(32) + os.urandom(48))
    if r[:3] != b"H\x01\x04":
        print("forged message 1 not refused", r[:8].hex()); ok = False
    s.close()
for i in range(30):
    s = sp_open()
    s.sendall(struct.pack(">Q", 1000) + b"\x80\x00\x00\x01H\x01")  # promises 1000 bytes, sends 6
    s.close()
print("half handshakes and cut messages: 60 connections")
sys.exit(0 if ok else 1)
