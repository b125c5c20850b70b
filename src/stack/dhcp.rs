//! The DHCPv4 client of each end-point that wants one (`bWantDHCP`;
//! reference §14.8 for upstream's measured behaviour, RFC 2131 for the
//! rest, docs/dhcp.md for the choices).
//!
//! A pure state machine per end-point: messages come in through
//! [`Stack::dhcp_receive`] (called by `input` for UDP to port 68 before
//! the usual address checks, since an OFFER may be sent to the address we
//! do not have yet), timers run from `poll`, and what the application must
//! hear (the DHCP hook, `eNetworkUp`, new addresses for its
//! `NetworkEndPoint_t`) leaves as [`Notice`]s that the IP task delivers
//! without the lock; the hook's answer comes back through
//! [`Stack::dhcp_answer`].
//!
//! Upstream's timings are kept where the application can see them: the
//! first DISCOVER 250 ms after the interface comes up, retransmissions
//! after 5 s doubling up to `ipconfigMAXIMUM_DISCOVER_TX_PERIOD`, then the
//! static (default) configuration for good; the hook before the first
//! DISCOVER and before the REQUEST; `eNetworkUp` after every ACK.
//! On the wire we follow RFC 2131 where upstream does not: renewal at T1
//! (option 58, else half the lease) by unicast to the server with
//! `ciaddr`, rebinding at T2 (option 59, else 7/8) by broadcast, and the
//! address dropped when the lease ends.
#![forbid(unsafe_code)]

use alloc::vec::Vec;

use crate::os::fallible::try_push;
use crate::stack::{count, Endpoint, Env, Notice, Stack};
use crate::time::{Duration, Instant};
use crate::wire::dhcp::{self, MessageType, Reject, Reply, Request};
use crate::wire::{udp, Ipv4Addr, MacAddr};

/// Whether the DHCP client is built in: with `ipconfigUSE_DHCP` 0 the
/// stack never calls into it, so the board image does not carry it (the
/// host tests always have it).
pub(crate) const BUILT_IN: bool = cfg!(any(test, feature = "fuzzing", fptcp_dhcp));

/// Whether the link-local fallback (`ipconfigDHCP_FALL_BACK_AUTO_IP`) is
/// built in; off, the image does not carry it.
const LINK_LOCAL_BUILT_IN: bool = crate::config::RUNTIME_SETTINGS || crate::config::DHCP_FALL_BACK_AUTO_IP;

// The application's options decide in a firmware build (constants the
// compiler folds); host tests and fuzz targets change `DhcpSettings`.
use crate::config::RUNTIME_SETTINGS;

impl DhcpSettings {
    /// `ipconfigUSE_DHCP_HOOK`.
    fn hook_on(&self) -> bool {
        if RUNTIME_SETTINGS {
            self.hook
        } else {
            crate::config::USE_DHCP_HOOK
        }
    }

    /// `ipconfigMAXIMUM_DISCOVER_TX_PERIOD`, in ticks.
    fn max_tx_period(&self) -> Duration {
        if RUNTIME_SETTINGS {
            self.max_period
        } else {
            Duration(crate::config::MAXIMUM_DISCOVER_TX_PERIOD)
        }
    }
}

/// Whether requests may carry the host name (`ipconfigDHCP_REGISTER_HOSTNAME`;
/// without it the name stays empty, and the constant tells the compiler so).
const HOSTNAME_BUILT_IN: bool = crate::config::RUNTIME_SETTINGS || crate::config::DHCP_REGISTER_HOSTNAME;

/// Room for the host name in the settings: none without it (the stack's
/// structure is then built without the 56-byte buffer).
const HOSTNAME_CAP: usize = if HOSTNAME_BUILT_IN { dhcp::MAX_HOSTNAME } else { 0 };

/// How long a link-local address is announced before it is taken, and how
/// much random time is added (upstream: 3 s + 0..1023 ms).
const LINK_LOCAL_PROBE_MS: u64 = 3000;
const LINK_LOCAL_JITTER_MS: u32 = 0x3ff;

/// Delay before the first DISCOVER (upstream's `dhcpINITIAL_TIMER_PERIOD`).
pub const INITIAL_WAIT_MS: u64 = 250;
/// First retransmission period (`dhcpINITIAL_DHCP_TX_PERIOD`); it doubles.
pub const FIRST_PERIOD_MS: u64 = 5_000;
/// The shortest lease honoured (`dhcpMINIMUM_LEASE_TIME`): a shorter one
/// (even 0) would make the client renew in a tight loop.
pub const MINIMUM_LEASE_S: u32 = 60;
/// The longest finite lease counted, in seconds: `u32::MAX` ms (49.7 days),
/// what `TickRate::ms_wide` converts; a longer lease is renewed as one this
/// long (infinite leases, `u32::MAX` s, have no timer at all).
pub const MAX_LEASE_S: u32 = u32::MAX / 1000;

/// When the application's hook is asked (`eDHCPCallbackPhase_t`).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Phase {
    PreDiscover,
    PreRequest,
}

