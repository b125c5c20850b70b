#!/usr/bin/env bash
# Tests of the CMake drop-in (top-level CMakeLists.txt, cmake/) and of the
# legacy V3 driver support (freertos-port/network/v3-compat):
#
#   1. refusals: an unknown FREERTOS_PLUS_TCP_NETWORK_IF (the message lists the
#      valid names and how to write a custom driver), a missing
#      freertos_config, A_CUSTOM_NETWORK_IF without freertos_plus_tcp_network_if,
#      FREERTOS_PLUS_TCP_BUFFER_ALLOCATION 3, an in-source build;
#   2. the V3 driver test (freertos-port/network/v3-compat/test): a V3-era
#      application on an unmodified V3 driver, built through the drop-in with
#      FREERTOS_PLUS_TCP_V3_DRIVER=ON, run with BufferAllocation_2 and _1;
#      binutils' nm lists the exports of the release build's archive
#      (scripts/check-archive);
#   3. rebuild tracking: the cargo step depends on the Rust sources, build.rs,
#      Cargo.toml, include/*.h and the application's configuration headers,
#      and an edited configuration header re-runs it;
#   4. the Rust target follows the C toolchain: a Cortex-M4F toolchain file
#      gives thumbv7em-none-eabihf (configure only; examples/build.sh builds
#      and runs the firmware).
#
# Needs no root. Usage: cmake/tests/run.sh
# Environment: CMAKE_TESTS_BUILD_DIR (default build/cmake-tests),
# FREERTOS_KERNEL_PATH.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${CMAKE_TESTS_BUILD_DIR:-$root/build/cmake-tests}"
kernel="${FREERTOS_KERNEL_PATH:-$("$root/scripts/kernel-dir")}"
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

pass=0
fail=0
ok() { pass=$((pass + 1)); printf '[cmake-tests] ok   %s\n' "$*"; }
bad() { fail=$((fail + 1)); printf '[cmake-tests] FAIL %s\n' "$*"; }

# expect_configure_failure NAME PATTERN... -- CMAKE-ARGS...
expect_configure_failure() {
    local name="$1" log="$tmp/$1.log"
    shift
    local patterns=()
    while [ "$1" != "--" ]; do patterns+=("$1"); shift; done
    shift
    if cmake "$@" >"$log" 2>&1; then
        bad "$name: configure succeeded, expected a refusal"
        return
    fi
    local p
    for p in "${patterns[@]}"; do
        if ! grep -q -- "$p" "$log"; then
            bad "$name: the message lacks '$p'"
            sed 's/^/    /' "$log" | tail -30
            return
        fi
    done
    ok "$name"
}

