//! The IP task's side of the DHCP client (`stack::dhcp` is the protocol):
//! which end-points get a client, the application's hook called without
//! the lock and its answer fed back, and the lease's addresses written
//! into the application's `NetworkEndPoint_t`.
#![forbid(unsafe_code)]

use crate::config;
use crate::os::hooks;
use crate::os::kernel;
use crate::os::netif::EndPointRef;
use crate::stack::dhcp::{Addresses, Phase};
use crate::stack::Stack;
use crate::time::Duration;
use crate::wire::Ipv4Addr;

use super::{with_stack, Global, KernelEnv};

/// Gives every end-point with `bWantDHCP` a client (at start-up, before
/// the IP task runs). False when the heap cannot hold them.
pub(crate) fn enable_clients(stack: &mut Stack, endpoints: &[EndPointRef]) -> bool {
    if !config::USE_DHCP {
        return true;
    }
    let s = &mut stack.dhcp.settings;
    s.hook = config::USE_DHCP_HOOK;
    s.link_local = config::DHCP_FALL_BACK_AUTO_IP;
    s.max_period = Duration(config::MAXIMUM_DISCOVER_TX_PERIOD);
    let mut name = [0u8; crate::wire::dhcp::MAX_HOSTNAME];
    let n = hooks::hostname(&mut name);
    s.set_hostname(name.get(..n).unwrap_or(&[]));
    for (i, ep) in endpoints.iter().enumerate() {
        if !ep.wants_dhcp() {
            continue;
        }
        let [ip, netmask, gateway, dns] = ep.defaults();
        if !stack.dhcp_enable(i, Addresses { ip, netmask, gateway, dns }) {
            return false;
        }
    }
    true
}

/// Copies end-point `index`'s addresses from the stack into its C struct
/// (lock held), and its up bit.
pub(crate) fn write_back(g: &mut Global, index: usize) {
    let (Some(ep), Some(e)) = (g.endpoints.get(index), g.stack.endpoints.get(index)) else { return };
    ep.set_ipv4(e.ip, e.netmask, e.gateway, e.dns);
    ep.set_up(e.up);
}

/// Calls the application's DHCP hook (no lock held) and gives the stack
/// its answer.
pub(crate) fn ask_hook(index: usize, ep: EndPointRef, phase: Phase, ip: Ipv4Addr) {
    let answer = hooks::dhcp(phase, ep.0, ip);
    with_stack(|g| {
        let mut env = KernelEnv { interfaces: &g.interfaces, endpoints: &g.endpoints };
        g.stack.dhcp_answer(index, phase, answer, kernel::now(), &mut env);
    });
}

/// The stack's index of a registered end-point.
fn index_of(g: &Global, ep: EndPointRef) -> Option<usize> {
    g.endpoints.iter().position(|e| e.0 == ep.0)
}

/// `vDHCPStop`: the end-point's client stops; its addresses stay.
pub fn stop(ep: EndPointRef) {
    with_stack(|g| {
        if let Some(i) = index_of(g, ep) {
            g.stack.dhcp_stop(i);
        }
    });
}

/// `vDHCPProcess(pdTRUE, ...)`: a new cycle for the end-point's client.
pub fn restart(ep: EndPointRef) {
    let restarted = with_stack(|g| index_of(g, ep).is_some_and(|i| g.stack.dhcp_restart(i, kernel::now())));
    if restarted == Some(true) {
        // The new address (0.0.0.0) and the timers take effect in the next cycle.
        super::wake_ip_task();
    }
}

/// The client's state (`eGetDHCPState`); None for an end-point without one.
pub fn state(ep: EndPointRef) -> Option<crate::stack::dhcp::State> {
    with_stack(|g| index_of(g, ep).and_then(|i| g.stack.dhcp_state(i))).flatten()
}
