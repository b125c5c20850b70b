/*
 * SHA-256 as specified in FIPS 180-4, section 6.2. Checked against Python's
 * hashlib by the end-to-end tests (every transfer compares both digests).
 */
#include <string.h>

#include "app_sha256.h"

/* FIPS 180-4 4.2.2: the first 32 bits of the fractional parts of the cube
 * roots of the first 64 primes. */
static const uint32_t ulRoundConstants[ 64 ] =
{
    0x428a2f98UL, 0x71374491UL, 0xb5c0fbcfUL, 0xe9b5dba5UL, 0x3956c25bUL, 0x59f111f1UL, 0x923f82a4UL, 0xab1c5ed5UL,
    0xd807aa98UL, 0x12835b01UL, 0x243185beUL, 0x550c7dc3UL, 0x72be5d74UL, 0x80deb1feUL, 0x9bdc06a7UL, 0xc19bf174UL,
    0xe49b69c1UL, 0xefbe4786UL, 0x0fc19dc6UL, 0x240ca1ccUL, 0x2de92c6fUL, 0x4a7484aaUL, 0x5cb0a9dcUL, 0x76f988daUL,
    0x983e5152UL, 0xa831c66dUL, 0xb00327c8UL, 0xbf597fc7UL, 0xc6e00bf3UL, 0xd5a79147UL, 0x06ca6351UL, 0x14292967UL,
    0x27b70a85UL, 0x2e1b2138UL, 0x4d2c6dfcUL, 0x53380d13UL, 0x650a7354UL, 0x766a0abbUL, 0x81c2c92eUL, 0x92722c85UL,
    0xa2bfe8a1UL, 0xa81a664bUL, 0xc24b8b70UL, 0xc76c51a3UL, 0xd192e819UL, 0xd6990624UL, 0xf40e3585UL, 0x106aa070UL,
    0x19a4c116UL, 0x1e376c08UL, 0x2748774cUL, 0x34b0bcb5UL, 0x391c0cb3UL, 0x4ed8aa4aUL, 0x5b9cca4fUL, 0x682e6ff3UL,
    0x748f82eeUL, 0x78a5636fUL, 0x84c87814UL, 0x8cc70208UL, 0x90befffaUL, 0xa4506cebUL, 0xbef9a3f7UL, 0xc67178f2UL
};

/* FIPS 180-4 5.3.3: the initial hash value. */
static const uint32_t ulInitialState[ 8 ] =
{
    0x6a09e667UL, 0xbb67ae85UL, 0x3c6ef372UL, 0xa54ff53aUL,
    0x510e527fUL, 0x9b05688cUL, 0x1f83d9abUL, 0x5be0cd19UL
};

static uint32_t prvRotr( uint32_t x,
                         unsigned n )
{
    return ( x >> n ) | ( x << ( 32U - n ) );
}

static void prvCompress( uint32_t ulState[ 8 ],
                         const uint8_t pucBlock[ 64 ] )
{
    uint32_t ulW[ 64 ];
    uint32_t a, b, c, d, e, f, g, h;
    unsigned t;

    for( t = 0; t < 16U; t++ )
    {
        ulW[ t ] = ( ( uint32_t ) pucBlock[ 4U * t ] << 24 ) |
                   ( ( uint32_t ) pucBlock[ 4U * t + 1U ] << 16 ) |
                   ( ( uint32_t ) pucBlock[ 4U * t + 2U ] << 8 ) |
                   ( uint32_t ) pucBlock[ 4U * t + 3U ];
    }

    for( t = 16; t < 64U; t++ )
    {
        uint32_t ulS0 = prvRotr( ulW[ t - 15U ], 7 ) ^ prvRotr( ulW[ t - 15U ], 18 ) ^ ( ulW[ t - 15U ] >> 3 );
        uint32_t ulS1 = prvRotr( ulW[ t - 2U ], 17 ) ^ prvRotr( ulW[ t - 2U ], 19 ) ^ ( ulW[ t - 2U ] >> 10 );

        ulW[ t ] = ulW[ t - 16U ] + ulS0 + ulW[ t - 7U ] + ulS1;
    }

    a = ulState[ 0 ];
    b = ulState[ 1 ];
    c = ulState[ 2 ];
    d = ulState[ 3 ];
    e = ulState[ 4 ];
    f = ulState[ 5 ];
    g = ulState[ 6 ];
    h = ulState[ 7 ];

    for( t = 0; t < 64U; t++ )
    {
        uint32_t ulSigma1 = prvRotr( e, 6 ) ^ prvRotr( e, 11 ) ^ prvRotr( e, 25 );
        uint32_t ulChoose = ( e & f ) ^ ( ~e & g );
        uint32_t ulT1 = h + ulSigma1 + ulChoose + ulRoundConstants[ t ] + ulW[ t ];
        uint32_t ulSigma0 = prvRotr( a, 2 ) ^ prvRotr( a, 13 ) ^ prvRotr( a, 22 );
        uint32_t ulMajority = ( a & b ) ^ ( a & c ) ^ ( b & c );
        uint32_t ulT2 = ulSigma0 + ulMajority;

        h = g;
        g = f;
        f = e;
        e = d + ulT1;
        d = c;
        c = b;
        b = a;
        a = ulT1 + ulT2;
    }

    ulState[ 0 ] += a;
    ulState[ 1 ] += b;
    ulState[ 2 ] += c;
    ulState[ 3 ] += d;
    ulState[ 4 ] += e;
    ulState[ 5 ] += f;
    ulState[ 6 ] += g;
    ulState[ 7 ] += h;
}

