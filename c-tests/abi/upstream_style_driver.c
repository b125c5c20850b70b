/*
 * upstream_style_driver.c -- a network driver written the way FreeRTOS+TCP
 * V4.4.1 drivers are written (NetworkInterface_t descriptor, deferred RX task,
 * network buffers, xSendEventStructToIPTask), compiled (not run) against the
 * drop-in headers.  The "hardware" is a pair of static arrays.
 */

#include <string.h>

#include "FreeRTOS.h"
#include "task.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_IP_Private.h"
#include "FreeRTOS_Routing.h"
#include "NetworkInterface.h"
#include "NetworkBufferManagement.h"

#define niRX_TASK_PRIORITY       ( configMAX_PRIORITIES - 1 )
#define niMAX_FRAME_SIZE         ( ipTOTAL_ETHERNET_FRAME_SIZE )
#define niBUFFER_SIZE            ( ( ( ipBUFFER_PADDING + niMAX_FRAME_SIZE ) + 7U ) & ~7U )

/* Stand-ins for the MAC's registers and frame memory. */
static volatile uint32_t ulFakeLinkStatus = 1U;
static uint8_t ucFakeRxFrame[ niMAX_FRAME_SIZE ];
static volatile size_t uxFakeRxLength;
static uint8_t ucFakeTxFrame[ niMAX_FRAME_SIZE ];

static TaskHandle_t xRxTaskHandle = NULL;

/*-----------------------------------------------------------*/

static void prvRxTask( void * pvParameters )
{
    NetworkInterface_t * pxInterface = ( NetworkInterface_t * ) pvParameters;
    NetworkBufferDescriptor_t * pxBuffer;
    IPStackEvent_t xRxEvent;
    size_t uxLength;

    for( ; ; )
    {
        ( void ) ulTaskNotifyTake( pdTRUE, pdMS_TO_TICKS( 250 ) );

        if( ulFakeLinkStatus == 0U )
        {
            FreeRTOS_NetworkDown( pxInterface );
            continue;
        }

        uxLength = uxFakeRxLength;

        if( ( uxLength < sizeof( EthernetHeader_t ) ) ||
            ( eConsiderFrameForProcessing( ucFakeRxFrame ) != eProcessBuffer ) )
        {
            continue;
        }

        pxBuffer = pxGetNetworkBufferWithDescriptor( uxLength, pdMS_TO_TICKS( 250 ) );

        if( pxBuffer == NULL )
        {
            iptraceETHERNET_RX_EVENT_LOST();
            continue;
        }

        memcpy( pxBuffer->pucEthernetBuffer, ucFakeRxFrame, uxLength );
        pxBuffer->xDataLength = uxLength;
        pxBuffer->pxInterface = pxInterface;
        pxBuffer->pxEndPoint = FreeRTOS_MatchingEndpoint( pxInterface, pxBuffer->pucEthernetBuffer );

        if( pxBuffer->pxEndPoint == NULL )
        {
            vReleaseNetworkBufferAndDescriptor( pxBuffer );
            continue;
        }

        xRxEvent.eEventType = eNetworkRxEvent;
        xRxEvent.pvData = ( void * ) pxBuffer;

        if( xSendEventStructToIPTask( &xRxEvent, 0 ) == pdFAIL )
        {
            vReleaseNetworkBufferAndDescriptor( pxBuffer );
            iptraceETHERNET_RX_EVENT_LOST();
        }
        else
        {
            iptraceNETWORK_INTERFACE_RECEIVE();
        }
    }
}
/*-----------------------------------------------------------*/

static BaseType_t prvInitialise( NetworkInterface_t * pxInterface )
{
    BaseType_t xResult = pdPASS;

    if( xRxTaskHandle == NULL )
    {
        xResult = xTaskCreate( prvRxTask, "EMAC-RX", configMINIMAL_STACK_SIZE * 2, pxInterface,
                               niRX_TASK_PRIORITY, &xRxTaskHandle );
    }

    if( ( xResult == pdPASS ) && ( pxInterface->pfAddAllowedMAC != NULL ) )
    {
        pxInterface->pfAddAllowedMAC( pxInterface, FreeRTOS_GetMACAddress() );
    }

    return ( ( xResult == pdPASS ) && ( ulFakeLinkStatus != 0U ) ) ? pdPASS : pdFAIL;
}
/*-----------------------------------------------------------*/

