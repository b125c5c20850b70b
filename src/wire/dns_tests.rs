//! Tests of the DNS wire format: the query's exact bytes, and each kind of
//! malicious response refused with its own error.
use super::*;

const ID: u16 = 0x1234;

/// A response header: `ancount` answers, rcode, then the question for
/// `example.test` (at offset 12), type A class IN.
fn response(id: u16, rcode: u8, ancount: u16) -> Vec<u8> {
    let mut m = Vec::new();
    m.extend_from_slice(&id.to_be_bytes());
    m.extend_from_slice(&(0x8180u16 | rcode as u16).to_be_bytes());
    m.extend_from_slice(&1u16.to_be_bytes());
    m.extend_from_slice(&ancount.to_be_bytes());
    m.extend_from_slice(&[0, 0, 0, 0]);
    m.extend_from_slice(b"\x07example\x04test\x00");
    m.extend_from_slice(&[0, 1, 0, 1]);
    m
}

/// A decoded name: lower-case text with dots, at most 253 bytes (what
/// [`read_name`] gives). The parser compares names in place; the tests
/// decode them to look at them.
pub(super) struct Name {
    text: [u8; MAX_NAME],
    len: usize,
}

impl Name {
    pub(super) fn as_bytes(&self) -> &[u8] {
        self.text.get(..self.len).unwrap_or(&[])
    }
    /// Equal to the host name `other` (ASCII case ignored, trailing dot
    /// allowed).
    pub(super) fn matches(&self, other: &[u8]) -> bool {
        self.as_bytes().eq_ignore_ascii_case(trim_root(other))
    }
}

/// Reads the name at `start` through the parser's own cursor; returns it
/// and the offset just after it in the message (after the first pointer,
/// if it jumped).
fn read_name(msg: &[u8], start: usize) -> Result<(Name, usize), DnsError> {
    let mut name = Name { text: [0; MAX_NAME], len: 0 };
    let mut c = Cursor::new(msg, start);
    while let Some(b) = c.next()? {
        if let Some(slot) = name.text.get_mut(name.len) {
            *slot = b;
            name.len += 1;
        }
    }
    Ok((name, c.end()))
}

/// A record with owner `name` (raw wire bytes), type, TTL and data.
fn record(m: &mut Vec<u8>, name: &[u8], rtype: u16, ttl: u32, rdata: &[u8]) {
    m.extend_from_slice(name);
    m.extend_from_slice(&rtype.to_be_bytes());
    m.extend_from_slice(&CLASS_IN.to_be_bytes());
    m.extend_from_slice(&ttl.to_be_bytes());
    m.extend_from_slice(&(rdata.len() as u16).to_be_bytes());
    m.extend_from_slice(rdata);
}

fn a_answer() -> Vec<u8> {
    let mut m = response(ID, 0, 1);
    record(&mut m, &[0xc0, 12], TYPE_A, 60, &[192, 0, 2, 77]);
    m
}

#[test]
fn query_bytes() {
    let mut buf = [0u8; MAX_QUERY];
    let n = encode_query(&mut buf, 0xbeef, b"example.test").unwrap();
    let want: &[u8] = b"\xbe\xef\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x07example\x04test\x00\x00\x01\x00\x01";
    assert_eq!(&buf[..n], want);
    // A trailing dot means the same name.
    assert_eq!(encode_query(&mut buf, 0xbeef, b"example.test.").unwrap(), n);
}

