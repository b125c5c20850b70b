# The UDP-only build (unit/test_udp_only.c): config/posix-udp
# (ipconfigUSE_TCP 0), run as
#
#   support/run-in-netns.sh            namespace + TAP (192.0.2.1/24)
#     peers/with-peers.sh              Linux peers (UDP echo on :7100)
#       test_udp_only
#
# Included at the end of c-tests/CMakeLists.txt, which builds the Rust
# library for every entry of FPTCP_CONFIGS (posix-udp among them).

set(_cfg posix-udp)
set(_support "${FPTCP_ROOT}/c-tests/support")
add_executable(test_udp_only
    "${FPTCP_ROOT}/c-tests/unit/test_udp_only.c"
    "${_support}/test_main.c"
    "${_support}/host_settings.c"
    "${_support}/hooks.c"
    $<TARGET_OBJECTS:fptcp_tap_${_cfg}>)
target_include_directories(test_udp_only BEFORE PRIVATE "${FPTCP_ROOT}/freertos-port/config/${_cfg}")
target_include_directories(test_udp_only PRIVATE
    "${_support}"
    "${FPTCP_ROOT}/freertos-port/network/tap"
    "${FPTCP_ROOT}/include")
target_compile_definitions(test_udp_only PRIVATE "FPTCP_TEST_SOURCE=\"${FPTCP_ROOT}/c-tests/unit/test_udp_only.c\"")
target_compile_options(test_udp_only PRIVATE ${FPTCP_WARNINGS})
target_link_libraries(test_udp_only PRIVATE
    unity "${FPTCP_RUST_LIB_${_cfg}}" freertos_kernel Threads::Threads)
add_dependencies(test_udp_only fptcp_rust_${_cfg})
add_test(NAME test_udp_only
         COMMAND "${_support}/run-in-netns.sh" "${FPTCP_ROOT}/c-tests/peers/with-peers.sh" $<TARGET_FILE:test_udp_only>)
set_tests_properties(test_udp_only PROPERTIES TIMEOUT "${FPTCP_TEST_TIMEOUT}")
