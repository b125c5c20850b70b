/* FreeRTOSIPConfig.h for the ABI compile checks: every optional feature enabled (board). */
#ifndef FREERTOS_IP_CONFIG_H
#define FREERTOS_IP_CONFIG_H

#define ipconfigBYTE_ORDER                         pdFREERTOS_LITTLE_ENDIAN

/* Every optional feature switched on, so that every guarded declaration of
 * the headers is compiled and checked. */
#define ipconfigUSE_IPv4                           1
#define ipconfigUSE_IPv6                           1
#define ipconfigUSE_RA                             1
#define ipconfigUSE_TCP                            1
#define ipconfigUSE_TCP_WIN                        1
#define ipconfigUSE_DHCP                           1
#define ipconfigUSE_DHCPv6                         1
#define ipconfigUSE_DHCP_HOOK                      1
#define ipconfigDHCP_REGISTER_HOSTNAME             1
#define ipconfigDHCP_FALL_BACK_AUTO_IP             1
#define ipconfigUSE_DNS                            1
#define ipconfigUSE_DNS_CACHE                      1
#define ipconfigDNS_CACHE_ADDRESSES_PER_ENTRY      2
#define ipconfigDNS_USE_CALLBACKS                  1
#define ipconfigUSE_LLMNR                          1
#define ipconfigUSE_NBNS                           1
#define ipconfigUSE_MDNS                           1
#define ipconfigSUPPORT_SELECT_FUNCTION            1
#define ipconfigSUPPORT_SIGNALS                    1
#define ipconfigUSE_CALLBACKS                      1
#define ipconfigSOCKET_HAS_USER_SEMAPHORE          1
#define ipconfigSOCKET_HAS_USER_WAKE_CALLBACK      1
#define ipconfigUDP_MAX_RX_PACKETS                 4
#define ipconfigSUPPORT_OUTGOING_PINGS             1
#define ipconfigUSE_NETWORK_EVENT_HOOK             1
#define ipconfigUSE_LINKED_RX_MESSAGES             1
#define ipconfigZERO_COPY_RX_DRIVER                1
#define ipconfigZERO_COPY_TX_DRIVER                1
#define ipconfigETHERNET_DRIVER_FILTERS_PACKETS    1
#define ipconfigCHECK_IP_QUEUE_SPACE               1
#define ipconfigTCP_KEEP_ALIVE                     1
#define ipconfigUSE_ARP_REMOVE_ENTRY               1
#define ipconfigUSE_ARP_REVERSED_LOOKUP            1
#define ipconfigTCP_IP_SANITY                      1
#define ipconfigHAS_PRINTF                         1
#define ipconfigHAS_DEBUG_PRINTF                   1

#endif /* FREERTOS_IP_CONFIG_H */
