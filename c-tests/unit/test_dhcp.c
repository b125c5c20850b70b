/*
 * DHCP client end to end (reference 14.8, 1.5): built against
 * config/posix-dhcp (ipconfigUSE_DHCP, ipconfigUSE_DHCP_HOOK,
 * ipconfigDHCP_REGISTER_HOSTNAME), run by support/with-dnsmasq.sh, which
 * serves 192.0.2.50-99 (2-minute leases, DNS option 192.0.2.9) on the TAP's
 * Linux side. The harness sets bWantDHCP and waits for eNetworkUp, which
 * must come with the lease.
 *
 * Renewal, rebinding, expiry, NAK and lost messages are tested on the
 * virtual clock (src/stack/tests_dhcp.rs): a renewal here would take a
 * minute.
 */
#define _GNU_SOURCE

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fptcp_test.h"
#include "host_settings.h"

#include "FreeRTOS.h"
#include "task.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"
#include "FreeRTOS_DHCP.h"
#include "FreeRTOS_Routing.h"
#include "NetworkInterface.h"

#define dhcptestHOSTNAME    "fptcp-dhcp"
#define dhcptestPORT        7777U
#define dhcptestMAX_CALLS   16

/* ------------------------------------------------------------ the hooks */

static volatile int iHookCalls = 0;
static eDHCPCallbackPhase_t xPhases[ dhcptestMAX_CALLS ];
static uint32_t ulHookIPs[ dhcptestMAX_CALLS ];
static volatile BaseType_t xHookSawLock = pdFALSE;
/* What the hook answers before the REQUEST (tests change it). */
static volatile eDHCPCallbackAnswer_t eAnswerPreRequest = eDHCPContinue;

eDHCPCallbackAnswer_t xApplicationDHCPHook_Multi( eDHCPCallbackPhase_t eDHCPPhase,
                                                  struct xNetworkEndPoint * pxEndPoint,
                                                  IP_Address_t * pxIPAddress )
{
    int i = iHookCalls;

    ( void ) pxEndPoint;

    if( i < dhcptestMAX_CALLS )
    {
        xPhases[ i ] = eDHCPPhase;
        ulHookIPs[ i ] = pxIPAddress->ulIP_IPv4;
    }

    /* Called without the stack's lock: an API call that takes it works
     * (with the lock held it would fail and return no socket). */
    {
        Socket_t xSocket = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_DGRAM, FREERTOS_IPPROTO_UDP );

        if( ( xSocket == FREERTOS_INVALID_SOCKET ) || ( xSocket == NULL ) )
        {
            xHookSawLock = pdTRUE;
        }
        else
        {
            ( void ) FreeRTOS_closesocket( xSocket );
        }
    }

    iHookCalls = i + 1;
    return ( eDHCPPhase == eDHCPPhasePreRequest ) ? eAnswerPreRequest : eDHCPContinue;
}

const char * pcApplicationHostnameHook( void )
{
    return dhcptestHOSTNAME;
}

/* ------------------------------------------------------------ helpers */

static uint32_t prvIP( uint8_t a,
                       uint8_t b,
                       uint8_t c,
                       uint8_t d )
{
    return FreeRTOS_inet_addr_quick( a, b, c, d );
}

static uint32_t prvLeasedIP( void )
{
    uint32_t ulIP = 0;

    FreeRTOS_GetEndPointConfiguration( &ulIP, NULL, NULL, NULL, pxFptcpTestEndPoint() );
    return ulIP;
}

/* Reads dnsmasq's lease file (path in $FPTCP_DHCP_LEASES) into pcOut with
 * plain system calls (no libc locks from a task). */
static size_t prvReadLeases( char * pcOut,
                             size_t uxSize )
{
    const char * pcPath = pcHostEnv( "FPTCP_DHCP_LEASES", "" );
    size_t uxLength = 0;
    int iFd = open( pcPath, O_RDONLY );

    if( iFd >= 0 )
    {
        ssize_t xGot;

        while( ( uxLength + 1U < uxSize ) &&
               ( ( xGot = read( iFd, pcOut + uxLength, uxSize - 1U - uxLength ) ) > 0 ) )
        {
            uxLength += ( size_t ) xGot;
        }

        ( void ) close( iFd );
    }

    pcOut[ uxLength ] = '\0';
    return uxLength;
}

