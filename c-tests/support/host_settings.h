/*
 * The network settings of a host program (Unity harness or demo app), read
 * from the environment that support/run-in-netns.sh and the e2e scripts set:
 *   FPTCP_IP   A.B.C.D/prefix (prefix 1..30; default 192.0.2.10/24)
 *   FPTCP_GW   gateway (default 192.0.2.1)
 *   FPTCP_MAC  aa:bb:cc:dd:ee:ff (default 02:00:00:00:00:10)
 */
#ifndef HOST_SETTINGS_H
#define HOST_SETTINGS_H

#include <stdint.h>

typedef struct HostSettings
{
    uint8_t ucIP[ 4 ];
    uint8_t ucNetMask[ 4 ];
    uint8_t ucGateway[ 4 ];
    uint8_t ucMAC[ 6 ];
} HostSettings_t;

/* The variable's value, or pcDefault when it is unset or empty. */
const char * pcHostEnv( const char * pcName,
                        const char * pcDefault );

/* Fills *pxOut; on a malformed value prints "<pcWho>: <what> '<value>'" to
 * stderr and exits with iExitStatus (a test harness and an application
 * report bad set-ups with different statuses). */
void vHostReadSettings( HostSettings_t * pxOut,
                        const char * pcWho,
                        int iExitStatus );

#endif /* HOST_SETTINGS_H */
