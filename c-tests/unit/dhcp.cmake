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

# The DHCP client against a hostile server (unit/test_dhcp_hostile.c,
# peers/dhcp_hostile.py): same configuration, run as
#   support/run-in-netns.sh  support/with-dhcp-hostile.sh  test_dhcp_hostile
add_executable(test_dhcp_hostile
    "${FPTCP_ROOT}/c-tests/unit/test_dhcp_hostile.c"
    "${_support}/test_main.c"
    "${_support}/host_settings.c"
    "${_support}/hooks.c"
    $<TARGET_OBJECTS:fptcp_tap_${_cfg}>)
target_include_directories(test_dhcp_hostile BEFORE PRIVATE "${FPTCP_ROOT}/freertos-port/config/${_cfg}")
target_include_directories(test_dhcp_hostile PRIVATE
    "${_support}"
    "${FPTCP_ROOT}/freertos-port/network/tap"
    "${FPTCP_ROOT}/include")
target_compile_definitions(test_dhcp_hostile PRIVATE "FPTCP_TEST_SOURCE=\"${FPTCP_ROOT}/c-tests/unit/test_dhcp_hostile.c\"")
target_compile_options(test_dhcp_hostile PRIVATE ${FPTCP_WARNINGS})
target_link_libraries(test_dhcp_hostile PRIVATE
    unity "${FPTCP_RUST_LIB_${_cfg}}" freertos_kernel Threads::Threads)
add_dependencies(test_dhcp_hostile fptcp_rust_${_cfg})
add_test(NAME test_dhcp_hostile
         COMMAND "${_support}/run-in-netns.sh" "${_support}/with-dhcp-hostile.sh" $<TARGET_FILE:test_dhcp_hostile>)
set_tests_properties(test_dhcp_hostile PROPERTIES TIMEOUT "${FPTCP_TEST_TIMEOUT}")
