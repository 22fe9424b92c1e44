/* hotline-sim run's customers: each says hello on its own WebSocket, asks
 * for a chat, types tagged lines while an agent answers, repeats what the
 * broker did not acknowledge after a reconnect, and may lose patience. */
#include "sim_cust.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "sim_phrase.h"
#include "sim_rand.h"
#include "sim_report.h"
#include "sim_sched.h"
#include "sim_ws.h"

enum { C_CONNECTING, C_HELLO, C_STARTING, C_QUEUED, C_CHAT, C_ENDING, C_DONE };

typedef struct pend {
	uint32_t seq;
	char *json;
} pend;

struct hl_sim_cust {
	hl_sim_run *run;        /* run and idx: for the WebSocket's callback */
	int idx;
	int state;
	hl_sim_ws *ws;
	int ever_up, saw_agent, abandoned, typing, rated, starts;
	int64_t patience_us;    /* how long they wait in the queue before leaving */
	char visitor[128];
	char item[128];         /* the menu item chosen, and its label */
	char item_label[128];
	uint64_t last_seq;
	uint32_t c2a_next;
	pend *pend;             /* lines sent and not yet acknowledged */
	size_t npend, cappend;
	hl_sim_seq c2a, a2c;
};

int hl_sim_cust_zh(int idx)
{
	return idx % 4 != 0;
}

static hl_sim_cust *cust_get(hl_sim_run *S, int idx)
{
	return idx >= 0 && (size_t)idx < S->ncust ? S->cust[idx] : NULL;
}

static void cust_send(hl_sim_cust *c, cJSON *j)
{
	char *s = cJSON_PrintUnformatted(j);

	cJSON_Delete(j);
	if (!s)
		return;
	if (c->ws)
		hl_sim_ws_send(c->ws, s, strlen(s));
	free(s);
}

static void cust_hello(int idx, hl_sim_cust *c)
{
	cJSON *j = cJSON_CreateObject(), *trail = cJSON_CreateObject(), *pages;
	char kw[32];

	cJSON_AddStringToObject(j, "type", "hello");
	cJSON_AddStringToObject(j, "visitor", c->visitor);
	cJSON_AddStringToObject(j, "lang", hl_sim_cust_zh(idx) ? "zh" : "en");
	cJSON_AddNumberToObject(j, "last_seq", (double)c->last_seq);
	cJSON_AddStringToObject(trail, "referrer", "https://search.example/?q=hotline");
	cJSON_AddStringToObject(trail, "landing", "/products");
	pages = cJSON_AddArrayToObject(trail, "pages");
	cJSON_AddItemToArray(pages, cJSON_CreateString("/products"));
	cJSON_AddItemToArray(pages, cJSON_CreateString("/pricing"));
	snprintf(kw, sizeof kw, "sim c%d", idx + 1);
	cJSON_AddStringToObject(trail, "keywords", kw);
	cJSON_AddStringToObject(trail, "device", "hotline-sim");
	cJSON_AddStringToObject(trail, "region", "");
	cJSON_AddItemToObject(j, "trail", trail);
	cust_send(c, j);
}

static void cust_simple(hl_sim_cust *c, const char *type)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "type", type);
	cust_send(c, j);
}

static void cust_start(hl_sim_run *S, hl_sim_cust *c)
{
	cJSON *j = cJSON_CreateObject();

	c->starts++;
	cJSON_AddStringToObject(j, "type", "start");
	cJSON_AddStringToObject(j, "item", c->item);
	cust_send(c, j);
}

static void cust_finish(hl_sim_run *S, int idx, hl_sim_cust *c)
{
	c->state = C_DONE;
	/* Closing here would wait on nng's threads; a timer does it soon. */
	hl_sim_sched_timer_add(S, hl_sim_sched_now(S) + 500000, HL_SIM_T_CCLOSE, idx, 0, 0);
}

