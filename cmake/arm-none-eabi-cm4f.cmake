# CMake toolchain file: Arm Cortex-M4F (ARMv7E-M, single-precision FPv4,
# hard-float ABI) with the GNU Arm Embedded toolchain (arm-none-eabi-gcc) and
# newlib-nano. This is the K63F / QEMU mps2-an386 class of part.
#
#   cmake -S <project> -B <build> -G Ninja \
#         -DCMAKE_TOOLCHAIN_FILE=<this repository>/cmake/arm-none-eabi-cm4f.cmake
#
# With it, FreeRTOS-Plus-TCP builds its Rust library for thumbv7em-none-eabihf
# (the triple follows these flags). Set ARM_NONE_EABI_PREFIX to use a
# toolchain that is not on PATH, e.g. /opt/gcc-arm/bin/arm-none-eabi-.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

if(NOT DEFINED ARM_NONE_EABI_PREFIX)
    set(ARM_NONE_EABI_PREFIX "arm-none-eabi-")
endif()
set(CMAKE_C_COMPILER "${ARM_NONE_EABI_PREFIX}gcc")
set(CMAKE_CXX_COMPILER "${ARM_NONE_EABI_PREFIX}g++")
set(CMAKE_ASM_COMPILER "${ARM_NONE_EABI_PREFIX}gcc")
set(CMAKE_AR "${ARM_NONE_EABI_PREFIX}ar" CACHE FILEPATH "")
set(CMAKE_RANLIB "${ARM_NONE_EABI_PREFIX}ranlib" CACHE FILEPATH "")
set(CMAKE_OBJCOPY "${ARM_NONE_EABI_PREFIX}objcopy" CACHE FILEPATH "")
set(CMAKE_SIZE "${ARM_NONE_EABI_PREFIX}size" CACHE FILEPATH "")

# No host libraries and no runnable test programs: try_compile builds a
# static library instead of linking an executable.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(_cm4f_flags "-mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard -ffunction-sections -fdata-sections")
set(CMAKE_C_FLAGS_INIT "${_cm4f_flags}")
set(CMAKE_CXX_FLAGS_INIT "${_cm4f_flags}")
set(CMAKE_ASM_FLAGS_INIT "${_cm4f_flags}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-Wl,--gc-sections -Wl,--no-warn-execstack --specs=nano.specs --specs=nosys.specs")

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
