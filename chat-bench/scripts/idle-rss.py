#!/usr/bin/env python3
"""Resident memory (VmRSS) of a chat server or of ngircd at 0, 1k and 19k idle logged-in connections.

Issue 18 asks for the process's RSS next to ngircd's. This opens the connections in stages, waits
until every one of a stage is logged in (chat server: `ok` of `login {token}`; IRC: numeric 001),
waits `--settle-s`, then reads /proc/PID/status. All connections come from this one process, so
the stages must stay under its open-file limit (`ulimit -n`, 20,000 here). Connections answer pings
(IRC `PING`, chat `ping`) so that none is closed for idleness.

  # ngircd (Debian's /usr/sbin/ngircd, started on a free port with chat-bench's bench configuration):
  chat-bench/scripts/idle-rss.py ngircd --stages 0,1000,19000
  # the chat server on PORT, process PID, with tokens cached by chat-bench (user=token lines):
  chat-bench/scripts/idle-rss.py chat --port PORT --pid PID --tokens OUT/tokens-127.0.0.1-PORT.properties
"""
import argparse, json, os, selectors, shutil, socket, struct, subprocess, sys, tempfile, time

NGIRCD_CONF = """[Global]
Name = ngircd.bench.local
Info = chat-bench comparison server
Listen = 127.0.0.1
Ports = {port}
MotdPhrase = chat-bench
PidFile = {dir}/ngircd.pid
[Limits]
MaxConnections = 0
MaxConnectionsIP = 0
MaxJoins = 0
MaxNickLength = 30
MaxPenaltyTime = 0
PingTimeout = 600
PongTimeout = 600
[Options]
PAM = no
Ident = no
DNS = no
"""


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Conn:
    def __init__(self, sock):
        self.sock, self.buf, self.ready = sock, bytearray(), False


def chat_frame(obj):
    body = json.dumps(obj).encode()
    return struct.pack(">I", len(body)) + body


def on_chat(c, data):
    c.buf += data
    while len(c.buf) >= 4:
        n = struct.unpack(">I", c.buf[:4])[0]
        if len(c.buf) < 4 + n:
            return
        m = json.loads(c.buf[4:4 + n])
        del c.buf[:4 + n]
        if m.get("type") == "ok" and m.get("id") == 1:
            c.ready = True
        elif m.get("type") == "ping":
            c.sock.sendall(chat_frame({"type": "pong", "id": m.get("id"), "t": m.get("t")}))
        elif m.get("type") in ("error", "bye"):
            raise SystemExit(f"server answered {m}")


def on_irc(c, data):
    c.buf += data
    while b"\r\n" in c.buf:
        line, _, rest = bytes(c.buf).partition(b"\r\n")
        c.buf = bytearray(rest)
        parts = line.split()
        if parts and parts[0] == b"PING":
            c.sock.sendall(b"PONG " + b" ".join(parts[1:]) + b"\r\n")
        elif len(parts) > 1 and parts[1] == b"001":
            c.ready = True
        elif parts and parts[0] == b"ERROR":
            raise SystemExit(f"ngircd: {line!r}")


last_ping = [time.monotonic()]


def pump(sel, on_data, timeout):
    if on_data is on_chat and time.monotonic() - last_ping[0] > 20:
        # the chat server closes a connection silent for idle_timeout_s (90): ping as clients must
        last_ping[0] = time.monotonic()
        for key in list(sel.get_map().values()):
            key.data.sock.sendall(chat_frame({"type": "ping"}))
    for key, _ in sel.select(timeout):
        c = key.data
        data = c.sock.recv(65536)
        if not data:
            raise SystemExit("a connection was closed by the server")
        on_data(c, data)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("server", choices=["chat", "ngircd"])
    ap.add_argument("--port", type=int, help="chat server port (chat)")
    ap.add_argument("--pid", type=int, help="chat server process id (chat)")
    ap.add_argument("--tokens", help="user=token lines (chat)")
    ap.add_argument("--stages", default="0,1000,19000")
    ap.add_argument("--settle-s", type=float, default=5)
    ap.add_argument("--in-flight", type=int, default=500, help="logins not yet answered at a time")
    a = ap.parse_args()
    stages = [int(s) for s in a.stages.split(",")]
    ngircd, directory = None, None
    if a.server == "ngircd":
        directory = tempfile.mkdtemp(prefix="idle-rss-ngircd")
        a.port = free_port()
        conf = os.path.join(directory, "ngircd.conf")
        with open(conf, "w") as f:
            f.write(NGIRCD_CONF.format(port=a.port, dir=directory))
        ngircd = subprocess.Popen(["/usr/sbin/ngircd", "--nodaemon", "--config", conf],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        a.pid = ngircd.pid
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", a.port)).close()
                break
            except OSError:
                time.sleep(0.05)
        tokens = None
    else:
        tokens = [l.split("=", 1)[1].strip() for l in open(a.tokens) if "=" in l and not l.startswith("#")]
    on_data = on_irc if a.server == "ngircd" else on_chat
    sel = selectors.DefaultSelector()
    conns = []
    print(f"{a.server} pid {a.pid}: stage connections -> VmRSS")
    try:
        for stage in stages:
            start = time.monotonic()
            while len(conns) < stage:
                pending = sum(1 for c in conns if not c.ready)
                if pending >= a.in_flight:
                    pump(sel, on_data, 1)
                    continue
                i = len(conns)
                # spread over 127.0.0.x: ngircd delays a burst of new connections from one address
                s = socket.create_connection(("127.0.0.1", a.port), source_address=(f"127.0.0.{2 + i % 250}", 0))
                c = Conn(s)
                if a.server == "ngircd":
                    s.sendall(f"NICK n{i}\r\nUSER u{i} 0 * :idle {i}\r\n".encode())
                else:
                    s.sendall(chat_frame({"type": "login", "id": 1, "token": tokens[i % len(tokens)]}))
                s.setblocking(False)
                sel.register(s, selectors.EVENT_READ, c)
                conns.append(c)
            while not all(c.ready for c in conns):
                pump(sel, on_data, 1)
            took = time.monotonic() - start
            end = time.monotonic() + a.settle_s
            while time.monotonic() < end:
                pump(sel, on_data, max(0.0, end - time.monotonic()))
            kib = rss_kib(a.pid)
            print(f"{stage:>6} connections: VmRSS {kib / 1024:8.1f} MiB  (logged in in {took:.1f} s)", flush=True)
    finally:
        for c in conns:
            c.sock.close()
        if ngircd:
            ngircd.terminate()
            ngircd.wait()
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
