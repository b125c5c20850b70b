//! Wire formats: parse and emit Ethernet II, ARP, IPv4, ICMP, UDP and TCP.
//!
//! Contract (the rest of the stack relies on it):
//! - Nothing here allocates, and nothing panics on any input. Every parser
//!   checks lengths before it reads, and every emitter checks the size of the
//!   buffer it was given before it writes; both report problems as
//!   [`WireError`] values.
//! - A parser returns a plain "repr" struct with host-order fields plus the
//!   payload slice that follows the header.
//! - Multi-byte fields are big-endian on the wire. Addresses keep wire byte
//!   order ([`Ipv4Addr`] holds the four bytes as they appear in the packet);
//!   ports and other numbers are host-order `u16`/`u32` values in the reprs.
//!
//! Read first: RFC 791 (IPv4), RFC 826 (ARP), RFC 792 (ICMP), RFC 768 (UDP),
//! RFC 9293 §3.1-§3.2 (TCP header and options), RFC 1071 (checksum),
//! RFC 7323 (window scale, timestamps), RFC 2018 (SACK).
#![forbid(unsafe_code)]

pub mod arp;
pub mod checksum;
pub mod dhcp;
pub mod dns;
pub mod ethernet;
pub mod icmp;
pub mod ipv4;
pub mod tcp;
pub mod udp;
pub mod addr;

pub use addr::{IpAddress, SockAddr};

use core::fmt;

/// Why a frame could not be parsed or emitted.
#[derive(Debug, Copy, Clone, PartialEq, Eq)]
pub enum WireError {
    /// The buffer is shorter than the header (or the length field) says.
    Truncated,
    /// A field holds a value that the format does not allow.
    Malformed,
    /// The checksum does not match.
    Checksum,
    /// Well-formed, but not something this stack handles (fragments, other
    /// hardware types, unknown ARP operations...).
    Unsupported,
}

impl fmt::Display for WireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            WireError::Truncated => "truncated",
            WireError::Malformed => "malformed",
            WireError::Checksum => "bad checksum",
            WireError::Unsupported => "unsupported",
        };
        f.write_str(text)
    }
}

pub type Result<T> = core::result::Result<T, WireError>;

/// An Ethernet MAC address.
#[derive(Copy, Clone, PartialEq, Eq, Debug, Default, Hash)]
pub struct MacAddr(pub [u8; 6]);

impl MacAddr {
    pub const BROADCAST: MacAddr = MacAddr([0xff; 6]);
    pub const ZERO: MacAddr = MacAddr([0; 6]);

    pub fn is_broadcast(&self) -> bool {
        *self == Self::BROADCAST
    }

    /// The group bit (least significant bit of the first octet); broadcast is
    /// a multicast address too.
    pub fn is_multicast(&self) -> bool {
        self.0[0] & 0x01 != 0
    }

    pub fn is_unicast(&self) -> bool {
        !self.is_multicast()
    }
}

impl fmt::Display for MacAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = &self.0;
        write!(
            f,
            "{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}",
            b[0], b[1], b[2], b[3], b[4], b[5]
        )
    }
}

/// An IPv4 address, bytes in wire order (10.0.0.1 is `[10, 0, 0, 1]`).
#[derive(Copy, Clone, PartialEq, Eq, Debug, Default, Hash, PartialOrd, Ord)]
pub struct Ipv4Addr(pub [u8; 4]);

impl Ipv4Addr {
    pub const UNSPECIFIED: Ipv4Addr = Ipv4Addr([0; 4]);
    pub const BROADCAST: Ipv4Addr = Ipv4Addr([0xff; 4]);

    pub const fn new(a: u8, b: u8, c: u8, d: u8) -> Ipv4Addr {
        Ipv4Addr([a, b, c, d])
    }

    /// From the address as a number (10.0.0.1 == 0x0a000001).
    pub const fn from_be_u32(value: u32) -> Ipv4Addr {
        Ipv4Addr(value.to_be_bytes())
    }

    /// The address as a number (10.0.0.1 -> 0x0a000001).
    pub const fn to_be_u32(self) -> u32 {
        u32::from_be_bytes(self.0)
    }

    pub const fn octets(self) -> [u8; 4] {
        self.0
    }

    pub fn is_unspecified(&self) -> bool {
        self.0 == [0; 4]
    }

    /// The limited broadcast address 255.255.255.255.
    pub fn is_broadcast(&self) -> bool {
        self.0 == [0xff; 4]
    }

    /// 224.0.0.0/4.
    pub fn is_multicast(&self) -> bool {
        self.0[0] & 0xf0 == 0xe0
    }

    /// 127.0.0.0/8.
    pub fn is_loopback(&self) -> bool {
        self.0[0] == 127
    }
}

