//! Outgoing pings (`FreeRTOS_SendPingRequest`) and their replies, which
//! reach the application's `vApplicationPingReplyHook` as a [`Notice`]
//! (delivered by the IP task without the lock held).
#![forbid(unsafe_code)]

use crate::stack::notice::Notice;
use crate::stack::outgoing::{OutKind, Outgoing};
use crate::stack::{count, FrameToken, Stack};
use crate::wire::{icmp, Ipv4Addr, SockAddrV4};

/// What upstream fills an echo request's data with (`ipECHO_DATA_FILL_BYTE`),
/// and expects back.
pub const ECHO_FILL_BYTE: u8 = b'x';

/// `ePingReplyStatus_t`.
pub mod status {
    pub const SUCCESS: u8 = 0;
    pub const INVALID_CHECKSUM: u8 = 1;
    pub const INVALID_DATA: u8 = 2;
}

impl Stack {
    /// Queues an echo request whose `payload_len` data bytes wait in `frame`
    /// at `outgoing::PAYLOAD_OFFSET`; returns its sequence number (also its
    /// identifier, as upstream uses one number for both), or None when the
    /// queue is full (the caller keeps the frame).
    #[cfg_attr(all(feature = "fuzzing", not(test)), allow(dead_code))] // no socket layer there
    pub(crate) fn queue_ping(&mut self, frame: FrameToken, to: Ipv4Addr, payload_len: usize) -> Option<u16> {
        // 0 would read as pdFAIL: the numbers run 1..=65535.
        let seq = self.ping_sequence.checked_add(1).unwrap_or(1);
        let out = Outgoing {
            frame,
            from: SockAddrV4 { addr: Ipv4Addr::UNSPECIFIED, port: 0 },
            to: SockAddrV4 { addr: to, port: 0 },
            payload_len,
            kind: OutKind::EchoRequest { ident: seq, seq },
        };
        if !self.queue_outgoing(out) {
            return None;
        }
        self.ping_sequence = seq;
        Some(seq)
    }

    /// An echo reply arrived (`packet` is the whole ICMP message): tells
    /// the application which request it answers and whether its data came
    /// back intact. A reply whose checksum fails is reported too, as
    /// upstream does, if it is long enough to name its request.
    pub(crate) fn receive_echo_reply(&mut self, packet: &[u8], checksum_ok: bool) {
        let Some(ident) = packet.get(4..6).map(|b| u16::from_be_bytes([b[0], b[1]])) else { return };
        let status = if !checksum_ok {
            status::INVALID_CHECKSUM
        } else if packet.get(icmp::HEADER_LEN..).unwrap_or_default().iter().any(|b| *b != ECHO_FILL_BYTE) {
            status::INVALID_DATA
        } else {
            status::SUCCESS
        };
        count(&mut self.counters.icmp_echo_replies_received);
        // Without `ipconfigSUPPORT_OUTGOING_PINGS` there is no hook to tell
        // (os::hooks), so the notice is left out of the firmware (host tests
        // and fuzz targets have it).
        if crate::config::RUNTIME_SETTINGS || crate::config::SUPPORT_OUTGOING_PINGS {
            self.notify(Notice::PingReply { status, ident });
        }
    }
}
