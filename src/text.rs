//! Text for netstat, log lines and C strings, without `core::fmt`.
//!
//! `core::fmt` costs about 5 KB of flash on Cortex-M (the formatter, integer
//! printing with 64-bit division, UTF-8 counting for padding) and its
//! tables; the stack only ever prints ASCII words, unsigned numbers and
//! dotted quads, padded to fixed widths. `Text` does exactly that into a
//! caller's buffer: what does not fit is cut off, as `snprintf` would, and
//! nothing here can panic.
#![forbid(unsafe_code)]

use crate::wire::IpAddress;

/// Text being written into a borrowed byte buffer.
pub struct Text<'a> {
    dst: &'a mut [u8],
    len: usize,
    /// Bytes usable for text: all of `dst`, or one less to keep room for a
    /// terminating NUL (see [`Text::c_string`]).
    limit: usize,
}

impl<'a> Text<'a> {
    /// Text that may fill all of `dst`.
    pub fn new(dst: &'a mut [u8]) -> Self {
        let limit = dst.len();
        Text { dst, len: 0, limit }
    }

    /// Text for a C string: at most `dst.len() - 1` characters, so that
    /// [`Text::terminate`] always has room for the NUL (nothing at all when
    /// `dst` is empty, like `snprintf(dst, 0, ...)`).
    pub fn c_string(dst: &'a mut [u8]) -> Self {
        let limit = dst.len().saturating_sub(1);
        Text { dst, len: 0, limit }
    }

    /// Ends a C string with its NUL; returns the length without it.
    pub fn terminate(&mut self) -> usize {
        if let Some(b) = self.dst.get_mut(self.len) {
            *b = 0;
        }
        self.len
    }

    pub fn byte(&mut self, b: u8) -> &mut Self {
        if self.len < self.limit {
            if let Some(slot) = self.dst.get_mut(self.len) {
                *slot = b;
                self.len += 1;
            }
        }
        self
    }

    pub fn bytes(&mut self, s: &[u8]) -> &mut Self {
        for &b in s {
            self.byte(b);
        }
        self
    }

    pub fn str(&mut self, s: &str) -> &mut Self {
        self.bytes(s.as_bytes())
    }

    /// `s` cut to `max` bytes and left-aligned in `width` columns
    /// (C's `%-width.maxs`).
    pub fn str_left(&mut self, s: &str, width: usize, max: usize) -> &mut Self {
        let s = s.as_bytes();
        let s = s.get(..max).unwrap_or(s);
        self.bytes(s);
        self.spaces(width.saturating_sub(s.len()))
    }

    pub fn spaces(&mut self, n: usize) -> &mut Self {
        for _ in 0..n {
            self.byte(b' ');
        }
        self
    }

    /// An unsigned number in decimal (`%u`).
    pub fn dec(&mut self, v: u32) -> &mut Self {
        self.dec_right(v, 0)
    }

    /// An unsigned number right-aligned in `width` columns (`%5u`).
    pub fn dec_right(&mut self, v: u32, width: usize) -> &mut Self {
        let (digits, n) = decimal(v);
        self.spaces(width.saturating_sub(n));
        self.bytes(digits.get(digits.len() - n..).unwrap_or(&[]))
    }

    /// An unsigned number in lower-case hexadecimal without prefix (`%x`).
    pub fn hex(&mut self, v: u64) -> &mut Self {
        let mut started = false;
        for shift in (0..16).rev() {
            let nibble = ((v >> (shift * 4)) & 0xf) as u8;
            if nibble != 0 || started || shift == 0 {
                started = true;
                self.byte(if nibble < 10 { b'0' + nibble } else { b'a' + nibble - 10 });
            }
        }
        self
    }

    /// An IPv4 address as a dotted quad ("192.168.1.10").
    pub fn ipv4(&mut self, octets: [u8; 4]) -> &mut Self {
        for (i, o) in octets.into_iter().enumerate() {
            if i > 0 {
                self.byte(b'.');
            }
            self.dec(o as u32);
        }
        self
    }

