/*
 * FreeRTOS_errno_TCP.h -- freertos-plus-tcp (Rust drop-in for FreeRTOS+TCP V4.4.1)
 *
 * Compatibility header.  Older FreeRTOS+TCP releases defined the
 * pdFREERTOS_ERRNO_* codes here; they now come from the kernel's projdefs.h.
 * This header supplies any that an old kernel lacks, plus
 * FreeRTOS_strerror_r().  Nothing in the stack includes it.
 */

#ifndef FREERTOS_ERRNO_TCP
#define FREERTOS_ERRNO_TCP

#include <stddef.h>

#include "FreeRTOS.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef pdFREERTOS_ERRNO_NONE
    /* A kernel without the errno table: provide all of it. */
    #define pdFREERTOS_ERRNO_NONE             0   /* No error. */
    #define pdFREERTOS_ERRNO_ENOENT           2   /* No such file or directory. */
    #define pdFREERTOS_ERRNO_EINTR            4   /* Interrupted call. */
    #define pdFREERTOS_ERRNO_EIO              5   /* I/O error. */
    #define pdFREERTOS_ERRNO_ENXIO            6   /* No such device or address. */
    #define pdFREERTOS_ERRNO_EBADF            9   /* Bad file number. */
    #define pdFREERTOS_ERRNO_EAGAIN           11  /* Try again. */
    #define pdFREERTOS_ERRNO_EWOULDBLOCK      11  /* Operation would block. */
    #define pdFREERTOS_ERRNO_ENOMEM           12  /* Out of memory. */
    #define pdFREERTOS_ERRNO_EACCES           13  /* Permission denied. */
    #define pdFREERTOS_ERRNO_EFAULT           14  /* Bad address. */
    #define pdFREERTOS_ERRNO_EBUSY            16  /* Device busy. */
    #define pdFREERTOS_ERRNO_EEXIST           17  /* Already exists. */
    #define pdFREERTOS_ERRNO_EXDEV            18  /* Cross-device link. */
    #define pdFREERTOS_ERRNO_ENODEV           19  /* No such device. */
    #define pdFREERTOS_ERRNO_ENOTDIR          20  /* Not a directory. */
    #define pdFREERTOS_ERRNO_EISDIR           21  /* Is a directory. */
    #define pdFREERTOS_ERRNO_EINVAL           22  /* Invalid argument. */
    #define pdFREERTOS_ERRNO_ENOSPC           28  /* No space left. */
    #define pdFREERTOS_ERRNO_ESPIPE           29  /* Illegal seek. */
    #define pdFREERTOS_ERRNO_EROFS            30  /* Read-only file system. */
    #define pdFREERTOS_ERRNO_EUNATCH          42  /* Protocol driver not attached. */
    #define pdFREERTOS_ERRNO_EBADE            50  /* Invalid exchange. */
    #define pdFREERTOS_ERRNO_EFTYPE           79  /* Wrong file type or format. */
    #define pdFREERTOS_ERRNO_ENMFILE          89  /* No more files. */
    #define pdFREERTOS_ERRNO_ENOTEMPTY        90  /* Directory not empty. */
    #define pdFREERTOS_ERRNO_ENAMETOOLONG     91  /* Name too long. */
    #define pdFREERTOS_ERRNO_EOPNOTSUPP       95  /* Operation not supported. */
    #define pdFREERTOS_ERRNO_EAFNOSUPPORT     97  /* Address family not supported. */
    #define pdFREERTOS_ERRNO_ENOBUFS          105 /* No buffer space. */
    #define pdFREERTOS_ERRNO_ENOPROTOOPT      109 /* Protocol option not available. */
    #define pdFREERTOS_ERRNO_EADDRINUSE       112 /* Address in use. */
    #define pdFREERTOS_ERRNO_ETIMEDOUT        116 /* Timed out. */
    #define pdFREERTOS_ERRNO_EINPROGRESS      119 /* Connection in progress. */
    #define pdFREERTOS_ERRNO_EALREADY         120 /* Already connected. */
    #define pdFREERTOS_ERRNO_EADDRNOTAVAIL    125 /* Address not available. */
    #define pdFREERTOS_ERRNO_EISCONN          127 /* Already connected. */
    #define pdFREERTOS_ERRNO_ENOTCONN         128 /* Not connected. */
    #define pdFREERTOS_ERRNO_ENOMEDIUM        135 /* No medium. */
    #define pdFREERTOS_ERRNO_EILSEQ           138 /* Invalid UTF-16 sequence. */
    #define pdFREERTOS_ERRNO_ECANCELED        140 /* Cancelled. */

    #define pdFREERTOS_LITTLE_ENDIAN          0
    #define pdFREERTOS_BIG_ENDIAN             1
#else
    #ifndef pdFREERTOS_ERRNO_EAFNOSUPPORT
        #define pdFREERTOS_ERRNO_EAFNOSUPPORT    97
    #endif
#endif

/* Writes the name of a pdFREERTOS_ERRNO_* code into pcBuffer; returns
 * pcBuffer. */
const char * FreeRTOS_strerror_r( BaseType_t xErrnum,
                                  char * pcBuffer,
                                  size_t uxLength );

#ifdef __cplusplus
}
#endif

#endif /* FREERTOS_ERRNO_TCP */
