# Helpers of the top-level CMakeLists.txt: network interface selection, the
# Rust target triple, the cargo step and the legacy V3 driver wrapper.
# See cmake/README.md.

set(FPTCP_ROOT "${CMAKE_CURRENT_LIST_DIR}/.." CACHE INTERNAL "")
get_filename_component(FPTCP_ROOT "${FPTCP_ROOT}" ABSOLUTE)
set(FPTCP_ROOT "${FPTCP_ROOT}" CACHE INTERNAL "FreeRTOS-Plus-TCP (Rust) source tree")

set(FPTCP_VALID_NETWORK_IFS LINUX_TAP MPS2_AN385 A_CUSTOM_NETWORK_IF)

# ---------------------------------------------------------------- standalone

# Configuring this repository on its own (not as a subproject) builds the
# library with the repository's own configuration: freertos-port/config/posix
# on the host, freertos-port/config/cm4f with a Cortex-M4F toolchain file. The
# kernel comes from FREERTOS_KERNEL_PATH or scripts/kernel-dir.
macro(fptcp_standalone_defaults)
    if(PROJECT_IS_TOP_LEVEL AND NOT TARGET freertos_config)
        if(CMAKE_CROSSCOMPILING)
            set(_fptcp_cfg cm4f)
            set(FREERTOS_PORT GCC_ARM_CM4F CACHE STRING "FreeRTOS kernel port")
            set(FREERTOS_HEAP 4 CACHE STRING "FreeRTOS heap implementation")
            set(FREERTOS_PLUS_TCP_NETWORK_IF MPS2_AN385 CACHE STRING "FreeRTOS+TCP network interface")
        else()
            set(_fptcp_cfg posix)
            set(FREERTOS_PORT GCC_POSIX CACHE STRING "FreeRTOS kernel port")
            set(FREERTOS_HEAP 3 CACHE STRING "FreeRTOS heap implementation")
        endif()
        message(STATUS "FreeRTOS-Plus-TCP: standalone build with freertos-port/config/${_fptcp_cfg}")
        add_library(freertos_config INTERFACE)
        target_include_directories(freertos_config SYSTEM INTERFACE "${FPTCP_ROOT}/freertos-port/config/${_fptcp_cfg}")
        if(NOT FREERTOS_KERNEL_PATH)
            execute_process(COMMAND "${FPTCP_ROOT}/scripts/kernel-dir"
                            OUTPUT_VARIABLE FREERTOS_KERNEL_PATH OUTPUT_STRIP_TRAILING_WHITESPACE
                            RESULT_VARIABLE _fptcp_rc)
            if(NOT _fptcp_rc EQUAL 0)
                message(FATAL_ERROR "FreeRTOS-Plus-TCP: set FREERTOS_KERNEL_PATH (scripts/kernel-dir failed)")
            endif()
        endif()
        set(FREERTOS_KERNEL_PATH "${FREERTOS_KERNEL_PATH}" CACHE PATH "FreeRTOS-Kernel source tree")
        add_subdirectory("${FREERTOS_KERNEL_PATH}" freertos_kernel EXCLUDE_FROM_ALL)
    endif()
endmacro()

# ---------------------------------------------------------------- network interface

