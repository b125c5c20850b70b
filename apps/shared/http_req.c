/*
 * Requests and answers of the HTTP servers; see http_req.h.
 */
#include <stdio.h>
#include <string.h>

#include "app_platform.h"
#include "http_req.h"

static const char cNotFound[] = "not found\n";

size_t uxHttpHeaderEnd( const char * pcBuf,
                        size_t uxLen )
{
    size_t i;

    for( i = 0; i < uxLen; i++ )
    {
        if( ( i + 3U < uxLen ) && ( memcmp( &pcBuf[ i ], "\r\n\r\n", 4 ) == 0 ) )
        {
            return i + 4U;
        }

        if( ( i + 1U < uxLen ) && ( memcmp( &pcBuf[ i ], "\n\n", 2 ) == 0 ) )
        {
            return i + 2U;
        }
    }

    return 0;
}

/* Decimal without sign or trailing text, at most ulMax. */
static BaseType_t prvParseNumber( const char * pcText,
                                  size_t uxLen,
                                  uint32_t ulMax,
                                  uint32_t * pulOut )
{
    uint32_t ulValue = 0;
    size_t i;

    if( uxLen == 0U )
    {
        return pdFAIL;
    }

    for( i = 0; i < uxLen; i++ )
    {
        uint32_t ulDigit;

        if( ( pcText[ i ] < '0' ) || ( pcText[ i ] > '9' ) )
        {
            return pdFAIL;
        }

        ulDigit = ( uint32_t ) ( pcText[ i ] - '0' );

        if( ulValue > ( ulMax - ulDigit ) / 10U )
        {
            return pdFAIL;
        }

        ulValue = ulValue * 10U + ulDigit;
    }

    *pulOut = ulValue;
    return pdPASS;
}

/* The path of a "GET <path> HTTP/1.x" request line, with its length in
 * *puxLen; NULL for any other request. */
static const char * prvGetPath( const char * pcRequest,
                                size_t * puxLen )
{
    const char * pcPath = &pcRequest[ 4 ];
    size_t uxLen = 0;

    if( strncmp( pcRequest, "GET /", 5 ) != 0 )
    {
        return NULL;
    }

    while( ( pcPath[ uxLen ] != ' ' ) && ( pcPath[ uxLen ] != '\r' ) &&
           ( pcPath[ uxLen ] != '\n' ) && ( pcPath[ uxLen ] != '\0' ) )
    {
        uxLen++;
    }

    if( strncmp( &pcPath[ uxLen ], " HTTP/1.", 8 ) != 0 )
    {
        return NULL;
    }

    *puxLen = uxLen;
    return pcPath;
}

