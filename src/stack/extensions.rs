//! Opt-in behaviour beyond upstream (issue #10, COMPAT.md "Options of this
//! library"), kept apart so that upstream's paths stay as they are:
//!
//! * `ipconfigFPTCP_SHUTDOWN_HONOURS_HOW`: `FreeRTOS_shutdown(FREERTOS_SHUT_RD)`
//!   stops delivery to the application without sending a FIN (upstream
//!   ignores `xHow` and always closes gracefully);
//! * `ipconfigFPTCP_CLOSE_WAIT_TIMEOUT_MS`: a socket in eCLOSE_WAIT on which
//!   the application has made no call for that long is closed by the stack
//!   (the K63F server whose naive handlers forget such sockets keeps
//!   serving);
//! * `ipconfigFPTCP_NETSTAT_DIAGNOSTICS`: after upstream's netstat lines,
//!   how long each socket has been in its state, when the application last
//!   called on it, and a plain-language line for a backlog full of children
//!   in eCLOSE_WAIT.
//!
//! What the application did and when is recorded per TCP socket
//! ([`Track`], in [`TcpExt`]) when the metrics (`ipconfigFPTCP_METRICS`,
//! `metrics.rs`), the diagnostics or the reaper are on, and compiled out
//! otherwise: the socket calls stamp it (`ops::live`/`live_mut`, under the
//! lock, with the kernel time `socket::calls` sets in
//! [`Extensions::app_now`]); the IP task notes state changes and the peer's
//! FIN on every cycle ([`Stack::extensions_poll`]), so a time in state is
//! exact to within one of its cycles; the retransmissions are counted on
//! the engine's output ([`RetransmitCounter`]). Times are kept as the low 32
//! bits of the tick count (4 bytes each in every socket's heap block); an
//! age beyond 2^32 ticks (49 days at 1 kHz) reads short, which can only
//! delay the reaper, never hasten it.
//!
//! Outside host tests the options are the application's constants
//! ([`Extensions::options`]), so the code of an option that is off is left
//! out of the firmware.
#![forbid(unsafe_code)]

#[cfg(any(test, feature = "fuzzing", fptcp_tracking))]
use core::cell::Cell;

use crate::stack::sockets::{event, Socket, SocketId};
use crate::stack::{Error, Stack};
use crate::tcp::{SegmentSink, SockAddr, TcpFlags, TcpRepr, TcpState};
use crate::text::Line;
use crate::time::{Duration, Instant, TickRate, HORIZON};

/// Stamp `t`, moved up to `time::HORIZON` before `now` if it is older.
#[cfg_attr(not(any(test, feature = "fuzzing", fptcp_tracking)), allow(dead_code))]
fn no_older(t: u32, now: u32) -> u32 {
    if now.wrapping_sub(t) > HORIZON.0 {
        now.wrapping_sub(HORIZON.0)
    } else {
        t
    }
}

const fn clamp_to_horizon(d: Duration) -> Duration {
    if d.0 > HORIZON.0 {
        HORIZON
    } else {
        d
    }
}

/// `FREERTOS_SHUT_RD`, `FREERTOS_SHUT_WR`, `FREERTOS_SHUT_RDWR`.
pub const SHUT_RD: i64 = 0;
pub const SHUT_WR: i64 = 1;
pub const SHUT_RDWR: i64 = 2;

/// Which extensions are on (the application's `ipconfigFPTCP_*` values;
/// tests switch them directly).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct ExtConfig {
    pub shutdown_honours_how: bool,
    /// None: off (upstream keeps such sockets until the application
    /// closes them).
    pub close_wait_timeout: Option<Duration>,
    pub netstat_diagnostics: bool,
}

impl ExtConfig {
    /// Everything off: upstream's behaviour.
    pub const OFF: ExtConfig =
        ExtConfig { shutdown_honours_how: false, close_wait_timeout: None, netstat_diagnostics: false };

    /// The application's configuration.
    pub const fn from_config(rate: TickRate) -> ExtConfig {
        let ms = crate::config::FPTCP_CLOSE_WAIT_TIMEOUT_MS as u64;
        ExtConfig {
            shutdown_honours_how: crate::config::FPTCP_SHUTDOWN_HONOURS_HOW,
            // At most time::HORIZON, the longest age a socket's record
            // keeps (`Track::note_state`).
            close_wait_timeout: if ms > 0 { Some(clamp_to_horizon(rate.ms(ms))) } else { None },
            netstat_diagnostics: crate::config::FPTCP_NETSTAT_DIAGNOSTICS,
        }
    }
}

