#!/usr/bin/env python3
"""Linux-side helpers for the end-to-end tests in tests/e2e/.

Run inside the test's network namespace (ip netns exec NS python3 e2e.py ...).
Every network operation has a timeout; every command exits non-zero on
failure and prints one "RESULT ..." line with key=value pairs.

The deterministic byte stream (the same as vAppPatternFill() in
c-tests/apps/app_main.c): 32-bit little-endian words
w(k) = (k * 0x9E3779B1 + 0x7F4A7C15) mod 2^32, k = 0, 1, ...

Sub-commands:
  pattern-sha N                 SHA-256 of the first N stream bytes
  pattern-file N PATH           write the first N stream bytes to PATH
  serve-recv --port P [--expect N] [--timeout S]
                                accept one connection, read to EOF, close
  serve-send --port P --bytes N [--timeout S]
                                accept one connection, send N bytes, half-close,
                                wait for the peer's FIN, close
  client-send --host H --port P --bytes N [--timeout S]
  client-recv --host H --port P [--expect N] [--timeout S]
  hold --host H --port P [--timeout S]
                                connect, send nothing, wait for the peer's FIN
  netstat LOG SEQ               extract netstat block SEQ from an app log, check
                                every line's format, print it and a JSON summary
  netstat-check JSON ...        assertions on such a summary
  curl-batches ...              the k63f_good client load (see cmd_curl_batches)
  connect-die --host H --port P --count N
                                N connections that die without a request
                                (see cmd_connect_die)
  rst-check PCAP-TEXT --port P  check RSTs in `tcpdump -nn -S -r` output
"""

import argparse
import array
import hashlib
import json
import os
import re
import signal
import struct
import socket
import subprocess
import sys
import time

MIB = 1024 * 1024


# ---------------------------------------------------------------- the stream

def pattern_bytes(offset, length):
    """The stream bytes [offset, offset + length)."""
    if length <= 0:
        return b""
    first = offset // 4
    last = (offset + length + 3) // 4
    words = array.array("I", ((k * 0x9E3779B1 + 0x7F4A7C15) & 0xFFFFFFFF for k in range(first, last)))
    if sys.byteorder != "little":
        words.byteswap()
    data = words.tobytes()
    skip = offset - first * 4
    return data[skip:skip + length]


def pattern_chunks(total, chunk=MIB):
    offset = 0
    while offset < total:
        n = min(chunk, total - offset)
        yield pattern_bytes(offset, n)
        offset += n


def pattern_sha(total):
    h = hashlib.sha256()
    for c in pattern_chunks(total):
        h.update(c)
    return h.hexdigest()


def result(**kv):
    print("RESULT " + " ".join("%s=%s" % (k, v) for k, v in kv.items()), flush=True)


def rate(nbytes, secs):
    return "%.2f" % ((nbytes / MIB) / secs) if secs > 0 else "0"


# ---------------------------------------------------------------- TCP peers

def listen_one(port, timeout):
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("0.0.0.0", port))
    srv.listen(1)
    srv.settimeout(timeout)
    print("READY port=%d" % port, flush=True)
    conn, peer = srv.accept()
    srv.close()
    conn.settimeout(timeout)
    return conn, peer


def connect(host, port, timeout):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            return socket.create_connection((host, port), timeout=timeout)
        except OSError as e:  # the stack may not be listening yet
            last = e
            time.sleep(0.1)
    raise TimeoutError("connect to %s:%d failed: %s" % (host, port, last))


def recv_all(conn, expect):
    h = hashlib.sha256()
    n = 0
    t0 = None
    while True:
        data = conn.recv(256 * 1024)
        if not data:
            break
        if t0 is None:
            t0 = time.monotonic()
        h.update(data)
        n += len(data)
    secs = time.monotonic() - t0 if t0 is not None else 0.0
    digest = h.hexdigest()
    status = "ok"
    if expect is not None:
        if n != expect:
            status = "wrong-length"
        elif digest != pattern_sha(expect):
            status = "wrong-digest"
    return status, n, digest, secs


