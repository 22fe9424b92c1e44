/* Where a conversation may be transferred: the queues by their labels and
 * the other agents by display name and state, as the transfer menu lists
 * them. Pure: no I/O, no curses. */
#ifndef HL_AGENT_TRANSFER_H
#define HL_AGENT_TRANSFER_H

#include <stdbool.h>
#include <stddef.h>

#include "climodel.h"
#include "hotline.pb-c.h"

#define HL_AGENT_TARGETS_MAX 96

typedef struct hl_agent_target {
	bool agent;         /* an agent (by name), else a queue (by id) */
	bool disabled;      /* an Offline agent: shown, not chosen */
	char id[68];        /* what the request names */
	char label[256];    /* what a person reads */
} hl_agent_target;

/* Fills out[0..max) with the desk's queues (labels in the interface
 * language, the id when there is none), then the agents of `al` other
 * than the desk's own ("王小丽 · Available"; Offline ones disabled).
 * `al` may be NULL (no agent list: queues only). Returns how many. */
size_t hl_agent_transfer_targets(const hl_cm_model *d, const Hotline__AgentListReply *al,
				 hl_agent_target *out, size_t max);

#endif
