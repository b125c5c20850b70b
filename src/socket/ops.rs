//! One attempt of each socket call on the stack, as application tasks run
//! it under the IP task's lock. Return values follow the reference §2 and
//! the measured table §14.1; deviations cite §14.5. Blocking is
//! `socket::calls`'s job: an attempt that would have to wait returns `Pending`.
#![forbid(unsafe_code)]

use crate::stack::sockets::{event, Protocol, Socket, SocketId, TcpPart, Transport};
use crate::stack::outgoing::{OutKind, Outgoing};
use crate::stack::output::ipv4_sockaddr;
use crate::stack::udp::{Datagram, UdpPart};
use crate::stack::{Env, Error, FrameToken, Stack};
use crate::tcp::TcpState;
use crate::time::Instant;
use crate::wire::{IpAddress, SockAddr};

/// First port of the automatic range (RFC 6056; upstream
/// `socketAUTO_PORT_ALLOCATION_START_NUMBER`).
pub const EPHEMERAL_FIRST: u16 = 0x0400;
/// How many ports the automatic range holds (0x0400..=0xffff).
const EPHEMERAL_COUNT: u32 = (u16::MAX - EPHEMERAL_FIRST) as u32 + 1;

/// The outcome of an operation that may have to wait.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Progress<T> {
    Done(T),
    Pending,
}

/// `Result<usize, Error>` as a pair of scalars (the error or none, one
/// byte; the count), which Cortex-M returns in two registers (r0:r1): the
/// `Result`, an enum whose variants carry payloads of two sizes, comes back
/// through memory. For out-of-line attempts with a count.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct CountOr(Result<(), Error>, usize);

impl CountOr {
    #[inline(always)]
    pub fn of(r: Result<usize, Error>) -> CountOr {
        match r {
            Ok(n) => CountOr(Ok(()), n),
            Err(e) => CountOr(Err(e), 0),
        }
    }

    #[inline(always)]
    pub fn get(self) -> Result<usize, Error> {
        self.0.map(|()| self.1)
    }

    /// An attempt's outcome: `Pending` as the count `usize::MAX`, which no
    /// count reaches (a slice holds at most `isize::MAX` bytes, and every
    /// count here is bytes copied from or into one, or a stream's).
    #[inline(always)]
    pub fn of_progress(r: Result<Progress<usize>, Error>) -> CountOr {
        CountOr::of(r.map(|p| match p {
            Progress::Done(n) => n,
            Progress::Pending => usize::MAX,
        }))
    }

    #[inline(always)]
    pub fn progress(self) -> Result<Progress<usize>, Error> {
        self.get().map(|n| if n == usize::MAX { Progress::Pending } else { Progress::Done(n) })
    }
}

/// A socket option with its decoded value (the C layer decodes the pointer).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum SocketOption {
    ReceiveTimeout(Option<u32>),
    SendTimeout(Option<u32>),
    SendBuffer(u32),
    ReceiveBuffer(u32),
    WinProperties { tx_buf: i32, tx_win: i32, rx_buf: i32, rx_win: i32 },
    ReuseListen(bool),
    CloseAfterSend(bool),
    LowHighWater { little: usize, enough: usize },
    UdpChecksumOut(bool),
    UdpMaxRxPackets(usize),
    /// A handler, the user semaphore or the wake callback (`stack::callbacks`).
    Handler(crate::stack::callbacks::HandlerOption),
    /// `FREERTOS_SO_SET_FULL_SIZE`.
    FullSize(bool),
    /// `FREERTOS_SO_STOP_RX`.
    StopRx(bool),
}

/// What `FreeRTOS_connstatus` and friends read.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Query {
    IsConnected,
    RxSize,
    TxSize,
    TxSpace,
    ConnStatus,
    MayWrite,
    Mss,
}

impl Stack {
    /// A live socket (not closing) with this id.
    fn live(&self, id: SocketId) -> Option<&Socket> {
        let s = self.sockets.get(id).filter(|s| !s.closing)?;
        self.note_app_call(s);
        Some(s)
    }

    fn live_mut(&mut self, id: SocketId) -> Option<&mut Socket> {
        if self.ext.tracking() {
            if let Some(s) = self.sockets.get(id).filter(|s| !s.closing) {
                self.note_app_call(s);
            }
        }
        self.sockets.get_mut(id).filter(|s| !s.closing)
    }

