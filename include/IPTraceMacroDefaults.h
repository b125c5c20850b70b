/*
 * IPTraceMacroDefaults.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * Every trace hook of FreeRTOS+TCP, defined to nothing unless the application
 * (normally in FreeRTOSIPConfig.h) has already given it a body.  The names and
 * parameter lists are those of the upstream trace interface, so trace code
 * written for upstream keeps compiling.  Hooks documented as "called by
 * drivers" are invoked by network drivers, not by the stack.
 */

#ifndef IP_TRACE_MACRO_DEFAULTS_H
#define IP_TRACE_MACRO_DEFAULTS_H

/* Self-contained: the application's overrides live in FreeRTOSIPConfig.h,
 * which the defaults header brings in first. */
#include "FreeRTOSIPConfigDefaults.h"

/* ---- Network buffers and the IP task ----------------------------------------- */

/* Hook: no network buffer could be obtained within the block time. */
#ifndef iptraceFAILED_TO_OBTAIN_NETWORK_BUFFER
    #define iptraceFAILED_TO_OBTAIN_NETWORK_BUFFER()
#endif

/* Hook: no network buffer was free for an interrupt. */
#ifndef iptraceFAILED_TO_OBTAIN_NETWORK_BUFFER_FROM_ISR
    #define iptraceFAILED_TO_OBTAIN_NETWORK_BUFFER_FROM_ISR()
#endif

/* Hook: a task obtained a network buffer. */
#ifndef iptraceNETWORK_BUFFER_OBTAINED
    #define iptraceNETWORK_BUFFER_OBTAINED( pxBufferAddress )
#endif

/* Hook: an interrupt obtained a network buffer. */
#ifndef iptraceNETWORK_BUFFER_OBTAINED_FROM_ISR
    #define iptraceNETWORK_BUFFER_OBTAINED_FROM_ISR( pxBufferAddress )
#endif

/* Hook: a network buffer went back to the pool. */
#ifndef iptraceNETWORK_BUFFER_RELEASED
    #define iptraceNETWORK_BUFFER_RELEASED( pxBufferAddress )
#endif

/* Hook: the stack was told that the network went down. */
#ifndef iptraceNETWORK_DOWN
    #define iptraceNETWORK_DOWN()
#endif

/* Hook: the IP task took an event from its queue. */
#ifndef iptraceNETWORK_EVENT_RECEIVED
    #define iptraceNETWORK_EVENT_RECEIVED( eEvent )
#endif

/* Hook: a frame came in from a driver. */
#ifndef iptraceNETWORK_INTERFACE_INPUT
    #define iptraceNETWORK_INTERFACE_INPUT( uxDataLength, pucEthernetBuffer )
#endif

/* Hook: a frame is handed to a driver. */
#ifndef iptraceNETWORK_INTERFACE_OUTPUT
    #define iptraceNETWORK_INTERFACE_OUTPUT( uxDataLength, pucEthernetBuffer )
#endif

/* Hook: a driver received a frame (called by drivers). */
#ifndef iptraceNETWORK_INTERFACE_RECEIVE
    #define iptraceNETWORK_INTERFACE_RECEIVE()
#endif

/* Hook: a driver sent a frame (called by drivers). */
#ifndef iptraceNETWORK_INTERFACE_TRANSMIT
    #define iptraceNETWORK_INTERFACE_TRANSMIT()
#endif

/* Hook: an event for the IP task was lost (queue full). */
#ifndef iptraceSTACK_TX_EVENT_LOST
    #define iptraceSTACK_TX_EVENT_LOST( xEvent )
#endif

/* ---- Drivers ----------------------------------------------------------------- */

/* Hook: a driver dropped a received frame. */
#ifndef iptraceETHERNET_RX_EVENT_LOST
    #define iptraceETHERNET_RX_EVENT_LOST()
#endif

/* Hook: a driver waits for a free TX DMA descriptor. */
#ifndef iptraceWAITING_FOR_TX_DMA_DESCRIPTOR
    #define iptraceWAITING_FOR_TX_DMA_DESCRIPTOR()
#endif

/* ---- Sockets ----------------------------------------------------------------- */

/* Hook: a UDP packet is about to be sent. */
#ifndef iptraceSENDING_UDP_PACKET
    #define iptraceSENDING_UDP_PACKET( ulIPAddress )
#endif

/* Hook: a bind() failed. */
#ifndef iptraceBIND_FAILED
    #define iptraceBIND_FAILED( xSocket, usPort )
#endif

/* Hook: a socket could not get its event group. */
#ifndef iptraceFAILED_TO_CREATE_EVENT_GROUP
    #define iptraceFAILED_TO_CREATE_EVENT_GROUP()
#endif

