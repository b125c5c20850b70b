//! DNS messages (RFC 1035 §4): an A query with one question, and the
//! parts of a response a stub resolver needs.
//!
//! The parser treats every response as hostile: every read is bounds
//! checked; a name may use compression pointers only backwards, each jump
//! landing strictly before the previous one (so no loop can form and a
//! name is walked at most once per byte), at most [`MAX_JUMPS`] of them;
//! labels longer than 63 bytes (the reserved 0x40/0x80 prefixes) and names
//! longer than 255 bytes are refused; a record that runs past the end of
//! the message, or an answer count larger than the records present, makes
//! the whole message malformed. Nothing here panics on any input.
#![forbid(unsafe_code)]

use super::{read_u16, read_u32, write_u16, write_u8};

/// The fixed header: id, flags, four counts.
pub const HEADER_LEN: usize = 12;
/// Longest label (RFC 1035 §2.3.4).
pub const MAX_LABEL: usize = 63;
/// Longest name in its wire form, length bytes and the root included.
pub const MAX_NAME: usize = 255;
/// Compression jumps followed in one name (backwards-only pointers already
/// guarantee termination; this bounds the work per name further).
pub const MAX_JUMPS: usize = 16;
/// Longest query this module builds: header, name, type, class.
pub const MAX_QUERY: usize = HEADER_LEN + MAX_NAME + 4;
pub const TYPE_A: u16 = 1;
pub const TYPE_CNAME: u16 = 5;
pub const CLASS_IN: u16 = 1;
/// Response codes (RFC 1035 §4.1.1).
pub const RCODE_OK: u8 = 0;
pub const RCODE_NXDOMAIN: u8 = 3;
/// Flags of our query: standard query, recursion desired.
const QUERY_FLAGS: u16 = 0x0100;
const FLAG_RESPONSE: u16 = 0x8000;
const OPCODE_MASK: u16 = 0x7800;
const FLAG_TRUNCATED: u16 = 0x0200;
/// Records with a TTL whose top bit is set are treated as TTL 0
/// (RFC 2181 §8).
const TTL_TOP_BIT: u32 = 0x8000_0000;

/// Why a response is not used.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum DnsError {
    /// Shorter than its header or counts say: an answer count that lies, a
    /// record past the end.
    Truncated,
    /// A name that cannot be read: a label over 63 bytes, a name over 255,
    /// a compression pointer forward, onto itself, past the end or in a
    /// loop, too many jumps.
    BadName,
    /// Not an answer to our query: wrong transaction id.
    WrongId,
    /// Not a standard-query response, or its question is not ours.
    NotOurs,
}

/// A name given by the application that cannot be sent (empty label, label
/// over 63 bytes, name over 255, a NUL or a buffer too small).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct InvalidName;

/// How many A records of one answer are kept:
/// `ipconfigDNS_CACHE_ADDRESSES_PER_ENTRY` (upstream stores that many per
/// cache row and hands them out in turn), at least 1; build.rs refuses
/// more than 16.
pub const MAX_ADDRESSES: usize = {
    let n = crate::config::DNS_CACHE_ADDRESSES_PER_ENTRY;
    if n < 1 {
        1
    } else if n > 16 {
        16
    } else {
        n
    }
};

/// The addresses (wire order) of one name, in the order the answer gave
/// them; at most [`MAX_ADDRESSES`].
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Addresses {
    list: [[u8; 4]; MAX_ADDRESSES],
    len: usize,
}

impl Addresses {
    pub const EMPTY: Addresses = Addresses { list: [[0; 4]; MAX_ADDRESSES], len: 0 };

    pub fn one(a: [u8; 4]) -> Addresses {
        let mut v = Addresses::EMPTY;
        v.push(a);
        v
    }

    /// Appends `a`; false when the list is full.
    pub fn push(&mut self, a: [u8; 4]) -> bool {
        let Some(slot) = self.list.get_mut(self.len) else { return false };
        *slot = a;
        self.len += 1;
        true
    }

