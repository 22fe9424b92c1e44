/* Read-only queries on the routing engine: queue figures, agent state and time, contact position. */
#include "route.h"

#include <string.h>

#include "error.h"
#include "route_agent.h"
#include "route_int.h"
#include "route_queue.h"

size_t hl_route_queue_count(const hl_route *r)
{
	return r->n_queues;
}

const char *hl_route_queue_id(const hl_route *r, size_t i)
{
	return i < r->n_queues ? r->queues[i].id : NULL;
}

int hl_route_queue_stats_get(const hl_route *r, const char *queue, int64_t now,
			     hl_route_queue_stats *st)
{
	uint32_t qi = route_queue_find(r, queue);
	if (qi == ROUTE_NONE)
		return HL_E_NOTFOUND;
	const route_queue *q = &r->queues[qi];
	memset(st, 0, sizeof *st);
	st->queued = q->queued;
	for (uint32_t ci = q->q_head; ci != ROUTE_NONE; ci = r->contacts[ci].q_next)
		if (r->contacts[ci].status == ROUTE_C_OFFERED)
			st->offering++;
	if (q->q_head != ROUTE_NONE)
		st->longest_wait_ms = now - r->contacts[q->q_head].join;
	for (uint32_t i = 0; i < q->n_members; i++)
		st->agents[r->agents[q->members[i]].state]++;
	st->agents_free = q->n_free;
	st->open = route_queue_open(r, q, now);
	return 0;
}

const hl_metrics_counters *hl_route_queue_counters(const hl_route *r, const char *queue)
{
	uint32_t qi = route_queue_find(r, queue);
	return qi == ROUTE_NONE ? NULL : &r->queues[qi].counters;
}

int hl_route_queue_targets(const hl_route *r, const char *queue, int32_t *sl_pct, int32_t *sl_secs,
			   int32_t *short_abandon_s)
{
	uint32_t qi = route_queue_find(r, queue);
	if (qi == ROUTE_NONE)
		return HL_E_NOTFOUND;
	const route_queue *q = &r->queues[qi];
	if (sl_pct)
		*sl_pct = q->sl_pct;
	if (sl_secs)
		*sl_secs = q->sl_secs;
	if (short_abandon_s)
		*short_abandon_s = q->short_abandon_s;
	return 0;
}

int hl_route_agent_info_get(const hl_route *r, const char *agent, int64_t now,
			    hl_route_agent_info *info)
{
	uint32_t ai = route_agent_find(r, agent);
	if (ai == ROUTE_NONE)
		return HL_E_NOTFOUND;
	const route_agent *a = &r->agents[ai];
	memset(info, 0, sizeof *info);
	info->state = a->state;
	route_copy(info->reason, a->reason, sizeof info->reason);
	info->since = a->since;
	info->capacity = a->capacity;
	info->offers = a->offers;
	info->active = a->active;
	info->wrapping = (int32_t)a->n_wraps;
	info->connected = !a->vanished;
	info->missed = a->missed;
	info->handled_today = route_agent_handled_today(r, a, now);
	info->idle_since = a->idle_since;
	return 0;
}

int hl_route_agent_counters(const hl_route *r, const char *agent, int64_t now,
			    hl_metrics_counters *c)
{
	uint32_t ai = route_agent_find(r, agent);
	if (ai == ROUTE_NONE)
		return HL_E_NOTFOUND;
	/* Account the open stretch on a copy: queries change nothing. */
	route_agent copy = r->agents[ai];
	if (now > copy.mark)
		route_agent_touch(&copy, now);
	*c = copy.counters;
	return 0;
}

static const hl_route_contact_status statuses[] = {
	[ROUTE_C_WAITING] = HL_ROUTE_CONTACT_WAITING,
	[ROUTE_C_OFFERED] = HL_ROUTE_CONTACT_OFFERED,
	[ROUTE_C_ACTIVE] = HL_ROUTE_CONTACT_ACTIVE,
	[ROUTE_C_DIRECTED] = HL_ROUTE_CONTACT_DIRECTED,
};

/* Estimated further wait of the contact at `position`: position × AHT ÷
 * the capacity of the queue's agents who are Available or in Wrap-up. */
static int64_t estimate(const hl_route *r, const route_queue *q, size_t position)
{
	int64_t aht = (int64_t)r->conf.default_aht_s * 1000;
	if (q->counters.handled)
		aht = (q->counters.talk_ms + q->counters.wrap_ms) / (int64_t)q->counters.handled;
	int64_t cap = 0;
	for (uint32_t i = 0; i < q->n_members; i++)
		if (route_agent_routable(&r->agents[q->members[i]]))
			cap += r->agents[q->members[i]].capacity;
	if (cap == 0)
		return -1;
	return ((int64_t)position * aht + cap - 1) / cap;
}

int hl_route_contact_info_get(const hl_route *r, const char *contact, int64_t now,
			      hl_route_contact_info *info)
{
	(void)now;
	uint32_t ci = route_contact_find(r, contact);
	if (ci == ROUTE_NONE)
		return HL_E_NOTFOUND;
	const route_contact *c = &r->contacts[ci];
	const route_queue *q = &r->queues[c->queue];
	memset(info, 0, sizeof *info);
	info->status = statuses[c->status];
	route_copy(info->queue, q->id, sizeof info->queue);
	if (c->agent != ROUTE_NONE)
		route_copy(info->agent, r->agents[c->agent].id, sizeof info->agent);
	info->join = c->join;
	info->est_wait_ms = c->status == ROUTE_C_DIRECTED ? -1 : 0;
	if (c->status == ROUTE_C_WAITING) {
		size_t pos = 1;
		for (const route_node *n = route_wait_first(&q->wait); n && n != c->nodes[0]; n = n->next[0])
			pos++;
		info->position = pos;
		info->est_wait_ms = estimate(r, q, pos);
	}
	return 0;
}