    /// The TCP part of a live, bound TCP socket. (An Option: one register
    /// back, the callers give their own error.)
    pub(super) fn bound_tcp(&mut self, id: SocketId) -> Option<&mut TcpPart> {
        self.live_mut(id).filter(|s| s.port().is_some())?.tcp_mut()
    }

    pub fn socket_exists(&self, id: SocketId) -> bool {
        self.live(id).is_some()
    }

    pub fn protocol(&self, id: SocketId) -> Option<Protocol> {
        self.live(id).map(|s| s.protocol())
    }

    /// `FreeRTOS_socket`: `NoMemory` when the heap cannot hold the socket
    /// (the C API then returns `FREERTOS_INVALID_SOCKET`, as upstream does);
    /// `NotSupported` for TCP in a UDP-only build.
    pub fn create_socket(&mut self, protocol: Protocol) -> Result<SocketId, Error> {
        let transport = match protocol {
            Protocol::Tcp if !self.tcp_on() => return Err(Error::NotSupported),
            Protocol::Tcp => Transport::Tcp(TcpPart::boxed(self.cfg.tcp).ok_or(Error::NoMemory)?),
            Protocol::Udp => Transport::Udp(UdpPart::new(self.cfg.get().udp.max_rx_packets)),
        };
        let sock = Socket::new(transport, self.cfg.get().default_rcv_timeout, self.cfg.get().default_snd_timeout);
        self.sockets.insert(sock).ok_or(Error::NoMemory)
    }

    fn port_in_use(&self, protocol: Protocol, port: u16) -> bool {
        // Children share their listener's port internally (§2.3).
        self.sockets
            .bound_to(protocol, port)
            .any(|id| self.sockets.get(id).is_some_and(|s| !s.closing && !s.is_child()))
    }

    /// `FreeRTOS_bind`. Every failure is `Invalid`, as upstream reports a
    /// port in use (reference §0 fact 8).
    pub fn bind<E: Env + ?Sized>(&mut self, id: SocketId, addr: Option<SockAddr>, env: &mut E) -> Result<(), Error> {
        let sock = self.live(id).ok_or(Error::Invalid)?;
        if sock.port().is_some() {
            return Err(Error::Invalid);
        }
        let protocol = sock.protocol();
        let want = addr.map_or(0, |a| a.port);
        let port = if want == 0 {
            self.ephemeral_port(protocol, env).ok_or(Error::Invalid)?
        } else {
            if self.port_in_use(protocol, want) {
                return Err(Error::Invalid);
            }
            want
        };
        let local_addr = addr.map_or(IpAddress::UNSPECIFIED_V4, |a| a.addr);
        let order = self.next_bind_order();
        // (Still live: nothing above closes sockets.)
        self.sockets.bind_with(id, port, |sock| {
            sock.bound_addr = local_addr;
            sock.bind_order = order;
            if let Some(t) = sock.tcp_mut() {
                t.tcb.set_local(SockAddr { addr: local_addr, port });
            }
        });
        self.wake(id, event::BOUND);
        Ok(())
    }

    fn ephemeral_port<E: Env + ?Sized>(&self, protocol: Protocol, env: &mut E) -> Option<u16> {
        // Random start, then the next free one (RFC 6056 algorithm 1 style),
        // wrapping round to the first port of the range once.
        let mut port = EPHEMERAL_FIRST.wrapping_add((env.random()? % EPHEMERAL_COUNT) as u16);
        for _ in 0..EPHEMERAL_COUNT {
            if !self.port_in_use(protocol, port) {
                return Some(port);
            }
            port = if port == u16::MAX { EPHEMERAL_FIRST } else { port + 1 };
        }
        None
    }

    /// `FreeRTOS_listen`.
    pub fn listen(&mut self, id: SocketId, backlog: i64) -> Result<(), Error> {
        let tcp = self.bound_tcp(id).ok_or(Error::NotSupported)?;
        match tcp.tcb.state() {
            TcpState::Closed | TcpState::CloseWait => {}
            _ => return Err(Error::NotSupported),
        }
        // Upstream: (uint16_t) min(0xffff, xBacklog).
        tcp.backlog = backlog.min(0xffff) as u16;
        tcp.tcb.listen();
        Ok(())
    }