/// The hook's answer (`eDHCPCallbackAnswer_t`).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Continue,
    UseDefaults,
    StopNoChanges,
}

/// Where a client is (RFC 2131 figure 5, plus the waits for the hook).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum State {
    /// The interface is down (or never came up).
    Idle,
    /// Waiting 250 ms before the first DISCOVER.
    InitialWait,
    /// The hook was asked before the first DISCOVER.
    AskingDiscover,
    /// DISCOVER sent, waiting for an OFFER.
    Selecting,
    /// The hook was asked before the REQUEST.
    AskingRequest,
    /// REQUEST sent, waiting for the ACK.
    Requesting,
    Bound,
    Renewing,
    Rebinding,
    /// Using the static (default) configuration; no more DHCP until the
    /// interface goes down and up again.
    Static,
    /// No server answered and `ipconfigDHCP_FALL_BACK_AUTO_IP` is on: a
    /// random 169.254.x.y was announced (gratuitous ARP); it is taken when
    /// no other host claims it before the timer (RFC 3927, as upstream
    /// does it). Then `Static`.
    LinkLocal,
}

/// The static configuration (`ipv4_defaults`) and the lease's values.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Addresses {
    pub ip: Ipv4Addr,
    pub netmask: Ipv4Addr,
    pub gateway: Ipv4Addr,
    pub dns: Ipv4Addr,
}

/// What the application must hear about a client (bits of `pending`).
const PENDING_HOOK: u8 = 1;
const PENDING_UP: u8 = 2;
const PENDING_ADDRESSES: u8 = 4;

pub struct Client {
    pub endpoint: usize,
    pub defaults: Addresses,
    pub state: State,
    xid: u32,
    /// The address of the OFFER being requested (its server is `server`);
    /// only the address is kept, not the whole reply. 0.0.0.0 for none (an
    /// OFFER of 0.0.0.0 is refused).
    offer: Ipv4Addr,
    server: Ipv4Addr,
    /// The server's MAC, when its ACK came from the server itself (not a
    /// relay): renewals go there by unicast. Learnt here rather than put
    /// into the ARP cache, which only ARP itself fills.
    server_mac: Option<MacAddr>,
    period: Duration,
    /// The next timer, if any.
    next: Option<Instant>,
    /// Upstream alternates the broadcast flag between DISCOVERs, so a
    /// server that cannot reach an unconfigured host by unicast gets a
    /// second chance.
    broadcast_flag: bool,
    /// The lease's end, in ticks after `lease_base`; T1 (renew) and T2
    /// (rebind) come when that many ticks are left. The 32-bit clock cannot
    /// hold a deadline further than `time::HORIZON` away (12.4 days at
    /// 1 kHz, 17.9 minutes at 1 MHz) while a lease may last 49 days: so the
    /// end counts down, and the lease timer, which wakes at least every
    /// `HORIZON` while leased, moves `lease_base` to its `now` each time
    /// (`dhcp_lease_timer`). With an infinite lease `next` is off and these
    /// are not read.
    lease_base: Instant,
    end: LeaseTicks,
    t1_left: LeaseTicks,
    t2_left: LeaseTicks,
    pending: u8,
    /// The address the hook is asked about.
    hook_ip: Ipv4Addr,
    /// Another host claimed the link-local address being tried.
    clash: bool,
}

/// Messages ignored, by reason, and the protocol's progress.
#[derive(Clone, Copy, Debug, Default)]
pub struct DhcpCounters {
    pub bad_format: u32,
    pub bad_options: u32,
    pub bad_message_type: u32,
    pub wrong_transaction: u32,
    pub wrong_hardware_address: u32,
    pub bad_address: u32,
    /// Valid, but not what the client waits for in its state.
    pub unexpected: u32,
    pub discovers: u32,
    pub requests: u32,
    pub acks: u32,
    pub naks: u32,
    /// Times the static configuration was taken.
    pub fallbacks: u32,
    /// Link-local addresses tried, and those another host claimed.
    pub link_local_tries: u32,
    pub link_local_clashes: u32,
}

/// Settings from the application's configuration.
#[derive(Clone, Copy, Debug)]
pub struct DhcpSettings {
    /// `ipconfigUSE_DHCP_HOOK`.
    pub hook: bool,
    /// `ipconfigDHCP_FALL_BACK_AUTO_IP`: a link-local address instead of
    /// the static one when no server answers.
    pub link_local: bool,
    /// `ipconfigMAXIMUM_DISCOVER_TX_PERIOD`, in ticks.
    pub max_period: Duration,
    /// `pcApplicationHostnameHook()` with `ipconfigDHCP_REGISTER_HOSTNAME`.
    pub hostname: [u8; HOSTNAME_CAP],
    pub hostname_len: usize,
}

impl Default for DhcpSettings {
    fn default() -> DhcpSettings {
        DhcpSettings {
            hook: false,
            link_local: false,
            max_period: Duration(30_000),
            hostname: [0; HOSTNAME_CAP],
            hostname_len: 0,
        }
    }
}

