/*
 * Linux TAP network interface (FreeRTOS+TCP V4 driver contract) for the
 * FreeRTOS POSIX port. Read README.md in this folder first.
 *
 * Threads and tasks of one interface:
 *
 *   reader pthread  blocking read() on the TAP file descriptor, straight into
 *                   the next free slot of a single-producer/single-consumer
 *                   ring. It never calls FreeRTOS: on the POSIX port that is
 *                   only allowed from FreeRTOS tasks (a foreign thread that
 *                   enters the kernel corrupts the scheduler state).
 *   "tap-rx" task   FreeRTOS task that drains the ring: network buffer, copy,
 *                   end-point, xSendEventStructToIPTask(). It sleeps on its
 *                   task notification for ONE tick at most, so a frame waits
 *                   at most one tick before the IP task gets it.
 *   idle hook       vTap_IdleHook() (called by the weak vApplicationIdleHook
 *                   below) waits in poll() on an eventfd that the reader
 *                   writes after each frame, then notifies the tap-rx task.
 *                   When the system is idle, a frame thus reaches the IP task
 *                   within microseconds instead of at the next tick.
 *   IP task         pfInitialise() and pfOutput() (write() to the device).
 *   "tap-tx" task   only with ipconfigZERO_COPY_TX_DRIVER: pfOutput() keeps
 *                   the descriptor and queues it; this task, below the IP
 *                   task's priority, writes it and releases it later. The
 *                   frame's bytes are hashed when queued and again before
 *                   the write (and, under AddressSanitizer, poisoned in
 *                   between), so a stack that touched a frame after
 *                   handing it over would be caught (README.md).
 *
 * Link state: the device's administrative state (IFF_UP, set from the Linux
 * side with `ip link set DEV down/up`) plays the PHY's link. The tap-rx task
 * looks at it every tapLINK_CHECK_MS; when it goes down, the task calls
 * FreeRTOS_NetworkDown(), and pfInitialise() fails until it is up again, as
 * a driver whose PHY lost its link does (the IP task retries every 3 s).
 *
 * Why the idle task may block in poll(): on the POSIX port the tick is a
 * SIGALRM sent to the thread of the running task; it interrupts the poll()
 * (EINTR) and the handler switches tasks as usual. The idle task is the one
 * task that may always be interrupted like this. Signalling tasks directly
 * from the reader thread (a "simulated interrupt") was rejected: the reader
 * would have to guess which pthread runs the current task and could signal a
 * thread that is being switched out or deleted.
 */

#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <net/if.h>
#include <linux/if_tun.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "FreeRTOS.h"
#include "task.h"
#include "queue.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_IP_Private.h"
#include "FreeRTOS_Routing.h"
#include "NetworkInterface.h"
#include "NetworkBufferManagement.h"

#include "tap_interface.h"

/* ------------------------------------------------------------ parameters */

/* Longest frame accepted: MTU + Ethernet header (14) + one VLAN tag (4). The
 * device delivers no FCS and (IFF_NO_PI) no packet-information header. */
#define tapMAX_FRAME_BYTES    ( ( size_t ) ipconfigNETWORK_MTU + 18U )

/* Receive ring slots per interface; a power of two. */
#define tapRING_SLOTS         256U

/* Priority of the tap-rx task: above the IP task (configMAX_PRIORITIES - 2
 * by default), as upstream drivers place their deferred receive task. */
#define tapRX_TASK_PRIORITY   ( configMAX_PRIORITIES - 1 )

/* Longest sleep of the tap-rx task between ring checks: one tick. */
#define tapRX_MAX_WAIT_TICKS  ( ( TickType_t ) 1 )

/* How often the tap-rx task looks at the device's link (IFF_UP). */
#define tapLINK_CHECK_MS      100U

/* Longest poll() of the idle hook, in milliseconds. */
#define tapIDLE_POLL_MS       1

/* How long pfInitialise() waits, after attaching, for Linux to report the
 * device running (see prvWaitRunning()). */
#define tapRUNNING_WAIT_MS    1000U

#define tapMIN_FRAME_BYTES    14U /* an Ethernet header */

#if ( ipconfigZERO_COPY_TX_DRIVER != 0 )

/* The tap-tx task runs below the IP task, so descriptors handed over in one
 * IP-task cycle stay with the driver until the IP task sleeps: the stack
 * really goes on while the driver holds its buffers. */
    #define tapTX_TASK_PRIORITY                                                  \
    ( ( ( UBaseType_t ) ( ipconfigIP_TASK_PRIORITY ) > ( tskIDLE_PRIORITY + 1U ) ) ? \
      ( ( UBaseType_t ) ( ipconfigIP_TASK_PRIORITY ) - 1U ) : ( UBaseType_t ) ( ipconfigIP_TASK_PRIORITY ) )

/* Each queued entry holds a distinct descriptor, so a queue as long as the
 * pool is never full. */
    #define tapTX_QUEUE_LENGTH         ( ( UBaseType_t ) ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS )

