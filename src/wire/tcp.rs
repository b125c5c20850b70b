//! TCP header and options (RFC 9293 §3.1; MSS RFC 9293 §3.7.1, window scale
//! and timestamps RFC 7323, SACK RFC 2018).
//!
//! Emitted options are each padded with NOPs to a 4-byte boundary, in the
//! order MSS, window scale, SACK-permitted, timestamps, SACK blocks; SACK
//! blocks that would not fit in the 40 bytes of option space are left out
//! (`header_len` and `emit` agree on how many fit).

use core::fmt;
use core::ops::{BitAnd, BitOr, BitOrAssign};

use super::checksum;
use super::{
    read_u16, read_u32, read_u8, write_bytes, write_u16, write_u32, write_u8, Ipv4Addr, Result,
    WireError,
};

pub const MIN_HEADER_LEN: usize = 20;
pub const MAX_HEADER_LEN: usize = 60;
const MAX_OPTIONS_LEN: usize = MAX_HEADER_LEN - MIN_HEADER_LEN;
const PROTO_TCP: u8 = 6;

const OPT_END: u8 = 0;
const OPT_NOP: u8 = 1;
const OPT_MSS: u8 = 2;
const OPT_WINDOW_SCALE: u8 = 3;
const OPT_SACK_PERMITTED: u8 = 4;
const OPT_SACK: u8 = 5;
const OPT_TIMESTAMP: u8 = 8;

/// The control bits of byte 13 of the header.
#[derive(Copy, Clone, PartialEq, Eq, Debug, Default, Hash)]
pub struct TcpFlags(pub u8);

impl TcpFlags {
    pub const FIN: TcpFlags = TcpFlags(0x01);
    pub const SYN: TcpFlags = TcpFlags(0x02);
    pub const RST: TcpFlags = TcpFlags(0x04);
    pub const PSH: TcpFlags = TcpFlags(0x08);
    pub const ACK: TcpFlags = TcpFlags(0x10);
    pub const URG: TcpFlags = TcpFlags(0x20);
    pub const ECE: TcpFlags = TcpFlags(0x40);
    pub const CWR: TcpFlags = TcpFlags(0x80);

    pub const fn empty() -> TcpFlags {
        TcpFlags(0)
    }

    pub const fn bits(self) -> u8 {
        self.0
    }

    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// All bits of `other` are set in `self`.
    pub const fn contains(self, other: TcpFlags) -> bool {
        self.0 & other.0 == other.0
    }

    /// Any bit of `other` is set in `self`.
    pub const fn intersects(self, other: TcpFlags) -> bool {
        self.0 & other.0 != 0
    }

    pub fn insert(&mut self, other: TcpFlags) {
        self.0 |= other.0;
    }

    pub fn remove(&mut self, other: TcpFlags) {
        self.0 &= !other.0;
    }
}

impl BitOr for TcpFlags {
    type Output = TcpFlags;
    fn bitor(self, rhs: TcpFlags) -> TcpFlags {
        TcpFlags(self.0 | rhs.0)
    }
}

impl BitOrAssign for TcpFlags {
    fn bitor_assign(&mut self, rhs: TcpFlags) {
        self.0 |= rhs.0;
    }
}

impl BitAnd for TcpFlags {
    type Output = TcpFlags;
    fn bitand(self, rhs: TcpFlags) -> TcpFlags {
        TcpFlags(self.0 & rhs.0)
    }
}

impl fmt::Display for TcpFlags {
    /// tcpdump style: `S`, `F`, `R`, `P`, `U`, `E`, `W`, then `.` for ACK.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (flag, c) in [
            (TcpFlags::SYN, "S"),
            (TcpFlags::FIN, "F"),
            (TcpFlags::RST, "R"),
            (TcpFlags::PSH, "P"),
            (TcpFlags::URG, "U"),
            (TcpFlags::ECE, "E"),
            (TcpFlags::CWR, "W"),
            (TcpFlags::ACK, "."),
        ] {
            if self.contains(flag) {
                f.write_str(c)?;
            }
        }
        Ok(())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct TcpRepr {
    pub src_port: u16,
    pub dst_port: u16,
    pub seq: u32,
    pub ack: u32,
    pub flags: TcpFlags,
    /// The raw 16-bit window field (not scaled).
    pub window: u16,
    pub urgent: u16,
    pub mss: Option<u16>,
    /// Shift count as received (may exceed 14; the receiver clamps).
    pub window_scale: Option<u8>,
    pub sack_permitted: bool,
    /// (left edge, right edge) of each SACK block; the first `sack_count`
    /// entries are valid.
    pub sack_blocks: [(u32, u32); 4],
    pub sack_count: u8,
    /// (TSval, TSecr).
    pub timestamp: Option<(u32, u32)>,
}

