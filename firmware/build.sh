#!/usr/bin/env bash
# Builds the Cortex-M4F firmware images for QEMU mps2-an386:
#
#   firmware/build.sh            (run from anywhere; no root needed)
#
#  1. the Rust library for thumbv7em-none-eabihf, release, as a static library
#     alone (cargo rustc --crate-type staticlib, as the CMake target), with the board's
#     configuration (FPTCP_CONFIG_DIR=freertos-port/config/cm4f), twice:
#     BufferAllocation_2 (the default) in build/firmware/cargo and
#     BufferAllocation_1 (FPTCP_BUFFER_ALLOCATION=1) in build/firmware/
#     cargo-ba1 -- own target directories, so other builds of the library
#     with other settings cannot swap it underneath; and a third time with
#     config/cm4f-ext (this library's own options on: the CLOSE_WAIT reaper,
#     netstat diagnostics, the pcap capture) in build/firmware/cargo-ext for
#     fw-bad-ext-tap and fw-ext-slirp;
#  2. kernel (FreeRTOS-Kernel V11.2.0 from scripts/kernel-dir, ARM_CM4F port,
#     heap_4), board support, LAN9118 driver and application with
#     arm-none-eabi-gcc + newlib-nano (firmware/Makefile) into
#     build/firmware/*.elf;
#  3. prints arm-none-eabi-size for every image and fails unless each fits a
#     K63F: flash (text + data) <= 1 MiB, RAM (data + bss) <= 256 KiB. (The
#     linker script already refuses to link an image that does not fit;
#     this re-checks the result.) Also checks that memcpy/memset come from
#     newlib-nano (see the Makefile's note on link order).
#
# The cross build method (stable target, nightly build-std, Debian
# rustc-web) is the one scripts/install-deps recorded in .deps/cross-method.
#
# Environment: FPTCP_FIRMWARE_OUT (default build/firmware), JOBS (default 2).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="${FPTCP_FIRMWARE_OUT:-$root/build/firmware}"
jobs="${JOBS:-2}"
triple=thumbv7em-none-eabihf
flash_limit=$((1024 * 1024))
ram_limit=$((256 * 1024))

say() { printf '[firmware] %s\n' "$*"; }
die() {
    printf '[firmware] FAILED: %s\n' "$*" >&2
    exit 1
}

for tool in arm-none-eabi-gcc arm-none-eabi-size make cargo python3; do
    command -v "$tool" >/dev/null || die "'$tool' not found (scripts/install-deps installs the toolchain)"
done

kernel="$("$root/scripts/kernel-dir")" || die "scripts/kernel-dir failed"
[ -f "$kernel/portable/GCC/ARM_CM4F/port.c" ] || die "no ARM_CM4F port in $kernel"

# ------------------------------------------------------------ 1. the library
method="$(cat "$root/.deps/cross-method" 2>/dev/null || echo stable)"
export FPTCP_CONFIG_DIR="$root/freertos-port/config/cm4f"
export FREERTOS_KERNEL_PATH="$kernel"

# build_lib SCHEME TARGET-DIR: the library with FreeRTOS+TCP buffer
# allocation scheme SCHEME (1 or 2) into its own target directory.
build_lib() {
    local scheme="$1" dir="$2"
    say "library (BufferAllocation_$scheme): cargo rustc --crate-type staticlib --release --target $triple (method: $method, config: ${FPTCP_CONFIG_DIR#"$root"/})"
    case "$method" in
        stable)
            (cd "$root" && FPTCP_BUFFER_ALLOCATION="$scheme" CARGO_TARGET_DIR="$dir" \
                cargo rustc --lib --crate-type staticlib --release --target "$triple")
            ;;
        nightly-build-std)
            (cd "$root" && FPTCP_BUFFER_ALLOCATION="$scheme" CARGO_TARGET_DIR="$dir" \
                cargo +nightly rustc --lib --crate-type staticlib --release --target "$triple" -Zbuild-std=core,alloc)
            ;;
        rustc-web)
            local web="$root/.deps/rustc-web" libpath
            libpath="$(find "$web/usr/lib" -name '*.so*' -printf '%h\n' | sort -u | paste -sd: -)"
            (cd "$root" && FPTCP_BUFFER_ALLOCATION="$scheme" CARGO_TARGET_DIR="$dir" RUSTC="$web/usr/bin/rustc" \
                RUSTC_BOOTSTRAP=1 LD_LIBRARY_PATH="$libpath" cargo rustc --lib --crate-type staticlib --release --target "$triple" -Zbuild-std=core,alloc)
            ;;
        *)
            die "no way to build for $triple (.deps/cross-method says '$method'; run scripts/install-deps)"
            ;;
    esac
    [ -f "$dir/$triple/release/libfreertos_plus_tcp.a" ] || die "cargo did not produce $dir/$triple/release/libfreertos_plus_tcp.a"
}
lib="$out/cargo/$triple/release/libfreertos_plus_tcp.a"
lib_ba1="$out/cargo-ba1/$triple/release/libfreertos_plus_tcp.a"
lib_ext="$out/cargo-ext/$triple/release/libfreertos_plus_tcp.a"
build_lib 2 "$out/cargo"
build_lib 1 "$out/cargo-ba1"
FPTCP_CONFIG_DIR="$root/freertos-port/config/cm4f-ext" build_lib 2 "$out/cargo-ext"

