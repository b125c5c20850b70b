/*
 * select_http_server: the HTTP/1.0 server written the upstream
 * FreeRTOS_select() way (apps/shared/select_http.c, the same source as the
 * firmware's fw-select-tap): ONE task serves every connection. This file
 * adds the host's options and the control FIFO.
 *
 * Options: --port N (80) --backlog N (8) --clients N (16, at most
 * appSELECT_MAX_CLIENTS: more connections are accepted and closed at once)
 * --request-timeout MS (5000) --drain-ms MS (3000) --delay-ms MS (0:
 * "processing" time before each response, as http_server's --delay; the
 * task keeps serving the others meanwhile) --control FIFO (app_common.h;
 * "stats" prints STATS).
 *
 * Lines for tests/e2e/select_http.sh: those of select_http.h.
 */
#include <string.h>

#include "FreeRTOS.h"
#include "task.h"

#include "app_common.h"
#include "app_platform.h"
#include "select_http.h"

static SelectHttpConfig_t xConfig =
{
    .usPort      = 80,
    .xBacklog    = 8,
    .uxClients   = 16,
    .ulRequestMs = 5000,
    .ulDrainMs   = 3000,
    .ulDelayMs   = 0
};
static const char * pcControl = NULL;

const char * const pcAppUsage =
    "[--port N] [--backlog N] [--clients N] [--request-timeout MS] [--drain-ms MS] [--delay-ms MS] [--control FIFO]";

static void prvControlExtra( const char * pcLine )
{
    if( strcmp( pcLine, "stats" ) == 0 )
    {
        vSelectHttpPrintStats();
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
        vAppExit( 1 );
    }

    if( xSelectHttpStart( &xConfig ) != pdPASS )
    {
        vAppExit( 1 );
    }

    /* The server's own task does the rest. */
    for( ; ; )
    {
        vTaskDelay( pdMS_TO_TICKS( 1000 ) );
    }
}

/* ---------------------------------------------------------------- arguments */

BaseType_t xAppParseArgs( int argc,
                          char ** argv )
{
    int i;

    for( i = 1; i < argc; i++ )
    {
        uint64_t ullValue = 0;
        const char * pcValue = ( i + 1 < argc ) ? argv[ i + 1 ] : NULL;

        if( pcValue == NULL )
        {
            return pdFAIL;
        }

        if( strcmp( argv[ i ], "--control" ) == 0 )
        {
            pcControl = pcValue;
        }
        else if( xAppParseUnsigned( pcValue, 0xffffffffULL, &ullValue ) != pdPASS )
        {
            return pdFAIL;
        }
        else if( ( strcmp( argv[ i ], "--port" ) == 0 ) && ( ullValue > 0U ) && ( ullValue <= 0xffffU ) )
        {
            xConfig.usPort = ( uint16_t ) ullValue;
        }
        else if( ( strcmp( argv[ i ], "--backlog" ) == 0 ) && ( ullValue > 0U ) && ( ullValue <= 64U ) )
        {
            xConfig.xBacklog = ( BaseType_t ) ullValue;
        }
        else if( ( strcmp( argv[ i ], "--clients" ) == 0 ) && ( ullValue > 0U ) && ( ullValue <= appSELECT_MAX_CLIENTS ) )
        {
            xConfig.uxClients = ( UBaseType_t ) ullValue;
        }
        else if( strcmp( argv[ i ], "--request-timeout" ) == 0 )
        {
            xConfig.ulRequestMs = ( uint32_t ) ullValue;
        }
        else if( strcmp( argv[ i ], "--drain-ms" ) == 0 )
        {
            xConfig.ulDrainMs = ( uint32_t ) ullValue;
        }
        else if( strcmp( argv[ i ], "--delay-ms" ) == 0 )
        {
            xConfig.ulDelayMs = ( uint32_t ) ullValue;
        }
        else
        {
            return pdFAIL;
        }

        i++;
    }

    return pdPASS;
}
