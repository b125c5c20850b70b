#!/usr/bin/env python3
"""Hostile traffic against the HTTP server (tests/e2e/hostile.sh runs this
inside the test's namespace, with scapy from .deps/venv).

One case per vulnerability class of peers-and-threats.md section 5. Every
case sends its frames from a made-up on-link host (FAKE_IP / FAKE_MAC, which
the Linux kernel does not own, so it never answers the stack's replies with
its own RSTs), asserts what the stack must (or must not) send back, and then
checks that the server program is still alive and still serves its page to
curl (Linux's own TCP, from 192.0.2.1). A case prints "CASE <name> ok
(<class>)" or "CASE <name> FAILED: ..."; the exit status is the number of
failed cases.

Traffic stays inside the namespace: the TAP device and 192.0.2.0/24.
Every wait is bounded.
"""
import argparse
import os
import queue
import random
import subprocess
import sys
import time

from scapy.all import ARP, ICMP, IP, TCP, AsyncSniffer, Ether, Raw, conf  # noqa: E402

conf.verb = 0

STACK_IP = "192.0.2.10"
FAKE_IP = "192.0.2.50"
FAKE_MAC = "02:00:00:00:00:50"
HTTP_PORT = 80


class Failed(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Failed(msg)


class Wire:
    """Raw frames on the Linux side of the TAP, as FAKE_IP; answers ARP for
    FAKE_IP and queues every frame the stack sends to FAKE_MAC."""

    def __init__(self, iface):
        self.iface = iface
        self.sock = conf.L2socket(iface=iface)
        self.q = queue.Queue()
        self.stack_mac = None
        self.sniffer = AsyncSniffer(iface=iface, prn=self._on_frame, store=False)
        self.sniffer.start()
        time.sleep(0.3)
        self.stack_mac = self._resolve()

    def _on_frame(self, p):
        if ARP in p and p[ARP].op == 1 and p[ARP].pdst == FAKE_IP:
            self.sock.send(Ether(dst=p[Ether].src, src=FAKE_MAC) /
                           ARP(op=2, hwsrc=FAKE_MAC, psrc=FAKE_IP, hwdst=p[ARP].hwsrc, pdst=p[ARP].psrc))
            return
        if Ether in p and p[Ether].dst.lower() == FAKE_MAC:
            self.q.put(p)

    def _resolve(self):
        for _ in range(5):
            self.sock.send(Ether(dst="ff:ff:ff:ff:ff:ff", src=FAKE_MAC) /
                           ARP(op=1, hwsrc=FAKE_MAC, psrc=FAKE_IP, pdst=STACK_IP))
            p = self.expect(lambda p: ARP in p and p[ARP].op == 2 and p[ARP].psrc == STACK_IP, 1.0)
            if p is not None:
                return p[ARP].hwsrc
        raise Failed("the stack does not answer ARP")

    def send_ip(self, pkt):
        """pkt: an IP packet (scapy) or raw bytes of an IP packet."""
        payload = Raw(pkt) if isinstance(pkt, (bytes, bytearray)) else pkt
        self.sock.send(Ether(dst=self.stack_mac, src=FAKE_MAC, type=0x0800) / payload)

    def drain(self):
        while True:
            try:
                self.q.get_nowait()
            except queue.Empty:
                return

    def expect(self, pred, timeout):
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return None
            try:
                p = self.q.get(timeout=left)
            except queue.Empty:
                return None
            if pred(p):
                return p

    def collect(self, pred, timeout):
        got, end = [], time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return got
            try:
                p = self.q.get(timeout=left)
            except queue.Empty:
                return got
            if pred(p):
                got.append(p)


def is_tcp_from(sport, dport):
    return lambda p: TCP in p and p[IP].src == STACK_IP and p[TCP].sport == sport and p[TCP].dport == dport


def is_echo_reply(ident):
    return lambda p: ICMP in p and p[IP].src == STACK_IP and p[ICMP].type == 0 and p[ICMP].id == ident


def flags_of(p):
    return str(p[TCP].flags)


class Conn:
    """A TCP connection to the server driven by hand (no retransmission:
    the namespace link does not lose frames)."""

    def __init__(self, w, window=65535, syn_options=None):
        self.w = w
        self.sport = random.randint(20000, 60000)
        self.seq = random.getrandbits(32)
        self.window = window
        self.data = b""
        self.fin = False
        w.drain()
        opts = syn_options if syn_options is not None else [("MSS", 1460)]
        w.send_ip(IP(src=FAKE_IP, dst=STACK_IP) /
                  TCP(sport=self.sport, dport=HTTP_PORT, seq=self.seq, flags="S", window=window, options=opts))
        sa = w.expect(lambda p: is_tcp_from(HTTP_PORT, self.sport)(p) and flags_of(p) == "SA", 2.0)
        check(sa is not None, "no SYN+ACK to a plain SYN")
        self.seq = (self.seq + 1) & 0xFFFFFFFF
        self.ack = (sa[TCP].seq + 1) & 0xFFFFFFFF
        self.segment("A")

    def segment(self, flags, data=b"", seq=None, **kw):
        tcp = TCP(sport=self.sport, dport=HTTP_PORT, seq=self.seq if seq is None else seq, ack=self.ack,
                  flags=flags, window=kw.pop("window", self.window), **kw)
        self.w.send_ip(IP(src=FAKE_IP, dst=STACK_IP) / tcp / Raw(data) if data else IP(src=FAKE_IP, dst=STACK_IP) / tcp)
        if seq is None:
            self.seq = (self.seq + len(data)) & 0xFFFFFFFF

    def read_until_fin(self, timeout):
        """Collects in-order data, ACKing it, until FIN or timeout."""
        end = time.monotonic() + timeout
        while not self.fin and time.monotonic() < end:
            p = self.w.expect(is_tcp_from(HTTP_PORT, self.sport), max(0.0, end - time.monotonic()))
            if p is None:
                break
            if "R" in flags_of(p):
                raise Failed("connection reset by the stack: %s" % p.summary())
            payload = bytes(p[TCP].payload)
            if os.environ.get("HOSTILE_DEBUG"):
                print("  rx %s seq=%d ack=%d len=%d (want seq %d)" % (flags_of(p), p[TCP].seq, p[TCP].ack, len(payload), self.ack), flush=True)
            if p[TCP].seq == self.ack and payload:
                self.data += payload
                self.ack = (self.ack + len(payload)) & 0xFFFFFFFF
            if "F" in flags_of(p) and (p[TCP].seq + len(payload)) & 0xFFFFFFFF == self.ack:
                self.ack = (self.ack + 1) & 0xFFFFFFFF
                self.fin = True
            self.segment("A")
        return self.data

    def get_page(self, flags="PA", prefix=b"", **kw):
        """Sends GET / (after `prefix`) and checks the reply is the page."""
        self.segment(flags, prefix + b"GET / HTTP/1.0\r\n\r\n", **kw)
        data = self.read_until_fin(8.0)
        check(b" 200 " in data[:20] and b"Hello from FreeRTOS+TCP" in data,
              "GET / on this connection: no page (got %d bytes: %r)" % (len(data), data[:60]))

    def reset(self):
        self.segment("R")


# ------------------------------------------------------------ liveness

def still_serving(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        raise Failed("the server process is gone (crashed)")
    r = subprocess.run(["curl", "-s", "--max-time", "5", "http://%s/" % STACK_IP],
                       capture_output=True, timeout=10)
    check(r.returncode == 0 and b"Hello from FreeRTOS+TCP" in r.stdout,
          "curl GET / after the case failed (exit %d)" % r.returncode)


# ------------------------------------------------------------ helpers

def raw_ipv4(payload, proto, ihl=5, total_len=None, options=b"", csum=None, flags_frag=0, ident=0x4242):
    hdr_len = ihl * 4
    opts = options.ljust(max(0, hdr_len - 20), b"\x00")[: max(0, hdr_len - 20)]
    tl = (20 + len(opts) + len(payload)) if total_len is None else total_len
    src = bytes(int(x) for x in FAKE_IP.split("."))
    dst = bytes(int(x) for x in STACK_IP.split("."))
    h = bytearray(bytes([0x40 | (ihl & 0xF), 0]) + tl.to_bytes(2, "big") + ident.to_bytes(2, "big") +
                  flags_frag.to_bytes(2, "big") + bytes([64, proto]) + b"\x00\x00" + src + dst + opts)
    c = ip_checksum(bytes(h)) if csum is None else csum
    h[10:12] = c.to_bytes(2, "big")
    return bytes(h) + payload


def ip_checksum(b):
    if len(b) % 2:
        b += b"\x00"
    s = sum(int.from_bytes(b[i:i + 2], "big") for i in range(0, len(b), 2))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def echo_bytes(ident, seq=1, data=b"hostile-echo", csum=None):
    icmp = bytearray(bytes([8, 0, 0, 0]) + ident.to_bytes(2, "big") + seq.to_bytes(2, "big") + data)
    c = ip_checksum(bytes(icmp)) if csum is None else csum
    icmp[2:4] = c.to_bytes(2, "big")
    return bytes(icmp)


def assert_no_echo_reply(w, ident, what):
    p = w.expect(is_echo_reply(ident), 0.7)
    check(p is None, "%s was answered: %s" % (what, p.summary() if p else ""))


def syn_bytes(sport, options=b"", doff=None, csum_ok=True, urg=False, urgptr=0):
    """A TCP SYN (raw, so that options and the data offset can lie)."""
    opts = options + b"\x00" * ((4 - len(options) % 4) % 4)
    off = (20 + len(opts)) // 4 if doff is None else doff
    flags = 0x02 | (0x20 if urg else 0)
    t = bytearray(sport.to_bytes(2, "big") + HTTP_PORT.to_bytes(2, "big") + random.getrandbits(32).to_bytes(4, "big") +
                  b"\x00\x00\x00\x00" + bytes([off << 4, flags]) + (65535).to_bytes(2, "big") + b"\x00\x00" +
                  urgptr.to_bytes(2, "big") + opts)
    pseudo = (bytes(int(x) for x in FAKE_IP.split(".")) + bytes(int(x) for x in STACK_IP.split(".")) +
              bytes([0, 6]) + len(t).to_bytes(2, "big"))
    c = ip_checksum(pseudo + bytes(t))
    if not csum_ok:
        c ^= 0x5A5A
    t[16:18] = c.to_bytes(2, "big")
    return bytes(t)


def answer_to_syn(w, sport, timeout=0.7):
    return w.expect(is_tcp_from(HTTP_PORT, sport), timeout)


def clean_up_syn(w, sport, p):
    """Resets a half-open connection that a SYN created."""
    if p is not None and flags_of(p) == "SA":
        w.send_ip(IP(src=FAKE_IP, dst=STACK_IP) / TCP(sport=sport, dport=HTTP_PORT, seq=p[TCP].ack, flags="R"))


# ------------------------------------------------------------ cases

def case_ipv4_checksum(w):
    ident = 0x1001
    w.send_ip(raw_ipv4(echo_bytes(ident), 1, csum=0x1234))
    assert_no_echo_reply(w, ident, "an echo request with a bad IPv4 header checksum")
    w.send_ip(raw_ipv4(echo_bytes(ident), 1))
    check(w.expect(is_echo_reply(ident), 2.0) is not None, "the same echo request with a good checksum got no reply")


def case_ipv4_lengths(w):
    ident = 0x1002
    payload = echo_bytes(ident)
    for name, pkt in [
        ("total length past the frame", raw_ipv4(payload, 1, total_len=20 + len(payload) + 200)),
        ("total length below the header", raw_ipv4(payload, 1, total_len=12)),
        ("total length 0", raw_ipv4(payload, 1, total_len=0)),
        ("IHL 4", raw_ipv4(payload, 1, ihl=4)),
        ("IHL 15 in a 40-byte packet", (bytes([0x4F]) + raw_ipv4(payload, 1)[1:])[:40]),
        ("a 10-byte IPv4 header", raw_ipv4(payload, 1)[:10]),
    ]:
        w.send_ip(pkt)
        assert_no_echo_reply(w, ident, "an echo request with " + name)


def case_ip_options(w):
    ident = 0x1003
    payload = echo_bytes(ident)
    for opts in [b"\x07\x00\x00\x00", b"\x07\x01\x00\x00", b"\x07\x28\x04\x00", b"\x44\x00\x05\x00",
                 b"\x83\xff" + b"\x00" * 38, b"\x01\x01\x01\x00"]:
        ihl = 5 + (len(opts) + 3) // 4
        w.send_ip(raw_ipv4(payload, 1, ihl=ihl, options=opts))
        # Answered (options skipped) or dropped: both are fine; the reply, if
        # any, must be the echo itself.
        p = w.expect(is_echo_reply(ident), 0.5)
        if p is not None:
            check(bytes(p[ICMP].payload) == b"hostile-echo", "echo reply with different data: %r" % bytes(p[ICMP].payload))


def case_fragments(w):
    ident = 0x1004
    payload = echo_bytes(ident, data=b"F" * 64)
    MF = 0x2000
    for name, pkts in [
        ("first fragment only", [raw_ipv4(payload[:40], 1, flags_frag=MF)]),
        ("last fragment only", [raw_ipv4(payload[40:], 1, flags_frag=5)]),
        ("two fragments", [raw_ipv4(payload[:40], 1, flags_frag=MF), raw_ipv4(payload[40:], 1, flags_frag=5)]),
        ("overlapping fragments", [raw_ipv4(payload[:40], 1, flags_frag=MF), raw_ipv4(payload[8:], 1, flags_frag=1)]),
        ("offset + length past 65535", [raw_ipv4(payload, 1, flags_frag=8191)]),
    ]:
        for pkt in pkts:
            w.send_ip(pkt)
        # The stack does not reassemble (as upstream): no reply at all.
        assert_no_echo_reply(w, ident, "an echo request in fragments (%s)" % name)


def case_icmp_lengths(w):
    ident = 0x1005
    w.send_ip(raw_ipv4(echo_bytes(ident, csum=0xBEEF), 1))
    assert_no_echo_reply(w, ident, "an echo request with a bad ICMP checksum")
    w.send_ip(raw_ipv4(echo_bytes(ident)[:4], 1))
    assert_no_echo_reply(w, ident, "a 4-byte ICMP message")
    # IP length shorter than the frame: the reply holds only the bytes the IP
    # length covers, never the junk after them (Ripple20 ICMP leak).
    good = echo_bytes(ident, seq=7, data=b"exact")
    w.send_ip(raw_ipv4(good, 1) + b"JUNKJUNKJUNKJUNKJUNK" * 3)
    p = w.expect(is_echo_reply(ident), 2.0)
    check(p is not None, "a padded echo request got no reply")
    check(bytes(p[ICMP].payload) == b"exact", "the echo reply holds bytes beyond the IP length: %r" % bytes(p[ICMP].payload))


def case_tcp_checksum_and_offset(w):
    for name, seg in [
        ("bad TCP checksum", syn_bytes(40001, csum_ok=False)),
        ("data offset 4", syn_bytes(40002, doff=4)),
        ("data offset past the segment", syn_bytes(40003, doff=15)),
    ]:
        sport = int.from_bytes(seg[:2], "big")
        w.send_ip(raw_ipv4(seg, 6))
        p = answer_to_syn(w, sport)
        clean_up_syn(w, sport, p)
        check(p is None or flags_of(p) != "SA", "a SYN with %s was accepted: %s" % (name, p.summary() if p else ""))


def case_tcp_option_lengths(w):
    # AMNESIA:33 / FreeRTOS+TCP 2018: an option of length 0 must not loop, 1
    # must not underflow, an overlong one must not be read past the header.
    for i, opts in enumerate([b"\x02\x00\x05\xb4", b"\x02\x01\x05\xb4", b"\x1e\x00", b"\x03\x01",
                              b"\x08\xff" + b"\x00" * 8, b"\x04\x00\x02\x04\x05\xb4", b"\x05\x00",
                              b"\x01" * 39 + b"\x02"]):
        sport = 41000 + i
        t0 = time.monotonic()
        w.send_ip(raw_ipv4(syn_bytes(sport, options=opts), 6))
        p = answer_to_syn(w, sport, 1.0)
        clean_up_syn(w, sport, p)
        check(time.monotonic() - t0 < 1.5, "option case %d took too long" % i)
    # The listener still answers a well-formed SYN at once.
    sport = 41999
    w.send_ip(raw_ipv4(syn_bytes(sport, options=b"\x02\x04\x05\xb4"), 6))
    p = answer_to_syn(w, sport, 2.0)
    check(p is not None and flags_of(p) == "SA", "a good SYN after the option cases got no SYN+ACK")
    clean_up_syn(w, sport, p)


def case_urgent_pointer(w):
    # URGENT/11: URG with pointers 0, inside, past the segment and 0xFFFF.
    # As upstream (reference section 5, "Urgent data"), the first `pointer`
    # bytes of the segment are discarded, capped at the segment's length:
    # nothing is read past the segment, and the sequence space stays right,
    # so the request that follows (or the rest of the segment) is served.
    sport = 42000
    w.send_ip(raw_ipv4(syn_bytes(sport, urg=True, urgptr=0xFFFF), 6))
    clean_up_syn(w, sport, answer_to_syn(w, sport))
    for ptr in (0, 5):
        c = Conn(w)
        c.get_page(flags="UPA", urgptr=ptr, prefix=b"X" * ptr)
        c.reset()
    for ptr in (200, 0xFFFF):
        c = Conn(w)
        c.segment("UPA", b"0123456789", urgptr=ptr)
        c.get_page()
        c.reset()


def case_rst_injection(w):
    # RFC 5961 section 3: an RST out of the window is ignored, one in the
    # window but not at RCV.NXT draws a challenge ACK; neither resets.
    c = Conn(w)
    w.drain()
    c.segment("R", seq=(c.seq + 0x40000000) & 0xFFFFFFFF)
    p = w.expect(is_tcp_from(HTTP_PORT, c.sport), 0.5)
    check(p is None or "R" not in flags_of(p), "out-of-window RST answered with an RST")
    c.segment("R", seq=(c.seq + 100) & 0xFFFFFFFF)
    p = w.expect(is_tcp_from(HTTP_PORT, c.sport), 1.0)
    check(p is not None and flags_of(p) == "A" and p[TCP].ack == c.seq,
          "in-window RST: want a challenge ACK of %d, got %s" % (c.seq, p.summary() if p else "nothing"))
    c.get_page()
    c.reset()


def case_syn_injection(w):
    # RFC 5961 section 4: a SYN on a synchronized connection draws a
    # challenge ACK, in or out of the window; the connection lives on.
    c = Conn(w)
    for off in (10, 0x40000000):
        w.drain()
        c.segment("S", seq=(c.seq + off) & 0xFFFFFFFF)
        p = w.expect(is_tcp_from(HTTP_PORT, c.sport), 1.0)
        check(p is not None and "R" not in flags_of(p) and "S" not in flags_of(p),
              "SYN at +%d on an established connection: want a challenge ACK, got %s" % (off, p.summary() if p else "nothing"))
    c.get_page()
    c.reset()


def case_zero_window(w, pid):
    # A peer that asks for 1 MiB and never opens its window: the stack sends
    # at most one-byte probes, keeps serving others, and lets go on RST.
    c = Conn(w, window=0)
    c.segment("PA", b"GET /bytes/1048576 HTTP/1.0\r\n\r\n")
    segs = w.collect(is_tcp_from(HTTP_PORT, c.sport), 3.0)
    big = [p for p in segs if len(bytes(p[TCP].payload)) > 1]
    check(not big, "data beyond a zero window: %s" % big[0].summary() if big else "")
    still_serving(pid)
    c.reset()


CASES = [
    ("ipv4-checksum", "IPv4 header checksum (frames dropped, Ripple20 class)", case_ipv4_checksum),
    ("ipv4-lengths", "IPv4 total length / IHL inconsistent with the frame (Ripple20)", case_ipv4_lengths),
    ("ip-options", "IPv4 options of length 0, 1, past the header (URGENT/11)", case_ip_options),
    ("fragments", "fragments: partial, overlapping, beyond 65535 (Ripple20, AMNESIA:33 reassembly)", case_fragments),
    ("icmp-lengths", "ICMP checksum, truncation, IP length shorter than the frame (Ripple20 leak, FreeRTOS+TCP 2024-26)",
     case_icmp_lengths),
    ("tcp-checksum-offset", "TCP checksum and data offset (Ripple20, FreeRTOS+TCP 2018)", case_tcp_checksum_and_offset),
    ("tcp-option-lengths", "TCP option lengths 0/1/overlong (AMNESIA:33, FreeRTOS+TCP 2018)", case_tcp_option_lengths),
    ("urgent-pointer", "urgent pointer 0 / inside / past the segment / 0xFFFF, URG on SYN (URGENT/11)", case_urgent_pointer),
    ("rst-injection", "RST in and out of the window (RFC 5961 section 3)", case_rst_injection),
    ("syn-injection", "SYN on an established connection (RFC 5961 section 4)", case_syn_injection),
    ("zero-window", "zero-window peer that never opens (flood survival)", None),
]


def syn_from(src_ip, sport, dst_ip=STACK_IP, src_mac=FAKE_MAC):
    ip = IP(src=src_ip, dst=dst_ip) / TCP(sport=sport, dport=HTTP_PORT, seq=random.getrandbits(32), flags="S")
    return ip


def case_martian_sources(w):
    # A SYN from a source no host can have gets no answer (RFC 1122 3.2.1.3,
    # smoltcp's SYN from 0.0.0.0).
    for i, src in enumerate(["0.0.0.0", "255.255.255.255", "127.0.0.1", "224.0.0.1", "192.0.2.255"]):
        sport = 43000 + i
        w.send_ip(syn_from(src, sport))
        p = w.collect(lambda p: TCP in p and p[TCP].dport == sport, 0.5)
        check(not p, "a SYN from %s was answered: %s" % (src, p[0].summary() if p else ""))


def case_land(w):
    # LAND: a SYN from the stack's own address and port to itself.
    w.send_ip(IP(src=STACK_IP, dst=STACK_IP) / TCP(sport=HTTP_PORT, dport=HTTP_PORT, seq=12345, flags="S"))
    p = w.collect(lambda p: TCP in p and p[TCP].dport == HTTP_PORT and p[IP].dst == STACK_IP, 0.7)
    check(not p, "the LAND SYN was answered: %s" % (p[0].summary() if p else ""))


def case_arp_spoof(w):
    # An unsolicited ARP reply that moves the Linux peer (192.0.2.1) to a
    # made-up MAC must not cut the peer off.
    w.sock.send(Ether(dst=w.stack_mac, src="02:00:00:00:00:66") /
                ARP(op=2, hwsrc="02:00:00:00:00:66", psrc="192.0.2.1", hwdst=w.stack_mac, pdst=STACK_IP))
    time.sleep(0.2)


def case_syn_flood(w):
    # 3,000 SYNs from one made-up host, never completed (bounded: about 2 s).
    t_end = time.monotonic() + 5.0
    for i in range(3000):
        w.send_ip(IP(src=FAKE_IP, dst=STACK_IP) / TCP(sport=10000 + i, dport=HTTP_PORT, seq=i, flags="S"))
        if time.monotonic() > t_end:
            break
    w.drain()


CASES += [
    ("arp-spoof", "unsolicited ARP reply for the peer's address", case_arp_spoof),
    ("martian", "martian source addresses (smoltcp SYN from 0.0.0.0)", case_martian_sources),
    ("land", "LAND attack (own address and port as source)", case_land),
]

# Run only when named in --only: with upstream's behaviour (the default,
# ipconfigFPTCP_SYN_FLOOD_DEFENCE 0) curl cannot connect until the half-open
# children time out; the opt-in defence is tested by tests/e2e/syn_flood.sh
# and in stack::tests_hostile.
EXTRA_CASES = [
    ("syn-flood", "SYN flood from one host (bounded: 3,000 SYNs)", case_syn_flood),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iface", required=True)
    ap.add_argument("--pid", type=int, required=True)
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    random.seed(0x5AFE)
    w = Wire(args.iface)
    failed = 0
    extra = [c for c in EXTRA_CASES if args.only and c[0] in args.only.split(",")]
    for name, klass, fn in CASES + extra:
        if args.only and name not in args.only.split(","):
            continue
        t0 = time.monotonic()
        try:
            if name == "zero-window":
                case_zero_window(w, args.pid)
            else:
                fn(w)
            still_serving(args.pid)
            print("CASE %s ok (%.1f s): %s" % (name, time.monotonic() - t0, klass), flush=True)
        except Failed as e:
            failed += 1
            print("CASE %s FAILED: %s [%s]" % (name, e, klass), flush=True)
        except Exception as e:  # a bug here must fail the test, loudly
            failed += 1
            print("CASE %s FAILED (script error): %r [%s]" % (name, e, klass), flush=True)
    w.sniffer.stop()
    return failed


if __name__ == "__main__":
    sys.exit(main())
