/*
 * Test of the V3 driver compatibility (freertos-port/network/v3-compat): a
 * V3-era application (FreeRTOS_IPInit()) on an unmodified V3-style driver
 * (v3_test_driver.c), linked through the CMake drop-in with
 * FREERTOS_PLUS_TCP_NETWORK_IF=A_CUSTOM_NETWORK_IF and
 * FREERTOS_PLUS_TCP_V3_DRIVER=ON, on the FreeRTOS POSIX port.
 *
 * The test plays the peer 192.0.2.1 on the driver's in-memory wire: it sends
 * ARP, ICMP echo and a TCP connection to the stack at 192.0.2.10 and checks
 * the frames that come back through xNetworkInterfaceOutput(), then the V3
 * link-down path. Prints one line per failed check and a summary; exit
 * status 0 when every check passed. Needs no privileges.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "FreeRTOS.h"
#include "task.h"
#include "semphr.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"
#include "FreeRTOS_Routing.h"

#include "v3_test_driver.h"

#ifndef TEST_BUFFER_ALLOCATION
    #define TEST_BUFFER_ALLOCATION    2
#endif

static const uint8_t ucOurIP[ 4 ] = { 192, 0, 2, 10 };
static const uint8_t ucMask[ 4 ] = { 255, 255, 255, 0 };
static const uint8_t ucGateway[ 4 ] = { 192, 0, 2, 1 };
static const uint8_t ucDNS[ 4 ] = { 0, 0, 0, 0 };
static const uint8_t ucOurMAC[ 6 ] = { 0x02, 0x00, 0x5e, 0x10, 0x00, 0x0a };
static const uint8_t ucPeerIP[ 4 ] = { 192, 0, 2, 1 };
static const uint8_t ucPeerMAC[ 6 ] = { 0x02, 0x00, 0x5e, 0x10, 0x00, 0x01 };
static const uint8_t ucBroadcast[ 6 ] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static SemaphoreHandle_t xNetworkUp;
static volatile UBaseType_t uxUpEvents;
static unsigned uPassed, uFailed;

#define CHECK( cond, what )                                            \
    do {                                                               \
        if( cond ) { uPassed++; }                                      \
        else { uFailed++; printf( "FAIL %s (line %d)\n", what, __LINE__ ); } \
    } while( 0 )

/* ---------------------------------------------------------------- hooks */

void vApplicationIPNetworkEventHook( eIPCallbackEvent_t eNetworkEvent )
{
    if( eNetworkEvent == eNetworkUp )
    {
        uxUpEvents++;
        ( void ) xSemaphoreGive( xNetworkUp );
    }
}

BaseType_t xApplicationGetRandomNumber( uint32_t * pulNumber )
{
    static uint32_t ulState = 0x2545F491U;

    ulState ^= ulState << 13;
    ulState ^= ulState >> 17;
    ulState ^= ulState << 5;
    *pulNumber = ulState;
    return pdTRUE;
}

uint32_t ulApplicationGetNextSequenceNumber( uint32_t ulSourceAddress,
                                             uint16_t usSourcePort,
                                             uint32_t ulDestinationAddress,
                                             uint16_t usDestinationPort )
{
    static uint32_t ulNext = 0x10000000U;

    ( void ) ulSourceAddress;
    ( void ) usSourcePort;
    ( void ) ulDestinationAddress;
    ( void ) usDestinationPort;
    ulNext += 0x01000193U;
    return ulNext;
}

/* ---------------------------------------------------------------- frames */

static void prvPut16( uint8_t * p, uint16_t v )
{
    p[ 0 ] = ( uint8_t ) ( v >> 8 );
    p[ 1 ] = ( uint8_t ) v;
}

static void prvPut32( uint8_t * p, uint32_t v )
{
    prvPut16( p, ( uint16_t ) ( v >> 16 ) );
    prvPut16( p + 2, ( uint16_t ) v );
}

static uint16_t prvGet16( const uint8_t * p )
{
    return ( uint16_t ) ( ( p[ 0 ] << 8 ) | p[ 1 ] );
}

static uint32_t prvGet32( const uint8_t * p )
{
    return ( ( uint32_t ) prvGet16( p ) << 16 ) | prvGet16( p + 2 );
}

