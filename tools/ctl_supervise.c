/* hotline-ctl commands for supervising a conversation: listen in (its
 * transcript, then its lines, typing and state as they happen), whisper to
 * its agent, barge in to the customer, take it over. */
#include "ctl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ctl_lang.h"
#include "error.h"
#include "pbjson.h"
#include "sysline.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* Runs one request and prints its reply's body (JSON) or `ok`. */
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
	} else {
		puts(ok);
	}
	hl_client_reply_free(rp);
	return 0;
}

/* --- listen --- */

/* States after which a conversation says nothing more. */
static const char *const final_states[] = {"ended", "abandoned", "rejected", "left"};

static int is_final(const char *state)
{
	for (size_t i = 0; i < sizeof final_states / sizeof final_states[0]; i++)
		if (strcmp(state, final_states[i]) == 0)
			return 1;
	return 0;
}

/* One line for a person: time, who, text (a system line in the locale's
 * language; a whisper or note marked). */
static void print_line(const Hotline__ChatLine *l)
{
	char buf[2048], when[16] = "";
	time_t t = (time_t)(l->ts_ms / 1000);
	struct tm tm;
	const char *text = l->text;

	if (localtime_r(&t, &tm))
		strftime(when, sizeof when, "%H:%M:%S", &tm);
	if (hl_sysline_render(l, hl_ctl_tr, buf, sizeof buf) == 0)
		text = buf;
	if (strcmp(l->from, "system") == 0)
		printf("%s  -- %s\n", when, text);
	else if (strcmp(l->from, "whisper") == 0 || strcmp(l->from, "note") == 0)
		printf("%s  [%s] %s: %s\n", when, l->from, l->name, text);
	else if (l->name[0])
		printf("%s  %s (%s): %s\n", when, l->name, l->from, text);
	else
		printf("%s  %s: %s\n", when, l->from, text);
}

/* Prints a line as the event that would have carried it, so a script reads
 * history and live lines alike. */
static void print_line_json(const char *contact, const Hotline__ChatLine *l, int history)
{
	cJSON *j = cJSON_CreateObject(), *cl = cJSON_AddObjectToObject(j, "line");

	cJSON_AddStringToObject(cl, "contact", contact);
	cJSON_AddItemToObject(cl, "line", hl_pbjson_from(&l->base, 0));
	if (history)
		cJSON_AddBoolToObject(j, "history", 1);
	hl_ctl_print_json(j);
}

struct follow {
	hl_ctl *x;
	const char *contact;
	uint64_t last_line;  /* the highest line seq printed */
	int done;            /* the conversation is over */
};

/* Prints one event if it concerns the contact; notes the end. */
static void on_event(struct follow *f, const Hotline__Event *ev)
{
	const Hotline__ContactLine *cl = ev->body_case == HOTLINE__EVENT__BODY_LINE ? ev->line : NULL;
	const Hotline__Typing *ty = ev->body_case == HOTLINE__EVENT__BODY_TYPING ? ev->typing : NULL;
	const Hotline__ContactState *cs =
		ev->body_case == HOTLINE__EVENT__BODY_CONTACT_STATE ? ev->contact_state : NULL;

	if (cl && cl->line && strcmp(cl->contact, f->contact) == 0) {
		/* A line may come twice (the holder's topic and the contact's). */
		if (cl->line->seq <= f->last_line)
			return;
		f->last_line = cl->line->seq;
	} else if (!(ty && strcmp(ty->contact, f->contact) == 0) &&
		   !(cs && strcmp(cs->contact, f->contact) == 0)) {
		return;
	}
	if (cs && is_final(cs->state))
		f->done = 1;
	if (f->x->json) {
		cJSON *j = hl_pbjson_from(&ev->base, 0);
		cJSON_DeleteItemFromObject(j, "seq");
		hl_ctl_print_json(j);
	} else if (cl) {
		print_line(cl->line);
	} else if (ty) {
		printf("   %s\n", ty->on ? "(the customer is typing)" : "(the customer stopped typing)");
	} else {
		printf("   == %s%s%s%s%s\n", cs->state, cs->by[0] ? " by " : "", cs->by,
		       cs->reason[0] ? ": " : "", cs->reason);
	}
	fflush(stdout);
}

