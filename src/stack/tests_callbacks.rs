//! When the stack makes socket callbacks due (`stack::callbacks`): which
//! notice, for which handle, with which data; that data for a handler does
//! not reach `recv()`, and that nothing is due for a closed socket.
use alloc::vec::Vec;

use super::callbacks::{CallbackWork, HandlerOption};
use super::testenv::*;
use super::udp::PAYLOAD_OFFSET;
use super::*;
use crate::socket::ops::{Progress, SocketOption};

const CONN: usize = 0x1000;
const RECV: usize = 0x2000;
const SENT: usize = 0x3000;
const UDP_RECV: usize = 0x4000;
const UDP_SENT: usize = 0x5000;

fn set(s: &mut Stack, id: SocketId, h: HandlerOption) -> Result<(), Error> {
    s.set_option(id, SocketOption::Handler(h))
}

/// Every notice waiting, with the callback work taken out for
/// `Notice::Callbacks`.
fn drain(s: &mut Stack) -> (Vec<Notice>, Vec<(SocketId, CallbackWork)>) {
    let mut all = Vec::new();
    let mut work = Vec::new();
    while let Some(n) = s.next_notice() {
        if let Notice::Callbacks(id) = n {
            if let Some(w) = s.take_callback_work(id) {
                work.push((id, w));
            }
        }
        all.push(n);
    }
    (all, work)
}

fn wake_bits(notices: &[Notice], id: SocketId) -> u32 {
    notices.iter().filter_map(|n| if let Notice::Wake(i, b) = n { (*i == id).then_some(*b) } else { None }).fold(0, |a, b| a | b)
}

#[test]
fn connected_is_due_on_the_client_and_on_the_listener_for_its_child() {
    let mut n = Net::new();
    let l = listener(&mut n.a, &mut n.ea, 80, 3);
    set(&mut n.a, l, HandlerOption::TcpConnected(CONN)).unwrap();
    let c = n.b.create_socket(Protocol::Tcp).unwrap();
    set(&mut n.b, c, HandlerOption::TcpConnected(CONN)).unwrap();
    n.b.connect(n.now, c, SockAddr::v4(IP_A, 80), &mut n.eb).unwrap();
    n.run(50);
    let (_, wb) = drain(&mut n.b);
    assert_eq!(wb, [(c, CallbackWork { connected: CONN, connects: 1, ..Default::default() })]);
    // Upstream reports a child's connection on the listener's handle.
    let (_, wa) = drain(&mut n.a);
    assert_eq!(wa, [(l, CallbackWork { connected: CONN, connects: 1, ..Default::default() })]);
    let Ok(Progress::Done((child, _))) = n.a.accept(l) else { panic!("no child") };
    assert_eq!(n.a.handlers(child).connected, CONN, "the child inherits the listener's handlers");

    // The peer closes: the disconnection is reported on the child's own handle.
    n.b.shutdown(c).unwrap();
    n.run(200);
    let (_, wa) = drain(&mut n.a);
    assert_eq!(wa, [(child, CallbackWork { connected: CONN, disconnected: true, ..Default::default() })]);
    // Nothing is due twice.
    n.run(100);
    assert!(drain(&mut n.a).1.is_empty());
}

#[test]
fn a_refused_connect_reports_a_disconnection() {
    let mut n = Net::new();
    let c = n.b.create_socket(Protocol::Tcp).unwrap();
    set(&mut n.b, c, HandlerOption::TcpConnected(CONN)).unwrap();
    n.b.connect(n.now, c, SockAddr::v4(IP_A, 7999), &mut n.eb).unwrap();
    n.run(10);
    let (_, w) = drain(&mut n.b);
    assert_eq!(w, [(c, CallbackWork { connected: CONN, disconnected: true, ..Default::default() })]);
}