void vAppSha256Init( AppSha256_t * pxCtx )
{
    ( void ) memcpy( pxCtx->ulState, ulInitialState, sizeof( ulInitialState ) );
    pxCtx->ullTotalBytes = 0U;
    pxCtx->uxBlockFill = 0U;
}

void vAppSha256Update( AppSha256_t * pxCtx,
                       const void * pvData,
                       size_t uxLength )
{
    const uint8_t * pucData = ( const uint8_t * ) pvData;

    pxCtx->ullTotalBytes += uxLength;

    while( uxLength > 0U )
    {
        if( ( pxCtx->uxBlockFill == 0U ) && ( uxLength >= 64U ) )
        {
            prvCompress( pxCtx->ulState, pucData );
            pucData += 64;
            uxLength -= 64U;
        }
        else
        {
            size_t uxTake = 64U - pxCtx->uxBlockFill;

            if( uxTake > uxLength )
            {
                uxTake = uxLength;
            }

            ( void ) memcpy( &pxCtx->ucBlock[ pxCtx->uxBlockFill ], pucData, uxTake );
            pxCtx->uxBlockFill += uxTake;
            pucData += uxTake;
            uxLength -= uxTake;

            if( pxCtx->uxBlockFill == 64U )
            {
                prvCompress( pxCtx->ulState, pxCtx->ucBlock );
                pxCtx->uxBlockFill = 0U;
            }
        }
    }
}

void vAppSha256FinishHex( AppSha256_t * pxCtx,
                          char pcHex[ appSHA256_HEX_CHARS ] )
{
    static const char cDigits[] = "0123456789abcdef";
    uint64_t ullBits = pxCtx->ullTotalBytes * 8U;
    unsigned i;

    /* Padding (5.1.1): a 1 bit, zeros up to 56 mod 64, the bit length. */
    pxCtx->ucBlock[ pxCtx->uxBlockFill++ ] = 0x80U;

    if( pxCtx->uxBlockFill > 56U )
    {
        ( void ) memset( &pxCtx->ucBlock[ pxCtx->uxBlockFill ], 0, 64U - pxCtx->uxBlockFill );
        prvCompress( pxCtx->ulState, pxCtx->ucBlock );
        pxCtx->uxBlockFill = 0U;
    }

    ( void ) memset( &pxCtx->ucBlock[ pxCtx->uxBlockFill ], 0, 56U - pxCtx->uxBlockFill );

    for( i = 0; i < 8U; i++ )
    {
        pxCtx->ucBlock[ 56U + i ] = ( uint8_t ) ( ullBits >> ( 56U - 8U * i ) );
    }

    prvCompress( pxCtx->ulState, pxCtx->ucBlock );
    pxCtx->uxBlockFill = 0U;

    for( i = 0; i < 32U; i++ )
    {
        uint8_t ucByte = ( uint8_t ) ( pxCtx->ulState[ i / 4U ] >> ( 24U - 8U * ( i % 4U ) ) );

        pcHex[ 2U * i ] = cDigits[ ucByte >> 4 ];
        pcHex[ 2U * i + 1U ] = cDigits[ ucByte & 0x0FU ];
    }

    pcHex[ 64 ] = '\0';
}