/* AddressSanitizer: frames waiting in the queue are poisoned, so any access
 * to them by instrumented code (the C application, libc's memcpy called by
 * the library, or the library itself built with FPTCP_RUST_SANITIZE) is
 * reported as a use of memory the caller gave away. */
    #if defined( __has_feature )
        #if __has_feature( address_sanitizer )
            #define tapASAN    1
        #endif
    #endif
    #if defined( __SANITIZE_ADDRESS__ ) && !defined( tapASAN )
        #define tapASAN    1
    #endif
    #ifdef tapASAN
        #include <sanitizer/asan_interface.h>
        #define tapPOISON( p, n )      ASAN_POISON_MEMORY_REGION( ( p ), ( n ) )
        #define tapUNPOISON( p, n )    ASAN_UNPOISON_MEMORY_REGION( ( p ), ( n ) )
    #else
        #define tapPOISON( p, n )      do { ( void ) ( p ); ( void ) ( n ); } while( 0 )
        #define tapUNPOISON( p, n )    do { ( void ) ( p ); ( void ) ( n ); } while( 0 )
    #endif

/* What pfOutput() queues for the tap-tx task. */
typedef struct xTAP_TX_ITEM
{
    NetworkBufferDescriptor_t * pxBuffer;
    size_t uxLength;  /* xDataLength when handed over */
    uint64_t ullHash; /* FNV-1a of the frame's bytes when handed over */
} TapTxItem_t;

static void prvTxTask( void * pvArg );

#endif /* ipconfigZERO_COPY_TX_DRIVER */

/* One tick in microseconds of wall time (nominal). */
#define tapONE_TICK_US        ( ( uint64_t ) 1000000U / ( uint64_t ) configTICK_RATE_HZ )

/* ------------------------------------------------------------ state */

typedef struct xTAP_SLOT
{
    size_t uxLength;
    uint64_t ullReadNs; /* CLOCK_MONOTONIC when read() returned */
    /* One byte more than accepted, so that read() reveals an oversize frame
     * instead of truncating it silently. */
    uint8_t ucData[ tapMAX_FRAME_BYTES + 1U ];
} TapSlot_t;

typedef struct xTAP_COUNTERS
{
    _Atomic uint64_t rx_frames, rx_bytes, tx_frames, tx_bytes;
    _Atomic uint64_t rx_dropped, tx_dropped, ring_overflows, rx_filtered;
    _Atomic uint64_t rx_oversize, rx_no_buffer, rx_queue_full, tx_errors, read_errors;
    _Atomic uint64_t rx_max_latency_us, rx_late; /* written by the tap-rx task only */
    _Atomic uint64_t link_downs;
    _Atomic uint64_t tx_deferred, tx_changed, tx_held, tx_held_max; /* ipconfigZERO_COPY_TX_DRIVER */
} TapCounters_t;

typedef struct xTAP_PORT
{
    NetworkInterface_t * pxInterface;
    BaseType_t xIndex;
    char cName[ IFNAMSIZ ];
    int iFd;
    _Atomic bool xRunning;       /* set once the reader and tap-rx exist */
    TaskHandle_t xRxTask;
    pthread_t xReader;

    /* Ring: the reader owns uxHead, the tap-rx task owns uxTail. Both only
     * grow; slot = counter % tapRING_SLOTS. */
    _Atomic size_t uxHead;
    _Atomic size_t uxTail;
    TapSlot_t xRing[ tapRING_SLOTS ];
    TapSlot_t xScratch; /* where frames go when the ring is full */

    _Atomic bool xLinkUp;        /* the device's IFF_UP, as last seen */
    int iControlFd;              /* a socket for SIOCGIFFLAGS; -1 until needed */

    uint64_t ullRxPrng;          /* reader thread only */
    _Atomic uint64_t ullTxPrng;  /* updated with compare-and-swap */

    #if ( ipconfigZERO_COPY_TX_DRIVER != 0 )
        QueueHandle_t xTxQueue;  /* TapTxItem_t: frames the driver holds */
        TaskHandle_t xTxTask;
    #endif

    TapCounters_t xCount;
} TapPort_t;

static TapPort_t xPorts[ tapMAX_INTERFACES ];

/* Process-wide settings read once from the environment. */
static bool xSettingsRead = false;
static uint32_t ulDropPermille = 0;
static uint64_t ullDropSeed = 1;

/* Written by every reader after each frame; the idle hook polls it. */
static int iWakeFd = -1;
static _Atomic int iRunningPorts = 0;

_Static_assert( ( tapRING_SLOTS & ( tapRING_SLOTS - 1U ) ) == 0U, "tapRING_SLOTS must be a power of two" );

/* ------------------------------------------------------------ helpers */

static void prvFatal( const char * pcFormat,
                      const char * pcArg ) __attribute__( ( noreturn ) );

static void prvFatal( const char * pcFormat,
                      const char * pcArg )
{
    ( void ) fflush( stdout );
    ( void ) fputs( "tap: ", stderr );
    ( void ) fprintf( stderr, pcFormat, pcArg );
    ( void ) fputc( '\n', stderr );
    _exit( 2 );
}

static void prvCount( _Atomic uint64_t * pullCounter,
                      uint64_t ullAmount )
{
    ( void ) atomic_fetch_add_explicit( pullCounter, ullAmount, memory_order_relaxed );
}

/* SplitMix64: spreads a seed into well-mixed, distinct PRNG states. */
static uint64_t prvSplitMix( uint64_t ullX )
{
    ullX += 0x9E3779B97F4A7C15ULL;
    ullX = ( ullX ^ ( ullX >> 30 ) ) * 0xBF58476D1CE4E5B9ULL;
    ullX = ( ullX ^ ( ullX >> 27 ) ) * 0x94D049BB133111EBULL;
    return ullX ^ ( ullX >> 31 );
}

