/* The two clocks, read in one place: wall time for what is stored and
 * shown, monotonic time for timeouts and intervals. Only the loop, the
 * network threads, tools and clients call these; domain code is handed
 * `now`. */
#ifndef HL_CLOCK_H
#define HL_CLOCK_H

#include <stdint.h>

/* Milliseconds since the Unix epoch (CLOCK_REALTIME): may step back or
 * forward when the system clock is set. */
int64_t hl_clock_wall_ms(void);

/* Milliseconds on CLOCK_MONOTONIC, from an arbitrary origin: never steps,
 * so it measures waits and intervals. */
int64_t hl_clock_mono_ms(void);

#endif