/// The stack-wide part.
#[derive(Debug)]
pub struct Extensions {
    pub cfg: ExtConfig,
    /// The kernel time of the application call being served, set by
    /// `socket::calls` when it takes the lock (the stack itself has no
    /// clock); tests set it by hand.
    pub app_now: Instant,
    /// Sockets the reaper closed (`ipconfigFPTCP_CLOSE_WAIT_TIMEOUT_MS`).
    pub close_wait_reaped: u32,
}

/// The application's options, as constants: with an option off, the code
/// behind it is left out of the firmware.
const CONFIGURED: ExtConfig = ExtConfig::from_config(crate::config::TICK_RATE);

/// Whether sockets record their states, the application's calls and their
/// retransmissions: for the metrics (`ipconfigFPTCP_METRICS`), the
/// diagnostics and the reaper. With all three off, nothing is recorded
/// (upstream's cost).
const TRACKING: bool = crate::config::FPTCP_METRICS
    || crate::config::FPTCP_NETSTAT_DIAGNOSTICS
    || crate::config::FPTCP_CLOSE_WAIT_TIMEOUT_MS != 0;


impl Extensions {
    pub fn new(cfg: ExtConfig) -> Extensions {
        Extensions { cfg, app_now: Instant::ZERO, close_wait_reaped: 0 }
    }

    /// The options in force: the application's constants in a firmware
    /// build, `cfg` in host tests.
    #[inline(always)]
    pub fn options(&self) -> ExtConfig {
        if crate::config::RUNTIME_SETTINGS {
            self.cfg
        } else {
            CONFIGURED
        }
    }

    /// Whether states, calls and retransmissions are recorded (always in
    /// host tests).
    #[inline(always)]
    pub fn tracking(&self) -> bool {
        crate::config::RUNTIME_SETTINGS || TRACKING
    }
}

/// The per TCP socket part.
#[derive(Debug, Default)]
pub struct TcpExt {
    /// `shutdown(FREERTOS_SHUT_RD)` was called: received data is thrown
    /// away and `recv()` reports the end of the stream.
    pub read_shut: bool,
    /// What is recorded for the metrics, the diagnostics and the reaper;
    /// nothing (zero bytes) in a build with all three off.
    pub track: Track,
}

impl TcpExt {
    pub const fn new() -> TcpExt {
        TcpExt { read_shut: false, track: Track::new() }
    }

    /// Ticks the application has left the socket alone in eCLOSE_WAIT: since
    /// it entered that state, or since the last call if that came later.
    fn idle_in_close_wait(&self, now: Instant) -> u32 {
        let in_state = self.track.state_age(now);
        self.track.call_age(now).map_or(in_state, |c| c.min(in_state))
    }
}

/// A socket's record (build.rs sets `fptcp_tracking` when
/// `ipconfigFPTCP_METRICS`, `ipconfigFPTCP_NETSTAT_DIAGNOSTICS` or
/// `ipconfigFPTCP_CLOSE_WAIT_TIMEOUT_MS` is on; host tests always have it).
#[cfg(any(test, feature = "fuzzing", fptcp_tracking))]
#[derive(Debug, Default)]
pub struct Track {
    /// The state the IP task last saw (None: not seen yet), and since when
    /// (low 32 tick bits).
    seen_state: Option<TcpState>,
    state_since: u32,
    /// When the IP task first saw the peer's FIN, if it has.
    fin_at: Option<u32>,
    /// The application's last call on the socket, if any (set through a
    /// shared reference: `ops::live` reads the socket).
    last_call: Cell<Option<u32>>,
    /// Segments sent again (sequence space sent before), and the end of the
    /// highest sequence space sent so far (`RetransmitCounter`).
    retransmissions: u32,
    high: Option<u32>,
}

#[cfg(any(test, feature = "fuzzing", fptcp_tracking))]
impl Track {
    pub const fn new() -> Track {
        Track { seen_state: None, state_since: 0, fin_at: None, last_call: Cell::new(None), retransmissions: 0, high: None }
    }

    fn note_call(&self, now: Instant) {
        self.last_call.set(Some(low(now)));
    }

