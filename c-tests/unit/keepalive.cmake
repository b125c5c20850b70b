# Keep-alive and hang protection against the Linux peers
# (unit/test_keepalive.c), on config/posix-keepalive (keep-alive after 2 s,
# hang protection after 5 s), run like the tests of unit/tests.cmake:
#
#   support/run-in-netns.sh         namespace + TAP (192.0.2.1/24)
#     unit/check-results.py         expected failures (xfail.txt)
#       peers/with-peers.sh         Linux peers (peers.py)
#         test_keepalive
#
# Included at the end of c-tests/CMakeLists.txt, which builds the Rust
# library for every entry of FPTCP_CONFIGS (posix-keepalive among them).

set(_cfg posix-keepalive)
set(_unit "${FPTCP_ROOT}/c-tests/unit")
set(_support "${FPTCP_ROOT}/c-tests/support")
add_executable(test_keepalive
    "${_unit}/test_keepalive.c"
    "${_unit}/peer_util.c"
    "${_support}/test_main.c"
    "${_support}/host_settings.c"
    "${_support}/hooks.c"
    $<TARGET_OBJECTS:fptcp_tap_${_cfg}>)
target_include_directories(test_keepalive BEFORE PRIVATE "${FPTCP_ROOT}/freertos-port/config/${_cfg}")
target_include_directories(test_keepalive PRIVATE
    "${_unit}"
    "${_support}"
    "${FPTCP_ROOT}/freertos-port/network/tap"
    "${FPTCP_ROOT}/include")
target_compile_definitions(test_keepalive PRIVATE "FPTCP_TEST_SOURCE=\"${_unit}/test_keepalive.c\"")
target_compile_options(test_keepalive PRIVATE ${FPTCP_WARNINGS})
target_link_libraries(test_keepalive PRIVATE
    unity "${FPTCP_RUST_LIB_${_cfg}}" freertos_kernel Threads::Threads)
add_dependencies(test_keepalive fptcp_rust_${_cfg})
add_test(NAME test_keepalive
         COMMAND "${_support}/run-in-netns.sh"
                 "${FPTCP_PYTHON3}" "${_unit}/check-results.py" --xfail "${FPTCP_XFAIL_FILE}" --
                 "${FPTCP_ROOT}/c-tests/peers/with-peers.sh" $<TARGET_FILE:test_keepalive>)
set_tests_properties(test_keepalive PROPERTIES TIMEOUT "${FPTCP_TEST_TIMEOUT}")
