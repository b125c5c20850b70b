/*
 * FreeRTOS_netstat() output (reference 4 and 14.2), captured from the
 * program's stdout: the test points file descriptor 1 at a memory file while
 * the IP task prints, then reads the lines back.
 *
 * Format: header; one row per bound TCP socket
 *   "TCP %5d %-32s:%5d %d/%d %-13.13s %6u %6u%s\n"
 * (local port, remote address, remote port, RX/TX stream allocated, state,
 * Alive, tmout, " children/backlog" for listeners); the trailer
 *   "FreeRTOS_netstat: %d sockets %u < %u < %u buffers free\n".
 * COMPAT: the remote address is a dotted quad (upstream's "%xip" extension
 * of FreeRTOS's own printf; a plain libc printf renders it as hex + "ip").
 */
#define _GNU_SOURCE

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "peer_util.h"

#define netstatHEADER \
    "Prot Port IP-Remote       : Port  R/T Status       Alive  tmout Child\n"

static char cOut[ 8192 ];
static int iSavedStdout = -1;
static int iCapture = -1;

void setUp( void )
{
}

void tearDown( void )
{
    char cIgnored[ 64 ];

    if( iSavedStdout >= 0 )
    {
        portENTER_CRITICAL();
        ( void ) fflush( stdout );
        ( void ) dup2( iSavedStdout, 1 );
        portEXIT_CRITICAL();
        ( void ) close( iSavedStdout );
        iSavedStdout = -1;
    }

    if( iCapture >= 0 )
    {
        ( void ) close( iCapture );
        iCapture = -1;
    }

    ( void ) xPeerCommand( "release", cIgnored, sizeof( cIgnored ) );
    vPeerCloseTracked();
    vTaskDelay( pdMS_TO_TICKS( 20 ) );
}

/* Runs FreeRTOS_netstat() with stdout captured; waits (at most 1 s) for the
 * trailer line; leaves the text in cOut. */
static void prvNetstat( void )
{
    TickType_t xStart;
    ssize_t xLen = 0;

    iCapture = memfd_create( "fptcp-netstat", 0 );
    TEST_ASSERT_TRUE_MESSAGE( iCapture >= 0, "memfd_create failed" );

    portENTER_CRITICAL();
    ( void ) fflush( stdout );
    iSavedStdout = dup( 1 );
    ( void ) dup2( iCapture, 1 );
    portEXIT_CRITICAL();
    TEST_ASSERT_TRUE( iSavedStdout >= 0 );

    FreeRTOS_netstat();
    xStart = xTaskGetTickCount();

    do
    {
        vTaskDelay( 1 );
        xLen = pread( iCapture, cOut, sizeof( cOut ) - 1U, 0 );
        cOut[ ( xLen > 0 ) ? xLen : 0 ] = '\0';
    } while( ( strstr( cOut, "buffers free\n" ) == NULL ) && ( ( xTaskGetTickCount() - xStart ) < 1000U ) );

    portENTER_CRITICAL();
    ( void ) fflush( stdout );
    ( void ) dup2( iSavedStdout, 1 );
    portEXIT_CRITICAL();
    ( void ) close( iSavedStdout );
    iSavedStdout = -1;
    xLen = pread( iCapture, cOut, sizeof( cOut ) - 1U, 0 );
    cOut[ ( xLen > 0 ) ? xLen : 0 ] = '\0';
    ( void ) close( iCapture );
    iCapture = -1;

    /* Show what was printed, for the log. */
    vFptcpTestPrintf( "%s", cOut );
    TEST_ASSERT_NOT_NULL_MESSAGE( strstr( cOut, "buffers free\n" ), "no netstat trailer within 1 s" );
}

/* The line that starts with pcPrefix (NULL if none); copied to pcLine. */
static const char * prvFindLine( const char * pcPrefix,
                                 char * pcLine,
                                 size_t uxLineLength )
{
    const char * pc = cOut;

    while( ( pc != NULL ) && ( *pc != '\0' ) )
    {
        const char * pcEnd = strchr( pc, '\n' );
        size_t uxLen = ( pcEnd != NULL ) ? ( size_t ) ( pcEnd - pc + 1 ) : strlen( pc );

        if( strncmp( pc, pcPrefix, strlen( pcPrefix ) ) == 0 )
        {
            if( uxLen >= uxLineLength )
            {
                uxLen = uxLineLength - 1U;
            }

            ( void ) memcpy( pcLine, pc, uxLen );
            pcLine[ uxLen ] = '\0';
            return pcLine;
        }

        pc = ( pcEnd != NULL ) ? pcEnd + 1 : NULL;
    }

    return NULL;
}