impl TcpRepr {
    /// Sequence space used: payload plus one each for SYN and FIN.
    pub fn segment_len(&self, payload_len: usize) -> usize {
        payload_len
            + self.flags.contains(TcpFlags::SYN) as usize
            + self.flags.contains(TcpFlags::FIN) as usize
    }

    /// A segment without options and with a zero window and urgent pointer
    /// (RST, the TIME-WAIT ACK, the start of every segment a connection
    /// sends). One out-of-line builder instead of a structure literal, with
    /// its zeroing, at each sender.
    #[inline(never)]
    pub fn control(src_port: u16, dst_port: u16, seq: u32, ack: u32, flags: TcpFlags) -> TcpRepr {
        TcpRepr { src_port, dst_port, seq, ack, flags, ..TcpRepr::default() }
    }

    /// The valid SACK blocks.
    pub fn sacks(&self) -> &[(u32, u32)] {
        let n = (self.sack_count as usize).min(self.sack_blocks.len());
        self.sack_blocks.get(..n).unwrap_or(&[])
    }
}

/// Parses header and options (unknown options skipped; malformed option
/// lengths -> `Malformed`; data offset checked), and verifies the checksum
/// with the IPv4 pseudo-header when `verify_checksum`. `segment` must be
/// exactly the TCP segment (IP payload), since its length enters the
/// checksum.
pub fn parse(
    segment: &[u8],
    src: Ipv4Addr,
    dst: Ipv4Addr,
    verify_checksum: bool,
) -> Result<(TcpRepr, &[u8])> {
    let mut repr = TcpRepr::default();
    let payload = parse_into(segment, src, dst, verify_checksum, &mut repr)?;
    Ok((repr, payload))
}

/// [`parse`] into the caller's `repr` (which must start as the default),
/// returning the payload: the stack's receive path, where the structure is
/// not then moved out of a `Result`. On an error `repr` holds whatever was
/// read so far.
pub fn parse_into<'a>(
    segment: &'a [u8],
    src: Ipv4Addr,
    dst: Ipv4Addr,
    verify_checksum: bool,
    repr: &mut TcpRepr,
) -> Result<&'a [u8]> {
    if segment.len() < MIN_HEADER_LEN {
        return Err(WireError::Truncated);
    }
    let header_len = ((read_u8(segment, 12) >> 4) as usize) * 4;
    if header_len < MIN_HEADER_LEN {
        return Err(WireError::Malformed);
    }
    if header_len > segment.len() {
        return Err(WireError::Truncated);
    }
    if segment.len() > u16::MAX as usize {
        return Err(WireError::Malformed);
    }
    if verify_checksum {
        let pseudo = checksum::pseudo_header_v4(src, dst, PROTO_TCP, segment.len() as u16);
        if checksum::fold(checksum::sum(segment, pseudo)) != 0 {
            return Err(WireError::Checksum);
        }
    }
    repr.src_port = read_u16(segment, 0);
    repr.dst_port = read_u16(segment, 2);
    repr.seq = read_u32(segment, 4);
    repr.ack = read_u32(segment, 8);
    repr.flags = TcpFlags(read_u8(segment, 13));
    repr.window = read_u16(segment, 14);
    repr.urgent = read_u16(segment, 18);
    let options = segment.get(MIN_HEADER_LEN..header_len).unwrap_or(&[]);
    parse_options(options, repr)?;
    Ok(segment.get(header_len..).unwrap_or(&[]))
}

