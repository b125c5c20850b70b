/*
 * The benchmark's network driver (A_CUSTOM_NETWORK_IF): no hardware, sent
 * frames are dropped. It keeps the measured difference to the stack itself;
 * its own few bytes are listed separately by bench/footprint.
 */
#include <string.h>

#include "FreeRTOS.h"
#include "FreeRTOS_IP.h"
#include "FreeRTOS_Routing.h"
#include "NetworkBufferManagement.h"

NetworkInterface_t * pxBench_FillInterfaceDescriptor( BaseType_t xEMACIndex,
                                                      NetworkInterface_t * pxInterface );

static BaseType_t prvInitialise( NetworkInterface_t * pxInterface )
{
    ( void ) pxInterface;
    return pdPASS;
}

static BaseType_t prvOutput( NetworkInterface_t * pxInterface,
                             NetworkBufferDescriptor_t * const pxBuffer,
                             BaseType_t xReleaseAfterSend )
{
    ( void ) pxInterface;

    if( xReleaseAfterSend != pdFALSE )
    {
        vReleaseNetworkBufferAndDescriptor( pxBuffer );
    }

    return pdPASS;
}

static BaseType_t prvLinkUp( NetworkInterface_t * pxInterface )
{
    ( void ) pxInterface;
    return pdTRUE;
}

NetworkInterface_t * pxBench_FillInterfaceDescriptor( BaseType_t xEMACIndex,
                                                      NetworkInterface_t * pxInterface )
{
    ( void ) xEMACIndex;
    ( void ) memset( pxInterface, 0, sizeof( *pxInterface ) );
    pxInterface->pcName = "bench";
    pxInterface->pfInitialise = prvInitialise;
    pxInterface->pfOutput = prvOutput;
    pxInterface->pfGetPhyLinkStatus = prvLinkUp;
    return FreeRTOS_AddNetworkInterface( pxInterface );
}
