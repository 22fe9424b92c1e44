"""A scripted web chat visitor for tests: a minimal WebSocket client
(stdlib only) that speaks docs/webchat.md. Reads commands from argv as
JSON objects to send, with "wait:TYPE" entries to wait for a message type;
prints every received message as one JSON line."""
import base64, json, os, socket, struct, sys, time

def connect(host, port, path="/chat"):
    s = socket.create_connection((host, port), timeout=10)
    key = base64.b64encode(os.urandom(16)).decode()
    s.sendall((f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
               f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
               f"Sec-WebSocket-Version: 13\r\n\r\n").encode())
    resp = b""
    while b"\r\n\r\n" not in resp:
        c = s.recv(1)
        if not c:
            raise ConnectionError("closed during upgrade")
        resp += c
    if b" 101 " not in resp.split(b"\r\n")[0]:
        raise ConnectionError(resp.decode(errors="replace"))
    return s

def send_frame(s, data, opcode=1):
    mask = os.urandom(4)
    n = len(data)
    hdr = bytes([0x80 | opcode])
    if n < 126:
        hdr += bytes([0x80 | n])
    elif n < 65536:
        hdr += bytes([0x80 | 126]) + struct.pack(">H", n)
    else:
        hdr += bytes([0x80 | 127]) + struct.pack(">Q", n)
    s.sendall(hdr + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

def recv_exact(s, n):
    b = b""
    while len(b) < n:
        c = s.recv(n - len(b))
        if not c:
            raise ConnectionError("closed")
        b += c
    return b

class Visitor:
    def __init__(self, host, port):
        self.s = connect(host, port)
        self.buf = b""
        self.seen = []

    def send(self, obj):
        send_frame(self.s, (json.dumps(obj, ensure_ascii=False) + "\n").encode())

    def send_raw(self, data):
        send_frame(self.s, data)

    def recv(self, timeout):
        self.s.settimeout(timeout)
        while b"\n" not in self.buf:
            h = recv_exact(self.s, 2)
            n = h[1] & 0x7F
            if n == 126:
                n = struct.unpack(">H", recv_exact(self.s, 2))[0]
            elif n == 127:
                n = struct.unpack(">Q", recv_exact(self.s, 8))[0]
            payload = recv_exact(self.s, n)
            if h[0] & 0x0F == 8:
                raise ConnectionError("closed by broker")
            self.buf += payload
        line, self.buf = self.buf.split(b"\n", 1)
        m = json.loads(line)
        self.seen.append(m)
        print(json.dumps(m, ensure_ascii=False), flush=True)
        return m

    def wait(self, typ, timeout=20):
        end = time.time() + timeout
        while time.time() < end:
            m = self.recv(max(0.1, end - time.time()))
            if m.get("type") == typ:
                return m
        raise TimeoutError("no %s message" % typ)

if __name__ == "__main__":
    host, port = sys.argv[1], int(sys.argv[2])
    v = Visitor(host, port)
    for step in sys.argv[3:]:
        if step.startswith("wait:"):
            v.wait(step[5:])
        elif step.startswith("sleep:"):
            time.sleep(float(step[6:]))
        elif step.startswith("waitfile:"):
            end = time.time() + 30
            while not os.path.exists(step[9:]) and time.time() < end:
                time.sleep(0.05)
        else:
            v.send(json.loads(step))