function(fptcp_select_network_if)
    set(FREERTOS_PLUS_TCP_NETWORK_IF "" CACHE STRING
        "FreeRTOS+TCP network interface: LINUX_TAP (alias POSIX), MPS2_AN385 or A_CUSTOM_NETWORK_IF")
    set_property(CACHE FREERTOS_PLUS_TCP_NETWORK_IF PROPERTY STRINGS ${FPTCP_VALID_NETWORK_IFS} POSIX)
    set(_if "${FREERTOS_PLUS_TCP_NETWORK_IF}")

    if(_if STREQUAL "" AND NOT CMAKE_CROSSCOMPILING AND CMAKE_SYSTEM_NAME STREQUAL "Linux")
        message(STATUS "FreeRTOS-Plus-TCP: Linux host detected, FREERTOS_PLUS_TCP_NETWORK_IF = LINUX_TAP")
        set(_if LINUX_TAP)
    endif()

    set(_alias OFF)
    if(_if STREQUAL "POSIX")
        message(STATUS
            "FreeRTOS-Plus-TCP: FREERTOS_PLUS_TCP_NETWORK_IF POSIX means the Linux TAP driver here "
            "(upstream's is libpcap). pxLinux_FillInterfaceDescriptor() and pxFillInterfaceDescriptor() "
            "work as upstream; the device is $FPTCP_TAP (default tap0), not a pcap interface number "
            "(freertos-port/network/tap/README.md).")
        set(_if LINUX_TAP)
        set(_alias ON)
    endif()

    if(NOT _if IN_LIST FPTCP_VALID_NETWORK_IFS)
        message(FATAL_ERROR
            " FREERTOS_PLUS_TCP_NETWORK_IF is '${FREERTOS_PLUS_TCP_NETWORK_IF}', which this library does not provide.\n"
            " Set it in the top-level CMakeLists.txt before the library is added, for example\n"
            "   set(FREERTOS_PLUS_TCP_NETWORK_IF MPS2_AN385 CACHE STRING \"\" FORCE)\n"
            " or on the command line: -DFREERTOS_PLUS_TCP_NETWORK_IF=MPS2_AN385\n"
            " \n"
            " Valid values:\n"
            "   LINUX_TAP            Linux TAP device, FreeRTOS POSIX port (host); POSIX is an alias\n"
            "   MPS2_AN385           SMSC LAN9118 of the Arm MPS2 boards (QEMU mps2-an385 / mps2-an386)\n"
            "   A_CUSTOM_NETWORK_IF  your own driver, in a target named freertos_plus_tcp_network_if\n"
            " \n"
            " Upstream's other board drivers (STM32, NXP1060, ...) are not part of this library: build\n"
            " such a driver as A_CUSTOM_NETWORK_IF. A custom driver is a static library, e.g.\n"
            "   add_library(freertos_plus_tcp_network_if STATIC NetworkInterface.c)\n"
            "   target_link_libraries(freertos_plus_tcp_network_if\n"
            "       PUBLIC  freertos_plus_tcp_port freertos_plus_tcp_network_if_common\n"
            "       PRIVATE freertos_kernel freertos_plus_tcp)\n"
            " defined anywhere in the project (before or after the library is added). A legacy V3 driver\n"
            " (xNetworkInterfaceInitialise(void), ...) additionally needs -DFREERTOS_PLUS_TCP_V3_DRIVER=ON.")
    endif()
    if(_if STREQUAL "LINUX_TAP" AND CMAKE_CROSSCOMPILING)
        message(FATAL_ERROR
            "FREERTOS_PLUS_TCP_NETWORK_IF ${FREERTOS_PLUS_TCP_NETWORK_IF} is the Linux host driver, but the C "
            "compiler is a cross compiler (${CMAKE_C_COMPILER}). Pick the board's driver (MPS2_AN385 or "
            "A_CUSTOM_NETWORK_IF).")
    endif()
    message(STATUS "FreeRTOS-Plus-TCP: network interface ${_if}")
    set(FPTCP_NETWORK_IF "${_if}" PARENT_SCOPE)
    set(FPTCP_NETWORK_IF_POSIX_ALIAS "${_alias}" PARENT_SCOPE)
endfunction()

# ---------------------------------------------------------------- Rust target triple

