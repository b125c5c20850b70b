/*
 * Reference table 14.1, part D (rows 109-112): connect() to a host in our
 * /24 that nobody answers ARP for (192.0.2.77). The stack sends 3 ARP
 * requests 500 ms apart and gives up 500 ms after the third, 1500 ticks after
 * connect(), moving the socket to eCLOSE_WAIT (reference 2.5).
 */
#include <stdio.h>
#include <string.h>

#include "peer_util.h"

#define unreachARP_GIVE_UP_TICKS    1500UL

void setUp( void )
{
}

void tearDown( void )
{
    vPeerCloseTracked();
}

static BaseType_t prvConnectUnreachable( Socket_t xSocket )
{
    struct freertos_sockaddr xAddress;

    vPeerAddress( &xAddress, FreeRTOS_inet_addr_quick( 192, 0, 2, 77 ), 80 );
    return FreeRTOS_connect( xSocket, &xAddress, sizeof( xAddress ) );
}

static void test_row109__connect_unreachable_rcvtimeo_1000__returns_etimedout_after_1000_ticks_then_eclose_wait( void )
{
    Socket_t xSocket = xPeerTcpSocket();
    TickType_t xStart;
    TickType_t xTicks;
    BaseType_t xRc;

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 1000 ) );
    xStart = xTaskGetTickCount();
    xRc = prvConnectUnreachable( xSocket );
    peerASSERT_BLOCKED( 1000U, xTaskGetTickCount() - xStart );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ETIMEDOUT, xRc );
    /* The attempt goes on in the background... */
    peerASSERT_STATE( eCONNECT_SYN, xSocket );
    /* ...until ARP gives up. */
    TEST_ASSERT_EQUAL_INT( eCLOSE_WAIT, xPeerWaitState( xSocket, eCLOSE_WAIT, 2000 ) );
    xTicks = xTaskGetTickCount() - xStart;
    peerASSERT_BETWEEN( unreachARP_GIVE_UP_TICKS, unreachARP_GIVE_UP_TICKS + 5UL, xTicks,
                        "ticks from connect() to eCLOSE_WAIT" );
}

static void test_row110__closesocket_after_arp_failure__returns_1( void )
{
    Socket_t xSocket = xPeerTcpSocket();

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 0 ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_EWOULDBLOCK, prvConnectUnreachable( xSocket ) );
    TEST_ASSERT_EQUAL_INT( eCLOSE_WAIT, xPeerWaitState( xSocket, eCLOSE_WAIT, 2000 ) );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xSocket ) );
}

static void test_row111__connect_unreachable_rcvtimeo_40000__returns_enotconn_after_1500_ticks( void )
{
    Socket_t xSocket = xPeerTcpSocket();
    TickType_t xStart;
    BaseType_t xRc;

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 40000 ) );
    xStart = xTaskGetTickCount();
    xRc = prvConnectUnreachable( xSocket );
    peerASSERT_BLOCKED( unreachARP_GIVE_UP_TICKS, xTaskGetTickCount() - xStart );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, xRc );
    peerASSERT_STATE( eCLOSE_WAIT, xSocket );
}

static void test_row112__closesocket_after_failed_connect__returns_1( void )
{
    Socket_t xSocket = xPeerTcpSocket();

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 40000 ) );
    TEST_ASSERT_EQUAL_INT( -pdFREERTOS_ERRNO_ENOTCONN, prvConnectUnreachable( xSocket ) );
    peerASSERT_STATE( eCLOSE_WAIT, xSocket );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xSocket ) );
}

void vRunTests( void )
{
    RUN_TEST( test_row109__connect_unreachable_rcvtimeo_1000__returns_etimedout_after_1000_ticks_then_eclose_wait );
    RUN_TEST( test_row110__closesocket_after_arp_failure__returns_1 );
    RUN_TEST( test_row111__connect_unreachable_rcvtimeo_40000__returns_enotconn_after_1500_ticks );
    RUN_TEST( test_row112__closesocket_after_failed_connect__returns_1 );
}
