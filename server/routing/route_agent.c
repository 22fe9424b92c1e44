/* Agents: definition, state machine, free slots, wrap-up, disconnect grace and time in state. */
#include "route_agent.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "route_contact.h"
#include "route_match.h"
#include "route_offer.h"
#include "route_queue.h"

int route_agent_level(const route_agent *a, uint32_t qi)
{
	for (uint32_t k = 0; k < a->n_skills; k++)
		if (a->skills[k].queue == qi)
			return a->skills[k].level;
	return 0;
}

static int64_t day_of(const hl_route *r, int64_t now)
{
	int64_t ms = now + r->conf.epoch_unix_ms + (int64_t)r->conf.day_utc_offset_min * 60000;
	int64_t d = ms / 86400000;
	return (ms % 86400000 < 0) ? d - 1 : d;
}

uint32_t route_agent_handled_today(const hl_route *r, const route_agent *a, int64_t now)
{
	return a->handled_day == day_of(r, now) ? a->handled_today : 0;
}

/* Reasons whose time the "without meetings" utilization leaves out. */
static bool meeting_reason(const char *reason)
{
	static const char *const meetings[] = {"meeting", "training", "coaching"};
	for (size_t i = 0; i < sizeof meetings / sizeof meetings[0]; i++)
		if (strcmp(reason, meetings[i]) == 0)
			return true;
	return false;
}

void route_agent_touch(route_agent *a, int64_t now)
{
	int64_t e = now - a->mark;
	a->mark = now;
	if (e <= 0 || a->state == HL_ROUTE_STATE_OFFLINE)
		return;
	hl_metrics_counters *c = &a->counters;
	c->logged_in_ms += e;
	/* Wall-clock buckets: two chats at once are one busy second. */
	if (a->active > 0 || a->n_wraps > 0)
		c->busy_ms += e;
	else if (a->state == HL_ROUTE_STATE_AVAILABLE)
		c->idle_ms += e;
	if (a->state == HL_ROUTE_STATE_NOT_READY && meeting_reason(a->reason))
		c->meeting_ms += e;
}

void route_agent_refresh(hl_route *r, uint32_t ai)
{
	route_agent *a = &r->agents[ai];
	bool want = route_agent_is_free(a);
	if (want == a->listed)
		return;
	for (uint32_t k = 0; k < a->n_skills; k++) {
		route_skill *s = &a->skills[k];
		if (want) {
			s->free_pos = route_queue_free_add(r, s->queue, ai, s->level);
		} else if (s->free_pos != ROUTE_NONE) {
			route_queue_free_remove(r, s->queue, s->free_pos);
			s->free_pos = ROUTE_NONE;
		}
	}
	a->listed = want;
}

static void staff(hl_route *r, route_agent *a, int delta)
{
	for (uint32_t k = 0; k < a->n_skills; k++)
		route_queue_staff(&r->queues[a->skills[k].queue], a->skills[k].level, a->region, delta);
}

static void rematch_queues(hl_route *r, uint32_t ai, int64_t now, hl_route_out *out)
{
	/* Copy the queue list: routing may not change skills, but keep the
	 * loop independent of the agent record. */
	uint32_t qs[HL_ROUTE_SKILLS_MAX];
	uint32_t n = r->agents[ai].n_skills;
	for (uint32_t k = 0; k < n; k++)
		qs[k] = r->agents[ai].skills[k].queue;
	for (uint32_t k = 0; k < n; k++)
		route_queue_rematch(r, qs[k], now, out);
}

