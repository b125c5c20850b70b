/*
 * The test's window on the legacy V3 test driver (v3_test_driver.c): an
 * in-memory "wire". Frames the stack sends are queued for the test; frames
 * the test injects go up the driver's receive path exactly as a V3 driver's
 * deferred receive task would hand them over.
 */
#ifndef V3_TEST_DRIVER_H
#define V3_TEST_DRIVER_H

#include <stddef.h>
#include <stdint.h>

#include "FreeRTOS.h"

#define testWIRE_MAX_FRAME    1536U

typedef struct
{
    size_t uxLength;
    uint8_t ucData[ testWIRE_MAX_FRAME ];
} TestFrame_t;

typedef struct
{
    UBaseType_t uxInitialiseCalls;      /* xNetworkInterfaceInitialise() */
    UBaseType_t uxOutputCalls;          /* xNetworkInterfaceOutput() */
    UBaseType_t uxReleasedByDriver;     /* ... with xReleaseAfterSend == pdTRUE */
    UBaseType_t uxAllocateRAMCalls;     /* vNetworkInterfaceAllocateRAMToBuffers() */
    UBaseType_t uxRxDelivered;          /* frames the IP task accepted */
    UBaseType_t uxRxWithInterface;      /* ... whose pxInterface was set on hand-over */
    UBaseType_t uxRxWithEndPoint;       /* ... whose pxEndPoint was set on hand-over */
    UBaseType_t uxRxInStaticArea;       /* ... whose buffer lay in the driver's static buffers */
    uint8_t ucHardwareMAC[ 6 ];         /* what xNetworkInterfaceInitialise() programmed */
    uint8_t ucGetMACAddress[ 6 ];       /* what FreeRTOS_GetMACAddress() said then */
    uint32_t ulLocalIPAtInit;           /* *ipLOCAL_IP_ADDRESS_POINTER then */
} TestDriverStats_t;

/* Creates the wire; call before the scheduler starts. */
void vTestWire_Create( void );

/* Hands one frame to the stack through the driver's receive path.
 * pdPASS when the IP task's queue took it. */
BaseType_t xTestWire_Inject( const uint8_t * pucFrame,
                             size_t uxLength );

/* Waits up to xTicks for the next frame the stack sent. */
BaseType_t xTestWire_Receive( TestFrame_t * pxFrame,
                              TickType_t xTicks );

/* What xGetPhyLinkStatus() reports. */
void vTestWire_SetLink( BaseType_t xUp );

/* The driver reports a lost link the V3 way: FreeRTOS_NetworkDown(). */
void vTestWire_NetworkDown( void );

void vTestWire_GetStats( TestDriverStats_t * pxStats );

#endif /* V3_TEST_DRIVER_H */
