"""Hostile web chat visitors for tests of the web port's budgets (stdlib
only). Modes:
  flood HOST PORT SECONDS CONNS   each connection writes frames of bare
      newlines and of tiny bad lines as fast as the broker takes them,
      reading nothing; prints how many bytes went out.
  idle HOST PORT COUNT FIRST_IP   opens COUNT plain TCP connections from
      127.0.0.FIRST_IP.. (40 a source address) and holds them; prints
      "open N", then on stdin "check" prints how many the broker closed.
"""
import socket, struct, sys, threading, time, os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wsclient

def frame(data, opcode=1):
    # A zero mask key leaves the payload as it is (cheap to build).
    n = len(data)
    hdr = bytes([0x80 | opcode])
    if n < 126:
        hdr += bytes([0x80 | n])
    elif n < 65536:
        hdr += bytes([0x80 | 126]) + struct.pack(">H", n)
    else:
        hdr += bytes([0x80 | 127]) + struct.pack(">Q", n)
    return hdr + b"\0\0\0\0" + data

def flood(host, port, seconds, conns):
    sent = [0] * conns
    payloads = [frame(b"\n" * (120 * 1024)), frame(b"x\n" * (60 * 1024)),
                frame(b"{}\n" * (40 * 1024))]
    def one(i):
        end = time.time() + seconds
        while time.time() < end:
            try:
                s = wsclient.connect(host, port)
            except OSError:
                time.sleep(0.2)
                continue
            s.settimeout(1)
            k = 0
            try:
                while time.time() < end:
                    p = payloads[k % len(payloads)]
                    k += 1
                    s.sendall(p)
                    sent[i] += len(p)
            except socket.timeout:
                # The broker stopped reading this one: keep it waiting.
                while time.time() < end:
                    try:
                        s.sendall(payloads[0])
                        sent[i] += len(payloads[0])
                    except socket.timeout:
                        pass
                    except OSError:
                        break
            except OSError:
                pass
            s.close()
    ts = [threading.Thread(target=one, args=(i,)) for i in range(conns)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print("sent", sum(sent), flush=True)

def idle(host, port, count, first):
    socks = []
    for i in range(count):
        src = "127.0.0.%d" % (first + i // 40)
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((src, 0))
        s.setblocking(False)
        try:
            s.connect((host, port))
        except BlockingIOError:
            pass
        socks.append(s)
    print("open", len(socks), flush=True)
    for line in sys.stdin:
        if line.strip() == "check":
            closed = held = pending = 0
            for s in socks:
                try:
                    if s.recv(1) == b"":
                        closed += 1
                except BlockingIOError:
                    held += 1
                except (ConnectionResetError, BrokenPipeError):
                    closed += 1
                except OSError:
                    pending += 1   # never connected (dropped from the backlog)
            print("closed %d held %d pending %d" % (closed, held, pending), flush=True)

if __name__ == "__main__":
    mode, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if mode == "flood":
        flood(host, port, float(sys.argv[4]), int(sys.argv[5]))
    else:
        idle(host, port, int(sys.argv[4]), int(sys.argv[5]))
