//! Calls into the hooks the application must provide (reference §1.5).
use super::sys;
use crate::config;
use crate::wire::SockAddrV4;

/// `xApplicationGetRandomNumber`.
pub fn random() -> Option<u32> {
    let mut v: u32 = 0;
    // SAFETY: the application's hook writes one uint32_t through the pointer.
    let ok = unsafe { sys::xApplicationGetRandomNumber(&mut v) };
    (ok != 0).then_some(v)
}

/// `ulApplicationGetNextSequenceNumber` (addresses and ports in network
/// order, as upstream passes them).
pub fn initial_sequence(local: SockAddrV4, remote: SockAddrV4) -> u32 {
    let l = u32::from_ne_bytes(local.addr.0);
    let r = u32::from_ne_bytes(remote.addr.0);
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
