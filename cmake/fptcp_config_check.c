/*
 * The one C file of the CMake target freertos_plus_tcp (the stack itself is
 * the Rust library that target links).
 *
 * It compiles the public headers with the application's FreeRTOSConfig.h and
 * FreeRTOSIPConfig.h in the application's own compiler and flags, so that a
 * configuration the headers reject (an #error of FreeRTOSIPConfigDefaults.h,
 * a retired option name, a missing include guard) stops the build here, with
 * the header's message, before anything is linked. It defines no symbols.
 */
#include "FreeRTOS.h"
#include "task.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"
#include "FreeRTOS_Routing.h"
#include "FreeRTOS_IP_Private.h"
#include "NetworkBufferManagement.h"
#include "NetworkInterface.h"

/* ISO C wants at least one declaration in a translation unit. */
typedef int fptcp_config_check_t;
