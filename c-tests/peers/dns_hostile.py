#!/usr/bin/env python3
"""A hostile DNS server for test_api_dns (c-tests/unit/test_api_dns.c).

    dns_hostile.py --ip ADDR [--ready FILE]

Listens on ADDR:53/udp. To every A query it answers with a burst of
malformed or spoofed responses (the threats of issue 7): the right answer
from another port (5353), the right answer with another transaction id, a
compression pointer onto itself, a forward pointer, a label over 63 bytes,
a name over 255 bytes, an answer count that lies, a record past the end and
a message cut inside its header. For the name "good.test" the correct
answer (192.0.2.99) follows the burst, to show that the junk did not end
the lookup. Every query is appended to FILE.queries when --ready is given.
Bounded: at most 1,000 queries, then it exits.
"""
import argparse
import socket
import struct

GOOD = bytes([192, 0, 2, 99])
EVIL = bytes([6, 6, 6, 6])


def question_end(q):
    """Offset after the question's name, type and class (plain labels only)."""
    pos = 12
    while pos < len(q) and q[pos] != 0:
        pos += 1 + q[pos]
    return pos + 5


def header(qid, ancount, flags=0x8180):
    return struct.pack(">HHHHHH", qid, flags, 1, ancount, 0, 0)


def a_record(owner, addr, rdlen=None):
    return owner + struct.pack(">HHIH", 1, 1, 60, len(addr) if rdlen is None else rdlen) + addr


def burst(q):
    qid = struct.unpack(">H", q[:2])[0]
    question = q[12:question_end(q)]
    qlen = 12 + len(question)
    right = header(qid, 1) + question + a_record(b"\xc0\x0c", EVIL)
    long_name = (b"\x3f" + b"a" * 63) * 4 + b"\x00"
    msgs = [
        ("wrong-id", header(qid ^ 0x5555, 1) + question + a_record(b"\xc0\x0c", EVIL)),
        ("loop", header(qid, 1) + question + a_record(struct.pack(">H", 0xc000 | qlen), EVIL)),
        ("forward", header(qid, 1) + question + a_record(struct.pack(">H", 0xc000 | (qlen + 2)), EVIL)),
        ("label>63", header(qid, 1) + question + a_record(b"\x41" + b"a" * 65 + b"\x00", EVIL)),
        ("name>255", header(qid, 1) + question + a_record(long_name, EVIL)),
        ("count-lies", header(qid, 3) + question + a_record(b"\xc0\x0c", EVIL)),
        ("past-end", header(qid, 1) + question + a_record(b"\xc0\x0c", EVIL, rdlen=200)),
        ("cut", right[:7]),
    ]
    return right, msgs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ip", required=True)
    ap.add_argument("--ready")
    args = ap.parse_args()
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((args.ip, 53))
    other = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    other.bind((args.ip, 5353))
    if args.ready:
        open(args.ready, "w").close()
    for _ in range(1000):
        q, peer = s.recvfrom(2048)
        if len(q) < 17:
            continue
        right, msgs = burst(q)
        name = q[12:question_end(q) - 4]
        if args.ready:
            with open(args.ready + ".queries", "a") as f:
                f.write(name.hex() + "\n")
        # The right answer, but from a port that was not asked.
        other.sendto(right, peer)
        for _, m in msgs:
            s.sendto(m, peer)
        if name == b"\x04good\x04test\x00":
            qid = struct.unpack(">H", q[:2])[0]
            s.sendto(header(qid, 1) + q[12:question_end(q)] + a_record(b"\xc0\x0c", GOOD), peer)


if __name__ == "__main__":
    main()
