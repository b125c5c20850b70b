/*
 * The DHCP client against a hostile server (c-tests/peers/dhcp_hostile.py,
 * run by support/with-dhcp-hostile.sh): every DISCOVER is answered first by
 * fourteen malformed or foreign OFFERs (an option running past the message,
 * no END option, another transaction or hardware address, offers of
 * 0.0.0.0, broadcast, loopback, multicast and class E addresses, router
 * 0.0.0.0, a netmask with holes, a wrong magic cookie, a client's message,
 * a truncated message), then by a good OFFER of
 * 192.0.2.60; every REQUEST first by the same bad ACKs and a NAK for
 * another transaction, then by a good ACK. (peers-and-threats.md section 5:
 * DHCP option overflows; reference issue #7 "Bad input gets an error".)
 *
 * Passing means every bad message was ignored: the client requested only
 * 192.0.2.60, holds that lease with the good options, and is up; the
 * stack survived (the program is built with ASan/UBSan by default).
 * The Rust tests in src/stack/tests_dhcp.rs pin the counter of each
 * rejection; this test pins the end-to-end outcome.
 */
#define _GNU_SOURCE

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "fptcp_test.h"
#include "host_settings.h"

#include "FreeRTOS.h"
#include "task.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"
#include "FreeRTOS_DHCP.h"
#include "FreeRTOS_Routing.h"

/* config/posix-dhcp turns the hook and host-name registration on. */
eDHCPCallbackAnswer_t xApplicationDHCPHook_Multi( eDHCPCallbackPhase_t eDHCPPhase,
                                                  struct xNetworkEndPoint * pxEndPoint,
                                                  IP_Address_t * pxIPAddress )
{
    ( void ) eDHCPPhase;
    ( void ) pxEndPoint;
    ( void ) pxIPAddress;
    return eDHCPContinue;
}

const char * pcApplicationHostnameHook( void )
{
    return "fptcp-hostile";
}

/* The server's log (path in $FPTCP_DHCP_HOSTILE_LOG), with plain system
 * calls (no libc locks from a task). */
static char cLog[ 8192 ];

static void prvReadLog( void )
{
    size_t uxLength = 0;
    int iFd = open( pcHostEnv( "FPTCP_DHCP_HOSTILE_LOG", "" ), O_RDONLY );

    TEST_ASSERT_TRUE_MESSAGE( iFd >= 0, "cannot read the hostile server's log" );

    for( ; ; )
    {
        ssize_t xGot = read( iFd, cLog + uxLength, sizeof( cLog ) - 1U - uxLength );

        if( xGot <= 0 )
        {
            break;
        }

        uxLength += ( size_t ) xGot;
    }

    ( void ) close( iFd );
    cLog[ uxLength ] = '\0';
}

static int prvCount( const char * pcWhat )
{
    int iCount = 0;
    const char * pc = cLog;

    while( ( pc = strstr( pc, pcWhat ) ) != NULL )
    {
        iCount++;
        pc += strlen( pcWhat );
    }

    return iCount;
}

void setUp( void )
{
}

void tearDown( void )
{
}

static void test_dhcp_hostile__every_bad_offer_and_ack_ignored__good_lease_taken( void )
{
    uint32_t ulIP = 0, ulMask = 0, ulGateway = 0, ulDNS = 0;

    FreeRTOS_GetEndPointConfiguration( &ulIP, &ulMask, &ulGateway, &ulDNS, pxFptcpTestEndPoint() );
    TEST_ASSERT_EQUAL_HEX32( FreeRTOS_inet_addr_quick( 192, 0, 2, 60 ), ulIP );
    TEST_ASSERT_EQUAL_HEX32( FreeRTOS_inet_addr_quick( 255, 255, 255, 0 ), ulMask );
    TEST_ASSERT_EQUAL_HEX32( FreeRTOS_inet_addr_quick( 192, 0, 2, 1 ), ulGateway );
    TEST_ASSERT_EQUAL_HEX32( FreeRTOS_inet_addr_quick( 192, 0, 2, 9 ), ulDNS );
    TEST_ASSERT_EQUAL_INT( eLeasedAddress, eGetDHCPState( pxFptcpTestEndPoint() ) );
    TEST_ASSERT_EQUAL_INT( pdTRUE, FreeRTOS_IsNetworkUp() );

    prvReadLog();
    /* The server really sent the bad ones first, each time. */
    TEST_ASSERT_TRUE_MESSAGE( prvCount( "sent OFFER good" ) >= 1, "no OFFER was sent" );
    TEST_ASSERT_TRUE_MESSAGE( prvCount( "sent ACK good" ) >= 1, "no ACK was sent" );
    TEST_ASSERT_EQUAL_INT( prvCount( "sent OFFER good" ), prvCount( "sent OFFER option-past-end" ) );
    TEST_ASSERT_EQUAL_INT( prvCount( "sent ACK good" ), prvCount( "sent ACK nak-wrong-xid" ) );
    /* Only the good address was ever requested. */
    TEST_ASSERT_EQUAL_INT( prvCount( "got REQUEST" ), prvCount( "got REQUEST 192.0.2.60\n" ) );
}

/* After all of that, the lease holds: a second look 3 s later (a NAK or a
 * bad ACK taken late would have reset it). */
static void test_dhcp_hostile__lease_still_held_later( void )
{
    uint32_t ulIP = 0;

    vTaskDelay( pdMS_TO_TICKS( 3000 ) );
    FreeRTOS_GetEndPointConfiguration( &ulIP, NULL, NULL, NULL, pxFptcpTestEndPoint() );
    TEST_ASSERT_EQUAL_HEX32( FreeRTOS_inet_addr_quick( 192, 0, 2, 60 ), ulIP );
    TEST_ASSERT_EQUAL_INT( eLeasedAddress, eGetDHCPState( pxFptcpTestEndPoint() ) );
}

void vRunTests( void )
{
    RUN_TEST( test_dhcp_hostile__every_bad_offer_and_ack_ignored__good_lease_taken );
    RUN_TEST( test_dhcp_hostile__lease_still_held_later );
}
