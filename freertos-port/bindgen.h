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

#endif
