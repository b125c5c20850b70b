#!/usr/bin/env bash
# Builds (and smoke-runs) the example projects the way a firmware team that
# vendors its dependencies would:
#
#   1. vendor/  FreeRTOS-Kernel-V11.2.0.tar.gz   (the freertos-next crate's tree,
#                                                 scripts/kernel-dir)
#               freertos-plus-tcp-rust.tar.gz    (this repository's library
#                                                 files, from the working tree)
#   2. examples/mps2-an386  configured with cmake/arm-none-eabi-cm4f.cmake and
#      built: the firmware image echo_firmware.elf (Cortex-M4F);
#   3. examples/posix       configured and built for the host: echo_host;
#   4. unless --no-run: boots the firmware in qemu-system-arm (mps2-an386,
#      user-mode networking, port forward on 127.0.0.1) and echoes a line
#      through it; runs echo_host in a network namespace on a TAP device
#      (needs root) and echoes a line through it.
#
# Usage: examples/build.sh [--no-run]
# Environment: EXAMPLES_BUILD_DIR (default build/examples), FREERTOS_KERNEL_PATH.
# Exit status 0 only if everything built (and every smoke run echoed).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="${EXAMPLES_BUILD_DIR:-$root/build/examples}"
run=1
case "${1:-}" in
    --no-run) run=0 ;;
    "") ;;
    *) echo "usage: $0 [--no-run]" >&2; exit 2 ;;
esac

say() { printf '[examples] %s\n' "$*"; }
die() { printf '[examples] FAILED: %s\n' "$*" >&2; exit 1; }

mkdir -p "$out/vendor"
kernel="${FREERTOS_KERNEL_PATH:-$("$root/scripts/kernel-dir")}"
[ -f "$kernel/include/task.h" ] || die "no FreeRTOS kernel at $kernel"

# ---------------------------------------------------------------- 1. vendor

# The kernel archive never changes once made.
if [ ! -f "$out/vendor/FreeRTOS-Kernel-V11.2.0.tar.gz" ]; then
    tar -C "$(dirname "$kernel")" -czf "$out/vendor/FreeRTOS-Kernel-V11.2.0.tar.gz.tmp" "$(basename "$kernel")"
    mv "$out/vendor/FreeRTOS-Kernel-V11.2.0.tar.gz.tmp" "$out/vendor/FreeRTOS-Kernel-V11.2.0.tar.gz"
fi

# The library as a release archive would hold it: what a consumer builds
# from (no tests, examples, CI files or build output).
lib_paths=(CMakeLists.txt cmake Cargo.toml Cargo.lock build.rs cbindgen.toml src include freertos-port
           README.md COMPAT.md ARCHITECTURE.md scripts/kernel-dir tools/kernel-src)
present=()
for p in "${lib_paths[@]}"; do
    [ -e "$root/$p" ] && present+=("$p")
done
tar -C "$root" --exclude=target --exclude='*.pcap' --exclude='freertos-port/network/v3-compat/test' \
    --transform 's,^,freertos-plus-tcp/,' --sort=name -czf "$out/vendor/freertos-plus-tcp-rust.tar.gz.tmp" "${present[@]}"
if [ -f "$out/vendor/freertos-plus-tcp-rust.tar.gz" ] &&
   cmp -s <(tar -xzOf "$out/vendor/freertos-plus-tcp-rust.tar.gz" | sha256sum) \
          <(tar -xzOf "$out/vendor/freertos-plus-tcp-rust.tar.gz.tmp" | sha256sum) &&
   [ "$(tar -tzf "$out/vendor/freertos-plus-tcp-rust.tar.gz" | sha256sum)" = \
     "$(tar -tzf "$out/vendor/freertos-plus-tcp-rust.tar.gz.tmp" | sha256sum)" ]; then
    rm "$out/vendor/freertos-plus-tcp-rust.tar.gz.tmp"
    changed=0
else
    mv "$out/vendor/freertos-plus-tcp-rust.tar.gz.tmp" "$out/vendor/freertos-plus-tcp-rust.tar.gz"
    changed=1
fi
say "vendor archives in $out/vendor (library archive $([ $changed = 1 ] && echo updated || echo unchanged))"

# FetchContent unpacks an URL once per build tree; a new archive means a
# fresh copy.
refetch() { # build-dir
    if [ "$changed" = 1 ]; then
        rm -rf "$1/_deps/freertos_plus_tcp-src" "$1/_deps/freertos_plus_tcp-build" "$1/_deps/freertos_plus_tcp-subbuild"
    fi
}