/* One xorshift64 step (shifts 13, 7, 17); the state must not be 0. */
static uint64_t prvXorShift( uint64_t ullState )
{
    ullState ^= ullState << 13;
    ullState ^= ullState >> 7;
    ullState ^= ullState << 17;
    return ullState;
}

static bool prvDropDecision( uint64_t ullRandom )
{
    return ( ullRandom % 1000U ) < ulDropPermille;
}

/* Reader thread only. */
static bool prvDropRx( TapPort_t * pxPort )
{
    if( ulDropPermille == 0U )
    {
        return false;
    }

    pxPort->ullRxPrng = prvXorShift( pxPort->ullRxPrng );
    return prvDropDecision( pxPort->ullRxPrng );
}

/* Any task. */
static bool prvDropTx( TapPort_t * pxPort )
{
    uint64_t ullOld, ullNew;

    if( ulDropPermille == 0U )
    {
        return false;
    }

    ullOld = atomic_load_explicit( &pxPort->ullTxPrng, memory_order_relaxed );

    do
    {
        ullNew = prvXorShift( ullOld );
    } while( !atomic_compare_exchange_weak_explicit( &pxPort->ullTxPrng, &ullOld, ullNew,
                                                     memory_order_relaxed, memory_order_relaxed ) );

    return prvDropDecision( ullNew );
}

static uint64_t prvNowNs( void )
{
    struct timespec xNow;

    ( void ) clock_gettime( CLOCK_MONOTONIC, &xNow );
    return ( uint64_t ) xNow.tv_sec * 1000000000ULL + ( uint64_t ) xNow.tv_nsec;
}

static uint64_t prvParseUnsigned( const char * pcName,
                                  uint64_t ullDefault,
                                  uint64_t ullMax )
{
    const char * pcValue = getenv( pcName );
    char * pcEnd = NULL;
    unsigned long long ullValue;

    if( ( pcValue == NULL ) || ( pcValue[ 0 ] == '\0' ) )
    {
        return ullDefault;
    }

    errno = 0;
    ullValue = strtoull( pcValue, &pcEnd, 0 );

    if( ( errno != 0 ) || ( *pcEnd != '\0' ) || ( pcValue[ 0 ] == '-' ) || ( ullValue > ullMax ) )
    {
        prvFatal( "invalid value of %s (expected an unsigned integer within range)", pcName );
    }

    return ( uint64_t ) ullValue;
}

static void prvReadSettings( void )
{
    if( xSettingsRead )
    {
        return;
    }

    ulDropPermille = ( uint32_t ) prvParseUnsigned( "FPTCP_TAP_DROP_PERMILLE", 0U, 1000U );
    ullDropSeed = prvParseUnsigned( "FPTCP_TAP_DROP_SEED", 1U, UINT64_MAX );

    iWakeFd = eventfd( 0, EFD_NONBLOCK | EFD_CLOEXEC );

    if( iWakeFd < 0 )
    {
        prvFatal( "eventfd() failed: %s", strerror( errno ) );
    }

    xSettingsRead = true;
}

static void prvPortName( BaseType_t xIndex,
                         char * pcName )
{
    char cVar[ 32 ];
    const char * pcValue;

    if( xIndex == 0 )
    {
        ( void ) snprintf( cVar, sizeof( cVar ), "FPTCP_TAP" );
    }
    else
    {
        ( void ) snprintf( cVar, sizeof( cVar ), "FPTCP_TAP%ld", ( long ) xIndex );
    }

    pcValue = getenv( cVar );

    if( ( pcValue == NULL ) || ( pcValue[ 0 ] == '\0' ) )
    {
        ( void ) snprintf( pcName, IFNAMSIZ, "tap%ld", ( long ) xIndex );
    }
    else if( strlen( pcValue ) >= IFNAMSIZ )
    {
        prvFatal( "TAP device name '%s' is longer than 15 characters", pcValue );
    }
    else
    {
        ( void ) snprintf( pcName, IFNAMSIZ, "%s", pcValue );
    }
}

static TapPort_t * prvPortOf( const NetworkInterface_t * pxInterface )
{
    return ( TapPort_t * ) pxInterface->pvArgument;
}

/* ------------------------------------------------------------ receive */

