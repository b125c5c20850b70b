/*
 * abi_offsets.c -- prints the host layout of the public structures as seen
 * through the drop-in headers, one line per type:
 *
 *     <type> <size> <member>=<offset> ...
 *
 * (struct tags are printed without the word "struct").
 *
 * Lines starting with '#' are comments (configuration and target).  The
 * output is compared with the Rust library's view of the same types
 * (#[repr(C)] types in src/ffi): sizes and offsets must agree member by
 * member.  Bit-field members are reported through their containing struct.
 * Only sizeof/offsetof are used, so the program links without the kernel or
 * the stack.
 */

#include <stddef.h>
#include <stdio.h>

#include "FreeRTOS.h"
#include "task.h"
#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"
#include "FreeRTOS_IP_Private.h"
#include "FreeRTOS_Routing.h"
#include "FreeRTOS_DNS.h"
#include "FreeRTOS_ARP.h"
#include "FreeRTOS_ND.h"
#include "NetworkBufferManagement.h"

#define ROW( T )          printf( "%s %lu", #T, ( unsigned long ) sizeof( T ) )
#define F( T, member )    printf( " %s=%lu", #member, ( unsigned long ) offsetof( T, member ) )
#define ROWS( tag )       printf( "%s %lu", #tag, ( unsigned long ) sizeof( struct tag ) )
#define FS( tag, member ) printf( " %s=%lu", #member, ( unsigned long ) offsetof( struct tag, member ) )
#define END()             printf( "\n" )
#define SIZE_ONLY( T )    do { ROW( T ); END(); } while( 0 )

static void prvConfiguration( void )
{
    printf( "# freertos-plus-tcp drop-in headers, layout as compiled for %s\n",
            ( sizeof( void * ) == 8 ) ? "a 64-bit host" : "a 32-bit target" );
    printf( "# ipconfigUSE_IPv4=%d ipconfigUSE_IPv6=%d ipconfigUSE_RA=%d ipconfigUSE_DHCP=%d ipconfigUSE_DHCPv6=%d "
            "ipconfigUSE_DNS=%d ipconfigUSE_TCP=%d ipconfigUSE_LINKED_RX_MESSAGES=%d ipconfigENDPOINT_DNS_ADDRESS_COUNT=%d\n",
            ( int ) ipconfigUSE_IPv4, ( int ) ipconfigUSE_IPv6, ( int ) ipconfigUSE_RA, ( int ) ipconfigUSE_DHCP,
            ( int ) ipconfigUSE_DHCPv6, ( int ) ipconfigUSE_DNS, ( int ) ipconfigUSE_TCP,
            ( int ) ipconfigUSE_LINKED_RX_MESSAGES, ( int ) ipconfigENDPOINT_DNS_ADDRESS_COUNT );
    printf( "# ipBUFFER_PADDING=%lu FREERTOS_INVALID_SOCKET=0x%lx\n",
            ( unsigned long ) ipBUFFER_PADDING, ( unsigned long ) ( uintptr_t ) FREERTOS_INVALID_SOCKET );
}

