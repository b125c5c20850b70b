/* Included once, at the end of fptcp_shim.c only: defines prvAssertAt(),
 * which runs the application's configASSERT with __FILE__ and __LINE__
 * meaning the Rust panic's location.
 *
 * An application's configASSERT( x ) almost always hands __FILE__ and
 * __LINE__ to its hook. Expanded where those two names are redefined as the
 * parameters, it hands the hook the Rust file (NUL-terminated, cut at 95
 * bytes) and line instead of "fptcp_shim.c" and a line of this shim.
 * Redefining them is accepted by GCC and clang with a warning that cannot be
 * switched off by a flag; marking this header a system header silences it.
 * Nothing after this header may use __FILE__ or __LINE__.
 *
 * Define fptcpSHIM_ASSERT_NAMES_SHIM (e.g. in FreeRTOSIPConfig.h) for a
 * configASSERT that needs them to be literals (one that pastes __FILE__
 * into a string): the hook then gets this file's name and line, and the
 * line printed before (ipconfigHAS_PRINTF) still names the Rust location. */
#if defined( __GNUC__ ) && !defined( fptcpSHIM_ASSERT_NAMES_SHIM )
    #pragma GCC system_header
    #undef __FILE__
    #undef __LINE__
    #define __FILE__    pcFile
    #define __LINE__    ulLine
#endif

static void prvAssertAt( const char * pcFile,
                         uint32_t ulLine )
{
    ( void ) pcFile;
    ( void ) ulLine;
    configASSERT( pcFile == NULL );
}
