/* hotline-sim run's agents: log in, take offers, answer each customer's
 * tagged lines, end and wrap up chats; requests go through a worker pool
 * in order per agent, events come from one poller thread per agent. */
#include "sim_agent.h"

#include <errno.h>
#include <inttypes.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "client.h"
#include "error.h"
#include "sim_cust.h"
#include "sim_phrase.h"
#include "sim_rand.h"
#include "sim_report.h"
#include "sim_sched.h"
#include "sim_stats.h"

#define MAX_CONV 32               /* conversations an agent holds at once */
#define CLIENT_TIMEOUT_MS 10000
#define THREAD_STACK (256 * 1024)

enum { A_LOGIN, A_STATE, A_ACCEPT, A_SEND, A_END, A_WRAPUP, A_LOGOUT };
enum { V_FREE, V_OFFERED, V_ACTIVE, V_ENDING, V_WRAPUP };

/* One request an agent makes, carried to a worker and back. */
struct hl_sim_act {
	struct hl_sim_act *next;
	int kind, agent, slot, setup;
	uint32_t serial, cust, seq;
	const char *state;
	char contact[48], client_id[48], filler[128];
	int rc;
	char err[240];
};

typedef struct conv {
	int state;
	uint32_t serial;        /* tells a timer whether the slot was reused */
	char contact[48];
	int cust;               /* customer index, -1 until a tagged line names it */
	uint32_t a2c_next;
	int replies, target, typing;
} conv;

struct hl_sim_agent {
	hl_sim_run *run;        /* run and idx: for the poller thread */
	int idx;
	char name[64];
	hl_client *cl;
	pthread_t poller;
	int poller_started;
	atomic_int poller_done;
	hl_sim_act *qhead, *qtail;  /* requests waiting for the one in flight */
	int busy;
	conv conv[MAX_CONV];
};

static void sleep_ms(int ms)
{
	struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000};
	nanosleep(&ts, NULL);
}

static int start_thread(pthread_t *t, void *(*fn)(void *), void *arg)
{
	pthread_attr_t at;
	int rv;

	pthread_attr_init(&at);
	pthread_attr_setstacksize(&at, THREAD_STACK);
	rv = pthread_create(t, &at, fn, arg);
	pthread_attr_destroy(&at);
	return rv;
}

/* ---- requests on the worker pool ---- */

static void job_push(hl_sim_run *S, hl_sim_act *a)
{
	pthread_mutex_lock(&S->jmu);
	a->next = NULL;
	if (S->jtail)
		S->jtail->next = a;
	else
		S->jhead = a;
	S->jtail = a;
	pthread_cond_signal(&S->jcv);
	pthread_mutex_unlock(&S->jmu);
}

/* A new request of agent `i`, to fill in and pass to agent_submit. */
static hl_sim_act *act_new(int i, int kind)
{
	hl_sim_act *a = calloc(1, sizeof *a);

	if (a) {
		a->kind = kind;
		a->agent = i;
		a->slot = -1;
	}
	return a;
}

/* Queues a filled-in request; it goes when the agent's previous one is
 * done, so an agent's requests reach the broker in order. */
static void agent_submit(hl_sim_run *S, hl_sim_act *a)
{
	hl_sim_agent *ag = &S->agents[a->agent];

	S->acts_pending++;
	if (!ag->busy) {
		ag->busy = 1;
		job_push(S, a);
	} else {
		if (ag->qtail)
			ag->qtail->next = a;
		else
			ag->qhead = a;
		ag->qtail = a;
	}
}

static void agent_do(hl_sim_run *S, int i, int kind)
{
	hl_sim_act *a = act_new(i, kind);

	if (a)
		agent_submit(S, a);
}

static void agent_state(hl_sim_run *S, int i, const char *state, int setup)
{
	hl_sim_act *a = act_new(i, A_STATE);

	if (a) {
		a->state = state;
		a->setup = setup;
		agent_submit(S, a);
	}
}

