//! Build script: reads the application's FreeRTOS and FreeRTOS+TCP
//! configuration and generates, into `OUT_DIR`:
//!
//! * `sys.rs`: bindgen's view of the kernel API and of our own drop-in
//!   headers (`include/`). The C-visible structs the library touches
//!   (`NetworkBufferDescriptor_t`, `NetworkInterface_t`, `NetworkEndPoint_t`,
//!   `IPStackEvent_t`, `struct freertos_sockaddr`) are taken from the same
//!   headers the application compiles against, so their layout cannot drift;
//!   bindgen's layout assertions and the C `_Static_assert`s check them.
//! * `config.rs`: every `ipconfig*` value the library uses, evaluated by
//!   clang after `FreeRTOSIPConfigDefaults.h` filled in upstream's defaults.
//!
//! It also compiles the small C shim (`freertos-port/shim/fptcp_shim.c`)
//! that wraps kernel macros, `configASSERT` and `FreeRTOS_printf`.
//!
//! Inputs (environment): `FPTCP_CONFIG_DIR` (folder with `FreeRTOSConfig.h`
//! and `FreeRTOSIPConfig.h`), `FREERTOS_KERNEL_PATH` (kernel source tree),
//! `FPTCP_EXTRA_INCLUDES` (colon-separated extra include folders).
use std::collections::BTreeMap;
use std::env;
use std::path::PathBuf;
use std::process::Command;
use std::sync::{Arc, Mutex};

