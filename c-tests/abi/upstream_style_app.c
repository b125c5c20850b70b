/*
 * upstream_style_app.c -- an application written the way FreeRTOS+TCP V4.4.1
 * applications are written, compiled (not run) against the drop-in headers.
 * It must compile unchanged under every configuration in config/: feature
 * dependent parts use upstream's own configuration switches, as upstream
 * demos do.
 *
 * Contents: start-up with an interface and end-points (FreeRTOS_IPInit_Multi,
 * or FreeRTOS_IPInit with ipconfigIPv4_BACKWARD_COMPATIBLE), the network event
 * hook, a TCP echo server (listen / accept / recv / send / shutdown /
 * closesocket), a UDP echo (recvfrom / sendto, also zero-copy), select(), DNS
 * lookups, and every application hook the configuration asks for.  The
 * network driver it uses is in upstream_style_driver.c.
 */

#include <stdio.h>
#include <string.h>

#include "FreeRTOS.h"
#include "task.h"
#include "semphr.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"
#include "FreeRTOS_DNS.h"
#include "FreeRTOS_Routing.h"
#if ( ipconfigUSE_IPv6 != 0 )
    #include "FreeRTOS_ND.h"
#endif

#define mainECHO_PORT               ( 7U )
#define mainUDP_ECHO_PORT           ( 7U )
#define mainSELECT_PORT             ( 8080U )
#define mainECHO_BUFFER_SIZE        ( ipconfigTCP_MSS )
#define mainECHO_TASK_PRIORITY      ( tskIDLE_PRIORITY + 1 )
#define mainSHUTDOWN_TIMEOUT        pdMS_TO_TICKS( 3000 )

/* The driver of upstream_style_driver.c. */
extern NetworkInterface_t * pxExample_FillInterfaceDescriptor( BaseType_t xEMACIndex,
                                                               NetworkInterface_t * pxInterface );

/* Default addresses, used until (or instead of) DHCP. */
static const uint8_t ucIPAddress[ ipIP_ADDRESS_LENGTH_BYTES ] = { 192, 0, 2, 15 };
static const uint8_t ucNetMask[ ipIP_ADDRESS_LENGTH_BYTES ] = { 255, 255, 255, 0 };
static const uint8_t ucGatewayAddress[ ipIP_ADDRESS_LENGTH_BYTES ] = { 192, 0, 2, 1 };
static const uint8_t ucDNSServerAddress[ ipIP_ADDRESS_LENGTH_BYTES ] = { 192, 0, 2, 53 };
static const uint8_t ucMACAddress[ ipMAC_ADDRESS_LENGTH_BYTES ] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

#if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 0 )
    static NetworkInterface_t xInterfaces[ 1 ];
    static NetworkEndPoint_t xEndPoints[ 4 ];
#endif

static BaseType_t xTasksAlreadyCreated = pdFALSE;
static UBaseType_t uxNextRand = 0x12345678U;

static void prvCreateTasks( void );

/*-----------------------------------------------------------*/