    /// An address of any family (a dotted quad for IPv4; the IPv6 work
    /// adds its text form here).
    pub fn ip(&mut self, addr: IpAddress) -> &mut Self {
        match addr {
            IpAddress::V4(a) => self.ipv4(a.0),
        }
    }
}

/// The decimal digits of `v`, right-aligned in a 10-byte array, and how many
/// there are.
fn decimal(mut v: u32) -> ([u8; 10], usize) {
    let mut digits = [b'0'; 10];
    let mut n = 0;
    for slot in digits.iter_mut().rev() {
        *slot = b'0' + (v % 10) as u8;
        v /= 10;
        n += 1;
        if v == 0 {
            break;
        }
    }
    (digits, n)
}

/// A fixed buffer for one line of text, sized by the caller (task stacks on
/// the board are small: keep `N` to what the line needs).
pub struct Line<const N: usize> {
    buf: [u8; N],
    len: usize,
}

impl<const N: usize> Default for Line<N> {
    fn default() -> Self {
        Line { buf: [0; N], len: 0 }
    }
}

impl<const N: usize> Line<N> {
    /// Writes into the line with `f`, after what is already there.
    pub fn write(&mut self, f: impl FnOnce(&mut Text<'_>)) -> &mut Self {
        let len = self.len;
        let mut text = Text::new(&mut self.buf);
        text.len = len.min(N);
        f(&mut text);
        self.len = text.len;
        self
    }

    pub fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(f: impl FnOnce(&mut Text<'_>)) -> alloc::string::String {
        let mut line = Line::<80>::default();
        line.write(f);
        alloc::string::String::from_utf8(line.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn numbers_match_printf() {
        assert_eq!(text(|t| { t.dec(0); }), "0");
        assert_eq!(text(|t| { t.dec(u32::MAX); }), "4294967295");
        assert_eq!(text(|t| { t.dec_right(80, 5); }), "   80");
        assert_eq!(text(|t| { t.dec_right(123456, 5); }), "123456");
        assert_eq!(text(|t| { t.hex(0); }), "0");
        assert_eq!(text(|t| { t.hex(0x61); }), "61");
        assert_eq!(text(|t| { t.hex(0xdead_beef); }), "deadbeef");
        assert_eq!(text(|t| { t.hex(u64::MAX - 0x3e7); }), "fffffffffffffc18");
        assert_eq!(text(|t| { t.ipv4([192, 168, 0, 1]); }), "192.168.0.1");
        assert_eq!(text(|t| { t.ipv4([0, 0, 0, 0]); }), "0.0.0.0");
        assert_eq!(text(|t| { t.ip(IpAddress::V4(crate::wire::Ipv4Addr([10, 0, 0, 254]))); }), "10.0.0.254");
    }

    #[test]
    fn strings_pad_and_cut_like_printf() {
        assert_eq!(text(|t| { t.str_left("eLISTEN", 13, 13).byte(b'|'); }), "eLISTEN      |");
        assert_eq!(text(|t| { t.str_left("abcdefghijklmnop", 13, 13).byte(b'|'); }), "abcdefghijklm|");
        assert_eq!(text(|t| { t.str("a").spaces(2).str("b"); }), "a  b");
    }

    #[test]
    fn c_strings_are_cut_and_terminated_like_snprintf() {
        let mut b = [0xffu8; 4];
        let mut t = Text::c_string(&mut b);
        t.str("EINVAL");
        assert_eq!(t.terminate(), 3);
        assert_eq!(&b, b"EIN\0");
        let mut one = [0xffu8; 1];
        let mut t = Text::c_string(&mut one);
        t.str("x");
        assert_eq!(t.terminate(), 0);
        assert_eq!(one, [0]);
        let mut none: [u8; 0] = [];
        let mut t = Text::c_string(&mut none);
        t.dec(5);
        assert_eq!(t.terminate(), 0);
    }

    #[test]
    fn a_full_line_keeps_what_fits() {
        let mut line = Line::<6>::default();
        line.write(|t| {
            t.str("abcd");
        });
        line.write(|t| {
            t.dec(12345);
        });
        assert_eq!(line.as_bytes(), b"abcd12");
    }
}