    /// `FreeRTOS_connect`, the part before waiting (reference §2.5).
    pub fn connect<E: Env + ?Sized>(&mut self, now: Instant, id: SocketId, remote: SockAddr, env: &mut E) -> Result<(), Error> {
        // A dead handle, like a UDP socket, is EBADF here (reference §2.5).
        let sock = self.live(id).ok_or(Error::BadDescriptor)?;
        let state = sock.tcp().ok_or(Error::BadDescriptor)?.tcb.state();
        // `Query::IsConnected`'s states.
        if matches!(state, TcpState::Established | TcpState::FinWait1 | TcpState::FinWait2) {
            return Err(Error::IsConnected);
        }
        // (Binding leaves the state as it is.)
        if sock.port().is_none() {
            self.bind(id, None, env)?;
        }
        match state {
            // COMPAT (§14.5 row 2): a finished socket reconnects and the
            // call behaves as a normal connect (upstream returned -ENOTCONN
            // yet connected).
            TcpState::Closed | TcpState::CloseWait => {}
            TcpState::ConnectSyn => return Err(Error::InProgress),
            _ => return Err(Error::Again),
        }
        let sock = self.live(id).ok_or(Error::Invalid)?;
        let port = sock.port().ok_or(Error::Invalid)?;
        let bound = sock.bound_addr;
        // The bound address selects an end-point (reference §2.3); one that
        // is none of ours cannot be the source: the IP header would carry
        // the end-point's address and the TCP checksum this one.
        let ours = !bound.is_unspecified() && self.is_endpoint_address(bound);
        let local_ip = if ours { bound } else { self.source_for_addr(remote.addr) };
        let local = SockAddr { addr: local_ip, port };
        let mut iss = env.initial_sequence(local, remote);
        if iss == 0 {
            iss = env.random().unwrap_or(1) | 1;
        }
        // (Bound and TCP, as checked above.)
        let tcp = self.bound_tcp(id).ok_or(Error::Invalid)?;
        tcp.arp_tries = 0;
        tcp.arp_next = None;
        tcp.tcb.connect(now, local, remote, iss);
        Ok(())
    }

    /// Where a `connect()` in progress stands: `Done(Ok)` once established,
    /// `Done(Err(NotConnected))` once it failed (RST, SYN retries or ARP
    /// exhausted: §14.5 row 1 wakes the caller at once).
    pub fn connect_progress(&self, id: SocketId) -> Progress<Result<(), Error>> {
        let Some(tcp) = self.live(id).and_then(Socket::tcp) else {
            return Progress::Done(Err(Error::Invalid));
        };
        match tcp.tcb.state() {
            TcpState::Established => Progress::Done(Ok(())),
            TcpState::Closed | TcpState::CloseWait => Progress::Done(Err(Error::NotConnected)),
            s if s > TcpState::Established => Progress::Done(Err(Error::NotConnected)),
            _ => Progress::Pending,
        }
    }

    /// `FreeRTOS_accept`, one attempt. `Err` = not a listening TCP socket
    /// (`FREERTOS_INVALID_SOCKET`), `Pending` = nothing yet (NULL on timeout).
    pub fn accept(&mut self, id: SocketId) -> Result<Progress<(SocketId, SockAddr)>, Error> {
        let tcp = self.bound_tcp(id).ok_or(Error::Invalid)?;
        if tcp.reuse_listen {
            let st = tcp.tcb.state();
            if st == TcpState::Listen || st < TcpState::Established {
                return Ok(Progress::Pending);
            }
            if tcp.pass_accept || st >= TcpState::Established {
                tcp.pass_accept = false;
                tcp.pass_queued = false;
                return Ok(Progress::Done((id, tcp.tcb.remote())));
            }
        }
        if tcp.tcb.state() != TcpState::Listen {
            return Err(Error::Invalid);
        }
        // COMPAT (§14.5 row 11): look at every pending child, oldest first,
        // so a reset child can never hide another one.
        let mut oldest: Option<(SocketId, &mut TcpPart)> = None;
        for (cid, s) in self.sockets.iter_mut() {
            if s.closing {
                continue;
            }
            let Some(t) = s.tcp_mut() else { continue };
            let older = oldest.as_ref().is_none_or(|(_, o)| t.accept_order < o.accept_order);
            if t.parent == Some(id) && t.pass_accept && older {
                oldest = Some((cid, t));
            }
        }
        let Some((cid, t)) = oldest else { return Ok(Progress::Pending) };
        t.pass_accept = false;
        Ok(Progress::Done((cid, t.tcb.remote())))
    }

