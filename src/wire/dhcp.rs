//! DHCPv4 messages (RFC 2131 §2-§3, options RFC 2132): the client's
//! DISCOVER and REQUEST, and the server's OFFER, ACK and NAK.
//!
//! The parser checks everything a hostile or broken server could get wrong
//! (an option running past the end of the message, a missing end option,
//! a reply for someone else, an address no host can have) and reports each
//! as its own [`Reject`], so the stack can count it and ignore the message.
//! It never panics on any input.
//!
//! The fixed part is 236 bytes of BOOTP header and a 4-byte magic cookie;
//! options follow at offset 240. Option overload (option 52: options in the
//! `sname`/`file` fields) is not honoured: servers use it only when the
//! options would not fit otherwise, which a client asking for three
//! parameters never causes.
#![forbid(unsafe_code)]

use super::{read_array, read_u16, read_u32, read_u8, write_bytes, write_u16, write_u32, write_u8, Ipv4Addr, MacAddr};

pub const SERVER_PORT: u16 = 67;
pub const CLIENT_PORT: u16 = 68;
/// Options start here (after the BOOTP header and the magic cookie).
pub const OPTIONS_OFFSET: usize = 240;
pub const COOKIE: u32 = 0x6382_5363;
/// BOOTP's minimum message size (RFC 1542 §2.1); some relays and servers
/// drop shorter ones, so messages are padded to it.
pub const MIN_MESSAGE_LEN: usize = 300;
/// The longest host name sent (option 12 holds at most 255 bytes; RFC 1035
/// names are at most 63 per label, and upstream sends one label).
pub const MAX_HOSTNAME: usize = 63;

const OP_REQUEST: u8 = 1;
const OP_REPLY: u8 = 2;
const HTYPE_ETHERNET: u8 = 1;
const HLEN_ETHERNET: u8 = 6;
/// The broadcast bit of `flags`: "I cannot receive unicast yet".
const FLAG_BROADCAST: u16 = 0x8000;

pub mod option {
    pub const PAD: u8 = 0;
    pub const SUBNET_MASK: u8 = 1;
    pub const ROUTER: u8 = 3;
    pub const DNS: u8 = 6;
    pub const HOSTNAME: u8 = 12;
    pub const REQUESTED_IP: u8 = 50;
    pub const LEASE_TIME: u8 = 51;
    pub const MESSAGE_TYPE: u8 = 53;
    pub const SERVER_ID: u8 = 54;
    pub const PARAMETER_LIST: u8 = 55;
    pub const RENEWAL_T1: u8 = 58;
    pub const REBINDING_T2: u8 = 59;
    pub const CLIENT_ID: u8 = 61;
    pub const END: u8 = 255;
}

/// DHCP message types (option 53).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum MessageType {
    Discover,
    Offer,
    Request,
    Ack,
    Nak,
}

impl MessageType {
    fn code(self) -> u8 {
        match self {
            MessageType::Discover => 1,
            MessageType::Offer => 2,
            MessageType::Request => 3,
            MessageType::Ack => 5,
            MessageType::Nak => 6,
        }
    }
}

/// Why a received message was ignored (each is counted by the stack).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Reject {
    /// Shorter than the fixed part, wrong op/htype/hlen or magic cookie.
    Format,
    /// An option's length runs past the end of the message, or no end
    /// option closes the list, or a known option has an impossible length.
    Options,
    /// No message type, or one a server does not send (DISCOVER, ...).
    MessageType,
    /// The transaction ID is not the one we are waiting for.
    Transaction,
    /// `chaddr` is not our MAC.
    HardwareAddress,
    /// An OFFER or ACK whose `yiaddr` (or mask, router) no host can have:
    /// 0.0.0.0, the limited broadcast, multicast, loopback, class E.
    Address,
}

