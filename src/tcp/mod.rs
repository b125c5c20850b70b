//! The per-connection TCP engine.
//!
//! One [`Tcb`] per TCP socket. The engine is pure: every entry point takes
//! `now`, segments go out through a [`SegmentSink`], and the caller learns
//! when to come back from [`Tcb::deadline`]. It never reads a clock, blocks,
//! or touches another connection. The stack (IP task) does demultiplexing,
//! listeners and backlog, ARP and IP/Ethernet framing, and answers segments
//! for unknown sockets (with [`reset_for`]); the socket layer maps the
//! engine's state to FreeRTOS return values.
//!
//! What an application can observe follows FreeRTOS+TCP V4.4.1 (reference
//! §1.2, §2.5-§2.12, §4, §5):
//! - states use upstream's numbering and names ([`TcpState`]);
//! - FIN_WAIT_2, CLOSING and TIME_WAIT are never shown: every finished
//!   connection ends in `CloseWait` (active close: FinWait1 -> CloseWait once
//!   our FIN is acknowledged and the peer's FIN has arrived; passive close:
//!   FIN+ACK at once -> LastAck -> CloseWait; simultaneous close via
//!   LastAck); an RST leads to `Closed`;
//! - `tmout` in netstat cycles through 20000 ms when nothing else is
//!   scheduled ([`Tcb::netstat_timeout`]);
//! - SYNs of an active open go out at about 0, 3 and 9 s, and the attempt
//!   gives up at about 20 s into `CloseWait`;
//! - hang protection moves half-open and closing connections to `CloseWait`;
//! - the first `urgent` bytes of a segment with URG are dropped;
//! - stream sizes follow upstream's rounding ([`stream`]).
//!
//! What only the wire shows is RFC 9293 behaviour: RFC 5961 checks for RST,
//! SYN and ACK; RFC 6298 retransmission timer (floor 200 ms, see [`rtt`]);
//! RFC 5681/6582 congestion control with limited transmit (RFC 3042), fast
//! retransmit and NewReno recovery helped by SACK (RFC 2018, RFC 6675 loss
//! detection), early retransmit (RFC 5827), a tail loss probe (RFC 8985
//! §7) and loss detection by time for what too few later segments reveal
//! (lost segments in a four-segment window, lost retransmissions; see
//! `recovery.rs`); window scaling (RFC 7323); delayed ACKs (RFC 9293 §3.8.6.3);
//! receiver and sender silly-window avoidance; zero-window probing. A
//! finished connection that still exists in `CloseWait` acknowledges a
//! retransmitted FIN of its peer (what TIME-WAIT is for), and
//! [`Tcb::time_wait`] hands the stack what it needs to keep doing so after
//! the socket is gone. Keep-alive when configured (off by default, as
//! upstream): probes after `keep_alive_ms` of silence in Established, four
//! 3 s apart, then `CloseWait`. No timestamps option.
//!
//! Read first: RFC 9293 §3.10 (event processing), RFC 5961, RFC 6298,
//! RFC 5681, then the reference sections named above.
#![forbid(unsafe_code)]

mod input;
#[cfg(any(test, feature = "fuzzing"))]
pub mod invariants;
mod output;
pub mod ranges;
mod recovery;
pub mod rtt;
pub mod seq;
pub mod stream;
mod tcb;
mod timer;
mod window;

#[cfg(test)]
mod testkit;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_window;
#[cfg(test)]
mod tests_keepalive;
#[cfg(test)]
mod tests_loss;

use core::ops::BitOr;

pub use crate::wire::tcp::{TcpFlags, TcpRepr};
pub use crate::wire::SockAddr;
pub use seq::Seq;
pub use tcb::Tcb;

use crate::time::{Duration, TickRate};

/// Connection states with upstream's values (`eIPTCPState_t`), which
/// `FreeRTOS_connstatus()` returns.
#[repr(u8)]
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TcpState {
    Closed = 0,
    Listen = 1,
    ConnectSyn = 2,
    SynFirst = 3,
    SynReceived = 4,
    Established = 5,
    FinWait1 = 6,
    FinWait2 = 7,
    CloseWait = 8,
    Closing = 9,
    LastAck = 10,
    TimeWait = 11,
}