static int cmd_chat_listen(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__ChatListen cl = HOTLINE__CHAT_LISTEN__INIT;
	const char *ts = hl_ctl_opt_str(x, "timeout-s", NULL);
	int wait = (int)hl_ctl_opt_num(x, "wait-ms", 25000);
	struct follow f = {.x = x, .contact = x->pos[0]};
	double deadline = -1, timeout;
	Hotline__Reply *rp;
	char *end;
	int rc;

	if (ts && (!ts[0] || (timeout = strtod(ts, &end)) < 0 || *end || timeout > 86400))
		return hl_ctl_usage(x, "--timeout-s wants seconds from 0 to 86400, e.g. 30 or 2.5, "
				    "not '%s'", ts);
	if (ts)
		deadline = now_ms() + timeout * 1000;
	hl_ctl_lang_init();
	cl.contact = (char *)x->pos[0];
	rq.body_case = HOTLINE__REQUEST__BODY_CHAT_LISTEN;
	rq.chat_listen = &cl;
	if ((rc = hl_ctl_connect(x)) || (rc = hl_ctl_call(x, &rq, &rp)))
		return rc;
	{
		const Hotline__TranscriptReply *tr = rp->transcript;
		const Hotline__Contact *c = tr->contact;
		if (x->json) {
			cJSON *j = cJSON_CreateObject();
			cJSON_AddItemToObject(j, "contact", hl_pbjson_from(&c->base, 0));
			hl_ctl_print_json(j);
		} else {
			printf("%s  queue %s  %s  agent %s\n", c->id, c->queue, c->state,
			       c->agent[0] ? c->agent : "-");
		}
		for (size_t i = 0; i < tr->n_lines; i++) {
			if (x->json)
				print_line_json(f.contact, tr->lines[i], 1);
			else
				print_line(tr->lines[i]);
			if (tr->lines[i]->seq > f.last_line)
				f.last_line = tr->lines[i]->seq;
		}
	}
	hl_client_reply_free(rp);
	fflush(stdout);
	/* Then its events, until it ends, the time runs out or the caller
	 * stops us. */
	while (!f.done && (deadline < 0 || now_ms() < deadline)) {
		int resync, n, w = wait;
		if (deadline > 0 && deadline - now_ms() < w)
			w = (int)(deadline - now_ms()) + 1;
		if ((n = hl_client_poll(x->client, w, &rp, &resync)) < 0) {
			hl_ctl_err("event stream failed: %s", hl_client_error(x->client));
			return hl_ctl_exit_code(n);
		}
		for (int i = 0; i < n && !f.done; i++)
			on_event(&f, rp->poll->events[i]);
		hl_client_reply_free(rp);
	}
	return 0;
}

/* --- whisper, barge, take over --- */

static int cmd_chat_whisper(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__ChatWhisper w = HOTLINE__CHAT_WHISPER__INIT;

	w.contact = (char *)x->pos[0];
	w.text = (char *)x->pos[1];
	w.client_id = (char *)hl_ctl_opt_str(x, "id", "");
	rq.body_case = HOTLINE__REQUEST__BODY_CHAT_WHISPER;
	rq.chat_whisper = &w;
	return run(x, &rq, "whispered");
}

static int cmd_chat_barge(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__ChatBarge w = HOTLINE__CHAT_BARGE__INIT;

	w.contact = (char *)x->pos[0];
	w.text = (char *)x->pos[1];
	w.client_id = (char *)hl_ctl_opt_str(x, "id", "");
	rq.body_case = HOTLINE__REQUEST__BODY_CHAT_BARGE;
	rq.chat_barge = &w;
	return run(x, &rq, "sent to the customer");
}

static int cmd_chat_takeover(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__ChatTakeover t = HOTLINE__CHAT_TAKEOVER__INIT;

	t.contact = (char *)x->pos[0];
	rq.body_case = HOTLINE__REQUEST__BODY_CHAT_TAKEOVER;
	rq.chat_takeover = &t;
	return run(x, &rq, "taken over: the conversation is yours ('chat send', 'chat end')");
}

static const hl_ctl_opt line_opts[] = {
	{"id", "CLIENT_ID", "your id for the line: a re-send with the same id is stored once", 0,
	 0, 0},
	{NULL, NULL, NULL, 0, 0, 0},
};

static const hl_ctl_arg contact_text_args[] = {
	{"CONTACT", "the conversation: c17", 0},
	{"TEXT", "the line (quote it; after -- it may start with -)", 0},
	{NULL, NULL, 0},
};

const hl_ctl_cmd hl_ctl_supervise_cmds[] = {
	{"chat listen", "follow a conversation live: its lines, typing, state",
	 (const hl_ctl_arg[]){{"CONTACT", "the conversation: c17", 0}, {NULL, NULL, 0}},
	 (const hl_ctl_opt[]){
		 {"timeout-s", "S", "stop after S seconds, e.g. 30 or 2.5 (default: when it ends)",
		  0, 0, 0},
		 {"wait-ms", "MS", "the long-poll wait asked of the broker (default 25000)", 0, 0,
		  600000},
		 {NULL, NULL, NULL, 0, 0, 0}},
	 "--json chat listen c17", cmd_chat_listen},
	{"chat whisper", "a line to its agent that the customer never sees",
	 contact_text_args, line_opts, "chat whisper c17 \"offer the refund\"", cmd_chat_whisper},
	{"chat barge", "join a conversation: your lines reach the customer",
	 contact_text_args, line_opts, "chat barge c17 \"我是值班主管，我来帮您处理\"", cmd_chat_barge},
	{"chat takeover", "make a conversation yours; its agent is freed",
	 (const hl_ctl_arg[]){{"CONTACT", "the conversation: c17", 0}, {NULL, NULL, 0}},
	 NULL, "chat takeover c17", cmd_chat_takeover},
	{NULL, NULL, NULL, NULL, NULL, NULL},
};