def send_all(conn, total):
    h = hashlib.sha256()
    t0 = time.monotonic()
    for c in pattern_chunks(total, 256 * 1024):
        conn.sendall(c)
        h.update(c)
    conn.shutdown(socket.SHUT_WR)
    # Wait for the peer's FIN: every byte has then been delivered and read.
    extra = 0
    while True:
        data = conn.recv(65536)
        if not data:
            break
        extra += len(data)
    secs = time.monotonic() - t0
    return ("ok" if extra == 0 else "unexpected-data"), total, h.hexdigest(), secs


def cmd_serve_recv(a):
    conn, peer = listen_one(a.port, a.timeout)
    status, n, digest, secs = recv_all(conn, a.expect)
    conn.close()
    result(role="linux-server", dir="recv", status=status, bytes=n, sha256=digest,
           secs="%.3f" % secs, mib_s=rate(n, secs))
    return 0 if status == "ok" else 1


def cmd_serve_send(a):
    conn, peer = listen_one(a.port, a.timeout)
    status, n, digest, secs = send_all(conn, a.bytes)
    conn.close()
    result(role="linux-server", dir="send", status=status, bytes=n, sha256=digest,
           secs="%.3f" % secs, mib_s=rate(n, secs))
    return 0 if status == "ok" else 1


def cmd_client_send(a):
    conn = connect(a.host, a.port, a.timeout)
    conn.settimeout(a.timeout)
    status, n, digest, secs = send_all(conn, a.bytes)
    conn.close()
    result(role="linux-client", dir="send", status=status, bytes=n, sha256=digest,
           secs="%.3f" % secs, mib_s=rate(n, secs))
    return 0 if status == "ok" else 1


def cmd_client_recv(a):
    conn = connect(a.host, a.port, a.timeout)
    conn.settimeout(a.timeout)
    status, n, digest, secs = recv_all(conn, a.expect)
    conn.close()
    result(role="linux-client", dir="recv", status=status, bytes=n, sha256=digest,
           secs="%.3f" % secs, mib_s=rate(n, secs))
    return 0 if status == "ok" else 1


def cmd_hold(a):
    conn = connect(a.host, a.port, a.timeout)
    conn.settimeout(a.timeout)
    t0 = time.monotonic()
    data = conn.recv(100)
    secs = time.monotonic() - t0
    conn.close()
    status = "ok" if data == b"" else "unexpected-data"
    result(role="linux-client", dir="hold", status=status, secs="%.3f" % secs)
    return 0 if status == "ok" else 1


# ---------------------------------------------------------------- netstat

HEADER = "Prot Port IP-Remote       : Port  R/T Status       Alive  tmout Child"
# TCP %5d %-32s:%5d %d/%d %-13.13s %6u %6u%s
ROW = re.compile(r"^TCP (?P<lport>.{5}) (?P<ip>.{32}):(?P<rport>.{5}) (?P<r>\d)/(?P<t>\d) "
                 r"(?P<state>.{13}) (?P<alive>.{6}) (?P<tmout>.{6})(?P<child>.*)$")
UDP_ROW = re.compile(r"^UDP Port (?P<port>[ \d]{4}\d)$")
TRAILER = re.compile(r"^FreeRTOS_netstat: (?P<n>-?\d+) sockets (?P<min>\d+) < (?P<free>\d+) < (?P<total>\d+) buffers free$")
BUFS = re.compile(r"^BUFS \| free=(?P<free>\d+) min_ever=(?P<min>\d+) total=(?P<total>\d+)$")


def right_number(field):
    """A %Nd / %Nu field: spaces, then digits, nothing else."""
    if not re.fullmatch(r" *\d+", field):
        raise ValueError("not a right-aligned number: %r" % field)
    return int(field)


def left_text(field):
    """A %-Ns field: text without blanks, then spaces."""
    if not re.fullmatch(r"\S+ *", field):
        raise ValueError("not a left-aligned word: %r" % field)
    return field.rstrip()


