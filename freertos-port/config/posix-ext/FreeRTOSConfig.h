/*
 * Kernel configuration of the extensions host build: identical to the POSIX
 * one (the extensions change only the TCP/IP configuration).
 * ../posix/FreeRTOSConfig.h defines the include guard FREERTOS_CONFIG_H.
 */
#include "../posix/FreeRTOSConfig.h"
