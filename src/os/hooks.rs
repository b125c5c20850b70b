//! Calls into the hooks the application must provide (reference §1.5).
use super::sys;
use crate::config;
use crate::wire::SockAddr;

/// `xApplicationGetRandomNumber`.
pub fn random() -> Option<u32> {
    let mut v: u32 = 0;
    // SAFETY: the application's hook writes one uint32_t through the pointer.
    let ok = unsafe { sys::xApplicationGetRandomNumber(&mut v) };
    (ok != 0).then_some(v)
}

/// `ulApplicationGetNextSequenceNumber` (addresses and ports in network
/// order, as upstream passes them). The hook takes IPv4 addresses; another
/// family passes 0.0.0.0 (the IPv6 work decides what upstream passes).
pub fn initial_sequence(local: SockAddr, remote: SockAddr) -> u32 {
    let v4 = |a: SockAddr| a.addr.as_v4().map_or(0, |ip| u32::from_ne_bytes(ip.0));
    let (l, r) = (v4(local), v4(remote));
    // SAFETY: plain call into the application's hook.
    unsafe { sys::ulApplicationGetNextSequenceNumber(l, local.port.to_be(), r, remote.port.to_be()) }
}

/// `vApplicationPingReplyHook` (with `ipconfigSUPPORT_OUTGOING_PINGS`;
/// without it the application defines no such hook and replies are only
/// counted).
pub fn ping_reply(status: u8, ident: u16) {
    #[cfg(fptcp_outgoing_pings)]
    // SAFETY: the application defines the hook when it enables outgoing
    // pings; the status is one of ePingReplyStatus_t's values.
    unsafe {
        sys::vApplicationPingReplyHook(status as _, ident)
    };
    #[cfg(not(fptcp_outgoing_pings))]
    let _ = (status, ident);
}

/// The network event hook for one end-point (`eNetworkUp`/`eNetworkDown`).
pub fn network_event(up: bool, endpoint: *mut sys::NetworkEndPoint_t) {
    if !config::USE_NETWORK_EVENT_HOOK {
        return;
    }
    let ev = if up { sys::eNetworkUp } else { sys::eNetworkDown };
    // SAFETY: calls the application's hook with a registered end-point.
    unsafe { call_event_hook(ev as _, endpoint) };
}

#[cfg(not(fptcp_legacy_hook))]
unsafe fn call_event_hook(ev: sys::eIPCallbackEvent_t, endpoint: *mut sys::NetworkEndPoint_t) {
    // SAFETY: the application defines the _Multi hook in V4 builds.
    unsafe { sys::vApplicationIPNetworkEventHook_Multi(ev, endpoint) };
}

#[cfg(fptcp_legacy_hook)]
unsafe fn call_event_hook(ev: sys::eIPCallbackEvent_t, _endpoint: *mut sys::NetworkEndPoint_t) {
    // SAFETY: the legacy hook is declared with ipconfigIPv4_BACKWARD_COMPATIBLE.
    unsafe { sys::vApplicationIPNetworkEventHook(ev) };
}

/// The DHCP hook (`xApplicationDHCPHook_Multi`, or the legacy
/// `xApplicationDHCPHook` with `ipconfigIPv4_BACKWARD_COMPATIBLE`), called
/// by the IP task without the stack's lock. Without
/// `ipconfigUSE_DHCP_HOOK` the answer is always "continue".
pub fn dhcp(
    phase: crate::stack::dhcp::Phase,
    endpoint: *mut sys::NetworkEndPoint_t,
    ip: crate::wire::Ipv4Addr,
) -> crate::stack::dhcp::Answer {
    #[cfg(fptcp_dhcp_hook)]
    {
        use crate::stack::dhcp::{Answer, Phase};
        let p = match phase {
            Phase::PreDiscover => sys::eDHCPPhasePreDiscover,
            Phase::PreRequest => sys::eDHCPPhasePreRequest,
        };
        // SAFETY: calls the application's hook with a registered end-point
        // and an address that lives for the call.
        let answer = unsafe { call_dhcp_hook(p as _, endpoint, ip) };
        #[allow(clippy::unnecessary_cast)]
        match answer as i64 {
            a if a == sys::eDHCPUseDefaults as i64 => Answer::UseDefaults,
            a if a == sys::eDHCPStopNoChanges as i64 => Answer::StopNoChanges,
            _ => Answer::Continue,
        }
    }
    #[cfg(not(fptcp_dhcp_hook))]
    {
        let _ = (phase, endpoint, ip);
        crate::stack::dhcp::Answer::Continue
    }
}

#[cfg(all(fptcp_dhcp_hook, not(fptcp_legacy_hook)))]
unsafe fn call_dhcp_hook(
    phase: sys::eDHCPCallbackPhase_t,
    endpoint: *mut sys::NetworkEndPoint_t,
    ip: crate::wire::Ipv4Addr,
) -> sys::eDHCPCallbackAnswer_t {
    // SAFETY: zero is a valid IP_Address_t (a plain union of integers).
    let mut a: sys::IP_Address_t = unsafe { core::mem::zeroed() };
    a.ulIP_IPv4 = u32::from_ne_bytes(ip.0);
    // SAFETY: the application defines the _Multi hook in V4 builds; `a`
    // outlives the call.
    unsafe { sys::xApplicationDHCPHook_Multi(phase, endpoint, &mut a) }
}

#[cfg(all(fptcp_dhcp_hook, fptcp_legacy_hook))]
unsafe fn call_dhcp_hook(
    phase: sys::eDHCPCallbackPhase_t,
    _endpoint: *mut sys::NetworkEndPoint_t,
    ip: crate::wire::Ipv4Addr,
) -> sys::eDHCPCallbackAnswer_t {
    // SAFETY: the legacy hook is declared with ipconfigIPv4_BACKWARD_COMPATIBLE.
    unsafe { sys::xApplicationDHCPHook(phase, u32::from_ne_bytes(ip.0)) }
}

/// `pcApplicationHostnameHook()` with `ipconfigDHCP_REGISTER_HOSTNAME`,
/// copied into `buf` (at most its length, up to the NUL); the length.
pub fn hostname(buf: &mut [u8]) -> usize {
    #[cfg(fptcp_dhcp_hostname)]
    {
        // SAFETY: the application returns a NUL-terminated string (or NULL).
        let p = unsafe { sys::pcApplicationHostnameHook() };
        if p.is_null() {
            return 0;
        }
        let mut n = 0;
        for slot in buf.iter_mut() {
            // SAFETY: reads stop at the NUL, which the string must have;
            // never more than `buf.len()` bytes are read.
            let b = unsafe { *p.cast::<u8>().add(n) };
            if b == 0 {
                break;
            }
            *slot = b;
            n += 1;
        }
        n
    }
    #[cfg(not(fptcp_dhcp_hostname))]
    {
        let _ = buf;
        0
    }
}
