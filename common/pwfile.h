/* Reading a password from a file (first line, newline stripped). */
#ifndef HL_PWFILE_H
#define HL_PWFILE_H

#include <stddef.h>

#define HL_PASSWORD_MAX 256

/* Reads the first line of `path` into `buf` (capacity `cap`). Returns 0,
 * HL_E_IO (unreadable: errno kept), HL_E_INVALID (empty) or HL_E_TOOBIG. */
int hl_pwfile_read(const char *path, char *buf, size_t cap);

#endif
