/* Contact-detail masking: finds e-mail addresses and long digit runs in a
 * copy of the text and stars them out in place. */
#include "mask.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_mail(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '.' ||
	       c == '_' || c == '%' || c == '+' || c == '-';
}

static bool is_sep(char c)
{
	return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')';
}

/* Stars out the local part of each address in b (len bytes) after its
 * first character; "***" stands for any length, so the length is not
 * told either. Works on a copy that may shrink. */
static size_t mask_mail(char *b, size_t *len)
{
	size_t masked = 0;

	for (size_t at = 0; at < *len; at++) {
		size_t start, end, dot = 0;
		if (b[at] != '@')
			continue;
		start = at;
		while (start > 0 && is_mail(b[start - 1]))
			start--;
		for (end = at + 1; end < *len && (is_mail(b[end]) && b[end] != '+'); end++)
			if (b[end] == '.' && end > at + 1 && end + 1 < *len && is_mail(b[end + 1]))
				dot = end;
		if (start == at || !dot)
			continue;
		/* Keep the first character, then "***", then "@domain". */
		size_t keep = start + 1, cut = at - keep;
		if (cut == 0 || (cut == 3 && memcmp(b + keep, "***", 3) == 0))
			continue;
		if (cut >= 3) {
			memcpy(b + keep, "***", 3);
			memmove(b + keep + 3, b + at, *len - at + 1);
			*len -= cut - 3;
		} else {
			/* Shorter than the stars: grow in place is not possible,
			 * so star what is there. */
			memset(b + keep, '*', cut);
		}
		masked += cut;
		at = keep + 3;
	}
	return masked;
}

/* Stars out long digit runs in b, keeping the ends as documented. */
static size_t mask_digits(char *b, size_t len)
{
	size_t masked = 0, i = 0;

	while (i < len) {
		size_t start, end, ndig = 0, last = 0;
		if (!is_digit(b[i]) || (i > 0 && (b[i - 1] == '@' || is_digit(b[i - 1])))) {
			i++;
			continue;
		}
		start = end = i;
		/* Digits with single separators between them. */
		while (end < len) {
			if (is_digit(b[end])) {
				ndig++;
				last = end;
				end++;
			} else if (is_sep(b[end]) && end + 1 < len &&
				   (is_digit(b[end + 1]) || (is_sep(b[end + 1]) && b[end] != b[end + 1] &&
							     end + 2 < len && is_digit(b[end + 2])))) {
				end++;
			} else {
				break;
			}
		}
		/* A date (2024-05-06) is not a phone number. */
		if (ndig == 8 && last - start == 9 && b[start + 4] == '-' && b[start + 7] == '-') {
			i = last + 1;
			continue;
		}
		if (ndig >= 7) {
			size_t keep_head = ndig >= 11 ? 3 : 0, keep_tail = 4, k = 0;
			for (size_t j = start; j <= last; j++) {
				if (!is_digit(b[j]))
					continue;
				if (k >= keep_head && k < ndig - keep_tail) {
					b[j] = '*';
					masked++;
				}
				k++;
			}
		}
		i = last + 1;
	}
	return masked;
}

size_t hl_agent_mask_text(const char *s, char *out, size_t cap)
{
	size_t len = s ? strlen(s) : 0, masked, n;
	char *b;

	if (!cap)
		return 0;
	out[0] = 0;
	if (!(b = malloc(len + 1)))
		return 0;
	memcpy(b, s ? s : "", len + 1);
	masked = mask_mail(b, &len);
	masked += mask_digits(b, len);
	n = len < cap - 1 ? len : cap - 1;
	/* Never end inside a UTF-8 sequence. */
	while (n > 0 && n < len && ((unsigned char)b[n] & 0xC0) == 0x80)
		n--;
	memcpy(out, b, n);
	out[n] = 0;
	free(b);
	return masked;
}