/* RFC 1071 sum, folded, not inverted. */
static uint32_t prvSum( const uint8_t * p, size_t n, uint32_t ulSum )
{
    size_t i;

    for( i = 0; i + 1 < n; i += 2 )
    {
        ulSum += prvGet16( &p[ i ] );
    }

    if( ( n & 1U ) != 0U )
    {
        ulSum += ( uint32_t ) p[ n - 1 ] << 8;
    }

    while( ( ulSum >> 16 ) != 0U )
    {
        ulSum = ( ulSum & 0xFFFFU ) + ( ulSum >> 16 );
    }

    return ulSum;
}

static size_t prvEthernet( uint8_t * f, const uint8_t * pucDst, uint16_t usType )
{
    ( void ) memcpy( &f[ 0 ], pucDst, 6 );
    ( void ) memcpy( &f[ 6 ], ucPeerMAC, 6 );
    prvPut16( &f[ 12 ], usType );
    return 14;
}

/* ARP request (usOp 1) or reply (2) from the peer. */
static size_t prvArp( uint8_t * f, uint16_t usOp )
{
    size_t n = prvEthernet( f, ( usOp == 1 ) ? ucBroadcast : ucOurMAC, 0x0806 );

    prvPut16( &f[ n ], 1 );
    prvPut16( &f[ n + 2 ], 0x0800 );
    f[ n + 4 ] = 6;
    f[ n + 5 ] = 4;
    prvPut16( &f[ n + 6 ], usOp );
    ( void ) memcpy( &f[ n + 8 ], ucPeerMAC, 6 );
    ( void ) memcpy( &f[ n + 14 ], ucPeerIP, 4 );
    ( void ) memcpy( &f[ n + 18 ], ( usOp == 1 ) ? ( const uint8_t * ) "\0\0\0\0\0\0" : ucOurMAC, 6 );
    ( void ) memcpy( &f[ n + 24 ], ucOurIP, 4 );
    ( void ) memset( &f[ n + 28 ], 0, 60 - ( n + 28 ) );
    return 60;
}

/* IPv4 header from the peer to us; returns its length (20). */
static size_t prvIPv4( uint8_t * ip, uint8_t ucProtocol, size_t uxPayload )
{
    static uint16_t usId = 1;

    ip[ 0 ] = 0x45;
    ip[ 1 ] = 0;
    prvPut16( &ip[ 2 ], ( uint16_t ) ( 20 + uxPayload ) );
    prvPut16( &ip[ 4 ], usId++ );
    prvPut16( &ip[ 6 ], 0x4000 );
    ip[ 8 ] = 64;
    ip[ 9 ] = ucProtocol;
    prvPut16( &ip[ 10 ], 0 );
    ( void ) memcpy( &ip[ 12 ], ucPeerIP, 4 );
    ( void ) memcpy( &ip[ 16 ], ucOurIP, 4 );
    prvPut16( &ip[ 10 ], ( uint16_t ) ~prvSum( ip, 20, 0 ) );
    return 20;
}

static size_t prvIcmpEcho( uint8_t * f, uint16_t usId, uint16_t usSeq, const uint8_t * pucData, size_t uxData )
{
    size_t n = prvEthernet( f, ucOurMAC, 0x0800 );
    uint8_t * icmp;

    n += prvIPv4( &f[ n ], 1, 8 + uxData );
    icmp = &f[ n ];
    icmp[ 0 ] = 8;
    icmp[ 1 ] = 0;
    prvPut16( &icmp[ 2 ], 0 );
    prvPut16( &icmp[ 4 ], usId );
    prvPut16( &icmp[ 6 ], usSeq );
    ( void ) memcpy( &icmp[ 8 ], pucData, uxData );
    prvPut16( &icmp[ 2 ], ( uint16_t ) ~prvSum( icmp, 8 + uxData, 0 ) );
    return n + 8 + uxData;
}

#define tcpFIN    0x01U
#define tcpSYN    0x02U
#define tcpRST    0x04U
#define tcpPSH    0x08U
#define tcpACK    0x10U