def parse_row(line):
    m = ROW.match(line)
    if not m:
        raise ValueError("TCP row does not match 'TCP %%5d %%-32s:%%5d %%d/%%d %%-13.13s %%6u %%6u%%s': %r" % line)
    child = m.group("child")
    if child and not re.fullmatch(r" \d+/\d+", child):
        raise ValueError("bad Child column %r in %r" % (child, line))
    row = {
        "lport": right_number(m.group("lport")),
        "ip": left_text(m.group("ip")),
        "rport": right_number(m.group("rport")),
        "rx": int(m.group("r")),
        "tx": int(m.group("t")),
        "state": left_text(m.group("state")),
        "alive": right_number(m.group("alive")),
        "tmout": right_number(m.group("tmout")),
        "child": child.strip() if child else "",
        "line": line,
    }
    if not row["state"].startswith("e"):
        raise ValueError("state name %r does not start with 'e'" % row["state"])
    return row


def extract_netstat(log_text, seq):
    """Returns the dict for block SEQ, or raises ValueError."""
    lines = log_text.splitlines()
    begin = "NETSTAT-BEGIN seq=%d " % seq
    end = "NETSTAT-END seq=%d" % seq
    try:
        i0 = next(i for i, l in enumerate(lines) if l.startswith(begin))
        i1 = next(i for i, l in enumerate(lines) if i > i0 and l == end)
    except StopIteration:
        raise ValueError("netstat block %d not complete in the log" % seq)
    tick = int(re.search(r"tick=(\d+)", lines[i0]).group(1))
    block = lines[i0 + 1:i1]
    headers = [i for i, l in enumerate(block) if l == HEADER]
    if len(headers) != 1:
        raise ValueError("netstat block %d: %d header lines (want exactly one %r)" % (seq, len(headers), HEADER))
    tcp, udp, trailer, bufs, raw = [], [], None, None, [block[headers[0]]]
    for l in block[headers[0] + 1:]:
        if trailer is None and l.startswith("TCP "):
            tcp.append(parse_row(l))
            raw.append(l)
        elif trailer is None and l.startswith("UDP "):
            if not UDP_ROW.match(l):
                raise ValueError("bad UDP row %r" % l)
            udp.append(l)
            raw.append(l)
        elif trailer is None and l.startswith("FreeRTOS_netstat:"):
            m = TRAILER.match(l)
            if not m:
                raise ValueError("bad trailer %r" % l)
            trailer = {k: int(v) for k, v in m.groupdict().items()}
            raw.append(l)
        elif l.startswith("BUFS |"):
            m = BUFS.match(l)
            if not m:
                raise ValueError("bad BUFS line %r" % l)
            bufs = {k: int(v) for k, v in m.groupdict().items()}
    if trailer is None:
        raise ValueError("netstat block %d has no trailer line" % seq)
    if bufs is None:
        raise ValueError("netstat block %d has no BUFS line" % seq)
    if trailer["n"] != len(tcp) + len(udp):
        raise ValueError("trailer says %d sockets, %d rows printed" % (trailer["n"], len(tcp) + len(udp)))
    return {"seq": seq, "tick": tick, "tcp": tcp, "udp": udp, "trailer": trailer, "bufs": bufs, "raw": raw}


def cmd_netstat(a):
    with open(a.log, encoding="utf-8", errors="replace") as f:
        text = f.read()
    try:
        ns = extract_netstat(text, a.seq)
    except ValueError as e:
        print("netstat: FAILED: %s" % e, file=sys.stderr)
        return 1
    for l in ns["raw"]:
        print("    " + l)
    print("    BUFS | free=%d min_ever=%d total=%d" % (ns["bufs"]["free"], ns["bufs"]["min"], ns["bufs"]["total"]))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(ns, f)
    return 0


