//! Sequences of socket calls on stack A at the `socket::ops` level, with
//! live, closed (stale) and made-up socket ids, interleaved with polls,
//! virtual time and traffic from a peer stack B that listens on ports 7 and
//! 80 and connects to A's ports. Input: one opcode byte per step, then its
//! arguments.
//!
//! Checks: no panic; each call fails only with the errors its
//! documentation (reference §2, `socket::ops`) lists; a closed or made-up
//! id is refused by every call; the connection records keep their
//! invariants; netstat prints; after closing every socket and letting the
//! timers run, both socket tables are empty.
#![no_main]

use freertos_plus_tcp::socket::ops::{Progress, Query, SocketOption};
use freertos_plus_tcp::stack::netstat::BufferStats;
use freertos_plus_tcp::stack::select::SetId;
use freertos_plus_tcp::stack::testenv::{check_stack, listener, live_ids, Net};
use freertos_plus_tcp::stack::{Error, Notice, Protocol, SocketId, Stack};
use freertos_plus_tcp::time::Duration;
use freertos_plus_tcp::wire::{Ipv4Addr, SockAddr};
use freertos_plus_tcp_fuzz::{check_output, close_all_and_drain, Input, IP_A, IP_B};
use libfuzzer_sys::fuzz_target;

const MAX_STEPS: usize = 300;
/// Socket cap: the table may hold 65535, but each run stays small.
const MAX_SOCKETS: usize = 24;

/// Ids the run has seen: live ones and ones it closed.
struct Ids {
    live: Vec<SocketId>,
    closed: Vec<SocketId>,
}

impl Ids {
    /// An id to call with: live, closed, or made up from the input.
    /// The flag says the id must be refused: closed by this run, or made up
    /// and naming no socket in A's table.
    fn pick(&self, a: &Stack, inp: &mut Input) -> (SocketId, bool) {
        let sel = inp.u8();
        match sel % 8 {
            0..=5 if !self.live.is_empty() => (self.live[usize::from(sel) % self.live.len()], false),
            6 if !self.closed.is_empty() => (self.closed[usize::from(sel) % self.closed.len()], true),
            _ => {
                let index = inp.u16() % 64;
                // A made-up generation is never 0 (the type has no 0).
                let generation = core::num::NonZeroU16::new(inp.u16()).unwrap_or(core::num::NonZeroU16::MIN);
                let id = SocketId { index, generation };
                (id, !live_ids(a).contains(&id))
            }
        }
    }
}

fn addr(inp: &mut Input) -> SockAddr {
    let ip = match inp.u8() % 4 {
        0 => IP_B,
        1 => IP_A,
        2 => Ipv4Addr::UNSPECIFIED,
        _ => Ipv4Addr([inp.u8(), inp.u8(), inp.u8(), inp.u8()]),
    };
    let port = match inp.u8() % 4 {
        0 => 80,
        1 => 7,
        2 => 0,
        _ => inp.u16(),
    };
    SockAddr::v4(ip, port)
}

fn option(inp: &mut Input) -> SocketOption {
    let t = |inp: &mut Input| match inp.u8() % 3 {
        0 => None,
        _ => Some(u32::from(inp.u16())),
    };
    match inp.u8() % 11 {
        0 => SocketOption::ReceiveTimeout(t(inp)),
        1 => SocketOption::SendTimeout(t(inp)),
        2 => SocketOption::SendBuffer(u32::from(inp.u16())),
        3 => SocketOption::ReceiveBuffer(u32::from(inp.u16())),
        4 => SocketOption::WinProperties {
            tx_buf: i32::from(inp.u16() as i16),
            tx_win: i32::from(inp.u8() as i8),
            rx_buf: i32::from(inp.u16() as i16),
            rx_win: i32::from(inp.u8() as i8),
        },
        5 => SocketOption::ReuseListen(inp.u8() & 1 != 0),
        6 => SocketOption::CloseAfterSend(inp.u8() & 1 != 0),
        7 => SocketOption::LowHighWater { little: usize::from(inp.u16()), enough: usize::from(inp.u16()) },
        9 => SocketOption::FullSize(inp.u8() & 1 != 0),
        10 => SocketOption::StopRx(inp.u8() & 1 != 0),
        _ => SocketOption::UdpChecksumOut(inp.u8() & 1 != 0),
    }
}

