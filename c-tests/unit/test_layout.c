/*
 * C and Rust agree on every shared struct: the compiler's sizeof/offsetof
 * against the library's own view (fptcp_abi_layout), on the target the test
 * is built for (the firmware runs the same comparison on Cortex-M4F). The
 * Rust view is bindgen's reading of the same headers, so a difference means
 * bindgen and the C compiler disagree (flags, packing, enum size).
 */
#include "fptcp_test.h"
#include "layout/fptcp_layout.h"

static void test_layout__rust_and_c__agree_on_every_shared_struct( void )
{
    const char * pcName = "";
    size_t uxC = 0U, uxRust = 0U;
    size_t uxDiff = uxFptcpLayoutDifferences( &pcName, &uxC, &uxRust );

    if( uxDiff != 0U )
    {
        vFptcpTestPrintf( "first difference: %s C=%lu Rust=%lu\n", pcName,
                          ( unsigned long ) uxC, ( unsigned long ) uxRust );
    }

    TEST_ASSERT_EQUAL_UINT32_MESSAGE( 0U, ( uint32_t ) uxDiff, "C and Rust layouts differ" );
}

static void test_layout__reference_sizes_on_this_host( void )
{
    /* Reference §1.1 and §13 (x86_64 POSIX host). */
    TEST_ASSERT_EQUAL_UINT32( 24U, ( uint32_t ) sizeof( struct freertos_sockaddr ) );
    TEST_ASSERT_EQUAL_UINT32( 16U, ( uint32_t ) sizeof( IPStackEvent_t ) );
}

void vRunTests( void )
{
    RUN_TEST( test_layout__rust_and_c__agree_on_every_shared_struct );
    RUN_TEST( test_layout__reference_sizes_on_this_host );
}
