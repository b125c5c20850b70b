/*
 * pack_struct_end.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * Closes a packed structure declaration opened with pack_struct_start.h: it
 * supplies the GCC/Clang "packed" attribute and the terminating semicolon.
 * No include guard on purpose: it is included once per packed structure.
 */
__attribute__( ( packed ) );