int main( void )
{
    #if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 )
    {
        /* The V3 way: one interface, one end-point. */
        ( void ) FreeRTOS_IPInit( ucIPAddress, ucNetMask, ucGatewayAddress, ucDNSServerAddress, ucMACAddress );
    }
    #else
    {
        /* The V4 way: the driver fills the interface, the application fills
         * one end-point per address. */
        ( void ) pxExample_FillInterfaceDescriptor( 0, &( xInterfaces[ 0 ] ) );

        FreeRTOS_FillEndPoint( &( xInterfaces[ 0 ] ), &( xEndPoints[ 0 ] ), ucIPAddress, ucNetMask,
                               ucGatewayAddress, ucDNSServerAddress, ucMACAddress );
        #if ( ipconfigUSE_DHCP != 0 )
        {
            xEndPoints[ 0 ].bits.bWantDHCP = pdTRUE;
        }
        #endif

        #if ( ipconfigUSE_IPv6 != 0 )
        {
            IPv6_Address_t xIPAddress;
            IPv6_Address_t xPrefix;
            IPv6_Address_t xGateWay;
            IPv6_Address_t xDNSServer;

            ( void ) FreeRTOS_inet_pton6( "2001:db8::", xPrefix.ucBytes );
            ( void ) FreeRTOS_inet_pton6( "2001:db8::1", xGateWay.ucBytes );
            ( void ) FreeRTOS_inet_pton6( "2001:db8::53", xDNSServer.ucBytes );
            ( void ) FreeRTOS_CreateIPv6Address( &xIPAddress, &xPrefix, 64, pdTRUE );

            FreeRTOS_FillEndPoint_IPv6( &( xInterfaces[ 0 ] ), &( xEndPoints[ 1 ] ), &xIPAddress, &xPrefix, 64U,
                                        &xGateWay, &xDNSServer, ucMACAddress );

            /* A link-local end-point; its address comes from RA / SLAAC. */
            ( void ) FreeRTOS_inet_pton6( "fe80::", xPrefix.ucBytes );
            ( void ) FreeRTOS_inet_pton6( "fe80::7009", xIPAddress.ucBytes );
            FreeRTOS_FillEndPoint_IPv6( &( xInterfaces[ 0 ] ), &( xEndPoints[ 2 ] ), &xIPAddress, &xPrefix, 10U,
                                        NULL, NULL, ucMACAddress );
            #if ( ipconfigUSE_RA != 0 )
            {
                xEndPoints[ 2 ].bits.bWantRA = pdTRUE_UNSIGNED;
            }
            #endif
        }
        #endif /* ipconfigUSE_IPv6 */

        ( void ) FreeRTOS_IPInit_Multi();
    }
    #endif /* ipconfigIPv4_BACKWARD_COMPATIBLE */

    vTaskStartScheduler();

    for( ; ; )
    {
    }

    return 0;
}
/*-----------------------------------------------------------*/

static void prvShowEndPoints( void )
{
    NetworkEndPoint_t * pxEndPoint;
    char cBuffer[ 40 ];

    /* Applications walk the global end-point list directly. */
    for( pxEndPoint = pxNetworkEndPoints; pxEndPoint != NULL; pxEndPoint = pxEndPoint->pxNext )
    {
        if( ENDPOINT_IS_IPv4( pxEndPoint ) )
        {
            uint32_t ulIPAddress, ulNetMask, ulGateway, ulDNS;

            FreeRTOS_GetEndPointConfiguration( &ulIPAddress, &ulNetMask, &ulGateway, &ulDNS, pxEndPoint );
            ( void ) FreeRTOS_inet_ntoa( ulIPAddress, cBuffer );
            FreeRTOS_printf( ( "IPv4 address %s (up: %d)\n", cBuffer, ( int ) pxEndPoint->bits.bEndPointUp ) );
            ( void ) FreeRTOS_inet_ntop( FREERTOS_AF_INET, &ulGateway, cBuffer, sizeof( cBuffer ) );
            FreeRTOS_printf( ( "gateway %s mask %08lx dns %08lx\n", cBuffer,
                               ( unsigned long ) FreeRTOS_ntohl( ulNetMask ), ( unsigned long ) FreeRTOS_ntohl( ulDNS ) ) );
        }

        #if ( ipconfigUSE_IPv6 != 0 )
            if( ENDPOINT_IS_IPv6( pxEndPoint ) )
            {
                ( void ) FreeRTOS_inet_ntop( FREERTOS_AF_INET6, pxEndPoint->ipv6_settings.xIPAddress.ucBytes,
                                             cBuffer, sizeof( cBuffer ) );
                FreeRTOS_printf( ( "IPv6 address %s/%u\n", cBuffer, ( unsigned ) pxEndPoint->ipv6_settings.uxPrefixLength ) );
            }
        #endif
    }

    FreeRTOS_EUI48_ntop( FreeRTOS_GetMACAddress(), cBuffer, 'a', ':' );
    FreeRTOS_printf( ( "MAC %s, network up: %d\n", cBuffer, ( int ) FreeRTOS_IsNetworkUp() ) );
}
/*-----------------------------------------------------------*/