static BaseType_t prvOutput( NetworkInterface_t * pxInterface,
                             NetworkBufferDescriptor_t * const pxBuffer,
                             BaseType_t xReleaseAfterSend )
{
    BaseType_t xReturn = pdFAIL;

    ( void ) pxInterface;

    if( ( pxBuffer != NULL ) && ( pxBuffer->xDataLength <= sizeof( ucFakeTxFrame ) ) )
    {
        #if ( ipconfigDRIVER_INCLUDED_TX_IP_CHECKSUM == 0 )
            ( void ) usGenerateProtocolChecksum( pxBuffer->pucEthernetBuffer, pxBuffer->xDataLength, pdTRUE );
        #endif
        memcpy( ucFakeTxFrame, pxBuffer->pucEthernetBuffer, pxBuffer->xDataLength );
        iptraceNETWORK_INTERFACE_TRANSMIT();
        xReturn = pdPASS;
    }

    if( ( xReleaseAfterSend != pdFALSE ) && ( pxBuffer != NULL ) )
    {
        vReleaseNetworkBufferAndDescriptor( pxBuffer );
    }

    return xReturn;
}
/*-----------------------------------------------------------*/

static BaseType_t prvGetPhyLinkStatus( NetworkInterface_t * pxInterface )
{
    ( void ) pxInterface;
    return ( ulFakeLinkStatus != 0U ) ? pdTRUE : pdFALSE;
}
/*-----------------------------------------------------------*/

static void prvAddAllowedMAC( NetworkInterface_t * pxInterface,
                              const uint8_t * pucMacAddressBytes )
{
    ( void ) pxInterface;
    ( void ) pucMacAddressBytes;
}
/*-----------------------------------------------------------*/

NetworkInterface_t * pxExample_FillInterfaceDescriptor( BaseType_t xEMACIndex,
                                                        NetworkInterface_t * pxInterface );

NetworkInterface_t * pxExample_FillInterfaceDescriptor( BaseType_t xEMACIndex,
                                                        NetworkInterface_t * pxInterface )
{
    static char pcName[ 8 ];

    pcName[ 0 ] = 'e';
    pcName[ 1 ] = 't';
    pcName[ 2 ] = 'h';
    pcName[ 3 ] = ( char ) ( '0' + xEMACIndex );
    pcName[ 4 ] = '\0';

    memset( pxInterface, 0, sizeof( *pxInterface ) );
    pxInterface->pcName = pcName;
    pxInterface->pvArgument = ( void * ) xEMACIndex;
    pxInterface->pfInitialise = prvInitialise;
    pxInterface->pfOutput = prvOutput;
    pxInterface->pfGetPhyLinkStatus = prvGetPhyLinkStatus;
    pxInterface->pfAddAllowedMAC = prvAddAllowedMAC;
    pxInterface->pfRemoveAllowedMAC = prvAddAllowedMAC;

    return FreeRTOS_AddNetworkInterface( pxInterface );
}
/*-----------------------------------------------------------*/

#if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 )
    /* FreeRTOS_IPInit() asks the driver for its interface by this name. */
    NetworkInterface_t * pxFillInterfaceDescriptor( BaseType_t xEMACIndex,
                                                    NetworkInterface_t * pxInterface )
    {
        return pxExample_FillInterfaceDescriptor( xEMACIndex, pxInterface );
    }
#endif
/*-----------------------------------------------------------*/

/* For fixed-size buffer pools: hand each descriptor its frame memory; the
 * word in front of each frame points back to the descriptor. */
size_t uxNetworkInterfaceAllocateRAMToBuffers( NetworkBufferDescriptor_t pxNetworkBuffers[ ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS ] )
{
    static uint8_t ucBuffers[ ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS ][ niBUFFER_SIZE ] __attribute__( ( aligned( 8 ) ) );
    size_t uxIndex;

    for( uxIndex = 0; uxIndex < ( size_t ) ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS; uxIndex++ )
    {
        pxNetworkBuffers[ uxIndex ].pucEthernetBuffer = &( ucBuffers[ uxIndex ][ ipBUFFER_PADDING ] );
        *( ( NetworkBufferDescriptor_t ** ) &( ucBuffers[ uxIndex ][ 0 ] ) ) = &( pxNetworkBuffers[ uxIndex ] );
    }

    return niBUFFER_SIZE - ipBUFFER_PADDING;
}
/*-----------------------------------------------------------*/

/* Called from the MAC interrupt. */
void vExampleEMACInterrupt( void );
void vExampleEMACInterrupt( void )
{
    BaseType_t xHigherPriorityTaskWoken = pdFALSE;

    if( xRxTaskHandle != NULL )
    {
        vTaskNotifyGiveFromISR( xRxTaskHandle, &xHigherPriorityTaskWoken );
    }

    if( ulFakeLinkStatus == 0U )
    {
        NetworkInterface_t * pxInterface = FreeRTOS_FirstNetworkInterface();

        if( pxInterface != NULL )
        {
            xHigherPriorityTaskWoken |= FreeRTOS_NetworkDownFromISR( pxInterface );
        }
    }

    portYIELD_FROM_ISR( xHigherPriorityTaskWoken );
}