impl fmt::Display for Ipv4Addr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = &self.0;
        write!(f, "{}.{}.{}.{}", b[0], b[1], b[2], b[3])
    }
}

/// An IPv4 socket address; the port is in host order.
#[derive(Copy, Clone, PartialEq, Eq, Debug, Default, Hash)]
pub struct SockAddrV4 {
    pub addr: Ipv4Addr,
    pub port: u16,
}

impl SockAddrV4 {
    pub const fn new(addr: Ipv4Addr, port: u16) -> SockAddrV4 {
        SockAddrV4 { addr, port }
    }
}

impl fmt::Display for SockAddrV4 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.addr, self.port)
    }
}

// Field helpers. Callers check lengths first; these still never panic: a read
// outside the slice yields zero and a write outside it is dropped.

pub(crate) fn read_u16(buf: &[u8], at: usize) -> u16 {
    u16::from_be_bytes(read_array(buf, at))
}

pub(crate) fn read_u32(buf: &[u8], at: usize) -> u32 {
    u32::from_be_bytes(read_array(buf, at))
}

pub(crate) fn read_u8(buf: &[u8], at: usize) -> u8 {
    buf.get(at).copied().unwrap_or(0)
}

/// `N` bytes at `at`, all zero if they are not all in `buf`.
pub(crate) fn read_array<const N: usize>(buf: &[u8], at: usize) -> [u8; N] {
    buf.get(at..)
        .and_then(<[u8]>::first_chunk::<N>)
        .copied()
        .unwrap_or([0; N])
}

/// Writes `data` at `at`, or nothing if it does not fit. Fixed-size arrays
/// only: an array assignment has no length check that could panic, unlike
/// `copy_from_slice`.
pub(crate) fn write_bytes<const N: usize>(buf: &mut [u8], at: usize, data: &[u8; N]) {
    if let Some(dst) = buf.get_mut(at..).and_then(<[u8]>::first_chunk_mut::<N>) {
        *dst = *data;
    }
}

pub(crate) fn write_u16(buf: &mut [u8], at: usize, value: u16) {
    write_bytes(buf, at, &value.to_be_bytes());
}

pub(crate) fn write_u32(buf: &mut [u8], at: usize, value: u32) {
    write_bytes(buf, at, &value.to_be_bytes());
}

pub(crate) fn write_u8(buf: &mut [u8], at: usize, value: u8) {
    if let Some(b) = buf.get_mut(at) {
        *b = value;
    }
}

/// A tiny xorshift generator for the property tests of this module and of
/// `tcp` (no extra crates).
#[cfg(test)]
pub(crate) struct TestRng(pub u64);

#[cfg(test)]
impl TestRng {
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }

    pub fn fill(&mut self, buf: &mut [u8]) {
        for b in buf.iter_mut() {
            *b = self.next_u64() as u8;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn addresses() {
        let a = Ipv4Addr::from_be_u32(0x0a00_0001);
        assert_eq!(a, Ipv4Addr::new(10, 0, 0, 1));
        assert_eq!(a.to_be_u32(), 0x0a00_0001);
        assert_eq!(a.to_string(), "10.0.0.1");
        assert!(Ipv4Addr::BROADCAST.is_broadcast());
        assert!(Ipv4Addr::UNSPECIFIED.is_unspecified());
        assert!(Ipv4Addr::new(224, 0, 0, 251).is_multicast());
        assert!(!Ipv4Addr::new(192, 168, 1, 1).is_multicast());
        assert!(MacAddr::BROADCAST.is_broadcast());
        assert!(MacAddr::BROADCAST.is_multicast());
        assert!(MacAddr([0x01, 0, 0x5e, 0, 0, 1]).is_multicast());
        assert!(!MacAddr([0x02, 0, 0, 0, 0, 1]).is_multicast());
        assert_eq!(
            MacAddr([0x02, 0xab, 0, 0, 0, 1]).to_string(),
            "02:ab:00:00:00:01"
        );
        assert_eq!(
            SockAddrV4::new(a, 80).to_string(),
            "10.0.0.1:80"
        );
    }

    #[test]
    fn helpers_never_panic() {
        let b = [1u8, 2, 3];
        assert_eq!(read_u16(&b, 1), 0x0203);
        assert_eq!(read_u16(&b, 2), 0);
        assert_eq!(read_u32(&b, 0), 0);
        assert_eq!(read_u16(&b, usize::MAX), 0);
        let mut w = [0u8; 3];
        write_u16(&mut w, 2, 0xffff);
        write_u32(&mut w, usize::MAX - 1, 1);
        assert_eq!(w, [0, 0, 0]);
    }
}