static int transient(int rc)
{
	return rc == HL_E_TIMEOUT || rc == HL_E_CONNECT || rc == HL_E_SESSION;
}

/* Makes one request, re-trying a lost connection while the run lasts (the
 * client library already re-tries within its deadline). */
static int call(hl_sim_run *S, hl_sim_agent *ag, hl_sim_act *a, Hotline__Request *rq, int retry)
{
	Hotline__Reply *rp = NULL;
	uint8_t key[HL_CLIENT_KEY_LEN];
	int rc;

	/* One key for all the tries below, so a change the broker made before
	 * the connection dropped is not made again. */
	randombytes_buf(key, sizeof key);
	rq->idem_key.data = key;
	rq->idem_key.len = sizeof key;
	for (;;) {
		rc = hl_client_call(ag->cl, rq, &rp);
		if (rc < 0)
			snprintf(a->err, sizeof a->err, "%s", hl_client_error(ag->cl));
		hl_client_reply_free(rp);
		rp = NULL;
		if (rc == 0 || !retry || !transient(rc) || atomic_load(&S->stop_pollers) ||
		    hl_sim_sched_now(S) >= atomic_load(&S->retry_until)) {
			rq->idem_key.data = NULL;  /* the key lived on this stack */
			rq->idem_key.len = 0;
			return rc;
		}
		sleep_ms(200);
	}
}

/* Runs on a worker thread: makes request `a`, leaving its result in it. */
static void work(hl_sim_run *S, hl_sim_act *a)
{
	hl_sim_agent *ag = &S->agents[a->agent];
	Hotline__Request rq = HOTLINE__REQUEST__INIT;

	switch (a->kind) {
	case A_LOGIN: {
		hl_client_opts o = {.url = S->o.broker, .pin = S->o.pin, .name = "hotline-sim",
				    .timeout_ms = CLIENT_TIMEOUT_MS};
		/* One failure fails the run: do not wait out the others. */
		if (atomic_load(&S->login_failed)) {
			a->rc = HL_E_CLOSED;
			break;
		}
		a->rc = hl_client_open(&ag->cl, &o, a->err, sizeof a->err);
		/* Hundreds of agents logging in at once from one address meet the
		 * broker's limit on logins in flight, and the last of them wait
		 * longer than one request's deadline for their hash: both are a
		 * wait, not a failure, within the run's own login deadline. A
		 * penalty (a wrong password) still fails at once. */
		int64_t until = hl_sim_sched_now(S) + (30000LL + 200LL * S->o.agents) * 1000;
		while (a->rc == 0 &&
		       (((a->rc = hl_client_login(ag->cl, ag->name, S->password)) == HL_E_THROTTLED &&
			 hl_client_retry_after_ms(ag->cl) <= 2000) || a->rc == HL_E_TIMEOUT) &&
		       hl_sim_sched_now(S) < until && !atomic_load(&S->login_failed)) {
			struct timespec ts = {.tv_nsec = (long)(200 + hl_client_retry_after_ms(ag->cl) %
								 800) * 1000000L};
			nanosleep(&ts, NULL);
			a->rc = 0;
		}
		if (a->rc < 0) {
			if (a->rc == HL_E_THROTTLED)
				snprintf(a->err, sizeof a->err, "login throttled: %s; try again in %u s",
					 hl_client_error(ag->cl),
					 (hl_client_retry_after_ms(ag->cl) + 999) / 1000);
			else
				snprintf(a->err, sizeof a->err, "%s", hl_client_error(ag->cl));
		}
		if (a->rc < 0)
			atomic_store(&S->login_failed, 1);
		break;
	}
	case A_STATE: {
		Hotline__AgentState m = HOTLINE__AGENT_STATE__INIT;
		m.state = (char *)a->state;
		rq.body_case = HOTLINE__REQUEST__BODY_AGENT_STATE;
		rq.agent_state = &m;
		a->rc = call(S, ag, a, &rq, 1);
		break;
	}
	case A_ACCEPT: {
		Hotline__AgentAccept m = HOTLINE__AGENT_ACCEPT__INIT;
		m.contact = a->contact;
		rq.body_case = HOTLINE__REQUEST__BODY_AGENT_ACCEPT;
		rq.agent_accept = &m;
		a->rc = call(S, ag, a, &rq, 0);
		break;
	}
	case A_SEND: {
		Hotline__ChatSend m = HOTLINE__CHAT_SEND__INIT;
		hl_sim_tag t = {.conv = a->cust + 1, .dir = HL_SIM_A2C, .seq = a->seq};
		char text[256];
		/* Stamped as it leaves, so the latency is the broker's part. */
		t.t_us = (uint64_t)hl_sim_sched_now(S);
		hl_sim_tag_format(text, sizeof text, &t, a->filler);
		m.contact = a->contact;
		m.text = text;
		m.client_id = a->client_id;
		rq.body_case = HOTLINE__REQUEST__BODY_CHAT_SEND;
		rq.chat_send = &m;
		/* The same client_id every time: the broker stores it once. */
		a->rc = call(S, ag, a, &rq, 1);
		break;
	}
	case A_END: {
		Hotline__ChatEnd m = HOTLINE__CHAT_END__INIT;
		m.contact = a->contact;
		rq.body_case = HOTLINE__REQUEST__BODY_CHAT_END;
		rq.chat_end = &m;
		a->rc = call(S, ag, a, &rq, 1);
		break;
	}
	case A_WRAPUP: {
		Hotline__AgentWrapup m = HOTLINE__AGENT_WRAPUP__INIT;
		m.contact = a->contact;
		m.code = "resolved";
		m.note = "hotline-sim";
		rq.body_case = HOTLINE__REQUEST__BODY_AGENT_WRAPUP;
		rq.agent_wrapup = &m;
		a->rc = call(S, ag, a, &rq, 1);
		break;
	}
	case A_LOGOUT: {
		Hotline__Logout m = HOTLINE__LOGOUT__INIT;
		rq.body_case = HOTLINE__REQUEST__BODY_LOGOUT;
		rq.logout = &m;
		a->rc = call(S, ag, a, &rq, 0);
		break;
	}
	}
}

