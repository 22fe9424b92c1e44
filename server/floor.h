/* The floor's figures: per queue and overall, today, by the definitions
 * of common/metrics.c. */
#ifndef HL_FLOOR_H
#define HL_FLOOR_H

#include "broker.h"

int hl_floor(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);

/* Local midnight before `now_ms` (the broker's time zone). */
int64_t hl_floor_day_start(int64_t now_ms);

#endif