static size_t prvCountLines( const char * pcPrefix )
{
    size_t uxCount = 0;
    const char * pc = cOut;

    while( ( pc != NULL ) && ( *pc != '\0' ) )
    {
        if( strncmp( pc, pcPrefix, strlen( pcPrefix ) ) == 0 )
        {
            uxCount++;
        }

        pc = strchr( pc, '\n' );
        pc = ( pc != NULL ) ? pc + 1 : NULL;
    }

    return uxCount;
}

/* Asserts a TCP row: everything up to and including Alive exactly, then
 * tmout (checked against ulTmoutLow..ulTmoutHigh), then the Child text. */
static void prvAssertRow( uint16_t usLocalPort,
                          const char * pcRemote,
                          uint16_t usRemotePort,
                          const char * pcRT,
                          const char * pcState,
                          unsigned long ulTmoutLow,
                          unsigned long ulTmoutHigh,
                          const char * pcChild )
{
    char cPrefix[ 128 ];
    char cLine[ 256 ];
    char cMsg[ 400 ];
    char cTail[ 32 ];
    unsigned long ulTmout;
    int iUsed = 0;

    ( void ) snprintf( cPrefix, sizeof( cPrefix ), "TCP %5d %-32s:%5d %s %-13.13s %6u ",
                       usLocalPort, pcRemote, usRemotePort, pcRT, pcState, 0U );
    ( void ) snprintf( cMsg, sizeof( cMsg ), "no netstat row starting with '%s'", cPrefix );
    TEST_ASSERT_NOT_NULL_MESSAGE( prvFindLine( cPrefix, cLine, sizeof( cLine ) ), cMsg );

    ( void ) snprintf( cMsg, sizeof( cMsg ), "bad tmout/child in '%s'", cLine );
    TEST_ASSERT_TRUE_MESSAGE( sscanf( cLine + strlen( cPrefix ), "%6lu%n", &ulTmout, &iUsed ) == 1, cMsg );
    TEST_ASSERT_EQUAL_INT_MESSAGE( 6, iUsed, cMsg );
    TEST_ASSERT_TRUE_MESSAGE( ( ulTmout >= ulTmoutLow ) && ( ulTmout <= ulTmoutHigh ), cMsg );
    ( void ) snprintf( cTail, sizeof( cTail ), "%s\n", pcChild );
    TEST_ASSERT_EQUAL_STRING_MESSAGE( cTail, cLine + strlen( cPrefix ) + 6, cMsg );
}

static void prvAssertTrailer( int iSockets )
{
    char cLine[ 256 ];
    int iCount = -1;
    unsigned int uMin = 0, uFree = 0, uTotal = 0;
    int iEnd = -1;

    TEST_ASSERT_EQUAL_STRING_LEN( netstatHEADER, cOut, strlen( netstatHEADER ) );
    TEST_ASSERT_NOT_NULL( prvFindLine( "FreeRTOS_netstat: ", cLine, sizeof( cLine ) ) );
    ( void ) sscanf( cLine, "FreeRTOS_netstat: %d sockets %u < %u < %u buffers free%n",
                     &iCount, &uMin, &uFree, &uTotal, &iEnd );
    TEST_ASSERT_EQUAL_INT_MESSAGE( ( int ) strlen( cLine ) - 1, iEnd, cLine );
    TEST_ASSERT_EQUAL_INT_MESSAGE( iSockets, iCount, cLine );
    TEST_ASSERT_EQUAL_UINT_MESSAGE( ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS, uTotal, cLine );
    TEST_ASSERT_TRUE_MESSAGE( ( uMin <= uFree ) && ( uFree <= uTotal ), cLine );
    TEST_ASSERT_EQUAL_UINT_MESSAGE( ( size_t ) iSockets, prvCountLines( "TCP " ), "number of TCP rows" );
    /* The trailer is the last line. */
    TEST_ASSERT_EQUAL_STRING( "buffers free\n", cOut + strlen( cOut ) - strlen( "buffers free\n" ) );
}

/* The local port of the first TCP row whose port is not usSkip (0 if none). */
static uint16_t prvOtherRowPort( uint16_t usSkip )
{
    const char * pc = cOut;
    unsigned int uPort;

    while( ( pc = strstr( pc, "\nTCP " ) ) != NULL )
    {
        pc++;

        if( ( sscanf( pc, "TCP %5u", &uPort ) == 1 ) && ( uPort != usSkip ) )
        {
            return ( uint16_t ) uPort;
        }
    }

    return 0;
}