static void *worker_main(void *arg)
{
	hl_sim_run *S = arg;

	for (;;) {
		hl_sim_act *a;
		pthread_mutex_lock(&S->jmu);
		while (!S->jhead && !S->jquit)
			pthread_cond_wait(&S->jcv, &S->jmu);
		if (S->jquit) {
			pthread_mutex_unlock(&S->jmu);
			return NULL;
		}
		a = S->jhead;
		S->jhead = a->next;
		if (!S->jhead)
			S->jtail = NULL;
		pthread_mutex_unlock(&S->jmu);
		work(S, a);
		hl_sim_ev *e = hl_sim_sched_event_new(HL_SIM_EV_DONE, a->agent, 0);
		if (!e) {
			free(a);
			continue;
		}
		e->act = a;
		hl_sim_sched_post(S, e);
	}
}

static void *poller_main(void *arg)
{
	hl_sim_agent *ag = arg;
	hl_sim_run *S = ag->run;
	int i = ag->idx;
	unsigned seen = hl_client_reconnects(ag->cl);

	while (!atomic_load(&S->stop_pollers)) {
		Hotline__Reply *rp = NULL;
		int resync = 0;
		int n = hl_client_poll(ag->cl, HL_SIM_POLL_WAIT_MS, &rp, &resync);
		unsigned r = hl_client_reconnects(ag->cl);

		/* After a resync the snapshot comes first; lines in the gap are
		 * missed, and the checks count them. */
		if (n > 0) {
			hl_sim_ev *e = hl_sim_sched_event_new(HL_SIM_EV_POLL, i, 0);
			if (e) {
				e->rp = rp;
				hl_sim_sched_post(S, e);
				rp = NULL;
			}
		}
		hl_client_reply_free(rp);
		if (r != seen) {
			hl_sim_ev *e = hl_sim_sched_event_new(HL_SIM_EV_RECONNECTED, i, 0);
			seen = r;
			if (e)
				hl_sim_sched_post(S, e);
		}
		if (n < 0)
			sleep_ms(200);
	}
	atomic_store(&ag->poller_done, 1);
	return NULL;
}