static size_t prvTcp( uint8_t * f, uint16_t usSrc, uint16_t usDst, uint32_t ulSeq, uint32_t ulAck,
                      uint8_t ucFlags, const uint8_t * pucData, size_t uxData )
{
    size_t n = prvEthernet( f, ucOurMAC, 0x0800 );
    size_t uxHeader = ( ( ucFlags & tcpSYN ) != 0U ) ? 24U : 20U;
    uint8_t * tcp;
    uint8_t ucPseudo[ 12 ];
    uint32_t ulSum;

    n += prvIPv4( &f[ n ], 6, uxHeader + uxData );
    tcp = &f[ n ];
    prvPut16( &tcp[ 0 ], usSrc );
    prvPut16( &tcp[ 2 ], usDst );
    prvPut32( &tcp[ 4 ], ulSeq );
    prvPut32( &tcp[ 8 ], ulAck );
    tcp[ 12 ] = ( uint8_t ) ( ( uxHeader / 4U ) << 4 );
    tcp[ 13 ] = ucFlags;
    prvPut16( &tcp[ 14 ], 8192 );
    prvPut16( &tcp[ 16 ], 0 );
    prvPut16( &tcp[ 18 ], 0 );

    if( uxHeader == 24U )
    {
        tcp[ 20 ] = 2; /* MSS */
        tcp[ 21 ] = 4;
        prvPut16( &tcp[ 22 ], 1460 );
    }

    ( void ) memcpy( &tcp[ uxHeader ], pucData, uxData );
    ( void ) memcpy( &ucPseudo[ 0 ], ucPeerIP, 4 );
    ( void ) memcpy( &ucPseudo[ 4 ], ucOurIP, 4 );
    ucPseudo[ 8 ] = 0;
    ucPseudo[ 9 ] = 6;
    prvPut16( &ucPseudo[ 10 ], ( uint16_t ) ( uxHeader + uxData ) );
    ulSum = prvSum( ucPseudo, sizeof( ucPseudo ), 0 );
    ulSum = prvSum( tcp, uxHeader + uxData, ulSum );
    prvPut16( &tcp[ 16 ], ( uint16_t ) ~ulSum );
    n += uxHeader + uxData;

    if( n < 60U )
    {
        ( void ) memset( &f[ n ], 0, 60U - n );
        n = 60U;
    }

    return n;
}

/* ---------------------------------------------------------------- the wire */

typedef BaseType_t ( * FrameMatch_t )( const TestFrame_t * pxFrame, void * pvContext );

/* Waits for a sent frame that pxMatch accepts; answers the stack's ARP
 * requests for the peer on the way. */
static BaseType_t prvExpect( FrameMatch_t pxMatch, void * pvContext, TickType_t xTicks, TestFrame_t * pxOut )
{
    static TestFrame_t xFrame;
    static uint8_t ucReply[ 64 ];
    TimeOut_t xTimeOut;

    vTaskSetTimeOutState( &xTimeOut );

    while( xTaskCheckForTimeOut( &xTimeOut, &xTicks ) == pdFALSE )
    {
        if( xTestWire_Receive( &xFrame, xTicks ) != pdPASS )
        {
            break;
        }

        if( ( xFrame.uxLength >= 42U ) && ( prvGet16( &xFrame.ucData[ 12 ] ) == 0x0806 ) &&
            ( prvGet16( &xFrame.ucData[ 20 ] ) == 1 ) && ( memcmp( &xFrame.ucData[ 38 ], ucPeerIP, 4 ) == 0 ) )
        {
            ( void ) xTestWire_Inject( ucReply, prvArp( ucReply, 2 ) );
        }

        if( pxMatch( &xFrame, pvContext ) != pdFALSE )
        {
            if( pxOut != NULL )
            {
                *pxOut = xFrame;
            }

            return pdPASS;
        }
    }

    return pdFAIL;
}

static BaseType_t prvIsArpReply( const TestFrame_t * f, void * pvContext )
{
    const uint8_t * d = f->ucData;

    ( void ) pvContext;
    return ( f->uxLength >= 42U ) && ( prvGet16( &d[ 12 ] ) == 0x0806 ) && ( prvGet16( &d[ 20 ] ) == 2 );
}

static BaseType_t prvIsIPv4From( const TestFrame_t * f, uint8_t ucProtocol )
{
    const uint8_t * d = f->ucData;

    return ( f->uxLength >= 34U ) && ( prvGet16( &d[ 12 ] ) == 0x0800 ) && ( d[ 23 ] == ucProtocol ) &&
           ( memcmp( &d[ 26 ], ucOurIP, 4 ) == 0 ) && ( memcmp( &d[ 30 ], ucPeerIP, 4 ) == 0 );
}