static void * prvReaderThread( void * pvArg )
{
    TapPort_t * pxPort = ( TapPort_t * ) pvArg;
    const uint64_t ullOne = 1U;

    for( ; ; )
    {
        /* Read straight into the next slot when there is one; into the
         * scratch slot when the ring is full now. Whether the frame is lost
         * is decided only after read() returns: read() may block for a long
         * time, and tap-rx may have drained the ring meanwhile. */
        size_t uxHead = atomic_load_explicit( &pxPort->uxHead, memory_order_relaxed );
        size_t uxTail = atomic_load_explicit( &pxPort->uxTail, memory_order_acquire );
        bool xFull = ( uxHead - uxTail ) >= tapRING_SLOTS;
        TapSlot_t * pxSlot = xFull ? &pxPort->xScratch : &pxPort->xRing[ uxHead % tapRING_SLOTS ];
        ssize_t xRead = read( pxPort->iFd, pxSlot->ucData, sizeof( pxSlot->ucData ) );

        if( xRead < 0 )
        {
            if( ( errno != EINTR ) && ( errno != EAGAIN ) )
            {
                /* The device went away or is broken: count, and do not spin. */
                prvCount( &pxPort->xCount.read_errors, 1U );
                ( void ) usleep( 1000 );
            }

            continue;
        }

        if( ( size_t ) xRead > tapMAX_FRAME_BYTES )
        {
            prvCount( &pxPort->xCount.rx_oversize, 1U );
            continue;
        }

        if( prvDropRx( pxPort ) )
        {
            prvCount( &pxPort->xCount.rx_dropped, 1U );
            continue;
        }

        if( xFull )
        {
            /* The frame has arrived: is there room now? */
            uxTail = atomic_load_explicit( &pxPort->uxTail, memory_order_acquire );

            if( ( uxHead - uxTail ) >= tapRING_SLOTS )
            {
                prvCount( &pxPort->xCount.ring_overflows, 1U );
                continue;
            }

            pxSlot = &pxPort->xRing[ uxHead % tapRING_SLOTS ];
            ( void ) memcpy( pxSlot->ucData, pxPort->xScratch.ucData, ( size_t ) xRead );
        }

        pxSlot->uxLength = ( size_t ) xRead;
        pxSlot->ullReadNs = prvNowNs();
        atomic_store_explicit( &pxPort->uxHead, uxHead + 1U, memory_order_release );

        /* Wake the idle hook, if it is waiting. A full eventfd counter
         * (EAGAIN) already means "wake up". */
        ( void ) !write( iWakeFd, &ullOne, sizeof( ullOne ) );
    }

    return NULL;
}

/* Hands one frame to the IP task, or counts why not. */
static void prvDeliver( TapPort_t * pxPort,
                        const TapSlot_t * pxSlot )
{
    NetworkInterface_t * pxInterface = pxPort->pxInterface;
    NetworkBufferDescriptor_t * pxBuffer;
    IPStackEvent_t xEvent;

    if( ( pxSlot->uxLength < tapMIN_FRAME_BYTES ) ||
        ( eConsiderFrameForProcessing( pxSlot->ucData ) != eProcessBuffer ) )
    {
        prvCount( &pxPort->xCount.rx_filtered, 1U );
        return;
    }

    pxBuffer = pxGetNetworkBufferWithDescriptor( pxSlot->uxLength, 0 );

    if( pxBuffer == NULL )
    {
        prvCount( &pxPort->xCount.rx_no_buffer, 1U );
        return;
    }

    ( void ) memcpy( pxBuffer->pucEthernetBuffer, pxSlot->ucData, pxSlot->uxLength );
    pxBuffer->xDataLength = pxSlot->uxLength;
    pxBuffer->pxInterface = pxInterface;
    pxBuffer->pxEndPoint = FreeRTOS_MatchingEndpoint( pxInterface, pxBuffer->pucEthernetBuffer );

    if( pxBuffer->pxEndPoint == NULL )
    {
        prvCount( &pxPort->xCount.rx_filtered, 1U );
        vReleaseNetworkBufferAndDescriptor( pxBuffer );
        return;
    }

    xEvent.eEventType = eNetworkRxEvent;
    xEvent.pvData = ( void * ) pxBuffer;

    if( xSendEventStructToIPTask( &xEvent, 0 ) != pdPASS )
    {
        prvCount( &pxPort->xCount.rx_queue_full, 1U );
        vReleaseNetworkBufferAndDescriptor( pxBuffer );
        return;
    }

    prvCount( &pxPort->xCount.rx_frames, 1U );
    prvCount( &pxPort->xCount.rx_bytes, pxSlot->uxLength );

    /* How long the frame waited between read() and the IP task's queue. */
    {
        uint64_t ullWaitUs = ( prvNowNs() - pxSlot->ullReadNs ) / 1000U;

        if( ullWaitUs > atomic_load_explicit( &pxPort->xCount.rx_max_latency_us, memory_order_relaxed ) )
        {
            atomic_store_explicit( &pxPort->xCount.rx_max_latency_us, ullWaitUs, memory_order_relaxed );
        }

        if( ullWaitUs > tapONE_TICK_US )
        {
            prvCount( &pxPort->xCount.rx_late, 1U );
        }
    }
}

/* Whether the device has every flag of xWanted (1), not (0), or unknown
 * (-1: the query failed). Opens the control socket on first use. */
static int prvDeviceHas( TapPort_t * pxPort,
                         short sWanted )
{
    struct ifreq xRequest;

    if( pxPort->iControlFd < 0 )
    {
        pxPort->iControlFd = socket( AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0 );

        if( pxPort->iControlFd < 0 )
        {
            return -1;
        }
    }

    ( void ) memset( &xRequest, 0, sizeof( xRequest ) );
    ( void ) snprintf( xRequest.ifr_name, IFNAMSIZ, "%s", pxPort->cName );

    if( ioctl( pxPort->iControlFd, SIOCGIFFLAGS, &xRequest ) < 0 )
    {
        return -1;
    }

    return ( ( xRequest.ifr_flags & sWanted ) == sWanted ) ? 1 : 0;
}

/* Whether the device is administratively up (1), down (0), or unknown
 * (-1: the query failed). */
static int prvDeviceUp( TapPort_t * pxPort )
{
    return prvDeviceHas( pxPort, IFF_UP );
}