    pub fn as_slice(&self) -> &[[u8; 4]] {
        self.list.get(..self.len).unwrap_or(&[])
    }

    pub fn first(&self) -> Option<[u8; 4]> {
        self.as_slice().first().copied()
    }
}

/// What a response says about our question.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// The response code (0: no error, 3: the name does not exist).
    pub rcode: u8,
    /// The first A record for the name (following CNAMEs), in wire order,
    /// and its TTL in seconds (the smallest along the CNAME chain).
    pub address: Option<([u8; 4], u32)>,
    /// Every A record for that name, the first one included, up to
    /// [`MAX_ADDRESSES`].
    pub all: Addresses,
    /// The server set the TC bit.
    pub truncated: bool,
}

/// `name` without its trailing dot, if it has one (written without
/// `strip_suffix`, whose length check would stay in the board build).
pub fn trim_root(name: &[u8]) -> &[u8] {
    match name.split_last() {
        Some((b'.', rest)) => rest,
        _ => name,
    }
}

/// `name` without a trailing dot, checked as a host name to send: labels of
/// 1..=63 bytes, at most 255 bytes in wire form, no NUL.
fn check_name(name: &[u8]) -> Result<&[u8], InvalidName> {
    let name = trim_root(name);
    if name.len() + 2 > MAX_NAME {
        return Err(InvalidName);
    }
    // One pass: no NUL, and every label (between dots) 1..=63 bytes; an
    // empty name is one empty label.
    let mut label = 0usize;
    for &b in name {
        match b {
            0 => return Err(InvalidName),
            b'.' if label == 0 => return Err(InvalidName),
            b'.' => label = 0,
            _ if label == MAX_LABEL => return Err(InvalidName),
            _ => label += 1,
        }
    }
    if label == 0 {
        return Err(InvalidName);
    }
    Ok(name)
}

/// Whether `name` can be asked for (see [`encode_query`]).
pub fn valid_name(name: &[u8]) -> bool {
    check_name(name).is_ok()
}

/// Writes an A query for `name` (text, e.g. `b"example.test"`) with
/// transaction `id` into `buf`; returns its length.
pub fn encode_query(buf: &mut [u8], id: u16, name: &[u8]) -> Result<usize, InvalidName> {
    let name = check_name(name)?;
    let len = HEADER_LEN + name.len() + 2 + 4;
    let out = buf.get_mut(..len).ok_or(InvalidName)?;
    out.fill(0);
    write_u16(out, 0, id);
    write_u16(out, 2, QUERY_FLAGS);
    write_u16(out, 4, 1); // one question
    // The name goes in as text after a dot ("." "example.test"), then each
    // dot, from the end, becomes the length of the label after it: the
    // wire form in one copy and one pass (the root's zero is from `fill`).
    write_u8(out, HEADER_LEN, b'.');
    if let Some(text) = out.get_mut(HEADER_LEN + 1..) {
        crate::os::mem::copy_bytes(text, name);
    }
    if let Some(labels) = out.get_mut(HEADER_LEN..HEADER_LEN + 1 + name.len()) {
        let mut run = 0u8;
        for b in labels.iter_mut().rev() {
            if *b == b'.' {
                *b = run;
                run = 0;
            } else {
                run = run.wrapping_add(1);
            }
        }
    }
    write_u16(out, len - 4, TYPE_A);
    write_u16(out, len - 2, CLASS_IN);
    Ok(len)
}

/// Walks the name at some offset of a message one text byte at a time
/// (label bytes in lower case, a dot between labels), checking the rules of
/// the module's comment as it goes. The parser compares names through two
/// of these instead of decoding them into 255-byte buffers.
struct Cursor<'m> {
    msg: &'m [u8],
    pos: usize,
    /// A pointer must land strictly before `limit`: before where this run
    /// of labels began. Every jump lowers the limit, so jumps cannot loop.
    limit: usize,
    /// Just after the first pointer (0: no jump yet; a pointer is never at
    /// offset 0, which the header holds).
    after: usize,
    jumps: usize,
    /// Wire length so far: each label's length byte plus its bytes, then
    /// the root's zero byte.
    wire_len: usize,
    /// Bytes left in the current label.
    left: usize,
}