# The triple follows the C compiler: its predefined macros under
# CMAKE_C_FLAGS say which Arm profile and float ABI the firmware uses.
function(fptcp_detect_rust_target)
    set(FREERTOS_PLUS_TCP_RUST_TARGET "" CACHE STRING
        "Rust target triple of the library; empty = follow the C compiler")
    set(_supported thumbv7em-none-eabihf)
    if(FREERTOS_PLUS_TCP_RUST_TARGET)
        set(_triple "${FREERTOS_PLUS_TCP_RUST_TARGET}")
        message(STATUS "FreeRTOS-Plus-TCP: Rust target ${_triple} (FREERTOS_PLUS_TCP_RUST_TARGET)")
    elseif(NOT CMAKE_CROSSCOMPILING)
        set(_triple "")
        message(STATUS "FreeRTOS-Plus-TCP: Rust target = the host (native C compiler)")
    else()
        set(_probe "${CMAKE_CURRENT_BINARY_DIR}/fptcp_target_probe.c")
        file(WRITE "${_probe}" "/* empty: the C compiler's predefined macros are read */\n")
        separate_arguments(_flags NATIVE_COMMAND "${CMAKE_C_FLAGS}")
        if(CMAKE_C_COMPILER_TARGET)
            list(APPEND _flags "--target=${CMAKE_C_COMPILER_TARGET}")
        endif()
        execute_process(COMMAND "${CMAKE_C_COMPILER}" ${_flags} -dM -E "${_probe}"
                        OUTPUT_VARIABLE _macros ERROR_VARIABLE _err RESULT_VARIABLE _rc)
        if(NOT _rc EQUAL 0)
            message(FATAL_ERROR
                "FreeRTOS-Plus-TCP: could not ask ${CMAKE_C_COMPILER} for its predefined macros (${_err}); "
                "set FREERTOS_PLUS_TCP_RUST_TARGET to the Rust target triple.")
        endif()
        set(_hard OFF)
        if(_macros MATCHES "#define __ARM_PCS_VFP 1")
            set(_hard ON)
        endif()
        if(_macros MATCHES "#define __ARM_ARCH_7EM__ 1")
            set(_triple thumbv7em-none-eabi)
            if(_hard)
                set(_triple thumbv7em-none-eabihf)
            endif()
        elseif(_macros MATCHES "#define __ARM_ARCH_7M__ 1")
            set(_triple thumbv7m-none-eabi)
        elseif(_macros MATCHES "#define __ARM_ARCH_6M__ 1")
            set(_triple thumbv6m-none-eabi)
        elseif(_macros MATCHES "#define __ARM_ARCH_8M_MAIN__ 1")
            set(_triple thumbv8m.main-none-eabi)
            if(_hard)
                set(_triple thumbv8m.main-none-eabihf)
            endif()
        elseif(_macros MATCHES "#define __ARM_ARCH_8M_BASE__ 1")
            set(_triple thumbv8m.base-none-eabi)
        else()
            message(FATAL_ERROR
                "FreeRTOS-Plus-TCP: cannot tell the Rust target from ${CMAKE_C_COMPILER} with flags "
                "'${CMAKE_C_FLAGS}'. Set FREERTOS_PLUS_TCP_RUST_TARGET (this version supports ${_supported}).")
        endif()
        if(NOT _triple IN_LIST _supported)
            message(FATAL_ERROR
                "FreeRTOS-Plus-TCP: the C compiler targets ${_triple} (flags '${CMAKE_C_FLAGS}'); this version "
                "of the library is built and tested for ${_supported} (Cortex-M4F/M7, -mfloat-abi=hard) and "
                "the host only. Set FREERTOS_PLUS_TCP_RUST_TARGET=${_triple} to try anyway.")
        endif()
        message(STATUS "FreeRTOS-Plus-TCP: Rust target ${_triple} (from the C compiler)")
    endif()
    set(FPTCP_RUST_TARGET "${_triple}" PARENT_SCOPE)
endfunction()

# ---------------------------------------------------------------- cargo settings