impl TcpState {
    /// Upstream's identifier, as `FreeRTOS_GetTCPStateName()` returns it.
    pub fn name(self) -> &'static str {
        match self {
            TcpState::Closed => "eCLOSED",
            TcpState::Listen => "eTCP_LISTEN",
            TcpState::ConnectSyn => "eCONNECT_SYN",
            TcpState::SynFirst => "eSYN_FIRST",
            TcpState::SynReceived => "eSYN_RECEIVED",
            TcpState::Established => "eESTABLISHED",
            TcpState::FinWait1 => "eFIN_WAIT_1",
            TcpState::FinWait2 => "eFIN_WAIT_2",
            TcpState::CloseWait => "eCLOSE_WAIT",
            TcpState::Closing => "eCLOSING",
            TcpState::LastAck => "eLAST_ACK",
            TcpState::TimeWait => "eTIME_WAIT",
        }
    }

    /// The state with upstream's number, if any.
    pub fn from_u8(value: u8) -> Option<TcpState> {
        Some(match value {
            0 => TcpState::Closed,
            1 => TcpState::Listen,
            2 => TcpState::ConnectSyn,
            3 => TcpState::SynFirst,
            4 => TcpState::SynReceived,
            5 => TcpState::Established,
            6 => TcpState::FinWait1,
            7 => TcpState::FinWait2,
            8 => TcpState::CloseWait,
            9 => TcpState::Closing,
            10 => TcpState::LastAck,
            11 => TcpState::TimeWait,
            _ => return None,
        })
    }

    /// Upstream's `prvTCPSocketIsActive()`: false for Closed, CloseWait,
    /// FinWait2, Closing and TimeWait (the stack answers segments for such
    /// sockets with RST, except RSTs and pure ACKs). Listen counts as
    /// active there (it takes SYNs).
    pub fn is_active(self) -> bool {
        !matches!(
            self,
            TcpState::Closed
                | TcpState::CloseWait
                | TcpState::FinWait2
                | TcpState::Closing
                | TcpState::TimeWait
        )
    }

    /// Both sides' SYNs have been exchanged and the connection has not
    /// finished: the states in which `abort()` sends an RST.
    pub fn is_synchronized(self) -> bool {
        matches!(
            self,
            TcpState::SynReceived
                | TcpState::Established
                | TcpState::FinWait1
                | TcpState::FinWait2
                | TcpState::Closing
                | TcpState::LastAck
        )
    }
}

/// Per-socket settings; a listener's are copied to its children.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct TcpConfig {
    pub tick_rate: TickRate,
    /// Our MSS (`ipconfigTCP_MSS`, 1460 by default).
    pub mss: u16,
    /// Requested RX stream size in bytes (`ipconfigTCP_RX_BUFFER_LENGTH`).
    pub rx_stream_size: usize,
    /// Requested TX stream size in bytes, already rounded up to a multiple
    /// of the MSS by the caller.
    pub tx_stream_size: usize,
    /// Upstream's window sizes in MSS units (`FREERTOS_SO_WIN_PROPERTIES`).
    /// They apply only once the application set them (`win_props_set`):
    /// then the RX window offered is at most `rx_win_segments` MSS and at
    /// most `tx_win_segments` MSS are in flight, as upstream. Otherwise
    /// the RX window follows the free RX space (window.rs says why) and
    /// the data in flight is bounded by the TX stream and congestion
    /// control.
    pub rx_win_segments: u32,
    pub tx_win_segments: u32,
    /// `ipconfigTCP_HANG_PROTECTION_TIME`; None = off.
    pub hang_protection: Option<Duration>,
    /// `ipconfigTCP_SRTT_MINIMUM_VALUE_MS`; raises the RTO floor above
    /// 200 ms when larger (see [`rtt`]).
    pub srtt_min_ms: u32,
    /// The application set `FREERTOS_SO_WIN_PROPERTIES`.
    pub win_props_set: bool,
    /// `FREERTOS_SO_SET_LOW_HIGH_WATER` (bytes of free RX space): offer no
    /// new window once the free space falls to `low_water`, until it is
    /// back at `high_water`. 0/0: off (the default here; see window.rs).
    /// (u32: a stream is never 4 GiB, and the Tcb stays small.)
    pub low_water: u32,
    pub high_water: u32,
    /// Keep-alive (`ipconfigTCP_KEEP_ALIVE`): after this many ms without a
    /// segment from the peer an Established connection sends a probe;
    /// 0 = off. Upstream: `ipconfigTCP_KEEP_ALIVE_INTERVAL` seconds.
    pub keep_alive_ms: u32,
    /// Unanswered probes after which the connection is given up
    /// (eCLOSE_WAIT). Upstream: 4 (the first probe and three more).
    pub keep_alive_probes: u8,
    /// Time between probes once the first went unanswered, and from the
    /// last probe to giving up. Upstream: 3000 ms.
    pub keep_alive_probe_interval_ms: u32,
}

