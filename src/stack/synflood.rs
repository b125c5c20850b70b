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
//! Evicting on every SYN is not enough under a fast flood: a real
//! client's ACK can queue in the driver behind more spoofed SYNs than the
//! backlog holds, and its child is gone when the ACK arrives. So once the
//! backlog is full and holds a half-open child, a SYN gets a SYN cookie
//! (RFC 4987 §3.6) instead of a child: a SYN+ACK whose sequence number
//! encodes the connection (a keyed hash of its addresses and ports and a
//! 64-second time slot) and the peer's MSS and SACK-permitted option, and
//! nothing is stored. An ACK that carries a valid cookie back, which only
//! the host at the SYN's source address can send, gets a child at once:
//! it takes the place of the oldest half-open child. Without a random
//! key (`xApplicationGetRandomNumber` failing) the stack evicts on the SYN
//! itself, as before.
//!
//! On or off, the "Check: Socket N already has ..." line is printed at most
//! once per second, preceded by the number of refusals not logged since.
#![forbid(unsafe_code)]

use crate::stack::ipid::mix;
use crate::stack::sockets::{Socket, SocketId};
use crate::stack::{count, Env, Stack};
use crate::tcp::TcpState;
use crate::text::Line;
use crate::time::Instant;
use crate::wire::tcp::TcpRepr;
use crate::wire::SockAddr;

/// Host tests and fuzz targets switch the defence at run time
/// (`Stack::syn_flood_defence`) and read the log; in a firmware build the
/// application's options decide, so that with the defence off, or without
/// `ipconfigHAS_PRINTF`, the code behind them is left out.
const DEFENCE_BUILT: bool = crate::config::RUNTIME_SETTINGS || crate::config::FPTCP_SYN_FLOOD_DEFENCE;
const LOGGING: bool = crate::config::RUNTIME_SETTINGS || crate::config::HAS_PRINTF;

/// Rate limit of the backlog-refusal log line, in milliseconds.
const LOG_PERIOD_MS: u64 = 1000;

/// When the refusal line was last printed, and how many were not printed
/// since.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct RefusalLog {
    last: Option<Instant>,
    suppressed: u32,
}

/// How long one cookie time slot lasts; a cookie is accepted in its own
/// slot and the next (64 to 128 s).
const COOKIE_SLOT_MS: u64 = 64_000;
/// The peer MSS values a cookie can carry (2 bits): the largest not above
/// the peer's is kept.
const COOKIE_MSS: [u16; 4] = [536, 1220, 1440, 1460];

/// The secret of the SYN cookies, asked from the random-number hook once.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct CookieKeys {
    keys: Option<[u32; 3]>,
}

/// A cookie: bits 31..27 the time slot (mod 32), 26..25 the MSS index,
/// bit 24 SACK-permitted, 23..0 the keyed hash.
fn cookie(keys: &[u32; 3], local: SockAddr, remote: SockAddr, slot: u32, info: u32) -> u32 {
    let [k0, k1, k2] = *keys;
    // The address bytes of whatever family, a 32-bit word at a time (one
    // word for IPv4: the same hash as when only IPv4 addresses existed).
    let mut h = mix_words(0, local.addr.as_bytes(), k0);
    h = mix_words(h, remote.addr.as_bytes(), k1);
    h = mix(h ^ ((local.port as u32) << 16 | remote.port as u32));
    h = mix(h ^ k2 ^ (slot << 3 | info));
    (slot & 31) << 27 | (info & 7) << 24 | (h & 0x00ff_ffff)
}

/// Mixes `bytes` into `h`, big-endian 32-bit words, each xor-ed with `key`.
fn mix_words(mut h: u32, bytes: &[u8], key: u32) -> u32 {
    for word in bytes.chunks(4) {
        let mut w = [0u8; 4];
        for (d, s) in w.iter_mut().zip(word) {
            *d = *s;
        }
        h = mix(h ^ u32::from_be_bytes(w) ^ key);
    }
    h
}

impl Stack {
    fn cookie_slot(&self, now: Instant) -> u32 {
        let slot = self.cfg.tick_rate.ms(COOKIE_SLOT_MS).0.max(1);
        // (At the clock's wrap, once in 2^32 ticks, the slot number jumps:
        // a cookie sent just before it is then refused, and the peer's
        // SYN, sent again, gets a new one.)
        (now.0 / slot) & 31
    }