#if ( ipconfigUSE_NETWORK_EVENT_HOOK == 1 )
    #if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 )
        void vApplicationIPNetworkEventHook( eIPCallbackEvent_t eNetworkEvent )
    #else
        void vApplicationIPNetworkEventHook_Multi( eIPCallbackEvent_t eNetworkEvent,
                                                   struct xNetworkEndPoint * pxEndPoint )
    #endif
    {
        #if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 0 )
            ( void ) pxEndPoint;
        #endif

        if( eNetworkEvent == eNetworkUp )
        {
            prvShowEndPoints();

            if( xTasksAlreadyCreated == pdFALSE )
            {
                prvCreateTasks();
                xTasksAlreadyCreated = pdTRUE;
            }
        }
    }
#endif /* ipconfigUSE_NETWORK_EVENT_HOOK */
/*-----------------------------------------------------------*/

#if ( ipconfigUSE_TCP == 1 )

    static void prvEchoConnection( void * pvParameters )
    {
        Socket_t xConnected = ( Socket_t ) pvParameters;
        static char cBuffer[ mainECHO_BUFFER_SIZE ];
        BaseType_t xReceived, xSent, xTotal;
        TickType_t xTimeOnShutdown;

        for( ; ; )
        {
            xReceived = FreeRTOS_recv( xConnected, cBuffer, sizeof( cBuffer ), 0 );

            if( xReceived > 0 )
            {
                for( xTotal = 0; xTotal < xReceived; xTotal += xSent )
                {
                    xSent = FreeRTOS_send( xConnected, &( cBuffer[ xTotal ] ), ( size_t ) ( xReceived - xTotal ), 0 );

                    if( xSent <= 0 )
                    {
                        break;
                    }
                }
            }
            else if( xReceived < 0 )
            {
                /* -pdFREERTOS_ERRNO_ENOTCONN: the peer closed. */
                break;
            }
            else
            {
                /* 0: nothing arrived within the receive timeout. */
                if( FreeRTOS_issocketconnected( xConnected ) == pdFALSE )
                {
                    break;
                }
            }
        }

        /* Graceful close: shutdown, then wait until recv() reports the end. */
        ( void ) FreeRTOS_shutdown( xConnected, FREERTOS_SHUT_RDWR );
        xTimeOnShutdown = xTaskGetTickCount();

        do
        {
            if( FreeRTOS_recv( xConnected, cBuffer, sizeof( cBuffer ), 0 ) < 0 )
            {
                break;
            }
        } while( ( xTaskGetTickCount() - xTimeOnShutdown ) < mainSHUTDOWN_TIMEOUT );

        ( void ) FreeRTOS_closesocket( xConnected );
        vTaskDelete( NULL );
    }
    /*-----------------------------------------------------------*/

    static void prvTCPEchoServer( void * pvParameters )
    {
        Socket_t xListener, xConnected;
        struct freertos_sockaddr xBindAddress, xClient;
        socklen_t xSize = sizeof( xClient );
        const TickType_t xReceiveTimeOut = portMAX_DELAY;
        const TickType_t xSendTimeOut = pdMS_TO_TICKS( 5000 );
        const BaseType_t xBacklog = 4;
        WinProperties_t xWinProps;
        char cPeer[ 16 ];

        ( void ) pvParameters;

        xListener = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );
        configASSERT( xListener != FREERTOS_INVALID_SOCKET );

        ( void ) FreeRTOS_setsockopt( xListener, 0, FREERTOS_SO_RCVTIMEO, &xReceiveTimeOut, sizeof( xReceiveTimeOut ) );
        ( void ) FreeRTOS_setsockopt( xListener, 0, FREERTOS_SO_SNDTIMEO, &xSendTimeOut, sizeof( xSendTimeOut ) );

        memset( &xWinProps, 0, sizeof( xWinProps ) );
        xWinProps.lTxBufSize = 4 * ipconfigTCP_MSS;
        xWinProps.lTxWinSize = 2;
        xWinProps.lRxBufSize = 4 * ipconfigTCP_MSS;
        xWinProps.lRxWinSize = 2;
        ( void ) FreeRTOS_setsockopt( xListener, 0, FREERTOS_SO_WIN_PROPERTIES, &xWinProps, sizeof( xWinProps ) );

        memset( &xBindAddress, 0, sizeof( xBindAddress ) );
        xBindAddress.sin_family = FREERTOS_AF_INET;
        xBindAddress.sin_port = FreeRTOS_htons( mainECHO_PORT );
        #if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 )
            xBindAddress.sin_addr = FREERTOS_INADDR_ANY;
        #else
            xBindAddress.sin_address.ulIP_IPv4 = FREERTOS_INADDR_ANY;
        #endif

        if( FreeRTOS_bind( xListener, &xBindAddress, sizeof( xBindAddress ) ) != 0 )
        {
            ( void ) FreeRTOS_closesocket( xListener );
            vTaskDelete( NULL );
        }

        ( void ) FreeRTOS_listen( xListener, xBacklog );

        for( ; ; )
        {
            xConnected = FreeRTOS_accept( xListener, &xClient, &xSize );

            if( ( xConnected == NULL ) || ( xConnected == FREERTOS_INVALID_SOCKET ) )
            {
                continue;
            }

            ( void ) FreeRTOS_inet_ntoa( xClient.sin_address.ulIP_IPv4, cPeer );
            FreeRTOS_printf( ( "echo: connection from %s:%u, mss %ld, state %ld\n", cPeer,
                               ( unsigned ) FreeRTOS_ntohs( xClient.sin_port ),
                               ( long ) FreeRTOS_mss( xConnected ), ( long ) FreeRTOS_connstatus( xConnected ) ) );

            if( xTaskCreate( prvEchoConnection, "EchoConn", configMINIMAL_STACK_SIZE * 2, ( void * ) xConnected,
                             mainECHO_TASK_PRIORITY, NULL ) != pdPASS )
            {
                ( void ) FreeRTOS_closesocket( xConnected );
            }
        }
    }
    /*-----------------------------------------------------------*/

    static void prvTCPClient( void * pvParameters )
    {
        Socket_t xSocket;
        struct freertos_sockaddr xServer;
        static const char cRequest[] = "GET / HTTP/1.0\r\n\r\n";
        char cReply[ 128 ];
        BaseType_t xResult;

        ( void ) pvParameters;

        xSocket = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );

        if( xSocket != FREERTOS_INVALID_SOCKET )
        {
            memset( &xServer, 0, sizeof( xServer ) );
            xServer.sin_len = sizeof( xServer );
            xServer.sin_family = FREERTOS_AF_INET;
            xServer.sin_port = FreeRTOS_htons( 80U );
            xServer.sin_address.ulIP_IPv4 = FreeRTOS_inet_addr_quick( 192, 0, 2, 1 );

            xResult = FreeRTOS_connect( xSocket, &xServer, sizeof( xServer ) );

            if( xResult == 0 )
            {
                ( void ) FreeRTOS_send( xSocket, cRequest, strlen( cRequest ), 0 );

                while( FreeRTOS_recv( xSocket, cReply, sizeof( cReply ), 0 ) > 0 )
                {
                    FreeRTOS_printf( ( "rx %ld tx %ld space %ld\n", ( long ) FreeRTOS_recvcount( xSocket ),
                                       ( long ) FreeRTOS_outstanding( xSocket ), ( long ) FreeRTOS_tx_space( xSocket ) ) );
                }
            }
            else if( xResult == -pdFREERTOS_ERRNO_ETIMEDOUT )
            {
                FreeRTOS_printf( ( "connect timed out\n" ) );
            }

            ( void ) FreeRTOS_closesocket( xSocket );
        }

        vTaskDelete( NULL );
    }

