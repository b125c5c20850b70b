//! Address text and small helpers behind the C utility exports
//! (`FreeRTOS_inet_*`, `FreeRTOS_EUI48_*`, the
//! integer helpers). Everything here works on Rust values; `ffi::util`
//! converts the C arguments.
//!
//! The parsers accept exactly what upstream V4.4.1 accepts (reference §1.4;
//! `FreeRTOS_IPv4_Sockets.c`, `FreeRTOS_Sockets.c`), with one exception
//! noted at `parse_ipv4`.
#![forbid(unsafe_code)]

use crate::text::Text;
use crate::wire::Ipv4Addr;

/// Longest dotted quad plus its NUL: "255.255.255.255\0".
pub const IPV4_TEXT_LEN: usize = 16;
/// "xx:xx:xx:xx:xx:xx\0".
pub const EUI48_TEXT_LEN: usize = 18;

/// Parses a dotted-decimal IPv4 address (`FreeRTOS_inet_pton4`); `text`
/// excludes the terminating NUL.
///
/// Upstream's rules: exactly four decimal numbers of at most 255 separated
/// by '.', nothing before or after (no whitespace, no sign); a number may
/// not start with '0' followed by another digit (octal is refused, "0"
/// alone is fine); the first number must have a digit, while a later
/// empty number counts as 0 ("10..0.1" is 10.0.0.1, "10.0.0." is
/// 10.0.0.0), as upstream does.
///
/// The one difference: upstream accumulates digits in a `uint32_t` that
/// wraps, so a number of ten or more digits may wrap to a value below 256
/// and be accepted; here any value above 255 is refused.
pub fn parse_ipv4(text: &[u8]) -> Option<Ipv4Addr> {
    let digit = |pos: usize| text.get(pos).copied().filter(u8::is_ascii_digit);
    let mut octets = [0u8; 4];
    let mut pos = 0usize;
    for (n, octet) in octets.iter_mut().enumerate() {
        if text.get(pos) == Some(&b'0') && digit(pos + 1).is_some() {
            return None;
        }
        let first = pos;
        let mut value: u32 = 0;
        while let Some(d) = digit(pos) {
            value = value.saturating_mul(10).saturating_add(u32::from(d - b'0'));
            pos += 1;
        }
        if n == 0 && pos == first {
            return None;
        }
        *octet = u8::try_from(value).ok()?;
        if n < 3 {
            if text.get(pos) != Some(&b'.') {
                return None;
            }
            pos += 1;
        }
    }
    (pos == text.len()).then_some(Ipv4Addr(octets))
}

/// Writes `addr` as "a.b.c.d" followed by a NUL (`FreeRTOS_inet_ntoa`);
/// returns the text length without the NUL.
pub fn format_ipv4(addr: Ipv4Addr, out: &mut [u8; IPV4_TEXT_LEN]) -> usize {
    // The longest quad, "255.255.255.255", is 15 characters: it always fits
    // with its NUL.
    let mut text = Text::c_string(out);
    text.ipv4(addr.0);
    text.terminate()
}

