#!/usr/bin/env python3
"""A hostile DHCP server on the TAP (c-tests/unit/test_dhcp_hostile.c).

Answers every DISCOVER first with malformed or foreign OFFERs, one per case
below, and only then with a good OFFER (192.0.2.60); every REQUEST first
with bad ACKs and a NAK for another transaction, then with a good ACK. A
client that takes anything but the good messages ends with another address,
or none. The cases (DHCP option overflows and forged answers, peers-and-
threats.md section 5):

  option-past-end   an option whose length runs past the message
  no-end-option     options that stop without the END option
  wrong-xid         another transaction id
  wrong-chaddr      another client's hardware address
  yiaddr-zero / -broadcast / -loopback / -multicast / -class-e
                    an address no host may have
  router-zero       a router of 0.0.0.0
  mask-holes        a netmask that is not contiguous (255.0.255.0)
  bad-cookie        the magic cookie wrong
  bootrequest       op 1 (a client's message)
  truncated         240 bytes cut to 100

(Option overload, 52, is not a case: a message that also has every option
it needs in the options field is a valid one, and upstream ignores 52 as we
do; docs/dhcp.md.)

Writes what it sent (one line per frame) to --log. Standard library only;
raw Ethernet frames through an AF_PACKET socket bound to the TAP.
"""
import argparse
import socket
import struct
import sys
import time

SERVER_IP = bytes([192, 0, 2, 1])
GOOD_IP = bytes([192, 0, 2, 60])
OTHER_IP = bytes([192, 0, 2, 66])
COOKIE = b"\x63\x82\x53\x63"


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def frame(server_mac, payload):
    """Ethernet broadcast + IPv4 192.0.2.1 -> 255.255.255.255 + UDP 67 -> 68."""
    dst_ip = b"\xff\xff\xff\xff"
    udp_len = 8 + len(payload)
    pseudo = SERVER_IP + dst_ip + struct.pack("!BBH", 0, 17, udp_len)
    udp = struct.pack("!HHHH", 67, 68, udp_len, 0) + payload
    csum = checksum(pseudo + udp) or 0xFFFF
    udp = udp[:6] + struct.pack("!H", csum) + udp[8:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + udp_len, 1, 0, 64, 17, 0, SERVER_IP, dst_ip)
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    return b"\xff" * 6 + server_mac + b"\x08\x00" + ip + udp


def bootp(kind, xid, chaddr, yiaddr, options, op=2, cookie=COOKIE, end=True):
    m = struct.pack("!BBBB", op, 1, 6, 0) + xid + b"\0" * 8
    m += yiaddr + SERVER_IP + b"\0" * 4  # yiaddr, siaddr, giaddr
    m += chaddr + b"\0" * 10 + b"\0" * 192 + cookie
    if kind is not None:
        m += bytes([53, 1, kind])
    m += options
    if end:
        m += b"\xff"
    return m


def lease_options(router=SERVER_IP, mask=bytes([255, 255, 255, 0])):
    return (bytes([54, 4]) + SERVER_IP + bytes([1, 4]) + mask + bytes([3, 4]) + router
            + bytes([6, 4, 192, 0, 2, 9]) + bytes([51, 4]) + struct.pack("!I", 120))


def hostile_replies(kind, xid, chaddr):
    """(name, payload) for every bad answer to one client message."""
    other_xid = bytes([xid[0] ^ 0x5A]) + xid[1:]
    other_mac = bytes([0x02, 0, 0, 0, 0x66, 0x66])
    good = lease_options()
    cases = [
        ("option-past-end", bootp(kind, xid, chaddr, OTHER_IP, good + bytes([12, 200, 65, 65]), end=False)),
        ("no-end-option", bootp(kind, xid, chaddr, OTHER_IP, good[:9], end=False)),
        ("wrong-xid", bootp(kind, other_xid, chaddr, OTHER_IP, good)),
        ("wrong-chaddr", bootp(kind, xid, other_mac, OTHER_IP, good)),
        ("yiaddr-zero", bootp(kind, xid, chaddr, bytes(4), good)),
        ("yiaddr-broadcast", bootp(kind, xid, chaddr, b"\xff" * 4, good)),
        ("yiaddr-loopback", bootp(kind, xid, chaddr, bytes([127, 0, 0, 1]), good)),
        ("yiaddr-multicast", bootp(kind, xid, chaddr, bytes([224, 0, 0, 5]), good)),
        ("yiaddr-class-e", bootp(kind, xid, chaddr, bytes([240, 0, 0, 9]), good)),
        ("router-zero", bootp(kind, xid, chaddr, OTHER_IP, lease_options(router=bytes(4)))),
        ("mask-holes", bootp(kind, xid, chaddr, OTHER_IP, lease_options(mask=bytes([255, 0, 255, 0])))),
        ("bad-cookie", bootp(kind, xid, chaddr, OTHER_IP, good, cookie=b"\x63\x82\x53\x64")),
        ("bootrequest", bootp(kind, xid, chaddr, OTHER_IP, good, op=1)),
        ("truncated", bootp(kind, xid, chaddr, OTHER_IP, good)[:100]),
    ]
    if kind == 5:
        # A NAK for another transaction must not end the lease being made.
        cases.append(("nak-wrong-xid", bootp(6, other_xid, chaddr, bytes(4), bytes([54, 4]) + SERVER_IP)))
    return cases


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iface", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--skip", default="", help="comma-separated cases not to send (debugging)")
    args = ap.parse_args()

    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0800))
    sock.bind((args.iface, 0))
    server_mac = sock.getsockname()[4][:6]
    sock.settimeout(0.5)
    log = open(args.log, "w", buffering=1)
    log.write("started\n")
    end = time.monotonic() + args.seconds
    while time.monotonic() < end:
        try:
            f = sock.recv(2048)
        except socket.timeout:
            continue
        if len(f) < 14 + 20 + 8 + 240 or f[23] != 17:
            continue
        ihl = (f[14] & 0x0F) * 4
        udp = f[14 + ihl:]
        if struct.unpack("!H", udp[2:4])[0] != 67:
            continue
        msg = udp[8:]
        if msg[0] != 1 or msg[236:240] != COOKIE:
            continue
        xid, chaddr = msg[4:8], msg[28:34]
        kind = None
        at = 240
        while at + 1 < len(msg) and msg[at] != 255:
            if msg[at] == 0:
                at += 1
                continue
            if msg[at] == 53 and at + 2 < len(msg):
                kind = msg[at + 2]
            at += 2 + msg[at + 1]
        answer = {1: 2, 3: 5}.get(kind)  # DISCOVER -> OFFER, REQUEST -> ACK
        if answer is None:
            continue
        if kind == 3:
            requested = msg[12:16]  # ciaddr, or option 50 when selecting
            at = 240
            while at + 1 < len(msg) and msg[at] != 255:
                if msg[at] == 0:
                    at += 1
                    continue
                if msg[at] == 50 and msg[at + 1] == 4:
                    requested = msg[at + 2:at + 6]
                at += 2 + msg[at + 1]
            log.write("got REQUEST %s\n" % ".".join(str(b) for b in requested))
        for name, payload in hostile_replies(answer, xid, chaddr):
            if name in args.skip.split(","):
                continue
            sock.send(frame(server_mac, payload))
            log.write("sent %s %s\n" % ("OFFER" if answer == 2 else "ACK", name))
        sock.send(frame(server_mac, bootp(answer, xid, chaddr, GOOD_IP, lease_options())))
        log.write("sent %s good\n" % ("OFFER" if answer == 2 else "ACK"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
