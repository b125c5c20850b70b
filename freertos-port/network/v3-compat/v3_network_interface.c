/*
 * v3_network_interface.c -- a legacy V3 network driver as a V4
 * NetworkInterface_t. See v3_network_interface.h and README.md.
 *
 * The V4 stack only calls a driver through the function pointers of its
 * NetworkInterface_t; a V3 driver exports fixed global names instead. The
 * pointers set here forward to those names, and the helpers below give the
 * driver's V3 calls (FreeRTOS_NetworkDown() without an argument, received
 * buffers without pxInterface/pxEndPoint) their V4 meaning.
 */
#define V3_NETWORK_INTERFACE_IMPLEMENTATION
#include "v3_network_interface.h"

#include <string.h>

/* BufferAllocation_1 only: a V3 driver for BufferAllocation_2 does not define
 * vNetworkInterfaceAllocateRAMToBuffers(), and the weak reference lets the
 * program link without it. */
#if defined( __GNUC__ ) || defined( __clang__ )
    #pragma weak vNetworkInterfaceAllocateRAMToBuffers
#else
    #error "v3_network_interface.c needs GCC or Clang (weak references)"
#endif

/* The one interface the V3 driver's global functions serve. */
static NetworkInterface_t * pxV3Interface = NULL;

/* ipLOCAL_MAC_ADDRESS / ipLOCAL_IP_ADDRESS_POINTER before an end-point exists. */
static uint8_t ucNoMACAddress[ ipMAC_ADDRESS_LENGTH_BYTES ];
static uint32_t ulNoIPAddress;

/* ---------------------------------------------------------------- the pointers */

static BaseType_t prvV3Initialise( NetworkInterface_t * pxInterface )
{
    ( void ) pxInterface;
    return xNetworkInterfaceInitialise();
}

static BaseType_t prvV3Output( NetworkInterface_t * pxInterface,
                               NetworkBufferDescriptor_t * const pxNetworkBuffer,
                               BaseType_t xReleaseAfterSend )
{
    ( void ) pxInterface;
    return xNetworkInterfaceOutput( pxNetworkBuffer, xReleaseAfterSend );
}

static BaseType_t prvV3GetPhyLinkStatus( NetworkInterface_t * pxInterface )
{
    ( void ) pxInterface;
    return xGetPhyLinkStatus();
}

NetworkInterface_t * pxV3Driver_FillInterfaceDescriptor( BaseType_t xEMACIndex,
                                                         NetworkInterface_t * pxInterface )
{
    if( ( xEMACIndex != 0 ) || ( pxInterface == NULL ) )
    {
        return NULL;
    }

    if( ( pxV3Interface != NULL ) && ( pxV3Interface != pxInterface ) )
    {
        /* The V3 functions are global: they can serve one interface only. */
        return NULL;
    }

    ( void ) memset( pxInterface, 0, sizeof( *pxInterface ) );
    pxInterface->pcName = "v3eth0";
    pxInterface->pvArgument = NULL;
    pxInterface->pfInitialise = prvV3Initialise;
    pxInterface->pfOutput = prvV3Output;
    pxInterface->pfGetPhyLinkStatus = prvV3GetPhyLinkStatus;
    /* V3 drivers program their multicast filters themselves. */
    pxInterface->pfAddAllowedMAC = NULL;
    pxInterface->pfRemoveAllowedMAC = NULL;
    pxV3Interface = pxInterface;

    return FreeRTOS_AddNetworkInterface( pxInterface );
}

#if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 )
    /* The name FreeRTOS_IPInit() calls. */
    NetworkInterface_t * pxFillInterfaceDescriptor( BaseType_t xEMACIndex,
                                                    NetworkInterface_t * pxInterface )
    {
        return pxV3Driver_FillInterfaceDescriptor( xEMACIndex, pxInterface );
    }
#endif

NetworkInterface_t * pxV3Driver_GetInterface( void )
{
    return pxV3Interface;
}

/* ---------------------------------------------------------------- V3 calls */

