/* The customer web chat on the loop. A visitor's line is parsed, checked
 * and handled by its type from a table; malformed lines get an `error`
 * line and change nothing. Visitors are known by a token kept in their
 * browser (only its hash is stored). */
#include "webchat.h"
#include "webchat_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <sodium.h>

#include "chat.h"
#include "error.h"
#include "figures.h"
#include "log.h"
#include "events.h"
#include "session.h"
#include "store_chat.h"
#include "store_customer.h"
#include "webmsg.h"
#include "webpeer.h"
#include "webrate.h"

#define TOKEN_LEN 43
#define ADDRS_MAX 65536            /* source addresses whose rates are kept */
#define ADDR_IDLE_MS (10 * 60000)  /* by then every bucket is full again */
#define REFUSED_MAX 200            /* refused lines in a row before a close */
#define EXPIRE_AFTER_MS (24LL * 3600 * 1000)  /* visitors who never wrote */
#define EXPIRE_BATCH 500

hl_webchat *hl_webchat_new(hl_broker *b)
{
	hl_webchat *w = calloc(1, sizeof *w);

	(void)b;
	if (w && !(w->addrs = hl_webrate_addrs_new(ADDRS_MAX))) {
		free(w);
		return NULL;
	}
	return w;
}

void hl_webchat_free(hl_webchat *w)
{
	hl_hmap_iter it;

	if (!w)
		return;
	for (hl_hmap_node *x = hl_hmap_first(&w->v, &it); x; x = hl_hmap_next(&it))
		free(hl_hmap_entry(x, struct visitor, node));
	hl_hmap_fini(&w->v);
	hl_webrate_addrs_free(w->addrs);
	free(w);
}

struct visitor *hl_webchat_visitor(hl_broker *b, uint64_t conn)
{
	hl_hmap_node *x = hl_hmap_get(&hl_webchat_state(b)->v, conn);

	return x ? hl_hmap_entry(x, struct visitor, node) : NULL;
}

void hl_webchat_send_json(hl_broker *b, uint64_t conn, cJSON *o)
{
	char *s = cJSON_PrintUnformatted(o);

	if (s) {
		hl_broker_web_send(b, conn, s, strlen(s));
		free(s);
	}
	cJSON_Delete(o);
}

cJSON *hl_webchat_msg(const char *type)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", type);
	return o;
}

void hl_webchat_send_error(hl_broker *b, uint64_t conn, const char *code, const char *text)
{
	cJSON *o = hl_webchat_msg("error");
	cJSON_AddStringToObject(o, "code", code);
	cJSON_AddStringToObject(o, "text", text);
	hl_webchat_send_json(b, conn, o);
}

/* Refuses a line over a rate limit: `error` with code "rate_limited" and
 * when to try again. A visitor who keeps going is disconnected. */
static void send_limited(hl_broker *b, struct visitor *v, int64_t retry_ms, const char *what)
{
	cJSON *o = hl_webchat_msg("error");
	char text[160];

	snprintf(text, sizeof text, "too many %s from this connection or address; "
		 "nothing was stored, try again in %lld s", what,
		 (long long)((retry_ms + 999) / 1000));
	cJSON_AddStringToObject(o, "code", "rate_limited");
	cJSON_AddStringToObject(o, "text", text);
	cJSON_AddNumberToObject(o, "retry_ms", (double)retry_ms);
	hl_webchat_send_json(b, v->conn, o);
	if (++v->refused > REFUSED_MAX && b->web)
		hl_web_close_conn(b->web, v->conn);
}

/* Takes a `kind` token for the visitor; on refusal tells them and returns
 * nonzero. */
static int limited(hl_broker *b, struct visitor *v, hl_webrate_kind kind, const char *what)
{
	hl_webrate_set *a = hl_webrate_addrs_get(hl_webchat_state(b)->addrs, v->addr, b->now_ms);
	int64_t w = hl_webrate_take2(&v->rate, a, kind, b->cfg.web_limits.addr_rate_factor,
				     b->now_ms);

	if (w > 0) {
		send_limited(b, v, w, what);
		return 1;
	}
	return 0;
}

/* The visitor's customer row, made now if they had none: a row exists only
 * for visitors who wrote something. Returns 0 or HL_E_IO. */
static int customer_row(hl_broker *b, struct visitor *v)
{
	if (v->customer_id)
		return 0;
	return hl_store_customer_add(b->st, v->token_hash, b->now_ms, &v->customer_id);
}

/* --- what visitors send --- */

