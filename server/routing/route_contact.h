/* Contacts in their queue: arrival, the waiting lists, overflow, maximum
 * wait, preferred-agent holds, decline memory, requeue and release. */
#ifndef HL_ROUTE_CONTACT_H
#define HL_ROUTE_CONTACT_H

#include <stdbool.h>
#include <stdint.h>

#include "route_int.h"

/* Returns 0 if queue `q` takes a new contact at `now`, HL_E_CLOSED outside
 * its hours, HL_E_STATE when it holds max_len contacts. */
int route_contact_admit(const hl_route *r, const route_queue *q, int64_t now);

/* Makes contact `ci` a fresh arrival in queue `qi` at `now`: joins the
 * queue's lists as WAITING, counted offered there; its overflow memberships,
 * decline memory and lower-tier opening are reset. Does not route it. */
void route_contact_join(hl_route *r, uint32_t ci, uint32_t qi, int64_t now);

/* Links the contact's nodes into every waiting list it belongs to, or
 * unlinks them. */
void route_contact_link(hl_route *r, uint32_t ci);
void route_contact_unlink(hl_route *r, uint32_t ci);

/* For a WAITING contact: fires due overflow rules and the maximum wait,
 * routes it if an agent fits, and arms its next check. */
void route_contact_check(hl_route *r, uint32_t ci, int64_t now, hl_route_out *out);
void route_contact_on_check(hl_route *r, uint32_t ci, int64_t at, hl_route_out *out);

/* Puts a contact that left its queue (answered, transferred to an agent)
 * back at its old place, WAITING, emits REQUEUE (agent `from`, `reason`)
 * and routes it. */
void route_contact_requeue(hl_route *r, uint32_t ci, uint32_t from, const char *reason,
			   int64_t now, hl_route_out *out);

/* Forgets the contact: lists, nodes, timers, id. */
void route_contact_release(hl_route *r, uint32_t ci);

/* True while agent `ai` declined or missed the contact within reoffer_s. */
bool route_contact_excluded(const route_contact *c, uint32_t ai, int64_t now);

/* Remembers that agent `ai` declined or missed the contact. */
void route_contact_exclude(hl_route *r, uint32_t ci, uint32_t ai, int64_t now);

/* The agent holding the contact for a returning customer at `now`, or
 * ROUTE_NONE when no hold applies. */
uint32_t route_contact_holder(const hl_route *r, const route_contact *c, int64_t now);

#endif
