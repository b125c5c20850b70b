/*
 * What the code shared with the firmware (apps/shared: app_net.h,
 * http_app.h) needs from the host programs. The POSIX port runs every task
 * on a pthread with a stack of its own, so buffer sizes here are about
 * behaviour, not memory.
 */
#ifndef APP_PLATFORM_H
#define APP_PLATFORM_H

#include "app_common.h"

#define appPRINTF                     vAppPrintf
#define appPATTERN_FILL               vAppPatternFill

#define appHTTP_REQUEST_MAX           1024U
#define appHTTP_CHUNK                 4096U
#define appHTTP_STACK_WORDS           configMINIMAL_STACK_SIZE
#define appHTTP_ACCEPT_STACK_WORDS    configMINIMAL_STACK_SIZE
#define appHTTP_SERVED_BY             "the FreeRTOS POSIX port"
/* select_http.h, http_callbacks_app.h */
#define appSELECT_MAX_CLIENTS         32U
#define appSELECT_STACK_WORDS         configMINIMAL_STACK_SIZE
#define appHTTPCB_MAX_CONNECTIONS     32U

#endif /* APP_PLATFORM_H */
