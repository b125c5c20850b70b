/*
 * Kernel configuration of the keep-alive host build: identical to the POSIX
 * one. ../posix/FreeRTOSConfig.h defines the include guard FREERTOS_CONFIG_H.
 */
#include "../posix/FreeRTOSConfig.h"