void route_agent_change(hl_route *r, uint32_t ai, hl_route_state st, const char *reason,
			int64_t now, hl_route_out *out)
{
	route_agent *a = &r->agents[ai];
	if (!reason)
		reason = "";
	if (a->state == st && strcmp(a->reason, reason) == 0)
		return;
	route_agent_touch(a, now);
	hl_route_state old = a->state;
	bool was_in = old != HL_ROUTE_STATE_OFFLINE, is_in = st != HL_ROUTE_STATE_OFFLINE;
	a->state = st;
	route_copy(a->reason, reason, sizeof a->reason);
	if (old != st)
		a->since = now;
	if (st == HL_ROUTE_STATE_AVAILABLE && old != HL_ROUTE_STATE_WRAP_UP)
		a->idle_since = now;
	hl_route_decision *d = route_emit(out, HL_ROUTE_STATE_CHANGE, now, NULL, a->id, NULL);
	if (d) {
		d->state = st;
		route_copy(d->reason, reason, sizeof d->reason);
	}
	if (was_in != is_in)
		staff(r, a, is_in ? 1 : -1);
	route_agent_refresh(r, ai);
	if (!route_agent_routable(a)) {
		/* Offers to someone who stepped away would only run out. */
		for (uint32_t ci = a->c_head, next; ci != ROUTE_NONE; ci = next) {
			next = r->contacts[ci].a_next;
			if (r->contacts[ci].status == ROUTE_C_OFFERED)
				route_offer_withdraw(r, ci, hl_route_state_name(st), now, out);
		}
	}
	if (!is_in) {
		while (r->agents[ai].d_head != ROUTE_NONE) {
			uint32_t ci = route_offer_directed_pop(r, ai);
			route_contact_requeue(r, ci, ai, "agent_offline", now, out);
		}
	}
	/* The agent picks the best contact across its queues first; then,
	 * as staffing decides tiers and region fallback, the queues' waiting
	 * contacts are re-examined (and their timers re-armed). */
	route_agent_freed(r, ai, now, out);
	if (was_in != is_in)
		rematch_queues(r, ai, now, out);
}

void route_agent_count_handled(hl_route *r, uint32_t ai, uint32_t qi, int64_t talk_ms,
			       int64_t wrap_ms, int64_t now)
{
	route_agent *a = &r->agents[ai];
	hl_metrics_count_handled(&r->queues[qi].counters, talk_ms, wrap_ms);
	hl_metrics_count_handled(&a->counters, talk_ms, wrap_ms);
	int64_t day = day_of(r, now);
	if (a->handled_day != day) {
		a->handled_day = day;
		a->handled_today = 0;
	}
	a->handled_today++;
	a->idle_since = now;
}

static void arm_wrap(hl_route *r, uint32_t ai)
{
	route_agent *a = &r->agents[ai];
	if (a->n_wraps)
		route_arm(r, &a->wrap_timer, ROUTE_T_WRAP, ai, a->wraps[0].end);
	else
		a->wrap_timer = 0;
}

void route_agent_after_contact(hl_route *r, uint32_t ai, uint32_t ci, int64_t talk_ms,
			       int64_t now, hl_route_out *out)
{
	route_agent *a = &r->agents[ai];
	const route_contact *c = &r->contacts[ci];
	const route_queue *q = &r->queues[c->queue];
	if (q->wrap_up_s <= 0) {
		route_agent_count_handled(r, ai, c->queue, talk_ms, 0, now);
		return;
	}
	if (a->n_wraps == a->cap_wraps) {
		uint32_t ncap = a->cap_wraps ? a->cap_wraps * 2 : 4;
		route_wrap *nv = realloc(a->wraps, ncap * sizeof *nv);
		if (!nv) {
			/* No room to remember the wrap-up: count it as done. */
			route_agent_count_handled(r, ai, c->queue, talk_ms, 0, now);
			return;
		}
		a->wraps = nv;
		a->cap_wraps = ncap;
	}
	route_agent_touch(a, now);
	route_wrap w = {.start = now, .end = now + (int64_t)q->wrap_up_s * 1000, .talk_ms = talk_ms,
			.queue = c->queue};
	route_copy(w.contact, c->id, sizeof w.contact);
	/* Sorted by end; equal ends keep their order. */
	uint32_t i = a->n_wraps;
	while (i > 0 && a->wraps[i - 1].end > w.end) {
		a->wraps[i] = a->wraps[i - 1];
		i--;
	}
	a->wraps[i] = w;
	a->n_wraps++;
	arm_wrap(r, ai);
	if (a->state == HL_ROUTE_STATE_AVAILABLE)
		route_agent_change(r, ai, HL_ROUTE_STATE_WRAP_UP, "", now, out);
}

