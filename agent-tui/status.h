/* The status line's segments: who, state and time in it (coloured by
 * state), the served queues with their waiting counts, unread lines,
 * connection health and the clock. Pure: laid out by bar.h, drawn by the
 * screen. */
#ifndef HL_AGENT_STATUS_H
#define HL_AGENT_STATUS_H

#include <stddef.h>

#include "bar.h"
#include "climodel.h"

/* Connection health as the screen knows it. */
enum {
	HL_AGENT_CONN_OK,
	HL_AGENT_CONN_SLOW,          /* a request has waited over a second or two */
	HL_AGENT_CONN_RECONNECTING,  /* the client is re-establishing its session */
	HL_AGENT_CONN_DOWN,          /* the last poll failed */
};

#define HL_AGENT_STATUS_SEGS (8 + HL_CM_QUEUE_MAX)

typedef struct hl_agent_status {
	hl_tui_bar_seg segs[HL_AGENT_STATUS_SEGS];
	char text[HL_AGENT_STATUS_SEGS][160];
	size_t n;
} hl_agent_status;

/* Builds the segments for desk d at now, with connection health conn
 * (HL_AGENT_CONN_*). The clock shows now.wall as local HH:MM. */
void hl_agent_status_build(hl_agent_status *st, const hl_cm_model *d, int conn,
			   hl_cm_now now);

#endif
