/* Agents' routing profiles in the store: capacity, region, skills and the
 * agent's presence state. */
#ifndef HL_STORE_AGENT_H
#define HL_STORE_AGENT_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

typedef struct hl_store_agent {
	int64_t user_id;
	char name[65];
	char display[129];
	int capacity;
	char region[65];
	char state[16];
	char reason[32];
	int64_t since_ms;
} hl_store_agent;

/* Adds or updates the user's profile (capacity and region). Returns 0 or
 * HL_E_IO. */
int hl_store_agent_put(hl_store *st, int64_t user_id, int capacity, const char *region);

/* Replaces the user's skills whole with queues[i] at levels[i]. Returns 0
 * or the first failure. */
int hl_store_agent_skills_set(hl_store *st, int64_t user_id, const char *const *queues,
			      const int *levels, size_t n);

/* Records the agent's state and reason since `since_ms`. Returns 0 or
 * HL_E_IO. */
int hl_store_agent_state_set(hl_store *st, int64_t user_id, const char *state,
			     const char *reason, int64_t since_ms);

/* Calls `fn` for every enabled user with a profile, by user id; fn
 * returns non-zero to stop. Returns 0 or HL_E_IO. */
int hl_store_agent_each(hl_store *st, int (*fn)(const hl_store_agent *a, void *arg), void *arg);

/* Calls `fn` for each skill of one agent, by queue id. Returns 0 or
 * HL_E_IO. */
int hl_store_agent_skill_each(hl_store *st, int64_t user_id,
			      int (*fn)(const char *queue, int level, void *arg), void *arg);

/* The id of the contact the agent `name` ended most recently into *id.
 * Returns 0, HL_E_NOTFOUND if none, or HL_E_IO. */
int hl_store_agent_last_ended(hl_store *st, const char *name, int64_t *id);

#endif
