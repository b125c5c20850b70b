/*
 * Application hooks the TCP/IP stack needs from the test programs:
 *
 * - xApplicationGetRandomNumber(): the kernel's getrandom().
 * - ulApplicationGetNextSequenceNumber(): RFC 6528 initial sequence numbers,
 *   ISN = M + F(local address, local port, remote address, remote port, key),
 *   where M is a 4-microsecond clock (RFC 793 / RFC 6528 section 3) and F is
 *   SipHash-2-4 under a 128-bit key drawn from getrandom() at start-up.
 *
 * The network event hook lives in test_main.c (it drives start-up).
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "FreeRTOS.h"
#include "task.h"
#include "FreeRTOS_IP.h"

#include "fptcp_test.h"

/* The POSIX port's task "stacks" are only thread records; make sure the
 * configuration still honours the pthread minimum it is modelled on. */
#if defined( PTHREAD_STACK_MIN )
    _Static_assert( ( configMINIMAL_STACK_SIZE ) * sizeof( StackType_t ) >= ( size_t ) PTHREAD_STACK_MIN,
                    "configMINIMAL_STACK_SIZE below PTHREAD_STACK_MIN" );
#endif

static uint64_t ullIsnKey[ 2 ];

/* Fills the buffer from the kernel's random source; pdTRUE on success. */
static BaseType_t prvRandomBytes( void * pvBuffer,
                                  size_t uxLength )
{
    uint8_t * pucOut = ( uint8_t * ) pvBuffer;

    while( uxLength > 0U )
    {
        ssize_t xGot = getrandom( pucOut, uxLength, 0 );

        if( xGot < 0 )
        {
            if( errno == EINTR )
            {
                continue;
            }

            return pdFALSE;
        }

        pucOut += xGot;
        uxLength -= ( size_t ) xGot;
    }

    return pdTRUE;
}

/* ------------------------------------------------------------ tick trace */

static const void * volatile pvWatchedTasks[ 2 ] = { NULL, NULL };
volatile uint32_t ulFptcpTestTicksRunning = 0;
volatile uint32_t ulFptcpTestTicksAll = 0;

/* From the kernel's tick (traceTASK_INCREMENT_TICK), in the tick's
 * interrupt context: only counts. */
void vFptcpTestTickTrace( const void * pvRunningTask )
{
    const void * pvFirst = pvWatchedTasks[ 0 ];

    if( pvFirst != NULL )
    {
        ulFptcpTestTicksAll++;

        if( ( pvRunningTask == pvFirst ) || ( pvRunningTask == pvWatchedTasks[ 1 ] ) )
        {
            ulFptcpTestTicksRunning++;
        }
    }
}

void vFptcpTestWatchTasks( TaskHandle_t xTask,
                           TaskHandle_t xOther )
{
    taskENTER_CRITICAL();
    {
        pvWatchedTasks[ 0 ] = NULL;
        pvWatchedTasks[ 1 ] = ( const void * ) xOther;
        ulFptcpTestTicksRunning = 0;
        ulFptcpTestTicksAll = 0;
        pvWatchedTasks[ 0 ] = ( const void * ) xTask;
    }
    taskEXIT_CRITICAL();
}

void vFptcpHooksInit( void )
{
    configASSERT( prvRandomBytes( ullIsnKey, sizeof( ullIsnKey ) ) == pdTRUE );
}

BaseType_t xApplicationGetRandomNumber( uint32_t * pulNumber )
{
    if( pulNumber == NULL )
    {
        return pdFALSE;
    }

    return prvRandomBytes( pulNumber, sizeof( *pulNumber ) );
}

/* ---------------------------------------------------------------- SipHash-2-4 */

static inline uint64_t prvRotl( uint64_t x,
                                unsigned b )
{
    return ( x << b ) | ( x >> ( 64U - b ) );
}

