//! Socket sets on two stacks wired back to back: which `eSELECT_*` bits a
//! member is ready for in each state (reference §2.14), the notices that
//! wake a task in `select()`, signals, and stale set handles.
use alloc::vec::Vec;

use super::select::{bits, SetId};
use super::testenv::*;
use super::*;
use crate::socket::ops::Progress;

/// Every notice the stack has queued, in order.
fn notices(s: &mut Stack) -> Vec<Notice> {
    core::iter::from_fn(|| s.next_notice()).collect()
}

/// The bits the notices raise on `set`'s event group.
fn raised(s: &mut Stack, set: SetId) -> u32 {
    notices(s)
        .into_iter()
        .map(|n| match n {
            Notice::SelectWake(id, b) if id.index == set.index => b,
            _ => 0,
        })
        .fold(0, |a, b| a | b)
}

#[test]
fn listener_is_readable_when_a_child_is_acceptable_and_the_child_inherits_the_set() {
    let mut n = Net::new();
    let set = n.a.create_set().unwrap();
    let l = listener(&mut n.a, &mut n.ea, 80, 3);
    n.a.fd_set(l, set, bits::READ).unwrap();
    assert_eq!(n.a.select_poll(set), Ok(0), "nothing to accept yet");
    notices(&mut n.a);
    let c = n.b.create_socket(Protocol::Tcp).unwrap();
    n.b.connect(n.now, c, SockAddr::v4(IP_A, 80), &mut n.eb).unwrap();
    n.run(50);
    assert_ne!(raised(&mut n.a, set) & bits::READ, 0, "the new connection woke the set");
    assert_eq!(n.a.select_poll(set), Ok(bits::READ));
    assert_eq!(n.a.fd_isset(l, set), bits::READ);
    let Ok(Progress::Done((child, _))) = n.a.accept(l) else { panic!("no child") };
    // Accepted: no child left, so the listener is not readable any more;
    // the child is in the listener's set with READ | EXCEPT added.
    assert_eq!(n.a.select_poll(set), Ok(0));
    assert_eq!(n.a.fd_isset(l, set), 0);
    let sel = n.a.sockets.get(child).unwrap().select;
    assert_eq!(sel.set, Some(set));
    assert_eq!(sel.interest, bits::READ | bits::EXCEPT);
    // Data for the child: READ on the child only.
    n.b.send(c, b"hello").unwrap();
    n.run(10);
    assert_ne!(raised(&mut n.a, set) & bits::READ, 0);
    assert_eq!(n.a.select_poll(set), Ok(bits::READ));
    assert_eq!(n.a.fd_isset(child, set), bits::READ);
    assert_eq!(n.a.fd_isset(l, set), 0);
}

#[test]
fn an_unaccepted_child_is_ready_for_nothing() {
    let mut n = Net::new();
    let set = n.a.create_set().unwrap();
    let l = listener(&mut n.a, &mut n.ea, 80, 3);
    n.a.fd_set(l, set, bits::READ | bits::EXCEPT).unwrap();
    let c = n.b.create_socket(Protocol::Tcp).unwrap();
    n.b.connect(n.now, c, SockAddr::v4(IP_A, 80), &mut n.eb).unwrap();
    n.run(50);
    n.b.send(c, b"early").unwrap();
    n.run(10);
    let child = n.a.sockets.iter().find(|(_, s)| s.is_child()).map(|(id, _)| id).unwrap();
    assert_eq!(n.a.select_poll(set), Ok(bits::READ), "the listener only");
    assert_eq!(n.a.fd_isset(child, set), 0, "data, but no handle yet");
}

