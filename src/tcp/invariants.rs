//! Checks of the engine's own consistency, for the unit tests and the fuzz
//! targets (compiled only with `cfg(test)` or the `fuzzing` feature, never
//! into firmware).
//!
//! * [`transition_allowed`]: the state changes the engine may make by
//!   itself, along RFC 9293's diagram (§3.3.2) as upstream collapses it
//!   (reference §4: every finished connection ends in eCLOSE_WAIT, a
//!   passive close goes from eESTABLISHED straight to eLAST_ACK, an error or
//!   timeout from any live state to eCLOSE_WAIT, an RST to eCLOSED).
//!   `Tcb::set_state` checks every change against it.
//! * [`Tcb::check_invariants`]: sequence numbers in order and inside the
//!   windows and streams they describe.

use super::tcb::Tcb;
use super::TcpState;

/// Whether the engine may move from `old` to `new` in one step.
pub fn transition_allowed(old: TcpState, new: TcpState) -> bool {
    use TcpState::*;
    match (old, new) {
        // RST, abort, or a failed active open: from anywhere.
        (_, Closed) => true,
        // Errors, timeouts (SYN retries, hang protection) and the end of
        // every clean close: from any live state.
        (Closed | Listen, CloseWait) => false,
        (_, CloseWait) => true,
        // The application opens again (a finished socket may reconnect or
        // listen, reference §2.5).
        (Closed | CloseWait, Listen | ConnectSyn) => true,
        // A listener's child starts here with the peer's SYN.
        (Closed, SynFirst) => true,
        // Handshakes: SYN+ACK received, simultaneous open, our SYN+ACK sent,
        // its ACK received.
        (ConnectSyn, Established | SynReceived) => true,
        (SynFirst, SynReceived | Established) => true,
        (SynReceived, Established) => true,
        // Our FIN goes out (after a shutdown in SYN-RECEIVED too, RFC 9293).
        (SynReceived | Established, FinWait1) => true,
        // The peer's FIN answered with ours at once (passive close).
        (SynReceived | Established, LastAck) => true,
        // Active close: our FIN acknowledged, the peer's FIN, or both
        // (simultaneous close uses eLAST_ACK upstream).
        (FinWait1, FinWait2 | Closing | TimeWait | LastAck) => true,
        (FinWait2 | Closing, TimeWait) => true,
        _ => false,
    }
}

/// The sequence numbers a fuzz target aims its segments at.
#[derive(Clone, Copy, Debug)]
pub struct SeqView {
    pub snd_una: u32,
    pub snd_max: u32,
    pub rcv_nxt: u32,
}

impl Tcb {
    pub fn seq_view(&self) -> SeqView {
        SeqView { snd_una: self.snd_una.0, snd_max: self.snd_max.0, rcv_nxt: self.rcv_nxt.0 }
    }

    /// Sequence-number and buffer invariants; the first one broken, named.
    pub fn check_invariants(&self) -> Result<(), &'static str> {
        if self.rx_len() > self.rx_capacity() {
            return Err("RX stream holds more than its capacity");
        }
        if matches!(self.state, TcpState::Closed | TcpState::Listen) {
            return Ok(());
        }
        if !(self.snd_una.le(self.snd_nxt) && self.snd_nxt.le(self.snd_max)) {
            return Err("SND.UNA <= SND.NXT <= SND.MAX broken");
        }
        // Unacknowledged data is still in the TX stream (the byte before
        // its start may be our SYN).
        if self.snd_una.lt(self.tx_base.sub(1)) {
            return Err("SND.UNA before the TX stream's start");
        }
        // Nothing was sent beyond the queued data and one FIN.
        if self.snd_max.gt(self.data_end().add(1)) {
            return Err("SND.MAX beyond the queued data and FIN");
        }
        if self.snd_wnd > self.max_snd_wnd {
            return Err("send window above the largest one seen");
        }
        // Out-of-order data lies beyond RCV.NXT and inside the RX stream.
        let rx_end = self.rcv_nxt.add_len(self.rx_capacity());
        for &(start, end) in self.ooo.as_slice() {
            if !(start.lt(end) && start.ge(self.rcv_nxt) && end.le(rx_end)) {
                return Err("out-of-order range outside (RCV.NXT, RCV.NXT + RX capacity]");
            }
        }
        // The SACK scoreboard only describes data in flight.
        for &(start, end) in self.sacked.as_slice() {
            if !(start.lt(end) && start.ge(self.snd_una) && end.le(self.snd_max)) {
                return Err("SACKed range outside [SND.UNA, SND.MAX]");
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backwards_transitions_are_refused() {
        use TcpState::*;
        assert!(transition_allowed(Established, FinWait1));
        assert!(transition_allowed(LastAck, CloseWait));
        assert!(!transition_allowed(Established, SynReceived));
        assert!(!transition_allowed(FinWait1, Established));
        assert!(!transition_allowed(CloseWait, Established));
        assert!(!transition_allowed(Listen, CloseWait));
        assert!(!transition_allowed(LastAck, FinWait1));
    }
}
