/*
 * SHA-256 (FIPS 180-4) for the end-to-end applications: incremental
 * interface, no allocation, written for this project.
 */
#ifndef APP_SHA256_H
#define APP_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define appSHA256_DIGEST_BYTES    32U
#define appSHA256_HEX_CHARS       ( 2U * appSHA256_DIGEST_BYTES + 1U )

typedef struct xAPP_SHA256
{
    uint32_t ulState[ 8 ];
    uint64_t ullTotalBytes;
    uint8_t ucBlock[ 64 ];
    size_t uxBlockFill;
} AppSha256_t;

void vAppSha256Init( AppSha256_t * pxCtx );
void vAppSha256Update( AppSha256_t * pxCtx,
                       const void * pvData,
                       size_t uxLength );
/* Writes the digest as 64 lower-case hex digits plus NUL into pcHex. */
void vAppSha256FinishHex( AppSha256_t * pxCtx,
                          char pcHex[ appSHA256_HEX_CHARS ] );

#endif /* APP_SHA256_H */
