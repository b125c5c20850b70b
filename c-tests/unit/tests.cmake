# The C API tests of reference section 2 / table 14.1, robustness, threading
# and netstat. Included at the end of c-tests/CMakeLists.txt.
#
# Each program is built like fptcp_add_unity_test() builds one (test file +
# harness + TAP driver, config/posix), plus unit/peer_util.c, and runs as
#
#   support/run-in-netns.sh                       namespace + TAP
#     unit/check-results.py --xfail xfail.txt --  expected failures
#       peers/with-peers.sh                       Linux peers (peers.py)
#         <program>
#
# check-results.py fails the ctest entry when a test fails that
# c-tests/xfail.txt does not list, and also when a listed test passes.

set(FPTCP_XFAIL_FILE "${CMAKE_CURRENT_LIST_DIR}/../xfail.txt")
find_program(FPTCP_PYTHON3 python3 REQUIRED)

# fptcp_add_peer_test(<name> <source> [TIMEOUT <seconds>] [LINK_OPTIONS <option>...]
#                     [WRAPPER <script>] [CONFIG <config>])
# CONFIG builds against freertos-port/config/<config> instead of posix.
# WRAPPER runs between with-peers.sh and the program (e.g. peers/with-dns.sh).
function(fptcp_add_peer_test name source)
    cmake_parse_arguments(T "" "TIMEOUT;WRAPPER;CONFIG" "LINK_OPTIONS" ${ARGN})
    set(_cfg posix)
    if(T_CONFIG)
        set(_cfg "${T_CONFIG}")
    endif()
    set(_unit "${FPTCP_ROOT}/c-tests/unit")
    set(_support "${FPTCP_ROOT}/c-tests/support")
    get_filename_component(_src "${source}" ABSOLUTE BASE_DIR "${FPTCP_ROOT}/c-tests")
    add_executable(${name}
        "${_src}"
        "${_unit}/peer_util.c"
        "${_support}/test_main.c"
        "${_support}/host_settings.c"
        "${_support}/hooks.c"
        $<TARGET_OBJECTS:fptcp_tap_${_cfg}>)
    target_include_directories(${name} BEFORE PRIVATE "${FPTCP_ROOT}/freertos-port/config/${_cfg}")
    target_include_directories(${name} PRIVATE
        "${_unit}"
        "${_support}"
        "${FPTCP_ROOT}/freertos-port/network/tap"
        "${FPTCP_ROOT}/include")
    target_compile_definitions(${name} PRIVATE "FPTCP_TEST_SOURCE=\"${_src}\"")
    target_compile_options(${name} PRIVATE ${FPTCP_WARNINGS})
    target_link_libraries(${name} PRIVATE
        unity "${FPTCP_RUST_LIB_${_cfg}}" freertos_kernel Threads::Threads)
    if(T_LINK_OPTIONS)
        target_link_options(${name} PRIVATE ${T_LINK_OPTIONS})
    endif()
    add_dependencies(${name} fptcp_rust_${_cfg})
    add_test(NAME ${name}
             COMMAND "${_support}/run-in-netns.sh"
                     "${FPTCP_PYTHON3}" "${_unit}/check-results.py" --xfail "${FPTCP_XFAIL_FILE}" --
                     "${FPTCP_ROOT}/c-tests/peers/with-peers.sh" ${T_WRAPPER} $<TARGET_FILE:${name}>)
    if(T_TIMEOUT)
        set_tests_properties(${name} PROPERTIES TIMEOUT "${T_TIMEOUT}")
    else()
        set_tests_properties(${name} PROPERTIES TIMEOUT "${FPTCP_TEST_TIMEOUT}")
    endif()
endfunction()

fptcp_add_peer_test(test_api_local     unit/test_api_local.c)
fptcp_add_peer_test(test_api_client    unit/test_api_client.c)
fptcp_add_peer_test(test_api_server    unit/test_api_server.c)
fptcp_add_peer_test(test_api_unreach   unit/test_api_unreach.c)
fptcp_add_peer_test(test_api_robust    unit/test_api_robust.c)
fptcp_add_peer_test(test_api_threads   unit/test_api_threads.c)
fptcp_add_peer_test(test_api_netstat   unit/test_api_netstat.c)
fptcp_add_peer_test(test_api_udp       unit/test_api_udp.c)
# The ARP API and the raw buffer calls (issue #7).
fptcp_add_peer_test(test_api_arp       unit/test_api_arp.c)
fptcp_add_peer_test(test_api_select    unit/test_api_select.c)
# Window options and TCP zero-copy (issue #8).
fptcp_add_peer_test(test_api_tcp_options unit/test_api_tcp_options.c)
# FreeRTOS_get_rx_buf: the RX stream as a StreamBuffer_t (issue #8).
fptcp_add_peer_test(test_api_rx_buf    unit/test_api_rx_buf.c)
# The DNS client against dnsmasq and a hostile server (peers/with-dns.sh).
fptcp_add_peer_test(test_api_dns       unit/test_api_dns.c
                    WRAPPER "${FPTCP_ROOT}/c-tests/peers/with-dns.sh")
# The heap running out (docs/decisions.md): the program's own
# __wrap_pvPortMalloc refuses allocations on demand, for the Rust library and
# the kernel alike.
fptcp_add_peer_test(test_api_heap      unit/test_api_heap.c LINK_OPTIONS "-Wl,--wrap=pvPortMalloc")
# The fault walk: pvPortMalloc refusing each allocation of a scenario in
# turn; vPortFree is wrapped too, to count the live heap blocks.
fptcp_add_peer_test(test_api_fault_walk unit/test_api_fault_walk.c TIMEOUT 600
                    LINK_OPTIONS "-Wl,--wrap=pvPortMalloc,--wrap=vPortFree")
# The link going down and up in the middle of a transfer (peers.py "link").
fptcp_add_peer_test(test_api_link       unit/test_api_link.c)
# Socket callbacks, user semaphore and wake callback (ipconfigUSE_CALLBACKS).
fptcp_add_peer_test(test_api_callbacks unit/test_api_callbacks.c)
# This library's own options and functions (include/fptcp_extensions.h),
# built with all of them on (config/posix-ext).
fptcp_add_peer_test(test_ext           unit/test_ext.c CONFIG posix-ext)
# The zero-copy driver contract (ipconfigZERO_COPY_*_DRIVER, on in
# config/posix-ext): the TAP driver releases sent frames later, from its
# own task, and checks that none changed after pfOutput().
fptcp_add_peer_test(test_zero_copy_driver unit/test_zero_copy_driver.c CONFIG posix-ext)