/// Configuration values probed from the application's headers. Each entry is
/// (name used in config.rs, C expression, Rust type). The probe puts each
/// expression into an enum constant, which clang evaluates for us.
const PROBES: &[(&str, &str, &str)] = &[
    ("USE_IPV4", "ipconfigUSE_IPv4", "bool"),
    ("USE_IPV6", "ipconfigUSE_IPv6", "bool"),
    ("USE_RA", "ipconfigUSE_RA", "bool"),
    ("USE_TCP", "ipconfigUSE_TCP", "bool"),
    ("USE_TCP_WIN", "ipconfigUSE_TCP_WIN", "bool"),
    ("USE_DHCP", "ipconfigUSE_DHCP", "bool"),
    ("USE_DNS", "ipconfigUSE_DNS", "bool"),
    ("USE_LLMNR", "ipconfigUSE_LLMNR", "bool"),
    ("USE_NBNS", "ipconfigUSE_NBNS", "bool"),
    ("USE_MDNS", "ipconfigUSE_MDNS", "bool"),
    ("USE_CALLBACKS", "ipconfigUSE_CALLBACKS", "bool"),
    ("SUPPORT_SELECT_FUNCTION", "ipconfigSUPPORT_SELECT_FUNCTION", "bool"),
    ("SUPPORT_SIGNALS", "ipconfigSUPPORT_SIGNALS", "bool"),
    ("TCP_KEEP_ALIVE", "ipconfigTCP_KEEP_ALIVE", "bool"),
    ("USE_LINKED_RX_MESSAGES", "ipconfigUSE_LINKED_RX_MESSAGES", "bool"),
    ("ZERO_COPY_RX_DRIVER", "ipconfigZERO_COPY_RX_DRIVER", "bool"),
    ("ZERO_COPY_TX_DRIVER", "ipconfigZERO_COPY_TX_DRIVER", "bool"),
    ("IPV4_BACKWARD_COMPATIBLE", "ipconfigIPv4_BACKWARD_COMPATIBLE", "bool"),
    ("USE_NETWORK_EVENT_HOOK", "ipconfigUSE_NETWORK_EVENT_HOOK", "bool"),
    ("HAS_PRINTF", "ipconfigHAS_PRINTF", "bool"),
    ("TCP_HANG_PROTECTION", "ipconfigTCP_HANG_PROTECTION", "bool"),
    ("TCP_HANG_PROTECTION_TIME_S", "ipconfigTCP_HANG_PROTECTION_TIME", "u32"),
    ("TCP_KEEP_ALIVE_INTERVAL_S", "ipconfigTCP_KEEP_ALIVE_INTERVAL", "u32"),
    ("NETWORK_MTU", "ipconfigNETWORK_MTU", "usize"),
    ("TCP_MSS", "ipconfigTCP_MSS", "u16"),
    ("TCP_RX_BUFFER_LENGTH", "ipconfigTCP_RX_BUFFER_LENGTH", "usize"),
    ("TCP_TX_BUFFER_LENGTH", "ipconfigTCP_TX_BUFFER_LENGTH", "usize"),
    ("NUM_NETWORK_BUFFER_DESCRIPTORS", "ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS", "usize"),
    ("EVENT_QUEUE_LENGTH", "ipconfigEVENT_QUEUE_LENGTH", "usize"),
    ("IP_TASK_PRIORITY", "ipconfigIP_TASK_PRIORITY", "u32"),
    ("IP_TASK_STACK_SIZE_WORDS", "ipconfigIP_TASK_STACK_SIZE_WORDS", "u32"),
    ("ARP_CACHE_ENTRIES", "ipconfigARP_CACHE_ENTRIES", "usize"),
    ("MAX_ARP_AGE", "ipconfigMAX_ARP_AGE", "u32"),
    ("MAX_ARP_RETRANSMISSIONS", "ipconfigMAX_ARP_RETRANSMISSIONS", "u32"),
    ("TCP_TIME_TO_LIVE", "ipconfigTCP_TIME_TO_LIVE", "u8"),
    ("ICMP_TIME_TO_LIVE", "ipconfigICMP_TIME_TO_LIVE", "u8"),
    ("TCP_SRTT_MINIMUM_VALUE_MS", "ipconfigTCP_SRTT_MINIMUM_VALUE_MS", "u32"),
    ("TCP_WIN_SEG_COUNT", "ipconfigTCP_WIN_SEG_COUNT", "usize"),
    ("BUFFER_PADDING", "ipBUFFER_PADDING", "usize"),
    ("PACKET_FILLER_SIZE", "ipconfigPACKET_FILLER_SIZE", "usize"),
    ("RCV_BLOCK_IS_MAX", "(ipconfigSOCK_DEFAULT_RECEIVE_BLOCK_TIME == portMAX_DELAY)", "bool"),
    ("SND_BLOCK_IS_MAX", "(ipconfigSOCK_DEFAULT_SEND_BLOCK_TIME == portMAX_DELAY)", "bool"),
    ("RCV_BLOCK_TICKS_LO", "(int)(ipconfigSOCK_DEFAULT_RECEIVE_BLOCK_TIME & 0x7fffffff)", "u32"),
    ("SND_BLOCK_TICKS_LO", "(int)(ipconfigSOCK_DEFAULT_SEND_BLOCK_TIME & 0x7fffffff)", "u32"),
    ("TICK_RATE_HZ", "configTICK_RATE_HZ", "u32"),
    ("MAX_PRIORITIES", "configMAX_PRIORITIES", "u32"),
    ("BYTE_ALIGNMENT", "portBYTE_ALIGNMENT", "usize"),
    ("ALLOW_SOCKET_SEND_WITHOUT_BIND", "ipconfigALLOW_SOCKET_SEND_WITHOUT_BIND", "bool"),
    ("ETHERNET_MINIMUM_PACKET_BYTES", "ipconfigETHERNET_MINIMUM_PACKET_BYTES", "usize"),
    ("ETHERNET_DRIVER_FILTERS_FRAME_TYPES", "ipconfigETHERNET_DRIVER_FILTERS_FRAME_TYPES", "bool"),
    ("DRIVER_INCLUDED_RX_IP_CHECKSUM", "ipconfigDRIVER_INCLUDED_RX_IP_CHECKSUM", "bool"),
    ("DRIVER_INCLUDED_TX_IP_CHECKSUM", "ipconfigDRIVER_INCLUDED_TX_IP_CHECKSUM", "bool"),
    ("UDP_MAX_RX_PACKETS", "ipconfigUDP_MAX_RX_PACKETS", "usize"),
    ("UDP_MAX_SEND_BLOCK_TIME_TICKS", "(int)(ipconfigUDP_MAX_SEND_BLOCK_TIME_TICKS & 0x7fffffff)", "u32"),
    ("UDP_PASS_ZERO_CHECKSUM_PACKETS", "ipconfigUDP_PASS_ZERO_CHECKSUM_PACKETS", "bool"),
    ("UDP_TIME_TO_LIVE", "ipconfigUDP_TIME_TO_LIVE", "u8"),
    ("USE_DHCP_HOOK", "ipconfigUSE_DHCP_HOOK", "bool"),
    ("DHCP_REGISTER_HOSTNAME", "ipconfigDHCP_REGISTER_HOSTNAME", "bool"),
    ("DHCP_FALL_BACK_AUTO_IP", "ipconfigDHCP_FALL_BACK_AUTO_IP", "bool"),
    ("MAXIMUM_DISCOVER_TX_PERIOD", "(int)(ipconfigMAXIMUM_DISCOVER_TX_PERIOD & 0x7fffffff)", "u32"),
    ("SUPPORT_OUTGOING_PINGS", "ipconfigSUPPORT_OUTGOING_PINGS", "bool"),
    ("FPTCP_SYN_FLOOD_DEFENCE", "ipconfigFPTCP_SYN_FLOOD_DEFENCE", "bool"),
    ("FPTCP_SHUTDOWN_HONOURS_HOW", "ipconfigFPTCP_SHUTDOWN_HONOURS_HOW", "bool"),
    ("FPTCP_CLOSE_WAIT_TIMEOUT_MS", "ipconfigFPTCP_CLOSE_WAIT_TIMEOUT_MS", "u32"),
    ("FPTCP_NETSTAT_DIAGNOSTICS", "ipconfigFPTCP_NETSTAT_DIAGNOSTICS", "bool"),
    ("FPTCP_PCAP_CAPTURE", "ipconfigFPTCP_PCAP_CAPTURE", "bool"),
    ("FPTCP_METRICS", "ipconfigFPTCP_METRICS", "bool"),
    ("FPTCP_KEEP_ALIVE_PROBES", "ipconfigFPTCP_KEEP_ALIVE_PROBES", "u32"),
    ("FPTCP_KEEP_ALIVE_PROBE_INTERVAL_MS", "ipconfigFPTCP_KEEP_ALIVE_PROBE_INTERVAL_MS", "u32"),
    ("USE_DNS_CACHE", "ipconfigUSE_DNS_CACHE", "bool"),
    ("DNS_CACHE_ENTRIES", "ipconfigDNS_CACHE_ENTRIES", "usize"),
    ("DNS_CACHE_NAME_LENGTH", "ipconfigDNS_CACHE_NAME_LENGTH", "usize"),
    ("DNS_CACHE_ADDRESSES_PER_ENTRY", "ipconfigDNS_CACHE_ADDRESSES_PER_ENTRY", "usize"),
    ("DNS_REQUEST_ATTEMPTS", "ipconfigDNS_REQUEST_ATTEMPTS", "u32"),
    ("DNS_RECEIVE_BLOCK_TIME_TICKS", "(int)(ipconfigDNS_RECEIVE_BLOCK_TIME_TICKS & 0x7fffffff)", "u32"),
    ("DNS_SEND_BLOCK_TIME_TICKS", "(int)(ipconfigDNS_SEND_BLOCK_TIME_TICKS & 0x7fffffff)", "u32"),
    ("DNS_USE_CALLBACKS", "ipconfigDNS_USE_CALLBACKS", "bool"),
    ("SOCKET_HAS_USER_SEMAPHORE", "ipconfigSOCKET_HAS_USER_SEMAPHORE", "bool"),
    ("SOCKET_HAS_USER_WAKE_CALLBACK", "ipconfigSOCKET_HAS_USER_WAKE_CALLBACK", "bool"),
];