    /// `FreeRTOS_recv`, one attempt (reference §2.8). `Done(n)` with n > 0
    /// bytes copied; `Pending` = no data in a state that may still get some.
    /// A buffer inside the RX stream itself (e.g. a zero-copy recv's
    /// pointer) would be copied onto: `Invalid` (COMPAT.md), checked first,
    /// before anything is read. recv() never writes more than the stream
    /// holds, hence the length considered.
    #[inline]
    pub fn recv(&mut self, id: SocketId, buf: Option<&mut [u8]>, max: usize, peek: bool) -> Result<Progress<usize>, Error> {
        self.recv_count(id, buf, max, peek).progress()
    }

    /// `recv` with its outcome in registers (`CountOr`), the one
    /// out-of-line copy.
    #[inline(never)]
    pub(crate) fn recv_count(&mut self, id: SocketId, buf: Option<&mut [u8]>, max: usize, peek: bool) -> CountOr {
        CountOr::of_progress(self.recv_attempt(id, buf, max, peek))
    }

    #[inline(always)]
    fn recv_attempt(&mut self, id: SocketId, buf: Option<&mut [u8]>, max: usize, peek: bool) -> Result<Progress<usize>, Error> {
        if buf.as_ref().is_some_and(|b| self.in_stream(id, b.as_ptr() as usize, max, false)) {
            return Err(Error::Invalid);
        }
        // Data for a receive handler is the handler's (upstream hands it
        // over instead of storing it).
        let for_handler = self.data_goes_to_handler(id);
        let tcp = self.bound_tcp(id).ok_or(Error::Invalid)?;
        if tcp.ext.read_shut {
            // `FREERTOS_SHUT_RD` (ipconfigFPTCP_SHUTDOWN_HONOURS_HOW): the end.
            return Err(Error::NotConnected);
        }
        if tcp.tcb.rx_len() > 0 && !for_handler {
            let n = match buf {
                Some(b) => {
                    let len = b.len().min(max);
                    tcp.tcb.recv(b.get_mut(..len).unwrap_or_default(), peek)
                }
                None => tcp.tcb.discard(max),
            };
            return Ok(Progress::Done(n));
        }
        match tcp.tcb.state() {
            TcpState::Closed | TcpState::CloseWait | TcpState::Closing => {
                Err(if tcp.tcb.alloc_failed() { Error::NoMemory } else { Error::NotConnected })
            }
            _ => Ok(Progress::Pending),
        }
    }

    /// `FreeRTOS_send`, one attempt (reference §2.9). `Done(n)` bytes
    /// queued (n may be 0: FIN already sent, or nothing to send).
    #[inline(always)]
    pub fn send(&mut self, id: SocketId, data: &[u8]) -> Result<Progress<usize>, Error> {
        self.send_count(id, data).progress()
    }

    /// `send` with its outcome in registers (`CountOr`), the one
    /// out-of-line copy.
    #[inline(never)]
    fn send_count(&mut self, id: SocketId, data: &[u8]) -> CountOr {
        CountOr::of_progress(self.send_attempt(id, data))
    }

    #[inline(always)]
    fn send_attempt(&mut self, id: SocketId, data: &[u8]) -> Result<Progress<usize>, Error> {
        let tcp = self.bound_tcp(id).ok_or(Error::Invalid)?;
        if tcp.tcb.alloc_failed() {
            return Err(Error::NoMemory);
        }
        match tcp.tcb.state() {
            // COMPAT (§14.5 row 3): a listener carries no data.
            TcpState::Closed | TcpState::CloseWait | TcpState::Closing | TcpState::Listen => {
                return Err(Error::NotConnected)
            }
            _ => {}
        }
        if tcp.tcb.fin_sent() || data.is_empty() {
            return Ok(Progress::Done(0));
        }
        match tcp.tcb.send(data) {
            Ok(0) => Ok(Progress::Pending),
            Ok(n) => Ok(Progress::Done(n)),
            Err(_) => Err(Error::NoMemory),
        }
    }

