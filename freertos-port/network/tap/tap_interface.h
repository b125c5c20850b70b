/*
 * Linux TAP network interface for FreeRTOS+TCP V4 on the FreeRTOS POSIX port.
 * See README.md in this folder for behaviour, environment variables and the
 * threading rules.
 */
#ifndef TAP_INTERFACE_H
#define TAP_INTERFACE_H

#include <stdint.h>

#include "FreeRTOS.h"
#include "FreeRTOS_IP.h"
#include "FreeRTOS_Routing.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Number of TAP interfaces one program can drive (xEMACIndex 0 .. N-1). */
#define tapMAX_INTERFACES    4

/* Fills *pxInterface for the TAP device of index xEMACIndex (0 uses the
 * device named by $FPTCP_TAP, default "tap0"; index n > 0 uses $FPTCP_TAP<n>,
 * default "tap<n>") and adds it with FreeRTOS_AddNetworkInterface(). Call it
 * before FreeRTOS_IPInit_Multi(). Returns pxInterface, or NULL when
 * xEMACIndex is out of range or pxInterface is NULL. */
NetworkInterface_t * pxTap_FillInterfaceDescriptor( BaseType_t xEMACIndex,
                                                    NetworkInterface_t * pxInterface );

#if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 )
/* The name FreeRTOS_IPInit() calls; forwards to pxTap_FillInterfaceDescriptor(). */
NetworkInterface_t * pxFillInterfaceDescriptor( BaseType_t xEMACIndex,
                                                NetworkInterface_t * pxInterface );
#endif

/* Counters of one interface since program start. */
typedef struct xTAP_STATS
{
    uint64_t ullRxFrames;      /* frames handed to the IP task */
    uint64_t ullRxBytes;       /* bytes of those frames */
    uint64_t ullTxFrames;      /* frames written to the TAP device */
    uint64_t ullTxBytes;       /* bytes of those frames */
    uint64_t ullRxDropped;     /* received frames dropped on purpose (FPTCP_TAP_DROP_PERMILLE) */
    uint64_t ullTxDropped;     /* frames to send dropped on purpose (FPTCP_TAP_DROP_PERMILLE) */
    uint64_t ullRingOverflows; /* received frames lost because the receive ring was full */
    uint64_t ullRxFiltered;    /* frames the stack does not want (eConsiderFrameForProcessing, no end-point, runts) */
    uint64_t ullRxOversize;    /* frames longer than ipconfigNETWORK_MTU + 18 bytes */
    uint64_t ullRxNoBuffer;    /* frames lost because no network buffer was free */
    uint64_t ullRxQueueFull;   /* frames lost because xSendEventStructToIPTask() failed */
    uint64_t ullTxErrors;      /* failed or short writes to the TAP device */
    uint64_t ullReadErrors;    /* failed reads from the TAP device */
    uint64_t ullRxMaxLatencyUs; /* longest wait of a frame between read() and the IP task's queue */
    uint64_t ullRxLate;        /* frames that waited longer than one tick (1000000 / configTICK_RATE_HZ us) */
    /* ipconfigZERO_COPY_TX_DRIVER (0 without it): */
    uint64_t ullTxDeferred;    /* frames pfOutput() kept and the tap-tx task wrote and released later */
    uint64_t ullTxChanged;     /* of those, frames whose bytes or length changed after pfOutput() (a stack bug) */
    uint64_t ullTxHeld;        /* descriptors the driver holds now (queued for tap-tx) */
    uint64_t ullTxHeldMax;     /* most descriptors it held at once */
} TapStats_t;

/* Copies the counters of interface xEMACIndex. Returns pdPASS, or pdFAIL for
 * a bad index or NULL pointer. Safe to call from any FreeRTOS task. */
BaseType_t xTap_GetStats( BaseType_t xEMACIndex,
                          TapStats_t * pxStats );

/* Prints the counters of every initialised interface with FreeRTOS_printf. */
void vTap_PrintStats( void );

/* Call this from vApplicationIdleHook() if the application defines its own
 * idle hook (this driver supplies a weak vApplicationIdleHook() that does
 * just this). It sleeps at most 1 ms waiting for a received frame and wakes
 * the receive task at once when one arrives. Requires configUSE_IDLE_HOOK 1.
 * Never blocks for longer; must only be called from the idle task. */
void vTap_IdleHook( void );

#ifdef __cplusplus
}
#endif

#endif /* TAP_INTERFACE_H */