void vV3Driver_NetworkDown( void )
{
    if( pxV3Interface != NULL )
    {
        FreeRTOS_NetworkDown( pxV3Interface );
    }
}

BaseType_t xV3Driver_NetworkDownFromISR( void )
{
    BaseType_t xWoken = pdFALSE;

    if( pxV3Interface != NULL )
    {
        xWoken = FreeRTOS_NetworkDownFromISR( pxV3Interface );
    }

    return xWoken;
}

/* Gives one received buffer the V4 fields the V3 driver did not set. */
static void prvClaimBuffer( NetworkBufferDescriptor_t * pxBuffer )
{
    if( pxBuffer->pxInterface == NULL )
    {
        pxBuffer->pxInterface = pxV3Interface;
    }

    if( ( pxBuffer->pxEndPoint == NULL ) &&
        ( pxBuffer->pucEthernetBuffer != NULL ) &&
        ( pxBuffer->xDataLength >= ( size_t ) ipSIZE_OF_ETH_HEADER ) )
    {
        pxBuffer->pxEndPoint = FreeRTOS_MatchingEndpoint( pxBuffer->pxInterface, pxBuffer->pucEthernetBuffer );
    }
}

BaseType_t xV3Driver_SendEventStructToIPTask( const IPStackEvent_t * pxEvent,
                                              TickType_t uxTimeout )
{
    if( ( pxEvent != NULL ) && ( pxEvent->eEventType == eNetworkRxEvent ) && ( pxV3Interface != NULL ) )
    {
        NetworkBufferDescriptor_t * pxBuffer = ( NetworkBufferDescriptor_t * ) pxEvent->pvData;
        UBaseType_t uxGuard = 0U;

        /* A chain (ipconfigUSE_LINKED_RX_MESSAGES) is bounded by the pool. */
        while( ( pxBuffer != NULL ) && ( uxGuard < ( UBaseType_t ) ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS ) )
        {
            prvClaimBuffer( pxBuffer );
            uxGuard++;
            #if ( ipconfigUSE_LINKED_RX_MESSAGES != 0 )
                pxBuffer = pxBuffer->pxNextBuffer;
            #else
                pxBuffer = NULL;
            #endif
        }
    }

    return xSendEventStructToIPTask( pxEvent, uxTimeout );
}

static NetworkEndPoint_t * prvV3EndPoint( void )
{
    return ( pxV3Interface != NULL ) ? FreeRTOS_FirstEndPoint( pxV3Interface ) : NULL;
}

uint8_t * pucV3Driver_MACAddress( void )
{
    NetworkEndPoint_t * pxEndPoint = prvV3EndPoint();

    return ( pxEndPoint != NULL ) ? pxEndPoint->xMACAddress.ucBytes : ucNoMACAddress;
}

uint32_t * pulV3Driver_IPAddress( void )
{
    NetworkEndPoint_t * pxEndPoint = prvV3EndPoint();

    return ( pxEndPoint != NULL ) ? &( pxEndPoint->ipv4_settings.ulIPAddress ) : &ulNoIPAddress;
}

/* ---------------------------------------------------------------- BufferAllocation_1 */

/* V4's name for the static-buffer hook: the V3 driver assigns the buffers
 * (and their back-pointers) as before; V4 also wants their usable size. */
size_t uxNetworkInterfaceAllocateRAMToBuffers( NetworkBufferDescriptor_t pxNetworkBuffers[ ipconfigNUM_NETWORK_BUFFER_DESCRIPTORS ] )
{
    size_t uxSize = 0U;

    if( vNetworkInterfaceAllocateRAMToBuffers != NULL )
    {
        vNetworkInterfaceAllocateRAMToBuffers( pxNetworkBuffers );
        uxSize = FPTCP_V3_BUFFER_SIZE;
    }
    else
    {
        /* BufferAllocation_1 with a driver that has no static buffers. */
        configASSERT( vNetworkInterfaceAllocateRAMToBuffers != NULL );
    }

    return uxSize;
}
