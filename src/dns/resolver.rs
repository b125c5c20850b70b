//! One lookup's exchange with the DNS server: up to `attempts` queries, each
//! followed by up to `timeout` ticks of listening. Everything that is not
//! the answer (another source, another id, a malformed or foreign message)
//! is counted and ignored, and listening goes on for the rest of that
//! attempt's time, so a hostile host on the path cannot end a lookup early.
//!
//! Differences from upstream (reference §14.8), listed in COMPAT.md: a
//! definitive "no such name" (NXDOMAIN, or no A record) ends the lookup at
//! once instead of being asked again `attempts` times; the transaction id
//! and the socket's port stay the same for every attempt, as upstream's.
#![forbid(unsafe_code)]

use super::Counters;
use crate::wire::dns::{self, Addresses, DnsError};
use crate::wire::{SockAddr, SockAddrV4};

/// Largest response read: a UDP answer without EDNS is at most 512 bytes
/// (RFC 1035 §4.2.1); a longer datagram is cut and then fails to parse.
pub const MAX_RESPONSE: usize = 512;

/// What the resolver needs from the world.
pub trait Transport {
    /// Sends the query to the server; false if it could not be queued.
    fn send(&mut self, query: &[u8]) -> bool;
    /// Waits at most `ticks` for a datagram; its length and source.
    fn recv(&mut self, buf: &mut [u8], ticks: u32) -> Option<(usize, SockAddr)>;
    /// The tick clock (32 bits, wrapping: time.rs).
    fn now(&mut self) -> u32;
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The addresses (wire order; at least one) and the TTL in seconds.
    Found(Addresses, u32),
    /// The server says the name has no address.
    NoSuchName,
    /// No usable answer within the attempts.
    NoAnswer,
}

/// Asks `server` for the A record of `name` with transaction `id`.
#[allow(clippy::too_many_arguments)]
pub fn resolve(
    t: &mut dyn Transport,
    server: SockAddrV4,
    name: &[u8],
    id: u16,
    attempts: u32,
    timeout: u32,
    buf: &mut [u8],
    counters: &mut Counters,
) -> Outcome {
    let mut query = [0u8; dns::MAX_QUERY];
    let Ok(qlen) = dns::encode_query(&mut query, id, name) else { return Outcome::NoAnswer };
    let query = query.get(..qlen).unwrap_or(&[]);
    for _ in 0..attempts {
        if t.send(query) {
            counters.queries_sent = counters.queries_sent.wrapping_add(1);
        }
        // Listen even when the send failed: it may still be on its way, and
        // the time spent keeps a failing send from spinning.
        let start = t.now();
        loop {
            // `start` is in the past: the plain wrapping difference.
            let waited = t.now().wrapping_sub(start);
            if waited >= timeout {
                break;
            }
            let Some((len, from)) = t.recv(buf, timeout - waited) else { break };
            if from != SockAddr::from(server) {
                counters.wrong_source = counters.wrong_source.wrapping_add(1);
                continue;
            }
            let msg = buf.get(..len).unwrap_or(&[]);
            match dns::parse_response(msg, id, name) {
                Ok(a) => match a.address {
                    Some((_, ttl)) => {
                        counters.answers = counters.answers.wrapping_add(1);
                        return Outcome::Found(a.all, ttl);
                    }
                    None if a.rcode == dns::RCODE_NXDOMAIN || (a.rcode == dns::RCODE_OK && !a.truncated) => {
                        return Outcome::NoSuchName;
                    }
                    None => {
                        // SERVFAIL, REFUSED, a truncated answer: ask again.
                        counters.server_errors = counters.server_errors.wrapping_add(1);
                        break;
                    }
                },
                Err(DnsError::WrongId) => counters.wrong_id = counters.wrong_id.wrapping_add(1),
                Err(DnsError::NotOurs) => counters.not_ours = counters.not_ours.wrapping_add(1),
                Err(DnsError::Truncated | DnsError::BadName) => {
                    counters.malformed = counters.malformed.wrapping_add(1)
                }
            }
        }
    }
    Outcome::NoAnswer
}

#[cfg(test)]
#[path = "resolver_tests.rs"]
mod tests;