static BaseType_t prvIsEchoReply( const TestFrame_t * f, void * pvContext )
{
    ( void ) pvContext;
    return prvIsIPv4From( f, 1 ) && ( f->ucData[ 34 ] == 0 );
}

typedef struct
{
    uint8_t ucFlags;       /* all of these set */
    size_t uxPayload;      /* 0: any; else exactly this many data bytes */
} TcpMatch_t;

static size_t prvTcpPayloadLength( const uint8_t * d )
{
    size_t uxIp = ( size_t ) prvGet16( &d[ 16 ] );
    size_t uxIpHeader = ( size_t ) ( d[ 14 ] & 0x0FU ) * 4U;
    size_t uxTcpHeader = ( size_t ) ( d[ 14 + uxIpHeader + 12 ] >> 4 ) * 4U;

    return uxIp - uxIpHeader - uxTcpHeader;
}

static BaseType_t prvIsTcp( const TestFrame_t * f, void * pvContext )
{
    const TcpMatch_t * m = ( const TcpMatch_t * ) pvContext;
    const uint8_t * d = f->ucData;

    if( !prvIsIPv4From( f, 6 ) || ( prvGet16( &d[ 34 ] ) != 7 ) || ( prvGet16( &d[ 36 ] ) != 40000 ) )
    {
        return pdFALSE;
    }

    if( ( d[ 47 ] & m->ucFlags ) != m->ucFlags )
    {
        return pdFALSE;
    }

    return ( m->uxPayload == 0U ) || ( prvTcpPayloadLength( d ) == m->uxPayload );
}

/* ---------------------------------------------------------------- the test */

