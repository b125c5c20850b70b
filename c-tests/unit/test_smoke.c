/*
 * Smoke test: the stack came up on the TAP device, and a TCP socket can be
 * created, queried and closed (reference sections 1.2, 2.2, 2.11, 2.12).
 */
#include "fptcp_test.h"

#include "FreeRTOS_IP.h"
#include "FreeRTOS_Sockets.h"

static void test_stack__after_start__network_is_up( void )
{
    TEST_ASSERT_NOT_NULL( pxFptcpTestEndPoint() );
    TEST_ASSERT_EQUAL_INT( pdTRUE, FreeRTOS_IsNetworkUp() );
}

static void test_socket__tcp_stream__is_valid( void )
{
    Socket_t xSocket = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );

    TEST_ASSERT_TRUE( xSocket != FREERTOS_INVALID_SOCKET );
    TEST_ASSERT_NOT_NULL( xSocket );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xSocket ) );
}

static void test_connstatus__fresh_tcp_socket__is_eclosed( void )
{
    Socket_t xSocket = FreeRTOS_socket( FREERTOS_AF_INET, FREERTOS_SOCK_STREAM, FREERTOS_IPPROTO_TCP );

    TEST_ASSERT_TRUE( xSocket != FREERTOS_INVALID_SOCKET );
    TEST_ASSERT_EQUAL_INT( 0 /* eCLOSED */, FreeRTOS_connstatus( xSocket ) );
    TEST_ASSERT_EQUAL_INT( 1, FreeRTOS_closesocket( xSocket ) );
}

void vRunTests( void )
{
    RUN_TEST( test_stack__after_start__network_is_up );
    RUN_TEST( test_socket__tcp_stream__is_valid );
    RUN_TEST( test_connstatus__fresh_tcp_socket__is_eclosed );
}