impl DhcpSettings {
    pub fn set_hostname(&mut self, name: &[u8]) {
        self.hostname_len = crate::os::mem::copy_bytes(&mut self.hostname, name);
    }
}

#[derive(Default)]
pub struct DhcpState {
    clients: Vec<Client>,
    pub settings: DhcpSettings,
    pub counters: DhcpCounters,
}

impl DhcpState {
    pub fn client(&self, endpoint: usize) -> Option<&Client> {
        self.clients.iter().find(|c| c.endpoint == endpoint)
    }

    fn client_mut(&mut self, endpoint: usize) -> Option<&mut Client> {
        self.clients.iter_mut().find(|c| c.endpoint == endpoint)
    }
}

/// Doubles a period (saturating). Out of line: three callers.
#[inline(never)]
fn double(d: Duration) -> Duration {
    Duration(d.0.saturating_mul(2))
}

impl Stack {
    /// Gives end-point `endpoint` a DHCP client with static configuration
    /// `defaults`; it starts when the interface comes up
    /// ([`Stack::dhcp_interface_up`]). False when the heap cannot hold it.
    pub fn dhcp_enable(&mut self, endpoint: usize, defaults: Addresses) -> bool {
        if !BUILT_IN {
            return false;
        }
        if self.dhcp.client(endpoint).is_some() {
            return true;
        }
        let c = Client {
            endpoint,
            defaults,
            state: State::Idle,
            xid: 0,
            offer: Ipv4Addr::UNSPECIFIED,
            server: Ipv4Addr::UNSPECIFIED,
            server_mac: None,
            period: Duration::ZERO,
            next: None,
            broadcast_flag: false,
            lease_base: Instant::ZERO,
            end: 0,
            t1_left: 0,
            t2_left: 0,
            pending: 0,
            hook_ip: Ipv4Addr::UNSPECIFIED,
            clash: false,
        };
        // Exactly one more: the usual growth would reserve room for four
        // clients (about 200 bytes each) for the one end-point that has DHCP.
        self.dhcp.clients.try_reserve_exact(1).is_ok() && try_push(&mut self.dhcp.clients, c).is_ok()
    }

    /// Whether end-point `endpoint` gets its address by DHCP (the IP task
    /// then leaves its `eNetworkUp` to the client).
    pub fn dhcp_manages(&self, endpoint: usize) -> bool {
        self.dhcp.client(endpoint).is_some()
    }

    /// The clients' settings (the IP task fills them from the ipconfig
    /// values; tests and fuzz targets set them directly).
    pub fn dhcp_settings_mut(&mut self) -> &mut DhcpSettings {
        &mut self.dhcp.settings
    }

    pub fn dhcp_state(&self, endpoint: usize) -> Option<State> {
        self.dhcp.client(endpoint).map(|c| c.state)
    }

    /// Interface `iface` came up: its clients start a new cycle, their
    /// end-points without an address (and down) until a lease or the
    /// fallback.
    pub fn dhcp_interface_up(&mut self, iface: usize, now: Instant) {
        let wait = self.cfg.tick_rate.ms(INITIAL_WAIT_MS);
        for c in self.dhcp.clients.iter_mut() {
            if let Some(ep) = self.endpoints.get_mut(c.endpoint).filter(|e| e.interface == iface) {
                reset(c, ep, now + wait);
            }
        }
    }

    /// `vDHCPProcess(pdTRUE, ...)`: end-point `endpoint`'s client starts a
    /// new cycle now, if its interface is up (else it will when it comes
    /// up). False when the end-point has no client.
    pub fn dhcp_restart(&mut self, endpoint: usize, now: Instant) -> bool {
        if !BUILT_IN {
            return false;
        }
        let Some(i) = self.dhcp.clients.iter().position(|c| c.endpoint == endpoint) else { return false };
        if self.dhcp.clients.get(i).is_some_and(|c| c.state != State::Idle) {
            self.dhcp_reset(i, now);
        }
        true
    }

    /// A new cycle for client `i`: no address, 250 ms, then discovery.
    fn dhcp_reset(&mut self, i: usize, now: Instant) {
        let wait = self.cfg.tick_rate.ms(INITIAL_WAIT_MS);
        let Some(c) = self.dhcp.clients.get_mut(i) else { return };
        let Some(ep) = self.endpoints.get_mut(c.endpoint) else { return };
        reset(c, ep, now + wait);
    }

    /// Interface `iface` went down: its clients stop until it comes up.
    pub fn dhcp_interface_down(&mut self, iface: usize) {
        for c in self.dhcp.clients.iter_mut() {
            if self.endpoints.get(c.endpoint).is_some_and(|e| e.interface == iface) {
                c.state = State::Idle;
                c.next = None;
                c.pending &= !(PENDING_HOOK | PENDING_UP);
            }
        }
    }

    /// `vDHCPStop`: the client stops and leaves the addresses as they are.
    pub fn dhcp_stop(&mut self, endpoint: usize) {
        if let Some(c) = self.dhcp.client_mut(endpoint) {
            c.state = State::Static;
            c.next = None;
            c.pending &= !PENDING_HOOK;
        }
    }