/* Waits (at most tapRUNNING_WAIT_MS) until Linux reports the device
 * running (IFF_RUNNING), the TAP's "link up". Attaching the file descriptor
 * turns the carrier on, but Linux gives the device its transmit queue only
 * when its link-watch work runs, a moment later (about 1 ms, longer under
 * load); until then every frame Linux sends on it is dropped (counted in the
 * device's TX dropped). An ARP request of ours answered in that moment lost
 * its reply, and the first connection then waited for the ARP retry, 500 ms:
 * the flake of the first ARP exchange in the C tests. A real driver waits for
 * its PHY's link in the same place. Returns whether the device runs. */
static BaseType_t prvWaitRunning( TapPort_t * pxPort )
{
    TickType_t xStart = xTaskGetTickCount();

    for( ; ; )
    {
        if( prvDeviceHas( pxPort, IFF_RUNNING ) == 1 )
        {
            return pdTRUE;
        }

        if( ( xTaskGetTickCount() - xStart ) >= pdMS_TO_TICKS( tapRUNNING_WAIT_MS ) )
        {
            return pdFALSE;
        }

        vTaskDelay( 1 );
    }
}

/* Called by the tap-rx task: a link that went down is reported to the
 * stack once; pfInitialise() notices when it is back. */
static void prvCheckLink( TapPort_t * pxPort )
{
    if( prvDeviceUp( pxPort ) == 0 )
    {
        if( atomic_exchange_explicit( &pxPort->xLinkUp, false, memory_order_acq_rel ) )
        {
            prvCount( &pxPort->xCount.link_downs, 1U );
            FreeRTOS_printf( ( "tap: %s link down\n", pxPort->cName ) );
            FreeRTOS_NetworkDown( pxPort->pxInterface );
        }
    }
}

static void prvRxTask( void * pvArg )
{
    TapPort_t * pxPort = ( TapPort_t * ) pvArg;
    TickType_t xLastLinkCheck = xTaskGetTickCount();

    for( ; ; )
    {
        if( ( xTaskGetTickCount() - xLastLinkCheck ) >= pdMS_TO_TICKS( tapLINK_CHECK_MS ) )
        {
            xLastLinkCheck = xTaskGetTickCount();
            prvCheckLink( pxPort );
        }

        size_t uxTail = atomic_load_explicit( &pxPort->uxTail, memory_order_relaxed );

        /* Every frame is delivered as soon as it is seen, one by one. */
        while( uxTail != atomic_load_explicit( &pxPort->uxHead, memory_order_acquire ) )
        {
            prvDeliver( pxPort, &pxPort->xRing[ uxTail % tapRING_SLOTS ] );
            uxTail++;
            atomic_store_explicit( &pxPort->uxTail, uxTail, memory_order_release );
        }

        ( void ) ulTaskNotifyTake( pdTRUE, tapRX_MAX_WAIT_TICKS );
    }
}

void vTap_IdleHook( void )
{
    struct pollfd xPoll;
    uint64_t ullDiscard;
    BaseType_t x;

    if( atomic_load_explicit( &iRunningPorts, memory_order_acquire ) == 0 )
    {
        return;
    }

    xPoll.fd = iWakeFd;
    xPoll.events = POLLIN;
    xPoll.revents = 0;

    /* Interrupted by the tick signal (EINTR) or woken by a reader. */
    if( poll( &xPoll, 1, tapIDLE_POLL_MS ) > 0 )
    {
        ( void ) !read( iWakeFd, &ullDiscard, sizeof( ullDiscard ) );
    }

    for( x = 0; x < tapMAX_INTERFACES; x++ )
    {
        TapPort_t * pxPort = &xPorts[ x ];

        if( atomic_load_explicit( &pxPort->xRunning, memory_order_acquire ) &&
            ( atomic_load_explicit( &pxPort->uxHead, memory_order_acquire ) !=
              atomic_load_explicit( &pxPort->uxTail, memory_order_relaxed ) ) )
        {
            ( void ) xTaskNotifyGive( pxPort->xRxTask );
        }
    }
}

/* Applications with an idle hook of their own call vTap_IdleHook() there. */
__attribute__( ( weak ) ) void vApplicationIdleHook( void )
{
    vTap_IdleHook();
}

/* ------------------------------------------------------------ interface functions */

