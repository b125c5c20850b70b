/*
 * The TAP driver's receive ring (freertos-port/network/tap): a frame is lost
 * only if the ring is full when that frame arrives.
 *
 * The FreeRTOS side is stalled (scheduler suspended: the tap-rx task cannot
 * drain the ring) while Linux sends a burst larger than the ring through
 * the TAP; the reader pthread, which never calls FreeRTOS, keeps reading and
 * counts the overflow. Once the scheduler runs again and the ring has been
 * drained, one more frame, however much later, must reach the IP task.
 * Before the fix the reader chose "full, read into the scratch slot" before
 * its blocking read(), so that next frame was dropped as a ring overflow.
 *
 * Frames are UDP datagrams from a Linux socket to the subnet's broadcast
 * address: no ARP needed, and the driver hands them to the IP task (which
 * drops them; only the driver's counters matter here).
 *
 * Also the driver's attach: pfInitialise() returns only once Linux reports
 * the device running. Before that Linux drops every frame it sends on the
 * TAP (its transmit queue comes with the link-watch work, about 1 ms after
 * the attach, longer under load), which lost the answer to the stack's
 * first ARP request now and then (test_api_client row48 took the 500 ms
 * ARP retry).
 */
#include <arpa/inet.h>
#include <net/if.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "fptcp_test.h"
#include "host_settings.h"
#include "tap_interface.h"

#define ringBURST     400U  /* more than the driver's 256 slots */
#define ringPORT      9U    /* discard */

void setUp( void )
{
}

void tearDown( void )
{
}

static uint64_t prvNowMs( void )
{
    struct timespec xNow;

    ( void ) clock_gettime( CLOCK_MONOTONIC, &xNow );
    return ( ( uint64_t ) xNow.tv_sec * 1000U ) + ( ( uint64_t ) xNow.tv_nsec / 1000000U );
}

/* A Linux UDP socket that sends to the broadcast address of the peer's /24. */
static int prvBroadcastSocket( struct sockaddr_in * pxTo )
{
    int iOn = 1;
    int iFd = socket( AF_INET, SOCK_DGRAM, 0 );

    TEST_ASSERT_TRUE_MESSAGE( iFd >= 0, "Linux socket()" );
    TEST_ASSERT_EQUAL_INT( 0, setsockopt( iFd, SOL_SOCKET, SO_BROADCAST, &iOn, sizeof( iOn ) ) );
    memset( pxTo, 0, sizeof( *pxTo ) );
    pxTo->sin_family = AF_INET;
    pxTo->sin_port = htons( ringPORT );
    /* ulFptcpTestPeerIP() is in network order: keep the first three bytes. */
    pxTo->sin_addr.s_addr = ulFptcpTestPeerIP() | htonl( 0xffU );
    return iFd;
}

static TapStats_t prvStats( void )
{
    TapStats_t xStats;

    TEST_ASSERT_EQUAL_INT( pdPASS, xTap_GetStats( 0, &xStats ) );
    return xStats;
}

/* Frames the driver took off the ring (whatever became of them next). */
static uint64_t prvTaken( const TapStats_t * pxS )
{
    return pxS->ullRxFrames + pxS->ullRxFiltered + pxS->ullRxNoBuffer + pxS->ullRxQueueFull;
}

/* The device's TX dropped count, as Linux keeps it (its side of the TAP). */
static unsigned long long prvLinuxTxDropped( const char * pcName )
{
    char cPath[ 96 ];
    unsigned long long ullValue = ~0ULL;
    FILE * pxFile;

    ( void ) snprintf( cPath, sizeof( cPath ), "/sys/class/net/%s/statistics/tx_dropped", pcName );
    pxFile = fopen( cPath, "r" );
    TEST_ASSERT_NOT_NULL_MESSAGE( pxFile, cPath );
    TEST_ASSERT_EQUAL_INT( 1, fscanf( pxFile, "%llu", &ullValue ) );
    ( void ) fclose( pxFile );
    return ullValue;
}