static const char *str(const cJSON *o, const char *k)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(x) ? x->valuestring : NULL;
}

#define IN(m) ((m)->root)

static void token_hash(const char *t, uint8_t h[32])
{
	crypto_hash_sha256(h, (const uint8_t *)t, strlen(t));
}

/* Packs the visitor trail from `hello.trail`. Its strings were held to
 * the text rules and their limits by the parser, so they are taken whole. */
static void take_trail(struct visitor *v, const cJSON *t, int past)
{
	Hotline__Visitor vis = HOTLINE__VISITOR__INIT;
	char *pages[HL_WEBMSG_TRAIL_PAGES];
	char *ref = "", *land = "", *kw = "", *dev = "", *reg = "";
	const cJSON *p;
	size_t np = 0;

	if (cJSON_IsObject(t)) {
		ref = str(t, "referrer") ? (char *)str(t, "referrer") : "";
		land = str(t, "landing") ? (char *)str(t, "landing") : "";
		kw = str(t, "keywords") ? (char *)str(t, "keywords") : "";
		dev = str(t, "device") ? (char *)str(t, "device") : "";
		reg = str(t, "region") ? (char *)str(t, "region") : "";
		cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(t, "pages")) {
			if (np < HL_WEBMSG_TRAIL_PAGES && cJSON_IsString(p))
				pages[np++] = p->valuestring;
		}
	}
	if (reg[0])
		snprintf(v->region, sizeof v->region, "%s", reg);
	vis.referrer = ref;
	vis.landing = land;
	vis.pages = pages;
	vis.n_pages = np;
	vis.keywords = kw;
	vis.device = dev;
	vis.region = v->region;
	vis.returning = v->returning;
	vis.past_contacts = (uint32_t)past;
	if (hotline__visitor__get_packed_size(&vis) <= HL_TRAIL_MAX)
		v->trail_len = hotline__visitor__pack(&vis, v->trail);
}

struct replay {
	hl_broker *b;
	uint64_t conn;
};

static int replay_line(const hl_store_message *m, void *arg)
{
	struct replay *r = arg;
	hl_chat_sysargs sa = {0};
	cJSON *o;

	if (hl_chat_staff_only(m->sender))
		return 0;
	if (m->code[0])
		hl_chat_sysline_resolve(r->b, m->args, &sa);
	o = hl_webchat_msg("msg");
	cJSON_AddNumberToObject(o, "seq", (double)m->seq);
	cJSON_AddStringToObject(o, "from", m->sender);
	cJSON_AddStringToObject(o, "name", m->name);
	cJSON_AddStringToObject(o, "text", m->text);
	cJSON_AddNumberToObject(o, "ts", (double)m->ts);
	if (m->client_id[0])
		cJSON_AddStringToObject(o, "id", m->client_id);
	hl_webchat_add_code(o, m->code, &sa);
	hl_webchat_send_json(r->b, r->conn, o);
	return 0;
}

static void add_menu_item(const Hotline__QueueConf *q, void *arg)
{
	void **ctx = arg;
	cJSON *menu = ctx[0];
	struct visitor *v = ctx[1];
	hl_broker *b = ctx[2];
	int *any_open = ctx[3];
	const char *label = strcmp(v->lang, "zh") == 0 && q->label_zh[0] ? q->label_zh : q->label_en;
	hl_route_queue_stats st;
	cJSON *it;

	if (!label[0])
		return;  /* a queue with no label is reached by transfer only */
	it = cJSON_CreateObject();
	cJSON_AddStringToObject(it, "id", q->id);
	cJSON_AddStringToObject(it, "label", label);
	/* Each item says whether its queue is within business hours now. */
	int open = hl_route_queue_stats_get(hl_router_engine(b), q->id, hl_router_now(b), &st) == 0 &&
		   st.open;
	cJSON_AddBoolToObject(it, "open", open);
	*any_open |= open;
	cJSON_AddItemToArray(menu, it);
}

/* A visitor's newest tab takes over: any other connection greeted with the
 * same token is told "replaced" and refuses further lines, rather than
 * going silent while the conversation moves on without it. */