static void prvTestTask( void * pvParameters )
{
    static uint8_t ucFrame[ 128 ];
    static TestFrame_t xGot;
    TestDriverStats_t xStats;
    NetworkInterface_t * pxInterface;
    uint32_t ulOurIP;
    size_t n;

    ( void ) pvParameters;
    ( void ) memcpy( &ulOurIP, ucOurIP, 4 );

    CHECK( xSemaphoreTake( xNetworkUp, pdMS_TO_TICKS( 5000 ) ) == pdPASS, "network up through the V3 driver" );

    /* ---- initialisation through the wrapper */
    vTestWire_GetStats( &xStats );
    CHECK( xStats.uxInitialiseCalls == 1U, "xNetworkInterfaceInitialise() called once" );
    CHECK( memcmp( xStats.ucHardwareMAC, ucOurMAC, 6 ) == 0, "ipLOCAL_MAC_ADDRESS is the MAC given to FreeRTOS_IPInit()" );
    CHECK( memcmp( xStats.ucGetMACAddress, ucOurMAC, 6 ) == 0, "FreeRTOS_GetMACAddress() in the driver" );
    CHECK( xStats.ulLocalIPAtInit == ulOurIP, "*ipLOCAL_IP_ADDRESS_POINTER is the address given to FreeRTOS_IPInit()" );
    #if ( TEST_BUFFER_ALLOCATION == 1 )
        CHECK( xStats.uxAllocateRAMCalls == 1U, "vNetworkInterfaceAllocateRAMToBuffers() called once (BufferAllocation_1)" );
    #else
        CHECK( xStats.uxAllocateRAMCalls == 0U, "vNetworkInterfaceAllocateRAMToBuffers() not called (BufferAllocation_2)" );
    #endif

    pxInterface = FreeRTOS_FirstNetworkInterface();
    CHECK( pxInterface != NULL, "FreeRTOS_IPInit() added the wrapped interface" );

    if( pxInterface != NULL )
    {
        CHECK( pxInterface->pfGetPhyLinkStatus != NULL, "pfGetPhyLinkStatus set" );

        if( pxInterface->pfGetPhyLinkStatus != NULL )
        {
            CHECK( pxInterface->pfGetPhyLinkStatus( pxInterface ) == pdTRUE, "pfGetPhyLinkStatus -> xGetPhyLinkStatus() (up)" );
            vTestWire_SetLink( pdFALSE );
            CHECK( pxInterface->pfGetPhyLinkStatus( pxInterface ) == pdFALSE, "pfGetPhyLinkStatus -> xGetPhyLinkStatus() (down)" );
            vTestWire_SetLink( pdTRUE );
        }
    }

    /* ---- ARP */
    n = prvArp( ucFrame, 1 );
    CHECK( xTestWire_Inject( ucFrame, n ) == pdPASS, "ARP request handed to the IP task" );
    CHECK( prvExpect( prvIsArpReply, NULL, pdMS_TO_TICKS( 2000 ), &xGot ) == pdPASS, "ARP reply sent through xNetworkInterfaceOutput()" );
    CHECK( ( memcmp( &xGot.ucData[ 22 ], ucOurMAC, 6 ) == 0 ) && ( memcmp( &xGot.ucData[ 28 ], ucOurIP, 4 ) == 0 ) &&
           ( memcmp( &xGot.ucData[ 0 ], ucPeerMAC, 6 ) == 0 ), "ARP reply content" );

    /* ---- ICMP echo */
    {
        static const uint8_t ucPing[ 32 ] = "v3-compat ping payload 0123456";
        n = prvIcmpEcho( ucFrame, 0x1234, 7, ucPing, sizeof( ucPing ) );
        CHECK( xTestWire_Inject( ucFrame, n ) == pdPASS, "echo request handed to the IP task" );
        CHECK( prvExpect( prvIsEchoReply, NULL, pdMS_TO_TICKS( 2000 ), &xGot ) == pdPASS, "echo reply sent" );
        CHECK( ( prvGet16( &xGot.ucData[ 38 ] ) == 0x1234 ) && ( prvGet16( &xGot.ucData[ 40 ] ) == 7 ) &&
               ( memcmp( &xGot.ucData[ 42 ], ucPing, sizeof( ucPing ) ) == 0 ), "echo reply content" );
    }

    /* ---- TCP: connection, data both ways */
    {
        Socket_t xListener, xChild = NULL;
        struct freertos_sockaddr xAddress;
        socklen_t xLength = sizeof( xAddress );
        TickType_t xTimeout = pdMS_TO_TICKS( 2000 );
        TcpMatch_t xSynAck = { tcpSYN | tcpACK, 0 };
        TcpMatch_t xData = { tcpACK, 5 };
        static const uint8_t ucHello[ 8 ] = { 'h', 'e', 'l', 'l', 'o', ' ', 'v', '3' };
        uint8_t ucBuffer[ 16 ];
        uint32_t ulIsn = 0;
        BaseType_t xGotSynAck;

        xListener = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );
        CHECK( xListener != FREERTOS_INVALID_SOCKET, "FreeRTOS_socket()" );
        ( void ) FreeRTOS_setsockopt( xListener, 0, FREERTOS_SO_RCVTIMEO, &xTimeout, sizeof( xTimeout ) );
        ( void ) memset( &xAddress, 0, sizeof( xAddress ) );
        xAddress.sin_family = FREERTOS_AF_INET;
        xAddress.sin_port = FreeRTOS_htons( 7 );
        CHECK( FreeRTOS_bind( xListener, &xAddress, sizeof( xAddress ) ) == 0, "FreeRTOS_bind(7)" );
        CHECK( FreeRTOS_listen( xListener, 2 ) == 0, "FreeRTOS_listen()" );

        n = prvTcp( ucFrame, 40000, 7, 1000, 0, tcpSYN, NULL, 0 );
        CHECK( xTestWire_Inject( ucFrame, n ) == pdPASS, "SYN handed to the IP task" );
        xGotSynAck = prvExpect( prvIsTcp, &xSynAck, pdMS_TO_TICKS( 2000 ), &xGot );
        CHECK( xGotSynAck == pdPASS, "SYN-ACK sent" );

        if( xGotSynAck == pdPASS )
        {
            ulIsn = prvGet32( &xGot.ucData[ 38 ] );
            CHECK( prvGet32( &xGot.ucData[ 42 ] ) == 1001U, "SYN-ACK acknowledges the SYN" );
            n = prvTcp( ucFrame, 40000, 7, 1001, ulIsn + 1U, tcpACK, NULL, 0 );
            ( void ) xTestWire_Inject( ucFrame, n );
            xChild = FreeRTOS_accept( xListener, &xAddress, &xLength );
            CHECK( ( xChild != NULL ) && ( xChild != FREERTOS_INVALID_SOCKET ), "FreeRTOS_accept()" );
        }

        if( ( xChild != NULL ) && ( xChild != FREERTOS_INVALID_SOCKET ) )
        {
            BaseType_t xReceived;

            ( void ) FreeRTOS_setsockopt( xChild, 0, FREERTOS_SO_RCVTIMEO, &xTimeout, sizeof( xTimeout ) );
            n = prvTcp( ucFrame, 40000, 7, 1001, ulIsn + 1U, tcpPSH | tcpACK, ucHello, sizeof( ucHello ) );
            ( void ) xTestWire_Inject( ucFrame, n );
            xReceived = FreeRTOS_recv( xChild, ucBuffer, sizeof( ucBuffer ), 0 );
            CHECK( ( xReceived == ( BaseType_t ) sizeof( ucHello ) ) && ( memcmp( ucBuffer, ucHello, sizeof( ucHello ) ) == 0 ),
                   "FreeRTOS_recv() gets the peer's bytes" );
            CHECK( FreeRTOS_send( xChild, "world", 5, 0 ) == 5, "FreeRTOS_send()" );
            CHECK( prvExpect( prvIsTcp, &xData, pdMS_TO_TICKS( 2000 ), &xGot ) == pdPASS, "data segment sent" );
            CHECK( memcmp( &xGot.ucData[ xGot.uxLength - prvTcpPayloadLength( xGot.ucData ) ], "world", 5 ) == 0,
                   "data segment content" );
            n = prvTcp( ucFrame, 40000, 7, 1009, 0, tcpRST, NULL, 0 );
            ( void ) xTestWire_Inject( ucFrame, n );
            ( void ) FreeRTOS_closesocket( xChild );
        }

        ( void ) FreeRTOS_closesocket( xListener );
    }

    /* ---- what the wrapper gave received buffers */
    vTestWire_GetStats( &xStats );
    CHECK( ( xStats.uxRxDelivered > 0U ) && ( xStats.uxRxWithInterface == xStats.uxRxDelivered ),
           "received buffers carry pxInterface (set by the wrapper)" );
    CHECK( xStats.uxRxWithEndPoint == xStats.uxRxDelivered, "received buffers carry pxEndPoint (set by the wrapper)" );
    CHECK( xStats.uxOutputCalls >= 4U, "xNetworkInterfaceOutput() used for every reply" );
    CHECK( xStats.uxReleasedByDriver > 0U, "xReleaseAfterSend honoured" );
    #if ( TEST_BUFFER_ALLOCATION == 1 )
        CHECK( xStats.uxRxInStaticArea == xStats.uxRxDelivered, "BufferAllocation_1: buffers are the driver's static ones" );
    #endif

    /* ---- V3 link loss: FreeRTOS_NetworkDown() without an argument */
    {
        UBaseType_t uxUpBefore = uxUpEvents;
        int i;

        vTestWire_NetworkDown();

        for( i = 0; i < 100; i++ )
        {
            vTestWire_GetStats( &xStats );

            if( ( xStats.uxInitialiseCalls >= 2U ) && ( uxUpEvents > uxUpBefore ) )
            {
                break;
            }

            vTaskDelay( pdMS_TO_TICKS( 50 ) );
        }

        CHECK( xStats.uxInitialiseCalls == 2U, "FreeRTOS_NetworkDown() (V3 form) re-initialises the driver" );
        CHECK( uxUpEvents > uxUpBefore, "network up again after the V3 link-down" );
    }

    printf( "v3-compat test (BufferAllocation_%d): %u checks passed, %u failed\n",
            TEST_BUFFER_ALLOCATION, uPassed, uFailed );
    ( void ) fflush( stdout );
    exit( ( uFailed == 0U ) ? 0 : 1 );
}

int main( void )
{
    setvbuf( stdout, NULL, _IOLBF, 0 );
    xNetworkUp = xSemaphoreCreateCounting( 8, 0 );
    configASSERT( xNetworkUp != NULL );
    vTestWire_Create();

    /* The V3 way: one call with the addresses; the stack asks the driver
     * for its interface through pxFillInterfaceDescriptor(). */
    if( FreeRTOS_IPInit( ucOurIP, ucMask, ucGateway, ucDNS, ucOurMAC ) != pdPASS )
    {
        printf( "FAIL FreeRTOS_IPInit()\n" );
        return 1;
    }

    ( void ) xTaskCreate( prvTestTask, "v3test", configMINIMAL_STACK_SIZE, NULL, configMAX_PRIORITIES - 1, NULL );
    vTaskStartScheduler();
    printf( "FAIL scheduler returned\n" );
    return 1;
}
