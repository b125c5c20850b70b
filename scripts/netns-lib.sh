# shellcheck shell=bash
# Shell functions for tests that need a private network namespace with a TAP
# device for the FreeRTOS+TCP program under test. Source it from bash:
#
#   . "$(dirname "$0")/../../scripts/netns-lib.sh"
#   fpt_netns_create                # sets FPT_NS and FPT_TAP, cleans up at exit
#   FPTCP_TAP=$FPT_TAP fpt_in_ns ./build/c-tests/some_program &
#   fpt_in_ns ping -c1 -W1 192.0.2.10
#
# Addressing (toolchain.md 6.3): TEST-NET-1 only, inside the namespace only.
# The Linux side of the TAP is $FPT_LINUX_ADDR (default 192.0.2.1/24); the
# program under test uses 192.0.2.10 by default. Nothing is added to the
# root namespace.
#
# Names are unique per run ("fpt<pid>_<n>"), so runs can share a machine. The
# TAP keeps its plain name ($FPTCP_TAP, default tap0): each namespace has its
# own set of device names. Interface names are checked to be <= 15 chars.
#
# Cleanup: fpt_on_exit registers commands that run, newest first, when the
# script exits, fails or is interrupted (EXIT trap; INT and TERM turn into an
# exit). Scripts using this library must register their own cleanups with
# fpt_on_exit instead of setting their own EXIT trap. Deleting a namespace
# also deletes the devices in it.
#
# Failures are loud: every function that cannot do its job prints why and
# exits the script with status 1. Nothing is ever skipped.

FPT_LINUX_ADDR="${FPT_LINUX_ADDR:-192.0.2.1/24}"
FPT_NS=""
FPT_TAP=""
fpt__cleanups=()
fpt__trap_set=""
fpt__seq=0

fpt_die() {
    echo "netns-lib: FAILED: $*" >&2
    exit 1
}

fpt__run_cleanups() {
    local i
    for ((i = ${#fpt__cleanups[@]} - 1; i >= 0; i--)); do
        eval "${fpt__cleanups[i]}" || true
    done
    fpt__cleanups=()
}

# fpt_on_exit COMMAND... : run COMMAND (a shell string) when the script ends.
fpt_on_exit() {
    fpt__cleanups+=("$*")
    if [ -z "$fpt__trap_set" ]; then
        trap 'fpt__run_cleanups' EXIT
        trap 'exit 130' INT
        trap 'exit 143' TERM
        fpt__trap_set=1
    fi
}

fpt_require_root() {
    [ "$(id -u)" = 0 ] || fpt_die "network namespaces and TAP devices need root (uid is $(id -u))"
    command -v ip >/dev/null || fpt_die "'ip' (iproute2) not found"
    [ -c /dev/net/tun ] || fpt_die "/dev/net/tun is missing: no TAP support on this machine"
}

# fpt_check_ifname NAME : fails unless NAME is a valid interface name.
fpt_check_ifname() {
    [ -n "$1" ] && [ ${#1} -le 15 ] && [[ "$1" =~ ^[A-Za-z0-9_.-]+$ ]] ||
        fpt_die "bad interface name '$1' (1..15 characters of [A-Za-z0-9_.-])"
}

# fpt_unique_name VAR PREFIX : sets VAR to PREFIX<pid><n>, at most 15
# characters, unique within this run (sets a variable rather than printing,
# so that the counter survives: $(...) would run in a subshell).
fpt_unique_name() {
    local name
    fpt__seq=$((fpt__seq + 1))
    name="$2$$${fpt__seq}"
    [ ${#name} -le 15 ] || name="${2:0:3}$$${fpt__seq}"
    fpt_check_ifname "$name"
    printf -v "$1" '%s' "$name"
}

# fpt_netns_create [TAP-NAME] : new namespace with loopback up and a TAP
# device (default $FPTCP_TAP or tap0) holding $FPT_LINUX_ADDR, link up.
# Sets FPT_NS and FPT_TAP; the namespace is deleted when the script exits.
# IPv6 is switched off in the namespace (no router solicitations or MLD
# frames on the wire) unless FPT_KEEP_IPV6=1.
fpt_netns_create() {
    local tap="${1:-${FPTCP_TAP:-tap0}}" ns
    fpt_require_root
    fpt_check_ifname "$tap"
    fpt__seq=$((fpt__seq + 1))
    ns="fpt$$_${fpt__seq}"
    ip netns add "$ns" || fpt_die "cannot create network namespace $ns"
    fpt_on_exit "ip netns del '$ns' 2>/dev/null"
    ip -n "$ns" link set lo up || fpt_die "cannot bring up lo in $ns"
    if [ "${FPT_KEEP_IPV6:-0}" != 1 ]; then
        ip netns exec "$ns" sh -c 'for f in /proc/sys/net/ipv6/conf/*/disable_ipv6; do echo 1 >"$f"; done' 2>/dev/null || true
    fi
    ip -n "$ns" tuntap add dev "$tap" mode tap || fpt_die "cannot create TAP device $tap in $ns"
    ip -n "$ns" addr add "$FPT_LINUX_ADDR" dev "$tap" || fpt_die "cannot add $FPT_LINUX_ADDR to $tap in $ns"
    ip -n "$ns" link set "$tap" up || fpt_die "cannot bring up $tap in $ns"
    FPT_NS="$ns"
    FPT_TAP="$tap"
}

# fpt_netns_delete [NS] : deletes the namespace (default $FPT_NS) now.
fpt_netns_delete() {
    local ns="${1:-$FPT_NS}"
    [ -n "$ns" ] || return 0
    ip netns del "$ns" 2>/dev/null || true
    [ "$ns" != "$FPT_NS" ] || FPT_NS=""
}

# fpt_in_ns COMMAND... : runs COMMAND inside $FPT_NS.
fpt_in_ns() {
    [ -n "$FPT_NS" ] || fpt_die "fpt_in_ns: no namespace (call fpt_netns_create first)"
    ip netns exec "$FPT_NS" "$@"
}
