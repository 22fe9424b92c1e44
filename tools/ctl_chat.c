/* hotline-ctl commands for routing and chats: queues, agents' profiles and
 * states, offers, conversation lines, transfers, wrap-up, transcripts and
 * the floor's figures. */
#include "ctl.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl_lang.h"
#include "ctl_table.h"
#include "error.h"
#include "pbjson.h"
#include "sysline.h"
#include "width.h"

/* Runs one request and prints its reply's body (JSON) or `ok` text. */
static int run(hl_ctl *x, Hotline__Request *rq, const char *ok)
{
	Hotline__Reply *rp;
	int rc;

	if ((rc = hl_ctl_connect(x)) || (rc = hl_ctl_call(x, rq, &rp)))
		return rc;
	if (x->json) {
		cJSON *j = hl_pbjson_from(&rp->base, 0);
		cJSON_DeleteItemFromObject(j, "id");
		hl_ctl_print_json(j);
	} else if (ok) {
		puts(ok);
	}
	hl_client_reply_free(rp);
	return 0;
}

/* --- queues: options map to QueueConf fields by name --- */

enum { OPT_INT, OPT_STR, OPT_BOOL, OPT_SL, OPT_OVERFLOW };

static const struct qopt {
	const char *flag;
	const char *field;
	int kind;
} qopts[] = {
	{"strategy", "strategy", OPT_STR},
	{"priority", "priority", OPT_INT},
	{"sl", "sl_pct", OPT_SL},  /* PCT/SECS, e.g. 80/20 */
	{"max-wait", "max_wait_s", OPT_INT},
	{"max-len", "max_len", OPT_INT},
	{"offer-timeout", "offer_timeout_s", OPT_INT},
	{"auto-accept", "auto_accept", OPT_BOOL},
	{"wrap-up", "wrap_up_s", OPT_INT},
	{"missed-limit", "missed_limit", OPT_INT},
	{"tier-wait", "tier_wait_s", OPT_INT},
	{"short-abandon", "short_abandon_s", OPT_INT},
	{"overflow", "overflow", OPT_OVERFLOW},  /* AFTER_S:QUEUE, or AFTER_S: for lower tiers */
	{"hours", "hours", OPT_STR},
	{"utc-offset", "utc_offset_min", OPT_INT},
	{"region", "region", OPT_STR},
	{"label-en", "label_en", OPT_STR},
	{"label-zh", "label_zh", OPT_STR},
};

static void *field_ptr(Hotline__QueueConf *q, const char *name)
{
	const ProtobufCFieldDescriptor *f =
		protobuf_c_message_descriptor_get_field_by_name(&hotline__queue_conf__descriptor, name);
	return f ? (char *)q + f->offset : NULL;
}

static void mask_add(char *mask, size_t cap, const char *field)
{
	if (strstr(mask, field))
		return;
	if (mask[0])
		strncat(mask, ",", cap - strlen(mask) - 1);
	strncat(mask, field, cap - strlen(mask) - 1);
}

/* Puts the queue options given into `q`; fills the set mask. Returns 0
 * or usage, naming the option whose value is wrong. */
static int queue_opts(hl_ctl *x, Hotline__QueueConf *q, char *mask, size_t cap,
		      Hotline__Overflow *ov, Hotline__Overflow **ovp, char *ovto)
{
	for (int i = 0; i < x->ngiven; i++) {
		const char *name = x->given[i].opt->name, *v = x->given[i].value;
		const struct qopt *o = NULL;
		char *end;

		for (size_t k = 0; k < sizeof qopts / sizeof qopts[0]; k++)
			if (strcmp(name, qopts[k].flag) == 0)
				o = &qopts[k];
		if (!o)
			continue;
		switch (o->kind) {
		case OPT_INT: {
			long n = strtol(v, &end, 10);
			if (!v[0] || *end || n < -100000 || n > 10000000)
				return hl_ctl_usage(x, "--%s wants a whole number, not '%s'", name, v);
			*(int32_t *)field_ptr(q, o->field) = (int32_t)n;
			break;
		}
		case OPT_STR:
			*(const char **)field_ptr(q, o->field) = v;
			break;
		case OPT_BOOL:
			*(protobuf_c_boolean *)field_ptr(q, o->field) = 1;
			break;
		case OPT_SL:
			if (sscanf(v, "%u/%u", &q->sl_pct, &q->sl_secs) != 2 || q->sl_pct > 100)
				return hl_ctl_usage(x, "--sl wants PERCENT/SECONDS, e.g. 80/20, not '%s'",
						    v);
			mask_add(mask, cap, "sl_secs");
			break;
		case OPT_OVERFLOW:
			if (q->n_overflow == 8 || sscanf(v, "%u:%64[A-Za-z0-9._-]", &ov[q->n_overflow].after_s,
							 ovto + 65 * q->n_overflow) < 1)
				return hl_ctl_usage(x, "--overflow wants AFTER_SECONDS:QUEUE, at most 8 "
						    "times, not '%s'", v);
			ov[q->n_overflow].to = ovto + 65 * q->n_overflow;
			ovp[q->n_overflow] = &ov[q->n_overflow];
			q->n_overflow++;
			q->overflow = ovp;
			break;
		}
		mask_add(mask, cap, o->field);
	}
	return 0;
}