/* ---- conversations: the loop's side ---- */

static conv *conv_find(hl_sim_agent *ag, const char *contact)
{
	for (int k = 0; k < MAX_CONV; k++)
		if (ag->conv[k].state != V_FREE && strcmp(ag->conv[k].contact, contact) == 0)
			return &ag->conv[k];
	return NULL;
}

static conv *conv_new(hl_sim_run *S, hl_sim_agent *ag, const char *contact, int state)
{
	for (int k = 0; k < MAX_CONV; k++) {
		conv *v = &ag->conv[k];
		if (v->state != V_FREE)
			continue;
		memset(v, 0, sizeof *v);
		v->state = state;
		v->serial = ++S->conv_serial;
		v->cust = -1;
		v->target = (int)hl_sim_rand_between(S, 2, 7);
		snprintf(v->contact, sizeof v->contact, "%s", contact);
		/* A chat whose customer never speaks (one of an earlier run) is
		 * ended rather than left holding the agent's capacity. */
		hl_sim_sched_timer_add(S, hl_sim_sched_now(S) + 30000000 + 10000LL * S->o.typing_ms,
				       HL_SIM_T_IDLE, (int)(ag - S->agents), k, v->serial);
		return v;
	}
	S->n.agent_errors++;
	hl_sim_report_warn("%s holds more than %d chats; ignoring %s", ag->name, MAX_CONV,
			   contact);
	return NULL;
}

static void conv_timer(hl_sim_run *S, int i, conv *v, int kind, int64_t delay)
{
	hl_sim_sched_timer_add(S, hl_sim_sched_now(S) + delay, kind, i,
			       (int)(v - S->agents[i].conv), v->serial);
}

static void conv_act(hl_sim_run *S, int i, conv *v, int kind)
{
	hl_sim_act *a = act_new(i, kind);

	if (!a)
		return;
	snprintf(a->contact, sizeof a->contact, "%s", v->contact);
	a->slot = (int)(v - S->agents[i].conv);
	a->serial = v->serial;
	agent_submit(S, a);
}

static void conv_wrapup_soon(hl_sim_run *S, int i, conv *v)
{
	if (v->state == V_WRAPUP)
		return;
	v->state = V_WRAPUP;
	conv_timer(S, i, v, HL_SIM_T_WRAPUP, hl_sim_rand_between(S, 200000, 800000));
}

static void agent_line(hl_sim_run *S, int i, hl_sim_agent *ag, const Hotline__ContactLine *cl)
{
	hl_sim_tag t;
	hl_sim_seq *c2a;
	conv *v;

	if (!cl->line || strcmp(cl->line->from, "customer") != 0 ||
	    hl_sim_tag_parse(cl->line->text, &t) < 0)
		return;
	/* A line of a contact we were never offered (say, after a resync):
	 * take it up as an active chat. */
	if (!(v = conv_find(ag, cl->contact)) && !(v = conv_new(S, ag, cl->contact, V_ACTIVE)))
		return;
	c2a = t.conv >= 1 ? hl_sim_cust_seq(S, (int)t.conv - 1, HL_SIM_C2A) : NULL;
	if (t.dir != HL_SIM_C2A || !c2a || (v->cust >= 0 && v->cust != (int)t.conv - 1)) {
		S->n.misdelivered++;
		hl_sim_report_warn("%s got, on %s, a line that belongs elsewhere: %.60s", ag->name,
				   v->contact, cl->line->text);
		return;
	}
	v->cust = (int)t.conv - 1;
	hl_sim_report_delivered(S, HL_SIM_C2A, c2a, &t);
	if (v->state == V_OFFERED)
		v->state = V_ACTIVE;
	if (v->state == V_ACTIVE && !v->typing && !S->stopping) {
		v->typing = 1;
		conv_timer(S, i, v, HL_SIM_T_REPLY, hl_sim_rand_typing(S));
	}
}