/* Ends the wrap-ups due by `until` (all when `all`), emitting WRAPUP_END
 * and counting each contact handled; then back to Available. */
static void finish_wraps(hl_route *r, uint32_t ai, int64_t now, bool all, hl_route_out *out)
{
	route_agent *a = &r->agents[ai];
	route_agent_touch(a, now);
	uint32_t done = 0;
	while (done < a->n_wraps && (all || a->wraps[done].end <= now)) {
		route_wrap *w = &a->wraps[done];
		route_emit(out, HL_ROUTE_WRAPUP_END, now, w->contact, a->id, r->queues[w->queue].id);
		route_agent_count_handled(r, ai, w->queue, w->talk_ms, now - w->start, now);
		done++;
	}
	memmove(a->wraps, a->wraps + done, (a->n_wraps - done) * sizeof *a->wraps);
	a->n_wraps -= done;
	arm_wrap(r, ai);
	if (a->n_wraps == 0 && a->state == HL_ROUTE_STATE_WRAP_UP)
		route_agent_change(r, ai, HL_ROUTE_STATE_AVAILABLE, "", now, out);
	route_agent_freed(r, ai, now, out);
}

void route_agent_on_wrap(hl_route *r, uint32_t ai, int64_t at, hl_route_out *out)
{
	finish_wraps(r, ai, at, false, out);
}

void route_agent_freed(hl_route *r, uint32_t ai, int64_t now, hl_route_out *out)
{
	route_agent_refresh(r, ai);
	if (route_agent_is_free(&r->agents[ai]))
		route_match_agent(r, ai, now, out);
}

void route_agent_on_vanish(hl_route *r, uint32_t ai, int64_t at, hl_route_out *out)
{
	route_agent_change(r, ai, HL_ROUTE_STATE_OFFLINE, "disconnected", at, out);
}

/* ---- public calls ---- */

static int check_agent_conf(const hl_route *r, const hl_route_agent_conf *c)
{
	if (!route_id_ok(c->id))
		return c->id && *c->id ? HL_E_TOOBIG : HL_E_INVALID;
	if (c->capacity < 1 || c->capacity > HL_ROUTE_CAPACITY_MAX)
		return HL_E_INVALID;
	if (c->region && *c->region && !route_id_ok(c->region))
		return HL_E_TOOBIG;
	if (c->n_skills > HL_ROUTE_SKILLS_MAX)
		return HL_E_TOOBIG;
	if (c->n_skills && !c->skills)
		return HL_E_INVALID;
	for (size_t i = 0; i < c->n_skills; i++) {
		if (c->skills[i].level < HL_ROUTE_LEVEL_MIN || c->skills[i].level > HL_ROUTE_LEVEL_MAX)
			return HL_E_INVALID;
		if (route_queue_find(r, c->skills[i].queue) == ROUTE_NONE)
			return HL_E_NOTFOUND;
		for (size_t j = 0; j < i; j++)
			if (strcmp(c->skills[i].queue, c->skills[j].queue) == 0)
				return HL_E_INVALID;
	}
	return 0;
}

static uint32_t new_agent(hl_route *r, const char *id, int64_t now)
{
	if (r->n_agents == r->cap_agents) {
		uint32_t ncap = r->cap_agents ? r->cap_agents * 2 : 16;
		route_agent *nv = realloc(r->agents, ncap * sizeof *nv);
		if (!nv)
			return ROUTE_NONE;
		r->agents = nv;
		r->cap_agents = ncap;
	}
	uint32_t ai = r->n_agents;
	route_agent *a = &r->agents[ai];
	memset(a, 0, sizeof *a);
	route_copy(a->id, id, sizeof a->id);
	if (route_map_put(&r->agent_map, a->id, ai))
		return ROUTE_NONE;
	a->seq = r->seq++;
	a->state = HL_ROUTE_STATE_OFFLINE;
	a->since = a->mark = a->idle_since = now;
	a->c_head = a->d_head = a->d_tail = ROUTE_NONE;
	a->handled_day = day_of(r, now);
	r->n_agents++;
	return ai;
}

