//! Ethernet II header: destination MAC, source MAC, EtherType (14 bytes).
//! No 802.1Q tags and no FCS (drivers strip it).

use super::{write_bytes, write_u16, MacAddr, Result, WireError};

pub const HEADER_LEN: usize = 14;
pub const ETHERTYPE_IPV4: u16 = 0x0800;
pub const ETHERTYPE_ARP: u16 = 0x0806;
pub const ETHERTYPE_IPV6: u16 = 0x86dd;

#[derive(Copy, Clone, PartialEq, Eq, Debug, Default)]
pub struct EthernetRepr {
    pub dst: MacAddr,
    pub src: MacAddr,
    pub ethertype: u16,
}

/// Splits a frame into its header and payload. Values below 0x0600 in the
/// type field are IEEE 802.3 lengths, not EtherTypes: `Unsupported`.
pub fn parse(frame: &[u8]) -> Result<(EthernetRepr, &[u8])> {
    // The header as an array: its fields are read without checks.
    let Some((head, payload)) = frame.split_first_chunk::<HEADER_LEN>() else {
        return Err(WireError::Truncated);
    };
    let [d0, d1, d2, d3, d4, d5, s0, s1, s2, s3, s4, s5, t0, t1] = *head;
    let repr = EthernetRepr {
        dst: MacAddr([d0, d1, d2, d3, d4, d5]),
        src: MacAddr([s0, s1, s2, s3, s4, s5]),
        ethertype: u16::from_be_bytes([t0, t1]),
    };
    if repr.ethertype < 0x0600 {
        return Err(WireError::Unsupported);
    }
    Ok((repr, payload))
}

/// Writes the 14-byte header at the start of `buf`.
// Out of line: copies inlined into every caller cost flash (bench/README.md).
#[inline(never)]
pub fn emit(repr: &EthernetRepr, buf: &mut [u8]) -> Result<()> {
    if buf.len() < HEADER_LEN {
        return Err(WireError::Truncated);
    }
    write_bytes(buf, 0, &repr.dst.0);
    write_bytes(buf, 6, &repr.src.0);
    write_u16(buf, 12, repr.ethertype);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_truncation() {
        let repr = EthernetRepr {
            dst: MacAddr::BROADCAST,
            src: MacAddr([2, 0, 0, 0, 0, 1]),
            ethertype: ETHERTYPE_ARP,
        };
        let mut frame = [0u8; 60];
        emit(&repr, &mut frame).unwrap();
        let (back, payload) = parse(&frame).unwrap();
        assert_eq!(back, repr);
        assert_eq!(payload.len(), 46);
        for len in 0..HEADER_LEN {
            assert_eq!(parse(&frame[..len]), Err(WireError::Truncated));
            assert_eq!(emit(&repr, &mut [0u8; 14][..len]), Err(WireError::Truncated));
        }
        assert!(parse(&frame[..HEADER_LEN]).unwrap().1.is_empty());
        frame[12] = 0x05;
        frame[13] = 0xdc; // 1500: an 802.3 length
        assert_eq!(parse(&frame), Err(WireError::Unsupported));
    }
}