# One cargo target directory for both examples (build dependencies are
# compiled once).
common=(-G Ninja "-DVENDOR_DIR=$out/vendor" "-DFREERTOS_PLUS_TCP_CARGO_TARGET_DIR=$out/cargo")

# ---------------------------------------------------------------- 2. firmware

mapfile -t cross < <("$root/cmake/cargo-cross-args.sh")
refetch "$out/mps2-an386"
say "configure examples/mps2-an386 (Cortex-M4F)"
cmake -S "$root/examples/mps2-an386" -B "$out/mps2-an386" "${common[@]}" \
      "-DCMAKE_TOOLCHAIN_FILE=$root/cmake/arm-none-eabi-cm4f.cmake" "${cross[@]}" >"$out/mps2-an386.configure.log" 2>&1 ||
    { cat "$out/mps2-an386.configure.log"; die "configure of examples/mps2-an386"; }
say "build examples/mps2-an386"
cmake --build "$out/mps2-an386" || die "build of examples/mps2-an386"
fw="$out/mps2-an386/echo_firmware.elf"
[ -f "$fw" ] || die "no $fw"

# ---------------------------------------------------------------- 3. host

refetch "$out/posix"
say "configure examples/posix (host)"
cmake -S "$root/examples/posix" -B "$out/posix" "${common[@]}" >"$out/posix.configure.log" 2>&1 ||
    { cat "$out/posix.configure.log"; die "configure of examples/posix"; }
say "build examples/posix"
cmake --build "$out/posix" || die "build of examples/posix"
host="$out/posix/echo_host"
[ -f "$host" ] || die "no $host"

if [ "$run" = 0 ]; then
    say "built both examples (not run: --no-run)"
    exit 0
fi

# ---------------------------------------------------------------- 4. smoke runs

# echo_check HOST PORT [PREFIX...]: sends one line, expects it back.
echo_check() {
    local host="$1" port="$2" line got
    shift 2
    line="echo-check $$ $RANDOM"
    got="$("$@" python3 - "$host" "$port" "$line" <<'EOF'
import socket, sys, time
host, port, line = sys.argv[1], int(sys.argv[2]), sys.argv[3]
deadline = time.time() + 20
while True:
    try:
        s = socket.create_connection((host, port), timeout=2)
        s.settimeout(5)
        s.sendall((line + "\n").encode())
        data = b""
        while not data.endswith(b"\n"):
            chunk = s.recv(256)
            if not chunk:
                break
            data += chunk
        s.close()
        if data:
            print(data.decode().rstrip("\n"))
            sys.exit(0)
    except OSError:
        pass
    if time.time() > deadline:
        sys.exit(1)
    time.sleep(0.5)
EOF
)" || true
    [ "$got" = "$line" ]
}

# Firmware under QEMU, user-mode networking (no root), forward on 127.0.0.1.
command -v qemu-system-arm >/dev/null || die "qemu-system-arm not installed (scripts/install-deps)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
uart="$out/mps2-an386/uart.log"
: >"$uart"
timeout 60 qemu-system-arm -M mps2-an386 -display none -monitor none -serial "file:$uart" \
    -semihosting-config enable=on,target=native -kernel "$fw" \
    -nic "user,model=lan9118,hostfwd=tcp:127.0.0.1:$port-:7" </dev/null &
qemu=$!
if echo_check 127.0.0.1 "$port"; then fw_ok=1; else fw_ok=0; fi
kill "$qemu" 2>/dev/null || true
wait "$qemu" 2>/dev/null || true
sed 's/^/[examples]   uart: /' "$uart"
[ "$fw_ok" = 1 ] || die "the firmware under QEMU did not echo (UART log above)"
say "mps2-an386 firmware under QEMU echoed a line through 127.0.0.1:$port"

# Host program on a TAP in a private namespace.
[ "$(id -u)" = 0 ] || die "the host example needs root for its network namespace (or use --no-run)"
(
    # shellcheck source=../scripts/netns-lib.sh
    . "$root/scripts/netns-lib.sh"
    fpt_netns_create tap0
    FPTCP_TAP="$FPT_TAP" ip netns exec "$FPT_NS" "$host" >"$out/posix/run.log" 2>&1 &
    prog=$!
    fpt_on_exit "kill $prog 2>/dev/null || true"
    if echo_check 192.0.2.10 7 ip netns exec "$FPT_NS"; then
        sed 's/^/[examples]   host: /' "$out/posix/run.log"
        exit 0
    fi
    sed 's/^/[examples]   host: /' "$out/posix/run.log"
    exit 1
) || die "the host example in a network namespace did not echo (log above)"
say "posix example on a TAP device echoed a line through 192.0.2.10:7"
say "all examples built and ran"
