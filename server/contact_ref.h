/* A contact's reference id as people and clients see it: "c" and the
 * row's id, "c12". One parser and one formatter. Pure. */
#ifndef HL_CONTACT_REF_H
#define HL_CONTACT_REF_H

#include <stddef.h>
#include <stdint.h>

/* Room for the longest reference and its NUL ("c" and 19 digits). */
#define HL_CONTACT_REF_MAX 21

/* Parses `ref`: "c" then a positive decimal id with no sign, space or
 * leading zero, nothing after it, within int64. 0 and *id, or
 * HL_E_INVALID for anything else ("", "c", "c0", "c012", "c-1", " c1",
 * "c12x", "C12", overflow, NULL). */
int hl_contact_ref_parse(const char *ref, int64_t *id);

/* Writes "c<id>" into `out` (cap bytes, HL_CONTACT_REF_MAX is enough);
 * returns `out`. */
char *hl_contact_ref_format(int64_t id, char *out, size_t cap);

#endif
