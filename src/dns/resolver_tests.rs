//! The resolver against a scripted server on a virtual clock.
use super::*;
use crate::wire::Ipv4Addr;

const SERVER: SockAddrV4 = SockAddrV4 { addr: Ipv4Addr([192, 0, 2, 1]), port: 53 };
const ID: u16 = 0x4242;

/// Replies for each query, in order: a list of (source, message) per query.
struct Fake {
    clock: u64,
    sent: Vec<Vec<u8>>,
    replies: Vec<Vec<(SockAddrV4, Vec<u8>)>>,
    pending: Vec<(SockAddrV4, Vec<u8>)>,
}

impl Fake {
    fn new(replies: Vec<Vec<(SockAddrV4, Vec<u8>)>>) -> Fake {
        Fake { clock: 0, sent: Vec::new(), replies, pending: Vec::new() }
    }
}

impl Transport for Fake {
    fn send(&mut self, query: &[u8]) -> bool {
        self.sent.push(query.to_vec());
        if !self.replies.is_empty() {
            self.pending = self.replies.remove(0);
        }
        true
    }
    fn recv(&mut self, buf: &mut [u8], ticks: u32) -> Option<(usize, SockAddr)> {
        if self.pending.is_empty() {
            self.clock += u64::from(ticks);
            return None;
        }
        self.clock += 1;
        let (from, m) = self.pending.remove(0);
        let n = m.len().min(buf.len());
        buf[..n].copy_from_slice(&m[..n]);
        Some((n, from.into()))
    }
    fn now(&mut self) -> u32 {
        self.clock as u32
    }
}

/// A response for example.test with rcode and optional A record.
fn reply(id: u16, rcode: u8, a: Option<[u8; 4]>) -> Vec<u8> {
    let mut m = Vec::new();
    m.extend_from_slice(&id.to_be_bytes());
    m.extend_from_slice(&(0x8180u16 | rcode as u16).to_be_bytes());
    m.extend_from_slice(&[0, 1, 0, a.is_some() as u8, 0, 0, 0, 0]);
    m.extend_from_slice(b"\x07example\x04test\x00\x00\x01\x00\x01");
    if let Some(a) = a {
        m.extend_from_slice(&[0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4]);
        m.extend_from_slice(&a);
    }
    m
}

fn run(f: &mut Fake, c: &mut Counters) -> Outcome {
    let mut buf = [0u8; MAX_RESPONSE];
    resolve(f, SERVER, b"example.test", ID, 5, 5000, &mut buf, c)
}

#[test]
fn answer_on_first_attempt() {
    let mut f = Fake::new(vec![vec![(SERVER, reply(ID, 0, Some([192, 0, 2, 77])))]]);
    let mut c = Counters::default();
    assert_eq!(run(&mut f, &mut c), Outcome::Found(Addresses::one([192, 0, 2, 77]), 60));
    assert_eq!(f.sent.len(), 1);
    assert_eq!(&f.sent[0][..2], &ID.to_be_bytes());
    assert_eq!(c.answers, 1);
}

#[test]
fn silent_server_gives_up_after_all_attempts() {
    let mut f = Fake::new(vec![]);
    let mut c = Counters::default();
    assert_eq!(run(&mut f, &mut c), Outcome::NoAnswer);
    assert_eq!(f.sent.len(), 5);
    assert_eq!(f.clock, 5 * 5000);
    // Every attempt is the same query (same id).
    assert!(f.sent.iter().all(|q| *q == f.sent[0]));
}

#[test]
fn nxdomain_ends_the_lookup() {
    let mut f = Fake::new(vec![vec![(SERVER, reply(ID, 3, None))]]);
    let mut c = Counters::default();
    assert_eq!(run(&mut f, &mut c), Outcome::NoSuchName);
    assert_eq!(f.sent.len(), 1);
}

#[test]
fn servfail_asks_again() {
    let mut f = Fake::new(vec![
        vec![(SERVER, reply(ID, 2, None))],
        vec![(SERVER, reply(ID, 0, Some([192, 0, 2, 8])))],
    ]);
    let mut c = Counters::default();
    assert_eq!(run(&mut f, &mut c), Outcome::Found(Addresses::one([192, 0, 2, 8]), 60));
    assert_eq!((f.sent.len(), c.server_errors), (2, 1));
}

/// Every hostile answer is counted and ignored; the real answer that
/// follows in the same attempt is still taken.
#[test]
fn hostile_answers_are_ignored_with_counters() {
    let other_port = SockAddrV4 { port: 5353, ..SERVER };
    let other_host = SockAddrV4 { addr: Ipv4Addr([192, 0, 2, 66]), ..SERVER };
    let good = reply(ID, 0, Some([192, 0, 2, 77]));
    let mut lying = good.clone();
    lying[7] = 3; // three answers announced
    let mut past_end = good.clone();
    let n = past_end.len();
    past_end[n - 5] = 200; // rdlength
    let mut looped = good.clone();
    looped.truncate(30);
    looped[7] = 1;
    looped.extend_from_slice(&[0xc0, 30, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 6, 6, 6, 6]);
    let mut forward = looped.clone();
    forward[31] = 40;
    let mut long_label = good.clone();
    long_label.truncate(30);
    long_label.push(0x41);
    long_label.extend_from_slice(&[b'a'; 65]);
    let mut other_question = good.clone();
    other_question[13] = b'X';
    let mut f = Fake::new(vec![vec![
        (other_port, reply(ID, 0, Some([6, 6, 6, 6]))),
        (other_host, reply(ID, 0, Some([6, 6, 6, 6]))),
        (SERVER, reply(ID ^ 0x100, 0, Some([6, 6, 6, 6]))),
        (SERVER, lying),
        (SERVER, past_end),
        (SERVER, looped),
        (SERVER, forward),
        (SERVER, long_label),
        (SERVER, other_question),
        (SERVER, vec![]),
        (SERVER, good),
    ]]);
    let mut c = Counters::default();
    assert_eq!(run(&mut f, &mut c), Outcome::Found(Addresses::one([192, 0, 2, 77]), 60));
    assert_eq!(f.sent.len(), 1);
    assert_eq!(
        c,
        Counters { queries_sent: 1, answers: 1, wrong_source: 2, wrong_id: 1, malformed: 6, not_ours: 1, server_errors: 0 }
    );
}

/// A flood of junk cannot stretch an attempt beyond its time.
#[test]
fn junk_does_not_extend_the_attempt() {
    let junk: Vec<_> = (0..20_000).map(|_| (SERVER, vec![0u8; 3])).collect();
    let mut f = Fake::new(vec![junk]);
    let mut c = Counters::default();
    assert_eq!(run(&mut f, &mut c), Outcome::NoAnswer);
    // One tick each: 5,000 per attempt for four attempts, the fifth silent;
    // the whole lookup took exactly its five timeouts.
    assert_eq!(c.malformed, 20_000);
    assert_eq!((f.sent.len(), f.clock), (5, 5 * 5000));
}

#[test]
fn invalid_name_sends_nothing() {
    let mut f = Fake::new(vec![]);
    let mut buf = [0u8; MAX_RESPONSE];
    let got = resolve(&mut f, SERVER, b"a..b", ID, 5, 5000, &mut buf, &mut Counters::default());
    assert_eq!((got, f.sent.len()), (Outcome::NoAnswer, 0));
}
