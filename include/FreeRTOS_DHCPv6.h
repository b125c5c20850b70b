/*
 * FreeRTOS_DHCPv6.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * DHCPv6 client: message and option codes and the per-end-point client
 * state.  Reached through FreeRTOS_IP.h when IPv6 is enabled.
 */

#include "FreeRTOS_IP.h"

#ifndef FREERTOS_DHCPV6_H
#define FREERTOS_DHCPV6_H

#ifdef __cplusplus
extern "C" {
#endif

/* Message types (RFC 8415). */
#define DHCPv6_message_Type_Solicit                 1U
#define DHCPv6_message_Type_Advertise               2U
#define DHCPv6_message_Type_Request                 3U
#define DHCPv6_message_Type_Confirm                 4U
#define DHCPv6_message_Type_Renew                   5U
#define DHCPv6_message_Type_Reply                   7U
#define DHCPv6_message_Type_Release                 8U
#define DHCPv6_message_Type_Decline                 9U

/* Option codes. */
#define DHCPv6_Option_Client_Identifier             1U
#define DHCPv6_Option_Server_Identifier             2U
#define DHCPv6_Option_NonTemporaryAddress           3U
#define DHCPv6_Option_TemporaryAddress              4U
#define DHCPv6_Option_IA_Address                    5U
#define DHCPv6_Option_Option_List                   6U
#define DHCPv6_Option_Preference                    7U
#define DHCPv6_Option_Elapsed_Time                  8U
#define DHCPv6_Option_Status_Code                   13U
#define DHCPv6_Option_DNS_recursive_name_server     23U
#define DHCPv6_Option_Domain_Search_List            24U
#define DHCPv6_Option_IA_for_Prefix_Delegation      25U
#define DHCPv6_Option_IA_Prefix                     26U

/* Codes in the option-request option. */
#define DHCP6_OPTION_REQUEST_DNS                    0x0017
#define DHCP6_OPTION_REQUEST_DOMAIN_SEARCH_LIST     0x0018

#define DHCPv6_MAX_CLIENT_SERVER_ID_LENGTH          128

/* Seconds from 1970-01-01 to 2000-01-01 (the DUID-LLT epoch). */
#define SECS_FROM_1970_TILL_2000                    946684800U

/* Lease used when none is given (48 hours) and the shortest accepted, in
 * ticks. */
#define dhcpv6DEFAULT_LEASE_TIME                    ( ( 48U * 60U * 60U ) * configTICK_RATE_HZ )
#define dhcpv6MINIMUM_LEASE_TIME                    ( pdMS_TO_TICKS( 60000U ) )

/* UDP ports, host byte order. */
#define ipDHCPv6_CLIENT_PORT                        546U
#define ipDHCPv6_SERVER_PORT                        547U

/* A client or server DUID. */
typedef struct xClientServerID
{
    uint16_t usDUIDType;
    uint16_t usHardwareType;
    uint8_t pucID[ DHCPv6_MAX_CLIENT_SERVER_ID_LENGTH ];
    size_t uxLength;
} ClientServerID_t;

/* What the client learnt from the last DHCPv6 message. */
typedef struct xDHCPMessage_IPv6
{
    uint8_t uxMessageType;
    uint8_t ucTransactionID[ 3 ];
    uint32_t ulTransactionID;
    IP_Address_t xDNSServers[ ipconfigENDPOINT_DNS_ADDRESS_COUNT ];
    size_t uxDNSCount;
    uint32_t ulPreferredLifeTime;
    uint32_t ulValidLifeTime;
    uint32_t ulTimeStamp;
    uint8_t ucprefixLength;
    uint8_t ucHasUID;
    IP_Address_t xPrefixAddress;
    IP_Address_t xIPAddress;
    ClientServerID_t xClientID;
    ClientServerID_t xServerID;
} DHCPMessage_IPv6_t;

/* Cursor used while parsing an option. */
typedef struct xDHCPOptionSet
{
    size_t uxOptionLength;
    size_t uxStart;
} DHCPOptionSet_t;

struct xNetworkEndPoint;

eDHCPState_t eGetDHCPv6State( struct xNetworkEndPoint * pxEndPoint );

void vDHCPv6Process( BaseType_t xReset,
                     struct xNetworkEndPoint * pxEndPoint );

void vDHCPv6Stop( struct xNetworkEndPoint * pxEndPoint );

/* Application hook: seconds since 1970-01-01, for the DUID. */
extern uint32_t ulApplicationTimeHook( void );

#ifdef __cplusplus
}
#endif

#endif /* FREERTOS_DHCPV6_H */
