/*
 * Kernel configuration of the DHCP host build: identical to the POSIX one
 * (DHCP changes only the TCP/IP configuration). ../posix/FreeRTOSConfig.h
 * defines the include guard FREERTOS_CONFIG_H.
 */
#include "../posix/FreeRTOSConfig.h"