fn hex_value(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Parses a MAC address (`FreeRTOS_EUI48_pton`); `text` excludes the NUL.
///
/// Upstream's rules: six groups of exactly two hex digits (either case);
/// the first five are each followed by ':' or '-' (they may be mixed); the
/// sixth ends at the first character that is not a hex digit, and whatever
/// follows it is not looked at.
pub fn parse_eui48(text: &[u8]) -> Option<[u8; 6]> {
    let mut mac = [0u8; 6];
    let mut filled = 0usize;
    let mut value = 0u8;
    let mut nibbles = 0usize;
    // The NUL after the text ends the last group like any other non-digit.
    for c in text.iter().copied().chain(core::iter::once(0u8)) {
        if let Some(h) = hex_value(c) {
            if nibbles == 2 {
                return None;
            }
            value = (value << 4) | h;
            nibbles += 1;
            continue;
        }
        if nibbles != 2 {
            return None;
        }
        mac[filled] = value;
        filled += 1;
        if filled == mac.len() {
            return Some(mac);
        }
        if c != b':' && c != b'-' {
            return None;
        }
        value = 0;
        nibbles = 0;
    }
    None
}

/// Formats a MAC address (`FreeRTOS_EUI48_ntop`): two hex digits per byte,
/// `ten` is the digit for ten ('a' or 'A'), `separator` goes between the
/// bytes, and a NUL ends the text (17 characters + NUL). Like upstream, any
/// `ten` is used as given: the digit for n >= 10 is `ten + n - 10`.
pub fn format_eui48(mac: &[u8; 6], ten: u8, separator: u8) -> [u8; EUI48_TEXT_LEN] {
    let digit = |n: u8| if n < 10 { b'0' + n } else { ten.wrapping_add(n - 10) };
    let mut out = [0u8; EUI48_TEXT_LEN];
    for (i, &b) in mac.iter().enumerate() {
        out[i * 3] = digit(b >> 4);
        out[i * 3 + 1] = digit(b & 0x0f);
        out[i * 3 + 2] = if i == 5 { 0 } else { separator };
    }
    out
}

/// `FreeRTOS_round_up`: `a` rounded up to a multiple of `d`, with C's
/// wrapping `uint32_t` arithmetic (a value within `d` of 2^32 wraps to a
/// small result, as upstream's does). `d == 0` gives `a` (upstream asserts
/// first; we do not).
pub fn round_up(a: u32, d: u32) -> u32 {
    if d == 0 {
        return a;
    }
    d.wrapping_mul(a.wrapping_add(d).wrapping_sub(1) / d)
}

/// `FreeRTOS_round_down`: `a` rounded down to a multiple of `d`; 0 when
/// `d == 0` (upstream asserts first; we do not).
pub fn round_down(a: u32, d: u32) -> u32 {
    if d == 0 {
        return 0;
    }
    d * (a / d)
}

/// `xIsIPv4Multicast`: 224.0.0.0/4.
pub fn is_ipv4_multicast(addr: Ipv4Addr) -> bool {
    (0xE000_0000..0xF000_0000).contains(&addr.to_be_u32())
}

/// `xIsIPv4Loopback`: 127.0.0.0/8.
pub fn is_ipv4_loopback(addr: Ipv4Addr) -> bool {
    (0x7F00_0000..0x8000_0000).contains(&addr.to_be_u32())
}

/// Whether `addr` is in the subnet of an end-point with this address and
/// mask; 255.255.255.255 matches every end-point (upstream's
/// `FreeRTOS_InterfaceEndPointOnNetMask`).
pub fn on_netmask(ip: Ipv4Addr, netmask: Ipv4Addr, addr: Ipv4Addr) -> bool {
    let m = netmask.to_be_u32();
    addr.is_broadcast() || (addr.to_be_u32() & m) == (ip.to_be_u32() & m)
}

#[cfg(test)]
mod tests {
    use alloc::string::String;

    use super::*;

    fn p(s: &str) -> Option<[u8; 4]> {
        parse_ipv4(s.as_bytes()).map(|a| a.0)
    }

    #[test]
    fn ipv4_text_accepted_as_upstream_does() {
        assert_eq!(p("192.168.2.100"), Some([192, 168, 2, 100]));
        assert_eq!(p("0.0.0.0"), Some([0, 0, 0, 0]));
        assert_eq!(p("255.255.255.255"), Some([255; 4]));
        assert_eq!(p("10.0.0.1"), Some([10, 0, 0, 1]));
        // Later empty numbers count as 0 (upstream only checks the first).
        assert_eq!(p("10..0.1"), Some([10, 0, 0, 1]));
        assert_eq!(p("10.0.0."), Some([10, 0, 0, 0]));
    }

    #[test]
    fn ipv4_text_refused_as_upstream_does() {
        for bad in [
            "", ".1.2.3", "1.2.3", "1.2.3.4.", "1.2.3.4.5", "256.1.1.1", "1.2.3.256", "01.2.3.4", "1.2.3.04",
            "1.2.3.00", " 1.2.3.4", "1.2.3.4 ", "+1.2.3.4", "1.2.3.-4", "1,2,3,4", "a.b.c.d", "1.2.3.4x",
            "99999999999.1.1.1", "4294967296.1.1.1",
        ] {
            assert_eq!(p(bad), None, "{bad:?}");
        }
    }

    fn f(a: [u8; 4]) -> String {
        let mut b = [0xAAu8; IPV4_TEXT_LEN];
        let n = format_ipv4(Ipv4Addr(a), &mut b);
        assert_eq!(b[n], 0);
        String::from(core::str::from_utf8(&b[..n]).unwrap())
    }

    #[test]
    fn ipv4_formatting() {
        assert_eq!(f([0, 0, 0, 0]), "0.0.0.0");
        assert_eq!(f([192, 0, 2, 10]), "192.0.2.10");
        assert_eq!(f([255, 255, 255, 255]), "255.255.255.255");
        assert_eq!(f([100, 10, 1, 209]), "100.10.1.209");
        for a in [[1, 20, 255, 7], [9, 99, 199, 0]] {
            assert_eq!(p(&f(a)), Some(a));
        }
    }

    fn m(s: &str) -> Option<[u8; 6]> {
        parse_eui48(s.as_bytes())
    }

    #[test]
    fn eui48_parsing() {
        assert_eq!(m("00-12-34-fe-dc-ba"), Some([0x00, 0x12, 0x34, 0xfe, 0xdc, 0xba]));
        assert_eq!(m("62:48:05:83:A0:b2"), Some([0x62, 0x48, 0x05, 0x83, 0xa0, 0xb2]));
        assert_eq!(m("62:48-05:83-A0:b2"), Some([0x62, 0x48, 0x05, 0x83, 0xa0, 0xb2]));
        // The sixth group ends at any non-hex character; the rest is ignored.
        assert_eq!(m("01:02:03:04:05:06:07"), Some([1, 2, 3, 4, 5, 6]));
        assert_eq!(m("01:02:03:04:05:06 junk"), Some([1, 2, 3, 4, 5, 6]));
        for bad in [
            "", "62:48:5:83:A0:b2", "001:02:03:04:05:06", "01:02:03:04:05", "01:02:03:04:05:", "01.02.03.04.05.06",
            "01:02:03:04:05:6", "01:02:03:04:05:0g", "g1:02:03:04:05:06", ":01:02:03:04:05",
        ] {
            assert_eq!(m(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn eui48_formatting() {
        let mac = [0x00, 0x12, 0x34, 0xfe, 0xdc, 0xba];
        assert_eq!(&format_eui48(&mac, b'a', b':'), b"00:12:34:fe:dc:ba\0");
        assert_eq!(&format_eui48(&mac, b'A', b'-'), b"00-12-34-FE-DC-BA\0");
        let text = format_eui48(&mac, b'A', b'-');
        assert_eq!(parse_eui48(&text[..17]), Some(mac));
    }

    #[test]
    fn rounding_wraps_like_c() {
        assert_eq!(round_up(0, 8), 0);
        assert_eq!(round_up(1, 8), 8);
        assert_eq!(round_up(8, 8), 8);
        assert_eq!(round_up(1000, 7), 1001);
        assert_eq!(round_up(u32::MAX, 16), 0);
        assert_eq!(round_up(5, 0), 5);
        assert_eq!(round_down(15, 8), 8);
        assert_eq!(round_down(16, 8), 16);
        assert_eq!(round_down(5, 0), 0);
    }

    #[test]
    fn classification() {
        assert!(is_ipv4_multicast(Ipv4Addr([224, 0, 0, 1])));
        assert!(is_ipv4_multicast(Ipv4Addr([239, 255, 255, 255])));
        assert!(!is_ipv4_multicast(Ipv4Addr([240, 0, 0, 0])));
        assert!(!is_ipv4_multicast(Ipv4Addr([223, 255, 255, 255])));
        assert!(is_ipv4_loopback(Ipv4Addr([127, 0, 0, 1])));
        assert!(is_ipv4_loopback(Ipv4Addr([127, 255, 255, 255])));
        assert!(!is_ipv4_loopback(Ipv4Addr([128, 0, 0, 0])));
        assert!(!is_ipv4_loopback(Ipv4Addr([126, 255, 255, 255])));
        let ip = Ipv4Addr([192, 0, 2, 10]);
        let mask = Ipv4Addr([255, 255, 255, 0]);
        assert!(on_netmask(ip, mask, Ipv4Addr([192, 0, 2, 99])));
        assert!(!on_netmask(ip, mask, Ipv4Addr([192, 0, 3, 99])));
        assert!(on_netmask(ip, mask, Ipv4Addr::BROADCAST));
    }
}