#endif /* ipconfigUSE_TCP */
/*-----------------------------------------------------------*/

static void prvUDPEcho( void * pvParameters )
{
    Socket_t xSocket;
    struct freertos_sockaddr xAddress, xFrom;
    socklen_t xFromLength = sizeof( xFrom );
    const TickType_t xTimeOut = pdMS_TO_TICKS( 1000 );
    char cBuffer[ 256 ];
    int32_t lReceived;

    ( void ) pvParameters;

    xSocket = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_DGRAM, FREERTOS_IPPROTO_UDP );
    configASSERT( xSocket != FREERTOS_INVALID_SOCKET );

    ( void ) FreeRTOS_setsockopt( xSocket, 0, FREERTOS_SO_RCVTIMEO, &xTimeOut, sizeof( xTimeOut ) );

    memset( &xAddress, 0, sizeof( xAddress ) );
    xAddress.sin_family = FREERTOS_AF_INET;
    xAddress.sin_port = FreeRTOS_htons( mainUDP_ECHO_PORT );
    ( void ) FreeRTOS_bind( xSocket, &xAddress, sizeof( xAddress ) );

    for( ; ; )
    {
        lReceived = FreeRTOS_recvfrom( xSocket, cBuffer, sizeof( cBuffer ), 0, &xFrom, &xFromLength );

        if( lReceived > 0 )
        {
            ( void ) FreeRTOS_sendto( xSocket, cBuffer, ( size_t ) lReceived, 0, &xFrom, xFromLength );
        }
        else if( lReceived == -pdFREERTOS_ERRNO_EWOULDBLOCK )
        {
            /* Nothing within the timeout: send a zero-copy heartbeat. */
            uint8_t * pucPayload;
            const size_t uxLength = 5;

            #if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 )
                pucPayload = ( uint8_t * ) FreeRTOS_GetUDPPayloadBuffer( uxLength, portMAX_DELAY );
            #else
                pucPayload = ( uint8_t * ) FreeRTOS_GetUDPPayloadBuffer_Multi( uxLength, portMAX_DELAY, ipTYPE_IPv4 );
            #endif

            if( pucPayload != NULL )
            {
                memcpy( pucPayload, "alive", uxLength );
                xAddress.sin_address.ulIP_IPv4 = FREERTOS_INADDR_BROADCAST;

                if( FreeRTOS_sendto( xSocket, pucPayload, uxLength, FREERTOS_ZERO_COPY, &xAddress, sizeof( xAddress ) ) == 0 )
                {
                    FreeRTOS_ReleaseUDPPayloadBuffer( pucPayload );
                }
            }
        }
    }
}
/*-----------------------------------------------------------*/

