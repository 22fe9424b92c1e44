/* The hotlist: the order the desk's conversations are listed in (offers
 * first, soonest deadline on top; then chats, oldest first; then
 * wrap-ups), the number each is jumped to by, and each row's pieces and
 * colours. Pure: the caller passes the time. */
#ifndef HL_AGENT_HOTLIST_H
#define HL_AGENT_HOTLIST_H

#include <stddef.h>
#include <stdint.h>

#include "climodel.h"

typedef struct hl_agent_hotrow {
	char num[4];        /* "1".."9"; "" past nine */
	char label[160];    /* the customer and the queue's label */
	int label_role;     /* offer, unread, wrap-up or normal */
	char badge[16];     /* unread lines, e.g. "3"; "" none */
	char timer[24];     /* an offer's countdown, a customer's wait, time in wrap-up */
	int timer_role;     /* coloured by how urgent it is */
} hl_agent_hotrow;

/* Fills row for conversation c listed at position pos at time now_mono. */
void hl_agent_hotlist_row(const hl_cm_model *d, const hl_cm_conv *c, size_t pos,
			  int64_t now_mono, hl_agent_hotrow *row);

/* The role of a customer's wait: normal, then warn, then bad as it grows
 * (thresholds in hotlist.c's table). */
int hl_agent_hotlist_wait_role(int64_t waited_ms);

/* The role of an offer's time left: warn, then bad in its last seconds. */
int hl_agent_hotlist_countdown_role(int64_t left_ms);

/* True when some row shows a running clock (so it must be drawn again
 * each second). */
int hl_agent_hotlist_ticking(const hl_cm_model *d);

#endif