static BaseType_t prvInitialise( NetworkInterface_t * pxInterface )
{
    TapPort_t * pxPort = prvPortOf( pxInterface );
    struct ifreq xRequest;
    sigset_t xAll, xSaved;
    int iFd, iErr;

    if( atomic_load_explicit( &pxPort->xRunning, memory_order_acquire ) )
    {
        /* Attached already: this is the stack's retry after a network-down
         * event; it passes once the link is back. */
        if( prvDeviceUp( pxPort ) == 0 )
        {
            return pdFAIL;
        }

        atomic_store_explicit( &pxPort->xLinkUp, true, memory_order_release );
        return pdPASS;
    }

    /* Attach only to an existing device: creating one here would put it in
     * whatever namespace the program runs in (tests use their own). */
    if( if_nametoindex( pxPort->cName ) == 0U )
    {
        FreeRTOS_printf( ( "tap: no network device '%s' here; create it first (c-tests/support/run-in-netns.sh)\n",
                           pxPort->cName ) );
        return pdFAIL;
    }

    iFd = open( "/dev/net/tun", O_RDWR | O_CLOEXEC );

    if( iFd < 0 )
    {
        FreeRTOS_printf( ( "tap: open(/dev/net/tun) failed: %s\n", strerror( errno ) ) );
        return pdFAIL;
    }

    ( void ) memset( &xRequest, 0, sizeof( xRequest ) );
    xRequest.ifr_flags = IFF_TAP | IFF_NO_PI;
    ( void ) snprintf( xRequest.ifr_name, IFNAMSIZ, "%s", pxPort->cName );

    if( ioctl( iFd, TUNSETIFF, &xRequest ) < 0 )
    {
        FreeRTOS_printf( ( "tap: TUNSETIFF %s failed: %s\n", pxPort->cName, strerror( errno ) ) );
        ( void ) close( iFd );
        return pdFAIL;
    }

    pxPort->iFd = iFd;

    /* After a failed attempt the task may exist already (the stack calls
     * pfInitialise again every few seconds until it passes). */
    if( ( pxPort->xRxTask == NULL ) &&
        ( xTaskCreate( prvRxTask, "tap-rx", configMINIMAL_STACK_SIZE, pxPort,
                       tapRX_TASK_PRIORITY, &pxPort->xRxTask ) != pdPASS ) )
    {
        FreeRTOS_printf( ( "tap: cannot create the tap-rx task for %s\n", pxPort->cName ) );
        ( void ) close( iFd );
        pxPort->iFd = -1;
        return pdFAIL;
    }

    #if ( ipconfigZERO_COPY_TX_DRIVER != 0 )
        if( pxPort->xTxQueue == NULL )
        {
            pxPort->xTxQueue = xQueueCreate( tapTX_QUEUE_LENGTH, sizeof( TapTxItem_t ) );
        }

        if( ( pxPort->xTxQueue == NULL ) ||
            ( ( pxPort->xTxTask == NULL ) &&
              ( xTaskCreate( prvTxTask, "tap-tx", configMINIMAL_STACK_SIZE, pxPort,
                             tapTX_TASK_PRIORITY, &pxPort->xTxTask ) != pdPASS ) ) )
        {
            FreeRTOS_printf( ( "tap: cannot create the tap-tx queue or task for %s\n", pxPort->cName ) );
            ( void ) close( iFd );
            pxPort->iFd = -1;
            return pdFAIL;
        }
    #endif

    /* The reader inherits a mask that blocks every signal, so the port's
     * tick signal can never run on it. Blocking them here for a moment acts
     * like a short critical section for the calling task. */
    ( void ) sigfillset( &xAll );
    ( void ) pthread_sigmask( SIG_SETMASK, &xAll, &xSaved );
    iErr = pthread_create( &pxPort->xReader, NULL, prvReaderThread, pxPort );
    ( void ) pthread_sigmask( SIG_SETMASK, &xSaved, NULL );

    if( iErr != 0 )
    {
        /* The tap-rx task stays; it only ever finds an empty ring. */
        FreeRTOS_printf( ( "tap: pthread_create failed: %s\n", strerror( iErr ) ) );
        ( void ) close( iFd );
        pxPort->iFd = -1;
        return pdFAIL;
    }

    ( void ) pthread_setname_np( pxPort->xReader, "tap-reader" );

    if( prvWaitRunning( pxPort ) == pdFALSE )
    {
        /* Go on: the device may still come up, and the stack's frames are
         * only at risk until it does (the log says so). */
        FreeRTOS_printf( ( "tap: %s not running after %u ms; its first frames may be lost\n",
                           pxPort->cName, ( unsigned ) tapRUNNING_WAIT_MS ) );
    }

    atomic_store_explicit( &pxPort->xLinkUp, true, memory_order_release );
    atomic_store_explicit( &pxPort->xRunning, true, memory_order_release );
    ( void ) atomic_fetch_add_explicit( &iRunningPorts, 1, memory_order_acq_rel );

    FreeRTOS_printf( ( "tap: %s attached (drop %u permille, seed %" PRIu64 ")\n",
                       pxPort->cName, ( unsigned ) ulDropPermille, ullDropSeed ) );
    return pdPASS;
}

/* Writes one frame to the device (or drops it on purpose), counting. */
static void prvWriteFrame( TapPort_t * pxPort,
                           const uint8_t * pucFrame,
                           size_t uxLength )
{
    if( !atomic_load_explicit( &pxPort->xRunning, memory_order_acquire ) )
    {
        prvCount( &pxPort->xCount.tx_errors, 1U );
    }
    else if( prvDropTx( pxPort ) )
    {
        prvCount( &pxPort->xCount.tx_dropped, 1U );
    }
    else if( write( pxPort->iFd, pucFrame, uxLength ) == ( ssize_t ) uxLength )
    {
        prvCount( &pxPort->xCount.tx_frames, 1U );
        prvCount( &pxPort->xCount.tx_bytes, uxLength );
    }
    else
    {
        prvCount( &pxPort->xCount.tx_errors, 1U );
    }
}

#if ( ipconfigZERO_COPY_TX_DRIVER != 0 )

/* FNV-1a, 64 bits: enough to notice a frame that changed after pfOutput(). */
    static uint64_t prvHash( const uint8_t * pucData,
                             size_t uxLength )
    {
        uint64_t ullHash = 0xCBF29CE484222325ULL;
        size_t x;

        for( x = 0; x < uxLength; x++ )
        {
            ullHash = ( ullHash ^ pucData[ x ] ) * 0x100000001B3ULL;
        }

        return ullHash;
    }