static void test_tap_attach__network_up__device_running_and_linux_dropped_nothing( void )
{
    const char * pcName = pcHostEnv( "FPTCP_TAP", "tap0" );
    struct ifreq xRequest;
    int iFd = socket( AF_INET, SOCK_DGRAM, 0 );

    TEST_ASSERT_TRUE_MESSAGE( iFd >= 0, "Linux socket()" );
    memset( &xRequest, 0, sizeof( xRequest ) );
    ( void ) snprintf( xRequest.ifr_name, IFNAMSIZ, "%s", pcName );
    TEST_ASSERT_EQUAL_INT( 0, ioctl( iFd, SIOCGIFFLAGS, &xRequest ) );
    ( void ) close( iFd );
    TEST_ASSERT_TRUE( FreeRTOS_IsNetworkUp() == pdTRUE );
    TEST_ASSERT_TRUE_MESSAGE( ( xRequest.ifr_flags & IFF_RUNNING ) != 0,
                              "the network is up but Linux does not run the TAP yet: its frames to us are dropped" );
    TEST_ASSERT_EQUAL_UINT64_MESSAGE( 0U, prvLinuxTxDropped( pcName ),
                                      "Linux dropped frames it sent on the TAP" );
}

static void test_tap_ring__frame_after_a_burst_that_filled_the_ring__is_delivered( void )
{
    struct sockaddr_in xTo;
    int iFd = prvBroadcastSocket( &xTo );
    TapStats_t xBefore, xAfterBurst, xAfterOne;
    uint32_t i;
    uint64_t ullStart;
    char cPayload[ 32 ] = "burst";

    xBefore = prvStats();

    /* Stall the FreeRTOS side; the reader pthread runs on. */
    vTaskSuspendAll();
    {
        for( i = 0; i < ringBURST; i++ )
        {
            ( void ) sendto( iFd, cPayload, sizeof( cPayload ), 0, ( struct sockaddr * ) &xTo, sizeof( xTo ) );
        }

        /* Until the reader has seen the burst overflow the ring (2 s at most). */
        ullStart = prvNowMs();

        while( ( prvStats().ullRingOverflows == xBefore.ullRingOverflows ) && ( prvNowMs() - ullStart < 2000U ) )
        {
            ( void ) usleep( 1000 );
        }

        ( void ) usleep( 50000 ); /* the rest of the burst, if any, arrives */
    }
    ( void ) xTaskResumeAll();

    /* Let tap-rx drain the ring. */
    vTaskDelay( pdMS_TO_TICKS( 500 ) );
    xAfterBurst = prvStats();
    TEST_ASSERT_TRUE_MESSAGE( xAfterBurst.ullRingOverflows > xBefore.ullRingOverflows,
                              "the burst did not fill the ring: the test proves nothing" );

    /* Much later, one frame: the ring is empty, it must get through. */
    memcpy( cPayload, "single", 7 );
    TEST_ASSERT_EQUAL_INT( ( int ) sizeof( cPayload ),
                           ( int ) sendto( iFd, cPayload, sizeof( cPayload ), 0, ( struct sockaddr * ) &xTo, sizeof( xTo ) ) );
    vTaskDelay( pdMS_TO_TICKS( 300 ) );
    xAfterOne = prvStats();
    ( void ) close( iFd );

    vFptcpTestPrintf( "burst of %u: %llu taken, %llu overflows; then %llu taken, %llu overflows\n",
                      ( unsigned ) ringBURST,
                      ( unsigned long long ) ( prvTaken( &xAfterBurst ) - prvTaken( &xBefore ) ),
                      ( unsigned long long ) ( xAfterBurst.ullRingOverflows - xBefore.ullRingOverflows ),
                      ( unsigned long long ) ( prvTaken( &xAfterOne ) - prvTaken( &xAfterBurst ) ),
                      ( unsigned long long ) ( xAfterOne.ullRingOverflows - xAfterBurst.ullRingOverflows ) );
    TEST_ASSERT_EQUAL_UINT64_MESSAGE( xAfterBurst.ullRingOverflows, xAfterOne.ullRingOverflows,
                                      "a frame sent to an empty ring was counted as a ring overflow" );
    TEST_ASSERT_TRUE_MESSAGE( prvTaken( &xAfterOne ) > prvTaken( &xAfterBurst ),
                              "the frame after the burst never reached the driver's receive task" );
}

void vRunTests( void )
{
    RUN_TEST( test_tap_attach__network_up__device_running_and_linux_dropped_nothing );
    RUN_TEST( test_tap_ring__frame_after_a_burst_that_filled_the_ring__is_delivered );
}