static void prvSocketTypes( void )
{
    ROWS( freertos_sockaddr );
    FS( freertos_sockaddr, sin_len );
    FS( freertos_sockaddr, sin_family );
    FS( freertos_sockaddr, sin_port );
    FS( freertos_sockaddr, sin_flowinfo );
    FS( freertos_sockaddr, sin_address );
    END();

    ROW( IP_Address_t );
    F( IP_Address_t, ulIP_IPv4 );
    F( IP_Address_t, xIP_IPv6 );
    END();

    SIZE_ONLY( IPv6_Address_t );

    ROW( IPv46_Address_t );
    F( IPv46_Address_t, xIPAddress );
    F( IPv46_Address_t, xIs_IPv6 );
    END();

    SIZE_ONLY( MACAddress_t );

    #if ( ipconfigUSE_TCP == 1 )
        ROW( WinProperties_t );
        F( WinProperties_t, lTxBufSize );
        F( WinProperties_t, lTxWinSize );
        F( WinProperties_t, lRxBufSize );
        F( WinProperties_t, lRxWinSize );
        END();

        ROW( LowHighWater_t );
        F( LowHighWater_t, uxLittleSpace );
        F( LowHighWater_t, uxEnoughSpace );
        END();
    #endif

    #if ( ipconfigUSE_CALLBACKS == 1 )
        ROW( F_TCP_UDP_Handler_t );
        F( F_TCP_UDP_Handler_t, pxOnTCPConnected );
        F( F_TCP_UDP_Handler_t, pxOnTCPReceive );
        F( F_TCP_UDP_Handler_t, pxOnTCPSent );
        F( F_TCP_UDP_Handler_t, pxOnUDPReceive );
        F( F_TCP_UDP_Handler_t, pxOnUDPSent );
        END();
    #endif

    #if ( ipconfigUSE_DNS != 0 )
        ROWS( freertos_addrinfo );
        FS( freertos_addrinfo, ai_flags );
        FS( freertos_addrinfo, ai_family );
        FS( freertos_addrinfo, ai_socktype );
        FS( freertos_addrinfo, ai_protocol );
        FS( freertos_addrinfo, ai_addrlen );
        FS( freertos_addrinfo, ai_addr );
        FS( freertos_addrinfo, ai_canonname );
        FS( freertos_addrinfo, ai_next );
        FS( freertos_addrinfo, xPrivateStorage );
        END();
    #endif

    ROW( StreamBuffer_t );
    F( StreamBuffer_t, uxTail );
    F( StreamBuffer_t, uxMid );
    F( StreamBuffer_t, uxHead );
    F( StreamBuffer_t, uxFront );
    F( StreamBuffer_t, LENGTH );
    F( StreamBuffer_t, ucArray );
    END();
}