/* The customer types and sends the next line. */
static void cust_say(hl_sim_run *S, int idx, hl_sim_cust *c)
{
	hl_sim_tag t = {.conv = (uint32_t)idx + 1, .dir = HL_SIM_C2A};
	char text[256], id[24];
	cJSON *j;
	char *s;

	if (c->npend == c->cappend) {
		size_t cap = c->cappend ? c->cappend * 2 : 4;
		pend *p = realloc(c->pend, cap * sizeof *p);
		if (!p)
			return;
		c->pend = p;
		c->cappend = cap;
	}
	t.seq = ++c->c2a_next;
	t.t_us = (uint64_t)hl_sim_sched_now(S);
	/* The first line asks what the chosen menu item is about. */
	hl_sim_tag_format(text, sizeof text, &t, t.seq == 1
		? hl_sim_phrase_question(hl_sim_rand_next(S), c->item_label[0] ? c->item_label
					 : c->item, hl_sim_cust_zh(idx))
		: hl_sim_phrase_followup(hl_sim_rand_next(S), hl_sim_cust_zh(idx)));
	snprintf(id, sizeof id, "m%" PRIu32, t.seq);
	j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "type", "msg");
	cJSON_AddStringToObject(j, "id", id);
	cJSON_AddStringToObject(j, "text", text);
	s = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	if (!s)
		return;
	hl_sim_report_sent(S, &c->c2a, t.seq);
	c->pend[c->npend++] = (pend){.seq = t.seq, .json = s};
	if (c->ws)
		hl_sim_ws_send(c->ws, s, strlen(s));
}

/* The broker stored line `seq` (from an ack, or our own line echoed). */
static void cust_acked(hl_sim_run *S, hl_sim_cust *c, uint32_t seq)
{
	for (size_t i = 0; i < c->npend; i++) {
		if (c->pend[i].seq != seq)
			continue;
		free(c->pend[i].json);
		memmove(c->pend + i, c->pend + i + 1, (c->npend - i - 1) * sizeof *c->pend);
		c->npend--;
		if (hl_sim_seq_acked(&c->c2a, seq) == 0)
			S->last_activity = hl_sim_sched_now(S);
		return;
	}
}

/* Our id "m17" back to 17; 0 if it is not one of ours. */
static uint32_t our_id(const cJSON *id)
{
	if (cJSON_IsString(id) && id->valuestring[0] == 'm')
		return (uint32_t)strtoul(id->valuestring + 1, NULL, 10);
	if (cJSON_IsNumber(id) && id->valuedouble > 0)
		return (uint32_t)id->valuedouble;
	return 0;
}

static void cust_got_agent(hl_sim_run *S, int idx, hl_sim_cust *c)
{
	if (c->state != C_STARTING && c->state != C_QUEUED && c->state != C_HELLO)
		return;
	c->state = C_CHAT;
	if (!c->saw_agent) {
		c->saw_agent = 1;
		S->n.answered++;
	}
	if (!c->typing && !S->stopping) {
		c->typing = 1;
		hl_sim_sched_timer_add(S, hl_sim_sched_now(S) + hl_sim_rand_typing(S),
				       HL_SIM_T_CSEND, idx, 0, 0);
	}
}

/* What the broker tells a customer: one handler per message type. */
static void on_welcome(hl_sim_run *S, int idx, hl_sim_cust *c, const cJSON *j)
{
	const cJSON *v = cJSON_GetObjectItem(j, "visitor");

	if (cJSON_IsString(v) && c->visitor[0] && strcmp(v->valuestring, c->visitor) != 0)
		hl_sim_report_warn("c%d: the broker no longer knows the visitor after a reconnect",
				   idx + 1);
	if (cJSON_IsString(v))
		snprintf(c->visitor, sizeof c->visitor, "%s", v->valuestring);
	if (c->state != C_HELLO)
		return;  /* a resumed visitor: the broker goes on where it was */
	if (cJSON_IsFalse(cJSON_GetObjectItem(j, "open"))) {
		S->n.closed++;
		cust_finish(S, idx, c);
		return;
	}
	if (S->o.item) {
		snprintf(c->item, sizeof c->item, "%s", S->o.item);
	} else {
		/* No --queue-item: customers spread evenly over the menu. */
		const cJSON *menu = cJSON_GetObjectItem(j, "menu");
		int n = cJSON_GetArraySize(menu);
		const cJSON *it = n > 0 ? cJSON_GetArrayItem(menu, (int)(hl_sim_rand_next(S) % (uint64_t)n))
				  : NULL;
		const cJSON *id = cJSON_GetObjectItem(it, "id");
		const cJSON *label = cJSON_GetObjectItem(it, "label");
		if (!cJSON_IsString(id)) {
			hl_sim_report_warn("the welcome offers no menu item; give --queue-item");
			S->n.ws_errors++;
			cust_finish(S, idx, c);
			return;
		}
		snprintf(c->item, sizeof c->item, "%s", id->valuestring);
		snprintf(c->item_label, sizeof c->item_label, "%s",
			 cJSON_IsString(label) ? label->valuestring : "");
	}
	c->state = C_STARTING;
	S->n.offered++;
	cust_start(S, c);
	hl_sim_sched_timer_add(S, hl_sim_sched_now(S) + c->patience_us, HL_SIM_T_PATIENCE, idx,
			       0, 0);
}

