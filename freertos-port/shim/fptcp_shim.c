/* See fptcp_shim.h. Every function here is a one-line wrapper around a macro
 * of the kernel or of the application's configuration. */
#include "FreeRTOS.h"
#include "task.h"
#include "FreeRTOSIPConfig.h"
#include "FreeRTOSIPConfigDefaults.h"
#include "shim/fptcp_shim.h"

#ifdef configASSERT
static void prvAssertAt( const char * pcFile,
                         uint32_t ulLine );
#endif

void fptcp_shim_assert_failed( const char * pcFile, uint32_t ulLine )
{
    /* A Rust panic (a bug: the board library has no panic paths; host and
     * debug builds keep them). Say where it happened, in Rust terms: the
     * application's configASSERT would otherwise only name this file. */
#if ( ipconfigHAS_PRINTF == 1 )
    FreeRTOS_printf( ( "FreeRTOS+TCP (Rust): panic at %s:%lu\n", pcFile, ( unsigned long ) ulLine ) );
#endif
#ifdef configASSERT
    prvAssertAt( pcFile, ulLine );
#else
    ( void ) pcFile;
    ( void ) ulLine;
#endif
    /* No assert hook (or it returned): stop here for good. */
    taskDISABLE_INTERRUPTS();
    for( ; ; )
    {
    }
}

void fptcp_shim_print( const char * pcLine )
{
#if ( ipconfigHAS_PRINTF == 1 )
    FreeRTOS_printf( ( "%s", pcLine ) );
#else
    ( void ) pcLine;
#endif
}

void fptcp_shim_enter_critical( void )
{
    taskENTER_CRITICAL();
}

void fptcp_shim_exit_critical( void )
{
    taskEXIT_CRITICAL();
}

UBaseType_t fptcp_shim_enter_critical_from_isr( void )
{
    return ( UBaseType_t ) taskENTER_CRITICAL_FROM_ISR();
}

void fptcp_shim_exit_critical_from_isr( UBaseType_t uxSaved )
{
    taskEXIT_CRITICAL_FROM_ISR( uxSaved );
}

void fptcp_shim_yield_from_isr( BaseType_t xHigherPriorityTaskWoken )
{
    portYIELD_FROM_ISR( xHigherPriorityTaskWoken );
}

TickType_t fptcp_shim_max_delay( void )
{
    return portMAX_DELAY;
}

#if defined( __arm__ )

/* rustc's allocator shim object carries ARM EHABI unwind entries that name
 * the compact-model personality routine, which would drag libgcc's whole
 * unwinder (about 4 KB) into every image although nothing here unwinds: the
 * library is built with panic = "abort". This weak stand-in satisfies the
 * reference; an application that really unwinds (C++ exceptions) links
 * libgcc's strong definition, which takes precedence. */
__attribute__( ( weak ) ) int __aeabi_unwind_cpp_pr0( int state,
                                                     void * ucbp,
                                                     void * context )
{
    ( void ) state;
    ( void ) ucbp;
    ( void ) context;
    return 9; /* _URC_FAILURE: unwinding cannot proceed. */
}

#endif

/* Last in the file: from here on __FILE__ and __LINE__ name the Rust
 * panic's location (see the header). */
#ifdef configASSERT
    #include "fptcp_shim_assert.h"
#endif