static int queue_cmd(hl_ctl *x, int set)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__QueueAdd qa = HOTLINE__QUEUE_ADD__INIT;
	Hotline__QueueSet qs = HOTLINE__QUEUE_SET__INIT;
	Hotline__QueueConf q = HOTLINE__QUEUE_CONF__INIT;
	Hotline__Overflow ov[8];
	Hotline__Overflow *ovp[8];
	char ovto[8 * 65] = "", mask[512] = "";
	int rc;

	for (int i = 0; i < 8; i++)
		hotline__overflow__init(&ov[i]);
	q.id = (char *)x->pos[0];
	if ((rc = queue_opts(x, &q, mask, sizeof mask, ov, ovp, ovto)))
		return rc;
	if (set) {
		if (!mask[0])
			return hl_ctl_usage(x, "name at least one setting to change");
		q.set_mask = mask;
		qs.queue = &q;
		rq.body_case = HOTLINE__REQUEST__BODY_QUEUE_SET;
		rq.queue_set = &qs;
	} else {
		qa.queue = &q;
		rq.body_case = HOTLINE__REQUEST__BODY_QUEUE_ADD;
		rq.queue_add = &qa;
	}
	return run(x, &rq, set ? "queue changed" : "queue added");
}

static int cmd_queue_add(hl_ctl *x)
{
	return queue_cmd(x, 0);
}

static int cmd_queue_set(hl_ctl *x)
{
	return queue_cmd(x, 1);
}

static int cmd_queue_list(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__QueueList ql = HOTLINE__QUEUE_LIST__INIT;
	Hotline__Reply *rp;
	int rc;

	rq.body_case = HOTLINE__REQUEST__BODY_QUEUE_LIST;
	rq.queue_list = &ql;
	if ((rc = hl_ctl_connect(x)) || (rc = hl_ctl_call(x, &rq, &rp)))
		return rc;
	if (x->json) {
		hl_ctl_print_msg(&rp->queues->base);
	} else {
		static const char *const cols[] = {"QUEUE", "STRATEGY", ">PRIO", "SL", "HOURS",
						   "MENU (EN)", "MENU (ZH)"};
		hl_ctl_table *t = hl_ctl_table_new(7, cols);
		for (size_t i = 0; i < rp->queues->n_queues; i++) {
			const Hotline__QueueConf *q = rp->queues->queues[i];
			hl_ctl_table_add(t, "%s", q->id);
			hl_ctl_table_add(t, "%s", q->strategy[0] ? q->strategy : "longest_idle");
			hl_ctl_table_add(t, "%d", q->priority);
			hl_ctl_table_add(t, "%u%%/%us", q->sl_pct ? q->sl_pct : 80,
					 q->sl_secs ? q->sl_secs : 20);
			hl_ctl_table_add(t, "%s", q->hours[0] ? q->hours : "always");
			hl_ctl_table_add(t, "%s", q->label_en[0] ? q->label_en : "-");
			hl_ctl_table_add(t, "%s", q->label_zh[0] ? q->label_zh : "-");
		}
		hl_ctl_table_print(t, stdout);
		hl_ctl_table_free(t);
	}
	hl_client_reply_free(rp);
	return 0;
}

/* --- agents --- */