/* Hook: socket memory could not be allocated. */
#ifndef iptraceFAILED_TO_CREATE_SOCKET
    #define iptraceFAILED_TO_CREATE_SOCKET()
#endif

/* Hook: a select group could not be signalled. */
#ifndef iptraceFAILED_TO_NOTIFY_SELECT_GROUP
    #define iptraceFAILED_TO_NOTIFY_SELECT_GROUP( xSocket )
#endif

/* Hook: sendto() found no network buffer. */
#ifndef iptraceNO_BUFFER_FOR_SENDTO
    #define iptraceNO_BUFFER_FOR_SENDTO()
#endif

/* Hook: recvfrom() truncated a datagram. */
#ifndef iptraceRECVFROM_DISCARDING_BYTES
    #define iptraceRECVFROM_DISCARDING_BYTES( xNumberOfBytesDiscarded )
#endif

/* Hook: recvfrom() was interrupted by a signal. */
#ifndef iptraceRECVFROM_INTERRUPTED
    #define iptraceRECVFROM_INTERRUPTED()
#endif

/* Hook: recvfrom() timed out. */
#ifndef iptraceRECVFROM_TIMEOUT
    #define iptraceRECVFROM_TIMEOUT()
#endif

/* Hook: sendto() was given more than fits in one datagram. */
#ifndef iptraceSENDTO_DATA_TOO_LONG
    #define iptraceSENDTO_DATA_TOO_LONG()
#endif

/* Hook: sendto() on a socket that is not bound. */
#ifndef iptraceSENDTO_SOCKET_NOT_BOUND
    #define iptraceSENDTO_SOCKET_NOT_BOUND()
#endif

/* ---- ARP --------------------------------------------------------------------- */

/* Hook: an ARP packet arrived. */
#ifndef iptraceARP_PACKET_RECEIVED
    #define iptraceARP_PACKET_RECEIVED()
#endif

/* Hook: an ARP cache entry was added. */
#ifndef iptraceARP_TABLE_ENTRY_CREATED
    #define iptraceARP_TABLE_ENTRY_CREATED( ulIPAddress, ucMACAddress )
#endif

/* Hook: an ARP cache entry timed out. */
#ifndef iptraceARP_TABLE_ENTRY_EXPIRED
    #define iptraceARP_TABLE_ENTRY_EXPIRED( ulIPAddress )
#endif

/* Hook: an ARP cache entry is about to time out. */
#ifndef iptraceARP_TABLE_ENTRY_WILL_EXPIRE
    #define iptraceARP_TABLE_ENTRY_WILL_EXPIRE( ulIPAddress )
#endif

/* Hook: an ARP request is being built. */
#ifndef iptraceCREATING_ARP_REQUEST
    #define iptraceCREATING_ARP_REQUEST( ulIPAddress )
#endif

/* Hook: a packet waiting for ARP had to be dropped. */
#ifndef iptraceDELAYED_ARP_BUFFER_FULL
    #define iptraceDELAYED_ARP_BUFFER_FULL()
#endif

/* Hook: the ARP reply for a waiting packet arrived. */
#ifndef iptrace_DELAYED_ARP_REQUEST_REPLIED
    #define iptrace_DELAYED_ARP_REQUEST_REPLIED()
#endif

/* Hook: a packet was parked until ARP resolves. */
#ifndef iptraceDELAYED_ARP_REQUEST_STARTED
    #define iptraceDELAYED_ARP_REQUEST_STARTED()
#endif

/* Hook: a packet waiting for ARP timed out. */
#ifndef iptraceDELAYED_ARP_TIMER_EXPIRED
    #define iptraceDELAYED_ARP_TIMER_EXPIRED()
#endif

/* Hook: a malformed ARP packet was dropped. */
#ifndef iptraceDROPPED_INVALID_ARP_PACKET
    #define iptraceDROPPED_INVALID_ARP_PACKET( pxARPHeader )
#endif

/* Hook: a packet was dropped to send an ARP request. */
#ifndef iptracePACKET_DROPPED_TO_GENERATE_ARP
    #define iptracePACKET_DROPPED_TO_GENERATE_ARP( ulIPAddress )
#endif

/* Hook: an ARP reply is being processed. */
#ifndef iptracePROCESSING_RECEIVED_ARP_REPLY
    #define iptracePROCESSING_RECEIVED_ARP_REPLY( ulIPAddress )
#endif

/* Hook: an ARP reply is being sent. */
#ifndef iptraceSENDING_ARP_REPLY
    #define iptraceSENDING_ARP_REPLY( ulIPAddress )
#endif

/* ---- Neighbour discovery (IPv6) ---------------------------------------------- */

/* Hook: an ND cache entry timed out. */
#ifndef iptraceND_TABLE_ENTRY_EXPIRED
    #define iptraceND_TABLE_ENTRY_EXPIRED( pxIPAddress )
