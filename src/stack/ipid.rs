//! IPv4 Identification values (issue 9, RFC 7739 §5.3 "hash-based").
//!
//! One global counter, +1 per datagram, tells anyone who pings us how many
//! datagrams we sent to everybody else in between: the idle-scan side
//! channel. Here each destination hashes (with a secret key) to one of
//! `BUCKETS` counters, and the ID is that counter plus a second keyed hash of
//! the destination. IDs to one destination therefore step by one (no repeat
//! within 65,536 datagrams to it, or to the few destinations sharing its
//! bucket), while traffic to a destination in another bucket leaves them
//! alone, and the starting point of each destination is secret.
//!
//! The key comes from `xApplicationGetRandomNumber` (`Env::random`) the first
//! time an ID is needed; while the hook fails, IDs are made with the key
//! still zero and the hook is asked again next time.
//!
//! The hash is a 32-bit integer mixer (xor-shift-multiply), keyed by xor. It
//! is not a cryptographic PRF; it only has to keep an outsider from telling
//! which bucket a destination uses or what its offset is, and every frame we
//! send already carries DF (RFC 6864: the ID of an atomic datagram has no
//! other use).
#![forbid(unsafe_code)]

use crate::wire::Ipv4Addr;

/// Counters in the table (a power of two).
const BUCKETS: usize = 16;

pub struct IpIds {
    keys: [u32; 2],
    keyed: bool,
    counters: [u16; BUCKETS],
}

impl Default for IpIds {
    fn default() -> Self {
        Self::new()
    }
}

impl IpIds {
    pub const fn new() -> IpIds {
        IpIds { keys: [0; 2], keyed: false, counters: [0; BUCKETS] }
    }

    /// The ID for the next datagram to `dst`; `random` is asked for the key
    /// until it has given one.
    pub fn next(&mut self, dst: Ipv4Addr, mut random: impl FnMut() -> Option<u32>) -> u16 {
        if !self.keyed {
            if let (Some(a), Some(b)) = (random(), random()) {
                self.keys = [a, b];
                self.keyed = true;
            }
        }
        let d = dst.to_be_u32();
        let bucket = (mix(d ^ self.keys[0]) as usize) % BUCKETS;
        let offset = (mix(d ^ self.keys[1]) >> 16) as u16;
        let Some(counter) = self.counters.get_mut(bucket) else { return offset };
        *counter = counter.wrapping_add(1);
        counter.wrapping_add(offset)
    }
}

/// A 32-bit avalanche mixer: every input bit affects every output bit.
pub(crate) fn mix(x: u32) -> u32 {
    let mut h = x;
    h ^= h >> 16;
    h = h.wrapping_mul(0x21f0_aaad);
    h ^= h >> 15;
    h = h.wrapping_mul(0x735a_2d97);
    h ^ (h >> 15)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyed_once_and_steps_by_one_per_destination() {
        let mut ids = IpIds::new();
        let mut calls = 0;
        let dst = Ipv4Addr([192, 0, 2, 1]);
        let a = ids.next(dst, || {
            calls += 1;
            Some(0x1234_5678 + calls)
        });
        let b = ids.next(dst, || panic!("asked for a key twice"));
        assert_eq!(calls, 2);
        assert_eq!(b, a.wrapping_add(1));
    }

    #[test]
    fn a_failing_hook_is_asked_again() {
        let mut ids = IpIds::new();
        let dst = Ipv4Addr([192, 0, 2, 1]);
        ids.next(dst, || None);
        let mut asked = false;
        ids.next(dst, || {
            asked = true;
            Some(7)
        });
        assert!(asked);
    }

    #[test]
    fn destinations_spread_over_the_buckets() {
        let mut ids = IpIds::new();
        ids.next(Ipv4Addr([10, 0, 0, 0]), || Some(0x9e37_79b9));
        let mut used = [false; BUCKETS];
        for n in 0..=255u8 {
            let d = Ipv4Addr([10, 0, 0, n]).to_be_u32();
            used[(mix(d ^ ids.keys[0]) as usize) % BUCKETS] = true;
        }
        assert!(used.iter().all(|u| *u));
    }
}