#if ( ipconfigSUPPORT_SELECT_FUNCTION == 1 ) && ( ipconfigUSE_TCP == 1 )

    static void prvSelectServer( void * pvParameters )
    {
        SocketSet_t xSet;
        Socket_t xListener, xClient = NULL;
        struct freertos_sockaddr xAddress;
        char cBuffer[ 64 ];
        BaseType_t xResult;

        ( void ) pvParameters;

        xSet = FreeRTOS_CreateSocketSet();
        xListener = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );
        configASSERT( ( xSet != NULL ) && ( xListener != FREERTOS_INVALID_SOCKET ) );

        memset( &xAddress, 0, sizeof( xAddress ) );
        xAddress.sin_family = FREERTOS_AF_INET;
        xAddress.sin_port = FreeRTOS_htons( mainSELECT_PORT );
        ( void ) FreeRTOS_bind( xListener, &xAddress, sizeof( xAddress ) );
        ( void ) FreeRTOS_listen( xListener, 2 );

        FreeRTOS_FD_SET( xListener, xSet, eSELECT_READ | eSELECT_EXCEPT );

        for( ; ; )
        {
            xResult = FreeRTOS_select( xSet, pdMS_TO_TICKS( 10000 ) );

            if( xResult == 0 )
            {
                continue;
            }

            if( ( FreeRTOS_FD_ISSET( xListener, xSet ) & eSELECT_READ ) != 0 )
            {
                xClient = FreeRTOS_accept( xListener, NULL, NULL );

                if( ( xClient != NULL ) && ( xClient != FREERTOS_INVALID_SOCKET ) )
                {
                    FreeRTOS_FD_SET( xClient, xSet, eSELECT_READ | eSELECT_EXCEPT );
                }
                else
                {
                    xClient = NULL;
                }
            }

            if( ( xClient != NULL ) && ( FreeRTOS_FD_ISSET( xClient, xSet ) != 0 ) )
            {
                if( FreeRTOS_recv( xClient, cBuffer, sizeof( cBuffer ), FREERTOS_MSG_DONTWAIT ) < 0 )
                {
                    FreeRTOS_FD_CLR( xClient, xSet, eSELECT_ALL );
                    ( void ) FreeRTOS_closesocket( xClient );
                    xClient = NULL;
                }
            }
        }
    }