/// What a server told us.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    pub kind: MessageType,
    pub xid: u32,
    pub chaddr: MacAddr,
    pub yiaddr: Ipv4Addr,
    /// Option 54 (the address to send REQUESTs to), if present.
    pub server_id: Option<Ipv4Addr>,
    pub subnet_mask: Option<Ipv4Addr>,
    /// The first router of option 3.
    pub router: Option<Ipv4Addr>,
    /// The first DNS server of option 6.
    pub dns: Option<Ipv4Addr>,
    /// Seconds; `u32::MAX` is "infinite".
    pub lease_secs: Option<u32>,
    /// Options 58 and 59; 0 when absent (a server's 0 is ignored all the
    /// same: T1 and T2 must be after now).
    pub t1_secs: u32,
    pub t2_secs: u32,
}

/// Whether a host may be given `a`: not 0.0.0.0, broadcast, multicast,
/// loopback or class E (240/4).
pub fn is_host_address(a: Ipv4Addr) -> bool {
    let [first, ..] = a.0;
    !(a.is_unspecified() || a.is_broadcast() || a.is_multicast() || first == 127 || first >= 240 || first == 0)
}

/// Parses a server message (the UDP payload). Only replies (`op` 2) for
/// Ethernet with the magic cookie are accepted.
pub fn parse(msg: &[u8]) -> Result<Reply, Reject> {
    if msg.len() < OPTIONS_OFFSET
        || read_u8(msg, 0) != OP_REPLY
        || read_u8(msg, 1) != HTYPE_ETHERNET
        || read_u8(msg, 2) != HLEN_ETHERNET
        || read_u32(msg, 236) != COOKIE
    {
        return Err(Reject::Format);
    }
    let mut r = Reply {
        kind: MessageType::Offer,
        xid: read_u32(msg, 4),
        chaddr: MacAddr(read_array(msg, 28)),
        yiaddr: Ipv4Addr(read_array(msg, 16)),
        server_id: None,
        subnet_mask: None,
        router: None,
        dns: None,
        lease_secs: None,
        t1_secs: 0,
        t2_secs: 0,
    };
    // The message type's code; 0 (no server sends it) until one is read.
    let mut kind = 0u8;
    let options = msg.get(OPTIONS_OFFSET..).unwrap_or(&[]);
    let mut at = 0usize;
    loop {
        // Running out of bytes before the end option is malformed.
        let &code = options.get(at).ok_or(Reject::Options)?;
        if code == option::END {
            break;
        }
        if code == option::PAD {
            at += 1;
            continue;
        }
        let len = usize::from(read_u8(options, at + 1));
        let body = options.get(at + 2..at + 2 + len).ok_or(Reject::Options)?;
        at += 2 + len;
        match code {
            option::MESSAGE_TYPE => kind = *body.first().filter(|_| len == 1).ok_or(Reject::Options)?,
            option::SERVER_ID => r.server_id = Some(address(body, len == 4)?),
            option::SUBNET_MASK => r.subnet_mask = Some(address(body, len == 4)?),
            // Lists of addresses: a multiple of 4, at least one.
            option::ROUTER => r.router = Some(address(body, len >= 4 && len % 4 == 0)?),
            option::DNS => r.dns = Some(address(body, len >= 4 && len % 4 == 0)?),
            option::LEASE_TIME => r.lease_secs = Some(seconds(body, len)?),
            option::RENEWAL_T1 => r.t1_secs = seconds(body, len)?,
            option::REBINDING_T2 => r.t2_secs = seconds(body, len)?,
            _ => {}
        }
    }
    r.kind = match kind {
        2 => MessageType::Offer,
        5 => MessageType::Ack,
        6 => MessageType::Nak,
        _ => return Err(Reject::MessageType),
    };
    Ok(r)
}

fn address(body: &[u8], length_ok: bool) -> Result<Ipv4Addr, Reject> {
    if !length_ok {
        return Err(Reject::Options);
    }
    Ok(Ipv4Addr(read_array(body, 0)))
}

fn seconds(body: &[u8], len: usize) -> Result<u32, Reject> {
    if len != 4 {
        return Err(Reject::Options);
    }
    Ok(read_u32(body, 0))
}