/// Upstream's WRITE rule (reference §2.14, `FreeRTOS_tx_space`): a socket
/// without a TX stream counts as having room, so a connecting socket is
/// writable at once, and a refused one is EXCEPT and WRITE.
/// Measured side by side (docs/side-by-side.md rows S1, S2; WRITE|EXCEPT
/// interest, select with block 0 after a non-blocking connect): to a
/// listening Linux port upstream 0x2 in eCONNECT_SYN and 0x2 once
/// established, ours the same; to a closed port upstream 0x2, then 0x6
/// (FD_ISSET 0x6) one tick later in eCLOSED, ours the same.
#[test]
fn connecting_socket_is_writable_at_once_and_refused_is_except_and_write() {
    let mut n = Net::new();
    listener(&mut n.a, &mut n.ea, 80, 3);
    let set = n.b.create_set().unwrap();
    let c = n.b.create_socket(Protocol::Tcp).unwrap();
    n.b.connect(n.now, c, SockAddr::v4(IP_A, 80), &mut n.eb).unwrap();
    n.b.fd_set(c, set, bits::WRITE | bits::EXCEPT).unwrap();
    assert_eq!(n.b.select_poll(set), Ok(bits::WRITE), "no stream yet counts as room (upstream)");
    notices(&mut n.b);
    n.run(50);
    assert_eq!(n.b.select_poll(set), Ok(bits::WRITE));
    assert_eq!(n.b.fd_isset(c, set), bits::WRITE);

    // Port 81 has no listener: A answers the SYN with an RST.
    let r = n.b.create_socket(Protocol::Tcp).unwrap();
    n.b.connect(n.now, r, SockAddr::v4(IP_A, 81), &mut n.eb).unwrap();
    n.b.fd_set(r, set, bits::WRITE | bits::EXCEPT).unwrap();
    notices(&mut n.b);
    n.run(50);
    assert_ne!(raised(&mut n.b, set) & bits::EXCEPT, 0);
    let got = n.b.select_poll(set).unwrap();
    assert_eq!(n.b.fd_isset(r, set), bits::EXCEPT | bits::WRITE, "refused: EXCEPT, and WRITE as upstream");
    assert_eq!(got, bits::EXCEPT | bits::WRITE);
}

#[test]
fn data_then_fin_is_read_and_except() {
    let mut n = Net::new();
    let (_, c, child) = establish(&mut n);
    let set = n.a.create_set().unwrap();
    n.a.fd_set(child, set, bits::READ | bits::EXCEPT).unwrap();
    assert_eq!(n.a.select_poll(set), Ok(0));
    n.b.send(c, b"last words").unwrap();
    n.b.shutdown(c).unwrap();
    n.run(100);
    // Upstream: READ while bytes remain, EXCEPT once the peer has closed.
    assert_eq!(n.a.select_poll(set), Ok(bits::READ | bits::EXCEPT));
    let mut buf = [0u8; 32];
    assert_eq!(n.a.recv(child, Some(&mut buf), 32, false), Ok(Progress::Done(10)));
    assert_eq!(n.a.select_poll(set), Ok(bits::EXCEPT));
}

#[test]
fn reset_connection_is_exceptional() {
    let mut n = Net::new();
    let (_, c, child) = establish(&mut n);
    let set = n.a.create_set().unwrap();
    n.a.fd_set(child, set, bits::READ | bits::EXCEPT).unwrap();
    notices(&mut n.a);
    // Closing B's socket aborts it with an RST (§14.5 row 10).
    n.b.close(c).unwrap();
    n.run(10);
    assert_ne!(raised(&mut n.a, set) & bits::EXCEPT, 0);
    assert_eq!(n.a.select_poll(set), Ok(bits::EXCEPT));
}

#[test]
fn udp_socket_is_readable_with_a_datagram_queued() {
    let mut n = Net::new();
    let set = n.a.create_set().unwrap();
    let u = n.a.create_socket(Protocol::Udp).unwrap();
    n.a.bind(u, Some(SockAddr::v4(Ipv4Addr::UNSPECIFIED, 7000)), &mut n.ea).unwrap();
    n.a.fd_set(u, set, bits::READ | bits::WRITE | bits::EXCEPT).unwrap();
    assert_eq!(n.a.select_poll(set), Ok(0), "WRITE and EXCEPT are not used for UDP");
    let b = n.b.create_socket(Protocol::Udp).unwrap();
    let frame = n.eb.new_frame(udp::PAYLOAD_OFFSET + 2);
    n.b.sendto(b, frame, 2, SockAddr::v4(IP_A, 7000), &mut n.eb).unwrap();
    n.run(10);
    assert_eq!(raised(&mut n.a, set), bits::READ);
    assert_eq!(n.a.select_poll(set), Ok(bits::READ));
    let Ok(Progress::Done(d)) = n.a.recvfrom(u, false) else { panic!("no datagram") };
    n.ea.release_frame(d.frame);
    assert_eq!(n.a.select_poll(set), Ok(0));
}

