/*
 * TCP/IP configuration of the extensions board build (firmware images
 * fw-bad-ext-tap and fw-ext-slirp): the Cortex-M4F configuration with this
 * library's own options on (include/fptcp_extensions.h): the CLOSE_WAIT
 * reaper at 5 s, netstat diagnostics, shutdown() honouring xHow, the
 * metrics, and the pcap capture (streamed out over semihosting, firmware/app/fw_pcap.c).
 * ../cm4f/FreeRTOSIPConfig.h defines the include guard FREERTOS_IP_CONFIG_H.
 */
#define ipconfigFPTCP_SHUTDOWN_HONOURS_HOW     1
#define ipconfigFPTCP_CLOSE_WAIT_TIMEOUT_MS    5000
#define ipconfigFPTCP_NETSTAT_DIAGNOSTICS      1
#define ipconfigFPTCP_PCAP_CAPTURE             1
#define ipconfigFPTCP_METRICS                  1
#include "../cm4f/FreeRTOSIPConfig.h"