void vHttpPlanAnswer( HttpAnswer_t * pxAnswer,
                      const char * pcRequest,
                      BaseType_t xTooLarge,
                      const char * pcIndexPage )
{
    const char * pcReason = "OK";
    const char * pcType = "text/plain";
    const char * pcPath = NULL;
    size_t uxPathLen = 0;
    uint32_t ulBytes = 0;
    int iLen;

    ( void ) memset( pxAnswer, 0, sizeof( *pxAnswer ) );
    pxAnswer->ulStatus = 200;

    if( xTooLarge == pdFALSE )
    {
        pcPath = prvGetPath( pcRequest, &uxPathLen );
    }

    /* The log shows at most httpPATH_MAX - 1 bytes of the path. */
    ( void ) snprintf( pxAnswer->cPath, sizeof( pxAnswer->cPath ), "%.*s",
                       ( pcPath != NULL ) ? ( int ) uxPathLen : 1, ( pcPath != NULL ) ? pcPath : "-" );

    if( xTooLarge != pdFALSE )
    {
        pxAnswer->ulStatus = 431;
        pcReason = "Request Header Fields Too Large";
        pxAnswer->pcBody = "";
    }
    else if( pcPath == NULL )
    {
        pxAnswer->ulStatus = 400;
        pcReason = "Bad Request";
        pxAnswer->pcBody = "";
    }
    else if( uxPathLen == 1U )
    {
        pcType = "text/html";
        pxAnswer->pcBody = pcIndexPage;
        pxAnswer->ulBodyLength = ( uint32_t ) strlen( pcIndexPage );
    }
    else if( ( strncmp( pcPath, "/bytes/", 7 ) == 0 ) &&
             ( prvParseNumber( &pcPath[ 7 ], uxPathLen - 7U, httpMAX_BYTES, &ulBytes ) == pdPASS ) )
    {
        pcType = "application/octet-stream";
        pxAnswer->pcBody = NULL;
        pxAnswer->ulBodyLength = ulBytes;
    }
    else
    {
        pxAnswer->ulStatus = 404;
        pcReason = "Not Found";
        pxAnswer->pcBody = cNotFound;
        pxAnswer->ulBodyLength = ( uint32_t ) ( sizeof( cNotFound ) - 1U );
    }

    iLen = snprintf( pxAnswer->cHeader, sizeof( pxAnswer->cHeader ),
                     "HTTP/1.0 %lu %s\r\nServer: fptcp-http\r\nContent-Type: %s\r\n"
                     "Content-Length: %lu\r\nConnection: close\r\n\r\n",
                     ( unsigned long ) pxAnswer->ulStatus, pcReason, pcType,
                     ( unsigned long ) pxAnswer->ulBodyLength );
    /* Every reason and type above fits; a cut header would still be sent
     * whole up to the buffer's end. */
    pxAnswer->uxHeaderLength = ( iLen < 0 ) ? 0U :
                               ( ( ( size_t ) iLen >= sizeof( pxAnswer->cHeader ) ) ? ( sizeof( pxAnswer->cHeader ) - 1U ) : ( size_t ) iLen );
}

size_t uxHttpAnswerNext( const HttpAnswer_t * pxAnswer,
                         uint8_t * pucScratch,
                         size_t uxMax,
                         const uint8_t ** ppucData )
{
    size_t uxLength;

    if( pxAnswer->uxHeaderSent < pxAnswer->uxHeaderLength )
    {
        uxLength = pxAnswer->uxHeaderLength - pxAnswer->uxHeaderSent;
        *ppucData = ( const uint8_t * ) &pxAnswer->cHeader[ pxAnswer->uxHeaderSent ];
    }
    else if( pxAnswer->ulBodySent < pxAnswer->ulBodyLength )
    {
        uint32_t ulLeft = pxAnswer->ulBodyLength - pxAnswer->ulBodySent;

        uxLength = ( ulLeft < uxMax ) ? ( size_t ) ulLeft : uxMax;

        if( pxAnswer->pcBody != NULL )
        {
            *ppucData = ( const uint8_t * ) &pxAnswer->pcBody[ pxAnswer->ulBodySent ];
        }
        else
        {
            appPATTERN_FILL( pxAnswer->ulBodySent, pucScratch, uxLength );
            *ppucData = pucScratch;
        }
    }
    else
    {
        return 0;
    }

    return ( uxLength < uxMax ) ? uxLength : uxMax;
}

void vHttpAnswerSent( HttpAnswer_t * pxAnswer,
                      size_t uxSent )
{
    if( pxAnswer->uxHeaderSent < pxAnswer->uxHeaderLength )
    {
        pxAnswer->uxHeaderSent += uxSent;
    }
    else
    {
        pxAnswer->ulBodySent += ( uint32_t ) uxSent;
    }
}

BaseType_t xHttpAnswerDone( const HttpAnswer_t * pxAnswer )
{
    return ( ( pxAnswer->uxHeaderSent >= pxAnswer->uxHeaderLength ) &&
             ( pxAnswer->ulBodySent >= pxAnswer->ulBodyLength ) ) ? pdTRUE : pdFALSE;
}