#[test]
fn fd_clr_leaves_the_set_when_no_interest_is_left() {
    let mut s = stack(IP_A, MAC_A);
    let set = s.create_set().unwrap();
    let u = s.create_socket(Protocol::Udp).unwrap();
    s.fd_set(u, set, bits::READ | bits::WRITE | 0xf0).unwrap();
    let sel = s.sockets.get(u).unwrap().select;
    assert_eq!((sel.set, sel.interest), (Some(set), bits::READ | bits::WRITE), "internal bits are dropped");
    s.fd_clr(u, set, bits::READ).unwrap();
    assert_eq!(s.sockets.get(u).unwrap().select.set, Some(set));
    s.fd_clr(u, set, bits::WRITE).unwrap();
    assert_eq!(s.sockets.get(u).unwrap().select.set, None);
    // FD_SET with no bits does not join a set.
    s.fd_set(u, set, 0).unwrap();
    assert_eq!(s.sockets.get(u).unwrap().select.set, None);
}

#[test]
fn stale_and_deleted_sets_are_refused_and_members_let_go() {
    let mut s = stack(IP_A, MAC_A);
    let set = s.create_set().unwrap();
    let u = s.create_socket(Protocol::Udp).unwrap();
    s.fd_set(u, set, bits::READ).unwrap();
    notices(&mut s);
    s.delete_set(set).unwrap();
    assert_eq!(s.sockets.get(u).unwrap().select.set, None, "no member refers to a deleted set");
    assert_ne!(raised(&mut s, set), 0, "a task in select() on it is woken");
    assert_eq!(s.select_poll(set), Err(Error::Invalid));
    assert_eq!(s.fd_set(u, set, bits::READ), Err(Error::Invalid));
    assert_eq!(s.fd_clr(u, set, bits::READ), Err(Error::Invalid));
    assert_eq!(s.fd_isset(u, set), 0);
    assert_eq!(s.delete_set(set), Err(Error::Invalid), "deleting twice");
    // The slot is reused with a new generation: the old id stays dead.
    let again = s.create_set().unwrap();
    assert_eq!(again.index, set.index);
    assert_ne!(again, set);
    assert!(!s.set_exists(set));
    assert_eq!(s.select_poll(again), Ok(0));
    // A socket id that is stale fails too.
    s.close(u).unwrap();
    assert_eq!(s.fd_set(u, again, bits::READ), Err(Error::Invalid));
}

#[test]
fn a_freed_member_wakes_the_set_and_leaves_it() {
    let mut n = Net::new();
    let set = n.a.create_set().unwrap();
    let u = n.a.create_socket(Protocol::Udp).unwrap();
    let v = n.a.create_socket(Protocol::Udp).unwrap();
    n.a.fd_set(u, set, bits::READ).unwrap();
    n.a.fd_set(v, set, bits::READ).unwrap();
    notices(&mut n.a);
    n.a.close(u).unwrap();
    n.run(1);
    assert_ne!(raised(&mut n.a, set), 0, "freeing a member wakes select()");
    assert_eq!(n.a.select_poll(set), Ok(0));
    assert_eq!(n.a.fd_isset(u, set), 0);
    assert_eq!(n.a.sockets.get(v).unwrap().select.set, Some(set));
}

#[test]
fn signal_interrupts_the_set_or_the_socket() {
    let mut s = stack(IP_A, MAC_A);
    let set = s.create_set().unwrap();
    let a = s.create_socket(Protocol::Udp).unwrap();
    let b = s.create_socket(Protocol::Tcp).unwrap();
    s.fd_set(a, set, bits::READ).unwrap();
    notices(&mut s);
    // In a set: the set gets eSELECT_INTR, once; the socket is not signalled.
    s.signal(a).unwrap();
    assert_eq!(raised(&mut s, set), bits::INTR);
    assert!(!s.take_signal(a));
    assert_eq!(s.select_poll(set), Ok(bits::INTR));
    assert_eq!(s.select_poll(set), Ok(0), "the signal is consumed");
    // Outside a set: the socket's own eSOCKET_INTR, and a pending signal.
    s.signal(b).unwrap();
    assert!(notices(&mut s).contains(&Notice::Wake(b, event::INTR)));
    assert!(s.take_signal(b));
    assert!(!s.take_signal(b), "consumed once");
    // A closed socket cannot be signalled.
    s.close(b).unwrap();
    assert_eq!(s.signal(b), Err(Error::Invalid));
}

