/* Benchmark hooks: the moment the first screen shows and how long each
 * frame takes to draw, written to the file named by --bench-frames FILE
 * (or $HOTLINE_AGENT_BENCH) for tests/bench/bench_agent.sh. Off by
 * default: then every hook returns at once. */
#ifndef HL_AGENT_BENCH_H
#define HL_AGENT_BENCH_H

#include <stdint.h>

/* Opens path for writing and records "start_ns N" (the wall clock, ns).
 * NULL or "" leaves the hooks off. */
void hl_agent_bench_open(const char *path);

/* Records "first_frame_ns N" the first time it is called. */
void hl_agent_bench_first_frame(void);

/* Records "frame_us N at_ms T" for a frame that took ns nanoseconds,
 * drawn at T ms of the monotonic clock. */
void hl_agent_bench_frame(int64_t ns);

/* The monotonic clock in ns, for timing frames. */
int64_t hl_agent_bench_now_ns(void);

/* Writes "end", flushes and closes the file. */
void hl_agent_bench_close(void);

#endif