static int cmd_agent_setup(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__AgentSetup as = HOTLINE__AGENT_SETUP__INIT;
	Hotline__Skill sk[64], *skp[64];
	char names[64][65];
	const char *cap, *region;
	int n = 0;

	as.user = (char *)x->pos[0];
	for (int i = 0; i < x->ngiven; i++) {
		unsigned level;
		const char *v = x->given[i].value;
		if (strcmp(x->given[i].opt->name, "skill") != 0)
			continue;
		if (n == 64 || sscanf(v, "%64[A-Za-z0-9._-]=%u", names[n], &level) != 2)
			return hl_ctl_usage(x, "--skill wants QUEUE=LEVEL (level 1-10), at most 64 "
					    "times, not '%s'", v);
		hotline__skill__init(&sk[n]);
		sk[n].queue = names[n];
		sk[n].level = level;
		skp[n] = &sk[n];
		n++;
	}
	cap = hl_ctl_opt_str(x, "capacity", NULL);
	region = hl_ctl_opt_str(x, "region", "");
	as.skills = skp;
	as.n_skills = (size_t)n;
	as.capacity = cap ? (uint32_t)atoi(cap) : 0;
	as.region = (char *)region;
	rq.body_case = HOTLINE__REQUEST__BODY_AGENT_SETUP;
	rq.agent_setup = &as;
	return run(x, &rq, "agent set up");
}

static int cmd_agent_state(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__AgentState st = HOTLINE__AGENT_STATE__INIT;
	const char *state = x->pos[0], *reason = hl_ctl_opt_str(x, "reason", "");
	/* "break", "lunch"… alone mean Not Ready with that reason. */
	if (strcmp(state, "available") && strcmp(state, "offline") && strcmp(state, "not_ready")) {
		reason = state;
		state = "not_ready";
	}
	st.state = (char *)state;
	st.reason = (char *)reason;
	rq.body_case = HOTLINE__REQUEST__BODY_AGENT_STATE;
	rq.agent_state = &st;
	return run(x, &rq, "state set");
}

/* Requests whose only field is `contact` (accept, decline, end) are built
 * from their descriptor: one function serves them all. */
static int contact_request(hl_ctl *x, int body_case, const ProtobufCMessageDescriptor *d,
			   const char *ok)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	const ProtobufCFieldDescriptor *rf, *cf;
	ProtobufCMessage *m;
	const char *ref = x->pos[0];
	int rc;

	rf = protobuf_c_message_descriptor_get_field(&hotline__request__descriptor, (unsigned)body_case);
	cf = protobuf_c_message_descriptor_get_field_by_name(d, "contact");
	if (!rf || !cf || !(m = calloc(1, d->sizeof_message)))
		return HL_EXIT_ERROR;
	protobuf_c_message_init(d, m);
	*(const char **)((char *)m + cf->offset) = ref;
	*(ProtobufCMessage **)((char *)&rq + rf->offset) = m;
	rq.body_case = (Hotline__Request__BodyCase)body_case;
	rc = run(x, &rq, ok);
	free(m);
	return rc;
}

static int cmd_agent_accept(hl_ctl *x)
{
	return contact_request(x, HOTLINE__REQUEST__BODY_AGENT_ACCEPT,
			       &hotline__agent_accept__descriptor, "accepted");
}

static int cmd_agent_decline(hl_ctl *x)
{
	return contact_request(x, HOTLINE__REQUEST__BODY_AGENT_DECLINE,
			       &hotline__agent_decline__descriptor, "declined");
}

static int cmd_agent_wrapup(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__AgentWrapup w = HOTLINE__AGENT_WRAPUP__INIT;
	const char *code = hl_ctl_opt_str(x, "code", ""), *note = hl_ctl_opt_str(x, "note", "");
	const char *contact = hl_ctl_opt_str(x, "contact", "");

	w.code = (char *)code;
	w.note = (char *)note;
	w.contact = (char *)contact;
	rq.body_case = HOTLINE__REQUEST__BODY_AGENT_WRAPUP;
	rq.agent_wrapup = &w;
	return run(x, &rq, "wrap-up done");
}

/* --- chats --- */

static int cmd_chat_send(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__ChatSend cs = HOTLINE__CHAT_SEND__INIT;
	const char *id = hl_ctl_opt_str(x, "id", "");

	cs.contact = (char *)x->pos[0];
	cs.text = (char *)x->pos[1];
	cs.client_id = (char *)id;
	rq.body_case = HOTLINE__REQUEST__BODY_CHAT_SEND;
	rq.chat_send = &cs;
	return run(x, &rq, "sent");
}

