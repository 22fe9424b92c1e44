/* Login throttling as a small table of recent failures keyed by user and by
 * peer address; the oldest record gives way when the table is full. */
#include "throttle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 4096

struct rec {
	char key[80];   /* "u:name" or "p:address" */
	int fails;
	int64_t last;
};

struct hl_throttle {
	struct rec r[SLOTS];
};

hl_throttle *hl_throttle_new(void)
{
	return calloc(1, sizeof(hl_throttle));
}

void hl_throttle_free(hl_throttle *t)
{
	free(t);
}

int64_t hl_throttle_delay(int fails)
{
	int64_t d = HL_THROTTLE_BASE_MS;

	if (fails <= 0)
		return 0;
	for (int i = 1; i < fails && d < HL_THROTTLE_MAX_MS; i++)
		d *= 2;
	return d < HL_THROTTLE_MAX_MS ? d : HL_THROTTLE_MAX_MS;
}

/* Finds the record for `key`; with `create`, takes a free slot or the one
 * failed least recently. Forgets stale records on the way. */
static struct rec *find(hl_throttle *t, const char *key, int create, int64_t now)
{
	struct rec *victim = NULL;

	for (int i = 0; i < SLOTS; i++) {
		struct rec *r = &t->r[i];
		if (r->key[0] && now - r->last > HL_THROTTLE_FORGET_MS)
			r->key[0] = 0;
		if (r->key[0] && strcmp(r->key, key) == 0)
			return r;
		if (!victim || (victim->key[0] && (!r->key[0] || r->last < victim->last)))
			victim = r;
	}
	if (!create)
		return NULL;
	memset(victim, 0, sizeof *victim);
	snprintf(victim->key, sizeof victim->key, "%s", key);
	return victim;
}

static int64_t wait_for(hl_throttle *t, const char *key, int64_t now)
{
	struct rec *r = find(t, key, 0, now);
	int64_t until;

	if (!r)
		return 0;
	until = r->last + hl_throttle_delay(r->fails);
	return until > now ? until - now : 0;
}

int64_t hl_throttle_wait(hl_throttle *t, const char *user, const char *peer, int64_t now)
{
	char k[80];
	int64_t a, b;

	snprintf(k, sizeof k, "u:%s", user);
	a = wait_for(t, k, now);
	snprintf(k, sizeof k, "p:%s", peer);
	b = wait_for(t, k, now);
	return a > b ? a : b;
}

int hl_throttle_fail(hl_throttle *t, const char *user, const char *peer, int64_t now)
{
	char k[80];
	struct rec *r;
	int fails = 0;

	snprintf(k, sizeof k, "p:%s", peer);
	if ((r = find(t, k, 1, now))) {
		r->fails++;
		r->last = now;
	}
	snprintf(k, sizeof k, "u:%s", user);
	if ((r = find(t, k, 1, now))) {
		r->fails++;
		r->last = now;
		fails = r->fails;
	}
	return fails;
}

void hl_throttle_ok(hl_throttle *t, const char *user, const char *peer)
{
	char k[80];
	struct rec *r;

	snprintf(k, sizeof k, "u:%s", user);
	if ((r = find(t, k, 0, INT64_MIN / 2)))
		r->key[0] = 0;
	snprintf(k, sizeof k, "p:%s", peer);
	if ((r = find(t, k, 0, INT64_MIN / 2)))
		r->key[0] = 0;
}