# A consumer project: configuration from the V3 test, kernel, the library.
# $1 = directory, $2 = extra CMake code after the library is added.
make_consumer() {
    mkdir -p "$1"
    cat >"$1/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.21)
project(consumer LANGUAGES C)
$3
set(FREERTOS_PORT GCC_POSIX CACHE STRING "")
set(FREERTOS_HEAP 3 CACHE STRING "")
add_subdirectory("$kernel" freertos_kernel EXCLUDE_FROM_ALL)
add_subdirectory("$root" freertos_plus_tcp EXCLUDE_FROM_ALL)
$2
EOF
}
config_lib="add_library(freertos_config INTERFACE)
target_include_directories(freertos_config SYSTEM INTERFACE \"$root/freertos-port/network/v3-compat/test/config\")"

# ---------------------------------------------------------------- 1. refusals

expect_configure_failure unknown-network-if \
    "FREERTOS_PLUS_TCP_NETWORK_IF is 'NXP1060'" LINUX_TAP MPS2_AN385 A_CUSTOM_NETWORK_IF \
    "add_library(freertos_plus_tcp_network_if STATIC" -- \
    -S "$root" -B "$tmp/b-unknown" -DFREERTOS_PLUS_TCP_NETWORK_IF=NXP1060 "-DFREERTOS_KERNEL_PATH=$kernel"

expect_configure_failure bad-buffer-allocation \
    "FREERTOS_PLUS_TCP_BUFFER_ALLOCATION is '3'" -- \
    -S "$root" -B "$tmp/b-bufalloc" -DFREERTOS_PLUS_TCP_BUFFER_ALLOCATION=3 "-DFREERTOS_KERNEL_PATH=$kernel"

# (Without the kernel's CMake, which has its own check for freertos_config.)
mkdir -p "$tmp/no-config"
cat >"$tmp/no-config/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.21)
project(consumer LANGUAGES C)
set(FREERTOS_KERNEL_PATH "$kernel")
add_subdirectory("$root" freertos_plus_tcp EXCLUDE_FROM_ALL)
EOF
expect_configure_failure missing-freertos-config \
    "needs the application's configuration" "FreeRTOSIPConfig.h" -- \
    -S "$tmp/no-config" -B "$tmp/b-no-config" -DFREERTOS_PLUS_TCP_NETWORK_IF=LINUX_TAP

make_consumer "$tmp/no-driver" "" "$config_lib"
expect_configure_failure custom-if-without-target \
    "defines no target" "freertos_plus_tcp_network_if" -- \
    -S "$tmp/no-driver" -B "$tmp/b-no-driver" -DFREERTOS_PLUS_TCP_NETWORK_IF=A_CUSTOM_NETWORK_IF

make_consumer "$tmp/v3-wrong-if" "" "$config_lib"
expect_configure_failure v3-needs-custom-if \
    "FREERTOS_PLUS_TCP_V3_DRIVER" "A_CUSTOM_NETWORK_IF" -- \
    -S "$tmp/v3-wrong-if" -B "$tmp/b-v3-wrong-if" -DFREERTOS_PLUS_TCP_NETWORK_IF=LINUX_TAP -DFREERTOS_PLUS_TCP_V3_DRIVER=ON

# In-source: on a copy of the build files (never in the repository itself).
mkdir -p "$tmp/insource"
cp -r "$root/CMakeLists.txt" "$root/cmake" "$tmp/insource/"
expect_configure_failure in-source-build "In-source builds" -- -S "$tmp/insource" -B "$tmp/insource"
if [ -d "$tmp/insource/CMakeFiles/3.25.1/CompilerIdC" ] || ls "$tmp/insource"/CMakeFiles/*/CompilerIdC >/dev/null 2>&1; then
    bad "in-source-build: compiler checks ran in the source tree"
else
    ok "in-source-build: refused before any compiler check"
fi

# ---------------------------------------------------------------- 2. V3 driver

# BufferAllocation_2 as a Debug build (cargo profile dev), _1 as release.
for ba in 2 1; do
    b="$out/v3-ba$ba"
    bt=Release
    [ "$ba" = 2 ] && bt=Debug
    if cmake -S "$root/freertos-port/network/v3-compat/test" -B "$b" -G Ninja "-DCMAKE_BUILD_TYPE=$bt" \
            "-DFREERTOS_KERNEL_PATH=$kernel" "-DFREERTOS_PLUS_TCP_BUFFER_ALLOCATION=$ba" \
            "-DFREERTOS_PLUS_TCP_CARGO_TARGET_DIR=$out/cargo" >"$tmp/v3-$ba.configure.log" 2>&1 &&
       cmake --build "$b" >"$tmp/v3-$ba.build.log" 2>&1; then
        ok "V3 driver test builds (BufferAllocation_$ba)"
        # The release archive the drop-in links: binutils' nm lists its exports.
        if [ "$bt" = Release ]; then
            if "$root/scripts/check-archive" "$b/freertos_plus_tcp/rust/libfreertos_plus_tcp.a" >"$tmp/nm-$ba.log" 2>&1; then
                ok "nm lists the release archive's exports: $(tail -1 "$tmp/nm-$ba.log")"
            else
                bad "nm on the release archive"
                sed 's/^/    /' "$tmp/nm-$ba.log"
            fi
        fi
        if timeout 60 "$b/test_v3_driver" >"$tmp/v3-$ba.run.log" 2>&1; then
            ok "V3 driver test passes (BufferAllocation_$ba): $(tail -1 "$tmp/v3-$ba.run.log")"
        else
            bad "V3 driver test (BufferAllocation_$ba)"
            sed 's/^/    /' "$tmp/v3-$ba.run.log"
        fi
    else
        bad "V3 driver test build (BufferAllocation_$ba)"
        cat "$tmp/v3-$ba.configure.log" "$tmp/v3-$ba.build.log" | grep -v '^ *Compiling' | tail -40 | sed 's/^/    /'
    fi
done

# ---------------------------------------------------------------- 3. rebuild tracking

b="$out/v3-ba2"
if [ -f "$b/build.ninja" ]; then
    stamp="$b/freertos_plus_tcp/rust/cargo.stamp"
    inputs="$(ninja -C "$b" -t query "$stamp" 2>/dev/null || true)"
    missing=""
    for f in src/lib.rs build.rs Cargo.toml include/FreeRTOS_IP.h include/NetworkInterface.h \
             freertos-port/network/v3-compat/test/config/FreeRTOSIPConfig.h \
             freertos-port/network/v3-compat/test/config/FreeRTOSConfig.h; do
        grep -q "$root/$f" <<<"$inputs" || missing="$missing $f"
    done
    for f in $(cd "$root" && ls src/*/*.rs | head -5); do
        grep -q "$root/$f" <<<"$inputs" || missing="$missing $f"
    done
    if [ -z "$missing" ]; then
        ok "the cargo step depends on src/**/*.rs, build.rs, Cargo.toml, include/*.h and the configuration"
    else
        bad "the cargo step does not depend on:$missing"
    fi
    # Real builds (a dry run stops at CMake's glob re-check): the cargo step
    # announces itself with "cargo build: FreeRTOS-Plus-TCP".
    cmake --build "$b" >"$tmp/rebuild1.log" 2>&1 || true
    if grep -q 'cargo build: FreeRTOS-Plus-TCP' "$tmp/rebuild1.log"; then
        bad "a second build ran the cargo step again with nothing changed"
    else
        ok "nothing changed: the cargo step does not run"
    fi
    # An edited configuration header (in this test's own folder) re-runs it.
    touch "$root/freertos-port/network/v3-compat/test/config/FreeRTOSIPConfig.h"
    cmake --build "$b" >"$tmp/rebuild2.log" 2>&1 || bad "rebuild after touching the configuration"
    if grep -q 'cargo build: FreeRTOS-Plus-TCP' "$tmp/rebuild2.log"; then
        ok "an edited FreeRTOSIPConfig.h re-runs the cargo step"
    else
        bad "an edited FreeRTOSIPConfig.h does not re-run the cargo step"
    fi
else
    bad "rebuild tracking: no V3 test build tree"
fi

# ---------------------------------------------------------------- 4. target triple

b="$tmp/cm4f"
if cmake -S "$root" -B "$b" -G Ninja "-DCMAKE_TOOLCHAIN_FILE=$root/cmake/arm-none-eabi-cm4f.cmake" \
        "-DFREERTOS_KERNEL_PATH=$kernel" >"$tmp/cm4f.log" 2>&1 &&
   grep -q 'Rust target thumbv7em-none-eabihf (from the C compiler)' "$tmp/cm4f.log" &&
   grep -q 'set(FPTCP_RUST_TARGET \[==\[thumbv7em-none-eabihf\]==\])' "$b/fptcp_cargo_params.cmake"; then
    ok "a Cortex-M4F toolchain file selects thumbv7em-none-eabihf"
else
    bad "Cortex-M4F toolchain file: thumbv7em-none-eabihf not selected"
    sed 's/^/    /' "$tmp/cm4f.log" | tail -20
fi

printf '[cmake-tests] %d passed, %d failed\n' "$pass" "$fail"
[ "$fail" -eq 0 ]