def cmd_netstat_check(a):
    """Checks a parsed netstat block (the JSON of `netstat --json`)."""
    with open(a.json) as f:
        d = json.load(f)
    problems = []
    if a.listener is not None:
        rows = [r for r in d["tcp"] if r["state"] == "eTCP_LISTEN" and r["lport"] == a.listener]
        if len(rows) != 1:
            problems.append("%d listener rows for port %d (want 1)" % (len(rows), a.listener))
        elif a.child is not None and not rows[0]["line"].endswith(" " + a.child):
            problems.append("the listener row does not end in ' %s': %r" % (a.child, rows[0]["line"]))
    if a.close_wait is not None:
        rows = [r for r in d["tcp"] if r["state"] == "eCLOSE_WAIT"]
        if len(rows) != a.close_wait:
            problems.append("%d eCLOSE_WAIT rows (want %d)" % (len(rows), a.close_wait))
        if a.listener is not None and any(r["lport"] != a.listener for r in rows):
            problems.append("eCLOSE_WAIT rows on another port than %d" % a.listener)
    if a.tcp_rows is not None:
        allowed = set(a.allow_port or [])
        rows = [r for r in d["tcp"] if r["lport"] not in allowed]
        if len(rows) != a.tcp_rows:
            problems.append("%d TCP rows (want %d, not counting ports %s)" % (len(rows), a.tcp_rows, sorted(allowed)))
    if a.all_free:
        t, b = d["trailer"], d["bufs"]
        if t["free"] != t["total"]:
            problems.append("trailer: %d of %d buffers free (B != C)" % (t["free"], t["total"]))
        if b["free"] != b["total"]:
            problems.append("BUFS: free=%d total=%d" % (b["free"], b["total"]))
    for p in problems:
        print("netstat-check: %s" % p, file=sys.stderr)
    return 1 if problems else 0


# ---------------------------------------------------------------- k63f_good load

def cmd_curl_batches(a):
    """a.clients curls in batches of a.batch; client i with i % a.kill_every == 0
    gets SIGKILL a.kill_ms after it started. Prints one RESULT line and
    writes the per-client outcomes to a.out (JSON)."""
    url = "http://%s:%d%s" % (a.host, a.port, a.path)
    outcomes = []
    t_start = time.monotonic()
    deadline = t_start + a.total_timeout
    i = 0
    while i < a.clients:
        if time.monotonic() > deadline:
            print("curl-batches: FAILED: total time limit %.0f s reached after %d clients" % (a.total_timeout, i),
                  file=sys.stderr)
            return 1
        batch = []
        for j in range(a.batch):
            if i >= a.clients:
                break
            p = subprocess.Popen(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                                  "--max-time", str(a.max_time), url],
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            batch.append((i, p, time.monotonic(), a.kill_every > 0 and i % a.kill_every == 0))
            i += 1
        killed_at = time.monotonic() + a.kill_ms / 1000.0
        pending = list(batch)
        while pending:
            now = time.monotonic()
            for item in list(pending):
                idx, p, t0, kill = item
                if kill and now >= killed_at and p.poll() is None:
                    p.send_signal(signal.SIGKILL)
                if p.poll() is not None:
                    pending.remove(item)
            if now - batch[0][2] > a.max_time + 5:
                for idx, p, t0, kill in pending:
                    p.kill()
                print("curl-batches: FAILED: curl did not end within --max-time", file=sys.stderr)
                return 1
            time.sleep(0.005)
        for idx, p, t0, kill in batch:
            code = p.wait()
            out = p.stdout.read().decode(errors="replace").strip()
            p.stdout.close()
            outcomes.append({"i": idx, "exit": code, "http": out, "kill": kill})
    secs = time.monotonic() - t_start
    counts = {}
    for o in outcomes:
        counts[o["exit"]] = counts.get(o["exit"], 0) + 1
    killed = sum(1 for o in outcomes if o["exit"] == -9)
    ok = sum(1 for o in outcomes if o["exit"] == 0 and o["http"] == "200")
    refused = counts.get(7, 0)
    other = [o for o in outcomes if o["exit"] not in (0, 7, -9) or (o["exit"] == 0 and o["http"] != "200")]
    unkilled_bad = [o for o in other if not o["kill"]]
    with open(a.out, "w") as f:
        json.dump(outcomes, f)
    result(clients=len(outcomes), killed=killed, ok=ok, refused=refused,
           other=len(other), unkilled_other=len(unkilled_bad), secs="%.1f" % secs,
           exit_codes="{%s}" % ",".join("%s:%d" % (k, v) for k, v in sorted(counts.items())))
    return 0