/* The zero-copy transmitter: takes the descriptors pfOutput() queued,
 * checks that their frames are as they were handed over, writes and
 * releases them. */
    static void prvTxTask( void * pvArg )
    {
        TapPort_t * pxPort = ( TapPort_t * ) pvArg;
        TapTxItem_t xItem;

        for( ; ; )
        {
            if( xQueueReceive( pxPort->xTxQueue, &xItem, portMAX_DELAY ) != pdPASS )
            {
                continue;
            }

            tapUNPOISON( xItem.pxBuffer->pucEthernetBuffer, xItem.uxLength );

            if( ( xItem.pxBuffer->xDataLength != xItem.uxLength ) ||
                ( prvHash( xItem.pxBuffer->pucEthernetBuffer, xItem.uxLength ) != xItem.ullHash ) )
            {
                /* The stack changed a frame it had given away. */
                prvCount( &pxPort->xCount.tx_changed, 1U );
            }

            prvWriteFrame( pxPort, xItem.pxBuffer->pucEthernetBuffer, xItem.uxLength );
            prvCount( &pxPort->xCount.tx_deferred, 1U );
            ( void ) atomic_fetch_sub_explicit( &pxPort->xCount.tx_held, 1U, memory_order_relaxed );
            vReleaseNetworkBufferAndDescriptor( xItem.pxBuffer );
        }
    }

/* pfOutput() with ipconfigZERO_COPY_TX_DRIVER: the stack promises
 * xReleaseAfterSend = pdTRUE on every call, so the descriptor is the
 * driver's from here on. Returns whether it was queued (else released). */
    static BaseType_t prvQueueFrame( TapPort_t * pxPort,
                                     NetworkBufferDescriptor_t * const pxBuffer )
    {
        TapTxItem_t xItem;
        uint64_t ullHeld;

        if( ( pxPort->xTxQueue == NULL ) || !atomic_load_explicit( &pxPort->xRunning, memory_order_acquire ) )
        {
            prvCount( &pxPort->xCount.tx_errors, 1U );
            vReleaseNetworkBufferAndDescriptor( pxBuffer );
            return pdFALSE;
        }

        xItem.pxBuffer = pxBuffer;
        xItem.uxLength = pxBuffer->xDataLength;
        xItem.ullHash = prvHash( pxBuffer->pucEthernetBuffer, xItem.uxLength );
        ullHeld = atomic_fetch_add_explicit( &pxPort->xCount.tx_held, 1U, memory_order_relaxed ) + 1U;

        if( ullHeld > atomic_load_explicit( &pxPort->xCount.tx_held_max, memory_order_relaxed ) )
        {
            atomic_store_explicit( &pxPort->xCount.tx_held_max, ullHeld, memory_order_relaxed );
        }

        tapPOISON( pxBuffer->pucEthernetBuffer, xItem.uxLength );

        if( xQueueSendToBack( pxPort->xTxQueue, &xItem, 0 ) != pdPASS )
        {
            /* Cannot happen (one entry per descriptor); counted if it does. */
            tapUNPOISON( pxBuffer->pucEthernetBuffer, xItem.uxLength );
            ( void ) atomic_fetch_sub_explicit( &pxPort->xCount.tx_held, 1U, memory_order_relaxed );
            prvCount( &pxPort->xCount.tx_errors, 1U );
            vReleaseNetworkBufferAndDescriptor( pxBuffer );
            return pdFALSE;
        }

        return pdTRUE;
    }

#endif /* ipconfigZERO_COPY_TX_DRIVER */

static BaseType_t prvOutput( NetworkInterface_t * pxInterface,
                             NetworkBufferDescriptor_t * const pxBuffer,
                             BaseType_t xReleaseAfterSend )
{
    TapPort_t * pxPort = prvPortOf( pxInterface );

    #if ( ipconfigZERO_COPY_TX_DRIVER != 0 )
        /* The option's contract: the driver always owns what it gets. */
        configASSERT( xReleaseAfterSend != pdFALSE );

        if( ( pxBuffer != NULL ) && ( pxBuffer->pucEthernetBuffer != NULL ) && ( xReleaseAfterSend != pdFALSE ) )
        {
            return prvQueueFrame( pxPort, pxBuffer );
        }
    #endif

    if( ( pxBuffer != NULL ) && ( pxBuffer->pucEthernetBuffer != NULL ) )
    {
        prvWriteFrame( pxPort, pxBuffer->pucEthernetBuffer, pxBuffer->xDataLength );
    }

    if( ( xReleaseAfterSend != pdFALSE ) && ( pxBuffer != NULL ) )
    {
        vReleaseNetworkBufferAndDescriptor( pxBuffer );
    }

    return pdTRUE;
}

static BaseType_t prvGetPhyLinkStatus( NetworkInterface_t * pxInterface )
{
    TapPort_t * pxPort = prvPortOf( pxInterface );

    return atomic_load_explicit( &pxPort->xLinkUp, memory_order_acquire ) ? pdTRUE : pdFALSE;
}

