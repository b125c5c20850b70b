//! A listener under a SYN flood (issue 9, defect 8).
//!
//! Upstream refuses a SYN when the backlog is full. Spoofed SYNs each make a
//! half-open child that nobody completes; it holds its backlog slot until
//! hang protection ends it (30 s), so a flood shuts every real client out.
//! With `ipconfigFPTCP_SYN_FLOOD_DEFENCE` (default 0, upstream's behaviour)
//! a SYN for a full backlog instead replaces the oldest half-open child (one
//! that never reached eESTABLISHED): a real client's handshake completes
//! within one round trip, so it is rarely the oldest, while established
//! connections are never touched.
//!
//! On or off, the "Check: Socket N already has ..." line is printed at most
//! once per second, preceded by the number of refusals not logged since.
#![forbid(unsafe_code)]

use crate::stack::sockets::SocketId;
use crate::stack::{count, Env, Stack};
use crate::tcp::TcpState;
use crate::text::Line;
use crate::time::Instant;

/// Host tests and fuzz targets switch the defence at run time
/// (`Stack::syn_flood_defence`) and read the log; in a firmware build the
/// application's options decide, so that with the defence off, or without
/// `ipconfigHAS_PRINTF`, the code behind them is left out.
const RUNTIME_OPTIONS: bool = cfg!(any(test, feature = "fuzzing"));
const DEFENCE_BUILT: bool = RUNTIME_OPTIONS || crate::config::FPTCP_SYN_FLOOD_DEFENCE;
const LOGGING: bool = RUNTIME_OPTIONS || crate::config::HAS_PRINTF;

/// Rate limit of the backlog-refusal log line, in milliseconds.
const LOG_PERIOD_MS: u64 = 1000;

/// When the refusal line was last printed, and how many were not printed
/// since.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct RefusalLog {
    last: Option<Instant>,
    suppressed: u32,
}

impl Stack {
    /// With the defence on, frees the oldest half-open child of `listener`
    /// to make room for a new SYN; returns whether one was freed.
    pub(crate) fn evict_half_open<E: Env + ?Sized>(&mut self, now: Instant, listener: SocketId, env: &mut E) -> bool {
        if !DEFENCE_BUILT || !self.syn_flood_defence {
            return false;
        }
        let mut oldest: Option<(u64, SocketId)> = None;
        for (id, s) in self.sockets.iter() {
            let Some(t) = s.tcp() else { continue };
            let half_open = matches!(t.tcb.state(), TcpState::SynFirst | TcpState::SynReceived);
            if s.closing || t.parent != Some(listener) || !t.pass_queued || !half_open {
                continue;
            }
            if oldest.is_none_or(|(order, _)| s.bind_order < order) {
                oldest = Some((s.bind_order, id));
            }
        }
        let Some((_, victim)) = oldest else { return false };
        self.free_socket(now, victim, env);
        count(&mut self.counters.tcp_half_open_evicted);
        true
    }

    /// Logs a SYN refused for a full backlog, at most once per second.
    pub(crate) fn log_backlog_full<E: Env + ?Sized>(&mut self, now: Instant, port: u16, children: u16, backlog: u16, env: &mut E) {
        if !LOGGING {
            return;
        }
        let period = self.cfg.tick_rate.ms(LOG_PERIOD_MS);
        let log = &mut self.refusal_log;
        if log.last.is_some_and(|t| now.since(t) < period) {
            log.suppressed = log.suppressed.saturating_add(1);
            return;
        }
        log.last = Some(now);
        if log.suppressed > 0 {
            let mut line = Line::<64>::default();
            line.write(|t| {
                t.str("Check: ").dec(log.suppressed).str(" more refused SYNs not logged\n");
            });
            env.log(line.as_bytes());
            log.suppressed = 0;
        }
        let mut line = Line::<64>::default();
        line.write(|t| {
            t.str("Check: Socket ").dec(port as u32).str(" already has ");
            t.dec(children as u32).str(" / ").dec(backlog as u32).str(" children\n");
        });
        env.log(line.as_bytes());
    }
}
