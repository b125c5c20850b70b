//! The opt-in extensions (`extensions.rs`, issue #10) on two stacks back to
//! back: `shutdown()` honouring `how`, the CLOSE_WAIT reaper, the netstat
//! diagnostics; and that each is off by default.
use alloc::string::String;
use alloc::vec::Vec;

use super::extensions::{ExtConfig, SHUT_RD, SHUT_RDWR, SHUT_WR};
use super::netstat::BufferStats;
use super::testenv::*;
use super::*;
use crate::socket::ops::{Progress, Query};
use crate::tcp::TcpState;

fn on() -> ExtConfig {
    ExtConfig {
        shutdown_honours_how: true,
        close_wait_timeout: Some(Duration(5_000)),
        netstat_diagnostics: true,
    }
}

/// An application call on A at the current virtual time.
fn app(n: &mut Net) -> &mut Stack {
    n.a.ext.app_now = n.now;
    &mut n.a
}

fn netstat_lines(s: &Stack, now: Instant) -> Vec<String> {
    let mut lines = Vec::new();
    s.netstat(now, BufferStats { minimum_free: 60, free: 64, total: 64 }, |l| {
        lines.push(String::from_utf8(l.to_vec()).unwrap())
    });
    lines
}

#[test]
fn extensions_are_off_by_default() {
    // The host test build uses config/posix, which sets none of them.
    let n = Net::new();
    assert_eq!(n.a.ext.cfg, ExtConfig::OFF);
}

#[test]
fn shut_rd_is_a_graceful_close_by_default() {
    let mut n = Net::new();
    let (_, c, child) = establish(&mut n);
    assert_eq!(app(&mut n).shutdown_how(child, SHUT_RD), Ok(()));
    n.run(200);
    // Upstream ignores `how`: the FIN went out and B sees the end.
    let mut buf = [0u8; 8];
    assert_eq!(n.b.recv(c, Some(&mut buf), 8, false), Err(Error::NotConnected));
    // Any value, as upstream.
    let (_, _, child2) = {
        let c2 = n.b.create_socket(Protocol::Tcp).unwrap();
        n.b.connect(n.now, c2, SockAddr::v4(IP_A, 80), &mut n.eb).unwrap();
        n.run(50);
        let l = n.a.sockets.iter().find(|(_, s)| s.tcp().is_some_and(|t| t.tcb.state() == TcpState::Listen)).unwrap().0;
        let Ok(Progress::Done((ch, _))) = n.a.accept(l) else { panic!("no child") };
        (l, c2, ch)
    };
    assert_eq!(app(&mut n).shutdown_how(child2, 77), Ok(()));
}

#[test]
fn shut_rd_stops_delivery_without_a_fin() {
    let mut n = Net::new();
    n.a.ext.cfg = on();
    let (_, c, child) = establish(&mut n);
    assert_eq!(n.b.send(c, b"before"), Ok(Progress::Done(6)));
    n.run(50);
    assert_eq!(n.a.query(child, Query::RxSize), Ok(6));
    assert_eq!(app(&mut n).shutdown_how(child, SHUT_RD), Ok(()));
    n.run(200);
    // Nothing was sent: both sides still established.
    assert_eq!(state(&n.a, child), TcpState::Established as i64);
    assert_eq!(state(&n.b, c), TcpState::Established as i64);
    let mut buf = [0u8; 16];
    // Queued data is gone, recv() reports the end.
    assert_eq!(app(&mut n).recv(child, Some(&mut buf), 16, false), Err(Error::NotConnected));
    assert_eq!(n.a.query(child, Query::RxSize), Ok(0));
    // The peer can go on sending: more than the RX stream holds is accepted
    // and thrown away (the window stays open).
    let chunk = [0x55u8; 1000];
    let mut sent = 0;
    for _ in 0..40 {
        if let Ok(Progress::Done(k)) = n.b.send(c, &chunk) {
            sent += k;
        }
        n.run(50);
    }
    assert!(sent > 20_000, "the peer could send only {sent} bytes");
    assert_eq!(n.b.query(c, Query::TxSize), Ok(0), "everything acknowledged");
    assert_eq!(n.a.query(child, Query::RxSize), Ok(0));
    assert_eq!(app(&mut n).recv(child, Some(&mut buf), 16, false), Err(Error::NotConnected));
    // Our direction still works.
    assert_eq!(app(&mut n).send(child, b"reply"), Ok(Progress::Done(5)));
    n.run(50);
    assert_eq!(n.b.recv(c, Some(&mut buf), 16, false), Ok(Progress::Done(5)));
    // SHUT_WR afterwards is upstream's graceful close.
    assert_eq!(app(&mut n).shutdown_how(child, SHUT_WR), Ok(()));
    n.run(200);
    assert_eq!(n.b.recv(c, Some(&mut buf), 16, false), Err(Error::NotConnected));
}

