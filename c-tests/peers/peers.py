#!/usr/bin/env python3
"""Linux-side peers for the C API tests (reference section 14.1).

Runs inside the test's network namespace (see with-peers.sh) and listens on
the Linux side of the TAP, 192.0.2.1 by default:

  :7001  sends "hello", then FIN
  :7002  sends "hello", then RST after 300 ms
  :7003  reads until EOF (or RST) and keeps the connection open until then;
         each finished connection is logged (bytes, how it ended)
  :7004  closes at once (FIN)
  :7005  RST after 500 ms
  :7006  FIN after 500 ms
  :7007  echo: sends back everything it reads until EOF; logged like :7003
  :7999  nothing listens (the SYN gets an RST from Linux)
  :7100  control port: line commands from the test program, one reply line
         each ("ok ..." or "err ...")
  UDP :7100  echo: every datagram goes back to its sender, unchanged
  UDP :7101  counts the datagrams it gets (see "udp-count")

Control commands (fields separated by spaces):

  ping
      -> "ok"
  connect PORT [count N] [send TEXT] [wait MS] (close|rst|hold)
      Linux connects N times (default 1, one after the other) to the stack
      (192.0.2.10 by default) on PORT; each connection sends TEXT (if
      given), waits MS milliseconds (if given), then closes with FIN
      (close), resets (rst: SO_LINGER 0) or is kept open (hold).
      -> "ok R1 R2 ..." with one result per connection: the Linux local
         port when the connection was established, "refused" (RST to the
         SYN) or "timeout" (no answer within 3 s) or "error:<errno>".
  after MS COMMAND...
      Runs COMMAND in the background after MS milliseconds; replies "ok" at
      once. The background command's reply is dropped.
  held
      -> "ok N P1 P2 ...": the held connections (their Linux ports).
  rst-held I
      Resets held connection number I (0 = oldest) -> "ok".
  read-held I N
      Reads N bytes from held connection number I (0 = oldest), waiting up
      to 3 s -> "ok K TEXT": the K bytes that came (fewer than N when the
      connection ended or the time ran out), as text.
  release
      Closes every held connection with FIN -> "ok N".
  udp-send PORT COUNT SIZE [GAP_MS]
      Linux sends COUNT datagrams of SIZE bytes to the stack's UDP PORT,
      GAP_MS apart (default 0); datagram i is SIZE bytes of the letter
      'a' + i % 26. -> "ok COUNT".
  udp-count [N [MS]]
      Waits up to MS ms (default 0) until UDP :7101 got at least N
      datagrams, then -> "ok K BYTES" (datagrams and bytes since the last
      udp-count) and clears the count.
  link up|down
      Sets the TAP device (FPTCP_TAP, default tap0) up or down, as a cable
      plugged in or pulled out: the stack's TAP driver sees it as its link.
      -> "ok". Use with "after" to pull the cable while traffic flows.
  icmp-ping COUNT SIZE
      Linux pings the stack COUNT times (at most 20, 100 ms apart, SIZE
      bytes of payload, 1 s per reply) -> "ok RECEIVED".
  log PORT [N [MS]]
      Waits up to MS ms (default 0) until at least N (default 0) finished
      connections to PORT (7003 or 7007) are logged, then returns and clears
      the log: "ok K BYTES:HOW BYTES:HOW ..." where HOW is eof or reset.

Standard library only. Every socket operation is bounded by a timeout.
"""

import argparse
import os
import re
import socket
import subprocess
import struct
import sys
import threading
import time

LOG_LOCK = threading.Lock()
LOG_COND = threading.Condition(LOG_LOCK)
FINISHED = {7003: [], 7007: []}

HELD_LOCK = threading.Lock()
HELD = []  # list of (socket, linux port)

STACK_IP = "192.0.2.10"
IO_TIMEOUT = 30.0


def note(msg):
    sys.stderr.write("peers: %s\n" % msg)
    sys.stderr.flush()


