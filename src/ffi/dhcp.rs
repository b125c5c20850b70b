//! The DHCPv4 calls of `FreeRTOS_DHCP.h` and `FreeRTOS_IP_Utils.h`
//! (the protocol is `stack::dhcp`, the IP task's side `ip_task::dhcp`).
//! Exported whatever the configuration: without `ipconfigUSE_DHCP` no
//! end-point has a client and each call does nothing (or says so).
use super::BaseType_t;
use crate::ip_task;
use crate::os::netif::EndPointRef;
use crate::os::sys;
use crate::stack::dhcp::State;

fn endpoint(p: *const sys::NetworkEndPoint_t) -> Option<EndPointRef> {
    (!p.is_null()).then_some(EndPointRef(p.cast_mut()))
}

/// `vDHCPProcess`: upstream's IP task runs each client through it. Here
/// the IP task runs the clients on their own timers; `xReset` = pdTRUE
/// starts a new cycle (no address until the new lease), pdFALSE does
/// nothing. An end-point without a client is ignored.
#[unsafe(no_mangle)]
pub extern "C" fn vDHCPProcess(xReset: BaseType_t, pxEndPoint: *mut sys::NetworkEndPoint_t) {
    if xReset != 0 {
        if let Some(ep) = endpoint(pxEndPoint) {
            ip_task::dhcp::restart(ep);
        }
    }
}

/// `vDHCPStop`: the end-point's client stops; its addresses stay as they
/// are (a lease is not released).
#[unsafe(no_mangle)]
pub extern "C" fn vDHCPStop(pxEndPoint: *mut sys::NetworkEndPoint_t) {
    if let Some(ep) = endpoint(pxEndPoint) {
        ip_task::dhcp::stop(ep);
    }
}

/// `xIsDHCPSocket`: always pdFALSE. The client sends and receives its
/// messages without a socket, so no socket handle can be one of its own.
#[unsafe(no_mangle)]
pub extern "C" fn xIsDHCPSocket(_xSocket: super::ConstSocket_t) -> BaseType_t {
    0
}

/// `eGetDHCPState`: where the end-point's client is, in upstream's terms
/// (eInitialWait for an end-point without one, or NULL).
#[unsafe(no_mangle)]
pub extern "C" fn eGetDHCPState(pxEndPoint: *const sys::NetworkEndPoint_t) -> sys::eDHCPState_t {
    let state = endpoint(pxEndPoint).and_then(ip_task::dhcp::state);
    (match state {
        None | Some(State::Idle) => sys::eInitialWait,
        Some(State::InitialWait | State::AskingDiscover) => sys::eWaitingSendFirstDiscover,
        Some(State::Selecting) => sys::eWaitingOffer,
        Some(State::AskingRequest | State::Requesting) => sys::eWaitingAcknowledge,
        Some(State::Bound | State::Renewing | State::Rebinding) => sys::eLeasedAddress,
        Some(State::Static) => sys::eNotUsingLeasedAddress,
        // eGetLinkLayerAddress, which the header defines just before
        // eLeasedAddress only with ipconfigDHCP_FALL_BACK_AUTO_IP (the only
        // build in which a client can be in this state).
        Some(State::LinkLocal) => sys::eLeasedAddress - 1,
    }) as sys::eDHCPState_t
}