/* ------------------------------------------------------------ tests */

static void test_dhcp__lease__address_mask_gateway_dns_from_the_server( void )
{
    uint32_t ulIP = 0, ulMask = 0, ulGateway = 0, ulDNS = 0;
    uint32_t ulHost;

    FreeRTOS_GetEndPointConfiguration( &ulIP, &ulMask, &ulGateway, &ulDNS, pxFptcpTestEndPoint() );
    ulHost = FreeRTOS_ntohl( ulIP );
    TEST_ASSERT_TRUE_MESSAGE( ( ulHost >= FreeRTOS_ntohl( prvIP( 192, 0, 2, 50 ) ) ) &&
                              ( ulHost <= FreeRTOS_ntohl( prvIP( 192, 0, 2, 99 ) ) ),
                              "the address is from dnsmasq's range" );
    TEST_ASSERT_NOT_EQUAL( ulFptcpTestOwnIP(), ulIP );
    TEST_ASSERT_EQUAL_HEX32( prvIP( 255, 255, 255, 0 ), ulMask );
    TEST_ASSERT_EQUAL_HEX32( prvIP( 192, 0, 2, 1 ), ulGateway );
    TEST_ASSERT_EQUAL_HEX32( prvIP( 192, 0, 2, 9 ), ulDNS );
    TEST_ASSERT_EQUAL_INT( pdTRUE, FreeRTOS_IsNetworkUp() );
    TEST_ASSERT_EQUAL_INT( pdTRUE, FreeRTOS_IsEndPointUp( pxFptcpTestEndPoint() ) );
    TEST_ASSERT_EQUAL_INT( eLeasedAddress, eGetDHCPState( pxFptcpTestEndPoint() ) );
    TEST_ASSERT_EQUAL_INT( eInitialWait, eGetDHCPState( NULL ) );
    TEST_ASSERT_EQUAL_INT( pdFALSE, xIsDHCPSocket( NULL ) );
}

static void test_dhcp__hook__pre_discover_with_static_ip_then_pre_request_with_offer( void )
{
    TEST_ASSERT_EQUAL_INT( 2, iHookCalls );
    TEST_ASSERT_EQUAL_INT( eDHCPPhasePreDiscover, xPhases[ 0 ] );
    TEST_ASSERT_EQUAL_HEX32( ulFptcpTestOwnIP(), ulHookIPs[ 0 ] );
    TEST_ASSERT_EQUAL_INT( eDHCPPhasePreRequest, xPhases[ 1 ] );
    TEST_ASSERT_EQUAL_HEX32( prvLeasedIP(), ulHookIPs[ 1 ] );
    TEST_ASSERT_FALSE_MESSAGE( xHookSawLock, "the hook ran with the stack's lock held" );
}

static void test_dhcp__hostname__registered_in_the_servers_lease( void )
{
    static char cLeases[ 2048 ];
    char cIP[ 16 ];

    TEST_ASSERT_TRUE( prvReadLeases( cLeases, sizeof( cLeases ) ) > 0U );
    FreeRTOS_inet_ntoa( prvLeasedIP(), cIP );
    TEST_ASSERT_NOT_NULL_MESSAGE( strstr( cLeases, cIP ), cLeases );
    TEST_ASSERT_NOT_NULL_MESSAGE( strstr( cLeases, dhcptestHOSTNAME ), cLeases );
}

