#!/usr/bin/env python3
"""Prints the footprint figures from what bench/footprint built and ran.

    footprint_report.py BUILD_DIR CONFIG_RS UART_LOG COMPILER_VERSION RUSTC_VERSION

BUILD_DIR holds fp_with.map and fp_without.map (bench/fw); CONFIG_RS is the
configuration build.rs evaluated (OUT_DIR/config.rs); UART_LOG is the output
of fp_with.elf under QEMU ("FOOTPRINT ..." lines).
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mapsize  # noqa: E402

# Upstream FreeRTOS+TCP V4.4.1 (reference section 14.6): arm-none-eabi-gcc
# 12.2.1 -Os, function/data sections, objects summed before linking; IPv4 +
# TCP with windows + DHCP + DNS, no IPv6/RA, no printf.
UPSTREAM = {"text": 25320, "data": 7, "bss": 3214, "bss_descriptors": 2548, "socket": 444, "udp_socket": 88}
TARGET_FLASH = 40 * 1024


def fmt(n):
    return f"{n:,}"


def totals(sizes, groups=None):
    t = {}
    for g, per in sizes.items():
        if groups is not None and g not in groups:
            continue
        for s, n in per.items():
            t[s] = t.get(s, 0) + n
    return t


def flash_ram(t):
    flash = t.get(".text", 0) + t.get(".rodata", 0)
    extra = t.get(".ARM.exidx", 0) + t.get(".ARM.extab", 0) + t.get(".isr_vector", 0) + t.get(".init_arrays", 0)
    return flash, extra, t.get(".data", 0), t.get(".bss", 0)


def read_config(path):
    cfg = {}
    with open(path) as f:
        for line in f:
            m = re.match(r"pub const (\w+): \w+ = (.+);", line)
            if m:
                v = m.group(2)
                cfg[m.group(1)] = True if v == "true" else False if v == "false" else int(v)
    return cfg


def read_uart(path):
    rows = {}
    with open(path, errors="replace") as f:
        for line in f:
            if not line.startswith("FOOTPRINT "):
                continue
            parts = line.split()
            if len(parts) < 2:
                continue
            kv = {}
            for p in parts[2:]:
                if "=" in p:
                    k, v = p.split("=", 1)
                    kv[k] = v
            rows[parts[1]] = kv
    return rows


def module_of(name):
    """Where a Rust input section comes from, by its (mangled) name."""
    if name.startswith(".rodata.str") or name.startswith(".rodata..L"):
        return "string literals"
    if "compiler_builtins" in name or re.search(r"\.(mem(set|cpy|move|cmp)|bcmp|__aeabi_\w+|__udiv\w*|__\w+di3)$", name):
        return "compiler_builtins (memcpy, division, ...)"
    if re.search(r"5alloc|alloc\.\.", name):
        return "alloc (Vec and friends, monomorphised)"
    if re.search(r"4core|core\.\.|_ZN4core", name):
        if "fmt" in name or "do_count_chars" in name or "pad_integral" in name:
            return "core::fmt (formatting)"
        return "core (other)"
    m = re.search(r"17freertos_plus_tcp(\d+)", name)
    if m:
        rest = name[m.end(1):]
        n = int(m.group(1))
        return "freertos_plus_tcp::" + rest[:n]
    if "fptcp_shim" in name:
        return "C shim"
    if re.search(r"\.(FreeRTOS_\w+|(x|v|px|ux|ul|e|pc|pv|uc|us|l)[A-Z]\w*)$", name):
        return "freertos_plus_tcp::ffi"
    return "other"


def rust_path(name):
    """freertos_plus_tcp::a::b from a legacy or v0 mangled symbol, else the name."""
    m = re.search(r"17freertos_plus_tcp", name)
    if not m:
        return name.split(".")[-1][:60]
    parts, rest = ["freertos_plus_tcp"], name[m.end():]
    while True:
        d = re.match(r"(\d+)", rest)
        if not d:
            break
        n = int(d.group(1))
        seg = rest[d.end():d.end() + n]
        if re.fullmatch(r"h[0-9a-f]{16}", seg) or not seg:
            break
        parts.append(seg)
        rest = rest[d.end() + n:]
    return "::".join(parts)


def main():
    build, config_rs, uart_log, cc_version, rustc_version = sys.argv[1:6]
    with_sizes, with_syms = mapsize.parse(os.path.join(build, "fp_with.map"), True)
    without_sizes, _ = mapsize.parse(os.path.join(build, "fp_without.map"), False)
    cfg = read_config(config_rs)
    uart = read_uart(uart_log)

    # ---- what is in
    print("FreeRTOS+TCP (Rust) footprint on Cortex-M4F")
    print(f"  compilers: {cc_version} -Os, function/data sections; {rustc_version}, "
          "thumbv7em-none-eabihf, release profile (opt-level=\"z\", LTO, codegen-units=1)")
    print("  configuration: bench/fw/config/FreeRTOSIPConfig.h (V4.4.1 defaults otherwise), as build.rs read it:")
    on = lambda k: cfg.get(k, False)  # noqa: E731
    ins = ["IPv4", "ARP", "ICMP echo replies", "TCP client and server (listen backlog, child sockets, netstat)"]
    if on("USE_TCP_WIN"):
        ins.append("TCP sliding windows")
    if on("TCP_HANG_PROTECTION"):
        ins.append(f"hang protection ({cfg.get('TCP_HANG_PROTECTION_TIME_S')} s)")
    if on("TCP_KEEP_ALIVE"):
        ins.append("keep-alive")
    ins.append(f"BufferAllocation_2 with {cfg.get('NUM_NETWORK_BUFFER_DESCRIPTORS')} descriptors")
    ins.append(f"ARP cache {cfg.get('ARP_CACHE_ENTRIES')} entries")
    ins.append(f"MSS {cfg.get('TCP_MSS')}, stream buffers {cfg.get('TCP_RX_BUFFER_LENGTH')}/{cfg.get('TCP_TX_BUFFER_LENGTH')} B")
    if on("USE_DHCP"):
        ins.append("DHCP client")
    if on("USE_DNS"):
        ins.append("DNS client" + (" with callbacks" if on("DNS_USE_CALLBACKS") else ""))
    ins.append("UDP sockets")
    outs = []
    for key, label in [("USE_IPV6", "IPv6"), ("USE_RA", "RA"), ("USE_DHCP", "DHCP"), ("USE_DNS", "DNS"),
                       ("USE_LLMNR", "LLMNR"), ("USE_NBNS", "NBNS"), ("USE_MDNS", "mDNS"),
                       ("SUPPORT_SELECT_FUNCTION", "select"), ("USE_CALLBACKS", "callbacks"),
                       ("TCP_KEEP_ALIVE", "keep-alive"), ("HAS_PRINTF", "printf logging")]:
        if not on(key):
            outs.append(label)
    print("    in:  " + ", ".join(ins))
    print("    out: " + ", ".join(outs))

    # ---- sizes
    tw, tn = totals(with_sizes), totals(without_sizes)
    fw, fw_x, dw, bw = flash_ram(tw)
    fn, fn_x, dn, bn = flash_ram(tn)
    lib = totals(with_sizes, {"stack (Rust library)", "stack (C)"})
    fl, fl_x, dl, bl = flash_ram(lib)
    print()
    print("Static size (bytes; flash = .text + .rodata; static RAM = .data + .bss):")
    hdr = f"  {'':44} {'flash':>8} {'.data':>7} {'.bss':>8} {'(+exidx/vectors)':>17}"
    print(hdr)
    print(f"  {'image without the stack (fp_without.elf)':44} {fmt(fn):>8} {fmt(dn):>7} {fmt(bn):>8} {fmt(fn_x):>17}")
    print(f"  {'image with the stack (fp_with.elf)':44} {fmt(fw):>8} {fmt(dw):>7} {fmt(bw):>8} {fmt(fw_x):>17}")
    print(f"  {'difference = what the stack costs':44} {fmt(fw - fn):>8} {fmt(dw - dn):>7} {fmt(bw - bn):>8} {fmt(fw_x - fn_x):>17}")
    print("    of which (from the with-stack link map):")
    groups = ["stack (Rust library)", "stack (C)", "kernel", "C runtime", "driver", "app", "board", "padding", "other"]
    for g in groups:
        a = flash_ram(totals(with_sizes, {g}))
        b = flash_ram(totals(without_sizes, {g}))
        d = [a[i] - b[i] for i in range(4)]
        if any(d):
            label = {
                "stack (Rust library)": "libfreertos_plus_tcp.a (the stack)",
                "stack (C)": "the library's C objects",
                "kernel": "kernel functions only the stack uses",
                "C runtime": "newlib/libgcc functions only the stack uses",
                "driver": "stub driver (bench/fw/stub_driver.c)",
                "app": "the application's network code",
                "board": "board files",
                "padding": "alignment padding",
                "other": "other",
            }[g]
            print(f"      {label:42} {fmt(d[0]):>8} {fmt(d[2]):>7} {fmt(d[3]):>8} {fmt(d[1]):>17}")

    # ---- where the library's flash goes
    by_mod = {}
    for size, section, name in with_syms.get("stack (Rust library)", []):
        if section not in (".text", ".rodata"):
            continue
        k = module_of(name)
        by_mod[k] = by_mod.get(k, 0) + size
    print("    the library's flash by origin:")
    for k, v in sorted(by_mod.items(), key=lambda kv: -kv[1]):
        print(f"      {k:42} {fmt(v):>8}")
    big_bss = sorted([s for s in with_syms.get("stack (Rust library)", []) if s[1] in (".bss", ".data")], reverse=True)[:3]
    if big_bss:
        print("    the library's largest static RAM objects: " +
              "; ".join(f"{fmt(s)} B {rust_path(n)}" for s, _, n in big_bss))

    # ---- heap per socket
    print()
    first, nxt = uart.get("socket_first"), uart.get("socket_next7")
    if first and nxt:
        n_first = int(first["heap_used"])
        n_all = n_first + int(nxt["heap_used"])
        print("Heap per TCP socket (measured on the board: fp_with.elf under qemu-system-arm mps2-an386, heap_4,")
        print("pvPortMalloc() calls counted around FreeRTOS_socket(); no stream buffers exist before a connection):")
        print(f"  first socket:  {fmt(int(first['bytes']))} B requested in {first['calls']} blocks "
              f"(sizes {first['sizes']}), {fmt(n_first)} B of heap incl. heap_4 headers")
        print(f"  sockets 2..8:  {fmt(int(nxt['bytes']))} B requested in {nxt['calls']} blocks "
              f"(sizes {nxt['sizes']}; {nxt['frees']} freed), {fmt(int(nxt['heap_used']))} B of heap")
        print(f"  average over 8 sockets: {fmt(n_all // 8)} B of heap per TCP socket")
        udp = uart.get("udp_socket")
        if udp:
            print(f"  a UDP socket:  {fmt(int(udp['bytes']))} B requested in {udp['calls']} blocks "
                  f"(sizes {udp['sizes']}), {fmt(int(udp['heap_used']))} B of heap, made while the socket")
            print("                 table had free slots: its slot in the table (shared with TCP sockets) comes on top")
        bl_row = uart.get("bind_listen")
        if bl_row:
            print(f"  bind + listen: {bl_row['bytes']} B requested; after closing all 8: "
                  f"{uart.get('closed', {}).get('heap_returned', '?')} B returned to the heap")
        st = uart.get("stacks")
        if st:
            print(f"  task stacks: IP task used {fmt(int(st['ip_task_used']))} of {fmt(int(st['ip_task_size']))} B; "
                  f"the calling task used {fmt(int(st['app_task_used']))} B for socket/bind/listen/close")
    else:
        print("Heap per TCP socket: NOT MEASURED (fp_with.elf printed no FOOTPRINT lines; see the UART log)")
        n_all = None

    # ---- upstream
    print()
    print("Upstream FreeRTOS+TCP V4.4.1 (reference section 14.6; gcc 12.2.1 -Os, objects summed before linking,")
    print("IPv4 + TCP with windows + DHCP + DNS, no IPv6/RA, no printf):")
    print(f"  {fmt(UPSTREAM['text'])} B text (= .text + .rodata), {UPSTREAM['data']} B data, {fmt(UPSTREAM['bss'])} B bss "
          f"(of which {fmt(UPSTREAM['bss_descriptors'])} B buffer descriptors); "
          f"{UPSTREAM['socket']} B per TCP socket (sizeof FreeRTOS_Socket_t; its event group comes on top), "
          f"{UPSTREAM['udp_socket']} B per UDP socket (reference 11)")
    print(f"  this library, same rows: {fmt(fl)} B text, {fmt(dl)} B data, {fmt(bl)} B bss"
          + (f"; {fmt(n_all // 8)} B heap per TCP socket" if n_all else "")
          + (f", {fmt(int(uart['udp_socket']['heap_used']))} B per UDP socket" if "udp_socket" in uart else ""))
    same = all(on(k) for k in ("USE_DHCP", "USE_DNS")) and not on("USE_IPV6")
    print("  feature difference: " + ("none (both: IPv4, TCP with windows, UDP, DHCP, DNS); this" if same else
          "upstream's figure includes DHCP and DNS, which this configuration leaves out; this"))
    print("  library's figure includes the Rust runtime parts it uses (core, alloc, compiler_builtins) and")
    print("  its C shim; upstream's sum has no runtime (newlib/libgcc are not in it). Upstream's sum is of")
    print("  whole objects; this one is after --gc-sections with a typical client+server use of the API.")
    verdict = "met" if fl <= TARGET_FLASH else "NOT met"
    print()
    print(f"Target flash <= {fmt(TARGET_FLASH)} B (40 KB) for the library: {fmt(fl)} B -> {verdict}")


if __name__ == "__main__":
    main()
