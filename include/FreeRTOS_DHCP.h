/*
 * FreeRTOS_DHCP.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * DHCPv4 client: protocol constants, the per-end-point client state
 * (DHCPData_t, embedded in NetworkEndPoint_t) and the application hook.
 */

#include "FreeRTOS_IP.h"

#ifndef FREERTOS_DHCP_H
#define FREERTOS_DHCP_H

#ifdef __cplusplus
extern "C" {
#endif

#if ( ipconfigUSE_DHCP != 0 ) && ( ipconfigNETWORK_MTU < 586U )
    #error ipconfigNETWORK_MTU needs to be at least 586 to use DHCP
#endif

/* Field sizes of the BOOTP/DHCP message (RFC 2131). */
#define dhcpCLIENT_HARDWARE_ADDRESS_LENGTH         16
#define dhcpSERVER_HOST_NAME_LENGTH                64
#define dhcpBOOT_FILE_NAME_LENGTH                  128

/* Client timers, in ticks. */
#ifndef dhcpINITIAL_TIMER_PERIOD
    #define dhcpINITIAL_TIMER_PERIOD               ( pdMS_TO_TICKS( 250U ) )
#endif
#ifndef dhcpINITIAL_DHCP_TX_PERIOD
    #define dhcpINITIAL_DHCP_TX_PERIOD             ( pdMS_TO_TICKS( 5000U ) )
#endif

#define dhcpIPv6_CLIENT_DUID_LENGTH                ( 14U )

/* DHCP option codes (RFC 2132). */
#define dhcpIPv4_ZERO_PAD_OPTION_CODE              ( 0U )
#define dhcpIPv4_SUBNET_MASK_OPTION_CODE           ( 1U )
#define dhcpIPv4_GATEWAY_OPTION_CODE               ( 3U )
#define dhcpIPv4_DNS_SERVER_OPTIONS_CODE           ( 6U )
#define dhcpIPv4_DNS_HOSTNAME_OPTIONS_CODE         ( 12U )
#define dhcpIPv4_REQUEST_IP_ADDRESS_OPTION_CODE    ( 50U )
#define dhcpIPv4_LEASE_TIME_OPTION_CODE            ( 51U )
#define dhcpIPv4_MESSAGE_TYPE_OPTION_CODE          ( 53U )
#define dhcpIPv4_SERVER_IP_ADDRESS_OPTION_CODE     ( 54U )
#define dhcpIPv4_PARAMETER_REQUEST_OPTION_CODE     ( 55U )
#define dhcpIPv4_CLIENT_IDENTIFIER_OPTION_CODE     ( 61U )

/* DHCP message types. */
#define dhcpMESSAGE_TYPE_DISCOVER                  ( 1 )
#define dhcpMESSAGE_TYPE_OFFER                     ( 2 )
#define dhcpMESSAGE_TYPE_REQUEST                   ( 3 )
#define dhcpMESSAGE_TYPE_ACK                       ( 5 )
#define dhcpMESSAGE_TYPE_NACK                      ( 6 )

/* Offsets into the options the client sends. */
#define dhcpCLIENT_IDENTIFIER_OFFSET               ( 6U )
#define dhcpREQUESTED_IP_ADDRESS_OFFSET            ( 14U )
#define dhcpDHCP_SERVER_IP_ADDRESS_OFFSET          ( 20U )
#define dhcpOPTION_50_OFFSET                       ( 12U )
#define dhcpOPTION_50_SIZE                         ( 6U )

#define dhcpREQUEST_OPCODE                         ( 1U )
#define dhcpREPLY_OPCODE                           ( 2U )
#define dhcpADDRESS_TYPE_ETHERNET                  ( 1U )
#define dhcpETHERNET_ADDRESS_LENGTH                ( 6U )

/* Lease used when the server gives none (48 hours), and the shortest lease
 * accepted, in ticks. */
#define dhcpDEFAULT_LEASE_TIME                     ( ( 48UL * 60UL * 60UL ) * configTICK_RATE_HZ )
#define dhcpMINIMUM_LEASE_TIME                     ( pdMS_TO_TICKS( 60000UL ) )

#define dhcpOPTION_END_BYTE                        0xffu
/* Options start at this offset of the DHCP message. */
#define dhcpFIRST_OPTION_BYTE_OFFSET               ( 0xf0U )

/* Ports, magic cookie and broadcast flag, already in network byte order. */
#if ( ipconfigBYTE_ORDER == pdFREERTOS_LITTLE_ENDIAN )
    #define dhcpCLIENT_PORT_IPv4    0x4400U
    #define dhcpSERVER_PORT_IPv4    0x4300U
    #define dhcpCOOKIE              0x63538263UL
    #define dhcpBROADCAST           0x0080U
#else
    #define dhcpCLIENT_PORT_IPv4    0x0044U
    #define dhcpSERVER_PORT_IPv4    0x0043U
    #define dhcpCOOKIE              0x63825363UL
    #define dhcpBROADCAST           0x8000U
#endif

/* The fixed part of a DHCPv4 message (packed, 240 bytes). */
#include "pack_struct_start.h"
struct xDHCPMessage_IPv4
{
    uint8_t ucOpcode;
    uint8_t ucAddressType;
    uint8_t ucAddressLength;
    uint8_t ucHops;
    uint32_t ulTransactionID;
    uint16_t usElapsedTime;
    uint16_t usFlags;
    uint32_t ulClientIPAddress_ciaddr;
    uint32_t ulYourIPAddress_yiaddr;
    uint32_t ulServerIPAddress_siaddr;
    uint32_t ulRelayAgentIPAddress_giaddr;
    uint8_t ucClientHardwareAddress[ dhcpCLIENT_HARDWARE_ADDRESS_LENGTH ];
    uint8_t ucServerHostName[ dhcpSERVER_HOST_NAME_LENGTH ];
    uint8_t ucBootFileName[ dhcpBOOT_FILE_NAME_LENGTH ];
    uint32_t ulDHCPCookie;
}
#include "pack_struct_end.h"
typedef struct xDHCPMessage_IPv4 DHCPMessage_IPv4_t;

#if ( ipconfigUSE_DHCP_HOOK != 0 )

/* When the hook is called: before sending a discover, before sending a
 * request. */
    typedef enum eDHCP_PHASE
    {
        eDHCPPhasePreDiscover,
        eDHCPPhasePreRequest
    } eDHCPCallbackPhase_t;

/* What the hook tells the client to do. */
    typedef enum eDHCP_ANSWERS
    {
        eDHCPContinue,      /* Carry on with DHCP. */
        eDHCPUseDefaults,   /* Stop DHCP and use the end-point's default addresses. */
        eDHCPStopNoChanges  /* Stop DHCP and leave the addresses as they are. */
    } eDHCPCallbackAnswer_t;

#endif /* ipconfigUSE_DHCP_HOOK */

/* States of the DHCP client (also used by DHCPv6). */
typedef enum
{
    eInitialWait = 0,
    eWaitingSendFirstDiscover,
    eWaitingOffer,
    eWaitingAcknowledge,
    eSendDHCPRequest,
    #if ( ipconfigDHCP_FALL_BACK_AUTO_IP != 0 )
        eGetLinkLayerAddress,
    #endif
    eLeasedAddress,
    eNotUsingLeasedAddress
} eDHCPState_t;

/* Per-end-point client state. */
struct xDHCP_DATA
{
    uint32_t ulTransactionId;
    uint32_t ulOfferedIPAddress;
    uint32_t ulPreferredIPAddress;
    uint32_t ulDHCPServerAddress;
    uint32_t ulLeaseTime;
    TickType_t xDHCPTxTime;
    TickType_t xDHCPTxPeriod;
    BaseType_t xUseBroadcast;
    eDHCPState_t eDHCPState;
    eDHCPState_t eExpectedState;
    Socket_t xDHCPSocket;
    uint8_t ucClientDUID[ dhcpIPv6_CLIENT_DUID_LENGTH ];
};
typedef struct xDHCP_DATA DHCPData_t;

/* Cursor used while parsing DHCP options. */
typedef struct xProcessSet
{
    uint8_t ucOptionCode;
    size_t uxIndex;
    size_t uxPayloadDataLength;
    size_t uxLength;
    uint32_t ulParameter;
    uint32_t ulProcessed;
    const uint8_t * pucByte;
} ProcessSet_t;

struct xNetworkEndPoint;

/* Runs (or with xReset restarts) the client of an end-point (IP task). */
void vDHCPProcess( BaseType_t xReset,
                   struct xNetworkEndPoint * pxEndPoint );

/* Stops the client of an end-point. */
void vDHCPStop( struct xNetworkEndPoint * pxEndPoint );

/* pdTRUE if the socket is one of the DHCP clients' sockets. */
BaseType_t xIsDHCPSocket( const ConstSocket_t xSocket );

#if ( ipconfigUSE_DHCP_HOOK != 0 )
    /* Application hook, called before each discover and request. */
    #if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 )
        eDHCPCallbackAnswer_t xApplicationDHCPHook( eDHCPCallbackPhase_t eDHCPPhase,
                                                    uint32_t ulIPAddress );
    #else
        eDHCPCallbackAnswer_t xApplicationDHCPHook_Multi( eDHCPCallbackPhase_t eDHCPPhase,
                                                          struct xNetworkEndPoint * pxEndPoint,
                                                          IP_Address_t * pxIPAddress );
    #endif
#endif

#if ( ipconfigDHCP_FALL_BACK_AUTO_IP != 0 )
    /* Starts the search for a free link-local address. */
    void prvPrepareLinkLayerIPLookUp( struct xNetworkEndPoint * pxEndPoint );
#endif

#ifdef __cplusplus
}
#endif

#endif /* FREERTOS_DHCP_H */