function(fptcp_cargo_settings)
    find_program(FREERTOS_PLUS_TCP_CARGO cargo
                 HINTS "$ENV{CARGO_HOME}/bin" "$ENV{HOME}/.cargo/bin"
                 DOC "cargo program that builds the Rust library")
    if(NOT FREERTOS_PLUS_TCP_CARGO)
        message(FATAL_ERROR "FreeRTOS-Plus-TCP: cargo not found; install Rust (rustup) or set FREERTOS_PLUS_TCP_CARGO")
    endif()
    set(FREERTOS_PLUS_TCP_CARGO_PROFILE "" CACHE STRING
        "cargo profile (release, dev, ...); empty = release, except dev for a host Debug build")
    set(FREERTOS_PLUS_TCP_CARGO_TOOLCHAIN "" CACHE STRING
        "rustup toolchain for cargo (+<toolchain>), e.g. nightly; empty = the default one")
    set(FREERTOS_PLUS_TCP_CARGO_FLAGS "" CACHE STRING
        "extra arguments of 'cargo rustc' (a CMake list), e.g. -Zbuild-std=core,alloc")
    set(FREERTOS_PLUS_TCP_CARGO_ENV "" CACHE STRING
        "extra environment of the cargo step (a CMake list of VAR=value), e.g. RUSTC=/path/rustc;RUSTC_BOOTSTRAP=1")
    set(FREERTOS_PLUS_TCP_CARGO_TARGET_DIR "" CACHE PATH
        "cargo target directory; empty = <build directory>/cargo. May be shared between build trees.")
    set(FREERTOS_PLUS_TCP_CONFIG_DIR "" CACHE PATH
        "Folder of FreeRTOSIPConfig.h and FreeRTOSConfig.h; empty = the first include directory of freertos_config that has FreeRTOSIPConfig.h")

    set(_profile "${FREERTOS_PLUS_TCP_CARGO_PROFILE}")
    if(NOT _profile)
        if(NOT FPTCP_RUST_TARGET STREQUAL "" OR NOT CMAKE_BUILD_TYPE STREQUAL "Debug")
            set(_profile release)
        else()
            set(_profile dev)
        endif()
    endif()
    if(_profile STREQUAL "dev")
        set(_profile_dir debug)
    else()
        set(_profile_dir "${_profile}")
    endif()
    set(_tdir "${FREERTOS_PLUS_TCP_CARGO_TARGET_DIR}")
    if(NOT _tdir)
        set(_tdir "${CMAKE_CURRENT_BINARY_DIR}/cargo")
    endif()
    if(FPTCP_RUST_TARGET)
        set(_out "${_tdir}/${FPTCP_RUST_TARGET}/${_profile_dir}/libfreertos_plus_tcp.a")
    else()
        set(_out "${_tdir}/${_profile_dir}/libfreertos_plus_tcp.a")
    endif()
    message(STATUS "FreeRTOS-Plus-TCP: cargo profile ${_profile}, target directory ${_tdir}")

    set(FPTCP_CARGO_PROFILE "${_profile}" PARENT_SCOPE)
    set(FPTCP_CARGO_TARGET_DIR "${_tdir}" PARENT_SCOPE)
    set(FPTCP_CARGO_OUTPUT "${_out}" PARENT_SCOPE)
    # Copied out of cargo's tree, so that a shared target directory can serve
    # other configurations without touching this build.
    set(FPTCP_RUST_LIB "${CMAKE_CURRENT_BINARY_DIR}/rust/libfreertos_plus_tcp.a" PARENT_SCOPE)
endfunction()

# ---------------------------------------------------------------- memcpy & co.

# On bare-metal targets the Rust library carries compiler_builtins' memcpy,
# memset, ... (weak) and the C library its own; whichever archive the linker
# searches first supplies them to the whole image (toolchain guide, gotcha 3).
# Chosen here as in the firmware (firmware/Makefile): the C library's, which
# newlib implements in assembly for Armv7-M (several times faster on the
# unaligned copies of network frames, and already in most images). The
# functions are named undefined up front (-u) and the C library is searched
# before the Rust library. Host builds: the Rust library has no such
# functions. Sets FPTCP_LIBC_BEFORE_RUST.
function(fptcp_libc_memory_functions)
    set(FPTCP_LIBC_BEFORE_RUST "" PARENT_SCOPE)
    if(FPTCP_RUST_TARGET STREQUAL "" OR NOT CMAKE_C_COMPILER_ID STREQUAL "GNU")
        return()
    endif()
    set(_funcs memcpy memmove memset memcmp
        __aeabi_memcpy __aeabi_memcpy4 __aeabi_memcpy8
        __aeabi_memmove __aeabi_memmove4 __aeabi_memmove8
        __aeabi_memset __aeabi_memset4 __aeabi_memset8
        __aeabi_memclr __aeabi_memclr4 __aeabi_memclr8)
    list(TRANSFORM _funcs PREPEND "-Wl,-u,")
    set_property(TARGET freertos_plus_tcp_rust PROPERTY INTERFACE_LINK_OPTIONS ${_funcs})
    # "-lc, then the Rust library" as a dependency CMake's link-order
    # computation keeps: an imported item for the C library whose link
    # interface is the Rust library.
    add_library(freertos_plus_tcp_libc INTERFACE IMPORTED GLOBAL)
    set_target_properties(freertos_plus_tcp_libc PROPERTIES
        IMPORTED_LIBNAME c
        INTERFACE_LINK_LIBRARIES freertos_plus_tcp_rust)
    set(FPTCP_LIBC_BEFORE_RUST freertos_plus_tcp_libc PARENT_SCOPE)