impl TcpConfig {
    /// Upstream's defaults: MSS 1460, streams 4 x MSS, windows 2 MSS, hang
    /// protection 30 s, minimum SRTT 50 ms.
    pub fn new(tick_rate: TickRate) -> TcpConfig {
        TcpConfig {
            tick_rate,
            mss: DEFAULT_MSS,
            rx_stream_size: 4 * DEFAULT_MSS as usize,
            tx_stream_size: 4 * DEFAULT_MSS as usize,
            rx_win_segments: 2,
            tx_win_segments: 2,
            hang_protection: Some(tick_rate.ms(30_000)),
            srtt_min_ms: 50,
            win_props_set: false,
            low_water: 0,
            high_water: 0,
            keep_alive_ms: 0,
            keep_alive_probes: KEEP_ALIVE_PROBES,
            keep_alive_probe_interval_ms: KEEP_ALIVE_PROBE_INTERVAL_MS,
        }
    }
}

/// Event bits, with the values of upstream's `eSOCKET_*` bits.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Default, Hash)]
pub struct TcbEvents(pub u8);

impl TcbEvents {
    /// Data or end of stream became readable.
    pub const RECEIVE: TcbEvents = TcbEvents(0x01);
    /// TX space was freed (data acknowledged).
    pub const SEND: TcbEvents = TcbEvents(0x02);
    /// The connection reached Established.
    pub const CONNECTED: TcbEvents = TcbEvents(0x08);
    /// The connection left a connecting or synchronized state for Closed or
    /// CloseWait: waiters must re-check.
    pub const CLOSED: TcbEvents = TcbEvents(0x20);

    pub const fn empty() -> TcbEvents {
        TcbEvents(0)
    }

    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub const fn contains(self, other: TcbEvents) -> bool {
        self.0 & other.0 == other.0
    }
}

impl BitOr for TcbEvents {
    type Output = TcbEvents;
    fn bitor(self, rhs: TcbEvents) -> TcbEvents {
        TcbEvents(self.0 | rhs.0)
    }
}

/// Per-connection counters (diagnostics; not part of upstream's API). Only
/// test builds count: nothing else reads them, and firmware saves the code
/// and 40 bytes per connection.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct TcbStats {
    pub segments_received: u64,
    pub segments_sent: u64,
    /// Segments that carried sequence space already sent before.
    pub retransmitted_segments: u64,
    /// Retransmission timer expiries with data or FIN outstanding.
    pub timeouts: u64,
    /// Entries into fast recovery (third duplicate ACK).
    pub fast_retransmits: u64,
    /// Payload bytes in the retransmitted segments.
    pub retransmitted_bytes: u64,
    /// Tail loss probes sent.
    pub tail_probes: u64,
}

/// A stream buffer could not be allocated.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct AllocError;

/// Where the engine puts its segments.
pub trait SegmentSink {
    /// Send one segment. `payload` is up to two slices (stream ring wrap).
    /// Return false if it could not go out now (no network buffer, no ARP
    /// entry): the engine then behaves as if the segment was never sent and
    /// tries again on a later poll.
    fn send_segment(
        &mut self,
        local: SockAddr,
        remote: SockAddr,
        repr: &TcpRepr,
        payload: (&[u8], &[u8]),
    ) -> bool;
}

/// What is left of a connection that closed cleanly (both FINs sent and
/// acknowledged), for the stack's TIME-WAIT records once the socket itself
/// is gone (reference §14.5 row 12). See [`Tcb::time_wait`].
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct TimeWait {
    pub local: SockAddr,
    pub remote: SockAddr,
    /// Our next sequence number (after our FIN).
    pub snd_nxt: u32,
    /// The peer's next sequence number (after its FIN).
    pub rcv_nxt: u32,
}

