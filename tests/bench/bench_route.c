/* Benchmark of the routing engine's offer decisions: 10,000 contacts waiting across 50 queues, 2,000 agents. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "route.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define QUEUES 50
#define AGENTS 2000
#define WAITING 10000
#define SKILLS 3
#define ROUNDS 100000
#define STEP_MS 10

/* A growing list of samples in nanoseconds. */
typedef struct samples {
	int64_t *v;
	size_t n, cap;
} samples;

static void add(samples *s, int64_t ns)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 4096;
		s->v = realloc(s->v, s->cap * sizeof *s->v);
		if (!s->v) {
			fprintf(stderr, "bench_route: out of memory\n");
			exit(1);
		}
	}
	s->v[s->n++] = ns;
}

static int cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static void report(const char *what, samples *s)
{
	if (!s->n) {
		printf("%-40s no samples\n", what);
		return;
	}
	qsort(s->v, s->n, sizeof *s->v, cmp64);
	double p50 = s->v[s->n / 2] / 1000.0, p99 = s->v[s->n * 99 / 100] / 1000.0;
	printf("%-40s n=%-7zu p50=%7.2f us  p99=%7.2f us  max=%8.2f us\n", what, s->n, p50, p99,
	       s->v[s->n - 1] / 1000.0);
}

static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static uint64_t rng = 88172645463325252ULL;
static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void die(const char *what, int rc)
{
	fprintf(stderr, "bench_route: %s failed (%d)\n", what, rc);
	exit(1);
}

/* Accepts every offer in `out`, so no offer timer runs. */
static void accept_all(hl_route *r, int64_t t, hl_route_out *out, hl_route_out *tmp, char (*held)[HL_ROUTE_ID_MAX],
		       size_t *n_held)
{
	for (size_t i = 0; i < out->n; i++) {
		if (out->v[i].kind != HL_ROUTE_OFFER)
			continue;
		hl_route_out_clear(tmp);
		int rc = hl_route_accept(r, t, out->v[i].agent, out->v[i].contact, tmp);
		if (rc)
			die("accept", rc);
		memcpy(held[(*n_held)++], out->v[i].contact, HL_ROUTE_ID_MAX);
	}
}

