/*
 * FreeRTOS_IP_Common.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * Address types shared by IPv4 and IPv6 code, and the end-point "up" queries.
 *
 * Like every header of this drop-in, this one first includes FreeRTOS_IP.h,
 * which brings in the whole public surface in one fixed order; the contents
 * below are then defined at their place in that order.  Including any header
 * first therefore works.
 */

#include "FreeRTOS_IP.h"

#ifndef FREERTOS_IP_COMMON_H
#define FREERTOS_IP_COMMON_H

#ifdef __cplusplus
extern "C" {
#endif

/* A 16-byte IPv6 address, network byte order. */
struct xIPv6_Address
{
    uint8_t ucBytes[ 16 ];
};
typedef struct xIPv6_Address IPv6_Address_t;

/* Either address kind.  Always 16 bytes, also in IPv4-only builds.  An IPv4
 * address is stored in network byte order in ulIP_IPv4. */
typedef union IP_Address
{
    uint32_t ulIP_IPv4;
    IPv6_Address_t xIP_IPv6;
} IP_Address_t;

/* An address together with its kind (xIs_IPv6 is pdTRUE for IPv6). */
typedef struct xxIPv46_Address
{
    IP_Address_t xIPAddress;
    BaseType_t xIs_IPv6;
} IPv46_Address_t;

struct xNetworkEndPoint;
struct xNetworkInterface;

/* pdTRUE when the end-point is up; with NULL, pdTRUE when all end-points are
 * up. */
BaseType_t FreeRTOS_IsEndPointUp( const struct xNetworkEndPoint * pxEndPoint );

/* pdTRUE when every end-point of the interface (of all interfaces when NULL)
 * is up. */
BaseType_t FreeRTOS_AllEndPointsUp( const struct xNetworkInterface * pxInterface );

#ifdef __cplusplus
}
#endif

#endif /* FREERTOS_IP_COMMON_H */