static void test_dhcp__tcp__linux_connects_to_the_leased_address( void )
{
    struct freertos_sockaddr xBind;
    struct sockaddr_in xTo;
    Socket_t xListener, xChild;
    char cBuffer[ 16 ];
    int iLinux, iError = EINPROGRESS;
    socklen_t xLen = sizeof( iError );
    int i;

    xListener = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );
    TEST_ASSERT_TRUE( xListener != FREERTOS_INVALID_SOCKET );
    memset( &xBind, 0, sizeof( xBind ) );
    xBind.sin_family = FREERTOS_AF_INET;
    xBind.sin_port = FreeRTOS_htons( dhcptestPORT );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_bind( xListener, &xBind, sizeof( xBind ) ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_listen( xListener, 2 ) );

    /* Linux (this process is in the test's namespace) connects without
     * blocking: a blocking call would stop every FreeRTOS task. */
    iLinux = socket( AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0 );
    TEST_ASSERT_TRUE( iLinux >= 0 );
    memset( &xTo, 0, sizeof( xTo ) );
    xTo.sin_family = AF_INET;
    xTo.sin_port = htons( dhcptestPORT );
    xTo.sin_addr.s_addr = prvLeasedIP();
    TEST_ASSERT_TRUE( ( connect( iLinux, ( struct sockaddr * ) &xTo, sizeof( xTo ) ) == 0 ) || ( errno == EINPROGRESS ) );

    xChild = FreeRTOS_accept( xListener, NULL, NULL );

    for( i = 0; ( i < 100 ) && ( xChild == NULL ); i++ )
    {
        vTaskDelay( pdMS_TO_TICKS( 50 ) );
        xChild = FreeRTOS_accept( xListener, NULL, NULL );
    }

    TEST_ASSERT_NOT_NULL_MESSAGE( xChild, "no connection from Linux within 5 s" );
    TEST_ASSERT_TRUE( xChild != FREERTOS_INVALID_SOCKET );

    for( i = 0; ( i < 100 ) && ( iError == EINPROGRESS ); i++ )
    {
        TEST_ASSERT_EQUAL_INT( 0, getsockopt( iLinux, SOL_SOCKET, SO_ERROR, &iError, &xLen ) );

        if( iError == 0 )
        {
            break;
        }

        vTaskDelay( pdMS_TO_TICKS( 20 ) );
        iError = EINPROGRESS;
    }

    TEST_ASSERT_EQUAL_INT( 0, iError );
    TEST_ASSERT_EQUAL_INT( 5, ( int ) send( iLinux, "hello", 5, MSG_NOSIGNAL ) );
    {
        TickType_t xWait = pdMS_TO_TICKS( 3000 );
        ( void ) FreeRTOS_setsockopt( xChild, 0, FREERTOS_SO_RCVTIMEO, &xWait, sizeof( xWait ) );
    }
    TEST_ASSERT_EQUAL_INT( 5, FreeRTOS_recv( xChild, cBuffer, sizeof( cBuffer ), 0 ) );
    TEST_ASSERT_EQUAL_MEMORY( "hello", cBuffer, 5 );

    ( void ) close( iLinux );
    ( void ) FreeRTOS_closesocket( xChild );
    ( void ) FreeRTOS_closesocket( xListener );
}

static void test_dhcp__network_down__new_cycle_gets_the_lease_again( void )
{
    uint32_t ulBefore = prvLeasedIP();
    int iCallsBefore = iHookCalls;
    int i;

    FreeRTOS_NetworkDown( pxFptcpTestEndPoint()->pxNetworkInterface );

    /* The interface is re-initialised and DHCP starts over: PreDiscover,
     * PreRequest, and the end-point is up again with (dnsmasq remembers
     * us) the same address. */
    for( i = 0; i < 200; i++ )
    {
        vTaskDelay( pdMS_TO_TICKS( 50 ) );

        if( ( iHookCalls >= iCallsBefore + 2 ) && ( FreeRTOS_IsEndPointUp( pxFptcpTestEndPoint() ) == pdTRUE ) )
        {
            break;
        }
    }

    TEST_ASSERT_EQUAL_INT( iCallsBefore + 2, iHookCalls );
    TEST_ASSERT_EQUAL_INT( eDHCPPhasePreDiscover, xPhases[ iCallsBefore ] );
    TEST_ASSERT_EQUAL_INT( eDHCPPhasePreRequest, xPhases[ iCallsBefore + 1 ] );
    TEST_ASSERT_EQUAL_INT( pdTRUE, FreeRTOS_IsEndPointUp( pxFptcpTestEndPoint() ) );
    TEST_ASSERT_EQUAL_HEX32( ulBefore, prvLeasedIP() );
}

