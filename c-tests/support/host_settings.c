/* See host_settings.h. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host_settings.h"

const char * pcHostEnv( const char * pcName,
                        const char * pcDefault )
{
    const char * pcValue = getenv( pcName );

    return ( ( pcValue != NULL ) && ( pcValue[ 0 ] != '\0' ) ) ? pcValue : pcDefault;
}

static const char * pcSettingsWho = "host";
static int iSettingsExit = 1;

static void prvDie( const char * pcWhat,
                    const char * pcValue ) __attribute__( ( noreturn ) );

static void prvDie( const char * pcWhat,
                    const char * pcValue )
{
    ( void ) fprintf( stderr, "%s: %s '%s'\n", pcSettingsWho, pcWhat, pcValue );
    exit( iSettingsExit );
}

static void prvParseIPv4( const char * pcText,
                          uint8_t ucOut[ 4 ],
                          const char * pcWhat )
{
    struct in_addr xAddr;

    if( inet_pton( AF_INET, pcText, &xAddr ) != 1 )
    {
        prvDie( pcWhat, pcText );
    }

    ( void ) memcpy( ucOut, &xAddr, 4 );
}

/* "A.B.C.D/N" -> the address text in cAddr and the prefix length. */
static long prvSplitPrefix( const char * pcIP,
                            char * pcAddr,
                            size_t uxAddrSize )
{
    const char * pcSlash = strchr( pcIP, '/' );
    long lPrefix = 24;

    if( pcSlash == NULL )
    {
        ( void ) snprintf( pcAddr, uxAddrSize, "%s", pcIP );
    }
    else
    {
        size_t uxLen = ( size_t ) ( pcSlash - pcIP );
        char * pcEnd;

        if( uxLen >= uxAddrSize )
        {
            prvDie( "FPTCP_IP is too long:", pcIP );
        }

        ( void ) memcpy( pcAddr, pcIP, uxLen );
        pcAddr[ uxLen ] = '\0';
        lPrefix = strtol( pcSlash + 1, &pcEnd, 10 );

        if( ( *pcEnd != '\0' ) || ( pcEnd == pcSlash + 1 ) || ( lPrefix < 1 ) || ( lPrefix > 30 ) )
        {
            prvDie( "FPTCP_IP needs a prefix length 1..30:", pcIP );
        }
    }

    return lPrefix;
}

void vHostReadSettings( HostSettings_t * pxOut,
                        const char * pcWho,
                        int iExitStatus )
{
    const char * pcIP = pcHostEnv( "FPTCP_IP", "192.0.2.10/24" );
    const char * pcMAC = pcHostEnv( "FPTCP_MAC", "02:00:00:00:00:10" );
    char cAddr[ 32 ];
    long lPrefix;
    uint32_t ulMask;
    unsigned int uxM[ 6 ];
    char cTail;

    pcSettingsWho = pcWho;
    iSettingsExit = iExitStatus;

    lPrefix = prvSplitPrefix( pcIP, cAddr, sizeof( cAddr ) );
    prvParseIPv4( cAddr, pxOut->ucIP, "FPTCP_IP is not an IPv4 address:" );
    ulMask = htonl( ( uint32_t ) ( 0xFFFFFFFFUL << ( 32 - lPrefix ) ) );
    ( void ) memcpy( pxOut->ucNetMask, &ulMask, 4 );
    prvParseIPv4( pcHostEnv( "FPTCP_GW", "192.0.2.1" ), pxOut->ucGateway, "FPTCP_GW is not an IPv4 address:" );

    if( sscanf( pcMAC, "%x:%x:%x:%x:%x:%x%c", &uxM[ 0 ], &uxM[ 1 ], &uxM[ 2 ],
                &uxM[ 3 ], &uxM[ 4 ], &uxM[ 5 ], &cTail ) != 6 )
    {
        prvDie( "FPTCP_MAC is not a MAC address:", pcMAC );
    }

    for( int i = 0; i < 6; i++ )
    {
        if( uxM[ i ] > 0xFFU )
        {
            prvDie( "FPTCP_MAC is not a MAC address:", pcMAC );
        }

        pxOut->ucMAC[ i ] = ( uint8_t ) uxM[ i ];
    }
}