#[test]
fn set_handles_run_out_cleanly() {
    let mut s = stack(IP_A, MAC_A);
    let sets: Vec<SetId> = (0..100).map(|_| s.create_set().unwrap()).collect();
    for set in &sets {
        s.delete_set(*set).unwrap();
    }
    // 100 deletes and creates later every old handle is still refused.
    let fresh: Vec<SetId> = (0..100).map(|_| s.create_set().unwrap()).collect();
    assert!(sets.iter().all(|old| !s.set_exists(*old)));
    assert!(fresh.iter().all(|new| s.set_exists(*new)));
}

/// `FREERTOS_SO_REUSE_LISTEN_SOCKET` under select (upstream's rule, §2.14:
/// "a REUSE socket is connected" is READ): the listener itself takes the
/// connection, its READ bit says so, and `accept()` returns the listener.
#[test]
fn reuse_listen_socket_is_readable_when_it_got_connected() {
    let mut n = Net::new();
    let set = n.a.create_set().unwrap();
    let l = n.a.create_socket(Protocol::Tcp).unwrap();
    n.a.set_option(l, crate::socket::ops::SocketOption::ReuseListen(true)).unwrap();
    n.a.bind(l, Some(SockAddr::v4(Ipv4Addr::UNSPECIFIED, 80)), &mut n.ea).unwrap();
    n.a.listen(l, 1).unwrap();
    n.a.fd_set(l, set, bits::READ | bits::EXCEPT).unwrap();
    assert_eq!(n.a.select_poll(set), Ok(0), "listening, nobody connected");
    notices(&mut n.a);
    let c = n.b.create_socket(Protocol::Tcp).unwrap();
    n.b.connect(n.now, c, SockAddr::v4(IP_A, 80), &mut n.eb).unwrap();
    n.run(50);
    assert_ne!(raised(&mut n.a, set) & bits::READ, 0, "the connection woke the set");
    assert_eq!(n.a.select_poll(set), Ok(bits::READ));
    assert_eq!(n.a.fd_isset(l, set), bits::READ);
    let Ok(Progress::Done((got, _))) = n.a.accept(l) else { panic!("accept found nothing") };
    assert_eq!(got, l, "a REUSE listener is its own connection");
    // Accepted: READ now means data, and there is none yet.
    assert_eq!(n.a.select_poll(set), Ok(0));
}

/// Measured side by side (docs/side-by-side.md, rows S7-S9): upstream's
/// select looks only at bound sockets, so a fresh TCP socket in a set with
/// READ | WRITE | EXCEPT is ready for nothing (upstream 0; ours was
/// WRITE | EXCEPT before we matched it); once bound (still eCLOSED) it is
/// WRITE | EXCEPT on both. A fresh UDP socket: 0 on both.
#[test]
fn unbound_socket_is_ready_for_nothing_bound_closed_is_write_and_except() {
    let mut n = Net::new();
    let set = n.a.create_set().unwrap();
    let t = n.a.create_socket(Protocol::Tcp).unwrap();
    n.a.fd_set(t, set, bits::READ | bits::WRITE | bits::EXCEPT).unwrap();
    assert_eq!(n.a.select_poll(set), Ok(0), "upstream: 0 for an unbound socket");
    assert_eq!(n.a.fd_isset(t, set), 0);
    n.a.bind(t, Some(SockAddr::v4(Ipv4Addr::UNSPECIFIED, 8001)), &mut n.ea).unwrap();
    assert_eq!(n.a.select_poll(set), Ok(bits::WRITE | bits::EXCEPT), "upstream: 0x6 once bound");
    assert_eq!(n.a.fd_isset(t, set), bits::WRITE | bits::EXCEPT);
    n.a.fd_clr(t, set, bits::ALL).unwrap();
    let u = n.a.create_socket(Protocol::Udp).unwrap();
    n.a.fd_set(u, set, bits::READ | bits::WRITE | bits::EXCEPT).unwrap();
    assert_eq!(n.a.select_poll(set), Ok(0), "upstream: 0");
}