impl Reply {
    /// Whether this reply answers our transaction `xid` from `mac`, and (for
    /// OFFER and ACK) gives an address a host can use. A NAK carries no
    /// address.
    pub fn check(&self, xid: u32, mac: MacAddr) -> Result<(), Reject> {
        if self.xid != xid {
            return Err(Reject::Transaction);
        }
        if self.chaddr != mac {
            return Err(Reject::HardwareAddress);
        }
        if self.kind == MessageType::Nak {
            return Ok(());
        }
        if !is_host_address(self.yiaddr) {
            return Err(Reject::Address);
        }
        // A router no host can be, or a mask that is not contiguous ones,
        // would break routing: ignore the whole reply.
        if self.router.is_some_and(|r| !is_host_address(r)) {
            return Err(Reject::Address);
        }
        if self.subnet_mask.is_some_and(|m| !is_netmask(m)) {
            return Err(Reject::Address);
        }
        Ok(())
    }
}

/// A mask of contiguous ones from the top, neither /0 nor /32.
fn is_netmask(m: Ipv4Addr) -> bool {
    let v = m.to_be_u32();
    v != 0 && v != u32::MAX && (!v).wrapping_add(1) & !v == 0
}

/// A message the client sends.
#[derive(Copy, Clone, Debug)]
pub struct Request<'a> {
    pub kind: MessageType,
    pub xid: u32,
    pub mac: MacAddr,
    /// Seconds since the client began (the `secs` field).
    pub secs: u16,
    /// Our address while renewing or rebinding, else 0.0.0.0.
    pub ciaddr: Ipv4Addr,
    /// Ask the server to broadcast its reply.
    pub broadcast: bool,
    /// Option 50 (REQUEST in SELECTING, or a wish in DISCOVER).
    pub requested_ip: Option<Ipv4Addr>,
    /// Option 54 (REQUEST in SELECTING).
    pub server_id: Option<Ipv4Addr>,
    /// Option 12 (at most [`MAX_HOSTNAME`] bytes are sent).
    pub hostname: &'a [u8],
}

/// Parameters we ask for (option 55): mask, router, DNS server.
const PARAMETERS: [u8; 3] = [option::SUBNET_MASK, option::ROUTER, option::DNS];

impl Request<'_> {
    /// The name sent: none without `ipconfigDHCP_REGISTER_HOSTNAME` in a
    /// firmware build (a constant, so the option's code folds away there;
    /// the stack passes an empty name then anyway).
    fn hostname(&self) -> &[u8] {
        if !(crate::config::RUNTIME_SETTINGS || crate::config::DHCP_REGISTER_HOSTNAME) {
            return &[];
        }
        self.hostname.get(..MAX_HOSTNAME).unwrap_or(self.hostname)
    }

    /// The message's length, padded to [`MIN_MESSAGE_LEN`].
    pub fn wire_len(&self) -> usize {
        let mut n = OPTIONS_OFFSET + 3 + 9 + 2 + PARAMETERS.len();
        if self.requested_ip.is_some() {
            n += 6;
        }
        if self.server_id.is_some() {
            n += 6;
        }
        if !self.hostname().is_empty() {
            n += 2 + self.hostname().len();
        }
        (n + 1).max(MIN_MESSAGE_LEN)
    }

    /// Writes the message into the start of `buf` (which must hold
    /// [`Request::wire_len`] bytes; the rest is zeroed). False if it does
    /// not fit. Written in place: the fixed part and the options up to the
    /// host name lie in the first [`MIN_MESSAGE_LEN`] bytes, so they go in
    /// as fixed-size pieces at known offsets, without a writer.
    pub fn emit(&self, buf: &mut [u8]) -> bool {
        let len = self.wire_len();
        let Some(buf) = buf.get_mut(..len) else { return false };
        buf.fill(0);
        let Some(m) = buf.first_chunk_mut::<MIN_MESSAGE_LEN>() else { return false };
        let mac = self.mac.0;
        write_bytes(m, 0, &[OP_REQUEST, HTYPE_ETHERNET, HLEN_ETHERNET]);
        write_u32(m, 4, self.xid);
        write_u16(m, 8, self.secs);
        write_u16(m, 10, if self.broadcast { FLAG_BROADCAST } else { 0 });
        write_bytes(m, 12, &self.ciaddr.0);
        write_bytes(m, 28, &mac);
        write_u32(m, 236, COOKIE);
        // Message type; client identifier: hardware type 1 and the MAC (as
        // upstream).
        #[rustfmt::skip]
        write_bytes(m, OPTIONS_OFFSET, &[
            option::MESSAGE_TYPE, 1, self.kind.code(),
            option::CLIENT_ID, 7, HTYPE_ETHERNET, mac[0], mac[1], mac[2], mac[3], mac[4], mac[5],
        ]);
        let mut at = OPTIONS_OFFSET + 12;
        if let Some(Ipv4Addr([a, b, c, d])) = self.requested_ip {
            write_bytes(m, at, &[option::REQUESTED_IP, 4, a, b, c, d]);
            at += 6;
        }
        if let Some(Ipv4Addr([a, b, c, d])) = self.server_id {
            write_bytes(m, at, &[option::SERVER_ID, 4, a, b, c, d]);
            at += 6;
        }
        write_bytes(m, at, &[option::PARAMETER_LIST, PARAMETERS.len() as u8, PARAMETERS[0], PARAMETERS[1], PARAMETERS[2]]);
        at += 2 + PARAMETERS.len();
        let name = self.hostname();
        if !name.is_empty() {
            write_bytes(buf, at, &[option::HOSTNAME, name.len() as u8]);
            if let Some(dst) = buf.get_mut(at + 2..) {
                crate::os::mem::copy_bytes(dst, name);
            }
            at += 2 + name.len();
        }
        write_u8(buf, at, option::END);
        at < len
    }
}

