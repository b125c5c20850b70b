/* C shim between the Rust library and things that exist only as C macros:
 * kernel critical sections and ISR yields, configASSERT, FreeRTOS_printf.
 * Compiled by build.rs against the application's configuration headers, so
 * the macros expand exactly as the application defined them. */
#ifndef FPTCP_SHIM_H
#define FPTCP_SHIM_H

#include <stddef.h>
#include <stdint.h>
#include "FreeRTOS.h"

/* Reports a Rust panic through the application's configASSERT (or halts). */
void fptcp_shim_assert_failed( const char * pcFile, uint32_t ulLine );

/* Prints one NUL-terminated line (with its newline) through FreeRTOS_printf.
 * Prints nothing when ipconfigHAS_PRINTF is 0, as upstream does. */
void fptcp_shim_print( const char * pcLine );

void fptcp_shim_enter_critical( void );
void fptcp_shim_exit_critical( void );
UBaseType_t fptcp_shim_enter_critical_from_isr( void );
void fptcp_shim_exit_critical_from_isr( UBaseType_t uxSaved );
void fptcp_shim_yield_from_isr( BaseType_t xHigherPriorityTaskWoken );

/* portMAX_DELAY as the port defines it. */
TickType_t fptcp_shim_max_delay( void );

#endif