/* A listener (backlog 2) and a client that sent 3 bytes to :7003. */
static void test_netstat__listener_and_client__prints_header_one_row_each_and_trailer( void )
{
    Socket_t xListener = xPeerTcpSocket();
    Socket_t xClient = xPeerTcpSocket();

    TEST_ASSERT_EQUAL_INT( 0, xPeerBind( xListener, 8400 ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_listen( xListener, 2 ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xClient, 2000 ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerConnect( xClient, peerPORT_SINK ) );
    TEST_ASSERT_EQUAL_INT( 3, FreeRTOS_send( xClient, "abc", 3, 0 ) );
    vTaskDelay( pdMS_TO_TICKS( 50 ) );

    prvNetstat();
    prvAssertTrailer( 2 );
    prvAssertRow( 8400, "0.0.0.0", 0, "0/0", "eTCP_LISTEN", 0, 0, " 0/2" );
    prvAssertRow( usPeerLocalPort( xClient ), "192.0.2.1", peerPORT_SINK, "0/1", "eESTABLISHED", 0, 20000, "" );
    /* Bound order: the listener first. */
    TEST_ASSERT_EQUAL_STRING_LEN( "TCP  8400 ", cOut + strlen( netstatHEADER ), 10 );
}

/* Reference 14.2: listener :8090, backlog 2, three peers connected, none
 * accepted: "2/2", two established children on :8090, the third refused. */
static void test_netstat__full_backlog__shows_2_of_2_and_two_established_children( void )
{
    Socket_t xListener = xPeerTcpSocket();
    char cReply[ 128 ];
    char cWords[ 3 ][ 16 ];
    uint16_t usControlPort;

    vPeerCommandOk( "ping", cReply, sizeof( cReply ) ); /* the control socket exists before netstat */
    TEST_ASSERT_EQUAL_INT( 0, xPeerBind( xListener, 8090 ) );
    TEST_ASSERT_EQUAL_INT( 0, FreeRTOS_listen( xListener, 2 ) );
    vPeerCommandOk( "connect 8090 count 3 hold", cReply, sizeof( cReply ) );
    TEST_ASSERT_EQUAL_INT_MESSAGE( 3, sscanf( cReply, "ok %15s %15s %15s", cWords[ 0 ], cWords[ 1 ], cWords[ 2 ] ), cReply );
    TEST_ASSERT_EQUAL_STRING( "refused", cWords[ 2 ] );
    vTaskDelay( pdMS_TO_TICKS( 50 ) );

    prvNetstat();
    prvAssertTrailer( 4 );
    prvAssertRow( 8090, "0.0.0.0", 0, "0/0", "eTCP_LISTEN", 0, 0, " 2/2" );
    prvAssertRow( 8090, "192.0.2.1", ( uint16_t ) atoi( cWords[ 0 ] ), "0/0", "eESTABLISHED", 0, 20000, "" );
    prvAssertRow( 8090, "192.0.2.1", ( uint16_t ) atoi( cWords[ 1 ] ), "0/0", "eESTABLISHED", 0, 20000, "" );
    /* The control connection: RX and TX streams exist. */
    usControlPort = prvOtherRowPort( 8090 );
    TEST_ASSERT_TRUE( usControlPort >= 1024U );
    prvAssertRow( usControlPort, "192.0.2.1", peerPORT_CONTROL, "1/1", "eESTABLISHED", 0, 20000, "" );
}

/* Reference 4: after the close handshake a socket rests in eCLOSE_WAIT with
 * its RX stream (1/0), and tmout counts down from 20000 ticks. */
static void test_netstat__close_wait_socket__shows_r_t_1_0_and_tmout_just_below_20000( void )
{
    Socket_t xSocket = xPeerTcpSocket();

    TEST_ASSERT_EQUAL_INT( 0, xPeerSetRcvTimeout( xSocket, 2000 ) );
    TEST_ASSERT_EQUAL_INT( 0, xPeerConnect( xSocket, peerPORT_HELLO_FIN ) );
    TEST_ASSERT_EQUAL_INT( eCLOSE_WAIT, xPeerWaitState( xSocket, eCLOSE_WAIT, 1000 ) );
    vTaskDelay( pdMS_TO_TICKS( 100 ) );

    prvNetstat();
    prvAssertRow( usPeerLocalPort( xSocket ), "192.0.2.1", peerPORT_HELLO_FIN, "1/0", "eCLOSE_WAIT", 18500, 19950, "" );
}

void vRunTests( void )
{
    RUN_TEST( test_netstat__listener_and_client__prints_header_one_row_each_and_trailer );
    RUN_TEST( test_netstat__full_backlog__shows_2_of_2_and_two_established_children );
    RUN_TEST( test_netstat__close_wait_socket__shows_r_t_1_0_and_tmout_just_below_20000 );
}
