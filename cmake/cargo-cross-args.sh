#!/usr/bin/env bash
# Prints, one per line, the CMake -D arguments that make the library's cargo
# step build for the board the way scripts/install-deps found to work
# (.deps/cross-method: stable | nightly-build-std | rustc-web | none).
# For scripts that configure Cortex-M4F projects with the CMake drop-in:
#
#   mapfile -t args < <(cmake/cargo-cross-args.sh)
#   cmake -S ... -DCMAKE_TOOLCHAIN_FILE=... "${args[@]}"
#
# "stable" (or no file) needs no arguments. "none" prints nothing either: the
# cargo step then fails with rustup's own message about the missing target.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
method="$(cat "$root/.deps/cross-method" 2>/dev/null || echo stable)"
case "$method" in
    nightly-build-std)
        echo "-DFREERTOS_PLUS_TCP_CARGO_TOOLCHAIN=nightly"
        echo "-DFREERTOS_PLUS_TCP_CARGO_FLAGS=-Zbuild-std=core,alloc"
        ;;
    rustc-web)
        dir="$root/.deps/rustc-web"
        libpath="$(find "$dir/usr/lib" -name '*.so*' -printf '%h\n' | sort -u | paste -sd: -)"
        echo "-DFREERTOS_PLUS_TCP_CARGO_ENV=RUSTC=$dir/usr/bin/rustc;RUSTC_BOOTSTRAP=1;LD_LIBRARY_PATH=$libpath"
        echo "-DFREERTOS_PLUS_TCP_CARGO_FLAGS=-Zbuild-std=core,alloc"
        ;;
    *)
        ;;
esac
