/* The benchmark hooks: plain lines of "name value", flushed at close (and
 * now and then), so measuring costs the frames nothing but a fprintf. */
#include "bench.h"

#include <stdio.h>
#include <time.h>

static FILE *out;
static int first_done;

static int64_t wall_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t hl_agent_bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void hl_agent_bench_open(const char *path)
{
	if (!path || !path[0] || out)
		return;
	if (!(out = fopen(path, "w")))
		return;
	fprintf(out, "start_ns %lld\n", (long long)wall_ns());
	fflush(out);
}

void hl_agent_bench_first_frame(void)
{
	if (!out || first_done)
		return;
	first_done = 1;
	fprintf(out, "first_frame_ns %lld\n", (long long)wall_ns());
	fflush(out);
}

void hl_agent_bench_frame(int64_t ns)
{
	static unsigned n;

	if (!out)
		return;
	fprintf(out, "frame_us %lld at_ms %lld\n", (long long)(ns / 1000),
		(long long)(hl_agent_bench_now_ns() / 1000000));
	if (++n % 64 == 0)
		fflush(out);
}

void hl_agent_bench_close(void)
{
	if (out) {
		fprintf(out, "end\n");
		fclose(out);
	}
	out = NULL;
}
