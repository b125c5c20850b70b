#!/usr/bin/env python3
"""Counts TCP data segments in a pcap (Ethernet, IPv4) per direction for one
port: data segments, "tiny" segments (payload below the MSS, leaving out the
one that ends the direction's data: the only short segment a bulk transfer
needs). Prints one line per direction:

  DIR src>dst bytes=B data=D tiny=T silly=S unaligned=U tiny_sizes=7x716,... data_frames_per_mib=X frames_per_mib=Y

"unaligned" needs the writers' chunk sizes (ADDR=BYTES: the application at
ADDR writes BYTES per call): tiny segments that do not end where the
application paused (a multiple of its write size), except one that ends at
a right edge advertised before the writer's latest pause (the pause offset
the sender's segments against that window; the receiver could not know).
Those are what silly-window avoidance forbids: a window that ends short of
a full segment, or a stream remainder sent while the writer waits for
space. "silly" counts the tiny segments that end at a right edge offered
after that pause (the receiver's doing).

usage: segsizes.py FILE PORT MSS [ADDR=BYTES ...]
"""
import struct
import sys
from collections import Counter, defaultdict


def packets(path):
    with open(path, "rb") as f:
        head = f.read(24)
        magic = struct.unpack("<I", head[:4])[0]
        order = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
        linktype = struct.unpack(order + "I", head[20:24])[0]
        while True:
            rec = f.read(16)
            if len(rec) < 16:
                return
            _, _, incl, _ = struct.unpack(order + "IIII", rec)
            data = f.read(incl)
            yield linktype, data


def tcp_of(linktype, frame):
    if linktype == 1:  # Ethernet
        if len(frame) < 14 or frame[12:14] != b"\x08\x00":
            return None
        ip = frame[14:]
    elif linktype == 113:  # Linux cooked capture
        if len(frame) < 16 or frame[14:16] != b"\x08\x00":
            return None
        ip = frame[16:]
    else:
        return None
    if len(ip) < 20 or ip[0] >> 4 != 4 or ip[9] != 6:
        return None
    ihl = (ip[0] & 15) * 4
    total = struct.unpack(">H", ip[2:4])[0]
    # The capture may be cut short (snap length): lengths come from the
    # IP header, not from the bytes captured.
    tcp = ip[ihl:total]
    if len(tcp) < 20:
        return None
    sport, dport, seq, ack = struct.unpack(">HHII", tcp[:12])
    off = (tcp[12] >> 4) * 4
    flags = tcp[13]
    window = struct.unpack(">H", tcp[14:16])[0]
    wscale = None
    if flags & 0x02:  # SYN: look for the window scale option
        opts, i = tcp[20:off], 0
        while i < len(opts):
            kind = opts[i]
            if kind == 0:
                break
            if kind == 1:
                i += 1
                continue
            if i + 1 >= len(opts):
                break
            ln = opts[i + 1]
            if kind == 3 and ln == 3 and i + 2 < len(opts):
                wscale = opts[i + 2]
            i += max(ln, 2)
    return ((ip[12:16], sport), (ip[16:20], dport), seq, total - ihl - off,
            ack, window, flags, wscale)


def main():
    path, port = sys.argv[1], int(sys.argv[2])
    mss = int(sys.argv[3]) if len(sys.argv) > 3 else 1460
    chunk = {}
    for arg in sys.argv[4:]:
        addr, n = arg.split("=")
        chunk[bytes(int(x) for x in addr.split("."))] = int(n)
    frames = Counter()
    shift = {}   # host -> the window scale it offered in its SYN
    base = {}    # sender -> its SYN's sequence number + 1
    seen = []    # (index, key, seq, len, edge, edge_index) of data segments
    edge = {}    # receiver -> (right edge it advertised last, frame index)
    for idx, (lt, fr) in enumerate(packets(path)):
        t = tcp_of(lt, fr)
        if t is None:
            continue
        src, dst, seq, n, ack, window, flags, wscale = t
        if port not in (src[1], dst[1]):
            continue
        key = (src, dst)
        frames[key] += 1
        if flags & 0x02:
            shift[src] = wscale
            base[src] = (seq + 1) & 0xFFFFFFFF
        if flags & 0x10:
            sh = shift.get(src)
            scaled = not (flags & 0x02) and sh is not None and shift.get(dst) is not None
            edge[src] = ((ack + (window << (sh if scaled else 0))) & 0xFFFFFFFF, idx)
        if n > 0:
            e, ei = edge.get(dst, (None, -1))
            seen.append((idx, key, seq, n, e, ei))
    for key in sorted({k for _, k, *_ in seen}):
        lst = [x for x in seen if x[1] == key]
        first = base.get(key[0], lst[0][2])
        rel = lambda s: (s - first) & 0xFFFFFFFF  # noqa: E731
        end = max(rel(s) + n for _, _, s, n, _, _ in lst)
        step = chunk.get(key[0][0])
        tiny, silly, unaligned, last_pause = [], 0, 0, -1
        for idx, _, s, n, e, ei in lst:
            off = rel(s) + n
            if n >= mss or off == end:
                continue
            tiny.append(n)
            at_edge = e == (s + n) & 0xFFFFFFFF
            if step and off % step == 0:
                # The writer paused here: what follows is offset against
                # any window offered before this segment arrived.
                last_pause = idx
                continue
            if at_edge and ei > last_pause:
                silly += 1
            if not (at_edge and ei < last_pause):
                unaligned += 1
        sizes = ",".join(f"{n}x{c}" for n, c in Counter(tiny).most_common(5))
        (sa, sp), (da, dp) = key
        name = f"{'.'.join(map(str, sa))}:{sp}>{'.'.join(map(str, da))}:{dp}"
        per_mib = (len(lst) * 1048576 / end) if end else 0
        # Frames both ways (data one way, ACKs the other) per MiB of data.
        back = frames[(key[1], key[0])]
        all_per_mib = ((frames[key] + back) * 1048576 / end) if end else 0
        print(f"DIR {name} bytes={end} data={len(lst)} tiny={len(tiny)} "
              f"silly={silly} unaligned={unaligned if step else '-'} "
              f"tiny_sizes={sizes or '-'} "
              f"data_frames_per_mib={per_mib:.1f} frames_per_mib={all_per_mib:.1f}")


if __name__ == "__main__":
    main()