impl TimeWait {
    /// The answer to a segment for this finished connection: an ACK when it
    /// is the peer's FIN again (our last ACK was lost; RFC 9293 §3.10.7.4,
    /// TIME-WAIT). None for anything else; the caller then treats the
    /// segment as one for no connection.
    pub fn reply(&self, incoming: &TcpRepr, payload_len: usize) -> Option<TcpRepr> {
        let flags = incoming.flags;
        if !flags.contains(TcpFlags::FIN) || flags.intersects(TcpFlags::SYN | TcpFlags::RST) {
            return None;
        }
        if Seq(incoming.seq).add_len(incoming.segment_len(payload_len)) != Seq(self.rcv_nxt) {
            return None;
        }
        Some(TcpRepr::control(self.local.port, self.remote.port, self.snd_nxt, self.rcv_nxt, TcpFlags::ACK))
    }
}

/// Default MSS (`ipconfigTCP_MSS` = MTU 1500 - 40).
pub const DEFAULT_MSS: u16 = 1460;
/// MSS assumed when the peer's SYN carries no MSS option (RFC 9293 §3.7.1).
pub const DEFAULT_PEER_MSS: u16 = 536;
/// `tcpMAXIMUM_TCP_WAKEUP_TIME_MS`: idle re-arm period (reference §4).
pub const IDLE_WAKEUP_MS: u64 = 20_000;
/// Delayed ACK: `tcpDELAYED_ACK_LONGER_DELAY_MS`.
pub const DELAYED_ACK_MS: u64 = 20;
/// Active open: SYN repeats 3 s and 6 s after the previous SYN, give up
/// 11 s after the third (about 20 s in all; reference §2.5).
pub const SYN_RETRY_DELAYS_MS: [u32; 3] = [3_000, 6_000, 11_000];
/// While the stack cannot send our first SYN (ARP pending), try again this
/// often (upstream's ARP phase period).
pub const CONNECT_RETRY_MS: u64 = 500;
/// After the sink refused a segment, try again after this long; each
/// further refusal in a row doubles it, up to `SINK_RETRY_MS << 6` (640 ms).
/// A refusal may last (interface down, next hop silent): without the
/// backoff the IP task woke every 10 ms for as long as a cable stayed out
/// (found by the socket_api fuzz target as a 5 s input).
pub const SINK_RETRY_MS: u64 = 10;
pub const SINK_RETRY_MAX_SHIFT: u8 = 6;
/// Keep-alive: probes sent without an answer before the connection is
/// given up, and the time between them (upstream's hard-coded values:
/// four probes 3 s apart, then eCLOSE_WAIT 3 s after the last; reference §5).
pub const KEEP_ALIVE_PROBES: u8 = 4;
pub const KEEP_ALIVE_PROBE_INTERVAL_MS: u32 = 3_000;
/// Passive open without hang protection: give up after this many SYN+ACK
/// retransmissions (with hang protection that timer ends it first).
pub const MAX_SYNACK_RETRIES: u8 = 6;
/// RFC 5961 §7: at most this many challenge ACKs per connection per second
/// (docs/decisions.md says why per connection).
pub const CHALLENGE_ACKS_PER_SECOND: u8 = 10;

/// The RST answering a segment that has no connection (RFC 9293 §3.10.7.1):
/// with ACK set `<SEQ=SEG.ACK><CTL=RST>`, otherwise
/// `<SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>`, where SEG.LEN counts SYN and
/// FIN. None when the incoming segment is itself an RST. Ports are swapped;
/// the caller swaps the addresses.
pub fn reset_for(incoming: &TcpRepr, payload_len: usize) -> Option<TcpRepr> {
    if incoming.flags.contains(TcpFlags::RST) {
        return None;
    }
    let (seq, ack, flags) = if incoming.flags.contains(TcpFlags::ACK) {
        (incoming.ack, 0, TcpFlags::RST)
    } else {
        let ack = Seq(incoming.seq).add_len(incoming.segment_len(payload_len)).0;
        (0, ack, TcpFlags::RST | TcpFlags::ACK)
    };
    Some(TcpRepr::control(incoming.dst_port, incoming.src_port, seq, ack, flags))
}
