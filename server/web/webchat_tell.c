/* What the chat domain tells a web visitor: lines, the agent who joined,
 * the place in the queue, typing, the end and a refusal, each in the
 * visitor's language where it is words, each sent after the commit. */
#include "webchat.h"
#include "webchat_int.h"

#include <string.h>

#include <cjson/cJSON.h>

/* Adds a system line's code and arguments, for the page to render in the
 * visitor's language (docs/webchat.md). */
void hl_webchat_add_code(cJSON *o, const char *code, const hl_chat_sysargs *sa)
{
	cJSON *args;

	if (!code || !code[0])
		return;
	cJSON_AddStringToObject(o, "code", code);
	args = cJSON_AddObjectToObject(o, "args");
	for (size_t i = 0; sa && i < sa->n; i++)
		cJSON_AddStringToObject(args, sa->keys[i], sa->vals[i]);
}

void hl_webchat_line(hl_broker *b, hl_contact *c, const hl_store_message *m,
		     const hl_chat_sysargs *args)
{
	cJSON *o;

	if (!c->web_conn)
		return;
	o = hl_webchat_msg("msg");
	cJSON_AddNumberToObject(o, "seq", (double)m->seq);
	cJSON_AddStringToObject(o, "from", m->sender);
	cJSON_AddStringToObject(o, "name", m->name);
	cJSON_AddStringToObject(o, "text", m->text);
	cJSON_AddNumberToObject(o, "ts", (double)m->ts);
	hl_webchat_add_code(o, m->code, args);
	hl_webchat_send_json(b, c->web_conn, o);
}

/* Adds the contact's queue and its label in the visitor's language: the
 * page's header names the queue the contact is in now, so it follows a
 * transfer. */
static void add_queue(hl_broker *b, hl_contact *c, cJSON *o)
{
	struct visitor *v = hl_webchat_visitor(b, c->web_conn);
	const Hotline__QueueConf *q = hl_router_queue(b, c->row.queue);
	const char *label = "";

	if (q)
		label = v && strcmp(v->lang, "zh") == 0 && q->label_zh[0] ? q->label_zh
			: q->label_en[0] ? q->label_en : q->label_zh;
	cJSON_AddStringToObject(o, "queue", c->row.queue);
	cJSON_AddStringToObject(o, "label", label[0] ? label : c->row.queue);
}

void hl_webchat_agent_joined(hl_broker *b, hl_contact *c, const char *name)
{
	cJSON *o;

	if (!c->web_conn)
		return;
	o = hl_webchat_msg("agent");
	cJSON_AddStringToObject(o, "name", name);
	add_queue(b, c, o);
	hl_webchat_send_json(b, c->web_conn, o);
}

void hl_webchat_queued(hl_broker *b, hl_contact *c, size_t position, int64_t eta_s)
{
	cJSON *o;

	if (!c->web_conn)
		return;
	o = hl_webchat_msg("queued");
	cJSON_AddNumberToObject(o, "position", (double)position);
	cJSON_AddNumberToObject(o, "eta_s", (double)eta_s);
	add_queue(b, c, o);
	hl_webchat_send_json(b, c->web_conn, o);
}

void hl_webchat_where(hl_broker *b, hl_contact *c)
{
	hl_route_contact_info info;
	int64_t eta;

	if (!c->web_conn || !hl_contact_state_is(c->row.state, HL_CONTACT_QUEUED) ||
	    hl_route_contact_info_get(hl_router_engine(b), c->ref, hl_router_now(b), &info) < 0)
		return;
	if (info.status == HL_ROUTE_CONTACT_OFFERED) {
		eta = 0;
		info.position = 0;
	} else if (info.status == HL_ROUTE_CONTACT_WAITING) {
		eta = info.est_wait_ms < 0 ? -1 : info.est_wait_ms / 1000;
	} else {
		return;
	}
	/* The periodic update then only says what changes. */
	c->last_pos = info.position;
	c->last_eta = eta;
	hl_webchat_queued(b, c, info.position, eta);
}

void hl_webchat_typing(hl_broker *b, hl_contact *c, int on)
{
	cJSON *o;

	if (!c->web_conn)
		return;
	o = hl_webchat_msg("typing");
	cJSON_AddBoolToObject(o, "on", on);
	hl_webchat_send_json(b, c->web_conn, o);
}

void hl_webchat_ended(hl_broker *b, hl_contact *c, const char *by)
{
	struct visitor *v;
	cJSON *o;

	if (!c->web_conn)
		return;
	if ((v = hl_webchat_visitor(b, c->web_conn)))
		v->rate_contact = c->row.id;
	o = hl_webchat_msg("ended");
	cJSON_AddStringToObject(o, "by", by);
	hl_webchat_send_json(b, c->web_conn, o);
}

const char *hl_webchat_text_for(hl_broker *b, struct visitor *v, const char *en, const char *zh)
{
	(void)b;
	return v && strcmp(v->lang, "zh") == 0 ? zh : en;
}

void hl_webchat_rejected(hl_broker *b, hl_contact *c, const char *reason)
{
	struct visitor *v = c->web_conn ? hl_webchat_visitor(b, c->web_conn) : NULL;
	cJSON *o;

	if (!c->web_conn)
		return;
	if (strcmp(reason, "closed") == 0) {
		o = hl_webchat_msg("closed");
		cJSON_AddStringToObject(o, "text", hl_webchat_closed_text(b, v));
		hl_webchat_send_json(b, c->web_conn, o);
	} else {
		hl_webchat_send_error(b, c->web_conn, "state", "the queue is full; please try again later or "
			   "leave a message");
	}
}
