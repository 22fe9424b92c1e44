/* Business hours as text ("mon-fri 09:00-18:00; sun 22:00-02:00") to the
 * engine's minutes-of-week intervals. Pure. */
#ifndef HL_ROUTE_HOURS_H
#define HL_ROUTE_HOURS_H

#include <stddef.h>

#include "route.h"

/* Parses `text` — clauses "DAYS HH:MM-HH:MM" separated by ';' — appending
 * intervals to out[*n..cap). Days: mon … sun, a range "mon-fri" or a list
 * "sat,sun"; "24:00" may end a range; a range that ends before it starts
 * runs past midnight into the next day. "" adds nothing (always open).
 * Returns 0, or HL_E_INVALID with a sentence in `err` naming the bad part. */
int hl_route_hours_parse(const char *text, hl_route_interval *out, size_t cap, size_t *n,
			 char *err, size_t errcap);

#endif
