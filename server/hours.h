/* Business hours as text ("mon-fri 09:00-18:00; sat 10:00-16:00") to the
 * routing engine's minutes-of-week intervals. Pure. */
#ifndef HL_HOURS_H
#define HL_HOURS_H

#include <stddef.h>

#include "route.h"

/* Parses `text` into at most `cap` intervals; "" means always open
 * (*n = 0). Days: mon tue wed thu fri sat sun, a range "mon-fri" or a
 * list "mon,wed"; times HH:MM-HH:MM, "24:00" allowed as an end. Returns
 * 0, or HL_E_INVALID with a sentence in `err` naming the bad part. */
int hl_hours_parse(const char *text, hl_route_interval *out, size_t cap, size_t *n,
		   char *err, size_t errcap);

#endif