static int cmd_chat_typing(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__ChatTyping t = HOTLINE__CHAT_TYPING__INIT;
	if (strcmp(x->pos[1], "on") != 0 && strcmp(x->pos[1], "off") != 0)
		return hl_ctl_usage(x, "the second argument is on or off, not '%s'", x->pos[1]);
	t.contact = (char *)x->pos[0];
	t.on = strcmp(x->pos[1], "on") == 0;
	rq.body_case = HOTLINE__REQUEST__BODY_CHAT_TYPING;
	rq.chat_typing = &t;
	return run(x, &rq, NULL);
}

static int cmd_chat_end(hl_ctl *x)
{
	return contact_request(x, HOTLINE__REQUEST__BODY_CHAT_END, &hotline__chat_end__descriptor,
			       "ended");
}

static int cmd_chat_transfer(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__ChatTransfer t = HOTLINE__CHAT_TRANSFER__INIT;
	const char *queue = hl_ctl_opt_str(x, "queue", ""), *agent = hl_ctl_opt_str(x, "agent", "");
	const char *note = hl_ctl_opt_str(x, "note", "");

	if (!!queue[0] == !!agent[0])
		return hl_ctl_usage(x, "give one of --queue QUEUE or --agent USER");
	t.contact = (char *)x->pos[0];
	t.to_queue = (char *)queue;
	t.to_agent = (char *)agent;
	t.note = (char *)note;
	rq.body_case = HOTLINE__REQUEST__BODY_CHAT_TRANSFER;
	rq.chat_transfer = &t;
	return run(x, &rq, "transferred");
}

/* Puts each system line's rendering in the locale's language into its
 * text (the broker's English kept in *orig, to be put back before the
 * reply is freed). Lines without a known code keep their text. */
static void render_lines(Hotline__TranscriptReply *tr, char **orig)
{
	char buf[2048];

	for (size_t i = 0; i < tr->n_lines; i++) {
		Hotline__ChatLine *l = tr->lines[i];
		char *r;
		orig[i] = NULL;
		if (hl_sysline_render(l, hl_ctl_tr, buf, sizeof buf) < 0 || !(r = strdup(buf)))
			continue;
		orig[i] = l->text;
		l->text = r;
	}
}

static void unrender_lines(Hotline__TranscriptReply *tr, char **orig)
{
	for (size_t i = 0; i < tr->n_lines; i++) {
		if (!orig[i])
			continue;
		free(tr->lines[i]->text);
		tr->lines[i]->text = orig[i];
	}
}

static int cmd_chat_transcript(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__ChatTranscript t = HOTLINE__CHAT_TRANSCRIPT__INIT;
	Hotline__Reply *rp;
	char **orig;
	int rc;

	hl_ctl_lang_init();
	t.contact = (char *)x->pos[0];
	rq.body_case = HOTLINE__REQUEST__BODY_CHAT_TRANSCRIPT;
	rq.chat_transcript = &t;
	if ((rc = hl_ctl_connect(x)) || (rc = hl_ctl_call(x, &rq, &rp)))
		return rc;
	if (!(orig = calloc(rp->transcript->n_lines + 1, sizeof *orig))) {
		hl_client_reply_free(rp);
		hl_ctl_err("out of memory");
		return HL_EXIT_ERROR;
	}
	render_lines(rp->transcript, orig);
	if (x->json) {
		hl_ctl_print_msg(&rp->transcript->base);
	} else {
		const Hotline__Contact *c = rp->transcript->contact;
		printf("%s  queue %s  %s  agent %s  wait %.1f s", c->id, c->queue, c->state,
		       c->agent[0] ? c->agent : "-", c->wait_ms / 1000.0);
		if (c->csat)
			printf("  CSAT %u NPS %d", c->csat, c->nps);
		printf("\n");
		static const char *const cols[] = {">SEQ", "FROM", "NAME", "TEXT"};
		hl_ctl_table *t = hl_ctl_table_new(4, cols);
		for (size_t i = 0; i < rp->transcript->n_lines; i++) {
			const Hotline__ChatLine *l = rp->transcript->lines[i];
			hl_ctl_table_add(t, "%llu", (unsigned long long)l->seq);
			hl_ctl_table_add(t, "%s", l->from);
			hl_ctl_table_add(t, "%s", l->name[0] ? l->name : "-");
			hl_ctl_table_add(t, "%s", l->text);
		}
		hl_ctl_table_print(t, stdout);
		hl_ctl_table_free(t);
	}
	unrender_lines(rp->transcript, orig);
	free(orig);
	hl_client_reply_free(rp);
	return 0;
}