    /// Also ages the stamps (from `extensions_poll`, at least every 10 s):
    /// none grows older than `time::HORIZON`, so their 32-bit ages never
    /// wrap (an age then reads as "at least 12.4 days" at 1 kHz).
    fn note_state(&mut self, state: TcpState, peer_closed: bool, now: Instant) {
        let now32 = low(now);
        self.state_since = no_older(self.state_since, now32);
        self.fin_at = self.fin_at.map(|t| no_older(t, now32));
        self.last_call.set(self.last_call.get().map(|t| no_older(t, now32)));
        if self.seen_state != Some(state) {
            self.seen_state = Some(state);
            self.state_since = low(now);
        }
        match (peer_closed, self.fin_at) {
            (true, None) => self.fin_at = Some(low(now)),
            (false, Some(_)) => self.fin_at = None,
            _ => {}
        }
    }

    /// Ticks since the application's last call (None: it never made one).
    pub fn call_age(&self, now: Instant) -> Option<u32> {
        self.last_call.get().map(|t| low(now).wrapping_sub(t))
    }

    /// Ticks in the current state (0 before the IP task first saw it).
    pub fn state_age(&self, now: Instant) -> u32 {
        if self.seen_state.is_none() {
            return 0;
        }
        low(now).wrapping_sub(self.state_since)
    }

    /// Ticks since the peer's FIN came, if it did.
    fn fin_age(&self, now: Instant) -> Option<u32> {
        self.fin_at.map(|t| low(now).wrapping_sub(t))
    }

    pub fn retransmissions(&self) -> u32 {
        self.retransmissions
    }

    /// One segment sent with sequence space [seq, end): a retransmission
    /// when it starts below the highest end sent so far; a SYN that is not
    /// a repeat starts a new connection.
    fn count_segment(&mut self, seq: u32, end: u32, syn: bool) {
        let again = match self.high {
            Some(_) if syn => self.high == Some(end),
            Some(high) => (seq.wrapping_sub(high) as i32) < 0,
            None => false,
        };
        if again {
            self.retransmissions = self.retransmissions.wrapping_add(1);
        }
        let further = match self.high {
            None => true,
            Some(_) if syn => !again,
            Some(high) => (end.wrapping_sub(high) as i32) > 0,
        };
        if further {
            self.high = Some(end);
        }
    }
}

/// Nothing recorded: every option that needs it is off.
#[cfg(not(any(test, feature = "fuzzing", fptcp_tracking)))]
#[derive(Debug, Default)]
pub struct Track;

#[cfg(not(any(test, feature = "fuzzing", fptcp_tracking)))]
impl Track {
    pub const fn new() -> Track {
        Track
    }
    fn note_call(&self, _now: Instant) {}
    fn note_state(&mut self, _state: TcpState, _peer_closed: bool, _now: Instant) {}
    pub fn call_age(&self, _now: Instant) -> Option<u32> {
        None
    }
    pub fn state_age(&self, _now: Instant) -> u32 {
        0
    }
    fn fin_age(&self, _now: Instant) -> Option<u32> {
        None
    }
    pub fn retransmissions(&self) -> u32 {
        0
    }
    fn count_segment(&mut self, _seq: u32, _end: u32, _syn: bool) {}
}

/// The engine's segments on their way to the stack's output, counted: a
/// segment whose sequence space starts below the highest end sent so far
/// is a retransmission (RTO, fast retransmit, tail loss probe, repeated
/// SYN or FIN). The engine's own counters exist in test builds only.
pub struct RetransmitCounter<'a> {
    pub inner: &'a mut dyn SegmentSink,
    pub ext: &'a mut TcpExt,
}

impl SegmentSink for RetransmitCounter<'_> {
    fn send_segment(
        &mut self,
        local: SockAddr,
        remote: SockAddr,
        repr: &TcpRepr,
        payload: (&[u8], &[u8]),
    ) -> bool {
        if !self.inner.send_segment(local, remote, repr, payload) {
            return false;
        }
        let flags = repr.flags;
        let len = (payload.0.len() + payload.1.len()) as u32
            + flags.contains(TcpFlags::SYN) as u32
            + flags.contains(TcpFlags::FIN) as u32;
        if len > 0 {
            self.ext.track.count_segment(repr.seq, repr.seq.wrapping_add(len), flags.contains(TcpFlags::SYN));
        }
        true
    }
}

/// The low 32 bits of the tick count.
#[cfg_attr(not(any(test, feature = "fuzzing", fptcp_tracking)), allow(dead_code))]
pub(crate) fn low(t: Instant) -> u32 {
    t.ticks()
}

/// Whole seconds in `ticks` (32-bit division only: see `TickRate::ms`).
pub(crate) fn seconds(ticks: u32, rate: TickRate) -> u32 {
    let per_second = rate.ms(1000).ticks().max(1);
    ticks / per_second
}