    /// The earliest DHCP timer.
    pub(crate) fn dhcp_deadline(&self) -> Option<Instant> {
        if !BUILT_IN {
            return None;
        }
        let mut first = None;
        for c in self.dhcp.clients.iter() {
            super::earliest(&mut first, c.next);
        }
        first
    }

    /// Whether a client on `iface` may be waiting for a server's message.
    pub(crate) fn dhcp_listening(&self, iface: usize) -> bool {
        BUILT_IN
            && self.dhcp.clients.iter().any(|c| {
            !matches!(c.state, State::Idle | State::Static | State::LinkLocal)
                && self.endpoints.get(c.endpoint).is_some_and(|e| e.interface == iface)
        })
    }

    /// The next DHCP notice (hook to call, end-point up, addresses to copy
    /// into the C struct), cleared as it is handed out.
    pub(crate) fn next_dhcp_notice(&mut self) -> Option<Notice> {
        if !BUILT_IN {
            return None;
        }
        for c in self.dhcp.clients.iter_mut() {
            if c.pending & PENDING_ADDRESSES != 0 {
                c.pending &= !PENDING_ADDRESSES;
                return Some(Notice::EndpointAddresses(c.endpoint));
            }
            if c.pending & PENDING_UP != 0 {
                c.pending &= !PENDING_UP;
                return Some(Notice::EndpointUp(c.endpoint));
            }
            if c.pending & PENDING_HOOK != 0 {
                c.pending &= !PENDING_HOOK;
                let phase = if c.state == State::AskingRequest { Phase::PreRequest } else { Phase::PreDiscover };
                return Some(Notice::DhcpHook { endpoint: c.endpoint, phase, ip: c.hook_ip });
            }
        }
        None
    }

    /// The application's hook answered for `endpoint` in `phase`.
    pub fn dhcp_answer<E: Env + ?Sized>(&mut self, endpoint: usize, phase: Phase, answer: Answer, now: Instant, env: &mut E) {
        if !BUILT_IN {
            return;
        }
        let asked = match phase {
            Phase::PreDiscover => State::AskingDiscover,
            Phase::PreRequest => State::AskingRequest,
        };
        // Only the client that asked (a stale answer, after the interface
        // went down meanwhile, finds none).
        let Some(i) = self.dhcp.clients.iter().position(|c| c.endpoint == endpoint && c.state == asked) else { return };
        if answer != Answer::Continue {
            // Upstream's StopNoChanges after an OFFER kept the static address
            // but took the OFFER's DNS server; both answers give the whole
            // static configuration here (reference §14.8).
            self.dhcp_fallback(i);
        } else if phase == Phase::PreDiscover {
            self.dhcp_discover(i, true, now, env);
        } else {
            self.dhcp_request(i, true, now, env);
        }
    }

    /// Runs the clients' timers (from `poll`).
    pub(crate) fn dhcp_poll<E: Env + ?Sized>(&mut self, now: Instant, env: &mut E) {
        if !BUILT_IN {
            return;
        }
        for i in 0..self.dhcp.clients.len() {
            let Some(c) = self.dhcp.clients.get_mut(i) else { break };
            if !c.next.is_some_and(|t| t.reached(now)) {
                continue;
            }
            c.next = None;
            let max = self.dhcp.settings.max_tx_period();
            match c.state {
                State::InitialWait => self.dhcp_begin(i, now, env),
                // The next DISCOVER or REQUEST while the doubled period
                // stays within the longest; then, selecting, the fallback
                // (link-local or static), requesting, discovery again.
                State::Selecting | State::Requesting => {
                    c.period = double(c.period);
                    let state = c.state;
                    if c.period <= max {
                        self.dhcp_transmit(i, state, false, now, env);
                    } else if state == State::Requesting {
                        self.dhcp_begin(i, now, env);
                    } else if LINK_LOCAL_BUILT_IN && self.dhcp.settings.link_local {
                        self.dhcp_link_local(i, now, env);
                    } else {
                        self.dhcp_fallback(i);
                    }
                }
                State::Bound | State::Renewing | State::Rebinding => self.dhcp_lease_timer(i, now, env),
                // Only entered with the fallback built in.
                State::LinkLocal if !LINK_LOCAL_BUILT_IN => {}
                State::LinkLocal if c.clash => self.dhcp_link_local(i, now, env),
                State::LinkLocal => {
                    // Nobody claimed it: the address is ours.
                    c.state = State::Static;
                    c.pending |= PENDING_UP;
                    if let Some(ep) = self.endpoints.get_mut(c.endpoint) {
                        ep.up = true;
                    }
                }
                _ => {}
            }
        }
    }

