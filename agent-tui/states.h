/* The agent states and Not Ready reasons the desk offers and shows: one
 * table for the F2 menu, /state and the status line's words and colours. */
#ifndef HL_AGENT_STATES_H
#define HL_AGENT_STATES_H

#include <stddef.h>

typedef struct hl_agent_state_def {
	const char *state;   /* the broker's: available, not_ready, offline */
	const char *reason;  /* for not_ready: break, lunch, …; else "" */
	const char *label;   /* what a person reads (N_()) */
	int key;             /* its hotkey in the menu */
} hl_agent_state_def;

/* The states to choose from, in menu order; count in *n. */
const hl_agent_state_def *hl_agent_states(size_t *n);

/* The words for a state and reason as the broker names them ("wrap_up",
 * "not_ready" + "break"…), translated: "Available", "Not ready: break".
 * Unknown reasons are shown as they are. Writes into buf. */
const char *hl_agent_state_text(const char *state, const char *reason, char *buf, size_t cap);

/* The theme role that colours a state. */
int hl_agent_state_role(const char *state);

#endif
