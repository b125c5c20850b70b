#!/usr/bin/env python3
"""Where the library's flash goes by source function, inlining undone.

With LTO and opt-level "z", most of the library is inlined into a few large
functions (ip_task_main, Stack::poll, the FFI entry points), so symbol sizes
say little. This walks every instruction of an image built with line tables
(-Cdebuginfo=line-tables-only: the code is the same, see bench/README.md),
asks addr2line for its inline chain and adds its bytes up:

    inline_sizes.py ELF tree SYMBOL [DEPTH] [MIN]
        the bytes of the functions whose (mangled) name contains SYMBOL, by
        chain of this crate's inlined functions, DEPTH levels deep (default 4),
        rows of at least MIN bytes (default 30)
    inline_sizes.py ELF files [OTHER_ELF]
        bytes by the source file of the innermost function of this crate
        each instruction belongs to (files of the crate's src/ only); with
        OTHER_ELF, the change per file from ELF to OTHER_ELF (two builds of
        the same configuration, e.g. before and after a change)
    inline_sizes.py ELF copies [MIN]
        this crate's functions inlined in more than one place: total bytes,
        number of inlined copies, name (candidates for #[inline(never)]; a
        generic function's copies for different types are counted together)

Needs arm-none-eabi-objdump and arm-none-eabi-addr2line.
"""
import collections
import re
import subprocess
import sys

CRATE_SRC = "/src/"


def instructions(elf, want=None):
    """(address, size, symbol) of every instruction, optionally only in
    symbols whose name contains `want`."""
    dis = subprocess.run(["arm-none-eabi-objdump", "-d", elf], capture_output=True, text=True, check=True).stdout
    out, cur = [], None
    for line in dis.splitlines():
        m = re.match(r"^([0-9a-f]+) <(.*)>:$", line)
        if m:
            cur = m.group(2)
            continue
        m = re.match(r"^\s+([0-9a-f]+):\t([0-9a-f ]+?)\s*\t", line)
        if m and cur and (want is None or want in cur):
            out.append((int(m.group(1), 16), len(m.group(2).replace(" ", "")) // 2, cur))
    return out


def chains(elf, insns):
    """For each instruction, its inline chain outermost first: [(function, file:line)]."""
    addrs = "".join(f"{a:#x}\n" for a, _, _ in insns)
    lines = subprocess.run(["arm-none-eabi-addr2line", "-e", elf, "-i", "-f", "-C", "-a"],
                           input=addrs, capture_output=True, text=True, check=True).stdout.splitlines()
    groups, i = [], 0
    while i < len(lines):
        if lines[i].startswith("0x"):
            g = []
            i += 1
            while i + 1 < len(lines) and not lines[i].startswith("0x"):
                g.append((lines[i], lines[i + 1].split(" ")[0]))
                i += 2
            groups.append(list(reversed(g)))
        else:
            i += 1
    if len(groups) != len(insns):
        sys.exit("inline_sizes.py: addr2line gave %d answers for %d instructions" % (len(groups), len(insns)))
    return groups


def ours(loc):
    return CRATE_SRC in loc and "/rustc/" not in loc and "/library/" not in loc


def short(fn, loc):
    return re.sub(r"<.*", "", fn)[:70] + " [" + re.sub(r".*/src/", "", loc).split(":")[0] + "]"


def tree(elf, want, depth, minimum):
    insns = instructions(elf, want)
    sizes = collections.Counter()
    for (_, n, _), chain in zip(insns, chains(elf, insns)):
        path = [short(f, l) for f, l in chain if ours(l)][:depth]
        sizes[" > ".join(path) or "(no line info)"] += n
    print("total", sum(sizes.values()), "bytes in symbols containing", want)
    for k, v in sizes.most_common():
        if v >= minimum:
            print(f"{v:6} {k}")


def copies(elf, minimum):
    insns = instructions(elf)
    size, places = collections.Counter(), collections.defaultdict(set)
    for (_, n, sym), chain in zip(insns, chains(elf, insns)):
        place = sym
        for j in range(1, len(chain)):
            fn, loc = chain[j]
            place += "|" + chain[j - 1][1]  # the call site identifies the copy
            if ours(loc):
                key = short(fn, loc)
                size[key] += n
                places[key].add(place)
    rows = sorted(((b, len(places[k]), k) for k, b in size.items() if len(places[k]) > 1 and b >= minimum), reverse=True)
    print(" bytes copies function")
    for b, c, k in rows:
        print(f"{b:6} {c:6} {k}")


def by_file(elf):
    insns = instructions(elf)
    sizes = collections.Counter()
    for (_, n, _), chain in zip(insns, chains(elf, insns)):
        mine = [loc for _, loc in chain if ours(loc) and "/src/" in loc and "newlib" not in loc]
        if mine:
            sizes[re.sub(r".*/src/", "", mine[-1]).split(":")[0]] += n
    return sizes


def files(elf, other):
    before = by_file(elf)
    if other is None:
        print("total", sum(before.values()), "bytes attributed to this crate's source files")
        for k, v in before.most_common():
            print(f"{v:6} {k}")
        return
    after = by_file(other)
    print(f"total {sum(before.values())} -> {sum(after.values())} bytes attributed to this crate's source files")
    rows = sorted(((after.get(k, 0) - before.get(k, 0), k) for k in set(before) | set(after)))
    for d, k in rows:
        if d:
            print(f"{d:+6} {k} ({before.get(k, 0)} -> {after.get(k, 0)})")


def main():
    if len(sys.argv) >= 4 and sys.argv[2] == "tree":
        depth = int(sys.argv[4]) if len(sys.argv) > 4 else 4
        minimum = int(sys.argv[5]) if len(sys.argv) > 5 else 30
        tree(sys.argv[1], sys.argv[3], depth, minimum)
    elif len(sys.argv) >= 3 and sys.argv[2] == "files":
        files(sys.argv[1], sys.argv[3] if len(sys.argv) > 3 else None)
    elif len(sys.argv) >= 3 and sys.argv[2] == "copies":
        copies(sys.argv[1], int(sys.argv[3]) if len(sys.argv) > 3 else 80)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
