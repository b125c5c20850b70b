//! Family-neutral addresses for the layers above the wire formats (issue #7).
//!
//! The TCP engine, the socket layer, the socket records and the port
//! demultiplexing hold [`IpAddress`] / [`SockAddr`], so that IPv6 can be
//! added as one more variant instead of another reshape of those layers.
//! The wire formats, ARP, DHCP, DNS servers, ICMP and the end-points stay on
//! [`Ipv4Addr`]: they are IPv4 protocols or IPv4 records. The stack goes
//! from a neutral address to an IPv4 frame in one place per direction
//! (`stack::output::ipv4_of`, and the IPv4 input path that builds
//! `SockAddr::v4`), which is where the IPv6 work adds its arm.
//!
//! While only `V4` exists, a `match` on `IpAddress` has one arm and
//! compiles to nothing: the enum has no discriminant in memory
//! (`size_of::<IpAddress>() == 4`) and `as_v4()` is always `Some`.
use core::fmt;

use super::{Ipv4Addr, SockAddrV4};

/// An IP address of some family; bytes in wire order.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum IpAddress {
    V4(Ipv4Addr),
    // The `V6([u8; 16])` variant goes in behind `ipconfigUSE_IPv6` with the
    // IPv6 issue; no IPv6 option is accepted by build.rs today, and adding
    // the variant makes every one-arm match here a compile error to visit.
}

impl IpAddress {
    /// 0.0.0.0, the "any address" of an unbound or wildcard-bound socket.
    pub const UNSPECIFIED_V4: IpAddress = IpAddress::V4(Ipv4Addr::UNSPECIFIED);

    /// The IPv4 address, or None for another family (never, for now).
    pub const fn as_v4(self) -> Option<Ipv4Addr> {
        match self {
            IpAddress::V4(a) => Some(a),
        }
    }

    /// The wildcard address of its family.
    pub fn is_unspecified(&self) -> bool {
        match self {
            IpAddress::V4(a) => a.is_unspecified(),
        }
    }

    /// The address bytes in wire order, whatever the family (for hashing:
    /// SYN cookies).
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            IpAddress::V4(a) => &a.0,
        }
    }
}

impl Default for IpAddress {
    fn default() -> IpAddress {
        IpAddress::UNSPECIFIED_V4
    }
}

impl From<Ipv4Addr> for IpAddress {
    fn from(a: Ipv4Addr) -> IpAddress {
        IpAddress::V4(a)
    }
}

impl fmt::Display for IpAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IpAddress::V4(a) => a.fmt(f),
        }
    }
}

/// A socket address of some family; the port is in host order.
#[derive(Copy, Clone, PartialEq, Eq, Debug, Default)]
pub struct SockAddr {
    pub addr: IpAddress,
    pub port: u16,
}

impl SockAddr {
    /// 0.0.0.0 port 0.
    pub const UNSPECIFIED_V4: SockAddr = SockAddr { addr: IpAddress::UNSPECIFIED_V4, port: 0 };

    pub const fn new(addr: IpAddress, port: u16) -> SockAddr {
        SockAddr { addr, port }
    }

    pub const fn v4(addr: Ipv4Addr, port: u16) -> SockAddr {
        SockAddr { addr: IpAddress::V4(addr), port }
    }

    /// The IPv4 socket address, or None for another family (never, for now).
    pub const fn as_v4(self) -> Option<SockAddrV4> {
        match self.addr.as_v4() {
            Some(addr) => Some(SockAddrV4 { addr, port: self.port }),
            None => None,
        }
    }

    pub fn is_unspecified(&self) -> bool {
        self.addr.is_unspecified() && self.port == 0
    }
}

impl From<SockAddrV4> for SockAddr {
    fn from(a: SockAddrV4) -> SockAddr {
        SockAddr::v4(a.addr, a.port)
    }
}

impl fmt::Display for SockAddr {
    /// `10.0.0.1:80`, as [`SockAddrV4`] prints.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.addr, self.port)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn single_family_costs_nothing_in_memory() {
        assert_eq!(core::mem::size_of::<IpAddress>(), 4);
        assert_eq!(core::mem::size_of::<SockAddr>(), core::mem::size_of::<SockAddrV4>());
    }

    #[test]
    fn conversions_both_ways() {
        let v4 = SockAddrV4::new(Ipv4Addr::new(10, 0, 0, 1), 80);
        let neutral = SockAddr::from(v4);
        assert_eq!(neutral, SockAddr::v4(Ipv4Addr::new(10, 0, 0, 1), 80));
        assert_eq!(neutral.addr, IpAddress::from(Ipv4Addr::new(10, 0, 0, 1)));
        assert_eq!(neutral.as_v4(), Some(v4));
        assert_eq!(neutral.addr.as_v4(), Some(Ipv4Addr::new(10, 0, 0, 1)));
        assert_eq!(neutral.addr.as_bytes(), &[10, 0, 0, 1]);
        assert_ne!(neutral, SockAddr::v4(Ipv4Addr::new(10, 0, 0, 1), 81));
        assert_ne!(neutral, SockAddr::v4(Ipv4Addr::new(10, 0, 0, 2), 80));
    }

    #[test]
    fn display_as_ipv4() {
        let a = SockAddr::v4(Ipv4Addr::new(192, 168, 1, 254), 8080);
        assert_eq!(a.to_string(), "192.168.1.254:8080");
        assert_eq!(a.to_string(), a.as_v4().map(|v| v.to_string()).unwrap_or_default());
        assert_eq!(a.addr.to_string(), "192.168.1.254");
        assert_eq!(SockAddr::default().to_string(), "0.0.0.0:0");
    }

    #[test]
    fn unspecified() {
        assert_eq!(IpAddress::default(), IpAddress::UNSPECIFIED_V4);
        assert!(IpAddress::UNSPECIFIED_V4.is_unspecified());
        assert!(!IpAddress::V4(Ipv4Addr::new(0, 0, 0, 1)).is_unspecified());
        assert_eq!(SockAddr::default(), SockAddr::UNSPECIFIED_V4);
        assert!(SockAddr::UNSPECIFIED_V4.is_unspecified());
        // A wildcard address with a port is a bound socket, not "unspecified".
        assert!(!SockAddr::v4(Ipv4Addr::UNSPECIFIED, 80).is_unspecified());
        assert!(SockAddr::v4(Ipv4Addr::UNSPECIFIED, 80).addr.is_unspecified());
    }
}