#endif

/* Hook: an ND cache entry is about to time out. */
#ifndef iptraceND_TABLE_ENTRY_WILL_EXPIRE
    #define iptraceND_TABLE_ENTRY_WILL_EXPIRE( pxIPAddress )
#endif

/* Hook: a packet waiting for ND had to be dropped. */
#ifndef iptraceDELAYED_ND_BUFFER_FULL
    #define iptraceDELAYED_ND_BUFFER_FULL()
#endif

/* Hook: the ND answer for a waiting packet arrived. */
#ifndef iptrace_DELAYED_ND_REQUEST_REPLIED
    #define iptrace_DELAYED_ND_REQUEST_REPLIED()
#endif

/* Hook: a packet was parked until ND resolves. */
#ifndef iptraceDELAYED_ND_REQUEST_STARTED
    #define iptraceDELAYED_ND_REQUEST_STARTED()
#endif

/* Hook: a packet waiting for ND timed out. */
#ifndef iptraceDELAYED_ND_TIMER_EXPIRED
    #define iptraceDELAYED_ND_TIMER_EXPIRED()
#endif

/* ---- DHCP -------------------------------------------------------------------- */

/* Hook: DHCP gave up; the default IPv4 address is used. */
#ifndef iptraceDHCP_REQUESTS_FAILED_USING_DEFAULT_IP_ADDRESS
    #define iptraceDHCP_REQUESTS_FAILED_USING_DEFAULT_IP_ADDRESS( ulIPAddress )
#endif

/* Hook: DHCPv6 gave up; the default IPv6 address is used. */
#ifndef iptraceDHCP_REQUESTS_FAILED_USING_DEFAULT_IPv6_ADDRESS
    #define iptraceDHCP_REQUESTS_FAILED_USING_DEFAULT_IPv6_ADDRESS( xIPAddress )
#endif

/* Hook: DHCP obtained an address. */
#ifndef iptraceDHCP_SUCCEEDED
    #define iptraceDHCP_SUCCEEDED( ulOfferedIPAddress )
#endif

/* Hook: a DHCP discover is being sent. */
#ifndef iptraceSENDING_DHCP_DISCOVER
    #define iptraceSENDING_DHCP_DISCOVER()
#endif

/* Hook: a DHCP request is being sent. */
#ifndef iptraceSENDING_DHCP_REQUEST
    #define iptraceSENDING_DHCP_REQUEST()
#endif

/* ---- DNS --------------------------------------------------------------------- */

/* Hook: a DNS query is being sent. */
#ifndef iptraceSENDING_DNS_REQUEST
    #define iptraceSENDING_DNS_REQUEST()
#endif

/* ---- ICMP -------------------------------------------------------------------- */

/* Hook: an ICMP packet arrived. */
#ifndef iptraceICMP_PACKET_RECEIVED
    #define iptraceICMP_PACKET_RECEIVED()
#endif

/* Hook: an echo reply is being sent. */
#ifndef iptraceSENDING_PING_REPLY
    #define iptraceSENDING_PING_REPLY( ulIPAddress )
#endif

/* ---- Router advertisement (IPv6) --------------------------------------------- */

/* Hook: RA gave up; the default IPv6 address is used. */
#ifndef iptraceRA_REQUESTS_FAILED_USING_DEFAULT_IP_ADDRESS
    #define iptraceRA_REQUESTS_FAILED_USING_DEFAULT_IP_ADDRESS( ipv6_address )
#endif

/* Hook: RA/SLAAC obtained an address. */
#ifndef iptraceRA_SUCCEEDED
    #define iptraceRA_SUCCEEDED( ipv6_address )
#endif

/* ---- Memory statistics ------------------------------------------------------- */

/* Hook: memory statistics are finalised. */
#ifndef iptraceMEM_STATS_CLOSE
    #define iptraceMEM_STATS_CLOSE()
#endif

/* Hook: an object was allocated. */
#ifndef iptraceMEM_STATS_CREATE
    #define iptraceMEM_STATS_CREATE( xMemType, pxObject, uxSize )
#endif

/* Hook: an object was freed. */
#ifndef iptraceMEM_STATS_DELETE
    #define iptraceMEM_STATS_DELETE( pxObject )
#endif

/* ---- Packet dumps ------------------------------------------------------------ */

/* Hook: packet dumping starts. */
#ifndef iptraceDUMP_INIT
    #define iptraceDUMP_INIT( pcFileName, pxEntries )
#endif

/* Hook: a packet is offered for dumping. */
#ifndef iptraceDUMP_PACKET
    #define iptraceDUMP_PACKET( pucBuffer, uxLength, xIncoming )
#endif

#endif /* IP_TRACE_MACRO_DEFAULTS_H */
