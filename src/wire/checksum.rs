//! The Internet checksum (RFC 1071): ones-complement sum of 16-bit words.
//!
//! `sum` accumulates (it can be chained: pass the result of one call as the
//! `initial` of the next; every chunk except the last must have an even
//! length), `fold` finishes and inverts. A buffer that already carries a
//! correct checksum folds to 0.

use super::Ipv4Addr;

/// Adds `data` (big-endian 16-bit words, an odd last byte padded with zero)
/// to `initial`. The result is partially folded (at most 0xffff), so it can
/// be fed to another `sum` or to [`fold`].
pub fn sum(data: &[u8], initial: u32) -> u32 {
    let mut acc: u64 = initial as u64;
    // Fixed-size chunks (`split_first_chunk`), so no read can be out of
    // bounds.
    let mut rest = data;
    while let Some((block, tail)) = rest.split_first_chunk::<8>() {
        // Four words at a time; the u64 accumulator cannot overflow for any
        // slice that fits in memory (each step adds less than 2^18).
        let w = u64::from_be_bytes(*block);
        acc += (w >> 48) + ((w >> 32) & 0xffff) + ((w >> 16) & 0xffff) + (w & 0xffff);
        rest = tail;
    }
    while let Some((pair, tail)) = rest.split_first_chunk::<2>() {
        acc += u16::from_be_bytes(*pair) as u64;
        rest = tail;
    }
    if let Some(&last) = rest.first() {
        acc += (last as u64) << 8;
    }
    while acc > 0xffff {
        acc = (acc & 0xffff) + (acc >> 16);
    }
    acc as u32
}

/// Folds a sum to 16 bits and returns its ones complement: the value to put
/// in a checksum field, or 0 when verifying a correct packet.
pub fn fold(sum: u32) -> u16 {
    let mut s = sum;
    while s > 0xffff {
        s = (s & 0xffff) + (s >> 16);
    }
    !(s as u16)
}

/// The sum of the IPv4 pseudo-header used by TCP and UDP (RFC 9293 §3.1,
/// RFC 768): source, destination, zero + protocol, and the transport length.
pub fn pseudo_header_v4(src: Ipv4Addr, dst: Ipv4Addr, protocol: u8, length: u16) -> u32 {
    let s = src.0;
    let d = dst.0;
    let total = u16::from_be_bytes([s[0], s[1]]) as u32
        + u16::from_be_bytes([s[2], s[3]]) as u32
        + u16::from_be_bytes([d[0], d[1]]) as u32
        + u16::from_be_bytes([d[2], d[3]]) as u32
        + protocol as u32
        + length as u32;
    // At most six 16-bit values: fold once to stay within 17 bits.
    (total & 0xffff) + (total >> 16)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The straightforward word-by-word reference.
    fn naive(data: &[u8]) -> u16 {
        let mut acc: u64 = 0;
        let mut i = 0;
        while i < data.len() {
            let hi = data[i] as u64;
            let lo = if i + 1 < data.len() { data[i + 1] as u64 } else { 0 };
            acc += (hi << 8) | lo;
            i += 2;
        }
        while acc > 0xffff {
            acc = (acc & 0xffff) + (acc >> 16);
        }
        !(acc as u16)
    }

    #[test]
    fn rfc1071_example() {
        // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to ddf2.
        let data = [0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7];
        assert_eq!(sum(&data, 0), 0xddf2);
        assert_eq!(fold(sum(&data, 0)), !0xddf2);
    }

    #[test]
    fn matches_naive_for_all_lengths() {
        let mut rng = super::super::TestRng(0x1234_5678_9abc_def1);
        let mut buf = [0u8; 300];
        rng.fill(&mut buf);
        for len in 0..buf.len() {
            assert_eq!(fold(sum(&buf[..len], 0)), naive(&buf[..len]), "len {len}");
        }
        // All ones: many carries.
        let ones = [0xffu8; 1501];
        assert_eq!(fold(sum(&ones, 0)), naive(&ones));
    }

    #[test]
    fn chaining() {
        let data = [1u8, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
        let whole = sum(&data, 0);
        let parts = sum(&data[6..], sum(&data[..6], 0));
        assert_eq!(fold(whole), fold(parts));
        let big = sum(&data, 0xffff_fff0);
        assert!(big <= 0xffff);
    }

    #[test]
    fn pseudo_header() {
        let p = pseudo_header_v4(
            Ipv4Addr::new(192, 168, 0, 1),
            Ipv4Addr::new(192, 168, 0, 199),
            17,
            10,
        );
        // c0a8 + 0001 + c0a8 + 00c7 + 0011 + 000a
        let expect: u32 = 0xc0a8 + 0x0001 + 0xc0a8 + 0x00c7 + 0x11 + 0x0a;
        assert_eq!(fold(p), fold(expect));
    }
}