#[test]
fn query_refuses_bad_names() {
    let mut buf = [0u8; MAX_QUERY];
    for bad in [&b""[..], b".", b"a..b", b".a", b"a\0b"] {
        assert_eq!(encode_query(&mut buf, 1, bad), Err(InvalidName), "{bad:?}");
    }
    let long_label = [b'a'; 64];
    assert_eq!(encode_query(&mut buf, 1, &long_label), Err(InvalidName));
    assert!(encode_query(&mut buf, 1, &long_label[..63]).is_ok());
    // 253 text bytes is the longest name (255 in wire form).
    let mut name = Vec::new();
    while name.len() < 253 {
        if !name.is_empty() {
            name.push(b'.');
        }
        let take = (253 - name.len()).min(63);
        name.extend(std::iter::repeat_n(b'b', take));
    }
    assert_eq!(name.len(), 253);
    assert!(encode_query(&mut buf, 1, &name).is_ok());
    name.extend_from_slice(b"c");
    assert_eq!(encode_query(&mut buf, 1, &name), Err(InvalidName));
    // A buffer too small is refused, not overrun.
    assert_eq!(encode_query(&mut buf[..20], 1, b"example.test"), Err(InvalidName));
}

#[test]
fn a_record_and_ttl() {
    let got = parse_response(&a_answer(), ID, b"Example.TEST").unwrap();
    assert_eq!(got, Answer { rcode: 0, address: Some(([192, 0, 2, 77], 60)), all: Addresses::one([192, 0, 2, 77]), truncated: false });
}

#[test]
fn ttl_with_top_bit_is_zero() {
    let mut m = response(ID, 0, 1);
    record(&mut m, &[0xc0, 12], TYPE_A, 0x8000_0010, &[192, 0, 2, 77]);
    assert_eq!(parse_response(&m, ID, b"example.test").unwrap().address, Some(([192, 0, 2, 77], 0)));
}