int main(void)
{
	hl_route_config conf;
	hl_route_config_default(&conf);
	conf.seed = 42;
	hl_route *r = hl_route_new(&conf);
	hl_route_out out, tmp;
	hl_route_out_init(&out);
	hl_route_out_init(&tmp);
	char id[32];
	int64_t t = 0;
	int rc;

	/* Every strategy in turn; the skill_level queues use tiers. */
	for (int q = 0; q < QUEUES; q++) {
		hl_route_queue_conf qc;
		snprintf(id, sizeof id, "q%d", q);
		hl_route_queue_conf_default(&qc, id);
		qc.strategy = (hl_route_strategy)(q % HL_ROUTE_STRATEGY_COUNT);
		qc.priority = q % 3;
		qc.offer_timeout_s = 15;
		if ((rc = hl_route_queue_set(r, t, &qc, &out)))
			die("queue_set", rc);
	}
	for (int a = 0; a < AGENTS; a++) {
		char qn[SKILLS][16];
		hl_route_skill sk[SKILLS];
		for (int k = 0; k < SKILLS; k++) {
			snprintf(qn[k], sizeof qn[k], "q%d", (a * 7 + k * 17) % QUEUES);
			sk[k] = (hl_route_skill){.queue = qn[k], .level = 1 + (int)(next_rand() % 10)};
		}
		snprintf(id, sizeof id, "a%d", a);
		hl_route_agent_conf ac = {.id = id, .capacity = 1, .skills = sk, .n_skills = SKILLS};
		if ((rc = hl_route_agent_set(r, t, &ac, &out)))
			die("agent_set", rc);
		if ((rc = hl_route_agent_state(r, t, id, HL_ROUTE_STATE_AVAILABLE, NULL, &out)))
			die("agent_state", rc);
	}
	hl_route_out_clear(&out);

	char (*held)[HL_ROUTE_ID_MAX] = calloc(AGENTS + 16, sizeof *held);
	size_t n_held = 0;
	samples arrive_offer = {0}, arrive_queue = {0}, free_offer = {0};
	int next_contact = 0;

	/* Phase 1: arrivals while agents are free (contact-side decisions),
	 * until every agent is busy and 10,000 contacts wait. */
	while (n_held < AGENTS || next_contact < AGENTS + WAITING) {
		t += 1;
		snprintf(id, sizeof id, "c%d", next_contact++);
		char qn[16];
		snprintf(qn, sizeof qn, "q%d", (int)(next_rand() % QUEUES));
		hl_route_contact_conf cc = {.id = id, .queue = qn, .priority = (int)(next_rand() % 2)};
		hl_route_out_clear(&out);
		int64_t t0 = now_ns();
		rc = hl_route_contact_add(r, t, &cc, &out);
		int64_t dt = now_ns() - t0;
		if (rc)
			die("contact_add", rc);
		bool offered = false;
		for (size_t i = 0; i < out.n; i++)
			offered |= out.v[i].kind == HL_ROUTE_OFFER;
		add(offered ? &arrive_offer : &arrive_queue, dt);
		accept_all(r, t, &out, &tmp, held, &n_held);
		if (next_contact > 40 * (AGENTS + WAITING))
			break; /* tiers keep some agents free: stop anyway */
	}
	hl_route_queue_stats st;
	size_t waiting = 0;
	for (int q = 0; q < QUEUES; q++) {
		snprintf(id, sizeof id, "q%d", q);
		hl_route_queue_stats_get(r, id, t, &st);
		waiting += st.queued;
	}
	printf("set-up: %d queues, %d agents (%d skills each), %zu contacts waiting, %zu in conversation\n",
	       QUEUES, AGENTS, SKILLS, waiting, n_held);

	/* Phase 2: steady state. A conversation ends (the agent frees up and
	 * is offered the best contact across its queues), the offer is
	 * accepted, a new contact arrives; 10,000 keep waiting. */
	for (int round = 0; round < ROUNDS; round++) {
		t += STEP_MS;
		size_t k = next_rand() % n_held;
		char ended[HL_ROUTE_ID_MAX];
		memcpy(ended, held[k], sizeof ended);
		memcpy(held[k], held[--n_held], sizeof held[k]);
		hl_route_out_clear(&out);
		int64_t t0 = now_ns();
		rc = hl_route_end(r, t, ended, &out);
		int64_t dt = now_ns() - t0;
		if (rc)
			die("end", rc);
		bool offered = false;
		for (size_t i = 0; i < out.n; i++)
			offered |= out.v[i].kind == HL_ROUTE_OFFER;
		if (offered)
			add(&free_offer, dt);
		accept_all(r, t, &out, &tmp, held, &n_held);

		snprintf(id, sizeof id, "c%d", next_contact++);
		char qn[16];
		snprintf(qn, sizeof qn, "q%d", (int)(next_rand() % QUEUES));
		hl_route_contact_conf cc = {.id = id, .queue = qn, .priority = (int)(next_rand() % 2)};
		hl_route_out_clear(&out);
		t0 = now_ns();
		rc = hl_route_contact_add(r, t, &cc, &out);
		dt = now_ns() - t0;
		if (rc)
			die("contact_add", rc);
		offered = false;
		for (size_t i = 0; i < out.n; i++)
			offered |= out.v[i].kind == HL_ROUTE_OFFER;
		add(offered ? &arrive_offer : &arrive_queue, dt);
		accept_all(r, t, &out, &tmp, held, &n_held);
	}
	waiting = 0;
	for (int q = 0; q < QUEUES; q++) {
		snprintf(id, sizeof id, "q%d", q);
		hl_route_queue_stats_get(r, id, t, &st);
		waiting += st.queued;
	}
	printf("after %d rounds: %zu contacts waiting, %zu in conversation\n\n", ROUNDS, waiting, n_held);
	report("offer decision, agent frees up", &free_offer);
	report("offer decision, contact arrives", &arrive_offer);
	report("arrival queued (no agent free)", &arrive_queue);
	samples all = {0};
	for (size_t i = 0; i < free_offer.n; i++)
		add(&all, free_offer.v[i]);
	for (size_t i = 0; i < arrive_offer.n; i++)
		add(&all, arrive_offer.v[i]);
	report("all offer decisions", &all);
	free(all.v);
	free(free_offer.v);
	free(arrive_offer.v);
	free(arrive_queue.v);
	free(held);
	hl_route_out_free(&out);
	hl_route_out_free(&tmp);
	hl_route_free(r);
	return 0;
}