/* --- the floor --- */

enum { F_NUM, F_MS, F_SECS, F_PCT, F_T };

/* The floor's columns: which field of Figures, shown how, and in which
 * view. The default view fits 80 columns; --wide shows every figure. */
static const struct fcol {
	const char *head;   /* '>' right-aligns */
	size_t off;
	int kind;
	unsigned views;     /* bit 0: the figures table; bit 1: the agents table; bit 2: wide */
} fcols[] = {
#define FO(f) offsetof(Hotline__Figures, f)
	{">WAIT", FO(waiting), F_NUM, 1 | 4},
	{">LONGEST", FO(longest_wait_ms), F_MS, 1 | 4},
	{">OFFER", FO(offered), F_NUM, 1 | 4},
	{">ANSW", FO(answered), F_NUM, 1 | 4},
	{">ABAND", FO(abandoned), F_NUM, 1 | 4},
	{">SHORT", FO(short_abandoned), F_NUM, 4},
	{">SL", FO(sl_pct), F_PCT, 1 | 4},
	{">T", FO(sl_secs), F_T, 4},
	{">ASA", FO(asa_s), F_SECS, 1 | 4},
	{">AHT", FO(aht_s), F_SECS, 1 | 4},
	{">ABAND%", FO(abandon_pct), F_PCT, 4},
	{">HANDLED", FO(handled), F_NUM, 4},
	{">CSAT", FO(csat_pct), F_PCT, 4},
	{">AVAIL", FO(agents_available), F_NUM, 2 | 4},
	{">BUSY", FO(agents_busy), F_NUM, 2 | 4},
	{">NOT READY", FO(agents_not_ready), F_NUM, 2 | 4},
	{">WRAP-UP", FO(agents_wrap_up), F_NUM, 2 | 4},
	{">OFFLINE", FO(agents_offline), F_NUM, 2 | 4},
#undef FO
};
#define N_FCOLS (sizeof fcols / sizeof fcols[0])

static void figure_cell(hl_ctl_table *t, const Hotline__Figures *f, const struct fcol *c)
{
	const char *p = (const char *)f + c->off;
	double v;

	switch (c->kind) {
	case F_NUM:
		hl_ctl_table_add(t, "%u", *(const uint32_t *)p);
		break;
	case F_MS:
		hl_ctl_table_add(t, "%.1fs", (double)*(const int64_t *)p / 1000.0);
		break;
	case F_T:
		/* The ALL line counts each contact against its own queue's T. */
		if (*(const uint32_t *)p)
			hl_ctl_table_add(t, "%us", *(const uint32_t *)p);
		else
			hl_ctl_table_add(t, "-");
		break;
	default:
		/* A figure with nothing to divide by is "-", never 0. */
		v = *(const double *)p;
		if (v < 0)
			hl_ctl_table_add(t, "-");
		else
			hl_ctl_table_add(t, c->kind == F_PCT ? "%.1f%%" : "%.1fs", v);
		break;
	}
}

/* One table of the floor: the columns of `view`, a row per queue and ALL. */
static void floor_table(const Hotline__FloorReply *fl, unsigned view, int queue_max)
{
	const char *heads[1 + N_FCOLS];
	const struct fcol *cols[N_FCOLS];
	int n = 0;
	hl_ctl_table *t;

	heads[0] = "QUEUE";
	for (size_t i = 0; i < N_FCOLS; i++)
		if (fcols[i].views & view) {
			cols[n] = &fcols[i];
			heads[++n] = fcols[i].head;
		}
	t = hl_ctl_table_new(n + 1, heads);
	if (queue_max) {
		/* Large figures take their room from the queue's name. */
		hl_ctl_table_limit(t, 0, queue_max);
		hl_ctl_table_fit(t, 80, 0);
	}
	for (size_t q = 0; q <= fl->n_queues; q++) {
		const Hotline__Figures *f = q < fl->n_queues ? fl->queues[q] : fl->overall;
		if (!f)
			continue;
		hl_ctl_table_add(t, "%s", f->queue[0] ? f->queue : "ALL");
		for (int c = 0; c < n; c++)
			figure_cell(t, f, cols[c]);
	}
	hl_ctl_table_print(t, stdout);
	hl_ctl_table_free(t);
}