static void prvDriverTypes( void )
{
    ROW( NetworkBufferDescriptor_t );
    F( NetworkBufferDescriptor_t, xBufferListItem );
    F( NetworkBufferDescriptor_t, xIPAddress );
    F( NetworkBufferDescriptor_t, pucEthernetBuffer );
    F( NetworkBufferDescriptor_t, xDataLength );
    F( NetworkBufferDescriptor_t, pxInterface );
    F( NetworkBufferDescriptor_t, pxEndPoint );
    F( NetworkBufferDescriptor_t, usPort );
    F( NetworkBufferDescriptor_t, usBoundPort );
    #if ( ipconfigUSE_LINKED_RX_MESSAGES != 0 )
        F( NetworkBufferDescriptor_t, pxNextBuffer );
    #endif
    END();

    ROW( NetworkInterface_t );
    F( NetworkInterface_t, pcName );
    F( NetworkInterface_t, pvArgument );
    F( NetworkInterface_t, pfInitialise );
    F( NetworkInterface_t, pfOutput );
    F( NetworkInterface_t, pfGetPhyLinkStatus );
    F( NetworkInterface_t, pfAddAllowedMAC );
    F( NetworkInterface_t, pfRemoveAllowedMAC );
    F( NetworkInterface_t, bits );
    F( NetworkInterface_t, pxEndPoint );
    F( NetworkInterface_t, pxNext );
    END();

    ROW( NetworkEndPoint_t );
    #if ( ipconfigUSE_IPv4 != 0 )
        F( NetworkEndPoint_t, ipv4_settings );
        F( NetworkEndPoint_t, ipv4_defaults );
    #endif
    #if ( ipconfigUSE_IPv6 != 0 )
        F( NetworkEndPoint_t, ipv6_settings );
        F( NetworkEndPoint_t, ipv6_defaults );
    #endif
    F( NetworkEndPoint_t, xMACAddress );
    F( NetworkEndPoint_t, bits );
    F( NetworkEndPoint_t, usDNSType );
    #if ( ipconfigUSE_DHCP != 0 ) || ( ipconfigUSE_RA != 0 )
        F( NetworkEndPoint_t, xDHCP_RATimer );
    #endif
    #if ( ipconfigUSE_DHCP != 0 ) || ( ipconfigUSE_DHCPv6 != 0 )
        F( NetworkEndPoint_t, xDHCPData );
    #endif
    #if ( ipconfigUSE_IPv6 != 0 )
        F( NetworkEndPoint_t, pxDHCPMessage );
    #endif
    #if ( ipconfigUSE_RA != 0 )
        F( NetworkEndPoint_t, xRAData );
    #endif
    F( NetworkEndPoint_t, pxNetworkInterface );
    F( NetworkEndPoint_t, pxNext );
    END();

    ROW( IPV4Parameters_t );
    F( IPV4Parameters_t, ulIPAddress );
    F( IPV4Parameters_t, ulNetMask );
    F( IPV4Parameters_t, ulGatewayAddress );
    F( IPV4Parameters_t, ulDNSServerAddresses );
    F( IPV4Parameters_t, ulBroadcastAddress );
    F( IPV4Parameters_t, ucDNSIndex );
    END();

    #if ( ipconfigUSE_IPv6 != 0 )
        ROW( IPV6Parameters_t );
        F( IPV6Parameters_t, xIPAddress );
        F( IPV6Parameters_t, uxPrefixLength );
        F( IPV6Parameters_t, xPrefix );
        F( IPV6Parameters_t, xGatewayAddress );
        F( IPV6Parameters_t, xDNSServerAddresses );
        F( IPV6Parameters_t, ucDNSIndex );
        END();
    #endif

    ROW( IPTimer_t );
    F( IPTimer_t, xTimeOut );
    F( IPTimer_t, ulRemainingTime );
    F( IPTimer_t, ulReloadTime );
    END();

    ROW( DHCPData_t );
    F( DHCPData_t, ulTransactionId );
    F( DHCPData_t, ulOfferedIPAddress );
    F( DHCPData_t, ulPreferredIPAddress );
    F( DHCPData_t, ulDHCPServerAddress );
    F( DHCPData_t, ulLeaseTime );
    F( DHCPData_t, xDHCPTxTime );
    F( DHCPData_t, xDHCPTxPeriod );
    F( DHCPData_t, xUseBroadcast );
    F( DHCPData_t, eDHCPState );
    F( DHCPData_t, eExpectedState );
    F( DHCPData_t, xDHCPSocket );
    F( DHCPData_t, ucClientDUID );
    END();

    #if ( ipconfigUSE_RA != 0 )
        ROW( RAData_t );
        F( RAData_t, bits );
        F( RAData_t, ulPreferredLifeTime );
        F( RAData_t, uxRetryCount );
        F( RAData_t, eRAState );
        END();
    #endif

    ROW( IPStackEvent_t );
    F( IPStackEvent_t, eEventType );
    F( IPStackEvent_t, pvData );
    END();

    #if ( ipconfigSUPPORT_SELECT_FUNCTION == 1 )
        ROW( SocketSelectMessage_t );
        F( SocketSelectMessage_t, xTaskhandle );
        F( SocketSelectMessage_t, pxSocketSet );
        END();
    #endif

    ROW( ARPCacheRow_t );
    F( ARPCacheRow_t, ulIPAddress );
    F( ARPCacheRow_t, xMACAddress );
    F( ARPCacheRow_t, ucAge );
    F( ARPCacheRow_t, ucValid );
    F( ARPCacheRow_t, pxEndPoint );
    END();

    #if ( ipconfigUSE_IPv6 != 0 )
        ROW( NDCacheRow_t );
        F( NDCacheRow_t, xIPAddress );
        F( NDCacheRow_t, xMACAddress );
        F( NDCacheRow_t, pxEndPoint );
        F( NDCacheRow_t, ucAge );
        F( NDCacheRow_t, ucValid );
        END();
    #endif
}