static inline void prvSipRound( uint64_t v[ 4 ] )
{
    v[ 0 ] += v[ 1 ];
    v[ 1 ] = prvRotl( v[ 1 ], 13 ) ^ v[ 0 ];
    v[ 0 ] = prvRotl( v[ 0 ], 32 );
    v[ 2 ] += v[ 3 ];
    v[ 3 ] = prvRotl( v[ 3 ], 16 ) ^ v[ 2 ];
    v[ 0 ] += v[ 3 ];
    v[ 3 ] = prvRotl( v[ 3 ], 21 ) ^ v[ 0 ];
    v[ 2 ] += v[ 1 ];
    v[ 1 ] = prvRotl( v[ 1 ], 17 ) ^ v[ 2 ];
    v[ 2 ] = prvRotl( v[ 2 ], 32 );
}

static uint64_t prvLoadLE( const uint8_t * p,
                           size_t n )
{
    uint64_t x = 0;

    while( n > 0U )
    {
        n--;
        x = ( x << 8 ) | p[ n ];
    }

    return x;
}

/* SipHash-2-4 of pucData[0..uxLength) under the key k0, k1 (as little-endian
 * 64-bit halves of the 16 key bytes). */
uint64_t ullFptcpSipHash24( uint64_t k0,
                            uint64_t k1,
                            const uint8_t * pucData,
                            size_t uxLength )
{
    uint64_t v[ 4 ] =
    {
        k0 ^ 0x736f6d6570736575ULL, k1 ^ 0x646f72616e646f6dULL,
        k0 ^ 0x6c7967656e657261ULL, k1 ^ 0x7465646279746573ULL
    };
    size_t uxFull = uxLength & ~( size_t ) 7U;
    size_t i;
    uint64_t m;

    for( i = 0; i < uxFull; i += 8U )
    {
        m = prvLoadLE( &pucData[ i ], 8U );
        v[ 3 ] ^= m;
        prvSipRound( v );
        prvSipRound( v );
        v[ 0 ] ^= m;
    }

    m = prvLoadLE( &pucData[ uxFull ], uxLength - uxFull ) | ( ( uint64_t ) ( uxLength & 0xFFU ) << 56 );
    v[ 3 ] ^= m;
    prvSipRound( v );
    prvSipRound( v );
    v[ 0 ] ^= m;

    v[ 2 ] ^= 0xFFU;

    for( i = 0; i < 4U; i++ )
    {
        prvSipRound( v );
    }

    return v[ 0 ] ^ v[ 1 ] ^ v[ 2 ] ^ v[ 3 ];
}

/* ---------------------------------------------------------------- ISN */

uint32_t ulApplicationGetNextSequenceNumber( uint32_t ulSourceAddress,
                                             uint16_t usSourcePort,
                                             uint32_t ulDestinationAddress,
                                             uint16_t usDestinationPort )
{
    uint8_t ucTuple[ 12 ];
    struct timespec xNow;
    uint32_t ulClock, ulIsn;

    ( void ) memcpy( &ucTuple[ 0 ], &ulSourceAddress, 4 );
    ( void ) memcpy( &ucTuple[ 4 ], &ulDestinationAddress, 4 );
    ( void ) memcpy( &ucTuple[ 8 ], &usSourcePort, 2 );
    ( void ) memcpy( &ucTuple[ 10 ], &usDestinationPort, 2 );

    ( void ) clock_gettime( CLOCK_MONOTONIC, &xNow );
    /* M: one count every 4 microseconds. */
    ulClock = ( uint32_t ) ( ( ( uint64_t ) xNow.tv_sec * 1000000000ULL + ( uint64_t ) xNow.tv_nsec ) / 4000U );

    ulIsn = ulClock + ( uint32_t ) ullFptcpSipHash24( ullIsnKey[ 0 ], ullIsnKey[ 1 ], ucTuple, sizeof( ucTuple ) );

    /* 0 means "refuse the connection" to the stack. */
    return ( ulIsn != 0U ) ? ulIsn : 1U;
}

#if ( ipconfigSUPPORT_OUTGOING_PINGS == 1 )

/* The last reply reported, for test_util's ping test: status and
 * identifier, and how many replies came. */
volatile ePingReplyStatus_t eFptcpLastPingStatus;
volatile uint16_t usFptcpLastPingId;
volatile uint32_t ulFptcpPingReplies;

void vApplicationPingReplyHook( ePingReplyStatus_t eStatus,
                                uint16_t usIdentifier )
{
    eFptcpLastPingStatus = eStatus;
    usFptcpLastPingId = usIdentifier;
    ulFptcpPingReplies++;
}

#endif