/// The message type option of a message (a client's, in tests and for the
/// stack's own checks), if the options hold one.
pub fn message_type_code(msg: &[u8]) -> Option<u8> {
    let options = msg.get(OPTIONS_OFFSET..)?;
    let mut at = 0;
    while let Some(&code) = options.get(at) {
        match code {
            option::END => return None,
            option::PAD => at += 1,
            _ => {
                let len = usize::from(read_u8(options, at + 1));
                if code == option::MESSAGE_TYPE {
                    return options.get(at + 2).copied();
                }
                at += 2 + len;
            }
        }
    }
    None
}

/// The 16-bit `flags` field (tests check the broadcast bit).
pub fn flags(msg: &[u8]) -> u16 {
    read_u16(msg, 10)
}

#[cfg(test)]
mod tests {
    use alloc::vec;
    use alloc::vec::Vec;

    use super::*;
    use crate::wire::TestRng;

    const MAC: MacAddr = MacAddr([2, 0, 0, 0, 0, 0x10]);

    /// A server reply with the given options (each (code, body)); `end`
    /// appends the end option.
    fn reply(kind: u8, xid: u32, yiaddr: [u8; 4], options: &[(u8, &[u8])], end: bool) -> Vec<u8> {
        let mut m = vec![0u8; OPTIONS_OFFSET];
        m[0] = OP_REPLY;
        m[1] = HTYPE_ETHERNET;
        m[2] = HLEN_ETHERNET;
        m[4..8].copy_from_slice(&xid.to_be_bytes());
        m[16..20].copy_from_slice(&yiaddr);
        m[28..34].copy_from_slice(&MAC.0);
        m[236..240].copy_from_slice(&COOKIE.to_be_bytes());
        m.extend_from_slice(&[option::MESSAGE_TYPE, 1, kind]);
        for (code, body) in options {
            m.push(*code);
            m.push(body.len() as u8);
            m.extend_from_slice(body);
        }
        if end {
            m.push(option::END);
        }
        m
    }

    fn offer() -> Vec<u8> {
        reply(
            2,
            0x1234,
            [192, 0, 2, 50],
            &[
                (option::SERVER_ID, &[192, 0, 2, 1]),
                (option::SUBNET_MASK, &[255, 255, 255, 0]),
                (option::ROUTER, &[192, 0, 2, 1, 192, 0, 2, 2]),
                (option::DNS, &[192, 0, 2, 9]),
                (option::LEASE_TIME, &120u32.to_be_bytes()),
                (option::RENEWAL_T1, &60u32.to_be_bytes()),
                (option::REBINDING_T2, &105u32.to_be_bytes()),
                (77, &[1, 2, 3]),
            ],
            true,
        )
    }

