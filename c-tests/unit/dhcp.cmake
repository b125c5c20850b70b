# The DHCP client end to end (unit/test_dhcp.c): config/posix-dhcp, run as
#
#   support/run-in-netns.sh            namespace + TAP (192.0.2.1/24)
#     support/with-dnsmasq.sh          dnsmasq: 192.0.2.50-99, 2-minute leases
#       test_dhcp
#
# Included at the end of c-tests/CMakeLists.txt, which builds the Rust
# library for every entry of FPTCP_CONFIGS (posix-dhcp among them).

set(_cfg posix-dhcp)
set(_support "${FPTCP_ROOT}/c-tests/support")
add_executable(test_dhcp
    "${FPTCP_ROOT}/c-tests/unit/test_dhcp.c"
    "${_support}/test_main.c"
    "${_support}/host_settings.c"
    "${_support}/hooks.c"
    $<TARGET_OBJECTS:fptcp_tap_${_cfg}>)
target_include_directories(test_dhcp BEFORE PRIVATE "${FPTCP_ROOT}/freertos-port/config/${_cfg}")
target_include_directories(test_dhcp PRIVATE
    "${_support}"
    "${FPTCP_ROOT}/freertos-port/network/tap"
    "${FPTCP_ROOT}/include")
target_compile_definitions(test_dhcp PRIVATE "FPTCP_TEST_SOURCE=\"${FPTCP_ROOT}/c-tests/unit/test_dhcp.c\"")
target_compile_options(test_dhcp PRIVATE ${FPTCP_WARNINGS})
target_link_libraries(test_dhcp PRIVATE
    unity "${FPTCP_RUST_LIB_${_cfg}}" freertos_kernel Threads::Threads)
add_dependencies(test_dhcp fptcp_rust_${_cfg})
add_test(NAME test_dhcp
         COMMAND "${_support}/run-in-netns.sh" "${_support}/with-dnsmasq.sh" $<TARGET_FILE:test_dhcp>)
set_tests_properties(test_dhcp PROPERTIES TIMEOUT "${FPTCP_TEST_TIMEOUT}")