    /// With the defence on and `listener`'s backlog full, answers `syn`
    /// with a SYN cookie when a half-open child could later make room for
    /// it; returns whether it did (false: refuse or evict as before).
    pub(crate) fn send_syn_cookie<E: Env + ?Sized>(
        &mut self,
        now: Instant,
        listener: SocketId,
        local: SockAddr,
        remote: SockAddr,
        syn: &TcpRepr,
        env: &mut E,
    ) -> bool {
        if !DEFENCE_BUILT || !self.syn_flood_defence || self.oldest_half_open(listener).is_none() {
            return false;
        }
        if self.cookies.keys.is_none() {
            if let (Some(a), Some(b), Some(c)) = (env.random(), env.random(), env.random()) {
                self.cookies.keys = Some([a, b, c]);
            }
        }
        let Some(keys) = self.cookies.keys else { return false };
        let peer_mss = syn.mss.unwrap_or(COOKIE_MSS[0]);
        let index = COOKIE_MSS.iter().rposition(|&m| m <= peer_mss).unwrap_or(0) as u32;
        let info = index << 1 | syn.sack_permitted as u32;
        let iss = cookie(&keys, local, remote, self.cookie_slot(now), info);
        let Some(answer) = self.sockets.get(listener).and_then(Socket::tcp).map(|t| t.tcb.cookie_syn_ack(syn, iss, syn.sack_permitted))
        else {
            return false;
        };
        // Counted even when the frame could not go out (no ARP entry for a
        // spoofed source): the SYN was answered all the same.
        self.send_bare(now, local, remote, &answer, env);
        count(&mut self.counters.tcp_syn_cookies_sent);
        true
    }

    /// An ACK that matches no connection: when it carries a valid SYN
    /// cookie for `local` and `remote` (made in this time slot or the one
    /// before), what the cookie kept: our ISS, the peer's MSS and whether
    /// it offered SACK. None otherwise (the caller answers with an RST, as
    /// for any stray ACK).
    pub(crate) fn check_syn_cookie(&self, now: Instant, local: SockAddr, remote: SockAddr, ack: &TcpRepr) -> Option<(u32, u16, bool)> {
        let keys = self.cookies.keys.filter(|_| DEFENCE_BUILT && self.syn_flood_defence)?;
        let iss = ack.ack.wrapping_sub(1);
        let (slot, info) = (iss >> 27, (iss >> 24) & 7);
        let current = self.cookie_slot(now);
        if slot != current && slot != (current.wrapping_sub(1) & 31) {
            return None;
        }
        if cookie(&keys, local, remote, slot, info) != iss {
            return None;
        }
        let mss = COOKIE_MSS.get((info >> 1) as usize).copied().unwrap_or(COOKIE_MSS[0]);
        Some((iss, mss, info & 1 != 0))
    }

    /// The oldest half-open child of `listener` (one that never reached
    /// eESTABLISHED), which the defence may drop.
    fn oldest_half_open(&self, listener: SocketId) -> Option<SocketId> {
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
        oldest.map(|(_, id)| id)
    }

    /// With the defence on, frees the oldest half-open child of `listener`
    /// to make room for a new SYN; returns whether one was freed.
    pub(crate) fn evict_half_open<E: Env + ?Sized>(&mut self, now: Instant, listener: SocketId, env: &mut E) -> bool {
        if !DEFENCE_BUILT || !self.syn_flood_defence {
            return false;
        }
        let Some(victim) = self.oldest_half_open(listener) else { return false };
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
        // `last` is in the past, maybe long ago: the plain wrapping
        // difference (after 2^32 ticks of quiet one line may be kept back).
        if log.last.is_some_and(|t| now.elapsed_from(t) < period) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::Ipv4Addr;

    /// Hashing the address bytes of any family keeps IPv4's cookies what
    /// they were when the hash took the addresses as `u32`s.
    #[test]
    fn ipv4_cookie_unchanged_by_family_neutral_hash() {
        let keys = [0x1234_5678, 0x9abc_def0, 0x0f1e_2d3c];
        let (l, r) = (Ipv4Addr::new(192, 0, 2, 1), Ipv4Addr::new(198, 51, 100, 7));
        let (slot, info) = (17, 5);
        let mut h = mix(l.to_be_u32() ^ keys[0]);
        h = mix(h ^ r.to_be_u32() ^ keys[1]);
        h = mix(h ^ (80u32 << 16 | 40000));
        h = mix(h ^ keys[2] ^ (slot << 3 | info));
        let before = (slot & 31) << 27 | (info & 7) << 24 | (h & 0x00ff_ffff);
        assert_eq!(cookie(&keys, SockAddr::v4(l, 80), SockAddr::v4(r, 40000), slot, info), before);
        // Each address still counts.
        assert_ne!(cookie(&keys, SockAddr::v4(r, 80), SockAddr::v4(l, 40000), slot, info), before);
    }
}