    /// The lease's timers: T1 (renew), T2 (rebind), expiry.
    fn dhcp_lease_timer<E: Env + ?Sized>(&mut self, i: usize, now: Instant, env: &mut E) {
        let first = self.cfg.tick_rate.ms(FIRST_PERIOD_MS);
        let Some(c) = self.dhcp.clients.get_mut(i) else { return };
        // Count the lease down to `now` (see `Client::lease_base`).
        c.end = c.end.saturating_sub(LeaseTicks::from(now.since(c.lease_base).0));
        c.lease_base = now;
        if c.end == 0 {
            // The lease is gone: no address (upstream raises no network
            // event here), then discovery again.
            c.state = State::Idle;
            c.pending |= PENDING_ADDRESSES;
            if let Some(ep) = self.endpoints.get_mut(c.endpoint) {
                ep.ip = Ipv4Addr::UNSPECIFIED;
                ep.up = false;
            }
            self.dhcp_begin(i, now, env);
            return;
        }
        if c.state == State::Bound && c.end > c.t1_left {
            // A step of a wait longer than the clock reaches: T1 is still
            // ahead, wait on.
            c.next = Some(now + wait(c.end - c.t1_left));
            return;
        }
        let rebinding = c.end <= c.t2_left;
        if rebinding && c.state != State::Rebinding {
            // T2 passed while bound or renewing: rebinding starts.
            c.state = State::Rebinding;
            c.period = first;
        } else if c.state == State::Bound {
            c.state = State::Renewing;
            c.period = first;
            c.xid = env.random().unwrap_or(c.xid.wrapping_add(1));
        } else {
            c.period = double(c.period).min(self.dhcp.settings.max_tx_period());
        }
        self.dhcp_send_renewal(i, now, env);
    }

    /// Starts discovery: asks the hook first (when configured), else sends
    /// the first DISCOVER at once.
    fn dhcp_begin<E: Env + ?Sized>(&mut self, i: usize, now: Instant, env: &mut E) {
        let hook = self.dhcp.settings.hook_on();
        let Some(c) = self.dhcp.clients.get_mut(i) else { return };
        c.offer = Ipv4Addr::UNSPECIFIED;
        c.next = None;
        if hook {
            c.state = State::AskingDiscover;
            c.hook_ip = c.defaults.ip;
            c.pending |= PENDING_HOOK;
        } else {
            self.dhcp_discover(i, true, now, env);
        }
    }

    /// Sends a DISCOVER with a new transaction ID; `first` starts the
    /// retransmission period.
    fn dhcp_discover<E: Env + ?Sized>(&mut self, i: usize, first: bool, now: Instant, env: &mut E) {
        self.dhcp_transmit(i, State::Selecting, first, now, env);
    }

    /// Sends (or resends, same xid) the REQUEST for the OFFER taken.
    fn dhcp_request<E: Env + ?Sized>(&mut self, i: usize, first: bool, now: Instant, env: &mut E) {
        self.dhcp_transmit(i, State::Requesting, first, now, env);
    }

    /// SELECTING (a DISCOVER) or REQUESTING (the REQUEST) and its first or
    /// next transmission: one body for both.
    fn dhcp_transmit<E: Env + ?Sized>(&mut self, i: usize, state: State, first: bool, now: Instant, env: &mut E) {
        let period = self.cfg.tick_rate.ms(FIRST_PERIOD_MS);
        let Some(c) = self.dhcp.clients.get_mut(i) else { return };
        if first {
            c.period = period;
        }
        if state == State::Selecting {
            // Upstream alternates the broadcast flag, starting without it.
            c.broadcast_flag = !first && !c.broadcast_flag;
            c.xid = env.random().unwrap_or(c.xid.wrapping_add(0x9e37_79b9));
            count(&mut self.dhcp.counters.discovers);
        }
        c.state = state;
        c.next = Some(now + c.period);
        self.dhcp_send(i, now, env);
    }

    /// Sends the REQUEST of RENEWING or REBINDING and sets the next timer:
    /// the retransmission, but no later than T2 (renewing) or the lease's
    /// end (the lease's times were just counted down to `now`).
    fn dhcp_send_renewal<E: Env + ?Sized>(&mut self, i: usize, now: Instant, env: &mut E) {
        let Some(c) = self.dhcp.clients.get_mut(i) else { return };
        let limit = if c.state == State::Renewing { c.end.saturating_sub(c.t2_left) } else { c.end };
        c.next = Some(now + wait(limit.min(LeaseTicks::from(c.period.0))));
        self.dhcp_send(i, now, env);
    }

