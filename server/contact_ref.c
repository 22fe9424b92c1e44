/* Contact reference ids ("c12"): the one parser of them, strict, because
 * they arrive from clients and command lines. */
#include "contact_ref.h"

#include <stdio.h>

#include "error.h"

int hl_contact_ref_parse(const char *ref, int64_t *id)
{
	int64_t v = 0;
	const char *p;

	if (!ref || ref[0] != 'c')
		return HL_E_INVALID;
	p = ref + 1;
	/* Digits only, by hand: strtoll would take a sign, spaces and a
	 * leading zero, and so read two spellings as one contact. */
	if (*p < '1' || *p > '9')
		return HL_E_INVALID;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return HL_E_INVALID;
		if (v > (INT64_MAX - (*p - '0')) / 10)
			return HL_E_INVALID;
		v = v * 10 + (*p - '0');
	}
	*id = v;
	return 0;
}

char *hl_contact_ref_format(int64_t id, char *out, size_t cap)
{
	snprintf(out, cap, "c%lld", (long long)id);
	return out;
}