def linger_zero(sock):
    """Make the next close() send an RST."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def reset(sock):
    try:
        linger_zero(sock)
    except OSError:
        pass
    sock.close()


def read_until_eof(conn, echo):
    """Reads until EOF or RST; returns (bytes read, 'eof' | 'reset')."""
    total = 0
    conn.settimeout(IO_TIMEOUT)
    how = "eof"
    while True:
        try:
            data = conn.recv(65536)
        except ConnectionResetError:
            how = "reset"
            break
        except socket.timeout:
            how = "timeout"
            break
        except OSError as e:
            how = "error:%d" % e.errno
            break
        if not data:
            break
        total += len(data)
        if echo:
            try:
                conn.sendall(data)
            except OSError:
                how = "reset"
                break
    return total, how


# ------------------------------------------------------------ the fixed peers

def serve_7001(conn):
    conn.sendall(b"hello")
    conn.close()


def serve_7002(conn):
    conn.sendall(b"hello")
    time.sleep(0.3)
    reset(conn)


def serve_sink(port, echo):
    def serve(conn):
        total, how = read_until_eof(conn, echo)
        if how == "eof":
            conn.close()
        else:
            reset(conn)
        with LOG_COND:
            FINISHED[port].append((total, how))
            LOG_COND.notify_all()
    return serve


def serve_7004(conn):
    conn.close()


def serve_7005(conn):
    time.sleep(0.5)
    reset(conn)


def serve_7006(conn):
    time.sleep(0.5)
    conn.close()


def listener(addr, port, handler):
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        srv.setsockopt(socket.IPPROTO_IP, 15, 1)  # IP_FREEBIND
    except OSError:
        pass
    srv.bind((addr, port))
    srv.listen(128)

    def loop():
        while True:
            conn, _ = srv.accept()
            # Replies go out at once, not after our delayed ACK (Nagle).
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            threading.Thread(target=guarded, args=(handler, conn), daemon=True).start()

    threading.Thread(target=loop, daemon=True).start()
    return srv


def guarded(handler, conn):
    try:
        handler(conn)
    except OSError as e:
        note("handler: %s" % e)
        try:
            conn.close()
        except OSError:
            pass


# ------------------------------------------------------------ control

def read_exactly(sock, n):
    """Reads up to n bytes within 3 s; returns "K TEXT" (K bytes came)."""
    data = b""
    deadline = time.monotonic() + 3.0
    try:
        while len(data) < n:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            sock.settimeout(left)
            chunk = sock.recv(n - len(data))
            if not chunk:
                break
            data += chunk
    except OSError:
        pass
    return "%d %s" % (len(data), data.decode(errors="replace"))


def do_connect(words):
    if not words:
        return "err connect needs a port"
    port = int(words.pop(0))
    count, text, wait_ms, end = 1, None, 0, None
    while words:
        w = words.pop(0)
        if w == "count":
            count = int(words.pop(0))
        elif w == "send":
            text = words.pop(0).encode()
        elif w == "wait":
            wait_ms = int(words.pop(0))
        elif w in ("close", "rst", "hold"):
            end = w
        else:
            return "err unknown word %r" % w
    if end is None:
        return "err connect needs close, rst or hold"
    results = []
    for _ in range(count):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        s.settimeout(3.0)
        try:
            s.connect((STACK_IP, port))
        except ConnectionRefusedError:
            results.append("refused")
            s.close()
            continue
        except socket.timeout:
            results.append("timeout")
            s.close()
            continue
        except OSError as e:
            results.append("error:%d" % (e.errno or 0))
            s.close()
            continue
        lport = s.getsockname()[1]
        if end == "hold":
            # Listed before anything is sent: a test that has seen the
            # data may "release" or "read-held" at once (with "after", this
            # runs in another thread).
            with HELD_LOCK:
                HELD.append((s, lport))
        try:
            if text:
                s.sendall(text)
            if wait_ms:
                time.sleep(wait_ms / 1000.0)
        except OSError as e:
            results.append("error:%d" % (e.errno or 0))
            if end != "hold":
                s.close()
            continue
        if end == "close":
            s.close()
        elif end == "rst":
            reset(s)
        results.append(str(lport))
    return "ok " + " ".join(results)


UDP_COUNT = [0, 0]
UDP_COND = threading.Condition()


def udp_echo(addr, port):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((addr, port))

    def loop():
        while True:
            try:
                data, src = s.recvfrom(65535)
                s.sendto(data, src)
            except OSError:
                return
    threading.Thread(target=loop, daemon=True).start()
    return s


def udp_counter(addr, port):
    # Bound to any address (inside the test's namespace): a socket bound to
    # the unicast address would not see the subnet broadcast.
    del addr
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("", port))

    def loop():
        while True:
            try:
                data, _ = s.recvfrom(65535)
            except OSError:
                return
            with UDP_COND:
                UDP_COUNT[0] += 1
                UDP_COUNT[1] += len(data)
                UDP_COND.notify_all()
    threading.Thread(target=loop, daemon=True).start()
    return s


def do_udp_send(words):
    port, count, size = int(words[0]), int(words[1]), int(words[2])
    gap = int(words[3]) / 1000.0 if len(words) > 3 else 0.0
    count = min(count, 100000)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        for i in range(count):
            s.sendto(bytes([ord("a") + i % 26]) * size, (STACK_IP, port))
            if gap:
                time.sleep(gap)
    finally:
        s.close()
    return "ok %d" % count


def do_command(line):
    words = line.split()
    if not words:
        return "err empty command"
    cmd = words.pop(0)
    try:
        if cmd == "ping":
            return "ok"
        if cmd == "connect":
            return do_connect(words)
        if cmd == "after":
            ms = int(words.pop(0))
            rest = " ".join(words)

            def later():
                time.sleep(ms / 1000.0)
                reply = do_command(rest)
                note("after %d: %s -> %s" % (ms, rest, reply))
            threading.Thread(target=later, daemon=True).start()
            return "ok"
        if cmd == "held":
            with HELD_LOCK:
                return "ok %d %s" % (len(HELD), " ".join(str(p) for _, p in HELD))
        if cmd == "rst-held":
            i = int(words.pop(0))
            with HELD_LOCK:
                s, _ = HELD.pop(i)
            reset(s)
            return "ok"
        if cmd == "read-held":
            i = int(words.pop(0))
            n = int(words.pop(0))
            with HELD_LOCK:
                s, _ = HELD[i]
            return "ok " + read_exactly(s, n)
        if cmd == "release":
            with HELD_LOCK:
                held = list(HELD)
                HELD.clear()
            for s, _ in held:
                s.close()
            return "ok %d" % len(held)
        if cmd == "udp-send":
            return do_udp_send(words)
        if cmd == "link":
            state = words.pop(0)
            if state not in ("up", "down"):
                return "err link needs up or down"
            tap = os.environ.get("FPTCP_TAP", "tap0")
            rc = subprocess.run(["ip", "link", "set", "dev", tap, state], timeout=5).returncode
            return "ok" if rc == 0 else "err ip link: %d" % rc
        if cmd == "icmp-ping":
            count = min(int(words.pop(0)), 20)
            size = min(int(words.pop(0)), 1472)
            r = subprocess.run(["ping", "-n", "-q", "-c", str(count), "-i", "0.1", "-W", "1",
                                "-s", str(size), STACK_IP],
                               capture_output=True, text=True, timeout=5 + 2 * count)
            m = re.search(r"(\d+) received", r.stdout)
            return "ok %s" % m.group(1) if m else "err ping: %s" % r.stdout.strip()[-80:]
        if cmd == "udp-count":
            want = int(words.pop(0)) if words else 0
            ms = int(words.pop(0)) if words else 0
            deadline = time.monotonic() + ms / 1000.0
            with UDP_COND:
                while UDP_COUNT[0] < want:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        break
                    UDP_COND.wait(left)
                got = list(UDP_COUNT)
                UDP_COUNT[0] = UDP_COUNT[1] = 0
            return "ok %d %d" % (got[0], got[1])
        if cmd == "log":
            port = int(words.pop(0))
            want = int(words.pop(0)) if words else 0
            ms = int(words.pop(0)) if words else 0
            deadline = time.monotonic() + ms / 1000.0
            with LOG_COND:
                while len(FINISHED[port]) < want:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        break
                    LOG_COND.wait(left)
                got = FINISHED[port][:]
                FINISHED[port].clear()
            return "ok %d %s" % (len(got), " ".join("%d:%s" % r for r in got))
        return "err unknown command %r" % cmd
    except (IndexError, ValueError, KeyError) as e:
        return "err bad arguments (%s)" % e


def serve_control(conn):
    conn.settimeout(None)
    buf = b""
    while True:
        data = conn.recv(4096)
        if not data:
            break
        buf += data
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            reply = do_command(line.decode(errors="replace").strip())
            conn.sendall(reply.encode() + b"\n")
    conn.close()


def main():
    global STACK_IP
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--addr", default=os.environ.get("FPTCP_PEER_IP", "192.0.2.1"))
    ap.add_argument("--stack", default=os.environ.get("FPTCP_STACK_IP", "192.0.2.10"))
    ap.add_argument("--ready", help="file to create once every port listens")
    args = ap.parse_args()
    STACK_IP = args.stack

    socks = [
        listener(args.addr, 7001, serve_7001),
        listener(args.addr, 7002, serve_7002),
        listener(args.addr, 7003, serve_sink(7003, echo=False)),
        listener(args.addr, 7004, serve_7004),
        listener(args.addr, 7005, serve_7005),
        listener(args.addr, 7006, serve_7006),
        listener(args.addr, 7007, serve_sink(7007, echo=True)),
        listener(args.addr, 7100, serve_control),
        udp_echo(args.addr, 7100),
        udp_counter(args.addr, 7101),
    ]
    if args.ready:
        with open(args.ready, "w") as f:
            f.write("%d\n" % os.getpid())
    note("listening on %s: 7001-7007, control 7100" % args.addr)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    for s in socks:
        s.close()


if __name__ == "__main__":
    main()