static void take_over(hl_broker *b, struct visitor *v)
{
	hl_webchat *w = hl_webchat_state(b);
	hl_hmap_iter it;

	v->replaced = 0;
	for (hl_hmap_node *x = hl_hmap_first(&w->v, &it); x; x = hl_hmap_next(&it)) {
		struct visitor *o = hl_hmap_entry(x, struct visitor, node);
		cJSON *r;
		if (o == v || !o->greeted || o->replaced ||
		    memcmp(o->token_hash, v->token_hash, sizeof v->token_hash) != 0)
			continue;
		o->replaced = 1;
		r = hl_webchat_msg("replaced");
		cJSON_AddStringToObject(r, "text", hl_webchat_text_for(b, o, "This chat continued in "
			"another tab.", "此对话已在另一个标签页中继续。"));
		hl_webchat_send_json(b, o->conn, r);
	}
}

static const char *welcome(hl_broker *b, struct visitor *v)
{
	const struct hl_webchat_conf *t = hl_webchat_settings();

	return hl_webchat_text_for(b, v, t->welcome_en, t->welcome_zh);
}

static int on_hello(hl_broker *b, struct visitor *v, const hl_webmsg *m)
{
	const cJSON *in = IN(m);

	const char *tok = str(in, "visitor"), *lang = str(in, "lang");
	const cJSON *ls = cJSON_GetObjectItemCaseSensitive(in, "last_seq");
	char token[TOKEN_LEN + 1];
	uint8_t raw[32], h[32];
	char last_agent[65];
	int past = 0;
	hl_contact *c;
	cJSON *o, *menu, *regions;
	void *ctx[4];
	int any_open = 0;

	int64_t known = 0;
	int rc = HL_E_NOTFOUND;

	/* Tokens are made by the broker only: one it never stored starts a new
	 * visitor with a fresh token, so no one picks their own identity. */
	if (tok && strlen(tok) == TOKEN_LEN) {
		token_hash(tok, h);
		if ((rc = hl_store_customer_find(b->st, h, &known)) < 0 && rc != HL_E_NOTFOUND)
			return -1;
	}
	if (rc == 0) {
		snprintf(token, sizeof token, "%s", tok);
	} else {
		if (limited(b, v, HL_WEBRATE_VISITOR, "new visitors"))
			return 0;
		randombytes_buf(raw, sizeof raw);
		sodium_bin2base64(token, sizeof token, raw, sizeof raw,
				  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
		token_hash(token, h);
	}
	snprintf(v->lang, sizeof v->lang, "%s", lang && strcmp(lang, "zh") == 0 ? "zh" : "en");
	memcpy(v->token_hash, h, sizeof h);
	v->customer_id = known;
	v->returning = known != 0;
	v->rate_contact = 0;
	if (known)
		hl_store_customer_info(b->st, v->customer_id, last_agent, sizeof last_agent, &past);
	v->greeted = 1;
	if (b->web)
		hl_web_conn_greeted(b->web, v->conn);
	take_over(b, v);
	take_trail(v, cJSON_GetObjectItemCaseSensitive(in, "trail"), past);

	o = hl_webchat_msg("welcome");
	cJSON_AddStringToObject(o, "visitor", token);
	cJSON_AddBoolToObject(o, "returning", v->returning);
	cJSON_AddStringToObject(o, "text", welcome(b, v));
	menu = cJSON_AddArrayToObject(o, "menu");
	ctx[0] = menu;
	ctx[1] = v;
	ctx[2] = b;
	ctx[3] = &any_open;
	hl_router_queue_each(b, add_menu_item, ctx);
	cJSON_AddBoolToObject(o, "open", any_open);
	cJSON_AddStringToObject(o, "closed_text", hl_webchat_closed_text(b, v));
	regions = cJSON_AddArrayToObject(o, "regions");
	{
		char buf[512], *save = NULL;
		snprintf(buf, sizeof buf, "%s", hl_webchat_settings()->regions);
		for (char *r = strtok_r(buf, ",", &save); r; r = strtok_r(NULL, ",", &save))
			cJSON_AddItemToArray(regions, cJSON_CreateString(r));
	}
	hl_webchat_send_json(b, v->conn, o);

	/* A page reloaded after the end may still rate the conversation. */
	{
		static hl_store_contact last;  /* large; the loop is the only caller */
		if (known && hl_store_contact_unrated_of(b->st, v->customer_id, &last) == 0)
			v->rate_contact = last.id;
	}
	/* A reloaded page takes its conversation back where it left off. */
	if (known && (c = hl_router_contact_of_customer(b, v->customer_id))) {
		struct replay r = {b, v->conn};
		uint64_t after = cJSON_IsNumber(ls) && ls->valuedouble > 0 ? (uint64_t)ls->valuedouble : 0;
		c->web_conn = v->conn;
		c->last_pos = 0;
		hl_store_message_each(b->st, c->row.id, after, replay_line, &r);
		if (hl_contact_state_is(c->row.state, HL_CONTACT_ACTIVE))
			hl_webchat_agent_joined(b, c, hl_router_agent_display(b, c->row.agent));
		else
			hl_webchat_where(b, c);
	}
	return 0;
}

static int on_start(hl_broker *b, struct visitor *v, const hl_webmsg *m)
{
	const cJSON *in = IN(m);

	const char *item = str(in, "item"), *text = str(in, "text");
	hl_route_contact_conf cc = {0};
	hl_contact *c;
	uint64_t seq;
	int rc;

	if (!item || !hl_router_queue(b, item)) {
		hl_webchat_send_error(b, v->conn, "bad_field", "unknown menu item");
		return 0;
	}
	if (text && text[0] && !hl_chat_text_ok(text)) {
		hl_webchat_send_error(b, v->conn, "bad_field", "the text is not acceptable (1-4000 characters)");
		return 0;
	}
	if (v->customer_id && hl_router_contact_of_customer(b, v->customer_id)) {
		hl_webchat_send_error(b, v->conn, "state", "a conversation is already open");
		return 0;
	}
	if (limited(b, v, HL_WEBRATE_START, "conversations"))
		return 0;
	if (customer_row(b, v) < 0 || !(c = calloc(1, sizeof *c)))
		return -1;
	c->row.customer_id = v->customer_id;
	snprintf(c->row.queue, sizeof c->row.queue, "%s", item);
	snprintf(c->row.item, sizeof c->row.item, "%s", item);
	/* Every contact starts queued (contact_state.h). */
	snprintf(c->row.state, sizeof c->row.state, "%s", hl_contact_state_name(HL_CONTACT_QUEUED));
	c->row.created_ms = c->row.queued_ms = hl_router_now(b);
	c->row.nps = -1;
	c->row.next_seq = 1;
	memcpy(c->row.trail, v->trail, v->trail_len);
	c->row.trail_len = v->trail_len;
	if (hl_store_contact_insert(b->st, &c->row) < 0) {
		free(c);
		return -1;
	}
	hl_figures_on_contact(b, &c->row);
	c->web_conn = v->conn;
	c->channel = hl_webchat_channel();
	hl_router_contact_add(b, c);
	if (text && text[0])
		hl_chat_add_line(b, c, "customer", "", text, NULL, &seq);
	cc.id = c->ref;
	cc.queue = item;
	cc.customer = c->customer;
	cc.region = v->region;
	rc = hl_route_contact_add(hl_router_engine(b), hl_router_now(b), &cc, hl_router_out(b));
	if (rc < 0) {
		hl_router_contact_move(b, c, HL_CONTACT_EV_REJECT);
		hl_router_contact_close(b, c);
		hl_webchat_send_error(b, v->conn, "state", "the conversation could not be queued");
		return 0;
	}
	hl_router_apply(b);
	/* What happens next, at once: the chosen item, the position and an
	 * estimate, or that an agent is being offered the chat. */
	hl_webchat_where(b, c);
	return 0;
}

/* The visitor's open contact, bound to this connection. */
static hl_contact *open_contact(hl_broker *b, struct visitor *v)
{
	hl_contact *c = v->customer_id ? hl_router_contact_of_customer(b, v->customer_id) : NULL;

	if (c)
		c->web_conn = v->conn;
	return c;
}

static int on_msg(hl_broker *b, struct visitor *v, const hl_webmsg *m)
{
	const cJSON *in = IN(m);

	const char *id = str(in, "id"), *text = str(in, "text");
	hl_contact *c = open_contact(b, v);
	uint64_t seq;
	cJSON *o;
	int rc;

	if (!id || !id[0] || strlen(id) > 64 || !text) {
		hl_webchat_send_error(b, v->conn, "bad_field", "msg needs an id (1-64 characters) and a text");
		return 0;
	}
	if (!hl_chat_text_ok(text)) {
		hl_webchat_send_error(b, v->conn, strlen(text) > 4 * HL_TEXT_MAX ? "too_big" : "bad_field",
			   "the text must be 1 to 4000 characters of plain text");
		return 0;
	}
	if (!c) {
		hl_webchat_send_error(b, v->conn, "state", "no open conversation: choose a menu item first");
		return 0;
	}
	if (limited(b, v, HL_WEBRATE_MSG, "chat lines"))
		return 0;
	rc = hl_chat_add_line(b, c, "customer", "", text, id, &seq);
	if (rc < 0 && rc != HL_E_EXISTS)
		return -1;
	o = hl_webchat_msg("ack");
	cJSON_AddStringToObject(o, "id", id);
	cJSON_AddNumberToObject(o, "seq", (double)seq);
	hl_webchat_send_json(b, v->conn, o);
	return 0;
}

static int on_typing(hl_broker *b, struct visitor *v, const hl_webmsg *m)
{
	const cJSON *in = IN(m);

	hl_contact *c = open_contact(b, v);
	Hotline__Event ev = HOTLINE__EVENT__INIT;
	Hotline__Typing t = HOTLINE__TYPING__INIT;

	if (!c || !hl_contact_state_is(c->row.state, HL_CONTACT_ACTIVE))
		return 0;
	t.contact = c->ref;
	t.on = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(in, "on"));
	ev.body_case = HOTLINE__EVENT__BODY_TYPING;
	ev.typing = &t;
	hl_chat_tell(b, c, &ev);
	return 0;
}