/// Measured side by side (docs/side-by-side.md, C3/C4): with a receive
/// handler set, upstream's `recv()` (MSG_DONTWAIT) after a 10-byte echo
/// returns 0 and `rx_size` is 0 whether the handler returns 0 or 1; ours
/// the same. A 64 KiB echo: upstream hands each segment whole (44 x 1460 +
/// 1296), ours hands what the stream holds in chunks of at most MSS, which
/// follow the segments as long as the window is whole segments.
#[test]
fn tcp_data_goes_to_the_receive_handler_and_not_to_recv() {
    let mut n = Net::new();
    let (l, c, child) = establish(&mut n);
    let _ = (drain(&mut n.a), l);
    set(&mut n.a, child, HandlerOption::TcpReceive(RECV)).unwrap();
    assert_eq!(n.b.send(c, b"hello, handler"), Ok(Progress::Done(14)));
    n.run(50);
    let mut buf = [0u8; 64];
    assert_eq!(n.a.recv(child, Some(&mut buf), 64, false), Ok(Progress::Pending), "recv() leaves it to the handler");
    let (notices, w) = drain(&mut n.a);
    assert_eq!(w, [(child, CallbackWork { receive: RECV, ..Default::default() })]);
    assert_eq!(wake_bits(&notices, child) & event::RECEIVE, 0, "no RECEIVE wake-up for handler data");
    // The IP task reads it out in chunks; a changed handler stops it.
    assert_eq!(n.a.take_tcp_callback_data(child, RECV + 1, &mut buf), 0);
    let mut small = [0u8; 8];
    assert_eq!(n.a.take_tcp_callback_data(child, RECV, &mut small), 8);
    assert_eq!(&small, b"hello, h");
    assert_eq!(n.a.take_tcp_callback_data(child, RECV, &mut buf), 6);
    assert_eq!(&buf[..6], b"andler");
    assert_eq!(n.a.take_tcp_callback_data(child, RECV, &mut buf), 0);

    // Without the handler, recv() gets the data again.
    set(&mut n.a, child, HandlerOption::TcpReceive(0)).unwrap();
    n.b.send(c, b"plain").unwrap();
    n.run(50);
    assert_eq!(n.a.recv(child, Some(&mut buf), 64, false), Ok(Progress::Done(5)));
    assert!(drain(&mut n.a).1.is_empty());
}

/// Measured side by side (docs/side-by-side.md, C2: 5000 bytes to a Linux
/// sink): upstream 4 calls 1460 1460 1460 620, ours 4 calls 1460 1460
/// 1460 620, both in the IP task; the counts follow the peer's ACKs.
#[test]
fn tcp_sent_reports_the_acknowledged_bytes() {
    let mut n = Net::new();
    let (_, c, child) = establish(&mut n);
    set(&mut n.a, child, HandlerOption::TcpSent(SENT)).unwrap();
    let _ = drain(&mut n.a);
    let data = [0x41u8; 3000];
    assert_eq!(n.a.send(child, &data), Ok(Progress::Done(3000)));
    n.run(300);
    let (_, w) = drain(&mut n.a);
    let total: usize = w.iter().map(|(id, w)| {
        assert_eq!((*id, w.sent), (child, SENT));
        w.sent_bytes
    }).sum();
    assert_eq!(total, 3000);
    let mut buf = [0u8; 4096];
    assert_eq!(n.b.recv(c, Some(&mut buf), 4096, false), Ok(Progress::Done(3000)));
}