/* The last 30 minutes, a row per queue and ALL. */
static void recent_table(const Hotline__FloorReply *fl)
{
	static const char *const heads[] = {"LAST 30 MIN", ">OFFER", ">ANSW", ">ABAND", ">SL",
					    ">ASA", ">AHT"};
	hl_ctl_table *t = hl_ctl_table_new(7, heads);

	hl_ctl_table_limit(t, 0, 16);
	for (size_t q = 0; q <= fl->n_queues; q++) {
		const Hotline__Figures *f = q < fl->n_queues ? fl->queues[q] : fl->overall;
		const Hotline__FloorRecent *r = f ? f->last30 : NULL;
		const double v[3] = {r ? r->sl_pct : -1, r ? r->asa_s : -1, r ? r->aht_s : -1};
		if (!r)
			continue;
		hl_ctl_table_add(t, "%s", f->queue[0] ? f->queue : "ALL");
		hl_ctl_table_add(t, "%u", r->offered);
		hl_ctl_table_add(t, "%u", r->answered);
		hl_ctl_table_add(t, "%u", r->abandoned);
		for (int i = 0; i < 3; i++) {
			if (v[i] < 0)
				hl_ctl_table_add(t, "-");
			else
				hl_ctl_table_add(t, i == 0 ? "%.1f%%" : "%.1fs", v[i]);
		}
	}
	hl_ctl_table_print(t, stdout);
	hl_ctl_table_free(t);
}

/* Prints text wrapped at 79 display columns. */
static void put_wrapped(const char *text)
{
	hl_tui_wrap w;
	hl_tui_span row;

	hl_tui_width_wrap_init(&w, text, strlen(text), 79);
	while (hl_tui_width_wrap_next(&w, &row))
		printf("%.*s\n", (int)row.len, text + row.off);
}

static int cmd_floor(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__Floor fl = HOTLINE__FLOOR__INIT;
	Hotline__Reply *rp;
	int rc, wide = hl_ctl_has(x, "wide");

	rq.body_case = HOTLINE__REQUEST__BODY_FLOOR;
	rq.floor = &fl;
	if ((rc = hl_ctl_connect(x)) || (rc = hl_ctl_call(x, &rq, &rp)))
		return rc;
	if (x->json) {
		hl_ctl_print_json(hl_pbjson_from(&rp->floor->base, 1));
	} else if (wide) {
		floor_table(rp->floor, 4, 0);
		printf("\n");
		recent_table(rp->floor);
		put_wrapped("Today since local midnight. WAIT: waiting now; LONGEST: the longest wait "
			    "now; OFFER, ANSW, ABAND (SHORT): contacts offered, answered, abandoned "
			    "(short abandons among them); SL: answered within the queue's T s ÷ "
			    "offered, short abandons left out; ASA: queue wait of answered ÷ answered; "
			    "AHT: (talk + wrap-up) ÷ handled; ABAND%: abandoned ÷ offered, short "
			    "abandons left out of both; HANDLED: finished, wrap-up done; CSAT: "
			    "ratings of 4-5 ÷ ratings; AVAIL … OFFLINE: agents by state. LAST 30 "
			    "MIN: the contacts that arrived in this minute and the 30 before it.");
	} else {
		/* Two narrow tables rather than one wide one: 80 columns. */
		floor_table(rp->floor, 1, 16);
		printf("\n");
		floor_table(rp->floor, 2, 16);
		printf("\n");
		recent_table(rp->floor);
		put_wrapped("Today since local midnight. SL: answered within the queue's T s ÷ "
			    "offered; ASA: average wait of answered; AHT: average talk + wrap-up; "
			    "LAST 30 MIN: contacts that arrived in this minute and the 30 before. "
			    "--wide shows every figure; docs/metrics.md defines them.");
	}
	hl_client_reply_free(rp);
	return 0;
}