    /// `FreeRTOS_send`, one attempt, with data that may lie inside the
    /// socket's own TX stream (COMPAT.md): the bytes written at
    /// `FreeRTOS_get_tx_head()` (passed instead of NULL) are published as
    /// with NULL (`send_committed`, never waiting); anything else there
    /// would be copied onto itself: `Invalid`. Either sets `own` (the call
    /// ends with this attempt). Other data: `send`.
    pub fn send_from(&mut self, id: SocketId, data: &[u8], own: &mut bool) -> Result<Progress<usize>, Error> {
        let p = data.as_ptr() as usize;
        if !self.in_stream(id, p, data.len(), true) {
            return self.send(id, data);
        }
        *own = true;
        // `tx_head`'s checks, then its address.
        let tcp = self.live_mut(id).and_then(Socket::tcp_mut).ok_or(Error::Invalid)?;
        if tcp.tcb.alloc_failed() || !tcp.tcb.tx_head_space().is_ok_and(|h| h.as_ptr() as usize == p) {
            return Err(Error::Invalid);
        }
        self.send_committed_count(id, data.len()).get().map(Progress::Done)
    }

    /// Whether `[p, p + n)` shares a byte with the block the socket's TX
    /// (`tx`) or RX stream lives in (none: false; also for UDP sockets and
    /// unknown handles, whose calls fail on their own; a socket being closed
    /// still has its streams). For RX, `n` is first cut to the stream's
    /// size: recv() never writes more than the stream holds.
    fn in_stream(&self, id: SocketId, p: usize, n: usize, tx: bool) -> bool {
        let tcp = self.sockets.get(id).and_then(|s| s.tcp());
        let (start, bytes) = tcp.map_or((0, 0), |t| t.tcb.stream_blocks()[tx as usize]);
        let n = if tx { n } else { n.min(bytes) };
        p != 0 && n > 0 && bytes > 0 && p < start.saturating_add(bytes) && start < p.saturating_add(n)
    }

    /// What `send()` returns when it could queue nothing before its timeout.
    pub fn send_timeout_error(&self, id: SocketId) -> Error {
        match self.live(id).and_then(Socket::tcp).map(|t| t.tcb.state()) {
            Some(s) if s > TcpState::Established => Error::NotConnected,
            Some(_) => Error::NoSpace,
            None => Error::Invalid,
        }
    }

    /// `FreeRTOS_shutdown`: `how` is ignored, as upstream does (§2.10).
    pub fn shutdown(&mut self, id: SocketId) -> Result<(), Error> {
        let tcp = self.bound_tcp(id).ok_or(Error::NotSupported)?;
        if tcp.tcb.state() != TcpState::Established {
            return Err(Error::NotConnected);
        }
        tcp.tcb.shutdown();
        Ok(())
    }

    /// `FreeRTOS_closesocket`: the handle dies now; the IP task frees the
    /// socket on its next cycle.
    pub fn close(&mut self, id: SocketId) -> Result<(), Error> {
        let sock = self.live_mut(id).ok_or(Error::Invalid)?;
        sock.closing = true;
        self.reap_due = true;
        Ok(())
    }

    /// `FreeRTOS_recvfrom`, one attempt (reference §2.13): the oldest
    /// datagram, taken out of the socket (with `peek`, left there); the
    /// caller then owns its frame. `Invalid` for a dead, TCP or unbound
    /// socket; `Pending` when nothing is queued.
    #[inline]
    pub fn recvfrom(&mut self, id: SocketId, peek: bool) -> Result<Progress<Datagram>, Error> {
        self.recvfrom_attempt(id, peek)
    }

    /// `recvfrom` for the blocking calls, its one out-of-line copy: the
    /// datagram into `out`, whether there was one in a register (the
    /// `Result<Progress<Datagram>>` came back through memory and was copied
    /// again).
    #[inline(never)]
    pub fn recvfrom_into(&mut self, id: SocketId, peek: bool, out: &mut Datagram) -> Result<bool, Error> {
        Ok(match self.recvfrom_attempt(id, peek)? {
            Progress::Done(d) => {
                *out = d;
                true
            }
            Progress::Pending => false,
        })
    }

    #[inline(always)]
    fn recvfrom_attempt(&mut self, id: SocketId, peek: bool) -> Result<Progress<Datagram>, Error> {
        let s = self.live(id).ok_or(Error::Invalid)?;
        if s.udp().is_none() || s.port().is_none() {
            return Err(Error::Invalid);
        }
        Ok(match self.udp_take(id, peek) {
            Some(d) => Progress::Done(d),
            None => Progress::Pending,
        })
    }

