/* Formatting durations and countdowns, and placing a broker's deadline on
 * the local clock; no clock is read here. */
#include "timefmt.h"

#include <stdio.h>

char *hl_timefmt_duration(int64_t ms, char *buf, size_t cap)
{
	long long s = ms > 0 ? (long long)(ms / 1000) : 0;

	if (s < 60)
		snprintf(buf, cap, "%llds", s);
	else if (s < 3600)
		snprintf(buf, cap, "%lld:%02lld", s / 60, s % 60);
	else
		snprintf(buf, cap, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
	return buf;
}

char *hl_timefmt_countdown(int64_t deadline, int64_t now, char *buf, size_t cap)
{
	int64_t left = deadline - now;

	/* Rounded up: 0.2 s left still shows "1s". */
	if (left > 0)
		left = (left + 999) / 1000 * 1000;
	return hl_timefmt_duration(left, buf, cap);
}

int hl_timefmt_next_tick(int64_t since, int64_t now)
{
	int64_t el = now - since;
	int64_t r;

	if (el < 0)
		return (int)(-el > 1000 ? 1000 : -el);
	r = 1000 - el % 1000;
	return (int)r;
}

int64_t hl_timefmt_deadline(int64_t expires, int64_t ev_time, int64_t now_mono,
				  int64_t now_wall, int64_t skew_ms)
{
	int64_t d = now_wall - ev_time;

	if (d < 0)
		d = -d;
	if (d <= skew_ms)
		return now_mono + (expires - now_wall);
	return now_mono + (expires - ev_time);
}
