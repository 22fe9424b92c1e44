/* Strict UTF-8 decoding by Unicode's table of well-formed byte sequences,
 * shared by the text rules (refuse) and the terminal width code (show
 * U+FFFD). */
#include "utf8.h"

size_t hl_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const uint8_t *s = (const uint8_t *)str;
	uint8_t c, lo = 0x80, hi = 0xBF;  /* range of the first continuation */
	size_t need;
	uint32_t v;

	if (n == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		v = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;   /* overlong below U+0800 */
		else if (c == 0xED)
			hi = 0x9F;   /* surrogates U+D800..U+DFFF */
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		v = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;   /* overlong below U+10000 */
		else if (c == 0xF4)
			hi = 0x8F;   /* above U+10FFFF */
	} else {
		return 0;    /* 0x80..0xC1 and 0xF5..0xFF never start a sequence */
	}
	if (n - 1 < need || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t j = 1; j <= need; j++) {
		if (s[j] < 0x80 || s[j] > 0xBF)
			return 0;
		v = v << 6 | (s[j] & 0x3F);
	}
	*cp = v;
	return need + 1;
}
