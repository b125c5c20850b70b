/*
 * FreeRTOS_DNS_Callback.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * Bookkeeping of asynchronous DNS lookups (ipconfigDNS_USE_CALLBACKS).
 * Reached through FreeRTOS_DNS.h.
 */

#include "FreeRTOS_IP.h"

#ifndef FREERTOS_DNS_CALLBACK_H
#define FREERTOS_DNS_CALLBACK_H

#include "FreeRTOS_DNS_Globals.h"

#ifdef __cplusplus
extern "C" {
#endif

#if ( ( ipconfigDNS_USE_CALLBACKS == 1 ) && ( ipconfigUSE_DNS != 0 ) )

/* Calls the callback registered for the parsed answer; pdTRUE if one was. */
    BaseType_t xDNSDoCallback( ParseSet_t * pxSet,
                               struct freertos_addrinfo * pxAddress );

/* Registers a pending lookup. */
    BaseType_t xDNSSetCallBack( const char * pcHostName,
                                void * pvSearchID,
                                FOnDNSEvent pCallbackFunction,
                                TickType_t uxTimeout,
                                TickType_t uxIdentifier,
                                BaseType_t xIsIPv6 );

/* Expires pending lookups; with a search ID, cancels that one. */
    void vDNSCheckCallBack( void * pvSearchID );

    void vDNSCallbackInitialise( void );

#endif

#ifdef __cplusplus
}
#endif

#endif /* FREERTOS_DNS_CALLBACK_H */