#[test]
fn udp_receive_handler_sees_each_datagram_first() {
    let mut n = Net::new();
    let a = n.a.create_socket(Protocol::Udp).unwrap();
    n.a.bind(a, Some(SockAddr::v4(Ipv4Addr::UNSPECIFIED, 7000)), &mut n.ea).unwrap();
    set(&mut n.a, a, HandlerOption::UdpReceive(UDP_RECV)).unwrap();
    let b = n.b.create_socket(Protocol::Udp).unwrap();
    set(&mut n.b, b, HandlerOption::UdpSent(UDP_SENT)).unwrap();
    let to = SockAddr::v4(IP_A, 7000);
    for payload in [&b"first"[..], b"second"] {
        let frame = n.eb.new_frame(PAYLOAD_OFFSET + payload.len());
        n.eb.frame_mut(frame).unwrap()[PAYLOAD_OFFSET..].copy_from_slice(payload);
        n.b.sendto(b, frame, payload.len(), to, &mut n.eb).unwrap();
        n.run(10);
    }
    // B: the sent handler is kept for `sendto()` to call in the sending
    // task (as upstream, socket/calls.rs); the IP task has nothing to do.
    assert_eq!(n.b.handlers(b).udp_sent, UDP_SENT);
    let (nb, _) = drain(&mut n.b);
    assert!(nb.iter().all(|x| !matches!(x, Notice::Callbacks(_) | Notice::UdpReceive { .. })), "{nb:?}");
    // A: nothing for recvfrom() yet, two datagrams for the handler.
    assert_eq!(n.a.recvfrom(a, false), Ok(Progress::Pending));
    let (na, _) = drain(&mut n.a);
    let got: Vec<_> = na.iter().filter_map(|x| if let Notice::UdpReceive { id, datagram } = x { Some((*id, *datagram)) } else { None }).collect();
    assert_eq!(got.len(), 2);
    assert_eq!(wake_bits(&na, a) & event::RECEIVE, 0);
    let port_b = n.b.local_address(b).unwrap().port;
    for (id, d) in &got {
        assert_eq!(*id, a);
        assert_eq!(d.from, SockAddr::v4(IP_B, port_b));
        assert_eq!(callbacks::udp_dest(n.ea.frame_mut(d.frame).unwrap(), d.offset), to);
    }
    let payload = |n: &mut Net, d: &udp::Datagram| n.ea.frame_mut(d.frame).unwrap()[d.offset..][..d.len].to_vec();
    assert_eq!(payload(&mut n, &got[0].1), b"first");
    assert_eq!(n.a.udp_held(), 2, "waiting datagrams count against the UDP limit");
    // The handler consumed the first (non-zero): dropped; not the second:
    // queued for recvfrom() and RECEIVE raised.
    n.a.udp_handler_done(a, got[0].1, true, &mut n.ea);
    n.a.udp_handler_done(a, got[1].1, false, &mut n.ea);
    let (na, _) = drain(&mut n.a);
    assert_eq!(wake_bits(&na, a) & event::RECEIVE, event::RECEIVE);
    let Ok(Progress::Done(d)) = n.a.recvfrom(a, false) else { panic!("second datagram not queued") };
    assert_eq!(d.len, 6);
    n.ea.release_frame(d.frame);
    assert_eq!(n.a.recvfrom(a, false), Ok(Progress::Pending));
    assert_eq!((n.a.udp_held(), n.ea.held_frames()), (0, 0), "every frame went back");
}

#[test]
fn nothing_is_called_for_a_socket_closed_while_its_notice_waits() {
    let mut n = Net::new();
    let (_, c, child) = establish(&mut n);
    set(&mut n.a, child, HandlerOption::TcpReceive(RECV)).unwrap();
    let _ = drain(&mut n.a);
    n.b.send(c, b"late").unwrap();
    n.run(20);
    n.a.close(child).unwrap();
    let mut buf = [0u8; 8];
    assert_eq!(n.a.take_tcp_callback_data(child, RECV, &mut buf), 0);
    assert!(drain(&mut n.a).1.is_empty());
    assert_eq!(n.a.handlers(child), Default::default(), "a closed socket's handlers are gone at once");

    // A datagram waiting for the handler of a socket that closes is released.
    let u = n.a.create_socket(Protocol::Udp).unwrap();
    n.a.bind(u, Some(SockAddr::v4(Ipv4Addr::UNSPECIFIED, 7001)), &mut n.ea).unwrap();
    set(&mut n.a, u, HandlerOption::UdpReceive(UDP_RECV)).unwrap();
    let b = n.b.create_socket(Protocol::Udp).unwrap();
    let frame = n.eb.new_frame(PAYLOAD_OFFSET + 3);
    n.b.sendto(b, frame, 3, SockAddr::v4(IP_A, 7001), &mut n.eb).unwrap();
    n.run(10);
    n.a.close(u).unwrap();
    let (na, _) = drain(&mut n.a);
    let Some(Notice::UdpReceive { id, datagram }) = na.iter().find(|x| matches!(x, Notice::UdpReceive { .. })).copied()
    else {
        panic!("no datagram for the handler")
    };
    // What the IP task does for a socket without a (live) handler.
    assert_eq!(n.a.handlers(id).udp_receive, 0);
    n.a.udp_handler_done(id, datagram, false, &mut n.ea);
    n.run(10);
    assert_eq!((n.a.udp_held(), n.ea.held_frames()), (0, 0));
}

