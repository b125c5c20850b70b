//! The DNS client's pure parts (reference §1.5, §14.8; docs/dns.md): the
//! answer cache and one lookup's exchange with the server, driven through
//! the [`resolver::Transport`] trait so that host tests can play the
//! server. The blocking calls that use a real UDP socket are in
//! `socket::dns`; the message format is `wire::dns`.
#![forbid(unsafe_code)]

pub mod cache;
pub mod resolver;

use crate::os::fallible::{try_push, try_zeroed_bytes};
use crate::os::mem::copy_bytes;
use crate::time::Instant;
use alloc::boxed::Box;
use alloc::vec::Vec;

/// Responses the resolver ignored, by reason (each kind of hostile or stray
/// answer is counted, none ends a lookup early).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    pub queries_sent: u32,
    /// Answers that gave an address.
    pub answers: u32,
    /// From another address or port than the server's port 53.
    pub wrong_source: u32,
    /// Another transaction id.
    pub wrong_id: u32,
    /// Unreadable: truncated, a lying count, a record past the end, a bad
    /// name (label over 63, name over 255, pointer loop or forward).
    pub malformed: u32,
    /// Not a response to our question.
    pub not_ours: u32,
    /// SERVFAIL, REFUSED and other errors (the next attempt follows).
    pub server_errors: u32,
}

impl Counters {
    pub fn add(&mut self, o: &Counters) {
        self.queries_sent = self.queries_sent.wrapping_add(o.queries_sent);
        self.answers = self.answers.wrapping_add(o.answers);
        self.wrong_source = self.wrong_source.wrapping_add(o.wrong_source);
        self.wrong_id = self.wrong_id.wrapping_add(o.wrong_id);
        self.malformed = self.malformed.wrapping_add(o.malformed);
        self.not_ours = self.not_ours.wrapping_add(o.not_ours);
        self.server_errors = self.server_errors.wrapping_add(o.server_errors);
    }
}

/// An asynchronous lookup waiting for its answer
/// (`FreeRTOS_gethostbyname_a`, `FreeRTOS_getaddrinfo_a`). The callback
/// and search ID are the application's, kept as numbers: only `ffi` turns
/// them back into a function pointer and a `void *`.
pub struct Pending {
    pub ticket: u32,
    /// The name, NUL-terminated (passed back to the callback).
    pub name: Box<[u8]>,
    pub callback: usize,
    pub search_id: usize,
    pub deadline: Instant,
    /// The worker has taken it (it stays listed so that a cancel can
    /// remove it and the worker then calls nobody).
    pub taken: bool,
}

/// The resolver's shared state: kept with the stack, under its lock.
pub struct Dns {
    pub cache: cache::Cache<{ crate::config::DNS_CACHE_ENTRIES }>,
    pub counters: Counters,
    pub pending: Vec<Pending>,
    pub next_ticket: u32,
    /// The task that serves `pending` has been created.
    pub worker_started: bool,
}

impl Dns {
    // Out of line: built in place in the IP task's state, which is then
    // stored field by field; a call writing it directly is smaller.
    #[inline(never)]
    pub const fn new() -> Dns {
        Dns {
            cache: cache::Cache::new(),
            counters: Counters { queries_sent: 0, answers: 0, wrong_source: 0, wrong_id: 0, malformed: 0, not_ours: 0, server_errors: 0 },
            pending: Vec::new(),
            next_ticket: 0,
            worker_started: false,
        }
    }

    /// Queues a lookup; its ticket, or None when the heap cannot hold it.
    pub fn enqueue(&mut self, name: &[u8], callback: usize, search_id: usize, deadline: Instant) -> Option<u32> {
        // Zeroed, so the byte after the name is its NUL.
        let mut copy = try_zeroed_bytes(name.len() + 1)?;
        copy_bytes(&mut copy, name);
        self.next_ticket = self.next_ticket.wrapping_add(1);
        let ticket = self.next_ticket;
        let p = Pending { ticket, name: copy, callback, search_id, deadline, taken: false };
        try_push(&mut self.pending, p).ok()?;
        Some(ticket)
    }

    /// The oldest lookup no worker has taken yet: (ticket, name without
    /// its NUL, deadline).
    pub fn take_next(&mut self) -> Option<(u32, Box<[u8]>, Instant)> {
        let p = self.pending.iter_mut().find(|p| !p.taken)?;
        let text = p.name.split_last().map_or(&[][..], |(_, t)| t);
        let mut name = try_zeroed_bytes(text.len())?;
        copy_bytes(&mut name, text);
        p.taken = true;
        Some((p.ticket, name, p.deadline))
    }

    /// Removes lookup `ticket`; None if it was cancelled meanwhile.
    pub fn finish(&mut self, ticket: u32) -> Option<Pending> {
        // Moved out field by field and then dropped with `retain`: no
        // index arithmetic (Vec::remove has a panic path).
        let p = self.pending.iter_mut().find(|p| p.ticket == ticket)?;
        let out = Pending { name: core::mem::take(&mut p.name), ..*p };
        self.pending.retain(|q| q.ticket != ticket);
        Some(out)
    }

    /// `FreeRTOS_gethostbyname_cancel`: forgets every lookup with this
    /// search ID (their callbacks will not be called).
    pub fn cancel(&mut self, search_id: usize) {
        self.pending.retain(|p| p.search_id != search_id);
    }
}

impl Default for Dns {
    fn default() -> Self {
        Dns::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pending_lookups_take_finish_cancel() {
        let mut d = Dns::new();
        let a = d.enqueue(b"a.test", 1, 10, Instant(100)).unwrap();
        let b = d.enqueue(b"b.test", 2, 20, Instant(200)).unwrap();
        assert_ne!(a, b);
        assert_eq!(d.take_next(), Some((a, b"a.test".to_vec().into_boxed_slice(), Instant(100))));
        assert_eq!(d.take_next(), Some((b, b"b.test".to_vec().into_boxed_slice(), Instant(200))));
        assert_eq!(d.take_next(), None);
        // Cancelled while being looked up: finishing finds nothing to call.
        d.cancel(20);
        assert!(d.finish(b).is_none());
        let p = d.finish(a).unwrap();
        assert_eq!((p.callback, p.search_id, &p.name[..]), (1, 10, &b"a.test\0"[..]));
        assert!(d.pending.is_empty());
    }
}