void hl_sim_agent_on_events(hl_sim_run *S, int i, Hotline__Reply *rp)
{
	hl_sim_agent *ag = &S->agents[i];
	Hotline__PollReply *pr = rp->poll;

	for (size_t k = 0; pr && k < pr->n_events; k++) {
		Hotline__Event *e = pr->events[k];
		conv *v;

		if (S->debug)
			fprintf(stderr, "hotline-sim: %s event %d: %s %s\n", ag->name, e->body_case,
				e->body_case == HOTLINE__EVENT__BODY_OFFER ? e->offer->contact
				: e->body_case == HOTLINE__EVENT__BODY_LINE ? e->line->contact
				: e->body_case == HOTLINE__EVENT__BODY_CONTACT_STATE
					? e->contact_state->contact : "",
				e->body_case == HOTLINE__EVENT__BODY_CONTACT_STATE
					? e->contact_state->state : "");
		switch (e->body_case) {
		case HOTLINE__EVENT__BODY_OFFER:
			S->n.offers++;
			if (conv_find(ag, e->offer->contact))
				break;
			if (!(v = conv_new(S, ag, e->offer->contact, V_OFFERED)))
				break;
			/* No expiry means the queue accepted for us. */
			if (e->offer->expires_ms == 0)
				v->state = V_ACTIVE;
			else
				conv_timer(S, i, v, HL_SIM_T_ACCEPT,
					   hl_sim_rand_between(S, 300000, 1500000));
			break;
		case HOTLINE__EVENT__BODY_LINE:
			agent_line(S, i, ag, e->line);
			break;
		case HOTLINE__EVENT__BODY_CONTACT_STATE: {
			const char *st = e->contact_state->state;
			if (!(v = conv_find(ag, e->contact_state->contact)))
				break;
			if (strcmp(st, "active") == 0) {
				if (v->state == V_OFFERED)
					v->state = V_ACTIVE;
			} else if (strcmp(st, "ended") == 0) {
				conv_wrapup_soon(S, i, v);
			} else {
				/* transferred, cancelled, requeued: no longer ours. */
				v->state = V_FREE;
			}
			break;
		}
		default:
			break;
		}
	}
}

void hl_sim_agent_on_timer(hl_sim_run *S, const hl_sim_timer *t)
{
	hl_sim_agent *ag = &S->agents[t->idx];
	conv *v = &ag->conv[t->slot];

	if (v->state == V_FREE || v->serial != t->serial)
		return;
	switch (t->kind) {
	case HL_SIM_T_ACCEPT:
		if (v->state == V_OFFERED)
			conv_act(S, t->idx, v, A_ACCEPT);
		break;
	case HL_SIM_T_REPLY: {
		hl_sim_seq *a2c = hl_sim_cust_seq(S, v->cust, HL_SIM_A2C);
		v->typing = 0;
		if (v->state != V_ACTIVE || S->stopping || !a2c)
			break;
		if (v->replies >= v->target) {
			v->state = V_ENDING;
			conv_act(S, t->idx, v, A_END);
			break;
		}
		hl_sim_act *a = act_new(t->idx, A_SEND);
		if (!a)
			break;
		v->replies++;
		a->cust = (uint32_t)v->cust;
		a->seq = ++v->a2c_next;
		snprintf(a->contact, sizeof a->contact, "%s", v->contact);
		snprintf(a->client_id, sizeof a->client_id, "sim-c%d-a%" PRIu32, v->cust + 1,
			 a->seq);
		snprintf(a->filler, sizeof a->filler, "%s",
			 hl_sim_phrase_reply(hl_sim_rand_next(S), hl_sim_cust_zh(v->cust)));
		hl_sim_report_sent(S, a2c, a->seq);
		agent_submit(S, a);
		break;
	}
	case HL_SIM_T_WRAPUP:
		conv_act(S, t->idx, v, A_WRAPUP);
		break;
	case HL_SIM_T_IDLE:
		if (v->state == V_ACTIVE && v->cust < 0) {
			v->state = V_ENDING;
			conv_act(S, t->idx, v, A_END);
		}
		break;
	}
}

