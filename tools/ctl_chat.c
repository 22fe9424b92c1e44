/* hotline-ctl commands for routing and chats: queues, agents' profiles and
 * states, offers, conversation lines, transfers, wrap-up, transcripts and
 * the floor's figures. */
#include "ctl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl_lang.h"
#include "error.h"
#include "pbjson.h"
#include "sysline.h"

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

/* Parses queue options into `q`; fills the set mask. Returns 0 or usage. */
static int queue_opts(hl_ctl *x, Hotline__QueueConf *q, char *mask, size_t cap,
		      Hotline__Overflow *ov, Hotline__Overflow **ovp, char *ovto)
{
	for (int i = 1; i < x->argc; i++) {
		const char *a = x->argv[i];
		const struct qopt *o = NULL;
		const char *v = NULL;
		char *end;

		if (strncmp(a, "--", 2) == 0)
			for (size_t k = 0; k < sizeof qopts / sizeof qopts[0]; k++)
				if (strcmp(a + 2, qopts[k].flag) == 0)
					o = &qopts[k];
		if (!o) {
			hl_ctl_err("unknown queue option %s", a);
			return HL_EXIT_USAGE;
		}
		if (o->kind != OPT_BOOL) {
			if (i + 1 >= x->argc) {
				hl_ctl_err("%s needs a value", a);
				return HL_EXIT_USAGE;
			}
			v = x->argv[++i];
		}
		switch (o->kind) {
		case OPT_INT: {
			long n = strtol(v, &end, 10);
			if (*end || n < -100000 || n > 10000000) {
				hl_ctl_err("%s wants a number, not '%s'", a, v);
				return HL_EXIT_USAGE;
			}
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
			if (sscanf(v, "%u/%u", &q->sl_pct, &q->sl_secs) != 2 || q->sl_pct > 100) {
				hl_ctl_err("--sl wants PERCENT/SECONDS, e.g. 80/20");
				return HL_EXIT_USAGE;
			}
			mask_add(mask, cap, "sl_secs");
			break;
		case OPT_OVERFLOW:
			if (q->n_overflow == 8 || sscanf(v, "%u:%64[A-Za-z0-9._-]", &ov[q->n_overflow].after_s,
							 ovto + 65 * q->n_overflow) < 1) {
				hl_ctl_err("--overflow wants AFTER_SECONDS:QUEUE (at most 8)");
				return HL_EXIT_USAGE;
			}
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
	if (x->argc < 1 || x->argv[0][0] == '-')
		return hl_ctl_usage(x, "queue add|set needs the queue id first");
	q.id = x->argv[0];
	if ((rc = queue_opts(x, &q, mask, sizeof mask, ov, ovp, ovto)))
		return rc;
	if (set) {
		if (!mask[0])
			return hl_ctl_usage(x, "queue set: name at least one setting to change");
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
		printf("%-16s %-15s %4s %-9s %-28s %s\n", "QUEUE", "STRATEGY", "PRIO", "SL", "HOURS",
		       "MENU");
		for (size_t i = 0; i < rp->queues->n_queues; i++) {
			const Hotline__QueueConf *q = rp->queues->queues[i];
			char sl[24];
			snprintf(sl, sizeof sl, "%u%%/%us", q->sl_pct ? q->sl_pct : 80,
				 q->sl_secs ? q->sl_secs : 20);
			printf("%-16s %-15s %4d %-9s %-28s %s %s\n", q->id, q->strategy, q->priority, sl,
			       q->hours[0] ? q->hours : "always", q->label_en, q->label_zh);
		}
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
	const char *cap = NULL, *region = "";
	int n = 0;

	if (x->argc < 1 || x->argv[0][0] == '-')
		return hl_ctl_usage(x, "agent setup needs the user name first");
	as.user = x->argv[0];
	/* Options come in pairs: --name VALUE. */
	for (int i = 1; i < x->argc; i += 2) {
		const char *a = x->argv[i], *v = i + 1 < x->argc ? x->argv[i + 1] : NULL;
		if (!v)
			return hl_ctl_usage(x, "every agent setup option needs a value");
		if (strcmp(a, "--skill") == 0) {
			unsigned level;
			if (n == 64 || sscanf(v, "%64[A-Za-z0-9._-]=%u", names[n], &level) != 2)
				return hl_ctl_usage(x, "--skill wants QUEUE=LEVEL (level 1-10)");
			hotline__skill__init(&sk[n]);
			sk[n].queue = names[n];
			sk[n].level = level;
			skp[n] = &sk[n];
			n++;
		} else if (strcmp(a, "--capacity") == 0) {
			cap = v;
		} else if (strcmp(a, "--region") == 0) {
			region = v;
		} else {
			return hl_ctl_usage(x, "agent setup takes --skill Q=L, --capacity N, --region R");
		}
	}
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
	const char *state = NULL, *reason = "";
	const hl_ctl_flag flags[] = {{"reason", &reason, NULL}, {NULL, NULL, NULL}};
	int rc;

	if ((rc = hl_ctl_flags(x, 1, &state, flags)))
		return rc;
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
	const char *ref;
	int rc;

	if ((rc = hl_ctl_flags(x, 1, &ref, NULL)))
		return rc;
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
	const char *code = "", *note = "", *contact = "";
	const hl_ctl_flag flags[] = {
		{"code", &code, NULL}, {"note", &note, NULL}, {"contact", &contact, NULL},
		{NULL, NULL, NULL},
	};
	int rc;

	if ((rc = hl_ctl_flags(x, 0, NULL, flags)))
		return rc;
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
	const char *pos[2], *id = "";
	const hl_ctl_flag flags[] = {{"id", &id, NULL}, {NULL, NULL, NULL}};
	int rc;

	if ((rc = hl_ctl_flags(x, 2, pos, flags)))
		return rc;
	cs.contact = (char *)pos[0];
	cs.text = (char *)pos[1];
	cs.client_id = (char *)id;
	rq.body_case = HOTLINE__REQUEST__BODY_CHAT_SEND;
	rq.chat_send = &cs;
	return run(x, &rq, "sent");
}

static int cmd_chat_typing(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__ChatTyping t = HOTLINE__CHAT_TYPING__INIT;
	const char *pos[2];
	int rc;

	if ((rc = hl_ctl_flags(x, 2, pos, NULL)))
		return rc;
	t.contact = (char *)pos[0];
	t.on = strcmp(pos[1], "on") == 0;
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
	const char *ref, *queue = "", *agent = "", *note = "";
	const hl_ctl_flag flags[] = {
		{"queue", &queue, NULL}, {"agent", &agent, NULL}, {"note", &note, NULL},
		{NULL, NULL, NULL},
	};
	int rc;

	if ((rc = hl_ctl_flags(x, 1, &ref, flags)))
		return rc;
	t.contact = (char *)ref;
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
	const char *ref;
	int rc;

	if ((rc = hl_ctl_flags(x, 1, &ref, NULL)))
		return rc;
	hl_ctl_lang_init();
	t.contact = (char *)ref;
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
		for (size_t i = 0; i < rp->transcript->n_lines; i++) {
			const Hotline__ChatLine *l = rp->transcript->lines[i];
			printf("%4llu %-8s %-10s %s\n", (unsigned long long)l->seq, l->from,
			       l->name[0] ? l->name : "-", l->text);
		}
	}
	unrender_lines(rp->transcript, orig);
	free(orig);
	hl_client_reply_free(rp);
	return 0;
}

/* --- the floor --- */

static void print_figure(const char *label, double v, const char *unit)
{
	if (v < 0)
		printf(" %s -", label);
	else
		printf(" %s %.1f%s", label, v, unit);
}

static void print_figures(const Hotline__Figures *f)
{
	printf("%-14s waiting %-3u longest %5.1fs  offered %-4u answered %-4u abandoned %-3u "
	       "(short %u)", f->queue[0] ? f->queue : "ALL", f->waiting, f->longest_wait_ms / 1000.0,
	       f->offered, f->answered, f->abandoned, f->short_abandoned);
	print_figure(" SL", f->sl_pct, "%");
	if (f->sl_secs)
		printf("/%us", f->sl_secs);
	print_figure(" ASA", f->asa_s, "s");
	print_figure(" AHT", f->aht_s, "s");
	print_figure(" abandon", f->abandon_pct, "%");
	printf("\n%14s agents: %u available, %u busy, %u not ready, %u wrap-up, %u offline\n", "",
	       f->agents_available, f->agents_busy, f->agents_not_ready, f->agents_wrap_up,
	       f->agents_offline);
}

static int cmd_floor(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__Floor fl = HOTLINE__FLOOR__INIT;
	Hotline__Reply *rp;
	int rc;

	if (x->argc)
		return hl_ctl_usage(x, "floor takes no arguments");
	rq.body_case = HOTLINE__REQUEST__BODY_FLOOR;
	rq.floor = &fl;
	if ((rc = hl_ctl_connect(x)) || (rc = hl_ctl_call(x, &rq, &rp)))
		return rc;
	if (x->json) {
		hl_ctl_print_json(hl_pbjson_from(&rp->floor->base, 1));
	} else {
		for (size_t i = 0; i < rp->floor->n_queues; i++)
			print_figures(rp->floor->queues[i]);
		print_figures(rp->floor->overall);
		printf("SL: answered within the queue's T s ÷ offered, short abandons left out; "
		       "ASA: queue wait of answered ÷ answered; AHT: (talk + wrap-up) ÷ handled; "
		       "abandon: abandoned ÷ offered, short abandons left out of both. Today since "
		       "local midnight.\n");
	}
	hl_client_reply_free(rp);
	return 0;
}

static int cmd_agent_list(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__AgentList al = HOTLINE__AGENT_LIST__INIT;
	Hotline__Reply *rp;
	int rc;

	if (x->argc)
		return hl_ctl_usage(x, "agent list takes no arguments");
	rq.body_case = HOTLINE__REQUEST__BODY_AGENT_LIST;
	rq.agent_list = &al;
	if ((rc = hl_ctl_connect(x)) || (rc = hl_ctl_call(x, &rq, &rp)))
		return rc;
	if (!x->json)
		printf("%-20s %-10s %-12s %-9s %s\n", "AGENT", "STATE", "REASON", "CHATS", "NAME");
	for (size_t i = 0; i < rp->agents->n_agents; i++) {
		const Hotline__AgentEntry *e = rp->agents->agents[i];
		char chats[24];
		if (x->json) {
			hl_ctl_print_msg(&e->base);
			continue;
		}
		snprintf(chats, sizeof chats, "%u/%u", e->active, e->capacity);
		/* The display name last: its width does not shift the columns. */
		printf("%-20s %-10s %-12s %-9s %s\n", e->name, e->state, e->reason[0] ? e->reason : "-",
		       chats, e->display);
	}
	hl_client_reply_free(rp);
	return 0;
}

const hl_ctl_cmd hl_ctl_chat_cmds[] = {
	{"queue add", "ID [--strategy S] [--sl P/S] [--max-wait S] … [--label-en L --label-zh L]",
	 "add a queue", cmd_queue_add},
	{"queue set", "ID --SETTING VALUE …", "change a queue's settings", cmd_queue_set},
	{"queue list", "", "list queues", cmd_queue_list},
	{"agent setup", "USER --skill QUEUE=LEVEL … [--capacity N] [--region R]",
	 "an agent's routing profile", cmd_agent_setup},
	{"agent state", "available|not_ready|offline|break|lunch|… [--reason R]",
	 "set your state", cmd_agent_state},
	{"agent list", "", "agents with their state now", cmd_agent_list},
	{"agent accept", "CONTACT", "accept an offer", cmd_agent_accept},
	{"agent decline", "CONTACT", "decline an offer", cmd_agent_decline},
	{"agent wrapup", "[--code C] [--note N] [--contact CONTACT]", "finish wrap-up",
	 cmd_agent_wrapup},
	{"chat send", "CONTACT TEXT [--id CLIENT_ID]", "send a line to the customer",
	 cmd_chat_send},
	{"chat typing", "CONTACT on|off", "show or hide your typing", cmd_chat_typing},
	{"chat end", "CONTACT", "end the conversation", cmd_chat_end},
	{"chat transfer", "CONTACT --queue Q|--agent A [--note N]", "transfer",
	 cmd_chat_transfer},
	{"chat transcript", "CONTACT", "the conversation's lines and outcome",
	 cmd_chat_transcript},
	{"floor", "", "figures per queue and overall, today", cmd_floor},
	{NULL, NULL, NULL, NULL},
};