static int on_end(hl_broker *b, struct visitor *v, const hl_webmsg *m)
{
	const cJSON *in = IN(m);

	hl_contact *c = open_contact(b, v);
	cJSON *o;

	(void)in;
	if (!c) {
		hl_webchat_send_error(b, v->conn, "state", "no open conversation");
		return 0;
	}
	v->rate_contact = c->row.id;
	if (hl_contact_state_is(c->row.state, HL_CONTACT_QUEUED)) {
		/* The visitor gave up waiting: an abandon; they are told it ended. */
		o = hl_webchat_msg("ended");
		cJSON_AddStringToObject(o, "by", "customer");
		hl_webchat_send_json(b, v->conn, o);
	}
	/* An end that finds the conversation over already changes nothing. */
	hl_chat_end(b, c, "customer");
	return 0;
}

static int on_rate(hl_broker *b, struct visitor *v, const hl_webmsg *m)
{
	const char *comment = hl_webmsg_str(m, "comment");
	int csat, nps, rc;

	if (hl_webmsg_int(m, "csat", 1, 5, &csat) < 0 || hl_webmsg_int(m, "nps", 0, 10, &nps) < 0) {
		hl_webchat_send_error(b, v->conn, "bad_field", "rate needs csat 1-5 and nps 0-10");
		return 0;
	}
	if (comment && comment[0] && !hl_chat_text_ok(comment)) {
		hl_webchat_send_error(b, v->conn, "bad_field", "the comment is not acceptable text");
		return 0;
	}
	if (!v->rate_contact) {
		hl_webchat_send_error(b, v->conn, "state", "nothing to rate yet");
		return 0;
	}
	rc = hl_chat_rate(b, v->rate_contact, csat, nps, comment ? comment : "");
	if (rc == HL_E_INVALID)
		hl_webchat_send_error(b, v->conn, "bad_field", "csat runs from 1 to 5, nps from 0 to 10");
	else if (rc < 0)
		hl_webchat_send_error(b, v->conn, "state", "this conversation cannot be rated (again)");
	else
		hl_webchat_send_json(b, v->conn, hl_webchat_msg("rated"));
	return 0;
}