def cmd_connect_die(a):
    """a.count connections, one after the other, that connect and die
    without sending a request after a.hold_ms: even ones reset (SO_LINGER 0,
    RST), odd ones closed (FIN), which leaves the server's socket in
    eCLOSE_WAIT until the application closes it. Prints one RESULT line;
    fails if a connect was refused or timed out."""
    reset = fin = refused = 0
    for i in range(a.count):
        try:
            s = socket.create_connection((a.host, a.port), timeout=a.timeout)
        except OSError:
            refused += 1
            continue
        time.sleep(a.hold_ms / 1000.0)
        if i % 2 == 0:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            reset += 1
        else:
            fin += 1
        s.close()
    result(connections=a.count, reset=reset, fin=fin, refused=refused)
    return 0 if refused == 0 else 1


def cmd_soak(a):
    """a.connections HTTP/1.0 GETs over plain sockets, a.concurrency at a
    time; connection i with i % a.kill_every == 0 is reset (SO_LINGER 0)
    right after its request, mid-transfer. Prints one RESULT line. Bounded:
    every socket operation times out after 5 s, the run after
    a.total_timeout."""
    import concurrent.futures
    deadline = time.monotonic() + a.total_timeout

    def one(i):
        if time.monotonic() > deadline:
            return "late"
        try:
            s = socket.create_connection((a.host, a.port), timeout=5)
        except ConnectionRefusedError:
            return "refused"
        except OSError:
            return "connect-error"
        try:
            s.sendall(b"GET / HTTP/1.0\r\nHost: soak\r\n\r\n")
            if a.kill_every > 0 and i % a.kill_every == 0:
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                return "killed"
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
            return "ok" if data[:12] in (b"HTTP/1.0 200", b"HTTP/1.1 200") else "bad"
        except OSError:
            return "io-error"
        finally:
            s.close()

    t0 = time.monotonic()
    counts = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=a.concurrency) as ex:
        for r in ex.map(one, range(a.connections)):
            counts[r] = counts.get(r, 0) + 1
    secs = time.monotonic() - t0
    result(connections=a.connections, ok=counts.get("ok", 0), killed=counts.get("killed", 0),
           refused=counts.get("refused", 0), late=counts.get("late", 0),
           failed=sum(v for k, v in counts.items() if k not in ("ok", "killed", "refused")),
           secs="%.1f" % secs, per_sec="%.0f" % (a.connections / max(secs, 0.001)),
           outcomes="{%s}" % ",".join("%s:%d" % kv for kv in sorted(counts.items())))
    return 0


# ---------------------------------------------------------------- RST check

TCPDUMP_LINE = re.compile(r"IP (?P<src>[\d.]+)\.(?P<sport>\d+) > (?P<dst>[\d.]+)\.(?P<dport>\d+): "
                          r"Flags \[(?P<flags>[^\]]*)\](?P<rest>.*)$")


def cmd_rst_check(a):
    """Every RST the stack sent from port a.port must be "R." and acknowledge
    the client's latest SYN (ack = ISN + 1); each --client-port must have got
    one. Reads `tcpdump -nn -S -r FILE` text."""
    syn_seq = {}
    rsts = []
    other_from_stack = 0
    with open(a.text) as f:
        for line in f:
            m = TCPDUMP_LINE.search(line)
            if not m:
                continue
            flags = m.group("flags")
            rest = m.group("rest")
            if int(m.group("dport")) == a.port and flags == "S":
                seq = int(re.search(r"seq (\d+)", rest).group(1))
                syn_seq[int(m.group("sport"))] = seq
            elif int(m.group("sport")) == a.port and "R" in flags:
                ack = re.search(r"ack (\d+)", rest)
                rsts.append((int(m.group("dport")), int(ack.group(1)) if ack else None, flags, line.strip()))
    bad = []
    for port, ack, flags, line in rsts:
        isn = syn_seq.get(port)
        if isn is None or ack != (isn + 1) % (1 << 32) or flags != "R.":
            bad.append("%s (client ISN %s)" % (line, isn))
    got_ports = set(p for p, _, _, _ in rsts)
    missing = [p for p in (a.client_port or []) if p not in got_ports]
    ok_client = not missing
    for port, ack, flags, line in rsts:
        print("    RST " + line)
    result(rsts=len(rsts), bad=len(bad), syns=len(syn_seq),
           missing_rst_for=(",".join(str(p) for p in missing) or "none"))
    for b in bad:
        print("rst-check: wrong RST: %s" % b, file=sys.stderr)
    return 0 if (not bad and ok_client and rsts) else 1


