//! IPv4 header (RFC 791). Options are accepted and skipped on input (as
//! upstream with `ipconfigIP_PASS_PACKETS_WITH_IP_OPTIONS` = 1) and never
//! emitted. Fragments are not reassembled: any packet with MF set or a
//! non-zero fragment offset is `Unsupported` (upstream drops them too).

use super::checksum;
use super::{
    read_array, read_u16, read_u8, write_bytes, write_u16, write_u8, Ipv4Addr, Result, WireError,
};

pub const HEADER_LEN: usize = 20;
pub const PROTO_ICMP: u8 = 1;
pub const PROTO_TCP: u8 = 6;
pub const PROTO_UDP: u8 = 17;

const FLAG_DF: u16 = 0x4000;
const FLAG_MF: u16 = 0x2000;
const OFFSET_MASK: u16 = 0x1fff;

#[derive(Copy, Clone, PartialEq, Eq, Debug, Default)]
pub struct Ipv4Repr {
    pub src: Ipv4Addr,
    pub dst: Ipv4Addr,
    pub protocol: u8,
    pub ttl: u8,
    pub ident: u16,
    pub dont_fragment: bool,
    /// Bytes after the header (total length minus header length).
    pub payload_len: usize,
}

/// Validates version 4, IHL >= 5, total length within the buffer and at
/// least the header, and the header checksum; fragments are `Unsupported`;
/// options are skipped. Returns the payload trimmed to the total length, so
/// Ethernet padding is removed.
pub fn parse(packet: &[u8]) -> Result<(Ipv4Repr, &[u8])> {
    if packet.len() < HEADER_LEN {
        return Err(WireError::Truncated);
    }
    let version_ihl = read_u8(packet, 0);
    if version_ihl >> 4 != 4 {
        return Err(WireError::Malformed);
    }
    let header_len = ((version_ihl & 0x0f) as usize) * 4;
    if header_len < HEADER_LEN {
        return Err(WireError::Malformed);
    }
    if packet.len() < header_len {
        return Err(WireError::Truncated);
    }
    let total_len = read_u16(packet, 2) as usize;
    if total_len < header_len {
        return Err(WireError::Malformed);
    }
    if total_len > packet.len() {
        return Err(WireError::Truncated);
    }
    let header = packet.get(..header_len).ok_or(WireError::Truncated)?;
    if checksum::fold(checksum::sum(header, 0)) != 0 {
        return Err(WireError::Checksum);
    }
    let flags_offset = read_u16(packet, 6);
    if flags_offset & FLAG_MF != 0 || flags_offset & OFFSET_MASK != 0 {
        return Err(WireError::Unsupported);
    }
    let repr = Ipv4Repr {
        src: Ipv4Addr(read_array::<4>(packet, 12)),
        dst: Ipv4Addr(read_array::<4>(packet, 16)),
        protocol: read_u8(packet, 9),
        ttl: read_u8(packet, 8),
        ident: read_u16(packet, 4),
        dont_fragment: flags_offset & FLAG_DF != 0,
        payload_len: total_len - header_len,
    };
    let payload = packet.get(header_len..total_len).ok_or(WireError::Truncated)?;
    Ok((repr, payload))
}

