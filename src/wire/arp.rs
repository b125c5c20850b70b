//! ARP for IPv4 over Ethernet (RFC 826): a 28-byte packet.

use super::{
    read_array, read_u16, read_u8, write_bytes, write_u16, write_u8, Ipv4Addr, MacAddr, Result,
    WireError,
};

pub const PACKET_LEN: usize = 28;

const HTYPE_ETHERNET: u16 = 1;
const PTYPE_IPV4: u16 = 0x0800;

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum ArpOp {
    Request,
    Reply,
}

impl ArpOp {
    pub fn code(self) -> u16 {
        match self {
            ArpOp::Request => 1,
            ArpOp::Reply => 2,
        }
    }
}

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub struct ArpRepr {
    pub op: ArpOp,
    pub sender_mac: MacAddr,
    pub sender_ip: Ipv4Addr,
    pub target_mac: MacAddr,
    pub target_ip: Ipv4Addr,
}

/// Parses an Ethernet/IPv4 ARP packet; other hardware or protocol types and
/// operations other than request/reply are `Unsupported`. Trailing bytes
/// (Ethernet padding) are ignored.
pub fn parse(packet: &[u8]) -> Result<ArpRepr> {
    if packet.len() < PACKET_LEN {
        return Err(WireError::Truncated);
    }
    if read_u16(packet, 0) != HTYPE_ETHERNET
        || read_u16(packet, 2) != PTYPE_IPV4
        || read_u8(packet, 4) != 6
        || read_u8(packet, 5) != 4
    {
        return Err(WireError::Unsupported);
    }
    let op = match read_u16(packet, 6) {
        1 => ArpOp::Request,
        2 => ArpOp::Reply,
        _ => return Err(WireError::Unsupported),
    };
    Ok(ArpRepr {
        op,
        sender_mac: MacAddr(read_array::<6>(packet, 8)),
        sender_ip: Ipv4Addr(read_array::<4>(packet, 14)),
        target_mac: MacAddr(read_array::<6>(packet, 18)),
        target_ip: Ipv4Addr(read_array::<4>(packet, 24)),
    })
}

/// Writes the 28-byte packet at the start of `buf`.
pub fn emit(repr: &ArpRepr, buf: &mut [u8]) -> Result<()> {
    if buf.len() < PACKET_LEN {
        return Err(WireError::Truncated);
    }
    write_u16(buf, 0, HTYPE_ETHERNET);
    write_u16(buf, 2, PTYPE_IPV4);
    write_u8(buf, 4, 6);
    write_u8(buf, 5, 4);
    write_u16(buf, 6, repr.op.code());
    write_bytes(buf, 8, &repr.sender_mac.0);
    write_bytes(buf, 14, &repr.sender_ip.0);
    write_bytes(buf, 18, &repr.target_mac.0);
    write_bytes(buf, 24, &repr.target_ip.0);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ArpRepr {
        ArpRepr {
            op: ArpOp::Request,
            sender_mac: MacAddr([2, 0, 0, 0, 0, 1]),
            sender_ip: Ipv4Addr::new(10, 0, 0, 1),
            target_mac: MacAddr::ZERO,
            target_ip: Ipv4Addr::new(10, 0, 0, 2),
        }
    }

    #[test]
    fn round_trip() {
        let mut buf = [0u8; 46];
        for op in [ArpOp::Request, ArpOp::Reply] {
            let repr = ArpRepr { op, ..sample() };
            emit(&repr, &mut buf).unwrap();
            assert_eq!(parse(&buf).unwrap(), repr);
        }
    }

    #[test]
    fn known_bytes() {
        // A request "who has 10.0.0.2, tell 10.0.0.1" written by hand.
        let bytes = [
            0, 1, 8, 0, 6, 4, 0, 1, 2, 0, 0, 0, 0, 1, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 10, 0, 0, 2,
        ];
        assert_eq!(parse(&bytes).unwrap(), sample());
    }

    #[test]
    fn rejects() {
        let mut buf = [0u8; PACKET_LEN];
        emit(&sample(), &mut buf).unwrap();
        for len in 0..PACKET_LEN {
            assert_eq!(parse(&buf[..len]), Err(WireError::Truncated));
            assert_eq!(emit(&sample(), &mut [0u8; 28][..len]), Err(WireError::Truncated));
        }
        for (at, value) in [(1usize, 6u8), (2, 0x86), (4, 8), (5, 16), (7, 3), (7, 0)] {
            let mut bad = buf;
            bad[at] = value;
            assert_eq!(parse(&bad), Err(WireError::Unsupported), "byte {at}");
        }
    }
}