#endif /* ipconfigSUPPORT_SELECT_FUNCTION */
/*-----------------------------------------------------------*/

static void prvDNSLookup( void * pvParameters )
{
    char cAddress[ 40 ];
    uint32_t ulIPAddress;

    ( void ) pvParameters;

    /* Declared in every configuration; meaningful with ipconfigUSE_DNS. */
    ulIPAddress = FreeRTOS_gethostbyname( "freertos.org" );
    ( void ) FreeRTOS_inet_ntoa( ulIPAddress, cAddress );
    FreeRTOS_printf( ( "freertos.org is %s\n", cAddress ) );

    #if ( ipconfigUSE_DNS != 0 )
    {
        struct freertos_addrinfo xHints;
        struct freertos_addrinfo * pxResults = NULL;
        struct freertos_addrinfo * pxIterator;

        memset( &xHints, 0, sizeof( xHints ) );
        xHints.ai_family = FREERTOS_AF_INET;

        if( FreeRTOS_getaddrinfo( "example.org", NULL, &xHints, &pxResults ) == 0 )
        {
            for( pxIterator = pxResults; pxIterator != NULL; pxIterator = pxIterator->ai_next )
            {
                ( void ) FreeRTOS_inet_ntop( ( BaseType_t ) pxIterator->ai_family,
                                             &( pxIterator->ai_addr->sin_address ), cAddress, sizeof( cAddress ) );
                FreeRTOS_printf( ( "example.org is %s\n", cAddress ) );
            }

            FreeRTOS_freeaddrinfo( pxResults );
        }
    }
    #endif /* ipconfigUSE_DNS */

    vTaskDelete( NULL );
}
/*-----------------------------------------------------------*/

static void prvCreateTasks( void )
{
    #if ( ipconfigUSE_TCP == 1 )
        ( void ) xTaskCreate( prvTCPEchoServer, "EchoSrv", configMINIMAL_STACK_SIZE * 2, NULL, mainECHO_TASK_PRIORITY, NULL );
        ( void ) xTaskCreate( prvTCPClient, "Client", configMINIMAL_STACK_SIZE * 2, NULL, mainECHO_TASK_PRIORITY, NULL );
    #endif
    #if ( ipconfigSUPPORT_SELECT_FUNCTION == 1 ) && ( ipconfigUSE_TCP == 1 )
        ( void ) xTaskCreate( prvSelectServer, "Select", configMINIMAL_STACK_SIZE * 2, NULL, mainECHO_TASK_PRIORITY, NULL );
    #endif
    ( void ) xTaskCreate( prvUDPEcho, "UDPEcho", configMINIMAL_STACK_SIZE * 2, NULL, mainECHO_TASK_PRIORITY, NULL );
    ( void ) xTaskCreate( prvDNSLookup, "DNS", configMINIMAL_STACK_SIZE * 2, NULL, mainECHO_TASK_PRIORITY, NULL );
}
/*-----------------------------------------------------------*/

#if ( ipconfigUSE_NETWORK_EVENT_HOOK == 0 )

    /* Without the network event hook, start the tasks from the idle hook
     * once the network is up (called by the application's own idle task
     * code; kept here so that the function is used). */
    void vApplicationNetworkPoll( void );
    void vApplicationNetworkPoll( void )
    {
        if( ( xTasksAlreadyCreated == pdFALSE ) && ( FreeRTOS_IsNetworkUp() != pdFALSE ) )
        {
            prvShowEndPoints();
            prvCreateTasks();
            xTasksAlreadyCreated = pdTRUE;
        }
    }

#endif
/*-----------------------------------------------------------*/

/* ---- Hooks the stack calls ---------------------------------------------- */

BaseType_t xApplicationGetRandomNumber( uint32_t * pulNumber )
{
    /* A real application uses a hardware RNG. */
    uxNextRand = ( uxNextRand * 1103515245U ) + 12345U;
    *pulNumber = ( uint32_t ) uxNextRand;
    return pdTRUE;
}