endfunction()

# ---------------------------------------------------------------- built-in drivers

function(fptcp_add_network_if)
    if(FPTCP_NETWORK_IF STREQUAL "LINUX_TAP")
        set(_dir "${FPTCP_ROOT}/freertos-port/network/tap")
        set(_src "${_dir}/NetworkInterface.c")
        if(FPTCP_NETWORK_IF_POSIX_ALIAS)
            list(APPEND _src "${FPTCP_ROOT}/cmake/fptcp_posix_alias.c")
        endif()
        add_library(freertos_plus_tcp_network_if STATIC ${_src})
        target_include_directories(freertos_plus_tcp_network_if PUBLIC "${_dir}")
        find_package(Threads REQUIRED)
        get_target_property(_global Threads::Threads IMPORTED_GLOBAL)
        if(NOT _global)
            set_target_properties(Threads::Threads PROPERTIES IMPORTED_GLOBAL TRUE)
        endif()
        target_link_libraries(freertos_plus_tcp_network_if
            PUBLIC
                freertos_plus_tcp_port
                freertos_plus_tcp_network_if_common
                Threads::Threads
            PRIVATE
                freertos_kernel
                freertos_plus_tcp)
    elseif(FPTCP_NETWORK_IF STREQUAL "MPS2_AN385")
        set(_dir "${FPTCP_ROOT}/freertos-port/network/lan9118")
        file(GLOB _src CONFIGURE_DEPENDS "${_dir}/*.c")
        if(NOT _src)
            message(FATAL_ERROR
                "FreeRTOS-Plus-TCP: FREERTOS_PLUS_TCP_NETWORK_IF MPS2_AN385 selects the LAN9118 driver in "
                "${_dir}, which has no sources in this copy of the library.")
        endif()
        # Upstream's name of the interrupt handler, for existing start-up code.
        list(APPEND _src "${FPTCP_ROOT}/cmake/fptcp_mps2_alias.c")
        add_library(freertos_plus_tcp_network_if STATIC ${_src})
        target_include_directories(freertos_plus_tcp_network_if PUBLIC "${_dir}")
        target_link_libraries(freertos_plus_tcp_network_if
            PUBLIC
                freertos_plus_tcp_port
                freertos_plus_tcp_network_if_common
            PRIVATE
                freertos_kernel
                freertos_plus_tcp)
    endif()
    # A_CUSTOM_NETWORK_IF: the application's target, checked at the end.
endfunction()

# ---------------------------------------------------------------- V3 drivers

function(fptcp_add_v3_compat)
    if(NOT FREERTOS_PLUS_TCP_V3_DRIVER)
        return()
    endif()
    if(NOT FPTCP_NETWORK_IF STREQUAL "A_CUSTOM_NETWORK_IF")
        message(FATAL_ERROR
            "FREERTOS_PLUS_TCP_V3_DRIVER wraps a legacy V3 driver that the application supplies as "
            "freertos_plus_tcp_network_if; set FREERTOS_PLUS_TCP_NETWORK_IF to A_CUSTOM_NETWORK_IF "
            "(${FPTCP_NETWORK_IF} is a V4 driver).")
    endif()
    set(_dir "${FPTCP_ROOT}/freertos-port/network/v3-compat")
    add_library(freertos_plus_tcp_v3_compat STATIC "${_dir}/v3_network_interface.c")
    target_include_directories(freertos_plus_tcp_v3_compat PUBLIC "${_dir}")
    target_link_libraries(freertos_plus_tcp_v3_compat
        PUBLIC
            freertos_plus_tcp_port
        PRIVATE
            freertos_kernel
            freertos_plus_tcp
            freertos_plus_tcp_network_if)
    # The stack calls the wrapper (pxFillInterfaceDescriptor), the wrapper the
    # V3 driver: keep that order on the link line.
    set_target_properties(freertos_plus_tcp_rust PROPERTIES
        INTERFACE_LINK_LIBRARIES "freertos_plus_tcp_v3_compat;freertos_plus_tcp_network_if;freertos_kernel")
    message(STATUS "FreeRTOS-Plus-TCP: legacy V3 driver wrapper on (freertos-port/network/v3-compat)")
