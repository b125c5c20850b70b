/*
 * Random numbers and TCP initial sequence numbers for the mps2-an386
 * firmware: the two FreeRTOS+TCP application hooks
 *
 *   xApplicationGetRandomNumber()          (ports, IP identification, ...)
 *   ulApplicationGetNextSequenceNumber()   RFC 6528: ISN = M + F(4-tuple, secret)
 *
 * Both are weak, so an application with a better source overrides them.
 *
 * Entropy. The emulated board has no random number generator. What varies
 * from run to run is timing: the LAN9118's free-running counter (25 MHz,
 * counting since QEMU started) and SysTick, sampled at start-up and again
 * at every call, are stirred into a 128-bit pool. That is enough to make
 * sequence numbers differ between boots and unpredictable to an off-path
 * observer who cannot see the timing; it is not a cryptographic source. On
 * a K63F replace prvSample() with the RNGA (or TRNG) output.
 *
 * F is HalfSipHash-2-4 (the 32-bit SipHash variant, written here from the
 * published description) keyed from the pool; M is a 4 microsecond clock
 * built from the FreeRTOS tick (1 ms = 250 units) plus the SysTick phase
 * within the tick, so it wraps smoothly modulo 2^32.
 */
#include <stdint.h>
#include <string.h>

#include "FreeRTOS.h"
#include "task.h"

#include "mps2_an386.h"

#define boardFREE_RUN    BOARD_REG32( BOARD_LAN9118_BASE + 0x9CUL )

BaseType_t xApplicationGetRandomNumber( uint32_t * pulNumber ) __attribute__( ( weak ) );
uint32_t ulApplicationGetNextSequenceNumber( uint32_t ulSourceAddress,
                                             uint16_t usSourcePort,
                                             uint32_t ulDestinationAddress,
                                             uint16_t usDestinationPort ) __attribute__( ( weak ) );

static uint32_t ulPool[ 4 ] = { 0x243F6A88UL, 0x85A308D3UL, 0x13198A2EUL, 0x03707344UL };
static uint32_t ulIsnKey[ 2 ];
static BaseType_t xIsnKeyReady = pdFALSE;
static uint32_t ulCounter = 0;

/* ------------------------------------------------------------ HalfSipHash-2-4 */

static inline uint32_t prvRotl( uint32_t x,
                                unsigned n )
{
    return ( x << n ) | ( x >> ( 32U - n ) );
}

static void prvSipRound( uint32_t v[ 4 ] )
{
    v[ 0 ] += v[ 1 ];
    v[ 1 ] = prvRotl( v[ 1 ], 5 ) ^ v[ 0 ];
    v[ 0 ] = prvRotl( v[ 0 ], 16 );
    v[ 2 ] += v[ 3 ];
    v[ 3 ] = prvRotl( v[ 3 ], 8 ) ^ v[ 2 ];
    v[ 0 ] += v[ 3 ];
    v[ 3 ] = prvRotl( v[ 3 ], 7 ) ^ v[ 0 ];
    v[ 2 ] += v[ 1 ];
    v[ 1 ] = prvRotl( v[ 1 ], 13 ) ^ v[ 2 ];
    v[ 2 ] = prvRotl( v[ 2 ], 16 );
}

static void prvSipAbsorb( uint32_t v[ 4 ],
                          uint32_t m )
{
    v[ 3 ] ^= m;
    prvSipRound( v );
    prvSipRound( v );
    v[ 0 ] ^= m;
}

