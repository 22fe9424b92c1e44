/* hotline-sim run's randomness: two xoshiro256** streams seeded by --seed,
 * and the draws the run makes from them. */
#ifndef HL_SIM_RAND_H
#define HL_SIM_RAND_H

#include <stdint.h>

#include "sim_int.h"

/* Seeds S's two streams from `seed`: one for arrivals and patience, drawn
 * in a fixed order so the offered load repeats exactly with a seed; one
 * for everything else, whose order of draws depends on the run's timing. */
void hl_sim_rand_seed(hl_sim_run *S, uint64_t seed);

/* The next 64 random bits of the general stream. */
uint64_t hl_sim_rand_next(hl_sim_run *S);

/* An exponentially distributed duration of mean `mean_us`, from the
 * arrivals' stream. */
int64_t hl_sim_rand_arrival(hl_sim_run *S, double mean_us);

/* Uniform in [lo, hi), from the general stream. */
int64_t hl_sim_rand_between(hl_sim_run *S, int64_t lo, int64_t hi);

/* A typing delay in µs: the mean from --typing-ms, spread ±50 %. */
int64_t hl_sim_rand_typing(hl_sim_run *S);

#endif
