/*
 * pack_struct_start.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * Opens a packed structure declaration for GCC and Clang.  Wire-format
 * structures are written as
 *
 *     #include "pack_struct_start.h"
 *     struct xNAME { ...members... }
 *     #include "pack_struct_end.h"
 *
 * With GCC/Clang the packing attribute is placed after the closing brace by
 * pack_struct_end.h, so nothing is needed at the start.  This file has no
 * include guard on purpose: it is included once per packed structure.
 */