impl Stack {
    /// Records an application call on `s` (from `ops::live`/`live_mut`).
    pub(crate) fn note_app_call(&self, s: &Socket) {
        if !self.ext.tracking() {
            return;
        }
        if let Some(t) = s.tcp() {
            t.ext.track.note_call(self.ext.app_now);
        }
    }

    /// `FreeRTOS_shutdown` with its `xHow`. With
    /// `ipconfigFPTCP_SHUTDOWN_HONOURS_HOW` 0 (the default) `how` is
    /// ignored, as upstream does. With 1: `FREERTOS_SHUT_WR` and
    /// `FREERTOS_SHUT_RDWR` are upstream's graceful close;
    /// `FREERTOS_SHUT_RD` sends nothing, throws away what is queued and
    /// what arrives later (the window stays open, so the peer is not
    /// stalled), and `recv()` reports the end of the stream
    /// (`-pdFREERTOS_ERRNO_ENOTCONN`); any other value is `-EINVAL`.
    pub fn shutdown_how(&mut self, id: SocketId, how: i64) -> Result<(), Error> {
        if !self.ext.options().shutdown_honours_how {
            return self.shutdown(id);
        }
        match how {
            SHUT_WR | SHUT_RDWR => self.shutdown(id),
            SHUT_RD => self.shutdown_read(id),
            _ => {
                // A bad handle keeps upstream's code; a bad `how` on a good
                // handle is an invalid argument.
                self.sockets.get(id).filter(|s| !s.closing && s.tcp().is_some()).ok_or(Error::NotSupported)?;
                Err(Error::Invalid)
            }
        }
    }

    fn shutdown_read(&mut self, id: SocketId) -> Result<(), Error> {
        let sock = self.sockets.get_mut(id).filter(|s| !s.closing && s.port().is_some()).ok_or(Error::NotSupported)?;
        let tcp = sock.tcp_mut().ok_or(Error::NotSupported)?;
        let connected = matches!(
            tcp.tcb.state(),
            TcpState::Established
                | TcpState::FinWait1
                | TcpState::FinWait2
                | TcpState::Closing
                | TcpState::LastAck
                | TcpState::CloseWait
        );
        if !connected {
            return Err(Error::NotConnected);
        }
        tcp.ext.read_shut = true;
        let queued = tcp.tcb.rx_len();
        tcp.tcb.discard(queued);
        // A task blocked in recv() on the socket must see the end now.
        self.wake(id, event::RECEIVE);
        Ok(())
    }

    /// The IP task's part, on every cycle before the sockets are served:
    /// states seen, data thrown away after `SHUT_RD`, and the reaper.
    pub(crate) fn extensions_poll(&mut self, now: Instant) {
        let timeout = self.ext.options().close_wait_timeout;
        let track = self.ext.tracking();
        // (`read_shut` is only ever set with SHUT_RD honoured.)
        if !track && timeout.is_none() && !self.ext.options().shutdown_honours_how {
            return;
        }
        for index in 0..self.sockets.slot_count() {
            let Some(id) = self.sockets.id_at(index) else { continue };
            let Some(sock) = self.sockets.get_mut(id) else { continue };
            if sock.closing {
                continue;
            }
            let Some(tcp) = sock.tcp_mut() else { continue };
            if tcp.ext.read_shut {
                let n = tcp.tcb.rx_len();
                if n > 0 {
                    tcp.tcb.discard(n);
                }
            }
            if !track {
                continue;
            }
            let state = tcp.tcb.state();
            tcp.ext.track.note_state(state, tcp.tcb.peer_closed(), now);
            let Some(limit) = timeout else { continue };
            if state == TcpState::CloseWait && tcp.ext.idle_in_close_wait(now) >= limit.ticks() {
                // The application's later calls find a stale handle; the
                // IP task frees the socket (and its backlog slot) in `reap`.
                sock.closing = true;
                self.reap_due = true;
                self.ext.close_wait_reaped = self.ext.close_wait_reaped.wrapping_add(1);
            }
        }
    }

    /// When the reaper must look again (for `next_deadline`).
    pub(crate) fn extensions_deadline(&self, now: Instant) -> Option<Instant> {
        let limit = self.ext.options().close_wait_timeout?;
        let mut best: Option<Instant> = None;
        for (_, s) in self.sockets.iter() {
            let Some(t) = s.tcp().filter(|t| !s.closing && t.tcb.state() == TcpState::CloseWait) else { continue };
            let idle = t.ext.idle_in_close_wait(now);
            let due = now + Duration(limit.ticks().saturating_sub(idle));
            if best.is_none_or(|b| due.is_before(b)) {
                best = Some(due);
            }
        }
        best
    }

