//! The stack's settings as the application configured them, and the one
//! way the stack reads them.
//!
//! A firmware build has one configuration, known at compile time: reading
//! it from the constant [`APP_CONFIG`] rather than from the copy in the
//! stack lets the compiler fold every setting (a TTL, a queue limit, a
//! checksum switch) into the code that uses it. Host tests and fuzz targets
//! build stacks with other settings (`config::RUNTIME_SETTINGS`): there the
//! stack's own copy decides. The TCP part is copied into each connection,
//! whose options may change it, and is read from there.
#![forbid(unsafe_code)]

use super::{StackConfig, UdpConfig};
use crate::config;
use crate::tcp::TcpConfig;

/// The application's settings (`FreeRTOSIPConfig.h`, through build.rs).
pub const APP_CONFIG: StackConfig = app_config();

impl StackConfig {
    /// The settings to read: the application's constants in a firmware
    /// build, `self` where tests and fuzz targets vary them.
    #[inline(always)]
    pub fn get(&self) -> &StackConfig {
        if config::RUNTIME_SETTINGS {
            self
        } else {
            &APP_CONFIG
        }
    }
}

const fn app_config() -> StackConfig {
    let mss = config::TCP_MSS;
    let tx = config::tx_stream_size(config::TCP_TX_BUFFER_LENGTH, mss as usize);
    let rx = config::TCP_RX_BUFFER_LENGTH;
    StackConfig {
        tick_rate: config::TICK_RATE,
        tcp: TcpConfig {
            tick_rate: config::TICK_RATE,
            mss,
            rx_stream_size: rx,
            tx_stream_size: tx,
            rx_win_segments: config::default_window_segments(rx, mss as usize),
            tx_win_segments: config::default_window_segments(tx, mss as usize),
            hang_protection: if config::TCP_HANG_PROTECTION {
                Some(config::TICK_RATE.ms(config::TCP_HANG_PROTECTION_TIME_S as u64 * 1000))
            } else {
                None
            },
            srtt_min_ms: config::TCP_SRTT_MINIMUM_VALUE_MS,
            win_props_set: false,
            low_water: 0,
            high_water: 0,
            keep_alive_ms: if config::TCP_KEEP_ALIVE {
                // At least 1 ms: 0 means off.
                match config::TCP_KEEP_ALIVE_INTERVAL_S.saturating_mul(1000) {
                    0 => 1,
                    ms => ms,
                }
            } else {
                0
            },
            // ipconfigFPTCP_KEEP_ALIVE_PROBES / _PROBE_INTERVAL_MS (issue #10;
            // upstream's 4 and 3000 ms unless the application chose others;
            // build.rs checks the range).
            keep_alive_probes: config::FPTCP_KEEP_ALIVE_PROBES as u8,
            keep_alive_probe_interval_ms: config::FPTCP_KEEP_ALIVE_PROBE_INTERVAL_MS,
        },
        arp_entries: config::ARP_CACHE_ENTRIES,
        arp_lifetime: super::arp::configured_lifetime(),
        ttl: config::TCP_TIME_TO_LIVE,
        default_rcv_timeout: config::DEFAULT_RECEIVE_BLOCK,
        default_snd_timeout: config::DEFAULT_SEND_BLOCK,
        verify_rx_checksums: !config::DRIVER_INCLUDED_RX_IP_CHECKSUM,
        udp: UdpConfig {
            max_rx_packets: config::UDP_MAX_RX_PACKETS,
            max_held: at_least_one(config::NUM_NETWORK_BUFFER_DESCRIPTORS / 2),
            tx_queue: at_least_one(config::EVENT_QUEUE_LENGTH),
            ttl: config::UDP_TIME_TO_LIVE,
            pass_zero_checksum: config::UDP_PASS_ZERO_CHECKSUM_PACKETS,
            max_payload: config::NETWORK_MTU.saturating_sub(28),
            max_send_block: config::UDP_MAX_SEND_BLOCK_TIME_TICKS as u64,
            allow_send_without_bind: config::ALLOW_SOCKET_SEND_WITHOUT_BIND,
        },
    }
}


/// `n.max(1)` for `const` evaluation.
const fn at_least_one(n: usize) -> usize {
    if n == 0 {
        1
    } else {
        n
    }
}
