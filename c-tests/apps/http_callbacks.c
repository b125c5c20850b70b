/*
 * http_callbacks: the HTTP/1.0 server written only with socket callbacks
 * (apps/shared/http_callbacks_app.c, the same source as the firmware's
 * fw-callbacks-tap): the handlers the IP task calls do everything. This
 * file adds the host's options and the control FIFO.
 *
 * Options: --port N (80), --backlog N (16), --control FIFO (app_common.h;
 * "stats" prints STATS).
 * Lines for tests/e2e/http_callbacks.sh: those of http_callbacks_app.h.
 */
#include <string.h>

#include "FreeRTOS.h"
#include "task.h"

#include "app_common.h"
#include "http_callbacks_app.h"

static uint16_t usPort = 80;
static BaseType_t xBacklog = 16;
static const char * pcControl = NULL;

const char * const pcAppUsage = "[--port N] [--backlog N] [--control FIFO]";

BaseType_t xAppParseArgs( int argc,
                          char ** argv )
{
    int i;
    uint64_t ullValue;

    for( i = 1; i < argc; i++ )
    {
        if( ( strcmp( argv[ i ], "--port" ) == 0 ) && ( i + 1 < argc ) &&
            ( xAppParseUnsigned( argv[ ++i ], 65535, &ullValue ) == pdPASS ) )
        {
            usPort = ( uint16_t ) ullValue;
        }
        else if( ( strcmp( argv[ i ], "--backlog" ) == 0 ) && ( i + 1 < argc ) &&
                 ( xAppParseUnsigned( argv[ ++i ], 1000, &ullValue ) == pdPASS ) )
        {
            xBacklog = ( BaseType_t ) ullValue;
        }
        else if( ( strcmp( argv[ i ], "--control" ) == 0 ) && ( i + 1 < argc ) )
        {
            pcControl = argv[ ++i ];
        }
        else
        {
            return pdFAIL;
        }
    }

    return pdPASS;
}

static void prvControlExtra( const char * pcLine )
{
    if( strcmp( pcLine, "stats" ) == 0 )
    {
        vHttpCallbacksPrintStats();
    }
    else
    {
        vAppPrintf( "CONTROL unknown '%s'\n", pcLine );
    }
}

void vAppRun( void )
{
    if( ( pcControl != NULL ) && ( xAppStartControl( pcControl, prvControlExtra ) != pdPASS ) )
    {
        vAppPrintf( "HTTPCB error control\n" );
        vAppExit( 1 );
    }

    if( xHttpCallbacksStart( usPort, xBacklog ) != pdPASS )
    {
        vAppExit( 1 );
    }

    /* Nothing else to do here: the handlers serve. */
    for( ; ; )
    {
        vTaskDelay( pdMS_TO_TICKS( 1000 ) );
    }
}