int hl_route_agent_set(hl_route *r, int64_t now, const hl_route_agent_conf *c, hl_route_out *out)
{
	int rc = check_agent_conf(r, c);
	if (rc)
		return rc;
	rc = route_begin(r, now, out);
	if (rc)
		return rc;
	/* Everything that can fail comes before the first change. */
	uint32_t region = route_region(r, c->region);
	route_skill *skills = calloc(c->n_skills ? c->n_skills : 1, sizeof *skills);
	if (region == ROUTE_NONE || !skills) {
		free(skills);
		return route_finish(r, out, HL_E_NOMEM);
	}
	for (size_t i = 0; i < c->n_skills; i++) {
		skills[i].queue = route_queue_find(r, c->skills[i].queue);
		skills[i].level = (uint8_t)c->skills[i].level;
		skills[i].free_pos = ROUTE_NONE;
	}
	uint32_t ai = route_agent_find(r, c->id);
	if (ai == ROUTE_NONE && (ai = new_agent(r, c->id, now)) == ROUTE_NONE) {
		free(skills);
		return route_finish(r, out, HL_E_NOMEM);
	}
	route_agent *a = &r->agents[ai];
	bool in = a->state != HL_ROUTE_STATE_OFFLINE;
	uint32_t old_q[HL_ROUTE_SKILLS_MAX], n_old = a->n_skills;
	for (uint32_t k = 0; k < n_old; k++)
		old_q[k] = a->skills[k].queue;
	route_agent_touch(a, now);
	/* Leave the old queues: unlist (capacity 0 is never free), unstaff,
	 * drop membership; then join the new ones. */
	a->capacity = 0;
	route_agent_refresh(r, ai);
	if (in)
		staff(r, a, -1);
	for (uint32_t k = 0; k < a->n_skills; k++)
		route_queue_member_remove(&r->queues[a->skills[k].queue], ai);
	free(a->skills);
	a->skills = skills;
	a->n_skills = (uint32_t)c->n_skills;
	a->capacity = c->capacity;
	a->region = region;
	for (uint32_t k = 0; k < a->n_skills; k++)
		if (route_queue_member_add(&r->queues[a->skills[k].queue], ai))
			rc = HL_E_NOMEM;
	if (in)
		staff(r, a, 1);
	route_agent_freed(r, ai, now, out);
	/* Staffing, tiers, regions and holds for this agent may have changed
	 * in the queues left as in those joined: re-examine both, once the
	 * new skills are in place. */
	if (in) {
		for (uint32_t k = 0; k < n_old; k++)
			route_queue_rematch(r, old_q[k], now, out);
		rematch_queues(r, ai, now, out);
	}
	return route_finish(r, out, rc);
}

int hl_route_agent_state(hl_route *r, int64_t now, const char *agent, hl_route_state st,
			 const char *reason, hl_route_out *out)
{
	if (st != HL_ROUTE_STATE_AVAILABLE && st != HL_ROUTE_STATE_NOT_READY &&
	    st != HL_ROUTE_STATE_OFFLINE)
		return HL_E_INVALID;
	if (reason && strlen(reason) >= HL_ROUTE_REASON_MAX)
		return HL_E_TOOBIG;
	int rc = route_begin(r, now, out);
	if (rc)
		return rc;
	uint32_t ai = route_agent_find(r, agent);
	if (ai == ROUTE_NONE)
		return route_finish(r, out, HL_E_NOTFOUND);
	if (st == HL_ROUTE_STATE_AVAILABLE) {
		/* "Ready" ends the wrap-up and forgives the misses. */
		r->agents[ai].missed = 0;
		reason = "";
		if (r->agents[ai].n_wraps)
			finish_wraps(r, ai, now, true, out);
	}
	route_agent_change(r, ai, st, reason, now, out);
	return route_finish(r, out, 0);
}

