/*
 * FreeRTOS_DNS_Globals.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * DNS / LLMNR / NBNS / mDNS constants and structures, including
 * struct freertos_addrinfo, the result type of FreeRTOS_getaddrinfo().
 */

#include "FreeRTOS_IP.h"

#ifndef FREERTOS_DNS_GLOBALS_H
#define FREERTOS_DNS_GLOBALS_H

#ifdef __cplusplus
extern "C" {
#endif

/* Returned by the parser for a malformed message. */
#define dnsPARSE_ERROR    0UL

/* Port 53 and header flag values, in network byte order. */
#if ( ipconfigBYTE_ORDER == pdFREERTOS_LITTLE_ENDIAN )
    #define dnsDNS_PORT             0x3500U
    #define dnsONE_QUESTION         0x0100U
    #define dnsOUTGOING_FLAGS       0x0001U /* Standard query, recursion desired. */
    #define dnsRX_FLAGS_MASK        0x0f80U /* Response bit and error code. */
    #define dnsEXPECTED_RX_FLAGS    0x0080U /* A response without error. */
#else
    #define dnsDNS_PORT             0x0035U
    #define dnsONE_QUESTION         0x0001U
    #define dnsOUTGOING_FLAGS       0x0100U
    #define dnsRX_FLAGS_MASK        0x800fU
    #define dnsEXPECTED_RX_FLAGS    0x8000U
#endif

#if ( ipconfigUSE_DNS != 0 )

/* The two top bits of a name byte that mark a compression pointer. */
    #define dnsNAME_IS_OFFSET    ( ( uint8_t ) 0xc0 )

    #if ( ipconfigUSE_NBNS == 1 )
        #define dnsNBNS_FLAGS_RESPONSE        0x8000U
        #define dnsNBNS_FLAGS_OPCODE_MASK     0x7800U
        #define dnsNBNS_FLAGS_OPCODE_QUERY    0x0000U
    #endif

/* Record types and class. */
    #define dnsTYPE_A_HOST                0x01U
    #define dnsTYPE_AAAA_HOST             0x001CU
    #define dnsTYPE_ANY_HOST              0x00FFU
    #define dnsCLASS_IN                   0x01U

    #define dnsMAX_HOSTNAME_LENGTH        0xFFU

    #ifndef _lint
        #define dnsLLMNR_TTL_VALUE            300U
        #define dnsLLMNR_FLAGS_IS_RESPONSE    0x8000U
    #endif

    #if ( ipconfigUSE_NBNS != 0 )
        #define dnsNBNS_TTL_VALUE               3600UL
        #define dnsNBNS_TYPE_NET_BIOS           0x0020U
        #define dnsNBNS_CLASS_IN                0x01U
        #define dnsNBNS_NAME_FLAGS              0x6000U
        #define dnsNBNS_ENCODED_NAME_LENGTH     32
        #define dnsNBNS_QUERY_RESPONSE_FLAGS    ( 0x8500U )
    #endif

    #define ASCII_BASELINE_DOT            46U

/* 224.0.0.252 in network byte order. */
    #if ( ipconfigBYTE_ORDER == pdFREERTOS_BIG_ENDIAN )
        #define ipLLMNR_IP_ADDR    0xE00000FCUL
    #else
        #define ipLLMNR_IP_ADDR    0xFC0000E0UL
    #endif

    #define ipMDNS_TIME_TO_LIVE           255U
    #define dnsMDNS_FLAGS_IS_RESPONSE     0x8400U

/* Ports, host byte order. */
    #define ipLLMNR_PORT                  5355U
    #define ipDNS_PORT                    53U
    #define ipNBNS_PORT                   137U
    #define ipNBDGM_PORT                  138U

/* One result of FreeRTOS_getaddrinfo(); a list linked through ai_next.
 * ai_addr points into xPrivateStorage. */
    struct freertos_addrinfo
    {
        BaseType_t ai_flags;
        BaseType_t ai_family;
        BaseType_t ai_socktype;
        BaseType_t ai_protocol;
        socklen_t ai_addrlen;
        struct freertos_sockaddr * ai_addr;
        char * ai_canonname;
        struct freertos_addrinfo * ai_next;
        struct
        {
            struct freertos_sockaddr sockaddr;
            #if ( ipconfigUSE_DNS_CACHE != 0 )
                char ucName[ ipconfigDNS_CACHE_NAME_LENGTH ];
            #endif
        }
        xPrivateStorage;
    };

/* Fixed part of a resource record after its name: 10 bytes. */
    #include "pack_struct_start.h"
    struct xDNSAnswerRecord
    {
        uint16_t usType;
        uint16_t usClass;
        uint32_t ulTTL;
        uint16_t usDataLength;
    }
    #include "pack_struct_end.h"
    typedef struct xDNSAnswerRecord DNSAnswerRecord_t;

/* DNS message header: 12 bytes. */
    #include "pack_struct_start.h"
    struct xDNSMessage
    {
        uint16_t usIdentifier;
        uint16_t usFlags;
        uint16_t usQuestions;
        uint16_t usAnswers;
        uint16_t usAuthorityRRs;
        uint16_t usAdditionalRRs;
    }
    #include "pack_struct_end.h"
    typedef struct xDNSMessage DNSMessage_t;

/* State of the reply parser. */
    typedef struct xParseSet
    {
        DNSMessage_t * pxDNSMessageHeader;
        uint16_t usQuestions;
        uint16_t usAnswers;
        uint8_t * pucUDPPayloadBuffer;
        uint8_t * pucByte;
        size_t uxSkipCount;
        size_t uxBufferLength;
        size_t uxSourceBytesRemaining;
        uint16_t usType;
        uint32_t ulIPAddress;
        size_t uxAddressLength;
        uint16_t usNumARecordsStored;
        uint16_t usPortNumber;
        #if ( ipconfigUSE_LLMNR == 1 ) || ( ipconfigUSE_MDNS == 1 )
            uint16_t usClass;
            char * pcRequestedName;
        #endif
        #if ( ( ipconfigUSE_DNS_CACHE != 0 ) || ( ipconfigDNS_USE_CALLBACKS != 0 ) || ( ipconfigUSE_MDNS != 0 ) || ( ipconfigUSE_LLMNR != 0 ) )
            BaseType_t xDoStore;
            char pcName[ ipconfigDNS_CACHE_NAME_LENGTH ];
        #endif
        struct freertos_addrinfo * pxLastAddress;
        struct freertos_addrinfo ** ppxLastAddress;
    } ParseSet_t;

    #if ( ipconfigUSE_LLMNR == 1 ) || ( ipconfigUSE_MDNS == 1 )
/* An A-record answer as sent by the LLMNR / mDNS responder: 16 bytes. */
        #include "pack_struct_start.h"
        struct xLLMNRAnswer
        {
            uint8_t ucNameCode;
            uint8_t ucNameOffset;
            uint16_t usType;
            uint16_t usClass;
            uint32_t ulTTL;
            uint16_t usDataLength;
            uint32_t ulIPAddress;
        }
        #include "pack_struct_end.h"
        typedef struct xLLMNRAnswer LLMNRAnswer_t;
    #endif

    #if ( ipconfigUSE_NBNS == 1 )
/* A NetBIOS name query. */
        #include "pack_struct_start.h"
        struct xNBNSRequest
        {
            uint16_t usRequestId;
            uint16_t usFlags;
            uint16_t ulRequestCount;
            uint16_t usAnswerRSS;
            uint16_t usAuthRSS;
            uint16_t usAdditionalRSS;
            uint8_t ucNameSpace;
            uint8_t ucName[ dnsNBNS_ENCODED_NAME_LENGTH ];
            uint8_t ucNameZero;
            uint16_t usType;
            uint16_t usClass;
        }
        #include "pack_struct_end.h"
        typedef struct xNBNSRequest NBNSRequest_t;

/* A NetBIOS name answer. */
        #include "pack_struct_start.h"
        struct xNBNSAnswer
        {
            uint16_t usType;
            uint16_t usClass;
            uint32_t ulTTL;
            uint16_t usDataLength;
            uint16_t usNbFlags;
            uint32_t ulIPAddress;
        }
        #include "pack_struct_end.h"
        typedef struct xNBNSAnswer NBNSAnswer_t;
    #endif

    #if ( ipconfigDNS_USE_CALLBACKS != 0 )

/* Completion callback of an asynchronous lookup: the name, the caller's
 * search ID, and the results (NULL when the lookup failed). */
        typedef void (* FOnDNSEvent ) ( const char * /* pcName */,
                                        void * /* pvSearchID */,
                                        struct freertos_addrinfo * /* pxAddressInfo */ );

/* A pending asynchronous lookup; pcName extends beyond the struct. */
        typedef struct xDNS_Callback
        {
            TickType_t uxRemainingTime;
            FOnDNSEvent pCallbackFunction;
            TimeOut_t uxTimeoutState;
            void * pvSearchID;
            struct xLIST_ITEM xListItem;
            BaseType_t xIsIPv6;
            char pcName[ 1 ];
        } DNSCallback_t;
    #endif

/* A DNS message being built or parsed. */
    typedef struct xDNSBuffer
    {
        uint8_t * pucPayloadBuffer;
        size_t uxPayloadLength;
    } DNSBuffer_t;

    #if ( ipconfigUSE_MDNS == 1 ) || ( ipconfigUSE_LLMNR == 1 ) || ( ipconfigUSE_NBNS == 1 )
/* Application hook: pdTRUE when the device answers to pcName. */
        #if ( ipconfigIPv4_BACKWARD_COMPATIBLE == 1 )
            extern BaseType_t xApplicationDNSQueryHook( const char * pcName );
        #else
            extern BaseType_t xApplicationDNSQueryHook_Multi( struct xNetworkEndPoint * pxEndPoint,
                                                              const char * pcName );
        #endif
    #endif

#endif /* ipconfigUSE_DNS != 0 */

/* mDNS port and group 224.0.0.251 (network byte order). */
#define ipMDNS_PORT    5353U

#if ( ipconfigBYTE_ORDER == pdFREERTOS_BIG_ENDIAN )
    #define ipMDNS_IP_ADDRESS    0xe00000fbU
#else
    #define ipMDNS_IP_ADDRESS    0xfb0000e0U
#endif

#ifdef __cplusplus
}
#endif

#endif /* FREERTOS_DNS_GLOBALS_H */