endfunction()

# ---------------------------------------------------------------- finalisation

function(fptcp_defer_finalize)
    set_property(GLOBAL PROPERTY FPTCP_STATE
        "${FPTCP_NETWORK_IF}|${FPTCP_RUST_TARGET}|${FPTCP_CARGO_PROFILE}|${FPTCP_CARGO_TARGET_DIR}|${FPTCP_CARGO_OUTPUT}|${FPTCP_RUST_LIB}|${CMAKE_CURRENT_BINARY_DIR}")
    cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL _fptcp_finalize)
endfunction()

# Include directories of a target and of the INTERFACE targets it links,
# as far as they can be read at configure time ($<BUILD_INTERFACE:...> is
# unwrapped; other generator expressions set <has_genex>).
function(_fptcp_static_includes target out_dirs out_has_genex)
    set(_dirs "")
    set(_genex OFF)
    set(_todo "${target}")
    set(_seen "")
    while(_todo)
        list(POP_FRONT _todo _t)
        if(_t IN_LIST _seen OR NOT TARGET "${_t}")
            continue()
        endif()
        list(APPEND _seen "${_t}")
        get_target_property(_inc "${_t}" INTERFACE_INCLUDE_DIRECTORIES)
        if(_inc)
            foreach(_d IN LISTS _inc)
                if(_d MATCHES "^\\$<BUILD_INTERFACE:(.*)>$")
                    list(APPEND _dirs "${CMAKE_MATCH_1}")
                elseif(_d MATCHES "^\\$<INSTALL_INTERFACE:")
                elseif(_d MATCHES "\\$<")
                    set(_genex ON)
                else()
                    list(APPEND _dirs "${_d}")
                endif()
            endforeach()
        endif()
        get_target_property(_libs "${_t}" INTERFACE_LINK_LIBRARIES)
        if(_libs)
            list(APPEND _todo ${_libs})
        endif()
    endwhile()
    set(${out_dirs} "${_dirs}" PARENT_SCOPE)
    set(${out_has_genex} "${_genex}" PARENT_SCOPE)
endfunction()