fn parse_options(options: &[u8], repr: &mut TcpRepr) -> Result<()> {
    let mut i = 0usize;
    // Every iteration advances `i` by at least one byte.
    while let Some(&kind) = options.get(i) {
        match kind {
            OPT_END => break,
            OPT_NOP => {
                i += 1;
                continue;
            }
            _ => {}
        }
        let len = *options.get(i + 1).ok_or(WireError::Malformed)? as usize;
        if len < 2 {
            return Err(WireError::Malformed);
        }
        let body = options.get(i + 2..i + len).ok_or(WireError::Malformed)?;
        match kind {
            OPT_MSS => {
                if len != 4 {
                    return Err(WireError::Malformed);
                }
                repr.mss = Some(read_u16(body, 0));
            }
            OPT_WINDOW_SCALE => {
                if len != 3 {
                    return Err(WireError::Malformed);
                }
                repr.window_scale = Some(read_u8(body, 0));
            }
            OPT_SACK_PERMITTED => {
                if len != 2 {
                    return Err(WireError::Malformed);
                }
                repr.sack_permitted = true;
            }
            OPT_SACK => {
                if len < 10 || (len - 2) % 8 != 0 {
                    return Err(WireError::Malformed);
                }
                let mut n = 0usize;
                for block in body.chunks_exact(8) {
                    if let Some(slot) = repr.sack_blocks.get_mut(n) {
                        *slot = (read_u32(block, 0), read_u32(block, 4));
                        n += 1;
                    }
                }
                repr.sack_count = n as u8;
            }
            OPT_TIMESTAMP => {
                if len != 10 {
                    return Err(WireError::Malformed);
                }
                repr.timestamp = Some((read_u32(body, 0), read_u32(body, 4)));
            }
            _ => {}
        }
        i += len;
    }
    Ok(())
}

/// Option bytes other than SACK blocks.
fn fixed_options_len(repr: &TcpRepr) -> usize {
    let mut n = 0;
    if repr.mss.is_some() {
        n += 4;
    }
    if repr.window_scale.is_some() {
        n += 4;
    }
    if repr.sack_permitted {
        n += 4;
    }
    if repr.timestamp.is_some() {
        n += 12;
    }
    n
}

/// How many SACK blocks `emit` writes.
pub fn sack_blocks_emitted(repr: &TcpRepr) -> usize {
    let wanted = repr.sacks().len();
    if wanted == 0 {
        return 0;
    }
    let room = MAX_OPTIONS_LEN.saturating_sub(fixed_options_len(repr));
    if room < 12 {
        return 0;
    }
    wanted.min((room - 4) / 8)
}

/// 20 + options, padded to a multiple of 4 (at most 60).
pub fn header_len(repr: &TcpRepr) -> usize {
    let sacks = sack_blocks_emitted(repr);
    let sack_len = if sacks > 0 { 4 + 8 * sacks } else { 0 };
    MIN_HEADER_LEN + fixed_options_len(repr) + sack_len
}

