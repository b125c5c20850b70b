//! UDP header (RFC 768): ports, length, checksum over the IPv4 pseudo-header.

use super::checksum;
use super::{read_u16, write_u16, Ipv4Addr, Result, WireError};

pub const HEADER_LEN: usize = 8;
const PROTO_UDP: u8 = 17;

#[derive(Copy, Clone, PartialEq, Eq, Debug, Default)]
pub struct UdpRepr {
    pub src_port: u16,
    pub dst_port: u16,
    /// The checksum field was 0 ("not computed"). Upstream drops such
    /// packets unless `ipconfigUDP_PASS_ZERO_CHECKSUM_PACKETS`; the caller
    /// decides.
    pub checksum_absent: bool,
}

/// Parses a datagram: the length field must be >= 8 and within `datagram`
/// (the payload is trimmed to it); a non-zero checksum is verified when
/// `verify_checksum`.
pub fn parse(
    datagram: &[u8],
    src: Ipv4Addr,
    dst: Ipv4Addr,
    verify_checksum: bool,
) -> Result<(UdpRepr, &[u8])> {
    if datagram.len() < HEADER_LEN {
        return Err(WireError::Truncated);
    }
    let length = read_u16(datagram, 4) as usize;
    if length < HEADER_LEN {
        return Err(WireError::Malformed);
    }
    let datagram = datagram.get(..length).ok_or(WireError::Truncated)?;
    let stored = read_u16(datagram, 6);
    if verify_checksum && stored != 0 {
        let pseudo = checksum::pseudo_header_v4(src, dst, PROTO_UDP, length as u16);
        if checksum::fold(checksum::sum(datagram, pseudo)) != 0 {
            return Err(WireError::Checksum);
        }
    }
    let repr = UdpRepr {
        src_port: read_u16(datagram, 0),
        dst_port: read_u16(datagram, 2),
        checksum_absent: stored == 0,
    };
    Ok((repr, datagram.get(HEADER_LEN..).unwrap_or(&[])))
}

/// `datagram` = 8 bytes of header space followed by the payload in place.
/// Writes the header; the checksum when `with_checksum` (a computed 0 is sent
/// as 0xffff), else 0.
pub fn emit(
    repr: &UdpRepr,
    src: Ipv4Addr,
    dst: Ipv4Addr,
    datagram: &mut [u8],
    with_checksum: bool,
) -> Result<()> {
    if datagram.len() < HEADER_LEN {
        return Err(WireError::Truncated);
    }
    if datagram.len() > u16::MAX as usize {
        return Err(WireError::Malformed);
    }
    let length = datagram.len() as u16;
    write_u16(datagram, 0, repr.src_port);
    write_u16(datagram, 2, repr.dst_port);
    write_u16(datagram, 4, length);
    write_u16(datagram, 6, 0);
    if with_checksum {
        let pseudo = checksum::pseudo_header_v4(src, dst, PROTO_UDP, length);
        let mut c = checksum::fold(checksum::sum(datagram, pseudo));
        if c == 0 {
            c = 0xffff;
        }
        write_u16(datagram, 6, c);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::TestRng;
    use super::*;

    const A: Ipv4Addr = Ipv4Addr::new(10, 0, 0, 1);
    const B: Ipv4Addr = Ipv4Addr::new(10, 0, 0, 2);

    #[test]
    fn round_trip() {
        let mut d = [0u8; 8 + 4 + 3];
        d[8..12].copy_from_slice(b"ping");
        let repr = UdpRepr { src_port: 5353, dst_port: 53, checksum_absent: false };
        emit(&repr, A, B, &mut d[..12], true).unwrap();
        let (back, payload) = parse(&d, A, B, true).unwrap();
        assert_eq!(back, repr);
        assert_eq!(payload, b"ping");
        // Wrong pseudo-header address: checksum error.
        assert_eq!(parse(&d, A, A, true), Err(WireError::Checksum));
        assert!(parse(&d, A, A, false).is_ok());
        emit(&repr, A, B, &mut d[..12], false).unwrap();
        let (back, _) = parse(&d, A, A, true).unwrap();
        assert!(back.checksum_absent);
    }

    #[test]
    fn rejects() {
        let mut d = [0u8; 12];
        emit(&UdpRepr::default(), A, B, &mut d, true).unwrap();
        for len in 0..12 {
            assert_eq!(parse(&d[..len], A, B, true), Err(WireError::Truncated), "len {len}");
        }
        let mut bad = d;
        bad[5] = 7;
        assert_eq!(parse(&bad, A, B, false), Err(WireError::Malformed));
    }

    #[test]
    fn random_bytes_never_panic() {
        let mut rng = TestRng(77);
        let mut buf = [0u8; 32];
        for _ in 0..10_000 {
            let len = rng.below(33) as usize;
            rng.fill(&mut buf[..len]);
            let _ = parse(&buf[..len], A, B, true);
        }
    }
}