NetworkInterface_t * pxTap_FillInterfaceDescriptor( BaseType_t xEMACIndex,
                                                    NetworkInterface_t * pxInterface )
{
    TapPort_t * pxPort;

    if( ( pxInterface == NULL ) || ( xEMACIndex < 0 ) || ( xEMACIndex >= tapMAX_INTERFACES ) )
    {
        return NULL;
    }

    pxPort = &xPorts[ xEMACIndex ];

    if( atomic_load_explicit( &pxPort->xRunning, memory_order_acquire ) )
    {
        prvFatal( "interface %s is already running; it cannot be filled in again", pxPort->cName );
    }

    prvReadSettings();

    pxPort->pxInterface = pxInterface;
    pxPort->xIndex = xEMACIndex;
    pxPort->iFd = -1;
    pxPort->iControlFd = -1;
    prvPortName( xEMACIndex, pxPort->cName );
    atomic_store( &pxPort->uxHead, 0U );
    atomic_store( &pxPort->uxTail, 0U );
    /* Distinct, reproducible streams per interface and direction. */
    pxPort->ullRxPrng = prvSplitMix( ullDropSeed ^ ( ( uint64_t ) xEMACIndex << 8 ) ^ 0x5258U ) | 1U;
    atomic_store( &pxPort->ullTxPrng, prvSplitMix( ullDropSeed ^ ( ( uint64_t ) xEMACIndex << 8 ) ^ 0x5458U ) | 1U );

    ( void ) memset( pxInterface, 0, sizeof( *pxInterface ) );
    pxInterface->pcName = pxPort->cName;
    pxInterface->pvArgument = ( void * ) pxPort;
    pxInterface->pfInitialise = prvInitialise;
    pxInterface->pfOutput = prvOutput;
    pxInterface->pfGetPhyLinkStatus = prvGetPhyLinkStatus;

    ( void ) FreeRTOS_AddNetworkInterface( pxInterface );

    return pxInterface;
}

#if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 )
    NetworkInterface_t * pxFillInterfaceDescriptor( BaseType_t xEMACIndex,
                                                    NetworkInterface_t * pxInterface )
    {
        return pxTap_FillInterfaceDescriptor( xEMACIndex, pxInterface );
    }
#endif

/* ------------------------------------------------------------ statistics */

BaseType_t xTap_GetStats( BaseType_t xEMACIndex,
                          TapStats_t * pxStats )
{
    const TapCounters_t * pxC;

    if( ( pxStats == NULL ) || ( xEMACIndex < 0 ) || ( xEMACIndex >= tapMAX_INTERFACES ) )
    {
        return pdFAIL;
    }

    pxC = &xPorts[ xEMACIndex ].xCount;
    pxStats->ullRxFrames = atomic_load( &pxC->rx_frames );
    pxStats->ullRxBytes = atomic_load( &pxC->rx_bytes );
    pxStats->ullTxFrames = atomic_load( &pxC->tx_frames );
    pxStats->ullTxBytes = atomic_load( &pxC->tx_bytes );
    pxStats->ullRxDropped = atomic_load( &pxC->rx_dropped );
    pxStats->ullTxDropped = atomic_load( &pxC->tx_dropped );
    pxStats->ullRingOverflows = atomic_load( &pxC->ring_overflows );
    pxStats->ullRxFiltered = atomic_load( &pxC->rx_filtered );
    pxStats->ullRxOversize = atomic_load( &pxC->rx_oversize );
    pxStats->ullRxNoBuffer = atomic_load( &pxC->rx_no_buffer );
    pxStats->ullRxQueueFull = atomic_load( &pxC->rx_queue_full );
    pxStats->ullTxErrors = atomic_load( &pxC->tx_errors );
    pxStats->ullReadErrors = atomic_load( &pxC->read_errors );
    pxStats->ullRxMaxLatencyUs = atomic_load( &pxC->rx_max_latency_us );
    pxStats->ullRxLate = atomic_load( &pxC->rx_late );
    pxStats->ullTxDeferred = atomic_load( &pxC->tx_deferred );
    pxStats->ullTxChanged = atomic_load( &pxC->tx_changed );
    pxStats->ullTxHeld = atomic_load( &pxC->tx_held );
    pxStats->ullTxHeldMax = atomic_load( &pxC->tx_held_max );
    return pdPASS;
}

void vTap_PrintStats( void )
{
    BaseType_t x;
    TapStats_t xS;

    for( x = 0; x < tapMAX_INTERFACES; x++ )
    {
        if( !atomic_load( &xPorts[ x ].xRunning ) || ( xTap_GetStats( x, &xS ) != pdPASS ) )
        {
            continue;
        }

        FreeRTOS_printf( ( "tap %s: rx %" PRIu64 " frames/%" PRIu64 " B, tx %" PRIu64 " frames/%" PRIu64 " B; "
                           "dropped rx %" PRIu64 " tx %" PRIu64 "; ring overflows %" PRIu64 "; filtered %" PRIu64
                           "; oversize %" PRIu64 "; no buffer %" PRIu64 "; queue full %" PRIu64
                           "; tx errors %" PRIu64 "; read errors %" PRIu64
                           "; rx latency max %" PRIu64 " us, %" PRIu64 " over one tick"
                           "; tx deferred %" PRIu64 " (changed %" PRIu64 ", held max %" PRIu64 ")\n",
                           xPorts[ x ].cName, xS.ullRxFrames, xS.ullRxBytes, xS.ullTxFrames, xS.ullTxBytes,
                           xS.ullRxDropped, xS.ullTxDropped, xS.ullRingOverflows, xS.ullRxFiltered,
                           xS.ullRxOversize, xS.ullRxNoBuffer, xS.ullRxQueueFull, xS.ullTxErrors,
                           xS.ullReadErrors, xS.ullRxMaxLatencyUs, xS.ullRxLate,
                           xS.ullTxDeferred, xS.ullTxChanged, xS.ullTxHeldMax ) );
    }
}