void hl_sim_agent_on_done(hl_sim_run *S, hl_sim_act *a)
{
	hl_sim_agent *ag = &S->agents[a->agent];
	conv *v = a->slot >= 0 ? &ag->conv[a->slot] : NULL;

	if (v && (v->state == V_FREE || v->serial != a->serial))
		v = NULL;
	S->acts_pending--;
	if (S->debug)
		fprintf(stderr, "hotline-sim: %s request %d on '%s': %d %s\n", ag->name, a->kind,
			a->contact, a->rc, a->rc ? a->err : "");
	switch (a->kind) {
	case A_LOGIN:
		S->logins_left--;
		if (a->rc < 0) {
			if (!S->setup_err[0] && a->rc == HL_E_AUTH)
				snprintf(S->setup_err, sizeof S->setup_err,
					 "%s cannot log in: %s\nThe agents %s1..%s%d must exist with "
					 "the password in --password-file: hotline-ctl user add NAME "
					 "--role agent, then agent setup NAME --skill QUEUE=5", ag->name,
					 a->err, S->o.prefix, S->o.prefix, S->o.agents);
			else if (!S->setup_err[0] && a->rc != HL_E_CLOSED)
				snprintf(S->setup_err, sizeof S->setup_err, "%s cannot log in: %s",
					 ag->name, a->err);
			break;
		}
		if (start_thread(&ag->poller, poller_main, ag) == 0)
			ag->poller_started = 1;
		else
			snprintf(S->setup_err, sizeof S->setup_err, "cannot start a thread: %s",
				 strerror(errno));
		agent_state(S, a->agent, "available", 1);
		break;
	case A_STATE:
		if (a->setup)
			S->states_left--;
		if (a->rc < 0 && strcmp(a->state, "available") == 0) {
			S->n.agent_errors++;
			hl_sim_report_warn("%s cannot become available: %s", ag->name, a->err);
		}
		break;
	case A_ACCEPT:
		if (a->rc < 0 && v) {
			/* The offer was withdrawn or expired: not an error of the run. */
			v->state = V_FREE;
		}
		break;
	case A_SEND: {
		hl_sim_seq *a2c = hl_sim_cust_seq(S, (int)a->cust, HL_SIM_A2C);
		if (a->rc == 0 && a2c) {
			hl_sim_seq_acked(a2c, a->seq);
			S->last_activity = hl_sim_sched_now(S);
		} else if (a->rc < 0) {
			S->n.agent_errors++;
			if (S->n.agent_errors <= 10)
				hl_sim_report_warn("%s: sending on %s failed: %s", ag->name, a->contact,
						   a->err);
		}
		break;
	}
	case A_END:
		if (v)
			conv_wrapup_soon(S, a->agent, v);
		break;
	case A_WRAPUP:
		if (v)
			v->state = V_FREE;
		break;
	default:
		break;
	}
	free(a);
	if (ag->qhead) {
		hl_sim_act *n = ag->qhead;
		ag->qhead = n->next;
		if (!ag->qhead)
			ag->qtail = NULL;
		job_push(S, n);
	} else {
		ag->busy = 0;
	}
}

void hl_sim_agent_on_reconnect(hl_sim_run *S, int idx)
{
	S->agent_reconnects++;
	/* Say again that we are available, in case the broker forgot. */
	if (S->phase < HL_SIM_P_CLEANUP)
		agent_state(S, idx, "available", 0);
}

/* ---- the run's start and end ---- */