#[test]
fn handler_options_of_the_wrong_kind_are_refused() {
    let mut n = Net::new();
    let t = n.a.create_socket(Protocol::Tcp).unwrap();
    let u = n.a.create_socket(Protocol::Udp).unwrap();
    for h in [HandlerOption::UdpReceive(1), HandlerOption::UdpSent(1)] {
        assert_eq!(set(&mut n.a, t, h), Err(Error::Invalid));
    }
    for h in [HandlerOption::TcpConnected(1), HandlerOption::TcpReceive(1), HandlerOption::TcpSent(1)] {
        assert_eq!(set(&mut n.a, u, h), Err(Error::Invalid));
    }
    // The semaphore and the wake callback fit both.
    for s in [t, u] {
        set(&mut n.a, s, HandlerOption::Semaphore(0x77)).unwrap();
        set(&mut n.a, s, HandlerOption::Wake(0x88)).unwrap();
        assert_eq!(n.a.user_wake(s), Some((0x77, 0x88)));
    }
    assert_eq!(n.a.handlers(t).udp_receive, 0);
}

#[test]
fn user_wake_accompanies_every_wake_up() {
    let mut n = Net::new();
    let (_, c, child) = establish(&mut n);
    set(&mut n.a, child, HandlerOption::Semaphore(0x99)).unwrap();
    let _ = drain(&mut n.a);
    n.b.send(c, b"x").unwrap();
    n.run(20);
    let (na, _) = drain(&mut n.a);
    assert_ne!(wake_bits(&na, child) & event::RECEIVE, 0);
    assert_eq!(n.a.user_wake(child), Some((0x99, 0)));
    // No handler: no user wake-up.
    let other = n.a.create_socket(Protocol::Tcp).unwrap();
    assert_eq!(n.a.user_wake(other), None);
}

#[test]
fn a_listener_handler_set_after_the_syn_still_hears_of_the_child() {
    let mut n = Net::new();
    n.a.arp.insert(IP_B, MAC_B, n.now);
    n.b.arp.insert(IP_A, MAC_A, n.now);
    let l = listener(&mut n.a, &mut n.ea, 80, 3);
    let c = n.b.create_socket(Protocol::Tcp).unwrap();
    n.b.connect(n.now, c, SockAddr::v4(IP_A, 80), &mut n.eb).unwrap();
    n.b.poll(n.now, &mut n.eb);
    let syn = n.eb.out.pop().expect("a SYN");
    n.a.receive_frame(n.now, 0, &syn, &mut n.ea);
    assert_eq!(n.a.sockets.len(), 2, "the child exists, without handlers");
    set(&mut n.a, l, HandlerOption::TcpConnected(CONN)).unwrap();
    n.run(50);
    let (_, w) = drain(&mut n.a);
    assert_eq!(w, [(l, CallbackWork { connected: CONN, connects: 1, ..Default::default() })]);
}

/// What the IP task does with one stack's notices, on the host: takes the
/// callback work, drains TCP data the way `deliver_tcp_data` does, and
/// lets a "handler" consume or keep each datagram. Returns the TCP bytes
/// handed to receive handlers.
fn deliver_like_the_ip_task(s: &mut Stack, env: &mut TestEnv, seed: &mut u32) -> usize {
    let mut bytes = 0;
    for _ in 0..10_000 {
        let Some(n) = s.next_notice() else { return bytes };
        *seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        match n {
            Notice::Callbacks(id) => {
                let Some(w) = s.take_callback_work(id) else { continue };
                if w.receive != 0 {
                    let mut chunk = [0u8; 536];
                    loop {
                        let got = s.take_tcp_callback_data(id, w.receive, &mut chunk);
                        if got == 0 {
                            break;
                        }
                        bytes += got;
                        HANDLER_BYTES.with(|c| c.set(c.get() + got));
                    }
                }
            }
            Notice::UdpReceive { id, datagram } => {
                let consumed = s.handlers(id).udp_receive != 0 && *seed % 2 == 0;
                UDP_SEEN.with(|c| c.set(c.get() + 1));
                s.udp_handler_done(id, datagram, consumed, env);
            }
            _ => {}
        }
    }
    panic!("the notice queue never ends");
}

std::thread_local! {
    static UDP_SEEN: core::cell::Cell<usize> = const { core::cell::Cell::new(0) };
    static HANDLER_BYTES: core::cell::Cell<usize> = const { core::cell::Cell::new(0) };
}