# ---------------------------------------------------------------- main

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)

    s = sub.add_parser("pattern-sha")
    s.add_argument("n", type=int)
    s = sub.add_parser("pattern-file")
    s.add_argument("n", type=int)
    s.add_argument("path")

    for name in ("serve-recv", "serve-send", "client-send", "client-recv", "hold"):
        s = sub.add_parser(name)
        s.add_argument("--port", type=int, required=True)
        s.add_argument("--timeout", type=float, default=30.0)
        if name.startswith("client") or name == "hold":
            s.add_argument("--host", default="192.0.2.10")
        if name.endswith("send"):
            s.add_argument("--bytes", type=int, required=True)
        if name.endswith("recv"):
            s.add_argument("--expect", type=int, default=None)

    s = sub.add_parser("netstat")
    s.add_argument("log")
    s.add_argument("seq", type=int)
    s.add_argument("--json")

    s = sub.add_parser("netstat-check")
    s.add_argument("json")
    s.add_argument("--listener", type=int)
    s.add_argument("--child")
    s.add_argument("--close-wait", type=int)
    s.add_argument("--tcp-rows", type=int)
    s.add_argument("--allow-port", type=int, action="append")
    s.add_argument("--all-free", action="store_true")

    s = sub.add_parser("curl-batches")
    s.add_argument("--host", default="192.0.2.10")
    s.add_argument("--port", type=int, default=80)
    s.add_argument("--clients", type=int, default=500)
    s.add_argument("--batch", type=int, default=3)
    s.add_argument("--kill-every", type=int, default=3)
    s.add_argument("--kill-ms", type=int, default=150)
    s.add_argument("--max-time", type=int, default=10)
    s.add_argument("--total-timeout", type=float, default=300.0)
    s.add_argument("--out", required=True)
    # What to fetch (the board's /bytes/N makes a request last long enough
    # to be killed in the middle).
    s.add_argument("--path", default="/")

    s = sub.add_parser("connect-die")
    s.add_argument("--host", default="192.0.2.10")
    s.add_argument("--port", type=int, default=80)
    s.add_argument("--count", type=int, required=True)
    s.add_argument("--hold-ms", type=int, default=50)
    s.add_argument("--timeout", type=float, default=5.0)

    s = sub.add_parser("soak")
    s.add_argument("--host", default=os.environ.get("E2E_STACK_IP", "192.0.2.10"))
    s.add_argument("--port", type=int, default=80)
    s.add_argument("--connections", type=int, required=True)
    s.add_argument("--concurrency", type=int, default=8)
    s.add_argument("--kill-every", type=int, default=4)
    s.add_argument("--total-timeout", type=float, default=600)
    s = sub.add_parser("rst-check")
    s.add_argument("text")
    s.add_argument("--port", type=int, default=80)
    s.add_argument("--client-port", type=int, action="append")

    a = p.parse_args()
    if a.cmd == "pattern-sha":
        print(pattern_sha(a.n))
        return 0
    if a.cmd == "pattern-file":
        with open(a.path, "wb") as f:
            for c in pattern_chunks(a.n):
                f.write(c)
        return 0
    handler = {
        "serve-recv": cmd_serve_recv, "serve-send": cmd_serve_send,
        "client-send": cmd_client_send, "client-recv": cmd_client_recv, "hold": cmd_hold,
        "netstat": cmd_netstat, "netstat-check": cmd_netstat_check, "curl-batches": cmd_curl_batches, "rst-check": cmd_rst_check,
        "soak": cmd_soak, "connect-die": cmd_connect_die,
    }[a.cmd]
    try:
        return handler(a)
    except (OSError, TimeoutError) as e:
        print("e2e.py %s: FAILED: %s" % (a.cmd, e), file=sys.stderr)
        result(status="error", error=type(e).__name__)
        return 1


if __name__ == "__main__":
    sys.exit(main())
