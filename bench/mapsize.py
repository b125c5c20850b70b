#!/usr/bin/env python3
"""Sizes of a GNU ld map file's input sections, grouped by where they come from.

    mapsize.py FILE.map            prints JSON: {group: {section: bytes}}
    mapsize.py FILE.map --symbols  also the largest input sections per group

Output sections counted: .text, .rodata, .data, .bss, .ARM.exidx, .ARM.extab,
.isr_vector, .init_arrays (others, e.g. debug sections, are ignored).
Groups: stack (Rust library), stack (C), driver, kernel, C runtime (newlib,
libgcc, crt objects), board, app, padding (*fill* and alignment).
"""
import json
import re
import sys

COUNTED = {".text", ".rodata", ".data", ".bss", ".ARM.exidx", ".ARM.extab", ".isr_vector", ".init_arrays"}

OUTPUT_RE = re.compile(r"^(\.[A-Za-z0-9_.]+)\s+0x[0-9a-fA-F]+\s+0x[0-9a-fA-F]+")
OUTPUT_NAME_ONLY_RE = re.compile(r"^(\.[A-Za-z0-9_.]+)\s*$")
INPUT_RE = re.compile(r"^ (\S+)?\s+0x([0-9a-fA-F]+)\s+0x([0-9a-fA-F]+)\s+(\S.*)$")
FILL_RE = re.compile(r"^ \*fill\*\s+0x[0-9a-fA-F]+\s+0x([0-9a-fA-F]+)")


def group_of(path: str) -> str:
    p = path.replace("\\", "/")
    if "/rust/libfreertos_plus_tcp.a(" in p:
        return "stack (Rust library)"
    if "libfreertos_plus_tcp_network_if.a(" in p:
        return "driver"
    if "libfreertos_plus_tcp_v3_compat.a(" in p or "libfreertos_plus_tcp.a(" in p:
        return "stack (C)"
    if "libfreertos_kernel.a(" in p:
        return "kernel"
    if "/app.c." in p:
        return "app"
    if "/freertos-port/board/" in p or re.search(r"/(startup|uart|semihosting|syscalls)\.c\.", p):
        return "board"
    if re.search(r"lib(c|c_nano|g|g_nano|gcc|m|nosys)\.a\(", p) or re.search(r"/crt[^/]*\.o$", p):
        return "C runtime"
    return "other"


def parse(path: str, want_symbols: bool):
    sizes = {}
    symbols = {}
    current = None
    pending_name = None
    in_map = False
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("Linker script and memory map"):
                in_map = True
                continue
            if not in_map:
                continue
            m = OUTPUT_RE.match(line)
            if m:
                current = m.group(1)
                pending_name = None
                continue
            m = OUTPUT_NAME_ONLY_RE.match(line)
            if m and not line.startswith(" "):
                current = m.group(1)
                pending_name = None
                continue
            if current not in COUNTED:
                continue
            m = FILL_RE.match(line)
            if m:
                n = int(m.group(1), 16)
                sizes.setdefault("padding", {}).setdefault(current, 0)
                sizes["padding"][current] += n
                continue
            if line.startswith(" .") or line.startswith(" COMMON"):
                parts = line.split()
                if len(parts) == 1:
                    pending_name = parts[0]
                    continue
            m = INPUT_RE.match(line)
            if not m:
                continue
            name = m.group(1) or pending_name
            pending_name = None
            if name is None:
                continue  # a symbol line (address + name), not an input section
            size = int(m.group(3), 16)
            origin = m.group(4).strip()
            if size == 0 or origin.startswith("load address"):
                continue
            g = group_of(origin)
            sizes.setdefault(g, {}).setdefault(current, 0)
            sizes[g][current] += size
            if want_symbols:
                symbols.setdefault(g, []).append((size, current, name))
    return sizes, symbols


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    want = "--symbols" in sys.argv[2:]
    sizes, symbols = parse(sys.argv[1], want)
    out = {"sizes": sizes}
    if want:
        out["largest"] = {g: sorted(v, reverse=True)[:15] for g, v in symbols.items()}
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
