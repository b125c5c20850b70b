//! One Ethernet frame into stack A, which listens on port 80 and has a live
//! connection from B with data both ways. Input: one flags byte (bit 0:
//! recompute the IPv4 and TCP/ICMP checksums, so mutations reach the code
//! behind them), then the frame.
//!
//! Checks: no panic; the counters add up (`receive_checked`); every frame
//! A answers with parses back; the connection records keep their
//! invariants; after the exchange settles and 2 s pass, closing every
//! socket empties both socket tables.
#![no_main]

use freertos_plus_tcp::stack::testenv::check_stack;
use freertos_plus_tcp_fuzz::{check_output, close_all_and_drain, fix_checksums, receive_checked, Live};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, frame)) = data.split_first() else {
        return;
    };
    let mut frame = frame.to_vec();
    if flags & 1 != 0 {
        fix_checksums(&mut frame);
    }
    let mut live = Live::new();
    let n = &mut live.net;
    receive_checked(&mut n.a, &mut n.ea, n.now, &frame);
    check_output(&n.ea.out);
    n.run(2_000);
    check_stack(&n.a);
    check_stack(&n.b);
    close_all_and_drain(n);
});
