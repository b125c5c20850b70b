#!/usr/bin/env python3
"""Linux-side helper for the firmware tests (tests/e2e/board_*.sh).

  control --host H --port P [--timeout S] COMMAND...
      Sends one command line to the firmware's control port and prints the
      one-line reply. The connection is not half-closed by this side (the
      firmware replies, then closes). Exit 0 iff the reply starts with "ok".
      Retries the connect until the timeout (the firmware may still boot).

  http --host H --port P PATH [--timeout S] [--out FILE]
      One HTTP/1.0 GET over a plain socket; prints
      "RESULT status=<code> length=<Content-Length> body=<bytes> sha256=<hex>
       secs=<s> mib_s=<rate>" and writes the body to FILE if given.

  raw --host H --port P [--timeout S] DATA
      Sends DATA (Python escapes allowed: \\r\\n), reads to EOF, prints the
      first line of the answer.

  link --qmp SOCKET --name NETDEV (--up | --down)
      Sets the link state of QEMU's network device NETDEV through the QMP
      socket (QEMU started with -qmp unix:SOCKET,server=on,wait=off): the
      emulated PHY then reports the link change to the firmware.

Everything here is bounded by --timeout; nothing is sent outside the
address given (the tests run it inside their own network namespace).
"""

import argparse
import hashlib
import socket
import sys
import time


def connect(host, port, timeout):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            return socket.create_connection((host, port), timeout=max(0.5, deadline - time.monotonic()))
        except OSError as e:
            last = e
            time.sleep(0.2)
    raise TimeoutError("connect to %s:%d failed: %s" % (host, port, last))


def read_all(conn):
    chunks = []
    while True:
        data = conn.recv(65536)
        if not data:
            return b"".join(chunks)
        chunks.append(data)


def cmd_control(a):
    line = " ".join(a.command)
    conn = connect(a.host, a.port, a.timeout)
    conn.settimeout(a.timeout)
    conn.sendall(line.encode() + b"\n")
    reply = read_all(conn).decode(errors="replace").strip()
    conn.close()
    print(reply)
    return 0 if reply.startswith("ok") else 1


def cmd_http(a):
    conn = connect(a.host, a.port, a.timeout)
    conn.settimeout(a.timeout)
    t0 = time.monotonic()
    conn.sendall(("GET %s HTTP/1.0\r\nHost: %s\r\n\r\n" % (a.path, a.host)).encode())
    data = read_all(conn)
    secs = time.monotonic() - t0
    conn.close()
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        print("RESULT status=none length=none body=0 sha256=none secs=%.3f mib_s=0" % secs)
        return 1
    lines = head.decode(errors="replace").split("\r\n")
    status = lines[0].split(" ")[1] if len(lines[0].split(" ")) > 1 else "none"
    length = "none"
    for l in lines[1:]:
        k, _, v = l.partition(":")
        if k.strip().lower() == "content-length":
            length = v.strip()
    if a.out:
        with open(a.out, "wb") as f:
            f.write(body)
    rate = (len(body) / (1024 * 1024)) / secs if secs > 0 else 0.0
    print("RESULT status=%s length=%s body=%d sha256=%s secs=%.3f mib_s=%.2f"
          % (status, length, len(body), hashlib.sha256(body).hexdigest(), secs, rate))
    return 0


def cmd_raw(a):
    conn = connect(a.host, a.port, a.timeout)
    conn.settimeout(a.timeout)
    conn.sendall(a.data.encode().decode("unicode_escape").encode("latin-1"))
    data = read_all(conn)
    conn.close()
    print(data.decode(errors="replace").split("\r\n")[0])
    return 0


def cmd_link(a):
    import json
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.settimeout(a.timeout)
    conn.connect(a.qmp)
    f = conn.makefile("rwb", buffering=0)

    def reply():
        while True:
            msg = json.loads(f.readline())
            if "return" in msg or "error" in msg:
                return msg

    json.loads(f.readline())  # greeting
    for cmd in ({"execute": "qmp_capabilities"},
                {"execute": "set_link", "arguments": {"name": a.name, "up": a.state == "up"}}):
        f.write(json.dumps(cmd).encode() + b"\n")
        msg = reply()
        if "error" in msg:
            print("board.py link: QMP error: %s" % msg["error"], file=sys.stderr)
            return 1
    conn.close()
    print("RESULT link=%s name=%s" % (a.state, a.name))
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    for name in ("control", "http", "raw"):
        s = sub.add_parser(name)
        s.add_argument("--host", default="192.0.2.15")
        s.add_argument("--port", type=int, required=True)
        s.add_argument("--timeout", type=float, default=20.0)
        if name == "control":
            s.add_argument("command", nargs="+")
        elif name == "http":
            s.add_argument("path")
            s.add_argument("--out")
        else:
            s.add_argument("data")
    s = sub.add_parser("link")
    s.add_argument("--qmp", required=True)
    s.add_argument("--name", required=True)
    s.add_argument("--timeout", type=float, default=10.0)
    g = s.add_mutually_exclusive_group(required=True)
    g.add_argument("--up", dest="state", action="store_const", const="up")
    g.add_argument("--down", dest="state", action="store_const", const="down")
    a = p.parse_args()
    try:
        return {"control": cmd_control, "http": cmd_http, "raw": cmd_raw, "link": cmd_link}[a.cmd](a)
    except (OSError, TimeoutError) as e:
        print("board.py %s: FAILED: %s" % (a.cmd, e), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
