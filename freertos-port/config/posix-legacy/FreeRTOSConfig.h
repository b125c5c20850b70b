/*
 * Kernel configuration of the legacy host build: identical to the POSIX one
 * (the legacy API changes only the TCP/IP configuration). This file has no
 * include guard of its own; ../posix/FreeRTOSConfig.h defines
 * FREERTOS_CONFIG_H.
 */
#include "../posix/FreeRTOSConfig.h"
