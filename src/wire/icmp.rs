//! ICMP for IPv4 (RFC 792): type, code, checksum and four bytes of
//! type-specific data (identifier and sequence number for echo messages).

use super::checksum;
use super::{read_array, read_u8, write_bytes, write_u16, write_u8, Result, WireError};

pub const TYPE_ECHO_REPLY: u8 = 0;
pub const TYPE_DEST_UNREACHABLE: u8 = 3;
pub const TYPE_ECHO_REQUEST: u8 = 8;
pub const TYPE_TIME_EXCEEDED: u8 = 11;

pub const HEADER_LEN: usize = 8;

#[derive(Copy, Clone, PartialEq, Eq, Debug, Default)]
pub struct IcmpRepr {
    pub ty: u8,
    pub code: u8,
    /// Bytes 4..8 of the message: identifier + sequence for echo.
    pub rest: [u8; 4],
}

impl IcmpRepr {
    /// Identifier of an echo request/reply.
    pub fn echo_ident(&self) -> u16 {
        u16::from_be_bytes([self.rest[0], self.rest[1]])
    }

    /// Sequence number of an echo request/reply.
    pub fn echo_seq(&self) -> u16 {
        u16::from_be_bytes([self.rest[2], self.rest[3]])
    }
}

/// Parses an ICMP message (at least 8 bytes) and verifies the checksum over
/// the whole of `packet`. Returns the data after the 8-byte header.
pub fn parse(packet: &[u8]) -> Result<(IcmpRepr, &[u8])> {
    if packet.len() < HEADER_LEN {
        return Err(WireError::Truncated);
    }
    if checksum::fold(checksum::sum(packet, 0)) != 0 {
        return Err(WireError::Checksum);
    }
    let repr = IcmpRepr {
        ty: read_u8(packet, 0),
        code: read_u8(packet, 1),
        rest: read_array::<4>(packet, 4),
    };
    Ok((repr, packet.get(HEADER_LEN..).unwrap_or(&[])))
}

/// `packet` = 8 bytes of header space followed by the data already in place;
/// writes the header and the checksum over all of `packet`.
pub fn emit(repr: &IcmpRepr, packet: &mut [u8]) -> Result<()> {
    if packet.len() < HEADER_LEN {
        return Err(WireError::Truncated);
    }
    write_u8(packet, 0, repr.ty);
    write_u8(packet, 1, repr.code);
    write_u16(packet, 2, 0);
    write_bytes(packet, 4, &repr.rest);
    let c = checksum::fold(checksum::sum(packet, 0));
    write_u16(packet, 2, c);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::TestRng;
    use super::*;

    #[test]
    fn echo_round_trip() {
        let mut pkt = [0u8; 8 + 5];
        pkt[8..].copy_from_slice(b"hello");
        let repr = IcmpRepr { ty: TYPE_ECHO_REQUEST, code: 0, rest: [0x12, 0x34, 0, 7] };
        emit(&repr, &mut pkt).unwrap();
        let (back, data) = parse(&pkt).unwrap();
        assert_eq!(back, repr);
        assert_eq!(back.echo_ident(), 0x1234);
        assert_eq!(back.echo_seq(), 7);
        assert_eq!(data, b"hello");
        // A known echo request (ping from Linux, id 1 seq 1, no data):
        // 08 00 f7 fd 00 01 00 01
        let known = [8u8, 0, 0xf7, 0xfd, 0, 1, 0, 1];
        assert!(parse(&known).is_ok());
        let mut mine = [0u8; 8];
        emit(&IcmpRepr { ty: 8, code: 0, rest: [0, 1, 0, 1] }, &mut mine).unwrap();
        assert_eq!(mine, known);
    }

    #[test]
    fn rejects() {
        let mut pkt = [0u8; 12];
        emit(&IcmpRepr { ty: 0, code: 0, rest: [1, 2, 3, 4] }, &mut pkt).unwrap();
        for len in 0..HEADER_LEN {
            assert_eq!(parse(&pkt[..len]), Err(WireError::Truncated));
            assert_eq!(emit(&IcmpRepr::default(), &mut [0u8; 8][..len]), Err(WireError::Truncated));
        }
        let mut bad = pkt;
        bad[11] ^= 0x40;
        assert_eq!(parse(&bad), Err(WireError::Checksum));
    }

    #[test]
    fn random_bytes_never_panic() {
        let mut rng = TestRng(0xdead_beef_cafe_f00d);
        let mut buf = [0u8; 40];
        for _ in 0..10_000 {
            let len = rng.below(41) as usize;
            rng.fill(&mut buf[..len]);
            let _ = parse(&buf[..len]);
        }
    }
}