int hl_sim_agent_init(hl_sim_run *S)
{
	pthread_mutex_init(&S->jmu, NULL);
	pthread_cond_init(&S->jcv, NULL);
	if (!(S->agents = calloc((size_t)S->o.agents, sizeof *S->agents))) {
		hl_sim_report_warn("out of memory for %d agents", S->o.agents);
		return -1;
	}
	for (int i = 0; i < S->o.agents; i++) {
		S->agents[i].run = S;
		S->agents[i].idx = i;
	}
	S->nworkers = S->o.agents < HL_SIM_MAX_WORKERS ? S->o.agents : HL_SIM_MAX_WORKERS;
	for (int i = 0; i < S->nworkers; i++) {
		if (start_thread(&S->workers[i], worker_main, S) != 0) {
			hl_sim_report_warn("cannot start a worker thread: %s", strerror(errno));
			S->nworkers = i;
			break;
		}
	}
	if (S->nworkers == 0) {
		free(S->agents);
		S->agents = NULL;
		return -1;
	}
	return 0;
}

void hl_sim_agent_login_all(hl_sim_run *S)
{
	S->logins_left = S->states_left = S->o.agents;
	for (int i = 0; i < S->o.agents; i++) {
		snprintf(S->agents[i].name, sizeof S->agents[i].name, "%s%d", S->o.prefix, i + 1);
		agent_do(S, i, A_LOGIN);
	}
}

void hl_sim_agent_end_orphans(hl_sim_run *S)
{
	for (int i = 0; i < S->o.agents; i++)
		for (int k = 0; k < MAX_CONV; k++) {
			conv *v = &S->agents[i].conv[k];
			if (v->state == V_ACTIVE && v->cust < 0) {
				v->state = V_ENDING;
				conv_act(S, i, v, A_END);
			}
		}
}

int hl_sim_agent_busy(hl_sim_run *S)
{
	int open = S->acts_pending > 0;

	for (int i = 0; i < S->o.agents && !open; i++)
		for (int k = 0; k < MAX_CONV && !open; k++)
			open = S->agents[i].conv[k].state != V_FREE;
	return open;
}

int hl_sim_agent_pollers_running(hl_sim_run *S)
{
	for (int i = 0; i < S->o.agents; i++)
		if (S->agents[i].poller_started && !atomic_load(&S->agents[i].poller_done))
			return 1;
	return 0;
}

void hl_sim_agent_sign_off(hl_sim_run *S)
{
	for (int i = 0; i < S->o.agents; i++) {
		if (!S->agents[i].cl)
			continue;
		agent_state(S, i, "offline", 0);
		agent_do(S, i, A_LOGOUT);
	}
}

void hl_sim_agent_free(hl_sim_run *S)
{
	int stuck = 0;

	/* Workers finish the request in hand (bounded by the client timeout);
	 * what is still queued is dropped. */
	pthread_mutex_lock(&S->jmu);
	S->jquit = 1;
	pthread_cond_broadcast(&S->jcv);
	pthread_mutex_unlock(&S->jmu);
	for (int i = 0; i < S->nworkers; i++)
		pthread_join(S->workers[i], NULL);
	while (S->jhead) {
		hl_sim_act *a = S->jhead;
		S->jhead = a->next;
		free(a);
	}
	for (int i = 0; i < S->o.agents; i++) {
		hl_sim_agent *ag = &S->agents[i];
		if (ag->poller_started) {
			if (!atomic_load(&ag->poller_done)) {
				/* Stuck on a broker that went away: the thread still
				 * uses its agent and client, so both stay until exit. */
				pthread_detach(ag->poller);
				stuck++;
				continue;
			}
			pthread_join(ag->poller, NULL);
		}
		hl_client_close(ag->cl);
		while (ag->qhead) {
			hl_sim_act *a = ag->qhead;
			ag->qhead = a->next;
			free(a);
		}
	}
	if (!stuck) {
		free(S->agents);
		S->agents = NULL;
	}
}
