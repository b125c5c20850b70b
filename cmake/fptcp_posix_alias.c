/*
 * FREERTOS_PLUS_TCP_NETWORK_IF POSIX: upstream's Linux driver (libpcap)
 * exports pxLinux_FillInterfaceDescriptor(). Here POSIX selects the TAP
 * driver; this file gives it that name too, so applications written for
 * upstream's POSIX driver link unchanged. (pxFillInterfaceDescriptor(), the
 * name FreeRTOS_IPInit() uses, comes from the TAP driver itself.)
 */
#include "FreeRTOS.h"
#include "FreeRTOS_IP.h"
#include "FreeRTOS_Routing.h"

#include "tap_interface.h"

NetworkInterface_t * pxLinux_FillInterfaceDescriptor( BaseType_t xEMACIndex,
                                                      NetworkInterface_t * pxInterface );

NetworkInterface_t * pxLinux_FillInterfaceDescriptor( BaseType_t xEMACIndex,
                                                      NetworkInterface_t * pxInterface )
{
    return pxTap_FillInterfaceDescriptor( xEMACIndex, pxInterface );
}
