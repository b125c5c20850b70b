/*
 * FreeRTOS_IP_Timers.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * The IP task's timers (ARP, ND, DHCP/RA, DNS, TCP, network).  Stack
 * internals, declared for code that names them.  Include by name.
 */

#include "FreeRTOS_IP.h"

#ifndef FREERTOS_IP_TIMERS_H
#define FREERTOS_IP_TIMERS_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Runs whatever timer work is due. */
void vCheckNetworkTimers( void );

/* Ticks until the next timer is due. */
TickType_t xCalculateSleepTime( void );

void vIPSetTCPTimerExpiredState( BaseType_t xExpiredState );

#if ipconfigIS_ENABLED( ipconfigUSE_IPv4 )
    void vARPTimerReload( TickType_t xTime );
    void vIPTimerStartARPResolution( TickType_t xTime );
    void vIPSetARPTimerEnableState( BaseType_t xEnableState );
    void vIPSetARPResolutionTimerEnableState( BaseType_t xEnableState );
#endif

#if ipconfigIS_ENABLED( ipconfigUSE_IPv6 )
    void vNDTimerReload( TickType_t xTime );
    void vIPTimerStartNDResolution( TickType_t xTime );
    void vIPSetNDTimerEnableState( BaseType_t xEnableState );
    void vIPSetNDResolutionTimerEnableState( BaseType_t xEnableState );
#endif

#if ( ipconfigUSE_DHCP == 1 ) || ( ipconfigUSE_RA == 1 )
    void vIPSetDHCP_RATimerEnableState( NetworkEndPoint_t * pxEndPoint,
                                        BaseType_t xEnableState );
#endif

#if ( ipconfigDNS_USE_CALLBACKS != 0 )
    void vIPSetDNSTimerEnableState( BaseType_t xEnableState );
#endif

void vTCPTimerReload( TickType_t xTime );

#if ( ipconfigUSE_DHCP == 1 ) || ( ipconfigUSE_RA == 1 )
    void vDHCP_RATimerReload( NetworkEndPoint_t * pxEndPoint,
                              TickType_t uxClockTicks );
#endif

#if ( ipconfigDNS_USE_CALLBACKS != 0 )
    void vDNSTimerReload( uint32_t ulCheckTime );
#endif

void vNetworkTimerReload( TickType_t xTime );

#ifdef __cplusplus
}
#endif

#endif /* FREERTOS_IP_TIMERS_H */