static int on_leave_message(hl_broker *b, struct visitor *v, const hl_webmsg *m)
{
	const cJSON *in = IN(m);

	const char *name = str(in, "name"), *contact = str(in, "contact"), *text = str(in, "text");
	const char *item = str(in, "item");
	int64_t id;
	char ref[32];
	cJSON *o;

	if (!name || !contact || !text || !hl_chat_text_ok(text) || strlen(name) > 128 ||
	    strlen(contact) > 256) {
		hl_webchat_send_error(b, v->conn, "bad_field", "leave_message needs a name, a contact and a text");
		return 0;
	}
	if (limited(b, v, HL_WEBRATE_LEFT, "left messages"))
		return 0;
	if (customer_row(b, v) < 0 ||
	    hl_store_left_message_insert(b->st, v->customer_id, item ? item : "", name, contact,
					 text, b->now_ms, &id) < 0)
		return -1;
	snprintf(ref, sizeof ref, "m%lld", (long long)id);
	o = hl_webchat_msg("left_message");
	cJSON_AddStringToObject(o, "ref", ref);
	hl_webchat_send_json(b, v->conn, o);
	return 0;
}

static int on_region(hl_broker *b, struct visitor *v, const hl_webmsg *m)
{
	const cJSON *in = IN(m);

	const char *r = str(in, "region");

	if (!r || strlen(r) > 64) {
		hl_webchat_send_error(b, v->conn, "bad_field", "region needs a region name");
		return 0;
	}
	snprintf(v->region, sizeof v->region, "%s", r);
	/* The chosen region goes into the trail the agent sees. */
	Hotline__Visitor *vis = hotline__visitor__unpack(NULL, v->trail_len, v->trail);
	if (vis) {
		char *own = vis->region;
		vis->region = v->region;
		if (hotline__visitor__get_packed_size(vis) <= HL_TRAIL_MAX)
			v->trail_len = hotline__visitor__pack(vis, v->trail);
		vis->region = own;  /* the unpacked copy frees its own string */
		hotline__visitor__free_unpacked(vis, NULL);
	}
	return 0;
}

