/*
 * What the code shared with the host programs (apps/shared: app_net.h,
 * http_app.h) needs from the firmware. Buffers live on the handler task's
 * stack (appHTTP_STACK_WORDS), so they are sized for a K63F's RAM.
 */
#ifndef APP_PLATFORM_H
#define APP_PLATFORM_H

#include "fw_app.h"

#define appPRINTF                     vLoggingPrintf
#define appPATTERN_FILL               vFwPatternFill
#define appTASK_PRIORITY              fwTASK_PRIORITY

#define appHTTP_REQUEST_MAX           512U
#define appHTTP_CHUNK                 1024U
#define appHTTP_STACK_WORDS           1024U
#define appHTTP_ACCEPT_STACK_WORDS    ( configMINIMAL_STACK_SIZE * 2 )
#define appHTTP_SERVED_BY             "a Cortex-M4F (QEMU mps2-an386, LAN9118)"
/* select_http.h, http_callbacks_app.h: static tables, sized for a K63F. */
#define appSELECT_MAX_CLIENTS         8U
#define appSELECT_STACK_WORDS         512U
#define appHTTPCB_MAX_CONNECTIONS     8U

#endif /* APP_PLATFORM_H */