static void on_queued(hl_sim_run *S, int idx, hl_sim_cust *c, const cJSON *j)
{
	(void)S, (void)idx, (void)j;
	if (c->state == C_STARTING)
		c->state = C_QUEUED;
}

static void on_agent(hl_sim_run *S, int idx, hl_sim_cust *c, const cJSON *j)
{
	(void)j;
	cust_got_agent(S, idx, c);
}

static void on_ack(hl_sim_run *S, int idx, hl_sim_cust *c, const cJSON *j)
{
	(void)idx;
	cust_acked(S, c, our_id(cJSON_GetObjectItem(j, "id")));
}

static void on_msg(hl_sim_run *S, int idx, hl_sim_cust *c, const cJSON *j)
{
	const cJSON *from = cJSON_GetObjectItem(j, "from");
	const cJSON *text = cJSON_GetObjectItem(j, "text");
	const cJSON *seq = cJSON_GetObjectItem(j, "seq");
	hl_sim_tag t;

	if (cJSON_IsNumber(seq) && seq->valuedouble > (double)c->last_seq)
		c->last_seq = (uint64_t)seq->valuedouble;
	if (!cJSON_IsString(from) || !cJSON_IsString(text))
		return;
	if (strcmp(from->valuestring, "customer") == 0) {
		/* Our own line, replayed after a reconnect: it is stored. */
		uint32_t mine = our_id(cJSON_GetObjectItem(j, "id"));
		if (mine)
			cust_acked(S, c, mine);
		return;
	}
	if (strcmp(from->valuestring, "agent") != 0 || hl_sim_tag_parse(text->valuestring, &t) < 0)
		return;
	if (t.dir != HL_SIM_A2C || t.conv != (uint32_t)idx + 1) {
		S->n.misdelivered++;
		hl_sim_report_warn("c%d got a line meant for c%" PRIu32 ": %.60s", idx + 1, t.conv,
				   text->valuestring);
		return;
	}
	hl_sim_report_delivered(S, HL_SIM_A2C, &c->a2c, &t);
	if (c->state != C_CHAT) {
		cust_got_agent(S, idx, c);
	} else if (!c->typing && !S->stopping) {
		c->typing = 1;
		hl_sim_sched_timer_add(S, hl_sim_sched_now(S) + hl_sim_rand_typing(S),
				       HL_SIM_T_CSEND, idx, 0, 0);
	}
}

static void on_ended(hl_sim_run *S, int idx, hl_sim_cust *c, const cJSON *j)
{
	(void)j;
	if (c->state != C_DONE && c->saw_agent && !c->rated) {
		cJSON *r = cJSON_CreateObject();
		c->rated = 1;
		cJSON_AddStringToObject(r, "type", "rate");
		cJSON_AddNumberToObject(r, "csat", (double)(1 + hl_sim_rand_next(S) % 5));
		cJSON_AddNumberToObject(r, "nps", (double)(hl_sim_rand_next(S) % 11));
		cJSON_AddStringToObject(r, "comment", "simulated");
		cust_send(c, r);
	}
	cust_finish(S, idx, c);
}

static void on_closed(hl_sim_run *S, int idx, hl_sim_cust *c, const cJSON *j)
{
	(void)j;
	if (c->state == C_STARTING || c->state == C_QUEUED) {
		S->n.closed++;
		cust_finish(S, idx, c);
	}
}

