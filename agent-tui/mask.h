/* Masking a customer's contact details in what the agent sees (SPEC §9):
 * e-mail addresses and phone-like numbers are starred out. Pure. */
#ifndef HL_AGENT_MASK_H
#define HL_AGENT_MASK_H

#include <stddef.h>

/* Copies UTF-8 text s into out (cap bytes, always NUL-terminated when
 * cap > 0, cut on a character boundary) with contact details masked:
 * - an e-mail address keeps its local part's first character and its
 *   domain: "wang.wei@example.com" -> "w***@example.com";
 * - a run of 7 or more digits (spaces, '-', '.', '(' and ')' between
 *   them allowed, a leading '+' too) keeps its last 4 digits, and its
 *   first 3 when it has 11 or more: "13812345678" -> "138****5678";
 *   separators stay where they were.
 * Shorter numbers (order sizes, dates' parts) are left alone. Returns
 * the number of characters masked. */
size_t hl_agent_mask_text(const char *s, char *out, size_t cap);

#endif