    #[test]
    fn parses_an_offer_with_every_option() {
        let r = parse(&offer()).unwrap();
        assert_eq!(r.kind, MessageType::Offer);
        assert_eq!(r.xid, 0x1234);
        assert_eq!(r.chaddr, MAC);
        assert_eq!(r.yiaddr, Ipv4Addr([192, 0, 2, 50]));
        assert_eq!(r.server_id, Some(Ipv4Addr([192, 0, 2, 1])));
        assert_eq!(r.subnet_mask, Some(Ipv4Addr([255, 255, 255, 0])));
        assert_eq!(r.router, Some(Ipv4Addr([192, 0, 2, 1])));
        assert_eq!(r.dns, Some(Ipv4Addr([192, 0, 2, 9])));
        assert_eq!((r.lease_secs, r.t1_secs, r.t2_secs), (Some(120), 60, 105));
        assert_eq!(r.check(0x1234, MAC), Ok(()));
    }

    #[test]
    fn an_option_running_past_the_end_is_rejected() {
        let mut m = offer();
        m.pop(); // the end option
        m.extend_from_slice(&[option::DNS, 8, 1, 2, 3, 4]);
        assert_eq!(parse(&m), Err(Reject::Options));
        // A length byte that is itself missing.
        let mut m = offer();
        m.pop();
        m.push(option::ROUTER);
        assert_eq!(parse(&m), Err(Reject::Options));
    }

    #[test]
    fn a_missing_end_option_is_rejected() {
        let m = reply(2, 1, [192, 0, 2, 50], &[(option::SERVER_ID, &[192, 0, 2, 1])], false);
        assert_eq!(parse(&m), Err(Reject::Options));
    }

    #[test]
    fn impossible_option_lengths_are_rejected() {
        for (code, body) in [
            (option::SERVER_ID, &[1u8, 2, 3][..]),
            (option::SUBNET_MASK, &[255, 255, 255, 0, 0][..]),
            (option::ROUTER, &[1, 2, 3, 4, 5][..]),
            (option::DNS, &[][..]),
            (option::LEASE_TIME, &[0, 1][..]),
            (option::MESSAGE_TYPE, &[2, 2][..]),
        ] {
            let m = reply(2, 1, [192, 0, 2, 50], &[(code, body)], true);
            assert_eq!(parse(&m), Err(Reject::Options), "option {code}");
        }
    }

    #[test]
    fn format_errors_and_message_types() {
        let good = offer();
        assert_eq!(parse(&good[..OPTIONS_OFFSET - 1]), Err(Reject::Format));
        let mut m = good.clone();
        m[0] = OP_REQUEST;
        assert_eq!(parse(&m), Err(Reject::Format));
        let mut m = good.clone();
        m[236] ^= 1;
        assert_eq!(parse(&m), Err(Reject::Format));
        let mut m = good.clone();
        m[2] = 16;
        assert_eq!(parse(&m), Err(Reject::Format));
        // A DISCOVER (type 1) or no type at all is not a server's message.
        let m = reply(1, 1, [192, 0, 2, 50], &[], true);
        assert_eq!(parse(&m), Err(Reject::MessageType));
        let mut m = good.clone();
        m[OPTIONS_OFFSET] = 200; // the type option becomes an unknown one
        assert_eq!(parse(&m), Err(Reject::MessageType));
        assert_eq!(parse(&reply(5, 1, [192, 0, 2, 50], &[], true)).unwrap().kind, MessageType::Ack);
        assert_eq!(parse(&reply(6, 1, [0; 4], &[], true)).unwrap().kind, MessageType::Nak);
    }