static void on_error(hl_sim_run *S, int idx, hl_sim_cust *c, const cJSON *j)
{
	const cJSON *code = cJSON_GetObjectItem(j, "code");
	const cJSON *text = cJSON_GetObjectItem(j, "text");
	int state = cJSON_IsString(code) && strcmp(code->valuestring, "state") == 0;

	/* The first start refused: the queue is full or closed. */
	if (state && c->state == C_STARTING && c->starts == 1) {
		S->n.rejected++;
		cust_finish(S, idx, c);
		return;
	}
	/* A start or end repeated after a reconnect, or a line that crossed
	 * the end, is refused as "state": expected, not a fault. */
	if (state)
		return;
	S->n.ws_errors++;
	if (S->n.ws_errors <= 10)
		hl_sim_report_warn("c%d: the broker answered error %s: %s", idx + 1,
				   cJSON_IsString(code) ? code->valuestring : "?",
				   cJSON_IsString(text) ? text->valuestring : "");
}

static const struct {
	const char *type;
	void (*fn)(hl_sim_run *S, int idx, hl_sim_cust *c, const cJSON *j);
} cust_handlers[] = {
	{"welcome", on_welcome}, {"queued", on_queued}, {"agent", on_agent},
	{"ack", on_ack},         {"msg", on_msg},       {"ended", on_ended},
	{"closed", on_closed},   {"error", on_error},
};

static void cust_line(hl_sim_run *S, int idx, hl_sim_cust *c, const char *line)
{
	cJSON *j = cJSON_Parse(line);
	const cJSON *type = cJSON_GetObjectItem(j, "type");

	if (!cJSON_IsString(type)) {
		S->n.ws_errors++;
		hl_sim_report_warn("c%d: the broker sent a line that is not a JSON object with a "
				   "type: %.80s", idx + 1, line);
	} else {
		/* typing, rated and anything newer need nothing from us. */
		for (size_t i = 0; i < sizeof cust_handlers / sizeof cust_handlers[0]; i++)
			if (strcmp(type->valuestring, cust_handlers[i].type) == 0)
				cust_handlers[i].fn(S, idx, c, j);
	}
	cJSON_Delete(j);
}

void hl_sim_cust_on_ws(hl_sim_run *S, int idx, int what, const char *line)
{
	hl_sim_cust *c = cust_get(S, idx);

	if (!c || !c->ws)
		return;
	if (what == HL_SIM_WS_UP) {
		if (c->ever_up)
			S->n.ws_reconnects++;
		c->ever_up = 1;
		if (c->state == C_CONNECTING)
			c->state = C_HELLO;
		/* A new connection: say who we are and what we saw, then repeat
		 * what the broker may not have taken. It drops repeats by id. */
		cust_hello(idx, c);
		if (c->state == C_STARTING)
			cust_start(S, c);
		if (c->state == C_ENDING)
			cust_simple(c, "end");
		for (size_t i = 0; i < c->npend; i++)
			hl_sim_ws_send(c->ws, c->pend[i].json, strlen(c->pend[i].json));
	} else if (what == HL_SIM_WS_TOOLONG) {
		S->n.ws_errors++;
		hl_sim_report_warn("c%d: the broker sent a line over the limit", idx + 1);
	} else if (what == HL_SIM_WS_LINE) {
		cust_line(S, idx, c, line);
	}
}

/* Runs on nng's threads: only copies into the loop's queue. It reads the
 * customer's run and idx, set before the WebSocket opened and never
 * changed; the customer is freed only after hl_sim_ws_close. */
static void ws_cb(void *arg, int what, const char *line, size_t len)
{
	hl_sim_cust *c = arg;
	hl_sim_ev *e = hl_sim_sched_event_new(HL_SIM_EV_WS, c->idx, line ? len : 0);

	if (!e)
		return;
	e->what = what;
	if (line)
		memcpy(e->line, line, len);
	hl_sim_sched_post(c->run, e);
}