#[test]
fn shutdown_how_codes_with_the_option() {
    let mut n = Net::new();
    n.a.ext.cfg = on();
    let (l, c, child) = establish(&mut n);
    assert_eq!(app(&mut n).shutdown_how(child, 3), Err(Error::Invalid));
    assert_eq!(app(&mut n).shutdown_how(child, -1), Err(Error::Invalid));
    // A listener is not connected; a dead handle keeps upstream's code.
    assert_eq!(app(&mut n).shutdown_how(l, SHUT_RD), Err(Error::NotConnected));
    let gone = n.a.create_socket(Protocol::Tcp).unwrap();
    n.a.close(gone).unwrap();
    n.run(10);
    assert_eq!(app(&mut n).shutdown_how(gone, SHUT_RD), Err(Error::NotSupported));
    assert_eq!(app(&mut n).shutdown_how(gone, 9), Err(Error::NotSupported));
    // RDWR: upstream's graceful close.
    assert_eq!(app(&mut n).shutdown_how(child, SHUT_RDWR), Ok(()));
    n.run(200);
    let mut buf = [0u8; 4];
    assert_eq!(n.b.recv(c, Some(&mut buf), 4, false), Err(Error::NotConnected));
}

/// B connects to A's port-80 listener (backlog 3) `count` times; A accepts
/// each, reads the request; then every client sends FIN and goes: A's
/// children end in eCLOSE_WAIT. Returns (listener, children).
fn children_in_close_wait(n: &mut Net, count: usize) -> (SocketId, Vec<SocketId>) {
    let l = listener(&mut n.a, &mut n.ea, 80, 3);
    let mut children = Vec::new();
    let mut clients = Vec::new();
    for _ in 0..count {
        let c = n.b.create_socket(Protocol::Tcp).unwrap();
        n.b.connect(n.now, c, SockAddr::v4(IP_A, 80), &mut n.eb).unwrap();
        n.run(50);
        n.a.ext.app_now = n.now;
        let Ok(Progress::Done((child, _))) = n.a.accept(l) else { panic!("no child") };
        n.b.send(c, b"GET /\r\n").unwrap();
        n.run(50);
        let mut buf = [0u8; 16];
        assert_eq!(app(n).recv(child, Some(&mut buf), 16, false), Ok(Progress::Done(7)));
        children.push(child);
        clients.push(c);
    }
    n.run(10);
    for c in clients {
        n.b.shutdown(c).unwrap();
    }
    n.run(100);
    for c in &children {
        assert_eq!(n.a.sockets.get(*c).unwrap().tcp().unwrap().tcb.state(), TcpState::CloseWait);
    }
    (l, children)
}

#[test]
fn close_wait_sockets_stay_by_default() {
    let mut n = Net::new();
    let (l, children) = children_in_close_wait(&mut n, 3);
    n.run(120_000);
    for c in &children {
        assert!(n.a.sockets.get(*c).is_some_and(|s| !s.closing));
    }
    assert_eq!(n.a.sockets.get(l).unwrap().tcp().unwrap().child_count, 3);
    assert_eq!(n.a.ext.close_wait_reaped, 0);
}