    /// `FreeRTOS_sendto`, the part under the lock: `frame` holds
    /// `payload_len` bytes at `udp::PAYLOAD_OFFSET`. Binds an unbound
    /// socket first (`ipconfigALLOW_SOCKET_SEND_WITHOUT_BIND`), then queues
    /// the frame for the IP task, which owns it from then on. On an error
    /// the frame stays the caller's, and the C call returns 0 (upstream's
    /// answer to every failure but a bad address family).
    pub fn sendto<E: Env + ?Sized>(
        &mut self,
        id: SocketId,
        frame: FrameToken,
        payload_len: usize,
        to: SockAddr,
        env: &mut E,
    ) -> Result<(), Error> {
        let s = self.live(id).ok_or(Error::Invalid)?;
        // (Binding below leaves the checksum switch as it is.)
        let checksum = s.udp().ok_or(Error::Invalid)?.checksum_out;
        if payload_len > self.cfg.get().udp.max_payload {
            return Err(Error::NoSpace);
        }
        let s = match s.port() {
            Some(_) => s,
            None => {
                if !self.cfg.get().udp.allow_send_without_bind {
                    return Err(Error::Invalid);
                }
                self.bind(id, None, env)?;
                self.live(id).ok_or(Error::Invalid)?
            }
        };
        let from = SockAddr { addr: s.bound_addr, port: s.port().ok_or(Error::Invalid)? };
        // Queued datagrams are IPv4 frames in the making.
        let (Some(from), Some(to)) = (ipv4_sockaddr(from), ipv4_sockaddr(to)) else { return Err(Error::Invalid) };
        let out = Outgoing { frame, from, to, payload_len, kind: OutKind::Udp { checksum } };
        if self.queue_outgoing(out) {
            Ok(())
        } else {
            Err(Error::NoSpace)
        }
    }

    /// The query functions (reference §2.12). UDP sockets give `Invalid`.
    pub fn query(&self, id: SocketId, q: Query) -> Result<i64, Error> {
        let sock = self.live(id).ok_or(Error::Invalid)?;
        let tcp = sock.tcp().ok_or(Error::Invalid)?;
        let st = tcp.tcb.state();
        Ok(match q {
            Query::IsConnected => {
                matches!(st, TcpState::Established | TcpState::FinWait1 | TcpState::FinWait2) as i64
            }
            Query::RxSize => tcp.tcb.rx_len() as i64,
            Query::TxSize => tcp.tcb.tx_len() as i64,
            Query::TxSpace => tcp.tcb.tx_space() as i64,
            Query::ConnStatus => st as u8 as i64,
            Query::MayWrite => match st {
                TcpState::Established => tcp.tcb.tx_space() as i64,
                TcpState::ConnectSyn | TcpState::SynFirst | TcpState::SynReceived => 0,
                _ => -1,
            },
            Query::Mss => tcp.tcb.mss() as i64,
        })
    }

    pub fn remote_address(&self, id: SocketId) -> Result<SockAddr, Error> {
        let tcp = self.live(id).and_then(Socket::tcp).ok_or(Error::Invalid)?;
        Ok(tcp.tcb.remote())
    }

    pub fn local_address(&self, id: SocketId) -> Result<SockAddr, Error> {
        let s = self.live(id).ok_or(Error::Invalid)?;
        let addr = match s.tcp() {
            Some(t) if !t.tcb.local().addr.is_unspecified() => t.tcb.local().addr,
            _ => s.bound_addr,
        };
        Ok(SockAddr { addr, port: s.port().unwrap_or(0) })
    }

    /// The receive (or with `send`, the send) block time. Inlined: the
    /// `Result` came back through memory from an out-of-line copy.
    #[inline(always)]
    pub fn block_time(&self, id: SocketId, send: bool) -> Result<Option<u32>, Error> {
        let s = self.live(id).ok_or(Error::Invalid)?;
        Ok(if send { s.snd_timeout } else { s.rcv_timeout })
    }

