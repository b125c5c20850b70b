/*
 * Kernel configuration of the extensions board build: identical to the
 * Cortex-M4F one. ../cm4f/FreeRTOSConfig.h defines the include guard
 * FREERTOS_CONFIG_H.
 */
#include "../cm4f/FreeRTOSConfig.h"
