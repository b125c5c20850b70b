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

/// Results of [`protocol`] (`usGenerateProtocolChecksum`'s special values,
/// `ipCORRECT_CRC` etc. in FreeRTOS_IP.h).
pub const CORRECT: u16 = 0xffff;
pub const WRONG: u16 = 0x0000;
pub const INVALID_LENGTH: u16 = 0x1234;
pub const UNHANDLED_PROTOCOL: u16 = 0x4321;

/// Checks (`outgoing` false) or fills in (`outgoing` true) the TCP, UDP,
/// ICMP or IGMP checksum of the IPv4 packet in an Ethernet frame, as
/// `usGenerateProtocolChecksum` does: [`CORRECT`] for a packet whose
/// checksum verifies or was written, [`WRONG`] for one that does not
/// verify, [`INVALID_LENGTH`] for a frame too short for its headers or
/// its IP length, whose lengths disagree or whose IP header is shorter
/// than 20 bytes, longer than the MTU, or that is not IPv4 (an IPv6 frame included: this build has no IPv6),
/// [`UNHANDLED_PROTOCOL`] for another protocol. An incoming UDP packet
/// without checksum (0) gives `pass_zero_udp ? CORRECT : WRONG`; an
/// outgoing UDP checksum that computes to 0 is sent as 0xffff. Only the
/// checksum field is ever written, and only for an outgoing packet that
/// passed every length check.
///
/// The pseudo-header is built from the addresses and the protocol, so a
/// packet with IP options gets the checksum RFC 793/768 define (upstream
/// sums the bytes that follow the addresses, which are the options then).
pub fn protocol(frame: &mut [u8], outgoing: bool, pass_zero_udp: bool, mtu: usize) -> u16 {
    use super::{ethernet, ipv4};
    const ICMP: u8 = 1;
    const IGMP: u8 = 2;
    const TCP: u8 = 6;
    const UDP: u8 = 17;
    let eth = ethernet::HEADER_LEN;
    let Some(&[t0, t1]) = frame.get(12..14).and_then(|b| b.first_chunk::<2>()) else { return INVALID_LENGTH };
    if u16::from_be_bytes([t0, t1]) != 0x0800 {
        return INVALID_LENGTH;
    }
    let Some(ip) = frame.get(eth..eth + ipv4::HEADER_LEN) else { return INVALID_LENGTH };
    let Some(&[vhl, _, l0, l1, _, _, _, _, _, proto]) = ip.first_chunk::<10>() else { return INVALID_LENGTH };
    let header_len = ((vhl & 0x0f) as usize) * 4;
    let total = u16::from_be_bytes([l0, l1]) as usize;
    // A header shorter than 20 bytes is malformed (upstream only compares
    // it with the IP length and goes on reading).
    if header_len < ipv4::HEADER_LEN || total < header_len || frame.len() < eth + header_len || frame.len() < eth + total {
        return INVALID_LENGTH;
    }
    // The addresses (bytes 12..20 of the IP header).
    let Some(addrs) = frame.get(eth + 12..eth + 20) else { return INVALID_LENGTH };
    let addrs_sum = sum(addrs, 0);
    let bytes = total - header_len;
    let start = eth + header_len;
    let (min_header, field) = match proto {
        UDP => (8, 6),
        TCP => {
            if bytes < 20 || frame.len() < start + 20 {
                return INVALID_LENGTH;
            }
            let offset = frame.get(start + 12).map_or(0, |b| (b >> 4) as usize);
            if offset < 5 {
                return INVALID_LENGTH;
            }
            (offset * 4, 16)
        }
        ICMP | IGMP => (8, 2),
        _ => return UNHANDLED_PROTOCOL,
    };
    if bytes < min_header.min(8) || frame.len() < start + min_header.min(8) {
        return INVALID_LENGTH;
    }
    let Some(&[c0, c1]) = frame.get(start + field..start + field + 2).and_then(|b| b.first_chunk::<2>()) else {
        return INVALID_LENGTH;
    };
    if !outgoing && proto == UDP && c0 == 0 && c1 == 0 {
        return if pass_zero_udp { CORRECT } else { WRONG };
    }
    if bytes < min_header || bytes > mtu.saturating_sub(header_len) {
        return INVALID_LENGTH;
    }
    let Some(segment) = frame.get_mut(start..start + bytes) else { return INVALID_LENGTH };
    if outgoing {
        if let Some(f) = segment.get_mut(field..field + 2) {
            f.fill(0);
        }
    }
    let initial = match proto {
        ICMP | IGMP => 0,
        _ => sum(&[0, proto], addrs_sum) + bytes as u32,
    };
    let value = fold(sum(segment, initial));
    if !outgoing {
        return if value == 0 { CORRECT } else { WRONG };
    }
    let value = if value == 0 && proto == UDP { 0xffff } else { value };
    if let Some(f) = segment.get_mut(field..).and_then(|f| f.first_chunk_mut::<2>()) {
        *f = value.to_be_bytes();
    }
    CORRECT
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
    /// Ethernet + IPv4 (no options) + `transport`, addresses 10.0.0.1 -> 10.0.0.2.
    fn ipv4_frame(proto: u8, transport: &[u8]) -> Vec<u8> {
        let mut f = vec![0u8; 14];
        f[12] = 0x08;
        let total = (20 + transport.len()) as u16;
        let mut ip = vec![0x45, 0, (total >> 8) as u8, total as u8, 0, 1, 0, 0, 64, proto, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2];
        let c = fold(sum(&ip, 0));
        ip[10..12].copy_from_slice(&c.to_be_bytes());
        f.extend_from_slice(&ip);
        f.extend_from_slice(transport);
        f
    }

    const MTU: usize = 1500;

    #[test]
    fn udp_outgoing_then_incoming() {
        let udp = [0x1f, 0x90, 0x1b, 0xbc, 0, 12, 0xaa, 0xbb, b'a', b'b', b'c', b'd'];
        let mut f = ipv4_frame(17, &udp);
        assert_eq!(protocol(&mut f, true, false, MTU), CORRECT);
        assert_ne!(&f[40..42], &[0xaa, 0xbb], "the checksum field was written");
        // The stack's own UDP parser agrees with it.
        let src = Ipv4Addr::new(10, 0, 0, 1);
        let dst = Ipv4Addr::new(10, 0, 0, 2);
        assert!(super::super::udp::parse(&f[34..], src, dst, true).is_ok());
        assert_eq!(protocol(&mut f, false, false, MTU), CORRECT);
        let before = f.clone();
        f[45] ^= 0x01;
        assert_eq!(protocol(&mut f, false, false, MTU), WRONG);
        f[45] ^= 0x01;
        assert_eq!(f, before, "checking never writes");
        // No checksum on an incoming datagram: upstream's configurable answer.
        f[40] = 0;
        f[41] = 0;
        assert_eq!(protocol(&mut f, false, false, MTU), WRONG);
        assert_eq!(protocol(&mut f, false, true, MTU), CORRECT);
    }

    #[test]
    fn udp_checksum_of_zero_is_sent_as_ffff() {
        // Find a payload word that makes the sum come out at 0.
        let mut udp = [0u8, 1, 0, 2, 0, 10, 0, 0, 0, 0];
        let mut f = ipv4_frame(17, &udp);
        assert_eq!(protocol(&mut f, true, false, MTU), CORRECT);
        let c = u16::from_be_bytes([f[40], f[41]]);
        // Adding the checksum to the payload makes the next sum 0xffff, i.e. checksum 0.
        udp[8..10].copy_from_slice(&c.to_be_bytes());
        let mut f = ipv4_frame(17, &udp);
        assert_eq!(protocol(&mut f, true, false, MTU), CORRECT);
        assert_eq!(&f[40..42], &[0xff, 0xff]);
        assert_eq!(protocol(&mut f, false, false, MTU), CORRECT);
    }

    #[test]
    fn tcp_and_icmp() {
        let mut tcp = [0u8; 24];
        tcp[12] = 0x50;
        tcp[20..].copy_from_slice(b"data");
        let mut f = ipv4_frame(6, &tcp);
        assert_eq!(protocol(&mut f, true, false, MTU), CORRECT);
        assert!(super::super::tcp::parse(&f[34..], Ipv4Addr::new(10, 0, 0, 1), Ipv4Addr::new(10, 0, 0, 2), true).is_ok());
        assert_eq!(protocol(&mut f, false, false, MTU), CORRECT);
        f[14 + 20 + 12] = 0x40; // data offset 4: shorter than a header
        assert_eq!(protocol(&mut f, false, false, MTU), INVALID_LENGTH);
        f[14 + 20 + 12] = 0x70; // options beyond the segment
        assert_eq!(protocol(&mut f, false, false, MTU), INVALID_LENGTH);

        // ICMP: no pseudo-header.
        let icmp = [8u8, 0, 0, 0, 0, 1, 0, 1, 1, 2, 3];
        let mut f = ipv4_frame(1, &icmp);
        assert_eq!(protocol(&mut f, true, false, MTU), CORRECT);
        assert_eq!(fold(sum(&f[34..], 0)), 0);
        assert_eq!(protocol(&mut f, false, false, MTU), CORRECT);
    }

    #[test]
    fn what_is_not_checked() {
        let mut f = ipv4_frame(50, &[0u8; 16]);
        assert_eq!(protocol(&mut f, false, false, MTU), UNHANDLED_PROTOCOL);
        let mut f = ipv4_frame(17, &[0u8; 16]);
        f[12] = 0x86;
        f[13] = 0xdd; // IPv6: not in this build
        assert_eq!(protocol(&mut f, false, false, MTU), INVALID_LENGTH);
        let mut f = ipv4_frame(17, &[1u8; 200]);
        f[38] = 0;
        f[39] = 200;
        assert_eq!(protocol(&mut f, false, false, 100), INVALID_LENGTH, "longer than the MTU");
        // Every truncation: invalid length, never a panic or a write.
        let mut whole = ipv4_frame(17, &[0x12, 0x34, 0x56, 0x78, 0, 10, 0, 0, 1, 2]);
        protocol(&mut whole, true, false, MTU);
        for len in 0..whole.len() {
            let mut part = whole[..len].to_vec();
            assert_eq!(protocol(&mut part, true, false, MTU), INVALID_LENGTH, "len {len}");
            assert_eq!(part, whole[..len]);
        }
        // A header length below 20 bytes.
        let mut f = whole.clone();
        f[14] = 0x44;
        assert_eq!(protocol(&mut f, false, false, MTU), INVALID_LENGTH);
        // IP length below the header length.
        let mut f = whole.clone();
        f[16] = 0;
        f[17] = 10;
        assert_eq!(protocol(&mut f, false, false, MTU), INVALID_LENGTH);
    }

    #[test]
    fn random_frames_never_panic() {
        let mut rng = super::super::TestRng(0xc0ff_ee00_1234_5678);
        for i in 0..20_000 {
            let len = rng.below(120) as usize;
            let mut f = vec![0u8; len];
            rng.fill(&mut f);
            if len > 14 && i % 2 == 0 {
                f[12] = 0x08;
                f[13] = 0;
                f[14] = 0x45;
            }
            let r = protocol(&mut f, i % 3 == 0, false, MTU);
            assert!([CORRECT, WRONG, INVALID_LENGTH, UNHANDLED_PROTOCOL].contains(&r));
        }
    }
}