    /// The diagnostics after upstream's netstat lines
    /// (`ipconfigFPTCP_NETSTAT_DIAGNOSTICS`). Out of line, like the next
    /// one: their line buffers must not add to the frame of `netstat`
    /// itself on the IP task's stack.
    #[inline(never)]
    pub(crate) fn netstat_diagnostics(&self, now: Instant, print: &mut impl FnMut(&[u8])) {
        if !self.ext.options().netstat_diagnostics {
            return;
        }
        let rate = self.cfg.tick_rate;
        print(b"Diagnostics (ipconfigFPTCP_NETSTAT_DIAGNOSTICS): time in state, the application's last call\n");
        for (_, s) in self.sockets.iter() {
            let Some(t) = s.tcp().filter(|_| !s.closing && s.port().is_some()) else { continue };
            let state = t.tcb.state();
            let remote = t.tcb.remote();
            // At most about 200 bytes with every number at its widest.
            let mut line = Line::<208>::default();
            line.write(|w| {
                w.str("TCP ").dec_right(s.port().unwrap_or(0) as u32, 5).byte(b' ');
                w.ip(remote.addr).byte(b':').dec(remote.port as u32).byte(b' ');
                w.str(state.name()).str(" for ").dec(seconds(t.ext.track.state_age(now), rate)).str(" s");
                if state == TcpState::Listen {
                    w.str("; backlog ").dec(t.child_count as u32).byte(b'/').dec(t.backlog as u32);
                } else if t.pass_accept || t.pass_queued {
                    w.str("; not accepted yet");
                } else {
                    match t.ext.track.call_age(now) {
                        Some(age) => {
                            w.str("; application's last call ").dec(seconds(age, rate)).str(" s ago");
                        }
                        None => {
                            w.str("; no application call");
                        }
                    }
                }
                if let Some(fin_age) = t.ext.track.fin_age(now) {
                    w.str("; peer's FIN ").dec(seconds(fin_age, rate)).str(" s ago");
                    if t.ext.track.call_age(now).is_none_or(|c| c > fin_age) {
                        w.str(", no call since");
                    }
                }
                if state == TcpState::CloseWait {
                    if let Some(limit) = self.ext.options().close_wait_timeout {
                        let left = limit.ticks().saturating_sub(t.ext.idle_in_close_wait(now));
                        w.str("; closed by the stack in ").dec(seconds(left, rate));
                        w.str(" s unless used");
                    }
                }
                w.byte(b'\n');
            });
            print(line.as_bytes());
        }
        self.explain_full_backlogs(now, print);
    }

    /// "port 80: backlog 3/3 full; 3 children in eCLOSE_WAIT for 812 s: the
    /// application must call FreeRTOS_closesocket() on them", for every
    /// listener whose backlog is full and holds children in eCLOSE_WAIT.
    #[inline(never)]
    fn explain_full_backlogs(&self, now: Instant, print: &mut impl FnMut(&[u8])) {
        for (lid, s) in self.sockets.iter() {
            let Some(l) = s.tcp().filter(|t| !s.closing && t.tcb.state() == TcpState::Listen) else { continue };
            if l.backlog == 0 || l.child_count < l.backlog {
                continue;
            }
            let mut waiting = 0u32;
            let mut shortest: Option<u32> = None;
            for (_, c) in self.sockets.iter() {
                let Some(ct) = c.tcp().filter(|t| t.parent == Some(lid) && !c.closing) else { continue };
                if ct.tcb.state() == TcpState::CloseWait {
                    waiting += 1;
                    let age = ct.ext.track.state_age(now);
                    shortest = Some(shortest.map_or(age, |a| a.min(age)));
                }
            }
            if waiting == 0 {
                continue;
            }
            // At most about 145 bytes.
            let mut line = Line::<160>::default();
            line.write(|w| {
                w.str("port ").dec(s.port().unwrap_or(0) as u32).str(": backlog ").dec(l.child_count as u32);
                w.byte(b'/').dec(l.backlog as u32).str(" full; ").dec(waiting);
                w.str(if waiting == 1 { " child" } else { " children" }).str(" in eCLOSE_WAIT for ");
                w.dec(seconds(shortest.unwrap_or(0), self.cfg.tick_rate));
                w.str(" s: the application must call FreeRTOS_closesocket() on them\n");
            });
            print(line.as_bytes());
        }
    }
}
