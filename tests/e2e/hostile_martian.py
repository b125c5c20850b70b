#!/usr/bin/env python3
"""Raw frames an attacker on the link sends (issue 9), written to the TAP from
the Linux side with an AF_PACKET socket; prints one RESULT line.

  hostile_martian.py IFACE STACK_MAC STACK_IP LINUX_IP

Sends echo requests and SYNs from martian sources (broadcast, subnet
broadcast, multicast, loopback, 0.0.0.0, the stack's own address, the land
attack), an echo request in a broadcast frame and ARP requests from bogus
senders (an oversized echo request does not fit the TAP's MTU; the Rust test
covers it); then listens 1.5 s. Any IPv4 frame from the
stack in that time is a failure. Then one ordinary echo request from
LINUX_IP must be answered (the sniffer works, the stack is alive).
"""
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
ATTACKER_MAC = bytes([2, 0, 0, 0, 0, 0x66])


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def ip4(a):
    return socket.inet_aton(a)


def eth(dst, src, etype, payload):
    return dst + src + struct.pack("!H", etype) + payload


def ipv4(src, dst, proto, payload, ident=1):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, 0x4000, 64, proto, 0, ip4(src), ip4(dst))
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + payload


def echo(src, dst, data_len, seq):
    body = struct.pack("!BBHHH", 8, 0, 0, 0x4242, seq) + bytes(data_len)
    body = body[:2] + struct.pack("!H", csum(body)) + body[4:]
    return ipv4(src, dst, 1, body)


def syn(src, sport, dst, dport):
    hdr = struct.pack("!HHIIBBHHH", sport, dport, 12345, 0, 5 << 4, 0x02, 5840, 0, 0)
    pseudo = ip4(src) + ip4(dst) + struct.pack("!BBH", 0, 6, len(hdr))
    hdr = hdr[:16] + struct.pack("!H", csum(pseudo + hdr)) + hdr[18:]
    return ipv4(src, dst, 6, hdr)


def arp_request(sender_mac, sender_ip, target_ip):
    return struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, sender_mac, ip4(sender_ip), bytes(6), ip4(target_ip))


def main():
    iface, stack_mac_s, stack_ip, linux_ip = sys.argv[1:5]
    stack_mac = bytes.fromhex(stack_mac_s.replace(":", ""))
    bcast = b"\xff" * 6
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.bind((iface, 0))
    own_mac = s.getsockname()[4][:6]
    subnet_bcast = ".".join(stack_ip.split(".")[:3] + ["255"])
    martians = ["255.255.255.255", subnet_bcast, "224.0.0.1", "127.0.0.1", "0.0.0.0", stack_ip]
    frames = []
    for i, src in enumerate(martians):
        frames.append(eth(stack_mac, ATTACKER_MAC, 0x0800, echo(src, stack_ip, 8, i)))
        frames.append(eth(stack_mac, ATTACKER_MAC, 0x0800, syn(src, 4000 + i, stack_ip, 80)))
    frames.append(eth(stack_mac, ATTACKER_MAC, 0x0800, syn(stack_ip, 80, stack_ip, 80)))  # land
    frames.append(eth(bcast, own_mac, 0x0800, echo(linux_ip, stack_ip, 8, 50)))
    for mac, ip in [(bcast, linux_ip), (ATTACKER_MAC, "255.255.255.255"), (ATTACKER_MAC, "127.0.0.1"), (ATTACKER_MAC, stack_ip)]:
        frames.append(eth(bcast, ATTACKER_MAC, 0x0806, arp_request(mac, ip, stack_ip)))
    for f in frames:
        s.send(f)
    s.settimeout(0.1)
    bad = []
    end = time.monotonic() + 1.5
    while time.monotonic() < end:
        try:
            f = s.recv(2048)
        except socket.timeout:
            continue
        if f[6:12] != stack_mac:
            continue
        etype = struct.unpack("!H", f[12:14])[0]
        if etype == 0x0800 or (etype == 0x0806 and f[20:22] == b"\x00\x02"):
            bad.append(f[:42].hex())
    # Control: an ordinary echo request is answered.
    s.send(eth(stack_mac, own_mac, 0x0800, echo(linux_ip, stack_ip, 8, 99)))
    answered = False
    end = time.monotonic() + 2.0
    while time.monotonic() < end and not answered:
        try:
            f = s.recv(2048)
        except socket.timeout:
            continue
        if f[6:12] == stack_mac and f[12:14] == b"\x08\x00" and f[23] == 1 and f[34] == 0:
            answered = True
    print("RESULT sent=%d answered_hostile=%d control_answered=%d" % (len(frames), len(bad), int(answered)))
    for b in bad:
        print("HOSTILE-ANSWER " + b)
    return 0 if not bad and answered else 1


if __name__ == "__main__":
    sys.exit(main())