    /// Builds and sends client `i`'s message for its state, from its
    /// end-point's MAC to port 67: SELECTING a DISCOVER, REQUESTING a
    /// REQUEST naming the offer and its server (both from 0.0.0.0 to
    /// 255.255.255.255), RENEWING a REQUEST with `ciaddr` unicast to the
    /// server when its MAC is known (else broadcast, still with `ciaddr`,
    /// so the server answers it), REBINDING the same broadcast.
    fn dhcp_send<E: Env + ?Sized>(&mut self, i: usize, now: Instant, env: &mut E) {
        let Some(c) = self.dhcp.clients.get(i) else { return };
        let Some(ep) = self.endpoints.get(c.endpoint) else { return };
        let s = &self.dhcp.settings;
        let req = request(c, ep, s);
        let to = match c.server_mac {
            Some(mac) if c.state == State::Renewing => (c.server, mac),
            _ => (Ipv4Addr::BROADCAST, MacAddr::BROADCAST),
        };
        if c.state != State::Selecting {
            count(&mut self.dhcp.counters.requests);
        }
        let ttl = self.cfg.get().udp.ttl;
        let len = req.wire_len();
        let mut out = Self::output(&self.endpoints, &mut self.arp, &mut self.ident, &mut self.counters, env, now, ttl);
        // The request is built again inside the writer from the client and
        // end-point it borrows (smaller than one built here and read back).
        out.send_udp_raw(ep, (req.ciaddr, dhcp::CLIENT_PORT), (to.0, dhcp::SERVER_PORT), to.1, len, &mut |b: &mut [u8]| {
            request(c, ep, s).emit(b)
        });
    }

    /// Tries a random link-local address (RFC 3927 §2.1: 169.254.1.0 to
    /// 169.254.254.255, mask 255.255.0.0, no gateway) and announces it;
    /// `dhcp_poll` takes it when the timer runs out unclaimed.
    fn dhcp_link_local<E: Env + ?Sized>(&mut self, i: usize, now: Instant, env: &mut E) {
        // Only reached with the fallback on (a clash is only seen then);
        // the constant lets the compiler leave this out without it.
        if !LINK_LOCAL_BUILT_IN {
            return;
        }
        let r = env.random().unwrap_or(0);
        let jitter = env.random().unwrap_or(0) & LINK_LOCAL_JITTER_MS;
        let ip = Ipv4Addr([169, 254, 1 + (r % 254) as u8, (r >> 8) as u8]);
        let wait = self.cfg.tick_rate.ms(LINK_LOCAL_PROBE_MS + u64::from(jitter));
        let Some(c) = self.dhcp.clients.get_mut(i) else { return };
        c.state = State::LinkLocal;
        c.clash = false;
        c.next = Some(now + wait);
        c.pending = (c.pending & !PENDING_HOOK) | PENDING_ADDRESSES;
        count(&mut self.dhcp.counters.link_local_tries);
        let Some(ep) = self.endpoints.get_mut(c.endpoint) else { return };
        ep.ip = ip;
        ep.netmask = Ipv4Addr([255, 255, 0, 0]);
        ep.gateway = Ipv4Addr::UNSPECIFIED;
        ep.up = false;
        let ep = *ep;
        // The announcement: a gratuitous ARP request for the address.
        let ttl = self.cfg.get().ttl;
        let mut out = Self::output(&self.endpoints, &mut self.arp, &mut self.ident, &mut self.counters, env, now, ttl);
        out.send_arp_request(&ep, ip);
    }

    /// An ARP packet from `sender_ip`/`sender_mac` on `iface`: another host
    /// using the link-local address a client is trying makes it try
    /// another (ipconfigARP_USE_CLASH_DETECTION's part in upstream).
    pub(crate) fn dhcp_arp_seen(&mut self, iface: usize, sender_ip: Ipv4Addr, sender_mac: MacAddr) {
        if !(BUILT_IN && LINK_LOCAL_BUILT_IN) {
            return;
        }
        for c in self.dhcp.clients.iter_mut().filter(|c| c.state == State::LinkLocal && !c.clash) {
            let Some(ep) = self.endpoints.get(c.endpoint) else { continue };
            if ep.interface == iface && ep.ip == sender_ip && ep.mac != sender_mac {
                c.clash = true;
                count(&mut self.dhcp.counters.link_local_clashes);
            }
        }
    }

    /// The static configuration, for good (until the next cycle).
    fn dhcp_fallback(&mut self, i: usize) {
        let Some(c) = self.dhcp.clients.get_mut(i) else { return };
        c.state = State::Static;
        c.next = None;
        c.pending = (c.pending & !PENDING_HOOK) | PENDING_ADDRESSES | PENDING_UP;
        count(&mut self.dhcp.counters.fallbacks);
        if let Some(ep) = self.endpoints.get_mut(c.endpoint) {
            set_addresses(ep, c.defaults);
            ep.up = true;
        }
    }