#[test]
fn random_handlers_and_closes_leave_no_frame_or_socket_behind() {
    for round in 0..20u32 {
        let mut seed = 0x9e37_79b9u32 ^ round.wrapping_mul(7919);
        let mut rnd = move || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            seed >> 8
        };
        let mut n = Net::new();
        let mut dseed = round;
        let l = listener(&mut n.a, &mut n.ea, 80, 8);
        let u = n.a.create_socket(Protocol::Udp).unwrap();
        n.a.bind(u, Some(SockAddr::v4(Ipv4Addr::UNSPECIFIED, 7000)), &mut n.ea).unwrap();
        let ub = n.b.create_socket(Protocol::Udp).unwrap();
        let mut clients = Vec::new();
        let mut sent_tcp = 0usize;
        let mut got_tcp = 0usize;
        for _ in 0..60 {
            match rnd() % 9 {
                0 => {
                    let h = match rnd() % 4 {
                        0 => HandlerOption::TcpConnected(CONN),
                        1 => HandlerOption::TcpReceive(if rnd() % 3 == 0 { 0 } else { RECV }),
                        2 => HandlerOption::TcpSent(SENT),
                        _ => HandlerOption::Wake(0x10),
                    };
                    for id in live_ids(&n.a) {
                        let _ = set(&mut n.a, id, h);
                    }
                }
                1 => {
                    let h = if rnd() % 2 == 0 { HandlerOption::UdpReceive(UDP_RECV) } else { HandlerOption::UdpReceive(0) };
                    let _ = set(&mut n.a, u, h);
                }
                2 => {
                    let c = n.b.create_socket(Protocol::Tcp).unwrap();
                    n.b.connect(n.now, c, SockAddr::v4(IP_A, 80), &mut n.eb).unwrap();
                    clients.push(c);
                }
                3 => {
                    if let Some(&c) = clients.get(rnd() as usize % clients.len().max(1)) {
                        if let Ok(Progress::Done(k)) = n.b.send(c, &[0x5a; 700]) {
                            sent_tcp += k;
                        }
                    }
                }
                4 => {
                    let len = rnd() as usize % 300;
                    let frame = n.eb.new_frame(PAYLOAD_OFFSET + len);
                    if n.b.sendto(ub, frame, len, SockAddr::v4(IP_A, 7000), &mut n.eb).is_err() {
                        n.eb.release_frame(frame);
                    }
                }
                5 => {
                    // A child closed by "its handler" or another task.
                    let children: Vec<_> = live_ids(&n.a).into_iter().filter(|id| *id != l && *id != u).collect();
                    if let Some(&id) = children.get(rnd() as usize % children.len().max(1)) {
                        n.a.close(id).unwrap();
                    }
                }
                6 => {
                    if let Some(&c) = clients.get(rnd() as usize % clients.len().max(1)) {
                        let _ = n.b.shutdown(c);
                    }
                }
                7 => {
                    // recv() takes what no handler is set for.
                    for id in live_ids(&n.a) {
                        let mut buf = [0u8; 2048];
                        while let Ok(Progress::Done(k)) = n.a.recv(id, Some(&mut buf), 2048, false) {
                            got_tcp += k;
                        }
                        while let Ok(Progress::Done(d)) = n.a.recvfrom(id, false) {
                            n.ea.release_frame(d.frame);
                        }
                    }
                }
                _ => n.run(u64::from(rnd() % 50)),
            }
            n.run(1);
            got_tcp += deliver_like_the_ip_task(&mut n.a, &mut n.ea, &mut dseed);
            let _ = deliver_like_the_ip_task(&mut n.b, &mut n.eb, &mut dseed);
            check_stack(&n.a);
        }
        assert!(got_tcp <= sent_tcp, "round {round}: {got_tcp} bytes delivered of {sent_tcp} sent");
        for id in socket_ids(&n.a) {
            let _ = n.a.close(id);
        }
        for id in socket_ids(&n.b) {
            let _ = n.b.close(id);
        }
        n.run(2000);
        let _ = deliver_like_the_ip_task(&mut n.a, &mut n.ea, &mut dseed);
        let _ = deliver_like_the_ip_task(&mut n.b, &mut n.eb, &mut dseed);
        n.run(10);
        assert_eq!(n.a.sockets.len(), 0, "round {round}: every socket freed");
        assert_eq!((n.a.udp_held(), n.ea.held_frames()), (0, 0), "round {round}: every frame went back");
        assert_eq!(n.eb.held_frames(), 0, "round {round}");
    }
    // The rounds did reach the handlers (the test means something).
    let (udp, bytes) = (UDP_SEEN.with(|c| c.get()), HANDLER_BYTES.with(|c| c.get()));
    assert!(udp > 20 && bytes > 1_400, "datagrams {udp}, handler bytes {bytes}");
}