void hl_sim_cust_arrive(hl_sim_run *S)
{
	int idx = (int)S->ncust;
	hl_sim_ws_opts wo = {.url = S->o.web, .fn = ws_cb,
			     .seed = (unsigned)hl_sim_rand_next(S)};
	hl_sim_cust *c;

	if (S->ncust == S->capcust) {
		size_t cap = S->capcust ? S->capcust * 2 : 256;
		hl_sim_cust **p = realloc(S->cust, cap * sizeof *p);
		if (!p)
			return;
		S->cust = p;
		S->capcust = cap;
	}
	if (!(c = calloc(1, sizeof *c)))
		return;
	c->run = S;
	c->idx = idx;
	wo.arg = c;
	hl_sim_seq_init(&c->c2a);
	hl_sim_seq_init(&c->a2c);
	S->cust[S->ncust++] = c;
	S->n.arrived++;
	c->patience_us = hl_sim_rand_arrival(S, S->o.patience_s * 1e6);
	c->state = C_CONNECTING;
	if (hl_sim_ws_open(&c->ws, &wo) < 0) {
		if (++S->n.ws_errors <= 3)
			hl_sim_report_warn("cannot open a WebSocket to %s: out of memory or file "
					   "descriptors?", S->o.web);
		c->ws = NULL;
		c->state = C_DONE;
	}
}

void hl_sim_cust_on_timer(hl_sim_run *S, const hl_sim_timer *t)
{
	hl_sim_cust *c = cust_get(S, t->idx);

	if (!c)
		return;
	switch (t->kind) {
	case HL_SIM_T_CSEND:
		c->typing = 0;
		if (c->state == C_CHAT && !S->stopping)
			cust_say(S, t->idx, c);
		break;
	case HL_SIM_T_PATIENCE:
		if ((c->state == C_STARTING || c->state == C_QUEUED) && !S->stopping) {
			c->state = C_ENDING;
			c->abandoned = 1;
			S->n.abandoned++;
			cust_simple(c, "end");
		}
		break;
	case HL_SIM_T_CCLOSE:
		hl_sim_ws_close(c->ws);
		c->ws = NULL;
		break;
	}
}

hl_sim_seq *hl_sim_cust_seq(hl_sim_run *S, int idx, int dir)
{
	hl_sim_cust *c = cust_get(S, idx);

	if (!c)
		return NULL;
	return dir == HL_SIM_C2A ? &c->c2a : &c->a2c;
}

void hl_sim_cust_end_all(hl_sim_run *S)
{
	for (size_t i = 0; i < S->ncust; i++) {
		hl_sim_cust *c = S->cust[i];
		if (c->state == C_STARTING || c->state == C_QUEUED || c->state == C_CHAT) {
			c->state = C_ENDING;
			cust_simple(c, "end");
		} else if (c->state == C_CONNECTING || c->state == C_HELLO) {
			cust_finish(S, (int)i, c);
		}
	}
}

void hl_sim_cust_count(hl_sim_run *S, size_t *queued, size_t *chatting)
{
	*queued = *chatting = 0;
	for (size_t i = 0; i < S->ncust; i++) {
		int st = S->cust[i]->state;
		*queued += st == C_STARTING || st == C_QUEUED;
		*chatting += st == C_CHAT;
	}
}

void hl_sim_cust_tally(hl_sim_run *S, hl_sim_tally t[2])
{
	for (size_t i = 0; i < S->ncust; i++) {
		hl_sim_seq_tally(&S->cust[i]->c2a, &t[HL_SIM_C2A]);
		hl_sim_seq_tally(&S->cust[i]->a2c, &t[HL_SIM_A2C]);
	}
}

uint64_t hl_sim_cust_never_up(hl_sim_run *S)
{
	uint64_t n = 0;

	for (size_t i = 0; i < S->ncust; i++)
		if (!S->cust[i]->ever_up)
			n++;
	return n;
}

void hl_sim_cust_free_all(hl_sim_run *S)
{
	for (size_t i = 0; i < S->ncust; i++) {
		hl_sim_cust *c = S->cust[i];
		hl_sim_ws_close(c->ws);
		for (size_t k = 0; k < c->npend; k++)
			free(c->pend[k].json);
		free(c->pend);
		hl_sim_seq_free(&c->c2a);
		hl_sim_seq_free(&c->a2c);
		free(c);
	}
	free(S->cust);
	S->cust = NULL;
	S->ncust = S->capcust = 0;
}