/* HalfSipHash-2-4 with a 32-bit result over the bytes pucData[0..uxLength). */
static uint32_t prvHalfSipHash( const uint32_t ulKey[ 2 ],
                                const uint8_t * pucData,
                                size_t uxLength )
{
    uint32_t v[ 4 ];
    uint32_t ulLast = ( uint32_t ) uxLength << 24;
    size_t i;

    v[ 0 ] = ulKey[ 0 ];
    v[ 1 ] = ulKey[ 1 ];
    v[ 2 ] = ulKey[ 0 ] ^ 0x6C796765UL;
    v[ 3 ] = ulKey[ 1 ] ^ 0x74656462UL;

    for( i = 0; ( i + 4U ) <= uxLength; i += 4U )
    {
        uint32_t m = ( uint32_t ) pucData[ i ] | ( ( uint32_t ) pucData[ i + 1U ] << 8 ) |
                     ( ( uint32_t ) pucData[ i + 2U ] << 16 ) | ( ( uint32_t ) pucData[ i + 3U ] << 24 );

        prvSipAbsorb( v, m );
    }

    for( size_t j = 0; i < uxLength; i++, j++ )
    {
        ulLast |= ( uint32_t ) pucData[ i ] << ( 8U * j );
    }

    prvSipAbsorb( v, ulLast );
    v[ 2 ] ^= 0xFFU;

    for( i = 0; i < 4U; i++ )
    {
        prvSipRound( v );
    }

    return v[ 1 ] ^ v[ 3 ];
}

/* ------------------------------------------------------------ the pool */

static uint32_t prvSample( void )
{
    return boardFREE_RUN ^ ( BOARD_SYST_CVR << 7 ) ^ ( ( uint32_t ) xTaskGetTickCount() << 19 );
}

/* Mixes a fresh timing sample into the pool; returns 32 output bits. */
static uint32_t prvStir( void )
{
    uint32_t ulIn[ 3 ];
    uint32_t ulOut;
    uint32_t ulKey[ 2 ];

    ulIn[ 0 ] = prvSample();
    ulIn[ 1 ] = ++ulCounter;
    ulIn[ 2 ] = ulPool[ 3 ];
    ulKey[ 0 ] = ulPool[ 0 ] ^ ulPool[ 2 ];
    ulKey[ 1 ] = ulPool[ 1 ];

    ulOut = prvHalfSipHash( ulKey, ( const uint8_t * ) ulIn, sizeof( ulIn ) );

    /* The pool moves on with data the caller never sees. */
    ulPool[ ulCounter & 3U ] ^= prvRotl( ulOut, 11 ) + ulIn[ 0 ];
    ulPool[ ( ulCounter + 1U ) & 3U ] += prvHalfSipHash( ulKey, ( const uint8_t * ) &ulOut, sizeof( ulOut ) );
    return ulOut;
}

BaseType_t xApplicationGetRandomNumber( uint32_t * pulNumber )
{
    if( pulNumber == NULL )
    {
        return pdFALSE;
    }

    taskENTER_CRITICAL();
    *pulNumber = prvStir();
    taskEXIT_CRITICAL();
    return pdTRUE;
}

/* ------------------------------------------------------------ RFC 6528 */

uint32_t ulApplicationGetNextSequenceNumber( uint32_t ulSourceAddress,
                                             uint16_t usSourcePort,
                                             uint32_t ulDestinationAddress,
                                             uint16_t usDestinationPort )
{
    uint8_t ucTuple[ 12 ];
    uint32_t ulClock, ulReload, ulIsn;

    taskENTER_CRITICAL();

    if( xIsnKeyReady == pdFALSE )
    {
        /* The secret is fixed at the first connection (boot timing has
         * accumulated by then), as RFC 6528 wants one per boot. */
        ulIsnKey[ 0 ] = prvStir();
        ulIsnKey[ 1 ] = prvStir();
        xIsnKeyReady = pdTRUE;
    }

    /* M: 4 us units = tick * 250 + the SysTick phase (25 MHz: 100 cycles
     * per unit). */
    ulReload = BOARD_SYST_RVR;
    ulClock = ( uint32_t ) xTaskGetTickCount() * 250U + ( ( ulReload - BOARD_SYST_CVR ) / 100U );
    taskEXIT_CRITICAL();

    ( void ) memcpy( &ucTuple[ 0 ], &ulSourceAddress, 4 );
    ( void ) memcpy( &ucTuple[ 4 ], &ulDestinationAddress, 4 );
    ( void ) memcpy( &ucTuple[ 8 ], &usSourcePort, 2 );
    ( void ) memcpy( &ucTuple[ 10 ], &usDestinationPort, 2 );

    ulIsn = ulClock + prvHalfSipHash( ulIsnKey, ucTuple, sizeof( ucTuple ) );

    /* 0 tells the stack to refuse the connection. */
    return ( ulIsn != 0U ) ? ulIsn : 1U;
}