impl<'m> Cursor<'m> {
    fn new(msg: &'m [u8], start: usize) -> Cursor<'m> {
        Cursor { msg, pos: start, limit: start, after: 0, jumps: 0, wire_len: 1, left: 0 }
    }

    /// The next text byte, None at the end of the name (then [`Cursor::end`]
    /// is the offset after it), or why the name cannot be read.
    fn next(&mut self) -> Result<Option<u8>, DnsError> {
        loop {
            // A label byte, or the next length byte: one read for both.
            let b = *self.msg.get(self.pos).ok_or(DnsError::Truncated)?;
            if self.left > 0 {
                self.pos += 1;
                self.left -= 1;
                return Ok(Some(b.to_ascii_lowercase()));
            }
            let len = b as usize;
            match len & 0xc0 {
                0x00 if len == 0 => {
                    self.pos += 1;
                    return Ok(None);
                }
                0x00 => {
                    let first = self.wire_len == 1;
                    self.wire_len += 1 + len;
                    if self.wire_len > MAX_NAME {
                        return Err(DnsError::BadName);
                    }
                    // The whole label must be there before any of it counts.
                    if self.msg.len() < self.pos + 1 + len {
                        return Err(DnsError::Truncated);
                    }
                    self.pos += 1;
                    self.left = len;
                    if !first {
                        return Ok(Some(b'.'));
                    }
                }
                0xc0 => {
                    let low = *self.msg.get(self.pos + 1).ok_or(DnsError::Truncated)? as usize;
                    let target = (len & 0x3f) << 8 | low;
                    self.jumps += 1;
                    if target >= self.limit || self.jumps > MAX_JUMPS {
                        return Err(DnsError::BadName);
                    }
                    if self.after == 0 {
                        self.after = self.pos + 2;
                    }
                    self.limit = target;
                    self.pos = target;
                }
                // 0x40 and 0x80: a label length over 63 or an extended
                // label type; neither is valid here.
                _ => return Err(DnsError::BadName),
            }
        }
    }

    /// The offset just after the name in the message (after the first
    /// pointer, if it jumped); valid once `next` gave None.
    fn end(&self) -> usize {
        if self.after != 0 {
            self.after
        } else {
            self.pos
        }
    }
}

/// Checks the name at `start` whole; the offset just after it.
fn skip_name(msg: &[u8], start: usize) -> Result<usize, DnsError> {
    let mut c = Cursor::new(msg, start);
    while c.next()?.is_some() {}
    Ok(c.end())
}

/// Whether the names at `a` and `b` (both already checked whole with
/// [`skip_name`]) read the same, ASCII case ignored, `b` without a trailing
/// dot (a label may end in a dot byte), as their decoded texts would
/// compare.
#[inline(never)]
fn same_names(msg: &[u8], a: usize, b: usize) -> bool {
    let (mut x, mut y) = (Cursor::new(msg, a), Cursor::new(msg, b));
    let mut last = 0u8;
    loop {
        match (x.next(), y.next()) {
            // Both ended: equal unless `b`'s dot should have been trimmed.
            (Ok(None), Ok(None)) => return last != b'.',
            (Ok(Some(p)), Ok(Some(q))) if p == q => last = p,
            // `a` ended where `b` has one more byte: its trailing dot?
            (Ok(None), Ok(Some(b'.'))) => return matches!(y.next(), Ok(None)),
            _ => return false,
        }
    }
}

/// Whether the name at `at` (already checked whole) is the host name
/// `text` (ASCII case ignored, trailing dot allowed).
#[inline(never)]
fn name_is(msg: &[u8], at: usize, text: &[u8]) -> bool {
    let mut c = Cursor::new(msg, at);
    let mut rest = trim_root(text).iter();
    loop {
        match (c.next(), rest.next()) {
            (Ok(Some(p)), Some(q)) if p == q.to_ascii_lowercase() => {}
            (Ok(None), None) => return true,
            _ => return false,
        }
    }
}

/// Reads a response to the A query `id` for `qname`: checks the header,
/// the question, and walks every answer record (all must lie inside the
/// message), taking the A records of `qname` or of a name a CNAME in the
/// answer points it to (the first and its TTL in `address`, all of them up
/// to [`MAX_ADDRESSES`] in `all`). Authority and additional records are not
/// read.
pub fn parse_response(msg: &[u8], id: u16, qname: &[u8]) -> Result<Answer, DnsError> {
    let header: &[u8; HEADER_LEN] = msg.first_chunk().ok_or(DnsError::Truncated)?;
    if read_u16(header, 0) != id {
        return Err(DnsError::WrongId);
    }
    let flags = read_u16(header, 2);
    if flags & FLAG_RESPONSE == 0 || flags & OPCODE_MASK != 0 {
        return Err(DnsError::NotOurs);
    }
    let qdcount = read_u16(header, 4);
    let ancount = read_u16(header, 6);
    if qdcount != 1 {
        return Err(DnsError::NotOurs);
    }
    let mut pos = skip_name(msg, HEADER_LEN)?;
    let fixed: &[u8; 4] = msg.get(pos..).and_then(<[u8]>::first_chunk).ok_or(DnsError::Truncated)?;
    let (qtype, qclass) = (read_u16(fixed, 0), read_u16(fixed, 2));
    pos += 4;
    if !name_is(msg, HEADER_LEN, qname) || qtype != TYPE_A || qclass != CLASS_IN {
        return Err(DnsError::NotOurs);
    }
    let rcode = (flags & 0x000f) as u8;
    let mut answer = Answer { rcode, address: None, all: Addresses::EMPTY, truncated: flags & FLAG_TRUNCATED != 0 };
    // Where the name whose A record we want is: the question, then each
    // CNAME target.
    let mut wanted = HEADER_LEN;
    let mut ttl = u32::MAX;
    for _ in 0..ancount {
        let owner = pos;
        let after = skip_name(msg, owner)?;
        // Type, class, TTL, data length: one bounds check for the 10 bytes.
        let fixed: &[u8; 10] = msg.get(after..).and_then(<[u8]>::first_chunk).ok_or(DnsError::Truncated)?;
        let rtype = read_u16(fixed, 0);
        let rclass = read_u16(fixed, 2);
        let mut rttl = read_u32(fixed, 4);
        let rdlen = read_u16(fixed, 8) as usize;
        let rdata_at = after + 10;
        let rdata = msg.get(rdata_at..rdata_at + rdlen).ok_or(DnsError::Truncated)?;
        pos = rdata_at + rdlen;
        if rttl & TTL_TOP_BIT != 0 {
            rttl = 0;
        }
        if rclass != CLASS_IN || !same_names(msg, owner, wanted) {
            continue;
        }
        match (rtype, rdata) {
            (TYPE_A, &[a, b, c, d]) => {
                // More A records of the same name are kept up to the
                // limit (the TTL stays the first record's).
                if answer.address.is_none() {
                    answer.address = Some(([a, b, c, d], ttl.min(rttl)));
                }
                answer.all.push([a, b, c, d]);
            }
            (TYPE_CNAME, _) if answer.address.is_some() => {}
            (TYPE_CNAME, _) => {
                // The target must lie inside this record's data.
                if skip_name(msg, rdata_at)? > pos {
                    return Err(DnsError::BadName);
                }
                wanted = rdata_at;
                ttl = ttl.min(rttl);
            }
            // Other types (AAAA, MX, ...) and A records of the wrong size
            // are skipped.
            _ => {}
        }
    }
    Ok(answer)
}

#[cfg(test)]
#[path = "dns_tests.rs"]
mod tests;