static int cmd_agent_list(hl_ctl *x)
{
	static const char *const cols[] = {"AGENT", "STATE", "REASON", ">CHATS", "NAME"};
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__AgentList al = HOTLINE__AGENT_LIST__INIT;
	Hotline__Reply *rp;
	hl_ctl_table *t = NULL;
	int rc;

	rq.body_case = HOTLINE__REQUEST__BODY_AGENT_LIST;
	rq.agent_list = &al;
	if ((rc = hl_ctl_connect(x)) || (rc = hl_ctl_call(x, &rq, &rp)))
		return rc;
	if (!x->json)
		t = hl_ctl_table_new(5, cols);
	for (size_t i = 0; i < rp->agents->n_agents; i++) {
		const Hotline__AgentEntry *e = rp->agents->agents[i];
		if (x->json) {
			hl_ctl_print_msg(&e->base);
			continue;
		}
		hl_ctl_table_add(t, "%s", e->name);
		hl_ctl_table_add(t, "%s", e->state);
		hl_ctl_table_add(t, "%s", e->reason[0] ? e->reason : "-");
		hl_ctl_table_add(t, "%u/%u", e->active, e->capacity);
		hl_ctl_table_add(t, "%s", e->display);
	}
	hl_ctl_table_print(t, stdout);
	hl_ctl_table_free(t);
	hl_client_reply_free(rp);
	return 0;
}

static const hl_ctl_opt queue_opt_table[] = {
	{"strategy", "S", "longest_idle, least_occupied, fewest_handled, round_robin, "
	 "skill_level or random", 0, 0, 0},
	{"priority", "N", "served first among an agent's queues when higher; may be negative", 0, 0, 0},
	{"sl", "PCT/SECS", "service-level target: PCT % answered within SECS s (default 80/20)", 0, 0, 0},
	{"max-wait", "S", "take a contact out after S seconds of waiting (0: never)", 0, 0, 0},
	{"max-len", "N", "refuse new contacts while N are waiting (0: no limit)", 0, 0, 0},
	{"offer-timeout", "S", "an offer runs out after S seconds (default 15)", 0, 0, 0},
	{"auto-accept", NULL, "offers are accepted at once, without the agent", 0, 0, 0},
	{"wrap-up", "S", "wrap-up seconds after each conversation (default 0)", 0, 0, 0},
	{"missed-limit", "N", "N missed offers in a row make the agent Not Ready (default 3)", 0, 0, 0},
	{"tier-wait", "S", "seconds before lower skill tiers open (default 30)", 0, 0, 0},
	{"short-abandon", "S", "abandons sooner than S seconds are short (default 5)", 0, 0, 0},
	{"overflow", "AFTER:QUEUE", "after AFTER seconds also offer to QUEUE's agents (up to 8)",
	 HL_CTL_REPEAT, 0, 0},
	{"hours", "TEXT", "business hours, e.g. \"mon-fri 09:00-18:00; sat 10:00-14:00\"", 0, 0, 0},
	{"utc-offset", "MIN", "the hours' time zone, minutes east of UTC (480 for China)", 0, 0, 0},
	{"region", "R", "any value turns region affinity on; \"\" turns it off", 0, 0, 0},
	{"label-en", "L", "the menu item's label for English visitors", 0, 0, 0},
	{"label-zh", "L", "the menu item's label for Chinese visitors", 0, 0, 0},
	{NULL, NULL, NULL, 0, 0, 0},
};

static const hl_ctl_arg contact_arg[] = {
	{"CONTACT", "the contact, as events and the floor name it: c17", 0}, {NULL, NULL, 0},
};