int hl_route_wrapup_done(hl_route *r, int64_t now, const char *agent, hl_route_out *out)
{
	int rc = route_begin(r, now, out);
	if (rc)
		return rc;
	uint32_t ai = route_agent_find(r, agent);
	if (ai == ROUTE_NONE)
		return route_finish(r, out, HL_E_NOTFOUND);
	if (!r->agents[ai].n_wraps)
		return route_finish(r, out, HL_E_STATE);
	finish_wraps(r, ai, now, true, out);
	return route_finish(r, out, 0);
}

int hl_route_agent_disconnect(hl_route *r, int64_t now, const char *agent, hl_route_out *out)
{
	int rc = route_begin(r, now, out);
	if (rc)
		return rc;
	uint32_t ai = route_agent_find(r, agent);
	if (ai == ROUTE_NONE)
		return route_finish(r, out, HL_E_NOTFOUND);
	route_agent *a = &r->agents[ai];
	if (a->vanished)
		return route_finish(r, out, HL_E_STATE);
	route_agent_touch(a, now);
	a->vanished = true;
	route_agent_refresh(r, ai);
	/* Contacts first, then the agent: equal times fire in this order. */
	for (uint32_t ci = a->c_head, next; ci != ROUTE_NONE; ci = next) {
		route_contact *c = &r->contacts[ci];
		next = c->a_next;
		if (c->status == ROUTE_C_OFFERED)
			route_offer_withdraw(r, ci, "disconnect", now, out);
		else if (c->status == ROUTE_C_ACTIVE)
			route_arm(r, &c->grace_timer, ROUTE_T_GRACE, ci,
				  now + (int64_t)r->queues[c->queue].grace_s * 1000);
	}
	a = &r->agents[ai];
	route_arm(r, &a->vanish_timer, ROUTE_T_VANISH, ai, now + (int64_t)r->conf.grace_s * 1000);
	/* Contacts held for this agent as their customer's last one are
	 * free for anyone now. */
	rematch_queues(r, ai, now, out);
	return route_finish(r, out, 0);
}

int hl_route_agent_logout(hl_route *r, int64_t now, const char *agent, hl_route_out *out)
{
	int rc = route_begin(r, now, out);
	if (rc)
		return rc;
	uint32_t ai = route_agent_find(r, agent);
	if (ai == ROUTE_NONE)
		return route_finish(r, out, HL_E_NOTFOUND);
	route_agent *a = &r->agents[ai];
	/* Gone on purpose: no vanish timer will say "disconnected" later. */
	a->vanished = false;
	a->vanish_timer = 0;
	/* Offline first: the agent is off every free list, so a contact sent
	 * back below cannot be offered to them again. */
	route_agent_change(r, ai, HL_ROUTE_STATE_OFFLINE, "logout", now, out);
	for (uint32_t ci = r->agents[ai].c_head, next; ci != ROUTE_NONE; ci = next) {
		route_contact *c = &r->contacts[ci];
		next = c->a_next;
		c->grace_timer = 0;
		if (c->status != ROUTE_C_ACTIVE)
			continue;
		route_offer_unassign(r, ci, now);
		route_contact_requeue(r, ci, ai, "logout", now, out);
	}
	route_agent_refresh(r, ai);
	return route_finish(r, out, 0);
}

int hl_route_agent_reconnect(hl_route *r, int64_t now, const char *agent, hl_route_out *out)
{
	int rc = route_begin(r, now, out);
	if (rc)
		return rc;
	uint32_t ai = route_agent_find(r, agent);
	if (ai == ROUTE_NONE)
		return route_finish(r, out, HL_E_NOTFOUND);
	route_agent *a = &r->agents[ai];
	if (!a->vanished)
		return route_finish(r, out, HL_E_STATE);
	route_agent_touch(a, now);
	a->vanished = false;
	a->vanish_timer = 0;
	for (uint32_t ci = a->c_head; ci != ROUTE_NONE; ci = r->contacts[ci].a_next)
		r->contacts[ci].grace_timer = 0;
	route_agent_freed(r, ai, now, out);
	return route_finish(r, out, 0);
}