uint32_t ulApplicationGetNextSequenceNumber( uint32_t ulSourceAddress,
                                             uint16_t usSourcePort,
                                             uint32_t ulDestinationAddress,
                                             uint16_t usDestinationPort )
{
    uint32_t ulNumber = 0;

    ( void ) xApplicationGetRandomNumber( &ulNumber );

    return ulNumber ^ ulSourceAddress ^ ulDestinationAddress ^ ( ( uint32_t ) usSourcePort << 16 ) ^ usDestinationPort;
}

#if ( ipconfigUSE_DHCP_HOOK != 0 )
    #if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 )
        eDHCPCallbackAnswer_t xApplicationDHCPHook( eDHCPCallbackPhase_t eDHCPPhase,
                                                    uint32_t ulIPAddress )
        {
            /* Accept whatever the server offers, but keep the static
             * address when the offer lies outside 192.0.2.0/24. */
            if( ( eDHCPPhase == eDHCPPhasePreRequest ) &&
                ( ( ulIPAddress & FreeRTOS_inet_addr_quick( 255, 255, 255, 0 ) ) != FreeRTOS_inet_addr_quick( 192, 0, 2, 0 ) ) )
            {
                return eDHCPUseDefaults;
            }

            return eDHCPContinue;
        }
    #else
        eDHCPCallbackAnswer_t xApplicationDHCPHook_Multi( eDHCPCallbackPhase_t eDHCPPhase,
                                                          struct xNetworkEndPoint * pxEndPoint,
                                                          IP_Address_t * pxIPAddress )
        {
            eDHCPCallbackAnswer_t eReturn = eDHCPContinue;

            ( void ) pxIPAddress;

            /* Keep the static address on the first end-point if DHCP offers
             * something outside 192.0.2.0/24. */
            if( ( eDHCPPhase == eDHCPPhasePreRequest ) && ( pxEndPoint != NULL ) && ( pxIPAddress != NULL ) &&
                ( ( pxIPAddress->ulIP_IPv4 & FreeRTOS_inet_addr_quick( 255, 255, 255, 0 ) ) !=
                  FreeRTOS_inet_addr_quick( 192, 0, 2, 0 ) ) )
            {
                eReturn = eDHCPUseDefaults;
            }

            return eReturn;
        }
    #endif
#endif /* ipconfigUSE_DHCP_HOOK */

#if ( ipconfigDHCP_REGISTER_HOSTNAME == 1 )
    const char * pcApplicationHostnameHook( void )
    {
        return "rust-tcp-dut";
    }
#endif

#if ( ipconfigUSE_DNS != 0 ) && ( ( ipconfigUSE_LLMNR != 0 ) || ( ipconfigUSE_NBNS != 0 ) || ( ipconfigUSE_MDNS != 0 ) )
    #if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 )
        BaseType_t xApplicationDNSQueryHook( const char * pcName )
        {
            return ( strcmp( pcName, "rust-tcp-dut" ) == 0 ) ? pdTRUE : pdFALSE;
        }
    #else
        BaseType_t xApplicationDNSQueryHook_Multi( struct xNetworkEndPoint * pxEndPoint,
                                                   const char * pcName )
        {
            ( void ) pxEndPoint;
            return ( strcmp( pcName, "rust-tcp-dut" ) == 0 ) ? pdTRUE : pdFALSE;
        }
    #endif
#endif

#if ( ipconfigSUPPORT_OUTGOING_PINGS == 1 )
    void vApplicationPingReplyHook( ePingReplyStatus_t eStatus,
                                    uint16_t usIdentifier )
    {
        FreeRTOS_printf( ( "ping %u: %s\n", ( unsigned ) usIdentifier, ( eStatus == eSuccess ) ? "ok" : "bad" ) );
        ( void ) eStatus;
        ( void ) usIdentifier;
    }
#endif

#if ( ipconfigUSE_DHCPv6 != 0 )
    uint32_t ulApplicationTimeHook( void )
    {
        return 946684800U + ( uint32_t ) ( xTaskGetTickCount() / configTICK_RATE_HZ );
    }
#endif
