# Build step of the Rust library, run by the build tool as
#   cmake -DFPTCP_PARAMS=<params.cmake> -DFPTCP_STAMP=<stamp> -P fptcp_cargo_build.cmake
# <params.cmake> is written by the top-level CMakeLists.txt at generate time
# (include directories with generator expressions evaluated). This script
#   1. picks the configuration folder: FREERTOS_PLUS_TCP_CONFIG_DIR, else the
#      first include directory of freertos_config (then of freertos_kernel)
#      that has FreeRTOSIPConfig.h;
#   2. runs cargo with the environment build.rs reads (FPTCP_CONFIG_DIR,
#      FREERTOS_KERNEL_PATH, FPTCP_EXTRA_INCLUDES, FPTCP_EXTRA_DEFINES,
#      FPTCP_BUFFER_ALLOCATION, CARGO_TARGET_DIR);
#   3. copies the library next to the build (only when it changed) and
#      touches the stamp.
cmake_minimum_required(VERSION 3.21)

if(NOT FPTCP_PARAMS OR NOT FPTCP_STAMP)
    message(FATAL_ERROR "fptcp_cargo_build.cmake: FPTCP_PARAMS and FPTCP_STAMP must be given")
endif()
include("${FPTCP_PARAMS}")

# ---- configuration folder
set(_all_includes ${FPTCP_CONFIG_INCLUDES} ${FPTCP_KERNEL_INCLUDES})
list(REMOVE_DUPLICATES _all_includes)
set(_cfg "${FPTCP_CONFIG_DIR}")
if(NOT _cfg)
    foreach(_d IN LISTS FPTCP_CONFIG_INCLUDES FPTCP_KERNEL_INCLUDES)
        if(EXISTS "${_d}/FreeRTOSIPConfig.h")
            set(_cfg "${_d}")
            break()
        endif()
    endforeach()
endif()
if(NOT _cfg)
    string(REPLACE ";" "\n  " _list "${_all_includes}")
    message(FATAL_ERROR
        "FreeRTOS-Plus-TCP: no include directory of freertos_config contains FreeRTOSIPConfig.h:\n  ${_list}")
endif()
if(NOT EXISTS "${_cfg}/FreeRTOSConfig.h")
    message(FATAL_ERROR
        "FreeRTOS-Plus-TCP: ${_cfg} holds FreeRTOSIPConfig.h but not FreeRTOSConfig.h; this version of "
        "the library needs both in one folder (set FREERTOS_PLUS_TCP_CONFIG_DIR to it).")
endif()

# Every other directory goes to build.rs as an extra include directory (board
# headers the configuration includes, the kernel's port folder).
set(_extra "")
foreach(_d IN LISTS _all_includes)
    if(NOT _d STREQUAL _cfg AND NOT _d STREQUAL "")
        list(APPEND _extra "${_d}")
    endif()
endforeach()
string(REPLACE ";" ":" _extra "${_extra}")
# Definitions as NAME or NAME=VALUE, separated by newlines.
string(REPLACE ";" "\n" _defines "${FPTCP_CONFIG_DEFINES}")

set(ENV{FPTCP_CONFIG_DIR} "${_cfg}")
set(ENV{FREERTOS_KERNEL_PATH} "${FPTCP_KERNEL}")
set(ENV{FPTCP_EXTRA_INCLUDES} "${_extra}")
set(ENV{FPTCP_EXTRA_DEFINES} "${_defines}")
set(ENV{FPTCP_BUFFER_ALLOCATION} "${FPTCP_BUFFER_ALLOCATION}")
set(ENV{CARGO_TARGET_DIR} "${FPTCP_CARGO_TARGET_DIR}")
if(FPTCP_RUST_TARGET)
    # The cc crate's per-target compiler: the one CMake uses for the firmware.
    string(REPLACE "-" "_" _t "${FPTCP_RUST_TARGET}")
    string(REPLACE "." "_" _t "${_t}")
    set(ENV{CC_${_t}} "${FPTCP_C_COMPILER}")
endif()
foreach(_kv IN LISTS FPTCP_CARGO_ENV)
    string(FIND "${_kv}" "=" _eq)
    if(_eq LESS 1)
        message(FATAL_ERROR "FREERTOS_PLUS_TCP_CARGO_ENV: '${_kv}' is not VAR=value")
    endif()
    string(SUBSTRING "${_kv}" 0 ${_eq} _k)
    math(EXPR _eq "${_eq} + 1")
    string(SUBSTRING "${_kv}" ${_eq} -1 _v)
    set(ENV{${_k}} "${_v}")
endforeach()

set(_cmd "${FPTCP_CARGO}")
if(FPTCP_CARGO_TOOLCHAIN)
    list(APPEND _cmd "+${FPTCP_CARGO_TOOLCHAIN}")
endif()
# `cargo rustc --crate-type staticlib`, not `cargo build`: with the rlib crate
# type in the same compilation, rustc embeds LLVM bitcode (.llvmbc) in the
# archive's objects, and binutils' nm/objdump then see no symbols at all (their
# LTO plugin tries the bitcode first). The static library alone carries
# machine code only; the linked image is the same (.llvmbc is never linked).
list(APPEND _cmd rustc --lib --crate-type staticlib --manifest-path "${FPTCP_ROOT}/Cargo.toml"
     --profile "${FPTCP_CARGO_PROFILE}")
if(FPTCP_RUST_TARGET)
    list(APPEND _cmd --target "${FPTCP_RUST_TARGET}")
endif()
list(APPEND _cmd ${FPTCP_CARGO_FLAGS})

message(STATUS "FreeRTOS-Plus-TCP: FPTCP_CONFIG_DIR=${_cfg} FPTCP_BUFFER_ALLOCATION=${FPTCP_BUFFER_ALLOCATION}")
execute_process(COMMAND ${_cmd} WORKING_DIRECTORY "${FPTCP_ROOT}" RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
    string(REPLACE ";" " " _shown "${_cmd}")
    message(FATAL_ERROR "FreeRTOS-Plus-TCP: cargo failed (${_rc}): ${_shown}")
endif()
if(NOT EXISTS "${FPTCP_CARGO_OUTPUT}")
    message(FATAL_ERROR "FreeRTOS-Plus-TCP: cargo succeeded but ${FPTCP_CARGO_OUTPUT} is missing")
endif()

get_filename_component(_libdir "${FPTCP_RUST_LIB}" DIRECTORY)
file(MAKE_DIRECTORY "${_libdir}")
file(COPY_FILE "${FPTCP_CARGO_OUTPUT}" "${FPTCP_RUST_LIB}" ONLY_IF_DIFFERENT)
file(TOUCH "${FPTCP_STAMP}")