    #[test]
    fn replies_for_someone_else_or_with_unusable_addresses_fail_the_check() {
        let r = parse(&offer()).unwrap();
        assert_eq!(r.check(0x1235, MAC), Err(Reject::Transaction));
        assert_eq!(r.check(0x1234, MacAddr([2, 0, 0, 0, 0, 0x11])), Err(Reject::HardwareAddress));
        for bad in [[0, 0, 0, 0], [255, 255, 255, 255], [224, 0, 0, 1], [127, 0, 0, 1], [240, 0, 0, 1], [0, 1, 2, 3]] {
            let r = parse(&reply(2, 7, bad, &[], true)).unwrap();
            assert_eq!(r.check(7, MAC), Err(Reject::Address), "{bad:?}");
        }
        let r = parse(&reply(2, 7, [192, 0, 2, 5], &[(option::ROUTER, &[255, 255, 255, 255])], true)).unwrap();
        assert_eq!(r.check(7, MAC), Err(Reject::Address));
        let r = parse(&reply(2, 7, [192, 0, 2, 5], &[(option::SUBNET_MASK, &[255, 0, 255, 0])], true)).unwrap();
        assert_eq!(r.check(7, MAC), Err(Reject::Address));
        // A NAK has no address to check.
        let r = parse(&reply(6, 7, [0; 4], &[], true)).unwrap();
        assert_eq!(r.check(7, MAC), Ok(()));
    }

    #[test]
    fn builds_discover_and_request() {
        let d = Request {
            kind: MessageType::Discover,
            xid: 0xdead_beef,
            mac: MAC,
            secs: 0,
            ciaddr: Ipv4Addr::UNSPECIFIED,
            broadcast: true,
            requested_ip: None,
            server_id: None,
            hostname: b"",
        };
        let mut buf = vec![0xaau8; 600];
        assert_eq!(d.wire_len(), MIN_MESSAGE_LEN);
        assert!(d.emit(&mut buf));
        let m = &buf[..d.wire_len()];
        assert_eq!(m[0], OP_REQUEST);
        assert_eq!(&m[4..8], &0xdead_beefu32.to_be_bytes());
        assert_eq!(flags(m), FLAG_BROADCAST);
        assert_eq!(&m[28..34], &MAC.0);
        assert_eq!(&m[236..240], &COOKIE.to_be_bytes());
        let o = &m[OPTIONS_OFFSET..];
        assert_eq!(&o[..3], &[53, 1, 1]);
        assert_eq!(&o[3..12], &[61, 7, 1, 2, 0, 0, 0, 0, 0x10]);
        assert_eq!(&o[12..17], &[55, 3, 1, 3, 6]);
        assert_eq!(o[17], option::END);
        assert!(o[18..].iter().all(|&b| b == 0));

        let name = [b'x'; 80];
        let r = Request {
            kind: MessageType::Request,
            requested_ip: Some(Ipv4Addr([192, 0, 2, 50])),
            server_id: Some(Ipv4Addr([192, 0, 2, 1])),
            broadcast: false,
            hostname: &name,
            ..d
        };
        assert!(r.wire_len() > MIN_MESSAGE_LEN);
        assert!(r.emit(&mut buf));
        let m = &buf[..r.wire_len()];
        assert_eq!(message_type_code(m), Some(3));
        assert_eq!(flags(m), 0);
        let o = &m[OPTIONS_OFFSET..];
        assert_eq!(&o[12..18], &[50, 4, 192, 0, 2, 50]);
        assert_eq!(&o[18..24], &[54, 4, 192, 0, 2, 1]);
        assert_eq!(&o[24..29], &[55, 3, 1, 3, 6]);
        assert_eq!(&o[29..31], &[12, MAX_HOSTNAME as u8]);
        assert_eq!(o[31 + MAX_HOSTNAME], option::END);
        assert_eq!(m.len(), OPTIONS_OFFSET + 32 + MAX_HOSTNAME);
        // Too small a buffer: refused, not truncated.
        assert!(!r.emit(&mut buf[..r.wire_len() - 1]));
    }

    #[test]
    fn parse_never_panics_on_random_or_mutated_input() {
        let mut rng = TestRng(0x5eed);
        let base = offer();
        for round in 0..20_000 {
            let mut m = if round % 2 == 0 { base.clone() } else { vec![0; rng.below(600) as usize] };
            if round % 2 == 1 {
                rng.fill(&mut m);
            }
            for _ in 0..rng.below(6) {
                if m.is_empty() {
                    break;
                }
                let i = rng.below(m.len() as u64) as usize;
                m[i] = rng.below(256) as u8;
            }
            m.truncate(rng.below(m.len() as u64 + 1) as usize);
            if let Ok(r) = parse(&m) {
                let _ = r.check(r.xid, r.chaddr);
            }
            let _ = message_type_code(&m);
        }
    }
}