#[test]
fn reaper_closes_close_wait_sockets_the_application_left_alone() {
    let mut n = Net::new();
    n.a.ext.cfg = on();
    let (l, children) = children_in_close_wait(&mut n, 3);
    // The application still uses the last one (a send that fails, as the
    // naive K63F handler does, counts as a call).
    let kept = children[2];
    n.run(3_000);
    assert_eq!(app(&mut n).send(kept, b"x"), Err(Error::NotConnected));
    n.run(2_500);
    // 5.6 s in eCLOSE_WAIT: the two left alone are closed; the used one
    // stays until 5 s after its last call.
    for c in &children[..2] {
        assert!(n.a.sockets.get(*c).is_none(), "child {c:?} still there");
    }
    assert!(n.a.sockets.get(kept).is_some());
    assert_eq!(n.a.sockets.get(l).unwrap().tcp().unwrap().child_count, 1);
    // A stale handle gets the stale-handle codes.
    let mut buf = [0u8; 4];
    assert_eq!(app(&mut n).recv(children[0], Some(&mut buf), 4, false), Err(Error::Invalid));
    assert_eq!(app(&mut n).query(children[0], Query::ConnStatus), Err(Error::Invalid));
    assert_eq!(app(&mut n).close(children[0]), Err(Error::Invalid));
    n.run(2_600);
    assert!(n.a.sockets.get(kept).is_none());
    assert_eq!(n.a.sockets.get(l).unwrap().tcp().unwrap().child_count, 0);
    assert_eq!(n.a.ext.close_wait_reaped, 3);
    // The listener serves again.
    let c = n.b.create_socket(Protocol::Tcp).unwrap();
    n.b.connect(n.now, c, SockAddr::v4(IP_A, 80), &mut n.eb).unwrap();
    n.run(50);
    assert_eq!(n.b.connect_progress(c), Progress::Done(Ok(())));
    // The listener itself is never reaped, nor an established child.
    n.run(20_000);
    assert!(n.a.sockets.get(l).is_some());
    assert_eq!(n.b.query(c, Query::ConnStatus), Ok(TcpState::Established as i64));
}

/// A socket's record read more than 2^31 ticks after its stamps were
/// made (the 32-bit clock, time.rs): the ages stop at `time::HORIZON`
/// instead of wrapping to small (or, as instants, future) values.
#[test]
fn record_ages_stop_at_the_horizon() {
    let mut n = Net::new();
    n.a.ext.cfg = ExtConfig { netstat_diagnostics: true, ..ExtConfig::OFF };
    let (_, children) = children_in_close_wait(&mut n, 1);
    let track = |n: &Net| n.a.sockets.get(children[0]).unwrap().tcp().unwrap().ext.track.state_age(n.now);
    // 3 x 2^30 ticks (37 days at 1 kHz), the IP task's poll meanwhile.
    for _ in 0..3 {
        n.run(1 << 30);
    }
    assert_eq!(track(&n), crate::time::HORIZON.0);
    let call = n.a.sockets.get(children[0]).unwrap().tcp().unwrap().ext.track.call_age(n.now);
    assert_eq!(call, Some(crate::time::HORIZON.0));
}

#[test]
fn netstat_diagnostics_explain_a_backlog_full_of_close_wait() {
    let mut n = Net::new();
    n.a.ext.cfg = ExtConfig { netstat_diagnostics: true, ..ExtConfig::OFF };
    let (_, _) = children_in_close_wait(&mut n, 3);
    n.run(12_000);
    let lines = netstat_lines(&n.a, n.now);
    // Upstream's lines are unchanged; ours follow the trailer.
    n.a.ext.cfg = ExtConfig::OFF;
    let plain = netstat_lines(&n.a, n.now);
    assert_eq!(plain.len(), 6, "{plain:?}");
    assert!(plain[5].starts_with("FreeRTOS_netstat: 4 sockets"));
    assert_eq!(lines[..6], plain[..]);
    assert!(lines[6].starts_with("Diagnostics (ipconfigFPTCP_NETSTAT_DIAGNOSTICS)"), "{lines:?}");
    let cw: Vec<_> = lines.iter().filter(|l| l.contains(" eCLOSE_WAIT for 12 s; ")).collect();
    assert_eq!(cw.len(), 3, "{lines:?}");
    for l in &cw {
        assert!(l.starts_with("TCP    80 192.0.2.1:"), "{l}");
        assert!(l.contains("; application's last call 12 s ago; peer's FIN 12 s ago, no call since\n"), "{l}");
    }
    assert!(lines.iter().any(|l| l.starts_with("TCP    80 0.0.0.0:0 eTCP_LISTEN for 12 s; backlog 3/3\n")), "{lines:?}");
    assert_eq!(
        lines.last().unwrap(),
        "port 80: backlog 3/3 full; 3 children in eCLOSE_WAIT for 12 s: the application must call FreeRTOS_closesocket() on them\n"
    );
    assert_eq!(lines.len(), 6 + 1 + 4 + 1);
    // With the reaper on, each eCLOSE_WAIT line says when it will act.
    n.a.ext.cfg = ExtConfig { netstat_diagnostics: true, close_wait_timeout: Some(Duration(60_000)), ..ExtConfig::OFF };
    let lines = netstat_lines(&n.a, n.now);
    assert!(lines.iter().filter(|l| l.contains("; closed by the stack in 47 s unless used\n")).count() == 3, "{lines:?}");
}

