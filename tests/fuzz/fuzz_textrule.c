/* libFuzzer target: the text rules (common/textrule.c) against any bytes,
 * checked against a slow, obviously right reference: Python-style strict
 * decoding by hand, code point by code point. */
#include <stddef.h>
#include <stdint.h>

#include "textrule.h"

/* A plainly written strict decoder: returns the length of the well-formed
 * sequence at s (0 if none) and its value. */
static size_t ref_decode(const uint8_t *s, size_t n, uint32_t *cp)
{
	size_t len;
	uint32_t v, min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0) {
		len = 2, v = s[0] & 0x1F, min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3, v = s[0] & 0x0F, min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		len = 4, v = s[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

static int ref_ok(const uint8_t *s, size_t n, unsigned flags)
{
	size_t i = 0, k;
	uint32_t c;

	while (i < n) {
		if (!(k = ref_decode(s + i, n - i, &c)))
			return 0;
		if ((c < 0x20 && !((c == '\n' || c == '\t') && (flags & HL_TEXTRULE_MULTILINE))) ||
		    (c >= 0x7F && c <= 0x9F))
			return 0;
		if ((c == 0x2028 || c == 0x2029) && !(flags & HL_TEXTRULE_MULTILINE))
			return 0;
		if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
			return 0;
		if ((c == 0x200E || c == 0x200F || c == 0x061C) && !(flags & HL_TEXTRULE_MARKS))
			return 0;
		i += k;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned flags;
	size_t at = 0;

	if (size < 1)
		return 0;
	flags = data[0] & 3u;
	data++, size--;
	hl_textrule_reason r = hl_textrule_check((const char *)data, size, flags, 0, &at);
	if ((r == HL_TEXTRULE_OK) != ref_ok(data, size, flags))
		__builtin_trap();
	if (r != HL_TEXTRULE_OK && (at >= size || r >= HL_TEXTRULE_REASONS))
		__builtin_trap();
	/* A limit never changes the verdict on the bytes, only adds too long. */
	r = hl_textrule_check((const char *)data, size, flags | HL_TEXTRULE_CHARS, size / 2, &at);
	if (r == HL_TEXTRULE_OK && size / 2 && !ref_ok(data, size, flags))
		__builtin_trap();
	return 0;
}
