/* Durations as an agent reads them at a glance: "42s", "3:05", "1:02:07";
 * countdowns rounded up so "0s" means the time is up. */
#ifndef HL_TIMEFMT_H
#define HL_TIMEFMT_H

#include <stddef.h>
#include <stdint.h>

/* Writes ms as "Ns" under a minute, "M:SS" under an hour, else
 * "H:MM:SS" (whole seconds, rounded down; negative counts as 0) into
 * buf and returns buf. */
char *hl_timefmt_duration(int64_t ms, char *buf, size_t cap);

/* Writes the time left until deadline at now (both in the same clock's
 * ms) rounded up to whole seconds, in the form above, and returns buf:
 * "1s" until the last millisecond, "0s" after. */
char *hl_timefmt_countdown(int64_t deadline, int64_t now, char *buf, size_t cap);

/* Milliseconds until the next whole-second change of a duration that
 * started at `since` (for timers that redraw exactly when the text
 * changes); 1..1000. */
int hl_timefmt_next_tick(int64_t since, int64_t now);

/* Where an offer's deadline falls on the caller's monotonic clock. The
 * broker sent expires (its wall clock) in an event stamped ev_time (its
 * wall clock); the client reads now_mono and now_wall. When the two wall
 * clocks agree within skew_ms the broker's deadline is used as it is,
 * so a late event shows the time really left; otherwise the time left
 * is reckoned from the event's own stamp. */
int64_t hl_timefmt_deadline(int64_t expires, int64_t ev_time, int64_t now_mono,
				  int64_t now_wall, int64_t skew_ms);

#endif