/// `r` is Ok, or an error from `allowed`; a stale id must fail.
fn expect<T: core::fmt::Debug>(what: &str, r: &Result<T, Error>, allowed: &[Error], stale: bool) {
    match r {
        Ok(v) => assert!(!stale, "{what} on a closed or made-up id succeeded: {v:?}"),
        Err(e) => assert!(allowed.contains(e), "{what} returned {e:?}, not one of {allowed:?}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let mut n = Net::new();
    n.allow_ack_war = true;
    let peer_echo = listener(&mut n.b, &mut n.eb, 7, 4);
    let peer_http = listener(&mut n.b, &mut n.eb, 80, 4);
    let mut peer_conns: Vec<SocketId> = Vec::new();
    let mut ids = Ids { live: Vec::new(), closed: Vec::new() };
    // Socket sets: live ones, and deleted ones (their handles must be
    // refused from then on).
    let mut sets: Vec<SetId> = Vec::new();
    let mut deleted_sets: Vec<SetId> = Vec::new();
    let mut inp = Input::new(data);
    let mut steps = 0;
    while !inp.is_empty() && steps < MAX_STEPS {
        steps += 1;
        let op = inp.u8();
        match op % 24 {
            0 => {
                if ids.live.len() < MAX_SOCKETS {
                    let proto = if inp.u8() & 3 == 0 { Protocol::Udp } else { Protocol::Tcp };
                    let id = n.a.create_socket(proto).expect("heap is plentiful on the host");
                    assert!(!ids.live.contains(&id) && !ids.closed.contains(&id), "id {id:?} handed out twice");
                    ids.live.push(id);
                }
            }
            1 => {
                let (id, stale) = ids.pick(&n.a, &mut inp);
                let a = if inp.u8() & 1 == 0 { None } else { Some(addr(&mut inp)) };
                let r = n.a.bind(id, a, &mut n.ea);
                expect("bind", &r, &[Error::Invalid], stale);
            }
            2 => {
                let (id, stale) = ids.pick(&n.a, &mut inp);
                let backlog = i64::from(inp.u16() as i16);
                let r = n.a.listen(id, backlog);
                expect("listen", &r, &[Error::NotSupported], stale);
            }
            3 => {
                let (id, stale) = ids.pick(&n.a, &mut inp);
                let to = addr(&mut inp);
                let r = n.a.connect(n.now, id, to, &mut n.ea);
                let allowed =
                    [Error::BadDescriptor, Error::IsConnected, Error::InProgress, Error::Again, Error::Invalid];
                expect("connect", &r, &allowed, stale);
                let _ = n.a.connect_progress(id);
            }
            4 => {
                let (id, stale) = ids.pick(&n.a, &mut inp);
                let r = n.a.accept(id);
                expect("accept", &r, &[Error::Invalid], stale);
                if let Ok(Progress::Done((child, _))) = r {
                    if child != id {
                        assert!(!ids.live.contains(&child), "accept handed out a known socket");
                        ids.live.push(child);
                    }
                }
            }
            5 => {
                let (id, stale) = ids.pick(&n.a, &mut inp);
                let len = usize::from(inp.u16() % 12_000);
                if op & 0xe0 == 0xe0 {
                    // Zero-copy TX: the head space, then publish `len`.
                    let head = n.a.tx_head(id);
                    expect("tx_head", &head, &[Error::Invalid, Error::NoMemory], stale);
                    let r = n.a.send_committed(id, len);
                    expect("send_committed", &r, &[Error::Invalid, Error::NoMemory, Error::NotConnected], stale);
                    if let (Ok((_, room)), Ok(k)) = (head, r) {
                        assert!(k <= len, "published {k} of {len}");
                        let _ = room;
                    }
                    continue;
                }
                let r = n.a.send(id, &vec![op; len]);
                expect("send", &r, &[Error::Invalid, Error::NoMemory, Error::NotConnected], stale);
                if let Ok(Progress::Done(k)) = r {
                    assert!(k <= len, "send queued {k} of {len} bytes");
                }
                let _ = n.a.send_timeout_error(id);
            }
            6 => {
                let (id, stale) = ids.pick(&n.a, &mut inp);
                let max = usize::from(inp.u16() % 12_000);
                let how = inp.u8();
                if how & 0xc0 == 0xc0 {
                    // Zero-copy: look at the readable bytes in place, then
                    // release them (all of them, or the given count).
                    let r = n.a.recv_zero_copy(id);
                    expect("recv_zero_copy", &r, &[Error::Invalid, Error::NotConnected, Error::NoMemory], stale);
                    if let Ok(Progress::Done((at, k))) = r {
                        assert!(k > 0, "zero-copy recv handed out 0 bytes");
                        let want = k.min(max.max(1));
                        assert_eq!(n.a.release_rx(id, at, want), Ok(true), "release of what recv handed out");
                        assert_eq!(n.a.release_rx(id, at, 1), Ok(false), "release of an old pointer");
                    }
                    continue;
                }
                let mut buf = vec![0u8; usize::from(how) * 16];
                let b = if how & 1 == 0 { Some(&mut buf[..]) } else { None };
                let r = n.a.recv(id, b, max, how & 2 != 0);
                expect("recv", &r, &[Error::Invalid, Error::NotConnected, Error::NoMemory], stale);
                if let Ok(Progress::Done(k)) = r {
                    // 0 only when asked for 0 bytes (reference §2.8: min(len, available)).
                    let room = if how & 1 == 0 { max.min(buf.len()) } else { max };
                    assert!(k <= room && (k > 0 || room == 0), "recv returned {k} for at most {room}");
                }
            }
            7 => {
                let (id, stale) = ids.pick(&n.a, &mut inp);
                let r = n.a.shutdown(id);
                expect("shutdown", &r, &[Error::NotSupported, Error::NotConnected], stale);
            }
            8 => {
                let (id, stale) = ids.pick(&n.a, &mut inp);
                let r = n.a.close(id);
                expect("close", &r, &[Error::Invalid], stale);
                if r.is_ok() {
                    ids.live.retain(|&l| l != id);
                    ids.closed.push(id);
                    assert!(!n.a.socket_exists(id), "a closed socket still exists");
                }
            }
            9 => {
                let (id, stale) = ids.pick(&n.a, &mut inp);
                let opt = option(&mut inp);
                let r = n.a.set_option(id, opt);
                expect("set_option", &r, &[Error::Invalid], stale);
            }
            10 => {
                let (id, stale) = ids.pick(&n.a, &mut inp);
                let q = [
                    Query::IsConnected,
                    Query::RxSize,
                    Query::TxSize,
                    Query::TxSpace,
                    Query::ConnStatus,
                    Query::MayWrite,
                    Query::Mss,
                ];
                let q = q[usize::from(inp.u8()) % q.len()];
                let r = n.a.query(id, q);
                expect("query", &r, &[Error::Invalid], stale);
                expect("remote_address", &n.a.remote_address(id), &[Error::Invalid], stale);
                expect("local_address", &n.a.local_address(id), &[Error::Invalid], stale);
                expect("block_time (receive)", &n.a.block_time(id, false), &[Error::Invalid], stale);
                expect("block_time (send)", &n.a.block_time(id, true), &[Error::Invalid], stale);
                assert!(!stale || (n.a.protocol(id).is_none() && !n.a.socket_exists(id)));
            }
            11 | 12 => {
                n.a.poll(n.now, &mut n.ea);
                n.settle();
            }
            13 => n.run(u64::from(inp.u16())),
            14 => {
                n.now = n.now + Duration(u32::from(inp.u16()));
                n.a.poll(n.now, &mut n.ea);
                let frames = core::mem::take(&mut n.ea.out);
                check_output(&frames);
            }
            15 => {
                // The peer connects to one of A's ports.
                if peer_conns.len() < 8 {
                    let c = n.b.create_socket(Protocol::Tcp).expect("heap");
                    let port = match inp.u8() % 4 {
                        0 => 80,
                        1 => 7,
                        2 => 1024,
                        _ => inp.u16(),
                    };
                    let _ = n.b.connect(n.now, c, SockAddr::v4(IP_A, port), &mut n.eb);
                    peer_conns.push(c);
                }
            }
            16 => {
                // The peer accepts, sends, reads, shuts down or closes.
                let l = if inp.u8() & 1 == 0 { peer_echo } else { peer_http };
                if let Ok(Progress::Done((c, _))) = n.b.accept(l) {
                    peer_conns.push(c);
                }
                if let Some(&c) = peer_conns.get(usize::from(inp.u8()) % peer_conns.len().max(1)) {
                    match inp.u8() % 4 {
                        0 => {
                            let _ = n.b.send(c, &vec![7u8; usize::from(inp.u16() % 8000)]);
                        }
                        1 => {
                            let mut buf = vec![0u8; 4096];
                            let _ = n.b.recv(c, Some(&mut buf), 4096, false);
                        }
                        2 => {
                            let _ = n.b.shutdown(c);
                        }
                        _ => {
                            let _ = n.b.close(c);
                        }
                    }
                }
            }
            17 => {
                let mut lines = 0usize;
                n.a.netstat(n.now, BufferStats::default(), |l| {
                    assert!(l.ends_with(b"\n"), "netstat line without its newline");
                    lines += 1;
                });
                assert!(lines > 0);
            }
            18 => {
                let up = inp.u8() & 1 != 0;
                n.a.set_interface_up(0, up);
            }
            // Socket sets and signals (FreeRTOS_select and friends).
            19 if sets.len() < 4 => {
                let set = n.a.create_set().expect("create_set with room");
                assert!(!sets.contains(&set) && !deleted_sets.contains(&set), "a set handle handed out twice");
                sets.push(set);
            }
            20 | 21 => {
                // A live, deleted or made-up set.
                let sel = inp.u8();
                let (set, stale) = match sel % 4 {
                    0 | 1 if !sets.is_empty() => (sets[usize::from(sel) % sets.len()], false),
                    2 if !deleted_sets.is_empty() => (deleted_sets[usize::from(sel) % deleted_sets.len()], true),
                    _ => {
                        let s = SetId { index: inp.u16() % 8, generation: inp.u16() };
                        (s, !sets.contains(&s))
                    }
                };
                let (id, stale_id) = ids.pick(&n.a, &mut inp);
                match inp.u8() % 5 {
                    0 => {
                        let r = n.a.fd_set(id, set, u32::from(inp.u8()));
                        expect("fd_set", &r, &[Error::Invalid], stale || stale_id);
                    }
                    1 => {
                        let r = n.a.fd_clr(id, set, u32::from(inp.u8()));
                        expect("fd_clr", &r, &[Error::Invalid], stale || stale_id);
                    }
                    2 => {
                        let bits = n.a.fd_isset(id, set);
                        assert!(bits & !0xf == 0, "FD_ISSET gave internal bits {bits:#x}");
                        assert!(!(stale || stale_id) || bits == 0, "FD_ISSET on a stale handle gave {bits:#x}");
                    }
                    3 => {
                        let r = n.a.select_poll(set);
                        expect("select_poll", &r, &[Error::Invalid], stale);
                        if let Ok(bits) = r {
                            assert!(bits & !0xf == 0, "select gave internal bits {bits:#x}");
                        }
                    }
                    _ => {
                        let r = n.a.delete_set(set);
                        expect("delete_set", &r, &[Error::Invalid], stale);
                        if r.is_ok() {
                            sets.retain(|s| *s != set);
                            deleted_sets.push(set);
                            for &live in &ids.live {
                                assert_eq!(n.a.fd_isset(live, set), 0, "a member of a deleted set");
                            }
                        }
                    }
                }
            }
            22 => {
                let (id, stale) = ids.pick(&n.a, &mut inp);
                let r = n.a.signal(id);
                expect("signal", &r, &[Error::Invalid], stale);
            }
            _ => {
                // Drain the notices as the IP task does: every wake-up
                // carries known event bits, and the queue ends.
                for _ in 0..100_000 {
                    match n.a.next_notice() {
                        Some(Notice::Wake(id, bits)) => {
                            assert!(bits != 0 && bits & !0x7f == 0, "wake-up bits {bits:#x} for {id:?}");
                        }
                        // Frees and hook notices carry nothing to check here.
                        Some(_) => {}
                        None => break,
                    }
                }
                assert!(n.a.next_notice().is_none(), "the notice queue never ends");
            }
        }
        check_stack(&n.a);
        check_stack(&n.b);
    }
    n.a.set_interface_up(0, true);
    for set in sets.drain(..) {
        n.a.delete_set(set).expect("deleting a live set");
    }
    for id in ids.live.drain(..) {
        let _ = n.a.close(id);
    }
    close_all_and_drain(&mut n);
});