static void test_dhcp__vdhcpprocess_reset__new_cycle_then_vdhcpstop_keeps_the_address( void )
{
    uint32_t ulBefore = prvLeasedIP();
    int iCallsBefore = iHookCalls;
    int i;

    vDHCPProcess( pdTRUE, pxFptcpTestEndPoint() );

    for( i = 0; i < 200; i++ )
    {
        vTaskDelay( pdMS_TO_TICKS( 50 ) );

        if( ( iHookCalls >= iCallsBefore + 2 ) && ( eGetDHCPState( pxFptcpTestEndPoint() ) == eLeasedAddress ) )
        {
            break;
        }
    }

    TEST_ASSERT_EQUAL_INT( iCallsBefore + 2, iHookCalls );
    TEST_ASSERT_EQUAL_INT( eLeasedAddress, eGetDHCPState( pxFptcpTestEndPoint() ) );
    TEST_ASSERT_EQUAL_HEX32( ulBefore, prvLeasedIP() );

    vDHCPStop( pxFptcpTestEndPoint() );
    TEST_ASSERT_EQUAL_INT( eNotUsingLeasedAddress, eGetDHCPState( pxFptcpTestEndPoint() ) );
    TEST_ASSERT_EQUAL_HEX32( ulBefore, prvLeasedIP() );
    TEST_ASSERT_EQUAL_INT( pdTRUE, FreeRTOS_IsEndPointUp( pxFptcpTestEndPoint() ) );
}

static void test_dhcp__stop_no_changes_before_request__static_configuration_with_static_dns( void )
{
    uint32_t ulIP = 0, ulMask = 0, ulGateway = 0, ulDNS = 0;
    int iCallsBefore = iHookCalls;
    int i;

    eAnswerPreRequest = eDHCPStopNoChanges;
    vDHCPProcess( pdTRUE, pxFptcpTestEndPoint() );

    for( i = 0; i < 200; i++ )
    {
        vTaskDelay( pdMS_TO_TICKS( 50 ) );

        if( eGetDHCPState( pxFptcpTestEndPoint() ) == eNotUsingLeasedAddress )
        {
            break;
        }
    }

    eAnswerPreRequest = eDHCPContinue;
    TEST_ASSERT_EQUAL_INT( iCallsBefore + 2, iHookCalls );
    TEST_ASSERT_EQUAL_INT( eNotUsingLeasedAddress, eGetDHCPState( pxFptcpTestEndPoint() ) );
    FreeRTOS_GetEndPointConfiguration( &ulIP, &ulMask, &ulGateway, &ulDNS, pxFptcpTestEndPoint() );
    /* The harness's static settings; upstream kept the OFFER's DNS server
     * (192.0.2.9) here (reference 14.8), we take the static one (0.0.0.0). */
    TEST_ASSERT_EQUAL_HEX32( ulFptcpTestOwnIP(), ulIP );
    TEST_ASSERT_EQUAL_HEX32( ulFptcpTestNetMask(), ulMask );
    TEST_ASSERT_EQUAL_HEX32( ulFptcpTestPeerIP(), ulGateway );
    TEST_ASSERT_EQUAL_HEX32( 0, ulDNS );
    TEST_ASSERT_EQUAL_INT( pdTRUE, FreeRTOS_IsEndPointUp( pxFptcpTestEndPoint() ) );
}

void vRunTests( void )
{
    RUN_TEST( test_dhcp__lease__address_mask_gateway_dns_from_the_server );
    RUN_TEST( test_dhcp__hook__pre_discover_with_static_ip_then_pre_request_with_offer );
    RUN_TEST( test_dhcp__hostname__registered_in_the_servers_lease );
    RUN_TEST( test_dhcp__tcp__linux_connects_to_the_leased_address );
    RUN_TEST( test_dhcp__network_down__new_cycle_gets_the_lease_again );
    RUN_TEST( test_dhcp__vdhcpprocess_reset__new_cycle_then_vdhcpstop_keeps_the_address );
    RUN_TEST( test_dhcp__stop_no_changes_before_request__static_configuration_with_static_dns );
}