#[test]
fn non_a_records_are_skipped() {
    let mut m = response(ID, 0, 3);
    record(&mut m, &[0xc0, 12], 28, 60, &[0x20, 1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    // An A record of the wrong size, then one of another name.
    record(&mut m, &[0xc0, 12], TYPE_A, 60, &[1, 2, 3]);
    record(&mut m, b"\x05other\x00", TYPE_A, 60, &[10, 0, 0, 1]);
    assert_eq!(parse_response(&m, ID, b"example.test").unwrap().address, None);
    let mut m2 = m.clone();
    m2[7] = 4;
    record(&mut m2, &[0xc0, 12], TYPE_A, 30, &[192, 0, 2, 9]);
    assert_eq!(parse_response(&m2, ID, b"example.test").unwrap().address, Some(([192, 0, 2, 9], 30)));
}

/// `ipconfigDNS_CACHE_ADDRESSES_PER_ENTRY` (3 in the test configuration):
/// the A records of the name are kept in the answer's order up to the
/// limit, records of other names and types in between are skipped, and the
/// TTL is the first record's.
#[test]
fn several_a_records_kept_up_to_the_limit() {
    assert_eq!(MAX_ADDRESSES, 3, "the test configuration changed");
    let mut m = response(ID, 0, 6);
    record(&mut m, &[0xc0, 12], TYPE_A, 60, &[192, 0, 2, 31]);
    record(&mut m, b"\x05other\x00", TYPE_A, 60, &[10, 0, 0, 1]);
    record(&mut m, &[0xc0, 12], TYPE_A, 30, &[192, 0, 2, 32]);
    record(&mut m, &[0xc0, 12], 28, 60, &[0; 16]);
    record(&mut m, &[0xc0, 12], TYPE_A, 60, &[192, 0, 2, 33]);
    record(&mut m, &[0xc0, 12], TYPE_A, 60, &[192, 0, 2, 34]);
    let got = parse_response(&m, ID, b"example.test").unwrap();
    assert_eq!(got.address, Some(([192, 0, 2, 31], 60)));
    assert_eq!(got.all.as_slice(), &[[192, 0, 2, 31], [192, 0, 2, 32], [192, 0, 2, 33]]);
    // A record past the end after the limit still makes the answer unreadable.
    let mut bad = m.clone();
    bad[7] = 7;
    assert_eq!(parse_response(&bad, ID, b"example.test"), Err(DnsError::Truncated));
}

#[test]
fn cname_chain_is_followed() {
    let mut m = response(ID, 0, 2);
    let alias_at = m.len() + 12; // after owner pointer (2) + fixed part (10)
    record(&mut m, &[0xc0, 12], TYPE_CNAME, 100, b"\x05alias\xc0\x14");
    record(&mut m, &[0xc0, alias_at as u8], TYPE_A, 300, &[192, 0, 2, 5]);
    // TTL: the smaller of the CNAME's and the A record's.
    assert_eq!(parse_response(&m, ID, b"example.test").unwrap().address, Some(([192, 0, 2, 5], 100)));
}

#[test]
fn nxdomain() {
    let m = response(ID, RCODE_NXDOMAIN, 0);
    assert_eq!(parse_response(&m, ID, b"example.test").unwrap(), Answer { rcode: 3, address: None, all: Addresses::EMPTY, truncated: false });
}

#[test]
fn wrong_transaction_id() {
    assert_eq!(parse_response(&a_answer(), ID ^ 1, b"example.test"), Err(DnsError::WrongId));
}

#[test]
fn not_our_question_or_not_a_response() {
    assert_eq!(parse_response(&a_answer(), ID, b"example.org"), Err(DnsError::NotOurs));
    let mut q = a_answer();
    q[2] &= 0x7f; // a query, not a response
    assert_eq!(parse_response(&q, ID, b"example.test"), Err(DnsError::NotOurs));
    let mut two = a_answer();
    two[5] = 2; // two questions
    assert_eq!(parse_response(&two, ID, b"example.test"), Err(DnsError::NotOurs));
}

#[test]
fn answer_count_that_lies() {
    let mut m = a_answer();
    m[7] = 2; // two answers announced, one present
    assert_eq!(parse_response(&m, ID, b"example.test"), Err(DnsError::Truncated));
    m[6] = 0xff; // 65,282 announced
    assert_eq!(parse_response(&m, ID, b"example.test"), Err(DnsError::Truncated));
}

#[test]
fn record_past_the_end() {
    let mut m = response(ID, 0, 1);
    record(&mut m, &[0xc0, 12], TYPE_A, 60, &[192, 0, 2, 77]);
    let rdlen_at = m.len() - 6;
    m[rdlen_at + 1] = 100; // rdlength 100, 4 bytes present
    assert_eq!(parse_response(&m, ID, b"example.test"), Err(DnsError::Truncated));
    // Cut inside the fixed part, and inside the question.
    let ok = a_answer();
    for cut in 0..ok.len() {
        assert!(parse_response(&ok[..cut], ID, b"example.test").is_err(), "cut at {cut}");
    }
}

#[test]
fn pointer_loops() {
    // Onto itself.
    let mut m = response(ID, 0, 1);
    let at = m.len() as u8;
    record(&mut m, &[0xc0, at], TYPE_A, 60, &[1, 2, 3, 4]);
    assert_eq!(parse_response(&m, ID, b"example.test"), Err(DnsError::BadName));
    // A label, then a pointer back to that label: backwards, but a loop.
    let mut m = response(ID, 0, 1);
    let at = m.len() as u8;
    record(&mut m, &[1, b'x', 0xc0, at], TYPE_A, 60, &[1, 2, 3, 4]);
    assert_eq!(parse_response(&m, ID, b"example.test"), Err(DnsError::BadName));
    // Two pointers pointing at each other (the second jump goes forward).
    let mut m = response(ID, 0, 1);
    let at = m.len() as u8;
    record(&mut m, &[0xc0, at + 2, 0xc0, at], TYPE_A, 60, &[1, 2, 3, 4]);
    assert_eq!(parse_response(&m, ID, b"example.test"), Err(DnsError::BadName));
}

#[test]
fn forward_pointers_and_past_the_end() {
    let mut m = response(ID, 0, 1);
    let at = m.len() as u8;
    // Points just after itself, at a valid-looking name further on.
    record(&mut m, &[0xc0, at + 2], TYPE_A, 60, &[1, 2, 3, 4]);
    assert_eq!(parse_response(&m, ID, b"example.test"), Err(DnsError::BadName));
    let mut m = response(ID, 0, 1);
    record(&mut m, &[0xff, 0xff], TYPE_A, 60, &[1, 2, 3, 4]);
    assert_eq!(parse_response(&m, ID, b"example.test"), Err(DnsError::BadName));
    // The question itself compressed onto a later offset.
    let mut m = response(ID, 0, 0);
    m.truncate(12);
    m.extend_from_slice(&[0xc0, 14, 0, 1, 0, 1]);
    assert_eq!(parse_response(&m, ID, b"example.test"), Err(DnsError::BadName));
    // A pointer cut in half at the end of the message.
    let mut m = response(ID, 0, 1);
    m.push(0xc0);
    assert_eq!(parse_response(&m, ID, b"example.test"), Err(DnsError::Truncated));
}

#[test]
fn labels_over_63_bytes() {
    for prefix in [0x40u8, 0x80, 0x7f, 0xbf] {
        let mut m = response(ID, 0, 1);
        let mut owner = vec![prefix];
        owner.extend(std::iter::repeat_n(b'a', 70));
        owner.push(0);
        record(&mut m, &owner, TYPE_A, 60, &[1, 2, 3, 4]);
        assert_eq!(parse_response(&m, ID, b"example.test"), Err(DnsError::BadName), "{prefix:#x}");
    }
}

#[test]
fn names_over_255_bytes() {
    // Four labels of 63: 4 * 64 + 1 = 257 bytes in wire form.
    let mut m = response(ID, 0, 1);
    let mut owner = Vec::new();
    for _ in 0..4 {
        owner.push(63);
        owner.extend(std::iter::repeat_n(b'a', 63));
    }
    owner.push(0);
    record(&mut m, &owner, TYPE_A, 60, &[1, 2, 3, 4]);
    assert_eq!(parse_response(&m, ID, b"example.test"), Err(DnsError::BadName));
    // The same length reached through pointers: each name is a 63-byte
    // label plus a pointer to the previous one, the first to the question.
    let mut m = response(ID, 0, 0);
    let mut prev = 12u16;
    for _ in 0..4 {
        let at = m.len() as u16;
        m.push(63);
        m.extend(std::iter::repeat_n(b'z', 63));
        m.extend_from_slice(&(0xc000 | prev).to_be_bytes());
        prev = at;
    }
    // Three of them fit (3 * 64 + 14 = 206), four do not (270).
    let third = prev as usize - 66;
    assert_eq!(read_name(&m, third).unwrap().0.as_bytes().len(), 3 * 64 + 12);
    assert_eq!(read_name(&m, prev as usize).map(|(_, e)| e), Err(DnsError::BadName));
}

#[test]
fn too_many_jumps() {
    // 20 pointers each to the one before, ending at the question name.
    let mut m = response(ID, 0, 0);
    let mut prev = 12u16;
    for _ in 0..20 {
        let at = m.len() as u16;
        m.extend_from_slice(&(0xc000 | prev).to_be_bytes());
        prev = at;
    }
    assert_eq!(read_name(&m, prev as usize).map(|(_, e)| e), Err(DnsError::BadName));
    // 16 jumps are fine.
    let ok = 30 + 2 * 15; // the 16th pointer (the header and question take 30 bytes)
    assert!(read_name(&m, ok).is_ok());
}

/// Random and mutated messages: never a panic, and a decoded name is never
/// longer than 253 bytes.
#[test]
fn random_input_never_panics() {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let base = {
        let mut m = response(ID, 0, 2);
        record(&mut m, &[0xc0, 12], TYPE_CNAME, 60, b"\x01a\xc0\x0c");
        record(&mut m, b"\x01a\xc0\x0c", TYPE_A, 60, &[1, 2, 3, 4]);
        m
    };
    assert!(parse_response(&base, ID, b"example.test").unwrap().address.is_some());
    for i in 0..50_000 {
        let mut m = if i % 2 == 0 { base.clone() } else { (0..(next() % 300) as usize).map(|_| next() as u8).collect() };
        for _ in 0..(next() % 6) {
            if m.is_empty() {
                break;
            }
            let at = (next() as usize) % m.len();
            m[at] = next() as u8;
        }
        if i % 3 == 0 {
            let k = 2.min(m.len());
            m[..k].copy_from_slice(&ID.to_be_bytes()[..k]);
        }
        let _ = parse_response(&m, ID, b"example.test");
        for start in 0..m.len().min(40) {
            if let Ok((name, _)) = read_name(&m, start) {
                assert!(name.as_bytes().len() <= 253);
            }
        }
    }
}

/// The parser as it was before names were compared in place (decoded into
/// 255-byte buffers): the property test below checks that the in-place one
/// says exactly the same of every message.
mod before {
    use super::super::*;
    use super::Name;

    pub(super) fn old_read_name(msg: &[u8], start: usize) -> Result<(Name, usize), DnsError> {
        let mut name = Name { text: [0; MAX_NAME], len: 0 };
        // Wire length so far: each label's length byte plus its bytes, then the
        // root's zero byte.
        let mut wire_len = 1usize;
        let mut pos = start;
        // A pointer must land strictly before `limit`: before where this run of
        // labels began. Every jump lowers the limit, so jumps cannot loop.
        let mut limit = start;
        let mut after: Option<usize> = None;
        let mut jumps = 0usize;
        loop {
            let len = *msg.get(pos).ok_or(DnsError::Truncated)? as usize;
            match len & 0xc0 {
                0x00 if len == 0 => {
                    let next = after.unwrap_or(pos + 1);
                    return Ok((name, next));
                }
                0x00 => {
                    wire_len += 1 + len;
                    if wire_len > MAX_NAME {
                        return Err(DnsError::BadName);
                    }
                    let label = msg.get(pos + 1..pos + 1 + len).ok_or(DnsError::Truncated)?;
                    if name.len > 0 {
                        push(&mut name, b'.');
                    }
                    for &b in label {
                        push(&mut name, b.to_ascii_lowercase());
                    }
                    pos += 1 + len;
                }
                0xc0 => {
                    let low = *msg.get(pos + 1).ok_or(DnsError::Truncated)? as usize;
                    let target = (len & 0x3f) << 8 | low;
                    jumps += 1;
                    if target >= limit || jumps > MAX_JUMPS {
                        return Err(DnsError::BadName);
                    }
                    after.get_or_insert(pos + 2);
                    limit = target;
                    pos = target;
                }
                // 0x40 and 0x80: a label length over 63 or an extended label
                // type; neither is valid here.
                _ => return Err(DnsError::BadName),
            }
        }
    }

    fn push(name: &mut Name, b: u8) {
        if let Some(slot) = name.text.get_mut(name.len) {
            *slot = b;
            name.len += 1;
        }
    }

    /// Reads a response to the A query `id` for `qname`: checks the header,
    /// the question, and walks every answer record (all must lie inside the
    /// message), taking the A records of `qname` or of a name a CNAME in the
    /// answer points it to (the first and its TTL in `address`, all of them up
    /// to [`MAX_ADDRESSES`] in `all`). Authority and additional records are not
    /// read.
    pub(super) fn old_parse_response(msg: &[u8], id: u16, qname: &[u8]) -> Result<Answer, DnsError> {
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
        let (question, mut pos) = old_read_name(msg, HEADER_LEN)?;
        let fixed: &[u8; 4] = msg.get(pos..).and_then(<[u8]>::first_chunk).ok_or(DnsError::Truncated)?;
        let (qtype, qclass) = (read_u16(fixed, 0), read_u16(fixed, 2));
        pos += 4;
        if !question.matches(qname) || qtype != TYPE_A || qclass != CLASS_IN {
            return Err(DnsError::NotOurs);
        }
        let rcode = (flags & 0x000f) as u8;
        let mut answer = Answer { rcode, address: None, all: Addresses::EMPTY, truncated: flags & FLAG_TRUNCATED != 0 };
        // The name whose A record we want: the question, then each CNAME target.
        let mut wanted = question;
        let mut ttl = u32::MAX;
        for _ in 0..ancount {
            let (owner, after) = old_read_name(msg, pos)?;
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
            if rclass != CLASS_IN || !owner.matches(wanted.as_bytes()) {
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
                    let (target, end) = old_read_name(msg, rdata_at)?;
                    if end > pos {
                        return Err(DnsError::BadName);
                    }
                    wanted = target;
                    ttl = ttl.min(rttl);
                }
                // Other types (AAAA, MX, ...) and A records of the wrong size
                // are skipped.
                _ => {}
            }
        }
        Ok(answer)
    }
}

/// The in-place parser and the one before it agree on random and mutated
/// messages (answers, errors, names read), CNAME chains, case and dots
/// inside labels included.
#[test]
fn in_place_parse_agrees_with_the_decoding_one() {
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let bases = {
        let mut chain = response(ID, 0, 3);
        record(&mut chain, &[0xc0, 12], TYPE_CNAME, 60, b"\x01A\xc0\x0c");
        record(&mut chain, b"\x01a\xc0\x0c", TYPE_A, 50, &[1, 2, 3, 4]);
        record(&mut chain, b"\x01a\x07EXAMPLE\x04test\x00", TYPE_A, 40, &[1, 2, 3, 5]);
        // A CNAME target whose last label ends in a dot byte.
        let mut dotted = response(ID, 0, 4);
        record(&mut dotted, &[0xc0, 12], TYPE_CNAME, 60, b"\x02x.\x00");
        record(&mut dotted, b"\x01x\x00", TYPE_A, 50, &[1, 2, 3, 6]);
        // ... and an owner that ends in the same dot byte (no match: the
        // wanted name's dot is trimmed, the owner's is not).
        record(&mut dotted, b"\x02x.\x00", TYPE_A, 50, &[1, 2, 3, 7]);
        record(&mut dotted, b"\x01X\x00", TYPE_A, 50, &[1, 2, 3, 8]);
        [a_answer(), chain, dotted]
    };
    for b in &bases {
        assert_eq!(parse_response(b, ID, b"example.test"), before::old_parse_response(b, ID, b"example.test"));
    }
    assert_eq!(parse_response(&bases[1], ID, b"example.test").unwrap().all.as_slice().len(), 2.min(MAX_ADDRESSES));
    let dotted = parse_response(&bases[2], ID, b"example.test").unwrap();
    assert_eq!(dotted.address, Some(([1, 2, 3, 6], 50)));
    assert!(!dotted.all.as_slice().contains(&[1, 2, 3, 7]));
    let names: [&[u8]; 4] = [b"example.test", b"EXAMPLE.test.", b"a.example.test", b"example.tes"];
    for i in 0..60_000 {
        let mut m = match i % 4 {
            3 => (0..(next() % 300) as usize).map(|_| next() as u8).collect(),
            k => bases[k].clone(),
        };
        for _ in 0..(next() % 4) {
            if m.is_empty() {
                break;
            }
            let at = (next() as usize) % m.len();
            m[at] = match next() % 4 {
                0 => 0xc0,
                1 => b'.',
                _ => next() as u8,
            };
        }
        if next() % 4 == 0 {
            m.truncate((next() as usize) % (m.len() + 1));
        }
        if i % 4 == 3 {
            let k = 2.min(m.len());
            m[..k].copy_from_slice(&ID.to_be_bytes()[..k]);
        }
        let q = names[i % names.len()];
        assert_eq!(parse_response(&m, ID, q), before::old_parse_response(&m, ID, q), "{m:?}");
        for start in 0..m.len().min(40) {
            let new = read_name(&m, start).map(|(n, e)| (n.as_bytes().to_vec(), e));
            let old = before::old_read_name(&m, start).map(|(n, e)| (n.as_bytes().to_vec(), e));
            assert_eq!(new, old);
        }
    }
}