    /// `FreeRTOS_setsockopt` with a decoded option (reference §2.4).
    pub fn set_option(&mut self, id: SocketId, opt: SocketOption) -> Result<(), Error> {
        if let SocketOption::Handler(h) = opt {
            use crate::stack::callbacks::{HANDLERS, USER_WAKE};
            // Compiled out when the configuration has neither (the C layer
            // then never makes this option).
            return if HANDLERS || USER_WAKE { self.set_handler(id, h) } else { Err(Error::NoProtocolOption) };
        }
        let mss = self.cfg.tcp.mss as usize;
        let sock = self.live_mut(id).ok_or(Error::Invalid)?;
        match opt {
            SocketOption::ReceiveTimeout(t) => sock.rcv_timeout = t,
            SocketOption::SendTimeout(t) => sock.snd_timeout = t,
            SocketOption::UdpChecksumOut(on) => {
                // Accepted on TCP sockets too, where it means nothing (as
                // upstream, which only sets a flag).
                if let Some(u) = sock.udp_mut() {
                    u.checksum_out = on;
                }
            }
            SocketOption::UdpMaxRxPackets(n) => sock.udp_mut().ok_or(Error::Invalid)?.set_max_rx_packets(n),
            SocketOption::Handler(_) => {}
            // The rest are TCP options (one look for the TCP part).
            _ => {
                let tcp = sock.tcp_mut().ok_or(Error::Invalid)?;
                match opt {
                    // One copy of the TX size for both options that set it.
                    SocketOption::SendBuffer(_) | SocketOption::WinProperties { .. } => {
                        let (tx_bytes, rest) = match opt {
                            SocketOption::WinProperties { tx_buf, tx_win, rx_buf, rx_win } => {
                                if tx_buf < 0 || rx_buf < 0 || tx_win < 0 || rx_win < 0 {
                                    return Err(Error::Invalid);
                                }
                                (tx_buf as usize, Some((rx_buf as usize, rx_win as u32, tx_win as u32)))
                            }
                            SocketOption::SendBuffer(bytes) => (bytes as usize, None),
                            _ => return Ok(()), // (not reached)
                        };
                        let size = crate::config::tx_stream_size(tx_bytes, mss);
                        tcp.tcb.set_tx_stream_size(size).map_err(|_| Error::Invalid)?;
                        if let Some((rx_buf, rx_win, tx_win)) = rest {
                            tcp.tcb.set_rx_stream_size(rx_buf).map_err(|_| Error::Invalid)?;
                            tcp.tcb.set_windows(rx_win, tx_win);
                        }
                    }
                    SocketOption::ReceiveBuffer(bytes) => {
                        tcp.tcb.set_rx_stream_size(bytes as usize).map_err(|_| Error::Invalid)?;
                    }
                    SocketOption::ReuseListen(on) => tcp.reuse_listen = on,
                    SocketOption::CloseAfterSend(on) => tcp.tcb.set_close_after_send(on),
                    SocketOption::LowHighWater { little, enough } => {
                        if little >= enough || enough > tcp.tcb.config().rx_stream_size {
                            return Err(Error::Invalid);
                        }
                        let to_u32 = |n: usize| n.min(u32::MAX as usize) as u32;
                        tcp.tcb.set_low_high_water(to_u32(little), to_u32(enough));
                    }
                    SocketOption::FullSize(on) => tcp.tcb.set_full_size(on),
                    SocketOption::StopRx(on) => tcp.tcb.set_rx_stopped(on),
                    _ => {}
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `CountOr` gives back exactly what went in: counts (0 and the
    /// largest a slice can hold), `Pending`, every error.
    #[test]
    fn count_or_round_trips() {
        for n in [0, 1, 1460, isize::MAX as usize] {
            assert_eq!(CountOr::of(Ok(n)).get(), Ok(n));
            assert_eq!(CountOr::of_progress(Ok(Progress::Done(n))).progress(), Ok(Progress::Done(n)));
        }
        assert_eq!(CountOr::of_progress(Ok(Progress::Pending)).progress(), Ok(Progress::Pending));
        for e in [Error::Invalid, Error::NotConnected, Error::NoMemory, Error::WouldBlock, Error::AddressInUse] {
            assert_eq!(CountOr::of(Err(e)).get(), Err(e));
            assert_eq!(CountOr::of_progress(Err(e)).progress(), Err(e));
        }
        // Two registers on a 32-bit target: the error byte and the count.
        assert!(core::mem::size_of::<CountOr>() <= 2 * core::mem::size_of::<usize>());
    }
}