/// Options of this library that upstream does not have, with their defaults
/// (defined for the probe when the application's config leaves them out).
/// The same defaults as include/fptcp_extensions.h.
const OWN_OPTION_DEFAULTS: &[(&str, &str)] = &[
    ("ipconfigFPTCP_SYN_FLOOD_DEFENCE", "0"),
    ("ipconfigFPTCP_SHUTDOWN_HONOURS_HOW", "0"),
    ("ipconfigFPTCP_CLOSE_WAIT_TIMEOUT_MS", "0"),
    ("ipconfigFPTCP_NETSTAT_DIAGNOSTICS", "0"),
    ("ipconfigFPTCP_PCAP_CAPTURE", "0"),
    ("ipconfigFPTCP_METRICS", "0"),
    // Upstream's hard-coded keep-alive: four probes, 3 s apart.
    ("ipconfigFPTCP_KEEP_ALIVE_PROBES", "4"),
    ("ipconfigFPTCP_KEEP_ALIVE_PROBE_INTERVAL_MS", "3000"),
];

/// Options this version of the library cannot honour yet. Building with one
/// of them switched on fails here, naming it, instead of silently ignoring
/// what the application asked for.
const UNSUPPORTED_WHEN_ON: &[(&str, &str)] = &[
    ("USE_IPV6", "ipconfigUSE_IPv6"),
    // ipconfigUSE_RA (default 1 upstream) only matters with IPv6, which is
    // refused above; with IPv6 off it changes nothing but the end-point's
    // layout, which the headers follow. So it is accepted.
    // ipconfigUSE_DHCP is supported (src/stack/dhcp.rs), with its
    // link-local fallback (ipconfigDHCP_FALL_BACK_AUTO_IP).
    // ipconfigUSE_DNS and ipconfigDNS_USE_CALLBACKS are accepted: the DNS
    // client (src/dns/, socket/dns.rs, ffi/dns.rs; docs/dns.md).
    ("USE_LLMNR", "ipconfigUSE_LLMNR"),
    ("USE_NBNS", "ipconfigUSE_NBNS"),
    ("USE_MDNS", "ipconfigUSE_MDNS"),
    // ipconfigSUPPORT_SELECT_FUNCTION and ipconfigSUPPORT_SIGNALS are
    // supported (src/stack/select.rs); ipconfigSELECT_USES_NOTIFY is
    // accepted and changes nothing (select() polls under the lock instead
    // of asking the IP task, so there is no hand-shake to notify).
    // ipconfigUSE_CALLBACKS, ipconfigSOCKET_HAS_USER_SEMAPHORE and
    // ipconfigSOCKET_HAS_USER_WAKE_CALLBACK are accepted: src/stack/callbacks.rs.
    // ipconfigTCP_KEEP_ALIVE is supported (src/tcp/output.rs, keep-alive).
    // ipconfigZERO_COPY_RX_DRIVER and ipconfigZERO_COPY_TX_DRIVER are
    // accepted (docs/driver-zero-copy.md): every pfOutput call already
    // passes xReleaseAfterSend = pdTRUE and nothing touches a frame after
    // it; received buffers are used where the driver put them.
];