# ------------------------------------------------------------ 2. the images
say "images: make -C firmware (kernel $(basename "$(dirname "$kernel")"))"
make -C "$root/firmware" -j"$jobs" --no-print-directory KERNEL="$kernel" RUSTLIB="$lib" RUSTLIB_BA1="$lib_ba1" \
    RUSTLIB_EXT="$lib_ext" OUT="$out" ||
    die "make failed (an image that does not fit 1 MB flash / 256 KB RAM fails here with 'region ... overflowed')"

# ------------------------------------------------------------ 3. sizes and checks
images=("$out"/fw-good-tap.elf "$out"/fw-bad-tap.elf "$out"/fw-good-slirp.elf "$out"/fw-good-dhcp.elf "$out"/fw-good-tap-ba1.elf
    "$out"/fw-bad-ext-tap.elf "$out"/fw-ext-slirp.elf "$out"/lan9118-irqprobe.elf)
# The select() and callbacks HTTP servers (FW_HTTP_STYLE 1 and 2).
images+=("$out"/fw-select-tap.elf "$out"/fw-callbacks-tap.elf)
arm-none-eabi-size "${images[@]}"
for elf in "${images[@]}"; do
    read -r text data bss _ < <(arm-none-eabi-size "$elf" | tail -n 1)
    flash=$((text + data))
    ram=$((data + bss))
    printf '[firmware] %-22s flash %7d of %7d B (%2d%%), RAM %6d of %6d B (%2d%%)\n' "$(basename "$elf")" \
        "$flash" "$flash_limit" $((flash * 100 / flash_limit)) "$ram" "$ram_limit" $((ram * 100 / ram_limit))
    [ "$flash" -le "$flash_limit" ] || die "$(basename "$elf"): $flash B of flash, more than a K63F has"
    [ "$ram" -le "$ram_limit" ] || die "$(basename "$elf"): $ram B of RAM, more than a K63F has"
done

# memcpy/memset and the EABI helpers must come from where the Makefile's
# link order says (newlib-nano's Armv7-M code), not by accident from
# compiler_builtins: in the map file, the input section a symbol is listed
# under names the archive member that defines it.
python3 - "$out/fw-good-tap.map" memcpy memset memmove __aeabi_memcpy __aeabi_memcpy4 __aeabi_memset <<'PYEOF' ||
import re, sys
lines = open(sys.argv[1]).read().splitlines()
bad = 0
for sym in sys.argv[2:]:
    owner = None
    for i, l in enumerate(lines):
        if re.fullmatch(r"\s+0x[0-9a-f]+\s+" + re.escape(sym), l):
            for k in range(i - 1, max(i - 400, 0), -1):
                m = re.search(r"([\w.+-]+\.a)\(", lines[k])
                if m:
                    owner = m.group(1)
                    break
                if re.search(r"\.o$", lines[k].strip()):
                    owner = lines[k].strip().split("/")[-1]
                    break
            break
    print("[firmware] %-16s from %s" % (sym, owner))
    bad += owner != "libc_nano.a"
sys.exit(1 if bad else 0)
PYEOF
    die "memory functions do not all come from newlib-nano (link order changed?)"
say "done: $(printf '%s ' "${images[@]#"$root"/}")"