#[test]
fn metrics_report_states_queues_calls_and_retransmissions() {
    let mut n = Net::new();
    let (l, c, child) = establish(&mut n);
    let u = n.a.create_socket(Protocol::Udp).unwrap();
    n.a.bind(u, Some(SockAddr::v4(Ipv4Addr::UNSPECIFIED, 5000)), &mut n.ea).unwrap();
    n.run(3_000);
    assert_eq!(app(&mut n).query(child, Query::RxSize), Ok(0));
    // B's data segment is lost once: its retransmission is counted on B.
    assert_eq!(n.b.send(c, b"0123456789"), Ok(Progress::Done(10)));
    n.b.poll(n.now, &mut n.eb);
    let lost = core::mem::take(&mut n.eb.out);
    assert_eq!(lost.len(), 1, "one data segment");
    n.run(2_000);
    let mut rows = Vec::new();
    n.a.ext.app_now = n.now;
    n.a.socket_metrics(n.now, |m| rows.push(m));
    assert_eq!(rows.len(), 3);
    let listener = rows.iter().find(|m| m.ucState == TcpState::Listen as u8).unwrap();
    assert_eq!((listener.usLocalPort, listener.usChildCount, listener.usBacklog, listener.ucProtocol), (80, 1, 3, 6));
    let ch = rows.iter().find(|m| m.ucState == TcpState::Established as u8).unwrap();
    assert_eq!(ch.ulRemoteAddress, u32::from_ne_bytes(IP_B.0));
    assert_eq!((ch.ulRxQueued, ch.ulTxQueued, ch.ulRetransmissions), (10, 0, 0));
    assert!((5_000..=5_100).contains(&ch.ulMsInState), "{}", ch.ulMsInState);
    // FreeRTOS_rx_size() 2 s ago was the application's only call on the
    // child (accept() is a call on the listener).
    assert!((1_950..=2_050).contains(&ch.ulMsSinceApplicationCall), "{}", ch.ulMsSinceApplicationCall);
    let udp = rows.iter().find(|m| m.ucProtocol == 17).unwrap();
    assert_eq!((udp.usLocalPort, udp.ulRxQueued, udp.ucState), (5000, 0, 0));
    let mut brows = Vec::new();
    n.b.socket_metrics(n.now, |m| brows.push(m));
    assert_eq!(brows.len(), 1);
    assert_eq!(brows[0].ulRetransmissions, 1);
    assert_ne!(brows[0].ulMsSinceApplicationCall, super::metrics::NO_CALL, "B's socket was called");
    let _ = (l, child);
    // Stack-wide counters.
    let m = n.a.stack_metrics();
    assert_eq!((m.ulTcpSockets, m.ulUdpSockets), (2, 1));
    assert!(m.ulFramesIn >= 4 && m.ulFramesOut >= 3, "{m:?}");
    assert_eq!(m.ulDroppedChecksum, 0);
    let mut bad = Vec::from(&lost[0][..]);
    bad[14 + 20 + 16] ^= 0x55; // the TCP checksum
    n.a.receive_frame(n.now, 0, &bad, &mut n.ea);
    assert_eq!(n.a.stack_metrics().ulDroppedChecksum, 1);
}

#[test]
fn netstat_diagnostics_lines_fit_their_buffers_with_the_widest_numbers() {
    let mut n = Net::new();
    n.a.ext.cfg = on();
    let (_, _) = children_in_close_wait(&mut n, 3);
    // Ages near 2^32 ticks, the reaper's deadline as far off as it goes.
    n.a.ext.cfg.close_wait_timeout = Some(Duration(u32::MAX));
    // (The children entered eCLOSE_WAIT less than 300 ticks ago.)
    let later = Instant(n.now.ticks().wrapping_add(u32::MAX - 300));
    let lines = netstat_lines(&n.a, later);
    assert_eq!(lines.len(), 12, "{lines:?}");
    for l in &lines {
        assert!(l.ends_with('\n'), "cut short: {l:?}");
    }
    assert!(lines.iter().any(|l| l.contains("eCLOSE_WAIT for 429496") && l.contains("closed by the stack in ")), "{lines:?}");
}