function(_fptcp_finalize)
    get_property(_state GLOBAL PROPERTY FPTCP_STATE)
    string(REPLACE "|" ";" _state "${_state}")
    list(GET _state 0 _if)
    list(GET _state 1 _triple)
    list(GET _state 2 _profile)
    list(GET _state 3 _tdir)
    list(GET _state 4 _cargo_out)
    list(GET _state 5 _lib)
    list(GET _state 6 _bin)
    set(_triple_arg "${_triple}")
    set(_label "${_triple}")
    if(_triple STREQUAL "")
        set(_label "the host")
    endif()

    # ---- the application's targets
    if(NOT TARGET freertos_config AND NOT FREERTOS_PLUS_TCP_CONFIG_DIR)
        message(FATAL_ERROR
            " FreeRTOS-Plus-TCP needs the application's configuration: an INTERFACE target\n"
            " freertos_config whose include directories hold FreeRTOSConfig.h and FreeRTOSIPConfig.h:\n"
            "   add_library(freertos_config INTERFACE)\n"
            "   target_include_directories(freertos_config SYSTEM INTERFACE \${CMAKE_CURRENT_SOURCE_DIR}/config)")
    endif()
    if(NOT TARGET freertos_plus_tcp_network_if)
        message(FATAL_ERROR
            " FREERTOS_PLUS_TCP_NETWORK_IF is A_CUSTOM_NETWORK_IF, but the project defines no target\n"
            " freertos_plus_tcp_network_if. Put the driver in one, for example in\n"
            " MyNetworkInterface/CMakeLists.txt:\n"
            "   add_library(freertos_plus_tcp_network_if STATIC NetworkInterface.c)\n"
            "   target_include_directories(freertos_plus_tcp_network_if PUBLIC .)\n"
            "   target_link_libraries(freertos_plus_tcp_network_if\n"
            "       PUBLIC  freertos_plus_tcp_port freertos_plus_tcp_network_if_common\n"
            "       PRIVATE freertos_kernel freertos_plus_tcp)")
    endif()
    if(TARGET freertos_kernel)
        get_target_property(_kernel freertos_kernel SOURCE_DIR)
    elseif(FREERTOS_KERNEL_PATH)
        set(_kernel "${FREERTOS_KERNEL_PATH}")
    else()
        message(FATAL_ERROR
            "FreeRTOS-Plus-TCP needs the FreeRTOS kernel: add it with add_subdirectory()/FetchContent "
            "(target freertos_kernel), or set FREERTOS_KERNEL_PATH to its source tree.")
    endif()
    if(NOT EXISTS "${_kernel}/include/task.h")
        message(FATAL_ERROR "FreeRTOS-Plus-TCP: ${_kernel} is not a FreeRTOS-Kernel source tree (no include/task.h)")
    endif()

    # ---- legacy V3 driver: its sources see the V3 prototypes first
    if(FREERTOS_PLUS_TCP_V3_DRIVER)
        get_target_property(_type freertos_plus_tcp_network_if TYPE)
        if(_type STREQUAL "INTERFACE_LIBRARY")
            message(FATAL_ERROR "FREERTOS_PLUS_TCP_V3_DRIVER: freertos_plus_tcp_network_if must be a STATIC or OBJECT library with the driver's sources")
        endif()
        set(_v3 "${FPTCP_ROOT}/freertos-port/network/v3-compat")
        target_include_directories(freertos_plus_tcp_network_if PRIVATE "${_v3}")
        target_compile_options(freertos_plus_tcp_network_if PRIVATE
            "SHELL:-include \"${_v3}/v3_network_interface.h\"")
    endif()

    # ---- the configuration folder: checked now where it can be
    set(_config_deps "")
    if(FREERTOS_PLUS_TCP_CONFIG_DIR)
        set(_cfg "${FREERTOS_PLUS_TCP_CONFIG_DIR}")
        if(NOT EXISTS "${_cfg}/FreeRTOSIPConfig.h")
            message(FATAL_ERROR "FREERTOS_PLUS_TCP_CONFIG_DIR ${_cfg} has no FreeRTOSIPConfig.h")
        endif()
    else()
        _fptcp_static_includes(freertos_config _dirs _has_genex)
        set(_cfg "")
        foreach(_d IN LISTS _dirs)
            if(EXISTS "${_d}/FreeRTOSIPConfig.h")
                set(_cfg "${_d}")
                break()
            endif()
        endforeach()
        if(NOT _cfg AND NOT _has_genex)
            string(REPLACE ";" "\n   " _list "${_dirs}")
            message(FATAL_ERROR
                "FreeRTOS-Plus-TCP: none of the include directories of freertos_config contains "
                "FreeRTOSIPConfig.h:\n   ${_list}")
        endif()
    endif()
    if(_cfg)
        file(GLOB _config_deps CONFIGURE_DEPENDS "${_cfg}/*.h")
        message(STATUS "FreeRTOS-Plus-TCP: configuration ${_cfg}")
    endif()

    # ---- inputs of the cargo step
    file(GLOB_RECURSE _inputs CONFIGURE_DEPENDS
        "${FPTCP_ROOT}/src/*.rs"
        "${FPTCP_ROOT}/include/*.h"
        "${FPTCP_ROOT}/freertos-port/shim/*.c"
        "${FPTCP_ROOT}/freertos-port/shim/*.h")
    foreach(_f build.rs Cargo.toml Cargo.lock freertos-port/bindgen.h)
        if(EXISTS "${FPTCP_ROOT}/${_f}")
            list(APPEND _inputs "${FPTCP_ROOT}/${_f}")
        endif()
    endforeach()

    # The include directories as the build system sees them, generator
    # expressions evaluated; the cargo script picks the configuration folder
    # from them and hands the rest to build.rs.
    set(_kinc "")
    if(TARGET freertos_kernel)
        set(_kinc "$<JOIN:$<TARGET_PROPERTY:freertos_kernel,INTERFACE_INCLUDE_DIRECTORIES>,$<SEMICOLON>>")
    endif()
    set(_cinc "")
    set(_cdef "")
    if(TARGET freertos_config)
        set(_cinc "$<JOIN:$<TARGET_PROPERTY:freertos_config,INTERFACE_INCLUDE_DIRECTORIES>,$<SEMICOLON>>")
        set(_cdef "$<JOIN:$<TARGET_PROPERTY:freertos_config,INTERFACE_COMPILE_DEFINITIONS>,$<SEMICOLON>>")
    endif()
    set(_params "${_bin}/fptcp_cargo_params.cmake")
    file(GENERATE OUTPUT "${_params}" CONTENT
"# Generated by FreeRTOS-Plus-TCP's CMakeLists.txt; read by cmake/fptcp_cargo_build.cmake.
set(FPTCP_ROOT [==[${FPTCP_ROOT}]==])
set(FPTCP_KERNEL [==[${_kernel}]==])
set(FPTCP_CONFIG_DIR [==[${FREERTOS_PLUS_TCP_CONFIG_DIR}]==])
set(FPTCP_CONFIG_INCLUDES [==[${_cinc}]==])
set(FPTCP_CONFIG_DEFINES [==[${_cdef}]==])
set(FPTCP_KERNEL_INCLUDES [==[${_kinc}]==])
set(FPTCP_BUFFER_ALLOCATION [==[${FREERTOS_PLUS_TCP_BUFFER_ALLOCATION}]==])
set(FPTCP_CARGO [==[${FREERTOS_PLUS_TCP_CARGO}]==])
set(FPTCP_CARGO_TOOLCHAIN [==[${FREERTOS_PLUS_TCP_CARGO_TOOLCHAIN}]==])
set(FPTCP_CARGO_FLAGS [==[${FREERTOS_PLUS_TCP_CARGO_FLAGS}]==])
set(FPTCP_CARGO_ENV [==[${FREERTOS_PLUS_TCP_CARGO_ENV}]==])
set(FPTCP_CARGO_PROFILE [==[${_profile}]==])
set(FPTCP_CARGO_TARGET_DIR [==[${_tdir}]==])
set(FPTCP_CARGO_OUTPUT [==[${_cargo_out}]==])
set(FPTCP_RUST_TARGET [==[${_triple_arg}]==])
set(FPTCP_C_COMPILER [==[${CMAKE_C_COMPILER}]==])
set(FPTCP_RUST_LIB [==[${_lib}]==])
")

    set(_stamp "${_bin}/rust/cargo.stamp")
    add_custom_command(
        OUTPUT "${_stamp}"
        BYPRODUCTS "${_lib}"
        COMMAND "${CMAKE_COMMAND}" -DFPTCP_PARAMS=${_params} -DFPTCP_STAMP=${_stamp}
                -P "${FPTCP_ROOT}/cmake/fptcp_cargo_build.cmake"
        DEPENDS ${_inputs} ${_config_deps} "${_params}" "${FPTCP_ROOT}/cmake/fptcp_cargo_build.cmake"
        WORKING_DIRECTORY "${FPTCP_ROOT}"
        USES_TERMINAL
        COMMENT "cargo build: FreeRTOS-Plus-TCP (Rust) for ${_label} (${_profile})"
        VERBATIM)
    add_custom_target(freertos_plus_tcp_cargo DEPENDS "${_stamp}")
endfunction()