#[derive(Debug, Default)]
struct Probe(Arc<Mutex<BTreeMap<String, i64>>>);

impl bindgen::callbacks::ParseCallbacks for Probe {
    fn enum_variant_name(
        &self,
        _enum_name: Option<&str>,
        name: &str,
        value: bindgen::callbacks::EnumVariantValue,
    ) -> Option<String> {
        if let Some(key) = name.strip_prefix("FPTCP_CFG_") {
            let v = match value {
                bindgen::callbacks::EnumVariantValue::Boolean(b) => b as i64,
                bindgen::callbacks::EnumVariantValue::Signed(v) => v,
                bindgen::callbacks::EnumVariantValue::Unsigned(v) => v as i64,
            };
            self.0.lock().unwrap().insert(key.to_string(), v);
        }
        None
    }
}

fn kernel_path() -> PathBuf {
    if let Ok(p) = env::var("FREERTOS_KERNEL_PATH") {
        return PathBuf::from(p);
    }
    // Fall back to the copy cargo downloaded for tools/kernel-src.
    let home = env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env::var("HOME").unwrap_or_default()).join(".cargo"));
    let src = home.join("registry").join("src");
    if let Ok(dirs) = std::fs::read_dir(&src) {
        for d in dirs.flatten() {
            let k = d.path().join("freertos-next-0.12.0").join("FreeRTOS-Kernel");
            if k.join("include").join("task.h").exists() {
                return k;
            }
        }
    }
    panic!(
        "FreeRTOS kernel sources not found: set FREERTOS_KERNEL_PATH, or run scripts/kernel-dir \
         (it downloads freertos-next =0.12.0 through tools/kernel-src)"
    );
}

