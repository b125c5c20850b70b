/*
 * A network driver written against the legacy V3 interface, the way V3
 * drivers are written: the four global functions of V3.1.0's
 * NetworkInterface.h, FreeRTOS_NetworkDown() without an argument, the local
 * MAC address from ipLOCAL_MAC_ADDRESS, received buffers handed over without
 * the V4 fields pxInterface/pxEndPoint, static buffers assigned with
 * back-pointers for BufferAllocation_1.
 *
 * Nothing in this file knows about V4. It is compiled with
 * v3_network_interface.h force-included (FREERTOS_PLUS_TCP_V3_DRIVER ON).
 * Its "hardware" is an in-memory wire the test drives (v3_test_driver.h).
 */
#include <stdint.h>
#include <string.h>

#include "FreeRTOS.h"
#include "task.h"
#include "queue.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_IP_Private.h"
#include "NetworkBufferManagement.h"
#include "NetworkInterface.h"

#include "v3_test_driver.h"

/* ---------------------------------------------------------------- state */

static QueueHandle_t xSentFrames = NULL;
static volatile BaseType_t xLinkUp = pdTRUE;
static TestDriverStats_t xStats;
static TestFrame_t xScratch;

/* BufferAllocation_1: one buffer per descriptor, ipBUFFER_PADDING in front
 * (its first word points back to the descriptor), 8-byte aligned slots. */
#define driverBUFFER_SLOT    ( ( ( ipBUFFER_PADDING + ipTOTAL_ETHERNET_FRAME_SIZE ) + 7U ) & ~7U )
static uint8_t ucBuffers[ ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS ][ driverBUFFER_SLOT ] __attribute__( ( aligned( 8 ) ) );

/* ---------------------------------------------------------------- V3 interface */

BaseType_t xNetworkInterfaceInitialise( void )
{
    const uint8_t * pucMAC = FreeRTOS_GetMACAddress();

    xStats.uxInitialiseCalls++;
    /* "Program the MAC address filter" as V3 drivers do. */
    ( void ) memcpy( xStats.ucHardwareMAC, ipLOCAL_MAC_ADDRESS, sizeof( xStats.ucHardwareMAC ) );
    ( void ) memcpy( xStats.ucGetMACAddress, pucMAC, sizeof( xStats.ucGetMACAddress ) );
    xStats.ulLocalIPAtInit = *ipLOCAL_IP_ADDRESS_POINTER;

    return ( xLinkUp != pdFALSE ) ? pdPASS : pdFAIL;
}

BaseType_t xNetworkInterfaceOutput( NetworkBufferDescriptor_t * const pxNetworkBuffer,
                                    BaseType_t xReleaseAfterSend )
{
    BaseType_t xResult = pdFAIL;

    xStats.uxOutputCalls++;

    if( ( pxNetworkBuffer != NULL ) && ( pxNetworkBuffer->xDataLength <= testWIRE_MAX_FRAME ) )
    {
        xScratch.uxLength = pxNetworkBuffer->xDataLength;
        ( void ) memcpy( xScratch.ucData, pxNetworkBuffer->pucEthernetBuffer, pxNetworkBuffer->xDataLength );

        if( xQueueSendToBack( xSentFrames, &xScratch, 0 ) == pdPASS )
        {
            xResult = pdPASS;
        }
    }

    if( ( xReleaseAfterSend != pdFALSE ) && ( pxNetworkBuffer != NULL ) )
    {
        xStats.uxReleasedByDriver++;
        vReleaseNetworkBufferAndDescriptor( pxNetworkBuffer );
    }

    return xResult;
}

BaseType_t xGetPhyLinkStatus( void )
{
    return xLinkUp;
}

void vNetworkInterfaceAllocateRAMToBuffers( NetworkBufferDescriptor_t pxNetworkBuffers[ ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS ] )
{
    size_t x;

    xStats.uxAllocateRAMCalls++;

    for( x = 0; x < ( size_t ) ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS; x++ )
    {
        NetworkBufferDescriptor_t * pxDescriptor = &( pxNetworkBuffers[ x ] );

        pxNetworkBuffers[ x ].pucEthernetBuffer = &( ucBuffers[ x ][ ipBUFFER_PADDING ] );
        ( void ) memcpy( &( ucBuffers[ x ][ 0 ] ), &pxDescriptor, sizeof( pxDescriptor ) );
    }
}

/* ---------------------------------------------------------------- the wire */

void vTestWire_Create( void )
{
    xSentFrames = xQueueCreate( 16, sizeof( TestFrame_t ) );
    configASSERT( xSentFrames != NULL );
}

/* What a V3 driver's receive task does with one frame. */
BaseType_t xTestWire_Inject( const uint8_t * pucFrame,
                             size_t uxLength )
{
    NetworkBufferDescriptor_t * pxBuffer;
    IPStackEvent_t xRxEvent;
    BaseType_t xResult = pdFAIL;

    if( eConsiderFrameForProcessing( pucFrame ) != eProcessBuffer )
    {
        return pdFAIL;
    }

    pxBuffer = pxGetNetworkBufferWithDescriptor( uxLength, 0 );

    if( pxBuffer != NULL )
    {
        const uint8_t * pucStart = &( ucBuffers[ 0 ][ 0 ] );
        const uint8_t * pucEnd = pucStart + sizeof( ucBuffers );

        ( void ) memcpy( pxBuffer->pucEthernetBuffer, pucFrame, uxLength );
        pxBuffer->xDataLength = uxLength;
        xRxEvent.eEventType = eNetworkRxEvent;
        xRxEvent.pvData = ( void * ) pxBuffer;

        if( xSendEventStructToIPTask( &xRxEvent, 0 ) == pdPASS )
        {
            /* The test task runs above the IP task, so the buffer is still
             * untouched here: look at what the hand-over filled in. */
            xStats.uxRxDelivered++;
            xStats.uxRxWithInterface += ( pxBuffer->pxInterface != NULL ) ? 1U : 0U;
            xStats.uxRxWithEndPoint += ( pxBuffer->pxEndPoint != NULL ) ? 1U : 0U;
            xStats.uxRxInStaticArea += ( ( pxBuffer->pucEthernetBuffer >= pucStart ) &&
                                         ( pxBuffer->pucEthernetBuffer < pucEnd ) ) ? 1U : 0U;
            xResult = pdPASS;
        }
        else
        {
            vReleaseNetworkBufferAndDescriptor( pxBuffer );
        }
    }

    return xResult;
}

BaseType_t xTestWire_Receive( TestFrame_t * pxFrame,
                              TickType_t xTicks )
{
    return xQueueReceive( xSentFrames, pxFrame, xTicks );
}

void vTestWire_SetLink( BaseType_t xUp )
{
    xLinkUp = xUp;
}

void vTestWire_NetworkDown( void )
{
    FreeRTOS_NetworkDown();
}

void vTestWire_GetStats( TestDriverStats_t * pxStats )
{
    taskENTER_CRITICAL();
    *pxStats = xStats;
    taskEXIT_CRITICAL();
}
