/* Input for bindgen (build.rs): the kernel API and the drop-in headers whose
 * types the Rust library reads or writes. Not installed, not for
 * applications. */
#ifndef FPTCP_BINDGEN_H
#define FPTCP_BINDGEN_H

#include "FreeRTOS.h"
#include "task.h"
#include "queue.h"
#include "semphr.h"
#include "event_groups.h"
#include "list.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_IP_Private.h"
#include "FreeRTOS_Sockets.h"
#include "FreeRTOS_Routing.h"
#include "FreeRTOS_DNS.h"
#include "NetworkInterface.h"
#include "NetworkBufferManagement.h"

#include "shim/fptcp_shim.h"

/* A UDP-only build (ipconfigUSE_TCP 0) hides the TCP option structs from
 * applications, as upstream's header does; the library's setsockopt() is
 * the same code in every build, so bindgen still needs their layout. */
#if ( ipconfigUSE_TCP == 0 )
    typedef struct xWIN_PROPS
    {
        int32_t lTxBufSize;
        int32_t lTxWinSize;
        int32_t lRxBufSize;
        int32_t lRxWinSize;
    } WinProperties_t;

    typedef struct xLOW_HIGH_WATER
    {
        size_t uxLittleSpace;
        size_t uxEnoughSpace;
    } LowHighWater_t;
#endif

#endif
