/* Strict UTF-8 decoding: the one place that says which bytes are UTF-8.
 * Pure: no I/O, no state. */
#ifndef HL_UTF8_H
#define HL_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decodes the code point at s[0, len) by Unicode 15, table 3-7: returns its
 * length (1..4) with *cp, or 0 when len is 0 or the bytes there are not
 * well-formed (an overlong form, a surrogate, above U+10FFFF, a stray
 * continuation byte, a sequence cut short); *cp is then untouched. Never
 * reads past s[len - 1].
 */
size_t hl_utf8_decode(const char *s, size_t len, uint32_t *cp);

#endif
