/*
 * TCP/IP configuration of the legacy host build: the POSIX configuration
 * with ipconfigIPv4_BACKWARD_COMPATIBLE 1, so that the V3-style API is
 * available: FreeRTOS_IPInit(), vApplicationIPNetworkEventHook() without an
 * end-point, the sin_addr macro, and a driver-supplied
 * pxFillInterfaceDescriptor(). Used for the legacy FreeRTOS_IPInit test build.
 *
 * ../posix/FreeRTOSIPConfig.h defines the guard FREERTOS_IP_CONFIG_H.
 */
#define ipconfigIPv4_BACKWARD_COMPATIBLE    1
/* Outgoing pings: FreeRTOS_SendPingRequest() and vApplicationPingReplyHook()
 * (c-tests/support/hooks.c), tested by the *_legacy Unity programs. */
#define ipconfigSUPPORT_OUTGOING_PINGS      1
#include "../posix/FreeRTOSIPConfig.h"
