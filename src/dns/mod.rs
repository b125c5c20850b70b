//! The DNS client's pure parts (reference §1.5, §14.8; docs/dns.md): the
//! answer cache and one lookup's exchange with the server, driven through
//! the [`resolver::Transport`] trait so that host tests can play the
//! server. The blocking calls that use a real UDP socket are in
//! `socket::dns`; the message format is `wire::dns`.
#![forbid(unsafe_code)]

pub mod cache;
pub mod resolver;

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

/// The resolver's shared state: kept with the stack, under its lock.
pub struct Dns {
    pub cache: cache::Cache<{ crate::config::DNS_CACHE_ENTRIES }>,
    pub counters: Counters,
}

impl Dns {
    pub const fn new() -> Dns {
        Dns { cache: cache::Cache::new(), counters: Counters { queries_sent: 0, answers: 0, wrong_source: 0, wrong_id: 0, malformed: 0, not_ours: 0, server_errors: 0 } }
    }
}

impl Default for Dns {
    fn default() -> Self {
        Dns::new()
    }
}

/// A dotted-quad IPv4 literal ("192.0.2.7"), answered without a query
/// (reference §14.8: upstream sends it as a name and fails; we fix that).
pub fn parse_dotted_quad(name: &[u8]) -> Option<[u8; 4]> {
    let mut out = [0u8; 4];
    let mut parts = name.split(|&b| b == b'.');
    for slot in out.iter_mut() {
        let p = parts.next()?;
        if p.is_empty() || p.len() > 3 || !p.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let v = p.iter().fold(0u32, |a, &d| a * 10 + (d - b'0') as u32);
        *slot = u8::try_from(v).ok()?;
    }
    parts.next().is_none().then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_quads() {
        assert_eq!(parse_dotted_quad(b"192.0.2.7"), Some([192, 0, 2, 7]));
        assert_eq!(parse_dotted_quad(b"0.0.0.0"), Some([0, 0, 0, 0]));
        for bad in [&b"192.0.2"[..], b"192.0.2.256", b"1.2.3.4.5", b"1..2.3", b"a.b.c.d", b"1.2.3.4.", b"", b"1234.1.1.1"] {
            assert_eq!(parse_dotted_quad(bad), None, "{bad:?}");
        }
    }
}
