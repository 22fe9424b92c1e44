/* hotline-sim run's randomness: the two xoshiro256** streams and the
 * delays and durations drawn from them. */
#include "sim_rand.h"

#include <math.h>


static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/* xoshiro256** */
static uint64_t next_on(uint64_t *s)
{
	uint64_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return r;
}

static void seed_on(uint64_t *s, uint64_t seed)
{
	for (int i = 0; i < 4; i++) {
		/* splitmix64 spreads one seed over the state. */
		uint64_t z = (seed += 0x9e3779b97f4a7c15ull);
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
		s[i] = z ^ (z >> 31);
	}
}

static double u01_on(uint64_t *s)
{
	return (double)(next_on(s) >> 11) * (1.0 / 9007199254740992.0);
}

void hl_sim_rand_seed(hl_sim_run *S, uint64_t seed)
{
	seed_on(S->rng, seed);
	seed_on(S->arr, seed ^ 0x5deece66dull);
}

uint64_t hl_sim_rand_next(hl_sim_run *S)
{
	return next_on(S->rng);
}

int64_t hl_sim_rand_arrival(hl_sim_run *S, double mean_us)
{
	return (int64_t)(-log(1.0 - u01_on(S->arr)) * mean_us);
}

int64_t hl_sim_rand_between(hl_sim_run *S, int64_t lo, int64_t hi)
{
	return lo + (int64_t)(u01_on(S->rng) * (double)(hi - lo));
}

int64_t hl_sim_rand_typing(hl_sim_run *S)
{
	return hl_sim_rand_between(S, S->o.typing_ms * 500, S->o.typing_ms * 1500);
}