const hl_ctl_cmd hl_ctl_chat_cmds[] = {
	{"queue add", "add a queue",
	 (const hl_ctl_arg[]){{"ID", "the queue's id: 1-64 letters, digits, '.', '_' or '-'", 0},
			      {NULL, NULL, 0}},
	 queue_opt_table,
	 "queue add sales --strategy longest_idle --sl 80/20 --label-en Enquiry --label-zh 业务咨询",
	 cmd_queue_add},
	{"queue set", "change only the settings named",
	 (const hl_ctl_arg[]){{"ID", "the queue's id", 0}, {NULL, NULL, 0}},
	 queue_opt_table, "queue set sales --max-wait 300", cmd_queue_set},
	{"queue list", "list queues: strategy, priority, target, hours, menu labels", NULL, NULL,
	 "queue list", cmd_queue_list},
	{"agent setup", "give a user a routing profile",
	 (const hl_ctl_arg[]){{"USER", "the user's login name", 0}, {NULL, NULL, 0}},
	 (const hl_ctl_opt[]){
		 {"skill", "QUEUE=LEVEL", "a queue the agent serves, at level 1-10 (up to 64)",
		  HL_CTL_REPEAT, 0, 0},
		 {"capacity", "N", "contacts held at once (default 1)", 0, 1, 1000},
		 {"region", "R", "the agent's region, for queues with region affinity", 0, 0, 0},
		 {NULL, NULL, NULL, 0, 0, 0}},
	 "agent setup ann --skill sales=8 --skill aftersales=5 --capacity 2", cmd_agent_setup},
	{"agent state", "set your own state",
	 (const hl_ctl_arg[]){{"STATE", "available, not_ready or offline; any other word (break, "
			       "lunch) is Not Ready with that reason", 0}, {NULL, NULL, 0}},
	 (const hl_ctl_opt[]){{"reason", "R", "the Not Ready reason", 0, 0, 0}, {NULL, NULL, NULL, 0, 0, 0}},
	 "agent state not_ready --reason training", cmd_agent_state},
	{"agent list", "agents with their state now", NULL, NULL, "agent list", cmd_agent_list},
	{"agent accept", "take a contact offered to you", contact_arg, NULL, "agent accept c17",
	 cmd_agent_accept},
	{"agent decline", "turn down a contact offered to you", contact_arg, NULL,
	 "agent decline c17", cmd_agent_decline},
	{"agent wrapup", "end your wrap-up, with a code and a note", NULL,
	 (const hl_ctl_opt[]){
		 {"code", "C", "the wrap-up code", 0, 0, 0},
		 {"note", "N", "a note kept with the conversation", 0, 0, 0},
		 {"contact", "CONTACT", "the conversation it is for (default: your last)", 0, 0, 0},
		 {NULL, NULL, NULL, 0, 0, 0}},
	 "agent wrapup --code resolved --note \"refund sent\"", cmd_agent_wrapup},
	{"chat send", "send a line to the customer of your conversation",
	 (const hl_ctl_arg[]){{"CONTACT", "your conversation: c17", 0},
			      {"TEXT", "the line (quote it; after -- it may start with -)", 0},
			      {NULL, NULL, 0}},
	 (const hl_ctl_opt[]){{"id", "CLIENT_ID", "your id for the line: a re-send with the "
			       "same id is stored once", 0, 0, 0}, {NULL, NULL, NULL, 0, 0, 0}},
	 "chat send c17 \"您好，请问有什么可以帮您？\"", cmd_chat_send},
	{"chat typing", "show or hide your typing to the customer",
	 (const hl_ctl_arg[]){{"CONTACT", "your conversation: c17", 0}, {"on|off", "on or off", 0},
			      {NULL, NULL, 0}},
	 NULL, "chat typing c17 on", cmd_chat_typing},
	{"chat end", "end your conversation; your wrap-up starts", contact_arg, NULL,
	 "chat end c17", cmd_chat_end},
	{"chat transfer", "hand your conversation to a queue or an agent", contact_arg,
	 (const hl_ctl_opt[]){
		 {"queue", "QUEUE", "the queue to hand it to", 0, 0, 0},
		 {"agent", "USER", "the agent to hand it to", 0, 0, 0},
		 {"note", "N", "a note for the next agent; the customer never sees it", 0, 0, 0},
		 {NULL, NULL, NULL, 0, 0, 0}},
	 "chat transfer c17 --queue aftersales --note \"wants a refund\"", cmd_chat_transfer},
	{"chat transcript", "a conversation's lines, notes included, and its outcome",
	 contact_arg, NULL, "chat transcript c17", cmd_chat_transcript},
	{"floor", "today's figures per queue and for the whole floor", NULL,
	 (const hl_ctl_opt[]){{"wide", NULL, "every figure in one wide table", 0, 0, 0},
			      {NULL, NULL, NULL, 0, 0, 0}},
	 "floor --wide", cmd_floor},
	{NULL, NULL, NULL, NULL, NULL, NULL},
};