/// `segment` = `header_len(repr)` bytes of header space followed by the
/// payload already in place; writes the header and options and the checksum
/// over the whole slice.
pub fn emit(repr: &TcpRepr, src: Ipv4Addr, dst: Ipv4Addr, segment: &mut [u8]) -> Result<()> {
    let hlen = header_len(repr);
    if segment.len() < hlen {
        return Err(WireError::Truncated);
    }
    if segment.len() > u16::MAX as usize {
        return Err(WireError::Malformed);
    }
    write_u16(segment, 0, repr.src_port);
    write_u16(segment, 2, repr.dst_port);
    write_u32(segment, 4, repr.seq);
    write_u32(segment, 8, repr.ack);
    write_u8(segment, 12, ((hlen / 4) as u8) << 4);
    write_u8(segment, 13, repr.flags.0);
    write_u16(segment, 14, repr.window);
    write_u16(segment, 16, 0);
    write_u16(segment, 18, repr.urgent);

    // Every option is written as whole 4-byte words.
    let mut at = MIN_HEADER_LEN;
    let mut put = |word: [u8; 4]| {
        write_bytes(segment, at, &word);
        at += 4;
    };
    if let Some(mss) = repr.mss {
        let m = mss.to_be_bytes();
        put([OPT_MSS, 4, m[0], m[1]]);
    }
    if let Some(shift) = repr.window_scale {
        put([OPT_NOP, OPT_WINDOW_SCALE, 3, shift]);
    }
    if repr.sack_permitted {
        put([OPT_NOP, OPT_NOP, OPT_SACK_PERMITTED, 2]);
    }
    if let Some((val, ecr)) = repr.timestamp {
        put([OPT_NOP, OPT_NOP, OPT_TIMESTAMP, 10]);
        put(val.to_be_bytes());
        put(ecr.to_be_bytes());
    }
    let sacks = sack_blocks_emitted(repr);
    if sacks > 0 {
        put([OPT_NOP, OPT_NOP, OPT_SACK, (2 + 8 * sacks) as u8]);
        for &(left, right) in repr.sacks().iter().take(sacks) {
            put(left.to_be_bytes());
            put(right.to_be_bytes());
        }
    }
    // `at` now equals `hlen`: both count the same option bytes.

    let pseudo = checksum::pseudo_header_v4(src, dst, PROTO_TCP, segment.len() as u16);
    let c = checksum::fold(checksum::sum(segment, pseudo));
    write_u16(segment, 16, c);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::TestRng;
    use super::*;
    use alloc::string::ToString;
    use alloc::vec;
    use alloc::vec::Vec;

    const A: Ipv4Addr = Ipv4Addr::new(10, 0, 0, 1);
    const B: Ipv4Addr = Ipv4Addr::new(10, 0, 0, 2);

    fn build(repr: &TcpRepr, payload: &[u8]) -> Vec<u8> {
        let h = header_len(repr);
        let mut seg = vec![0u8; h + payload.len()];
        seg[h..].copy_from_slice(payload);
        emit(repr, A, B, &mut seg).unwrap();
        seg
    }

    fn syn() -> TcpRepr {
        TcpRepr {
            src_port: 49152,
            dst_port: 80,
            seq: 0xfedc_ba98,
            ack: 0,
            flags: TcpFlags::SYN,
            window: 64240,
            mss: Some(1460),
            window_scale: Some(7),
            sack_permitted: true,
            timestamp: Some((1, 0)),
            ..TcpRepr::default()
        }
    }

    #[test]
    fn flags() {
        let f = TcpFlags::SYN | TcpFlags::ACK;
        assert!(f.contains(TcpFlags::SYN));
        assert!(f.contains(TcpFlags::SYN | TcpFlags::ACK));
        assert!(!f.contains(TcpFlags::SYN | TcpFlags::FIN));
        assert!(f.intersects(TcpFlags::SYN | TcpFlags::FIN));
        assert!(TcpFlags::empty().is_empty());
        assert_eq!(f.to_string(), "S.");
        assert_eq!((TcpFlags::RST | TcpFlags::ACK).to_string(), "R.");
        assert_eq!(TcpFlags::FIN.0 | TcpFlags::PSH.0 | TcpFlags::URG.0, 0x29);
        assert_eq!(TcpFlags::ECE.0 | TcpFlags::CWR.0, 0xc0);
    }

    #[test]
    fn round_trips() {
        let plain = TcpRepr {
            src_port: 1,
            dst_port: 2,
            seq: 3,
            ack: 4,
            flags: TcpFlags::ACK | TcpFlags::PSH,
            window: 5,
            urgent: 6,
            ..TcpRepr::default()
        };
        let mut with_sack = plain;
        with_sack.sack_blocks = [(10, 20), (30, 40), (50, 60), (70, 80)];
        with_sack.sack_count = 4;
        let mut ts_sack = with_sack;
        ts_sack.timestamp = Some((0xaabb_ccdd, 0x1122_3344));
        ts_sack.sack_count = 3;
        ts_sack.sack_blocks[3] = (0, 0);
        for (repr, payload) in [
            (plain, &b""[..]),
            (plain, &b"hello world"[..]),
            (syn(), &b""[..]),
            (with_sack, &b"x"[..]),
            (ts_sack, &b"yz"[..]),
        ] {
            let seg = build(&repr, payload);
            assert_eq!(seg.len() % 4, payload.len() % 4);
            let (back, data) = parse(&seg, A, B, true).unwrap();
            assert_eq!(back, repr);
            assert_eq!(data, payload);
        }
        assert_eq!(header_len(&syn()), 20 + 4 + 4 + 4 + 12);
        assert_eq!(header_len(&with_sack), 20 + 4 + 32);
    }

    #[test]
    fn parse_into_matches_parse() {
        let mut r = syn();
        r.sack_blocks = [(1, 2), (3, 4), (0, 0), (0, 0)];
        r.sack_count = 1;
        let seg = build(&r, b"data");
        let (want, want_payload) = parse(&seg, A, B, true).unwrap();
        let mut got = TcpRepr::default();
        let payload = parse_into(&seg, A, B, true, &mut got).unwrap();
        assert_eq!(got, want);
        assert_eq!(payload, want_payload);
        assert_eq!(payload, b"data");
        let mut bad = seg.clone();
        bad[4] ^= 1;
        assert_eq!(parse_into(&bad, A, B, true, &mut TcpRepr::default()), Err(WireError::Checksum));
    }

    #[test]
    fn control_is_a_bare_segment() {
        let c = TcpRepr::control(1, 2, 3, 4, TcpFlags::RST);
        let want = TcpRepr { src_port: 1, dst_port: 2, seq: 3, ack: 4, flags: TcpFlags::RST, ..TcpRepr::default() };
        assert_eq!(c, want);
        assert_eq!(header_len(&c), MIN_HEADER_LEN);
    }

    #[test]
    fn sack_blocks_limited_to_option_space() {
        let mut r = syn();
        r.sack_blocks = [(1, 2), (3, 4), (5, 6), (7, 8)];
        r.sack_count = 4;
        // 24 bytes of other options leave room for one block.
        assert_eq!(sack_blocks_emitted(&r), 1);
        assert_eq!(header_len(&r), 56);
        let seg = build(&r, b"");
        let (back, _) = parse(&seg, A, B, true).unwrap();
        assert_eq!(back.sacks(), &[(1, 2)]);
        r.sack_count = 200; // nonsense count: clamped, no panic
        assert_eq!(header_len(&r), 56);
        r.timestamp = None;
        assert_eq!(sack_blocks_emitted(&r), 3);
        assert!(header_len(&r) <= MAX_HEADER_LEN);
    }

    #[test]
    fn known_syn_from_linux() {
        // A SYN as Linux sends it: MSS 1460, SACK-permitted, timestamps,
        // NOP, window scale 7 (options 02 04 05 b4 04 02 08 0a ... 01 03 03 07).
        let mut seg = vec![
            0xc0, 0x00, 0x00, 0x50, 0x11, 0x22, 0x33, 0x44, 0, 0, 0, 0, 0xa0, 0x02, 0xfa, 0xf0, 0,
            0, 0, 0, 0x02, 0x04, 0x05, 0xb4, 0x04, 0x02, 0x08, 0x0a, 0, 0, 0, 9, 0, 0, 0, 0, 0x01,
            0x03, 0x03, 0x07,
        ];
        let pseudo = checksum::pseudo_header_v4(A, B, 6, seg.len() as u16);
        let c = checksum::fold(checksum::sum(&seg, pseudo));
        seg[16..18].copy_from_slice(&c.to_be_bytes());
        let (r, payload) = parse(&seg, A, B, true).unwrap();
        assert!(payload.is_empty());
        assert_eq!(r.src_port, 49152);
        assert_eq!(r.seq, 0x1122_3344);
        assert_eq!(r.flags, TcpFlags::SYN);
        assert_eq!(r.window, 64240);
        assert_eq!(r.mss, Some(1460));
        assert!(r.sack_permitted);
        assert_eq!(r.timestamp, Some((9, 0)));
        assert_eq!(r.window_scale, Some(7));
        assert_eq!(r.segment_len(0), 1);
    }

    #[test]
    fn rejects() {
        let seg = build(&syn(), b"abc");
        for len in 0..MIN_HEADER_LEN {
            assert_eq!(parse(&seg[..len], A, B, false), Err(WireError::Truncated));
        }
        // Data offset 44 bytes, but only 40 present.
        assert_eq!(parse(&seg[..40], A, B, false), Err(WireError::Truncated));
        // Checksum covers the payload and the pseudo-header.
        assert_eq!(parse(&seg, B, A, true).err(), None); // swapped addresses sum the same
        assert_eq!(parse(&seg, A, Ipv4Addr::new(10, 0, 0, 3), true), Err(WireError::Checksum));
        let mut bad = seg.clone();
        *bad.last_mut().unwrap() ^= 1;
        assert_eq!(parse(&bad, A, B, true), Err(WireError::Checksum));
        assert!(parse(&bad, A, B, false).is_ok());
        // Data offset below 5.
        let mut bad = seg.clone();
        bad[12] = 0x40;
        assert_eq!(parse(&bad, A, B, false), Err(WireError::Malformed));
        // Emit into too small a buffer.
        let mut small = [0u8; 43];
        assert_eq!(emit(&syn(), A, B, &mut small), Err(WireError::Truncated));
    }

    fn with_options(opts: &[u8]) -> Vec<u8> {
        let hlen = 20 + opts.len();
        assert_eq!(hlen % 4, 0);
        let mut seg = vec![0u8; hlen];
        seg[12] = ((hlen / 4) as u8) << 4;
        seg[13] = 0x10;
        seg[20..].copy_from_slice(opts);
        seg
    }

    #[test]
    fn option_lengths() {
        let cases: &[(&[u8], bool)] = &[
            (&[2, 4, 5, 0xb4], true),
            (&[2, 3, 5, 1], false),          // MSS with length 3
            (&[2, 0, 1, 1], false),          // length 0 would loop forever
            (&[2, 1, 1, 1], false),          // length 1
            (&[1, 1, 1, 2], false),          // kind at the end without length
            (&[1, 1, 99, 6], false),         // unknown option overrunning
            (&[99, 4, 0, 0], true),          // unknown option, skipped
            (&[1, 3, 3, 14], true),          // window scale
            (&[3, 4, 0, 0], false),          // window scale length 4
            (&[4, 2, 1, 1], true),           // SACK-permitted
            (&[4, 3, 1, 1], false),
            (&[0, 9, 9, 9], true),           // end of options: rest ignored
            (&[5, 6, 0, 0, 0, 0, 1, 1], false), // SACK with 4 bytes
            (&[8, 10, 0, 0, 0, 1, 0, 0, 0, 2, 1, 1], true),
            (&[8, 8, 0, 0, 0, 1, 0, 0], false),
        ];
        for (opts, ok) in cases {
            let seg = with_options(opts);
            let r = parse(&seg, A, B, false);
            assert_eq!(r.is_ok(), *ok, "options {opts:?}: {r:?}");
            if !ok {
                assert_eq!(r, Err(WireError::Malformed));
            }
        }
        let seg = with_options(&[5, 18, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 1, 1]);
        let (r, _) = parse(&seg, A, B, false).unwrap();
        assert_eq!(r.sacks(), &[(1, 2), (3, 4)]);
    }

    #[test]
    fn random_bytes_never_panic() {
        let mut rng = TestRng(0x0123_4567_89ab_cdef);
        let mut buf = [0u8; 80];
        let mut ok = 0;
        for _ in 0..50_000 {
            let len = rng.below(81) as usize;
            rng.fill(&mut buf[..len]);
            if len > 12 && rng.below(2) == 0 {
                // Plausible data offsets reach the option parser.
                buf[12] = ((5 + rng.below(11)) as u8) << 4;
            }
            if let Ok((r, payload)) = parse(&buf[..len], A, B, false) {
                ok += 1;
                assert!(payload.len() <= len);
                let _ = header_len(&r);
                let mut out = vec![0u8; header_len(&r) + payload.len()];
                emit(&r, A, B, &mut out).unwrap();
            }
        }
        assert!(ok > 1000);
    }
}