    /// A UDP datagram on interface `iface` (the IP header's `src`, `dst`
    /// and the UDP part `packet`): returns true when it was a server's
    /// message for one of our clients (taken, or ignored and counted), false
    /// when the normal UDP path should have it.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn dhcp_receive<E: Env + ?Sized>(
        &mut self,
        now: Instant,
        iface: usize,
        (src_mac, dst_mac): (MacAddr, MacAddr),
        src: Ipv4Addr,
        dst: Ipv4Addr,
        packet: &[u8],
        env: &mut E,
    ) -> bool {
        let Ok((repr, payload)) = udp::parse(packet, src, dst, self.cfg.get().verify_rx_checksums) else { return false };
        if repr.dst_port != dhcp::CLIENT_PORT || repr.src_port != dhcp::SERVER_PORT {
            return false;
        }
        let c = &mut self.dhcp.counters;
        let reply = match dhcp::parse(payload) {
            Ok(r) => r,
            Err(e) => {
                count_reject(c, e);
                return true;
            }
        };
        // The client of the end-point on this interface whose MAC the reply
        // names (several end-points may share an interface).
        let eps = &self.endpoints;
        let found = self.dhcp.clients.iter().enumerate().find_map(|(i, c)| {
            let e = eps.get(c.endpoint)?;
            let ours = !matches!(c.state, State::Idle | State::Static | State::LinkLocal)
                && e.interface == iface
                && e.mac == reply.chaddr;
            ours.then_some((i, c, e))
        });
        let Some((i, client, ep)) = found else {
            count(&mut self.dhcp.counters.wrong_hardware_address);
            return true;
        };
        if let Err(e) = reply.check(client.xid, ep.mac) {
            count_reject(&mut self.dhcp.counters, e);
            return true;
        }
        // Unicast must be to the address offered or the one we have, in a
        // frame for our MAC (or a broadcast one).
        let offered = client.offer;
        let link_ok = dst_mac == ep.mac || dst_mac.is_broadcast();
        if !link_ok || !(dst.is_broadcast() || dst == ep.ip || (dst == offered && !offered.is_unspecified()) || dst == reply.yiaddr) {
            count(&mut self.dhcp.counters.unexpected);
            return true;
        }
        let requesting = matches!(client.state, State::Requesting | State::Renewing | State::Rebinding);
        match reply.kind {
            MessageType::Offer if client.state == State::Selecting => self.dhcp_offer(i, reply, src, now, env),
            MessageType::Ack if requesting => {
                self.dhcp_ack(i, reply, (src, src_mac), now);
            }
            MessageType::Nak if requesting => {
                count(&mut self.dhcp.counters.naks);
                if let Some(c) = self.dhcp.clients.get_mut(i) {
                    if let Some(ep) = self.endpoints.get_mut(c.endpoint) {
                        if !ep.ip.is_unspecified() {
                            ep.ip = Ipv4Addr::UNSPECIFIED;
                            ep.up = false;
                            c.pending |= PENDING_ADDRESSES;
                        }
                    }
                }
                self.dhcp_begin(i, now, env);
            }
            _ => count(&mut self.dhcp.counters.unexpected),
        }
        true
    }

    fn dhcp_offer<E: Env + ?Sized>(&mut self, i: usize, reply: Reply, src: Ipv4Addr, now: Instant, env: &mut E) {
        let hook = self.dhcp.settings.hook_on();
        let Some(c) = self.dhcp.clients.get_mut(i) else { return };
        c.offer = reply.yiaddr;
        c.server = reply.server_id.unwrap_or(src);
        if hook {
            c.state = State::AskingRequest;
            c.next = None;
            c.hook_ip = reply.yiaddr;
            c.pending |= PENDING_HOOK;
        } else {
            self.dhcp_request(i, true, now, env);
        }
    }

    /// An ACK from `src` (IP, MAC) for client `i`.
    fn dhcp_ack(&mut self, i: usize, reply: Reply, (src, src_mac): (Ipv4Addr, MacAddr), now: Instant) {
        let rate = self.cfg.tick_rate;
        let Some(c) = self.dhcp.clients.get_mut(i) else { return };
        count(&mut self.dhcp.counters.acks);
        let lease = reply.lease_secs.unwrap_or(48 * 3600).max(MINIMUM_LEASE_S);
        if lease == u32::MAX {
            // Infinite: no lease timer.
            c.next = None;
        } else {
            // The longest lease the client counts (49.7 days: `secs`); a
            // longer one is taken as that, before T1 and T2 are derived, so
            // they fall inside it and the client still renews and rebinds
            // (derived from the whole lease, both would be cut to its end).
            let lease = lease.min(MAX_LEASE_S);
            // RFC 2131 §4.4.5 defaults; the server's values when they make
            // sense (T1 < T2 < lease).
            let t2_default = ((u64::from(lease) * 7) >> 3) as u32;
            let t2 = Some(reply.t2_secs).filter(|&t| t > 0 && t < lease).unwrap_or(t2_default);
            let t1 = Some(reply.t1_secs).filter(|&t| t > 0 && t < t2).unwrap_or((lease >> 1).min(t2));
            c.lease_base = now;
            let (end, until_t1) = (secs(rate, lease), secs(rate, t1));
            c.end = end;
            c.t1_left = end - until_t1;
            c.t2_left = end - secs(rate, t2);
            c.next = Some(now + wait(until_t1));
        }
        c.state = State::Bound;
        c.server = reply.server_id.unwrap_or(c.server);
        c.server_mac = None;
        if src == c.server && src_mac.is_unicast() {
            c.server_mac = Some(src_mac);
        }
        c.pending |= PENDING_ADDRESSES | PENDING_UP;
        let lease_addresses = Addresses {
            ip: reply.yiaddr,
            netmask: reply.subnet_mask.unwrap_or(c.defaults.netmask),
            gateway: reply.router.unwrap_or(Ipv4Addr::UNSPECIFIED),
            dns: reply.dns.unwrap_or(c.defaults.dns),
        };
        if let Some(ep) = self.endpoints.get_mut(c.endpoint) {
            set_addresses(ep, lease_addresses);
            ep.up = true;
        }
    }

    pub fn dhcp_counters(&self) -> DhcpCounters {
        self.dhcp.counters
    }
}