static void prvWireTypes( void )
{
    ROW( EthernetHeader_t );
    F( EthernetHeader_t, xDestinationAddress );
    F( EthernetHeader_t, xSourceAddress );
    F( EthernetHeader_t, usFrameType );
    END();

    ROW( ARPHeader_t );
    F( ARPHeader_t, usHardwareType );
    F( ARPHeader_t, usProtocolType );
    F( ARPHeader_t, ucHardwareAddressLength );
    F( ARPHeader_t, ucProtocolAddressLength );
    F( ARPHeader_t, usOperation );
    F( ARPHeader_t, xSenderHardwareAddress );
    F( ARPHeader_t, ucSenderProtocolAddress );
    F( ARPHeader_t, xTargetHardwareAddress );
    F( ARPHeader_t, ulTargetProtocolAddress );
    END();

    ROW( IPHeader_t );
    F( IPHeader_t, ucVersionHeaderLength );
    F( IPHeader_t, ucDifferentiatedServicesCode );
    F( IPHeader_t, usLength );
    F( IPHeader_t, usIdentification );
    F( IPHeader_t, usFragmentOffset );
    F( IPHeader_t, ucTimeToLive );
    F( IPHeader_t, ucProtocol );
    F( IPHeader_t, usHeaderChecksum );
    F( IPHeader_t, ulSourceIPAddress );
    F( IPHeader_t, ulDestinationIPAddress );
    END();

    ROW( IPHeader_IPv6_t );
    F( IPHeader_IPv6_t, ucVersionTrafficClass );
    F( IPHeader_IPv6_t, ucTrafficClassFlow );
    F( IPHeader_IPv6_t, usFlowLabel );
    F( IPHeader_IPv6_t, usPayloadLength );
    F( IPHeader_IPv6_t, ucNextHeader );
    F( IPHeader_IPv6_t, ucHopLimit );
    F( IPHeader_IPv6_t, xSourceAddress );
    F( IPHeader_IPv6_t, xDestinationAddress );
    END();

    ROW( ICMPHeader_t );
    F( ICMPHeader_t, ucTypeOfMessage );
    F( ICMPHeader_t, ucTypeOfService );
    F( ICMPHeader_t, usChecksum );
    F( ICMPHeader_t, usIdentifier );
    F( ICMPHeader_t, usSequenceNumber );
    END();

    ROW( ICMPHeader_IPv6_t );
    F( ICMPHeader_IPv6_t, ucTypeOfMessage );
    F( ICMPHeader_IPv6_t, ucTypeOfService );
    F( ICMPHeader_IPv6_t, usChecksum );
    F( ICMPHeader_IPv6_t, ulReserved );
    F( ICMPHeader_IPv6_t, xIPv6Address );
    F( ICMPHeader_IPv6_t, ucOptionType );
    F( ICMPHeader_IPv6_t, ucOptionLength );
    F( ICMPHeader_IPv6_t, ucOptionBytes );
    END();

    ROW( UDPHeader_t );
    F( UDPHeader_t, usSourcePort );
    F( UDPHeader_t, usDestinationPort );
    F( UDPHeader_t, usLength );
    F( UDPHeader_t, usChecksum );
    END();

    ROW( TCPHeader_t );
    F( TCPHeader_t, usSourcePort );
    F( TCPHeader_t, usDestinationPort );
    F( TCPHeader_t, ulSequenceNumber );
    F( TCPHeader_t, ulAckNr );
    F( TCPHeader_t, ucTCPOffset );
    F( TCPHeader_t, ucTCPFlags );
    F( TCPHeader_t, usWindow );
    F( TCPHeader_t, usChecksum );
    F( TCPHeader_t, usUrgent );
    #if ( ipconfigUSE_TCP == 1 )
        F( TCPHeader_t, ucOptdata );
    #endif
    END();

    SIZE_ONLY( ARPPacket_t );
    SIZE_ONLY( IPPacket_t );
    SIZE_ONLY( ICMPPacket_t );
    SIZE_ONLY( UDPPacket_t );
    SIZE_ONLY( TCPPacket_t );
    SIZE_ONLY( IPPacket_IPv6_t );
    SIZE_ONLY( ICMPPacket_IPv6_t );
    SIZE_ONLY( UDPPacket_IPv6_t );
    SIZE_ONLY( TCPPacket_IPv6_t );
    SIZE_ONLY( ProtocolPacket_t );
    SIZE_ONLY( ProtocolHeaders_t );
    SIZE_ONLY( DHCPMessage_IPv4_t );
}

static void prvEnumerations( void )
{
    SIZE_ONLY( eIPEvent_t );
    SIZE_ONLY( eIPTCPState_t );
    SIZE_ONLY( eIPCallbackEvent_t );
    SIZE_ONLY( ePingReplyStatus_t );
    SIZE_ONLY( eFrameProcessingResult_t );
    SIZE_ONLY( eDHCPState_t );
    SIZE_ONLY( eResolutionLookupResult_t );
    SIZE_ONLY( IPv6_Type_t );
    SIZE_ONLY( IPPreference_t );
    #if ( ipconfigSUPPORT_SELECT_FUNCTION == 1 )
        SIZE_ONLY( eSelectEvent_t );
    #endif
    #if ( ipconfigUSE_DHCP_HOOK != 0 )
        SIZE_ONLY( eDHCPCallbackPhase_t );
        SIZE_ONLY( eDHCPCallbackAnswer_t );
    #endif
}

int main( void )
{
    prvConfiguration();
    prvSocketTypes();
    prvDriverTypes();
    prvWireTypes();
    prvEnumerations();
    return 0;
}
