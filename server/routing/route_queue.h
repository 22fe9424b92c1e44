/* Queues: settings, business hours, staffing counts, the free-agent list
 * and the join-ordered list of a queue's own contacts. */
#ifndef HL_ROUTE_QUEUE_H
#define HL_ROUTE_QUEUE_H

#include <stdbool.h>
#include <stdint.h>

#include "route_int.h"

/* Longest setting in seconds (30 days): keeps every ms sum far from overflow. */
#define ROUTE_SECS_MAX 2592000

/* Frees what a queue owns (not its contacts). */
void route_queue_fini(route_queue *q);

/* True when `q` is within its business hours at engine time `now`. */
bool route_queue_open(const hl_route *r, const route_queue *q, int64_t now);

/* The skill tier of `level` in `q`: how many distinct levels above it
 * have a logged-in agent (0 = the best staffed level). */
int route_queue_tier(const route_queue *q, int level);

/* How many distinct levels have a logged-in agent. */
int route_queue_tiers(const route_queue *q);

/* Logged-in members of `q` in region `region`. */
uint32_t route_queue_region_staffed(const route_queue *q, uint32_t region);

/* Adds `delta` (+1 or -1) logged-in members of `level` and `region`.
 * Returns 0 or HL_E_NOMEM. */
int route_queue_staff(route_queue *q, int level, uint32_t region, int delta);

/* Lists agent `ai` (skill `level`) as free in queue `qi`; returns its
 * position, or ROUTE_NONE when memory runs out. */
uint32_t route_queue_free_add(hl_route *r, uint32_t qi, uint32_t ai, int level);

/* Unlists the free entry at `pos` of queue `qi`. */
void route_queue_free_remove(hl_route *r, uint32_t qi, uint32_t pos);

/* Adds or removes agent `ai` as a member of queue `qi`. 0 or HL_E_NOMEM. */
int route_queue_member_add(route_queue *q, uint32_t ai);
void route_queue_member_remove(route_queue *q, uint32_t ai);

/* Puts contact `ci` into its queue's join-ordered list (by join time, then
 * entry order), or takes it out. */
void route_queue_list_add(hl_route *r, uint32_t ci);
void route_queue_list_remove(hl_route *r, uint32_t ci);

/* Routes again every contact waiting in queue `qi` (settings or staffing
 * changed what is eligible). */
void route_queue_rematch(hl_route *r, uint32_t qi, int64_t now, hl_route_out *out);

#endif