/// The message client `c` sends now from end-point `ep`.
fn request<'a>(c: &Client, ep: &Endpoint, s: &'a DhcpSettings) -> Request<'a> {
    let selecting = c.state == State::Selecting;
    let requesting = c.state == State::Requesting;
    let leased = !(selecting || requesting);
    let offer = (requesting && !c.offer.is_unspecified()).then_some(c.offer);
    Request {
        kind: if selecting { MessageType::Discover } else { MessageType::Request },
        xid: c.xid,
        mac: ep.mac,
        secs: 0,
        ciaddr: if leased { ep.ip } else { Ipv4Addr::UNSPECIFIED },
        broadcast: !leased && c.broadcast_flag,
        requested_ip: offer,
        server_id: offer.map(|_| c.server),
        hostname: if HOSTNAME_BUILT_IN { s.hostname.get(..s.hostname_len).unwrap_or(&[]) } else { &[] },
    }
}

/// `s` seconds in ticks (at most `u32::MAX` ms, as `TickRate::ms` counts).
/// Out of line: three calls are smaller than three copies of the 64-bit
/// arithmetic.
// The conversions are to the same type in one of the two widths.
#[allow(clippy::useless_conversion)]
#[inline(never)]
fn secs(rate: crate::time::TickRate, s: u32) -> LeaseTicks {
    // Exact: at most u32::MAX ticks when the rate is 1 kHz or less (see
    // `LeaseTicks`).
    LeaseTicks::try_from(rate.ms_wide(u64::from(s) * 1000)).unwrap_or(LeaseTicks::MAX)
}

/// A wait of `t` ticks, as far as one timer reaches: `Instant + Duration`
/// clamps it to `time::HORIZON`, and the lease timer then waits again.
#[allow(clippy::useless_conversion)]
fn wait(t: LeaseTicks) -> Duration {
    Duration(u32::try_from(t).unwrap_or(u32::MAX))
}

/// Lease times in ticks (`Client::end`): a lease counts at most `u32::MAX`
/// ms (`TickRate::ms_wide`), which is at most `u32::MAX` ticks at a tick
/// rate of 1 kHz or less: those firmware builds count in 32 bits (cheaper
/// on the M4 than 64-bit arithmetic); faster rates, host tests and fuzz
/// targets (which try every rate) in 64.
type LeaseTicks = <Width<{ crate::config::RUNTIME_SETTINGS || crate::config::TICK_RATE_HZ > 1000 }> as PickWidth>::T;

struct Width<const WIDE: bool>;

trait PickWidth {
    type T;
}

impl PickWidth for Width<true> {
    type T = u64;
}

impl PickWidth for Width<false> {
    type T = u32;
}

/// A new cycle for client `c` of end-point `ep`: no address, discovery at
/// `start`.
fn reset(c: &mut Client, ep: &mut Endpoint, start: Instant) {
    set_addresses(ep, Addresses { ip: Ipv4Addr::UNSPECIFIED, ..c.defaults });
    ep.up = false;
    c.state = State::InitialWait;
    c.next = Some(start);
    c.offer = Ipv4Addr::UNSPECIFIED;
    c.server_mac = None;
    c.pending = PENDING_ADDRESSES;
}

fn set_addresses(ep: &mut Endpoint, a: Addresses) {
    ep.ip = a.ip;
    ep.netmask = a.netmask;
    ep.gateway = a.gateway;
    ep.dns = a.dns;
}

fn count_reject(c: &mut DhcpCounters, e: Reject) {
    count(match e {
        Reject::Format => &mut c.bad_format,
        Reject::Options => &mut c.bad_options,
        Reject::MessageType => &mut c.bad_message_type,
        Reject::Transaction => &mut c.wrong_transaction,
        Reject::HardwareAddress => &mut c.wrong_hardware_address,
        Reject::Address => &mut c.bad_address,
    });
}

#[cfg(test)]
mod width_tests {
    use crate::time::TickRate;

    /// What makes 32-bit `LeaseTicks` exact in firmware builds at 1 kHz or
    /// less: the longest lease (u32::MAX seconds, counted as at most
    /// u32::MAX ms) fits in 32 bits of ticks at every such rate, and not
    /// above it (so those keep 64 bits).
    #[test]
    fn leases_fit_32_bits_at_1_khz_or_less() {
        for hz in [1, 7, 100, 999, 1000] {
            assert!(TickRate::new(hz).ms_wide(u64::from(u32::MAX) * 1000) <= u64::from(u32::MAX), "{hz} Hz");
        }
        assert!(TickRate::new(1001).ms_wide(u64::from(u32::MAX) * 1000) > u64::from(u32::MAX));
    }
}