/// Header folders of the cross compiler, for bindgen on the board target.
fn arm_system_includes() -> Vec<String> {
    let out = Command::new("arm-none-eabi-gcc")
        .args(["-xc", "-E", "-v", "-"])
        .stdin(std::process::Stdio::null())
        .output();
    let Ok(out) = out else { return Vec::new() };
    let text = String::from_utf8_lossy(&out.stderr).to_string();
    let mut dirs = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with("#include <...> search starts here") {
            inside = true;
        } else if line.starts_with("End of search list") {
            inside = false;
        } else if inside {
            dirs.push(line.trim().to_string());
        }
    }
    dirs
}

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    let target = env::var("TARGET").unwrap();
    let bare_metal = env::var("CARGO_CFG_TARGET_OS").map(|o| o == "none").unwrap_or(false);

    for var in [
        "FPTCP_CONFIG_DIR",
        "FREERTOS_KERNEL_PATH",
        "FPTCP_EXTRA_INCLUDES",
        "FPTCP_EXTRA_DEFINES",
        "FPTCP_BUFFER_ALLOCATION",
    ] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    let default_config = if bare_metal { "freertos-port/config/cm4f" } else { "freertos-port/config/posix" };
    let config_dir = env::var("FPTCP_CONFIG_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| manifest.join(default_config));
    let kernel = kernel_path();
    let port = if bare_metal {
        kernel.join("portable/GCC/ARM_CM4F")
    } else {
        kernel.join("portable/ThirdParty/GCC/Posix")
    };

    // The application's own include folders (CMake passes the
    // freertos_config target's and the kernel port's) come first, so they
    // win over our guess of the port folder.
    let mut includes: Vec<PathBuf> = vec![config_dir.clone()];
    if let Ok(extra) = env::var("FPTCP_EXTRA_INCLUDES") {
        includes.extend(extra.split(':').filter(|s| !s.is_empty()).map(PathBuf::from));
    }
    includes.push(manifest.join("include"));
    includes.push(kernel.join("include"));
    includes.push(port.clone());
    if !bare_metal {
        includes.push(port.join("utils"));
    }
    // Compile definitions of the application's freertos_config target, one
    // per line (NAME or NAME=VALUE).
    let defines: Vec<String> = env::var("FPTCP_EXTRA_DEFINES")
        .map(|d| d.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect())
        .unwrap_or_default();
    // FreeRTOSIPConfig.h must be in the config folder; FreeRTOSConfig.h may
    // live in any of the include folders.
    let ip_config = config_dir.join("FreeRTOSIPConfig.h");
    if !ip_config.exists() {
        panic!("FreeRTOSIPConfig.h not found (FPTCP_CONFIG_DIR={})", config_dir.display());
    }
    println!("cargo:rerun-if-changed={}", ip_config.display());
    match includes.iter().map(|d| d.join("FreeRTOSConfig.h")).find(|p| p.exists()) {
        Some(p) => println!("cargo:rerun-if-changed={}", p.display()),
        None => panic!(
            "FreeRTOSConfig.h not found in FPTCP_CONFIG_DIR ({}) or FPTCP_EXTRA_INCLUDES",
            config_dir.display()
        ),
    }
    println!("cargo:rerun-if-changed=include");
    println!("cargo:rerun-if-changed=freertos-port/shim");
    println!("cargo:rerun-if-changed=freertos-port/bindgen.h");

    // ---- the config probe + bindings -------------------------------------
    let mut probe = String::from("#include \"bindgen.h\"\n");
    for (option, default) in OWN_OPTION_DEFAULTS {
        probe.push_str(&format!("#ifndef {option}\n#define {option} {default}\n#endif\n"));
    }
    probe.push_str("enum fptcp_config_probe {\n");
    for (name, expr, _) in PROBES {
        probe.push_str(&format!("    FPTCP_CFG_{name} = (int)({expr}),\n"));
    }
    probe.push_str("};\n");
    let probe_path = out.join("fptcp_probe.h");
    std::fs::write(&probe_path, probe).unwrap();

    let mut clang_args: Vec<String> = Vec::new();
    clang_args.push(format!("-I{}", manifest.join("freertos-port").display()));
    for i in &includes {
        clang_args.push(format!("-I{}", i.display()));
    }
    for d in &defines {
        clang_args.push(format!("-D{d}"));
    }
    if bare_metal {
        clang_args.push("--target=thumbv7em-none-eabihf".into());
        clang_args.push("-mfloat-abi=hard".into());
        // arm-none-eabi-gcc uses short enums; so must bindgen's view.
        clang_args.push("-fshort-enums".into());
        for d in arm_system_includes() {
            clang_args.push(format!("-isystem{d}"));
        }
    }
    let values = Arc::new(Mutex::new(BTreeMap::new()));
    let bindings = bindgen::Builder::default()
        .header(probe_path.to_string_lossy())
        .clang_args(&clang_args)
        .use_core()
        .ctypes_prefix("core::ffi")
        .layout_tests(false)
        .derive_default(true)
        .prepend_enum_name(false)
        .generate_comments(false)
        .allowlist_function("(x|v|pv|ul|ux|e|pc|px|uc|us|l)(Task|Queue|EventGroup|Port|Timer)[A-Za-z_]*")
        .allowlist_function("pvPortMalloc|vPortFree|xPortGetFreeHeapSize|fptcp_shim_.*|vListInitialiseItem|pxFillInterfaceDescriptor|uxNetworkInterfaceAllocateRAMToBuffers")
        .allowlist_function("vApplicationIPNetworkEventHook.*|xApplicationGetRandomNumber|ulApplicationGetNextSequenceNumber|vApplicationPingReplyHook|xApplicationDHCPHook.*|pcApplicationHostnameHook")
        .allowlist_type("NetworkBufferDescriptor_t|NetworkInterface_t|NetworkEndPoint_t|IPStackEvent_t|freertos_sockaddr|IPV4Parameters_t|IP_Address_t|MACAddress_t|eIPEvent_t|eIPCallbackEvent_t|eFrameProcessingResult_t|eIPTCPState_t|WinProperties_t|LowHighWater_t|xSTREAM_BUFFER|xSOCKET|freertos_addrinfo|IPPreference_t|eDHCPState_t")
        .allowlist_var("FPTCP_CFG_.*|pdFREERTOS_ERRNO_.*|tskKERNEL_VERSION_.*|configTICK_RATE_HZ|portMAX_DELAY|queueSEND_TO_BACK|queueQUEUE_TYPE_.*|semGIVE_BLOCK_TIME|eNetwork.*|eNoEvent|eARPTimerEvent|eStackTxEvent|eTCPTimerEvent|eTCPAcceptEvent|eTCPNetStat|eSocket.*Event|eDHCPEvent|eNDTimerEvent|eReleaseBuffer|eProcessBuffer|eReturnEthernetFrame|eFrameConsumed|eWaitingResolution|eNetworkUp|eNetworkDown|eDHCPPhase.*|eDHCPContinue|eDHCPUseDefaults|eDHCPStopNoChanges|eInitialWait|eWaitingSendFirstDiscover|eWaitingOffer|eWaitingAcknowledge|eLeasedAddress|eNotUsingLeasedAddress")
        .allowlist_type("fptcp_config_probe")
        // The ARP API's result (ffi/arp.rs): a short enum on the board.
        .allowlist_type("eResolutionLookupResult_t")
        .allowlist_var("eResolution(CacheMiss|CacheHit|Failed)")
        // xBadIPv4Loopback's argument (ffi/misc.rs).
        .allowlist_type("IPHeader_t")
        .parse_callbacks(Box::new(Probe(values.clone())))
        .generate()
        .unwrap_or_else(|e| panic!("bindgen failed on the application's configuration and our headers: {e}"));
    bindings.write_to_file(out.join("sys.rs")).unwrap();

    let values = values.lock().unwrap().clone();
    let get = |k: &str| -> i64 {
        *values.get(k).unwrap_or_else(|| panic!("config probe did not yield {k}"))
    };
    for (key, option) in UNSUPPORTED_WHEN_ON {
        if get(key) != 0 {
            panic!(
                "\n\nfreertos-plus-tcp (Rust): {option} is set to 1 in the application's \
                 FreeRTOSIPConfig.h ({}), but this version of the library does not support it yet. \
                 Set `#define {option} 0` (see COMPAT.md for what is implemented).\n\n",
                config_dir.display()
            );
        }
    }
    if get("USE_IPV4") == 0 {
        panic!("freertos-plus-tcp (Rust): ipconfigUSE_IPv4 must be 1 in this version");
    }
    // src/time.rs converts with 32-bit arithmetic and the RTO keeps 60 s in
    // 32 bits up to this rate (FreeRTOS ports run at about 1 kHz).
    let hz = get("TICK_RATE_HZ");
    if !(1..=1_000_000).contains(&hz) {
        panic!("freertos-plus-tcp (Rust): configTICK_RATE_HZ is {hz}; the library supports 1 to 1000000 Hz");
    }
    let mut cfg = String::from("// Generated by build.rs from the application's configuration.\n");
    for (name, _, ty) in PROBES {
        let v = get(name);
        if *ty == "bool" {
            cfg.push_str(&format!("pub const {name}: bool = {};\n", v != 0));
        } else {
            cfg.push_str(&format!("pub const {name}: {ty} = {v};\n"));
        }
    }
    std::fs::write(out.join("config.rs"), cfg).unwrap();
    // Upstream's FREERTOS_PLUS_TCP_BUFFER_ALLOCATION: 1 = static buffers the
    // driver assigns (uxNetworkInterfaceAllocateRAMToBuffers), 2 = heap.
    let scheme = env::var("FPTCP_BUFFER_ALLOCATION").unwrap_or_else(|_| "2".into());
    match scheme.trim() {
        "1" => println!("cargo:rustc-cfg=fptcp_buffer_allocation_1"),
        "2" => {}
        other => panic!("FPTCP_BUFFER_ALLOCATION must be 1 or 2, not {other:?}"),
    }
    let probes = get("FPTCP_KEEP_ALIVE_PROBES");
    let probe_ms = get("FPTCP_KEEP_ALIVE_PROBE_INTERVAL_MS");
    if !(1..=255).contains(&probes) || !(1..=3_600_000).contains(&probe_ms) {
        panic!(
            "freertos-plus-tcp (Rust): ipconfigFPTCP_KEEP_ALIVE_PROBES must be 1 to 255 (is {probes}) and \
             ipconfigFPTCP_KEEP_ALIVE_PROBE_INTERVAL_MS 1 to 3600000 (is {probe_ms})"
        );
    }
    let per_entry = get("DNS_CACHE_ADDRESSES_PER_ENTRY");
    if get("USE_DNS") != 0 && get("USE_DNS_CACHE") != 0 && !(1..=16).contains(&per_entry) {
        panic!(
            "freertos-plus-tcp (Rust): ipconfigDNS_CACHE_ADDRESSES_PER_ENTRY is {per_entry}; this version keeps 1 to 16 \
             addresses per name"
        );
    }
    if get("USE_DNS") != 0 {
        // ffi/dns.rs: the exports and struct freertos_addrinfo exist only
        // with ipconfigUSE_DNS, as in the C headers.
        println!("cargo:rustc-cfg=fptcp_dns");
        if get("USE_DNS_CACHE") != 0 {
            println!("cargo:rustc-cfg=fptcp_dns_cache");
        }
        if get("DNS_USE_CALLBACKS") != 0 {
            println!("cargo:rustc-cfg=fptcp_dns_callbacks");
        }
    }
    // The select and signal exports exist only with their options, as in
    // the C headers (SocketSet_t is declared only with select).
    if get("SUPPORT_SELECT_FUNCTION") != 0 {
        println!("cargo:rustc-cfg=fptcp_select");
    }
    if get("SUPPORT_SIGNALS") != 0 {
        println!("cargo:rustc-cfg=fptcp_signals");
    }
    // The C structs and hooks of DHCP exist only when it is configured.
    if get("USE_DHCP") != 0 {
        println!("cargo:rustc-cfg=fptcp_dhcp");
        if get("USE_DHCP_HOOK") != 0 {
            println!("cargo:rustc-cfg=fptcp_dhcp_hook");
        }
        if get("DHCP_REGISTER_HOSTNAME") != 0 {
            println!("cargo:rustc-cfg=fptcp_dhcp_hostname");
        }
    }
    for c in [
        "fptcp_backward_compatible",
        "fptcp_legacy_hook",
        "fptcp_linked_rx",
        "fptcp_buffer_allocation_1",
        "fptcp_dhcp",
        "fptcp_dhcp_hook",
        "fptcp_dhcp_hostname",
        "fptcp_outgoing_pings",
        "fptcp_dns",
        "fptcp_dns_cache",
        "fptcp_dns_callbacks",
        "fptcp_select",
        "fptcp_signals",
        "fptcp_pcap",
        "fptcp_metrics",
        "fptcp_tracking",
    ] {
        println!("cargo::rustc-check-cfg=cfg({c})");
    }
    if get("IPV4_BACKWARD_COMPATIBLE") != 0 {
        println!("cargo:rustc-cfg=fptcp_backward_compatible");
        println!("cargo:rustc-cfg=fptcp_legacy_hook");
    }
    if get("USE_LINKED_RX_MESSAGES") != 0 {
        println!("cargo:rustc-cfg=fptcp_linked_rx");
    }
    // vFPTCP_SetPcapHook exists only with ipconfigFPTCP_PCAP_CAPTURE, the
    // metrics calls only with ipconfigFPTCP_METRICS.
    if get("FPTCP_PCAP_CAPTURE") != 0 {
        println!("cargo:rustc-cfg=fptcp_pcap");
    }
    if get("FPTCP_METRICS") != 0 {
        println!("cargo:rustc-cfg=fptcp_metrics");
    }
    // What sockets record for the metrics, the diagnostics and the reaper
    // (stack/extensions.rs: `Track`) exists only when one of them is on.
    if get("FPTCP_METRICS") != 0 || get("FPTCP_NETSTAT_DIAGNOSTICS") != 0 || get("FPTCP_CLOSE_WAIT_TIMEOUT_MS") != 0 {
        println!("cargo:rustc-cfg=fptcp_tracking");
    }
    // FreeRTOS_SendPingRequest and the reply hook exist only with
    // ipconfigSUPPORT_OUTGOING_PINGS, as upstream.
    if get("SUPPORT_OUTGOING_PINGS") != 0 {
        println!("cargo:rustc-cfg=fptcp_outgoing_pings");
    }

    // ---- the C shim --------------------------------------------------------
    let mut build = cc::Build::new();
    build.file(manifest.join("freertos-port/shim/fptcp_shim.c"));
    for i in &includes {
        build.include(i);
    }
    build.include(manifest.join("freertos-port"));
    for d in &defines {
        match d.split_once('=') {
            Some((k, v)) => build.define(k, Some(v)),
            None => build.define(d, None),
        };
    }
    build.warnings(true).extra_warnings(true);
    let cc_given = env::var(format!("CC_{}", target.replace('-', "_"))).is_ok()
        || env::var(format!("CC_{target}")).is_ok()
        || env::var("TARGET_CC").is_ok();
    if bare_metal && !cc_given {
        build.compiler("arm-none-eabi-gcc");
    }
    if bare_metal {
        build.flag("-mcpu=cortex-m4").flag("-mthumb").flag("-mfpu=fpv4-sp-d16").flag("-mfloat-abi=hard");
        build.flag("-ffunction-sections").flag("-fdata-sections");
    }
    build.compile("fptcp_shim");
}