/* What each message type does, and whether it needs a hello first. */
static const struct {
	int needs_hello;
	int (*fn)(hl_broker *b, struct visitor *v, const hl_webmsg *m);
} handlers[HL_WEBMSG_COUNT] = {
	[HL_WEBMSG_HELLO] = {0, on_hello},
	[HL_WEBMSG_START] = {1, on_start},
	[HL_WEBMSG_MSG] = {1, on_msg},
	[HL_WEBMSG_TYPING] = {1, on_typing},
	[HL_WEBMSG_END] = {1, on_end},
	[HL_WEBMSG_RATE] = {1, on_rate},
	[HL_WEBMSG_LEAVE_MESSAGE] = {1, on_leave_message},
	[HL_WEBMSG_REGION] = {1, on_region},
};

static void on_line(hl_broker *b, struct visitor *v, const char *line, size_t len)
{
	hl_webmsg m;
	hl_webmsg_error err;

	if (limited(b, v, HL_WEBRATE_LINE, "lines"))
		return;
	v->refused = 0;
	if (hl_webmsg_parse(line, len, &m, &err) < 0) {
		/* A refused field is named, never repeated back. */
		cJSON *o = hl_webchat_msg("error");
		cJSON_AddStringToObject(o, "code", err.code);
		if (err.field[0])
			cJSON_AddStringToObject(o, "field", err.field);
		cJSON_AddStringToObject(o, "text", err.text);
		hl_webchat_send_json(b, v->conn, o);
		return;
	}
	if (handlers[m.type].needs_hello && !v->greeted)
		hl_webchat_send_error(b, v->conn, "state", "send hello first");
	else if (v->replaced && m.type != HL_WEBMSG_HELLO)
		hl_webchat_send_error(b, v->conn, "replaced", "this chat continued in another tab; "
			   "send hello to take it back here");
	else if (handlers[m.type].fn(b, v, &m) < 0)
		hl_webchat_send_error(b, v->conn, "state", "the broker could not store that; try again");
	hl_webmsg_free(&m);
}

void hl_webchat_sweep(hl_broker *b)
{
	hl_webchat *w = hl_webchat_state(b);
	int n;

	if (!w)
		return;
	hl_webrate_addrs_sweep(w->addrs, b->now_ms, ADDR_IDLE_MS);
	/* Rows of visitors who never wrote anything (made before rows were
	 * made lazily) go, a batch at a time. */
	n = hl_store_customer_expire(b->st, b->now_ms - EXPIRE_AFTER_MS, EXPIRE_BATCH);
	if (n > 0)
		hl_log(HL_LOG_INFO, "expired %d web visitors who never wrote anything", n);
}

void hl_webchat_item(hl_broker *b, const hl_web_item *it)
{
	hl_webchat *w = hl_webchat_state(b);
	struct visitor *v = hl_webchat_visitor(b, it->conn);

	switch (it->kind) {
	case HL_WEB_OPEN:
		if (!v && (v = calloc(1, sizeof *v))) {
			v->conn = it->conn;
			snprintf(v->lang, sizeof v->lang, "en");
			hl_webpeer_addr(it->peer, v->addr, sizeof v->addr);
			hl_hmap_put(&w->v, &v->node, v->conn);
		}
		break;
	case HL_WEB_LINE:
		if (v)
			on_line(b, v, it->data, it->len);
		break;
	case HL_WEB_TOOBIG:
		if (v)
			hl_webchat_send_error(b, v->conn, "too_big", "a line may hold at most 16 KiB; dropped");
		break;
	case HL_WEB_CLOSE:
		if (!v)
			break;
		if (v->customer_id) {
			hl_contact *c = hl_router_contact_of_customer(b, v->customer_id);
			if (c && c->web_conn == v->conn)
				c->web_conn = 0;
		}
		hl_hmap_del(&w->v, &v->node);
		free(v);
		break;
	}
}
