//! Replays one `frame` input (a crash artifact or a seed) on a fresh `Live`
//! and prints every TCP segment A and B exchange afterwards, with both
//! connection records, for 12 rounds: enough to see a loop.
//! `cargo run --release --example trace_frame -- <file>` (from fuzz/).
use freertos_plus_tcp::stack::testenv::tcb_of;
use freertos_plus_tcp::wire::{ethernet, ipv4, tcp};
use freertos_plus_tcp_fuzz::*;
fn main() {
    let data = std::fs::read(std::env::args().nth(1).unwrap()).unwrap();
    let mut frame = data[1..].to_vec();
    if data[0] & 1 != 0 {
        fix_checksums(&mut frame);
    }
    let mut live = Live::new();
    let n = &mut live.net;
    println!("A child {:?}", tcb_of(&n.a, live.child).map(|t| (t.state(), t.seq_view())));
    println!("B client {:?}", tcb_of(&n.b, live.client).map(|t| (t.state(), t.seq_view())));
    let show = |tag: &str, f: &[u8]| {
        if let Ok((_, p)) = ethernet::parse(f) {
            if let Ok((ip, b)) = ipv4::parse(p) {
                if let Ok((r, d)) = tcp::parse(b, ip.src, ip.dst, false) {
                    println!(
                        "{tag} {}->{} {:?} seq {} ack {} win {} len {}",
                        r.src_port,
                        r.dst_port,
                        r.flags,
                        r.seq,
                        r.ack,
                        r.window,
                        d.len()
                    );
                    return;
                }
            }
        }
        println!("{tag} non-tcp {} bytes", f.len());
    };
    show("in ", &frame);
    n.a.receive_frame(n.now, 0, &frame, &mut n.ea);
    for round in 0..12 {
        n.a.poll(n.now, &mut n.ea);
        n.b.poll(n.now, &mut n.eb);
        let fa = std::mem::take(&mut n.ea.out);
        let fb = std::mem::take(&mut n.eb.out);
        for f in &fa {
            show(&format!("{round} A>"), f);
            n.b.receive_frame(n.now, 0, f, &mut n.eb);
        }
        for f in &fb {
            show(&format!("{round} B>"), f);
            n.a.receive_frame(n.now, 0, f, &mut n.ea);
        }
        println!("  A {:?}", tcb_of(&n.a, live.child).map(|t| (t.state(), t.seq_view())));
        println!("  B {:?}", tcb_of(&n.b, live.client).map(|t| (t.state(), t.seq_view())));
    }
}