/// Writes a 20-byte header (no options, TOS 0) with its checksum at the start
/// of `buf`; total length = 20 + `repr.payload_len` (at most 65535, else
/// `Malformed`).
pub fn emit(repr: &Ipv4Repr, buf: &mut [u8]) -> Result<()> {
    if buf.len() < HEADER_LEN {
        return Err(WireError::Truncated);
    }
    let total = repr
        .payload_len
        .checked_add(HEADER_LEN)
        .filter(|t| *t <= u16::MAX as usize)
        .ok_or(WireError::Malformed)?;
    write_u8(buf, 0, 0x45);
    write_u8(buf, 1, 0);
    write_u16(buf, 2, total as u16);
    write_u16(buf, 4, repr.ident);
    write_u16(buf, 6, if repr.dont_fragment { FLAG_DF } else { 0 });
    write_u8(buf, 8, repr.ttl);
    write_u8(buf, 9, repr.protocol);
    write_u16(buf, 10, 0);
    write_bytes(buf, 12, &repr.src.0);
    write_bytes(buf, 16, &repr.dst.0);
    let header = buf.get(..HEADER_LEN).ok_or(WireError::Truncated)?;
    let sum = checksum::fold(checksum::sum(header, 0));
    write_u16(buf, 10, sum);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::TestRng;
    use super::*;

    fn sample() -> Ipv4Repr {
        Ipv4Repr {
            src: Ipv4Addr::new(10, 0, 0, 1),
            dst: Ipv4Addr::new(10, 0, 0, 2),
            protocol: PROTO_UDP,
            ttl: 64,
            ident: 0x1234,
            dont_fragment: true,
            payload_len: 8,
        }
    }

    #[test]
    fn known_header() {
        // Classic example header (Wikipedia "IPv4 header checksum"):
        // 4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7
        let mut pkt = [0u8; 0x73];
        pkt[..20].copy_from_slice(&[
            0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0xb8, 0x61, 0xc0, 0xa8,
            0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7,
        ]);
        let (repr, payload) = parse(&pkt).unwrap();
        assert_eq!(repr.protocol, PROTO_UDP);
        assert_eq!(repr.payload_len, 0x73 - 20);
        assert_eq!(payload.len(), 0x73 - 20);
        assert!(repr.dont_fragment);
        let mut again = [0u8; 20];
        emit(&repr, &mut again).unwrap();
        assert_eq!(&again[..], &pkt[..20]);
    }

    #[test]
    fn round_trip_trims_padding() {
        let mut buf = [0u8; 60];
        emit(&sample(), &mut buf).unwrap();
        let (repr, payload) = parse(&buf).unwrap();
        assert_eq!(repr, sample());
        assert_eq!(payload.len(), 8);
    }

    #[test]
    fn truncation_and_lengths() {
        let mut buf = [0u8; 28];
        emit(&sample(), &mut buf).unwrap();
        for len in 0..buf.len() {
            assert_eq!(parse(&buf[..len]), Err(WireError::Truncated), "len {len}");
        }
        for len in 0..HEADER_LEN {
            assert_eq!(emit(&sample(), &mut [0u8; 20][..len]), Err(WireError::Truncated));
        }
        let huge = Ipv4Repr { payload_len: 65516, ..sample() };
        assert_eq!(emit(&huge, &mut buf), Err(WireError::Malformed));
        let max = Ipv4Repr { payload_len: 65515, ..sample() };
        assert_eq!(emit(&max, &mut buf), Ok(()));
    }

    fn fix_checksum(buf: &mut [u8]) {
        let hl = ((buf[0] & 0x0f) as usize) * 4;
        buf[10] = 0;
        buf[11] = 0;
        let c = checksum::fold(checksum::sum(&buf[..hl], 0));
        buf[10..12].copy_from_slice(&c.to_be_bytes());
    }

    #[test]
    fn rejects() {
        let mut good = [0u8; 28];
        emit(&sample(), &mut good).unwrap();

        let mut bad = good;
        bad[15] ^= 1;
        assert_eq!(parse(&bad), Err(WireError::Checksum));

        let mut v6 = good;
        v6[0] = 0x65;
        fix_checksum(&mut v6[..]);
        assert_eq!(parse(&v6), Err(WireError::Malformed));

        let mut short_ihl = good;
        short_ihl[0] = 0x44;
        assert_eq!(parse(&short_ihl), Err(WireError::Malformed));

        let mut total_small = good;
        total_small[3] = 19;
        fix_checksum(&mut total_small);
        assert_eq!(parse(&total_small), Err(WireError::Malformed));

        let mut total_big = good;
        total_big[3] = 29;
        fix_checksum(&mut total_big);
        assert_eq!(parse(&total_big), Err(WireError::Truncated));

        let mut mf = good;
        mf[6] |= 0x20;
        fix_checksum(&mut mf);
        assert_eq!(parse(&mf), Err(WireError::Unsupported));

        let mut offset = good;
        offset[7] = 1;
        fix_checksum(&mut offset);
        assert_eq!(parse(&offset), Err(WireError::Unsupported));
    }

    #[test]
    fn options_are_skipped() {
        let mut pkt = [0u8; 32];
        pkt[0] = 0x46; // IHL 6: one word of options
        pkt[3] = 32;
        pkt[8] = 64;
        pkt[9] = PROTO_TCP;
        pkt[12..16].copy_from_slice(&[1, 2, 3, 4]);
        pkt[16..20].copy_from_slice(&[5, 6, 7, 8]);
        pkt[20..24].copy_from_slice(&[1, 1, 1, 0]); // NOP NOP NOP EOL
        pkt[24] = 0xaa;
        fix_checksum(&mut pkt);
        let (repr, payload) = parse(&pkt).unwrap();
        assert_eq!(repr.payload_len, 8);
        assert_eq!(payload[0], 0xaa);
        // IHL says 24 bytes but only 22 are there.
        assert_eq!(parse(&pkt[..22]), Err(WireError::Truncated));
    }

    #[test]
    fn random_bytes_never_panic() {
        let mut rng = TestRng(0x9e37_79b9_7f4a_7c15);
        let mut buf = [0u8; 80];
        for _ in 0..20_000 {
            let len = rng.below(81) as usize;
            rng.fill(&mut buf[..len]);
            if rng.below(2) == 0 && len >= 20 {
                buf[0] = 0x45 + (rng.below(3) as u8);
                buf[2] = 0;
                buf[3] = rng.below(len as u64 + 4) as u8;
                buf[6] &= 0x40;
                buf[7] = 0;
                let hl = (((buf[0] & 0x0f) as usize) * 4).min(len);
                buf[10] = 0;
                buf[11] = 0;
                let c = checksum::fold(checksum::sum(&buf[..hl], 0));
                buf[10..12].copy_from_slice(&c.to_be_bytes());
            }
            if let Ok((repr, payload)) = parse(&buf[..len]) {
                assert_eq!(payload.len(), repr.payload_len);
            }
        }
    }
}
