/* hotline-sim run: simulated customers on the real WebSocket chat and
 * simulated agents on the real channel, every line tagged and checked.
 *
 * One loop thread (the caller's) owns all simulation state: customers,
 * agents' conversations, timers and the checks. Everything else only moves
 * data to it through one event queue:
 *   - nng's threads run the customers' WebSockets (sim_ws.c) and post the
 *     lines they receive;
 *   - one poller thread per agent long-polls the agent's events (the client
 *     library's poll blocks, so each agent needs a thread to wait in; they
 *     sleep in the kernel and use small stacks);
 *   - a small pool of worker threads makes the agents' requests, at most
 *     one at a time per agent so an agent's lines leave in order.
 * Both sides run in this process on one monotonic clock, so a line's tag
 * carries its send time and the receiver measures the latency. */
#include "sim_run.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <cjson/cJSON.h>
#include <nng/nng.h>
#include <sodium.h>

#include "client.h"
#include "error.h"
#include "pwfile.h"
#include "sim_stats.h"
#include "sim_ws.h"

#define MAX_CONV 32               /* conversations an agent holds at once */
#define MAX_WORKERS 32
#define POLL_WAIT_MS 2000         /* bounds how long a poller takes to stop */
#define CLIENT_TIMEOUT_MS 10000
#define THREAD_STACK (256 * 1024)
#define DRAIN_QUIET_US 3000000    /* drain ends 3 s after the last send or ack */
#define DRAIN_MAX_US 30000000
#define CLEANUP_US 3000000        /* for open chats to end and be wrapped up */
#define STOP_MAX_US 15000000      /* for pollers and the last requests */
#define PROGRESS_US 5000000
#define SETUP_MAX_US(agents) (30000000 + 200000LL * (agents))

static const char usage[] =
	"usage: hotline-sim run --broker URL --pin FP --web ws://HOST:PORT/chat\n"
	"         --customers PER_MINUTE --agents N --duration SECONDS [--seed S] [--json]\n"
	"         [--agent-prefix simagent] [--password-file F] [--queue-item ITEM]\n"
	"         [--typing-ms MEAN] [--patience-s MEAN]\n"
	"Agents PREFIX1..PREFIXN must exist with the password in --password-file\n"
	"(or HOTLINE_PASSWORD_FILE); --broker and --pin default to HOTLINE_BROKER and\n"
	"HOTLINE_PIN. Exit status: 0 nothing lost, duplicated or out of order; 1 otherwise\n"
	"or the run failed; 2 usage.\n";

static const char *const fillers[] = {
	"hello, I have a question about my order",
	"您好，我想咨询一下业务",
	"could you check the status for me please",
	"好的，谢谢您的耐心解答",
	"the invoice number is 2024-0457, 发票有问题",
	"one moment, let me look that up",
	"is there anything else I can help with?",
	"没问题，我马上为您处理",
};

/* ---- options ---- */

typedef struct opts {
	const char *broker, *pin, *web, *pwfile, *prefix, *item;
	double per_min;
	int agents, duration_s, json, typing_ms;
	double patience_s;
	uint64_t seed;
} opts;

/* ---- the event queue into the loop ---- */

enum { EV_WS, EV_POLL, EV_DONE, EV_RECONNECTED };

typedef struct ev {
	struct ev *next;
	int kind, idx, what;
	Hotline__Reply *rp;
	struct act *act;
	size_t len;
	char line[];
} ev;

/* ---- agents ---- */

enum { A_LOGIN, A_STATE, A_ACCEPT, A_SEND, A_END, A_WRAPUP, A_LOGOUT };
enum { V_FREE, V_OFFERED, V_ACTIVE, V_ENDING, V_WRAPUP };

/* One request an agent makes, carried to a worker and back. */
typedef struct act {
	struct act *next;
	int kind, agent, slot, setup;
	uint32_t serial, cust, seq;
	const char *state;
	char contact[48], client_id[48], filler[128];
	int rc;
	char err[240];
} act;

typedef struct conv {
	int state;
	uint32_t serial;        /* tells a timer whether the slot was reused */
	char contact[48];
	int cust;               /* customer index, -1 until a tagged line names it */
	uint32_t a2c_next;
	int replies, target, typing;
} conv;

typedef struct agent {
	char name[64];
	hl_client *cl;
	pthread_t poller;
	int poller_started;
	atomic_int poller_done;
	act *qhead, *qtail;     /* requests waiting for the one in flight */
	int busy;
	conv conv[MAX_CONV];
} agent;

/* ---- customers ---- */

enum { C_CONNECTING, C_HELLO, C_STARTING, C_QUEUED, C_CHAT, C_ENDING, C_DONE };

typedef struct pend {
	uint32_t seq;
	char *json;
} pend;

typedef struct cust {
	int state;
	hl_sim_ws *ws;
	int ever_up, saw_agent, abandoned, typing, rated, starts;
	int64_t patience_us;    /* how long they wait in the queue before leaving */
	char visitor[128];
	uint64_t last_seq;
	uint32_t c2a_next;
	pend *pend;             /* lines sent and not yet acknowledged */
	size_t npend, cappend;
	hl_sim_seq c2a, a2c;
} cust;

/* ---- timers ---- */

enum { T_ARRIVE, T_CSEND, T_PATIENCE, T_CCLOSE, T_ACCEPT, T_REPLY, T_WRAPUP, T_IDLE };

typedef struct tmr {
	int64_t at;
	int kind, idx, slot;
	uint32_t serial;
} tmr;

/* ---- the run ---- */

enum { P_SETUP, P_RUN, P_DRAIN, P_CLEANUP, P_STOP, P_DONE };

typedef struct counts {
	uint64_t arrived, offered, answered, abandoned, closed, rejected;
	uint64_t ws_errors, agent_errors, misdelivered, offers, never_connected, ws_reconnects;
} counts;

static struct {
	opts o;
	char password[HL_PASSWORD_MAX + 1];
	int64_t t_origin;       /* the clock's zero: tags carry µs since then */
	uint64_t rng[4], arr[4];

	pthread_mutex_t qmu;
	pthread_cond_t qcv;
	ev *qhead, *qtail;

	pthread_mutex_t jmu;
	pthread_cond_t jcv;
	act *jhead, *jtail;
	int jquit;
	pthread_t workers[MAX_WORKERS];
	int nworkers;
	atomic_int stop_pollers;
	atomic_int login_failed;
	atomic_llong retry_until;   /* requests are re-tried until then (µs) */

	agent *agents;
	int logins_left, states_left, acts_pending;
	char setup_err[640];

	cust **cust;
	size_t ncust, capcust;

	tmr *heap;
	size_t nheap, capheap;

	int phase, stopping;
	int64_t t_start, t_end, phase_at, last_activity, next_progress;
	uint64_t sent, delivered;   /* running totals, both directions */
	counts n, final_n;
	hl_sim_tally final_t[2];
	hl_sim_lat lat[2];
	unsigned agent_reconnects;
	unsigned check_warnings;
	int debug;              /* HOTLINE_SIM_DEBUG set: trace agents' events */
} S;

/* ---- small helpers ---- */

static int64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000 - S.t_origin;
}

static void sleep_ms(int ms)
{
	struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000};
	nanosleep(&ts, NULL);
}

static void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void warn(const char *fmt, ...)
{
	va_list ap;

	fputs("hotline-sim: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* xoshiro256**, two streams seeded by --seed: one for arrivals and
 * patience, drawn in a fixed order so the offered load repeats exactly
 * with a seed; one for everything else, whose order of draws depends on
 * the timing of the run. */
static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t rnd_on(uint64_t *s)
{
	uint64_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return r;
}

static uint64_t rnd(void)
{
	return rnd_on(S.rng);
}

static void seed_rng(uint64_t *s, uint64_t seed)
{
	for (int i = 0; i < 4; i++) {
		/* splitmix64 spreads one seed over the state. */
		uint64_t z = (seed += 0x9e3779b97f4a7c15ull);
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
		s[i] = z ^ (z >> 31);
	}
}

static double u01_on(uint64_t *s)
{
	return (double)(rnd_on(s) >> 11) * (1.0 / 9007199254740992.0);
}

static double u01(void)
{
	return u01_on(S.rng);
}

/* An exponentially distributed duration of mean `mean_us`, from the
 * arrivals' stream. */
static int64_t arrival_exp(double mean_us)
{
	return (int64_t)(-log(1.0 - u01_on(S.arr)) * mean_us);
}

/* Uniform in [lo, hi). */
static int64_t rnd_between(int64_t lo, int64_t hi)
{
	return lo + (int64_t)(u01() * (double)(hi - lo));
}

/* A typing delay: the mean from --typing-ms, spread ±50 %. */
static int64_t typing_us(void)
{
	return rnd_between(S.o.typing_ms * 500, S.o.typing_ms * 1500);
}

static const char *filler(void)
{
	return fillers[rnd() % (sizeof fillers / sizeof fillers[0])];
}

/* ---- event queue ---- */

static void post(ev *e)
{
	e->next = NULL;
	pthread_mutex_lock(&S.qmu);
	if (S.qtail)
		S.qtail->next = e;
	else
		S.qhead = e;
	S.qtail = e;
	pthread_cond_signal(&S.qcv);
	pthread_mutex_unlock(&S.qmu);
}

static ev *new_ev(int kind, int idx, size_t len)
{
	ev *e = calloc(1, sizeof *e + len + 1);
	if (e) {
		e->kind = kind;
		e->idx = idx;
		e->len = len;
	}
	return e;
}

/* Takes every queued event, waiting until `deadline` if there are none. */
static ev *take_events(int64_t deadline)
{
	ev *list;

	pthread_mutex_lock(&S.qmu);
	if (!S.qhead) {
		int64_t wait = deadline - now_us();
		if (wait > 0) {
			struct timespec ts;
			clock_gettime(CLOCK_MONOTONIC, &ts);
			int64_t ns = ts.tv_nsec + (wait % 1000000) * 1000;
			ts.tv_sec += wait / 1000000 + ns / 1000000000;
			ts.tv_nsec = ns % 1000000000;
			pthread_cond_timedwait(&S.qcv, &S.qmu, &ts);
		}
	}
	list = S.qhead;
	S.qhead = S.qtail = NULL;
	pthread_mutex_unlock(&S.qmu);
	return list;
}

/* ---- timers: a binary min-heap on `at` ---- */

static void timer_add(int64_t at, int kind, int idx, int slot, uint32_t serial)
{
	size_t i;

	if (S.nheap == S.capheap) {
		size_t cap = S.capheap ? S.capheap * 2 : 1024;
		tmr *h = realloc(S.heap, cap * sizeof *h);
		if (!h) {
			warn("out of memory for timers");
			return;
		}
		S.heap = h;
		S.capheap = cap;
	}
	i = S.nheap++;
	while (i > 0 && S.heap[(i - 1) / 2].at > at) {
		S.heap[i] = S.heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	S.heap[i] = (tmr){.at = at, .kind = kind, .idx = idx, .slot = slot, .serial = serial};
}

static tmr timer_pop(void)
{
	tmr top = S.heap[0], last = S.heap[--S.nheap];
	size_t i = 0;

	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= S.nheap)
			break;
		if (c + 1 < S.nheap && S.heap[c + 1].at < S.heap[c].at)
			c++;
		if (S.heap[c].at >= last.at)
			break;
		S.heap[i] = S.heap[c];
		i = c;
	}
	if (S.nheap)
		S.heap[i] = last;
	return top;
}

/* ---- the checks ---- */

static void note_sent(hl_sim_seq *s, uint32_t seq)
{
	if (hl_sim_seq_sent(s, seq) == 0)
		S.sent++;
	S.last_activity = now_us();
}

static void note_delivered(int dir, hl_sim_seq *s, const hl_sim_tag *t)
{
	int r = hl_sim_seq_delivered(s, t->seq);

	if (r == HL_SIM_NEW || r == HL_SIM_LATE) {
		S.delivered++;
		hl_sim_lat_add(&S.lat[dir], (double)(now_us() - (int64_t)t->t_us) / 1000.0);
	}
	if (r != HL_SIM_NEW && ++S.check_warnings <= 20)
		warn("c%" PRIu32 " %s #%" PRIu32 " delivered %s", t->conv,
		     dir == HL_SIM_C2A ? "c>a" : "a>c", t->seq,
		     r == HL_SIM_DUP ? "again (duplicate)" : r == HL_SIM_LATE ? "out of order"
										: "but never sent");
}

/* ---- customers ---- */

static cust *cust_get(int idx)
{
	return idx >= 0 && (size_t)idx < S.ncust ? S.cust[idx] : NULL;
}

static void cust_send(cust *c, cJSON *j)
{
	char *s = cJSON_PrintUnformatted(j);

	cJSON_Delete(j);
	if (!s)
		return;
	if (c->ws)
		hl_sim_ws_send(c->ws, s, strlen(s));
	free(s);
}

static void cust_hello(int idx, cust *c)
{
	cJSON *j = cJSON_CreateObject(), *trail = cJSON_CreateObject(), *pages;
	char kw[32];

	cJSON_AddStringToObject(j, "type", "hello");
	cJSON_AddStringToObject(j, "visitor", c->visitor);
	cJSON_AddStringToObject(j, "lang", idx % 2 ? "zh" : "en");
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

static void cust_simple(cust *c, const char *type)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "type", type);
	cust_send(c, j);
}

static void cust_start(cust *c)
{
	cJSON *j = cJSON_CreateObject();

	c->starts++;
	cJSON_AddStringToObject(j, "type", "start");
	cJSON_AddStringToObject(j, "item", S.o.item);
	cust_send(c, j);
}

static void cust_finish(int idx, cust *c)
{
	c->state = C_DONE;
	/* Closing here would wait on nng's threads; a timer does it soon. */
	timer_add(now_us() + 500000, T_CCLOSE, idx, 0, 0);
}

/* The customer types and sends the next line. */
static void cust_say(int idx, cust *c)
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
	t.t_us = (uint64_t)now_us();
	hl_sim_tag_format(text, sizeof text, &t, filler());
	snprintf(id, sizeof id, "m%" PRIu32, t.seq);
	j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "type", "msg");
	cJSON_AddStringToObject(j, "id", id);
	cJSON_AddStringToObject(j, "text", text);
	s = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	if (!s)
		return;
	note_sent(&c->c2a, t.seq);
	c->pend[c->npend++] = (pend){.seq = t.seq, .json = s};
	if (c->ws)
		hl_sim_ws_send(c->ws, s, strlen(s));
}

/* The broker stored line `seq` (from an ack, or our own line echoed). */
static void cust_acked(cust *c, uint32_t seq)
{
	for (size_t i = 0; i < c->npend; i++) {
		if (c->pend[i].seq != seq)
			continue;
		free(c->pend[i].json);
		memmove(c->pend + i, c->pend + i + 1, (c->npend - i - 1) * sizeof *c->pend);
		c->npend--;
		if (hl_sim_seq_acked(&c->c2a, seq) == 0)
			S.last_activity = now_us();
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

static void cust_got_agent(int idx, cust *c)
{
	if (c->state != C_STARTING && c->state != C_QUEUED && c->state != C_HELLO)
		return;
	c->state = C_CHAT;
	if (!c->saw_agent) {
		c->saw_agent = 1;
		S.n.answered++;
	}
	if (!c->typing && !S.stopping) {
		c->typing = 1;
		timer_add(now_us() + typing_us(), T_CSEND, idx, 0, 0);
	}
}

/* What the broker tells a customer: one handler per message type. */
static void on_welcome(int idx, cust *c, const cJSON *j)
{
	const cJSON *v = cJSON_GetObjectItem(j, "visitor");

	if (cJSON_IsString(v) && c->visitor[0] && strcmp(v->valuestring, c->visitor) != 0)
		warn("c%d: the broker no longer knows the visitor after a reconnect", idx + 1);
	if (cJSON_IsString(v))
		snprintf(c->visitor, sizeof c->visitor, "%s", v->valuestring);
	if (c->state != C_HELLO)
		return;  /* a resumed visitor: the broker goes on where it was */
	if (cJSON_IsFalse(cJSON_GetObjectItem(j, "open"))) {
		S.n.closed++;
		cust_finish(idx, c);
		return;
	}
	if (!S.o.item) {
		/* No --queue-item: the first item of the menu, for everyone. */
		static char item[128];
		const cJSON *id = cJSON_GetObjectItem(cJSON_GetArrayItem(
			cJSON_GetObjectItem(j, "menu"), 0), "id");
		if (!cJSON_IsString(id)) {
			warn("the welcome offers no menu item; give --queue-item");
			S.n.ws_errors++;
			cust_finish(idx, c);
			return;
		}
		snprintf(item, sizeof item, "%s", id->valuestring);
		S.o.item = item;
	}
	c->state = C_STARTING;
	S.n.offered++;
	cust_start(c);
	timer_add(now_us() + c->patience_us, T_PATIENCE, idx, 0, 0);
}

static void on_queued(int idx, cust *c, const cJSON *j)
{
	(void)idx, (void)j;
	if (c->state == C_STARTING)
		c->state = C_QUEUED;
}

static void on_agent(int idx, cust *c, const cJSON *j)
{
	(void)j;
	cust_got_agent(idx, c);
}

static void on_ack(int idx, cust *c, const cJSON *j)
{
	(void)idx;
	cust_acked(c, our_id(cJSON_GetObjectItem(j, "id")));
}

static void on_msg(int idx, cust *c, const cJSON *j)
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
			cust_acked(c, mine);
		return;
	}
	if (strcmp(from->valuestring, "agent") != 0 || hl_sim_tag_parse(text->valuestring, &t) < 0)
		return;
	if (t.dir != HL_SIM_A2C || t.conv != (uint32_t)idx + 1) {
		S.n.misdelivered++;
		warn("c%d got a line meant for c%" PRIu32 ": %.60s", idx + 1, t.conv,
		     text->valuestring);
		return;
	}
	note_delivered(HL_SIM_A2C, &c->a2c, &t);
	if (c->state != C_CHAT) {
		cust_got_agent(idx, c);
	} else if (!c->typing && !S.stopping) {
		c->typing = 1;
		timer_add(now_us() + typing_us(), T_CSEND, idx, 0, 0);
	}
}

static void on_ended(int idx, cust *c, const cJSON *j)
{
	(void)j;
	if (c->state != C_DONE && c->saw_agent && !c->rated) {
		cJSON *r = cJSON_CreateObject();
		c->rated = 1;
		cJSON_AddStringToObject(r, "type", "rate");
		cJSON_AddNumberToObject(r, "csat", (double)(1 + rnd() % 5));
		cJSON_AddNumberToObject(r, "nps", (double)(rnd() % 11));
		cJSON_AddStringToObject(r, "comment", "simulated");
		cust_send(c, r);
	}
	cust_finish(idx, c);
}

static void on_closed(int idx, cust *c, const cJSON *j)
{
	(void)j;
	if (c->state == C_STARTING || c->state == C_QUEUED) {
		S.n.closed++;
		cust_finish(idx, c);
	}
}

static void on_error(int idx, cust *c, const cJSON *j)
{
	const cJSON *code = cJSON_GetObjectItem(j, "code");
	const cJSON *text = cJSON_GetObjectItem(j, "text");
	int state = cJSON_IsString(code) && strcmp(code->valuestring, "state") == 0;

	/* The first start refused: the queue is full or closed. */
	if (state && c->state == C_STARTING && c->starts == 1) {
		S.n.rejected++;
		cust_finish(idx, c);
		return;
	}
	/* A start or end repeated after a reconnect, or a line that crossed
	 * the end, is refused as "state": expected, not a fault. */
	if (state)
		return;
	S.n.ws_errors++;
	if (S.n.ws_errors <= 10)
		warn("c%d: the broker answered error %s: %s", idx + 1,
		     cJSON_IsString(code) ? code->valuestring : "?",
		     cJSON_IsString(text) ? text->valuestring : "");
}

static const struct {
	const char *type;
	void (*fn)(int idx, cust *c, const cJSON *j);
} cust_handlers[] = {
	{"welcome", on_welcome}, {"queued", on_queued}, {"agent", on_agent},
	{"ack", on_ack},         {"msg", on_msg},       {"ended", on_ended},
	{"closed", on_closed},   {"error", on_error},
};

static void cust_line(int idx, cust *c, const char *line)
{
	cJSON *j = cJSON_Parse(line);
	const cJSON *type = cJSON_GetObjectItem(j, "type");

	if (!cJSON_IsString(type)) {
		S.n.ws_errors++;
		warn("c%d: the broker sent a line that is not a JSON object with a type: %.80s",
		     idx + 1, line);
	} else {
		/* typing, rated and anything newer need nothing from us. */
		for (size_t i = 0; i < sizeof cust_handlers / sizeof cust_handlers[0]; i++)
			if (strcmp(type->valuestring, cust_handlers[i].type) == 0)
				cust_handlers[i].fn(idx, c, j);
	}
	cJSON_Delete(j);
}

static void cust_ws(int idx, int what, const char *line)
{
	cust *c = cust_get(idx);

	if (!c || !c->ws)
		return;
	if (what == HL_SIM_WS_UP) {
		if (c->ever_up)
			S.n.ws_reconnects++;
		c->ever_up = 1;
		if (c->state == C_CONNECTING)
			c->state = C_HELLO;
		/* A new connection: say who we are and what we saw, then repeat
		 * what the broker may not have taken. It drops repeats by id. */
		cust_hello(idx, c);
		if (c->state == C_STARTING)
			cust_start(c);
		if (c->state == C_ENDING)
			cust_simple(c, "end");
		for (size_t i = 0; i < c->npend; i++)
			hl_sim_ws_send(c->ws, c->pend[i].json, strlen(c->pend[i].json));
	} else if (what == HL_SIM_WS_TOOLONG) {
		S.n.ws_errors++;
		warn("c%d: the broker sent a line over the limit", idx + 1);
	} else if (what == HL_SIM_WS_LINE) {
		cust_line(idx, c, line);
	}
}

/* Runs on nng's threads: only copies into the loop's queue. */
static void ws_cb(void *arg, int what, const char *line, size_t len)
{
	ev *e = new_ev(EV_WS, (int)(intptr_t)arg, line ? len : 0);

	if (!e)
		return;
	e->what = what;
	if (line)
		memcpy(e->line, line, len);
	post(e);
}

static void cust_arrive(void)
{
	int idx = (int)S.ncust;
	hl_sim_ws_opts wo = {.url = S.o.web, .fn = ws_cb, .arg = (void *)(intptr_t)idx,
			     .seed = (unsigned)rnd()};
	cust *c;

	if (S.ncust == S.capcust) {
		size_t cap = S.capcust ? S.capcust * 2 : 256;
		cust **p = realloc(S.cust, cap * sizeof *p);
		if (!p)
			return;
		S.cust = p;
		S.capcust = cap;
	}
	if (!(c = calloc(1, sizeof *c)))
		return;
	hl_sim_seq_init(&c->c2a);
	hl_sim_seq_init(&c->a2c);
	S.cust[S.ncust++] = c;
	S.n.arrived++;
	c->patience_us = arrival_exp(S.o.patience_s * 1e6);
	c->state = C_CONNECTING;
	if (hl_sim_ws_open(&c->ws, &wo) < 0) {
		if (++S.n.ws_errors <= 3)
			warn("cannot open a WebSocket to %s: out of memory or file descriptors?",
			     S.o.web);
		c->ws = NULL;
		c->state = C_DONE;
	}
}

static void cust_timer(const tmr *t)
{
	cust *c = cust_get(t->idx);

	if (!c)
		return;
	switch (t->kind) {
	case T_CSEND:
		c->typing = 0;
		if (c->state == C_CHAT && !S.stopping)
			cust_say(t->idx, c);
		break;
	case T_PATIENCE:
		if ((c->state == C_STARTING || c->state == C_QUEUED) && !S.stopping) {
			c->state = C_ENDING;
			c->abandoned = 1;
			S.n.abandoned++;
			cust_simple(c, "end");
		}
		break;
	case T_CCLOSE:
		hl_sim_ws_close(c->ws);
		c->ws = NULL;
		break;
	}
}

/* ---- agents: requests on the worker pool ---- */

static void job_push(act *a)
{
	pthread_mutex_lock(&S.jmu);
	a->next = NULL;
	if (S.jtail)
		S.jtail->next = a;
	else
		S.jhead = a;
	S.jtail = a;
	pthread_cond_signal(&S.jcv);
	pthread_mutex_unlock(&S.jmu);
}

/* A new request of agent `i`, to fill in and pass to agent_submit. */
static act *act_new(int i, int kind)
{
	act *a = calloc(1, sizeof *a);

	if (a) {
		a->kind = kind;
		a->agent = i;
		a->slot = -1;
	}
	return a;
}

/* Queues a filled-in request; it goes when the agent's previous one is
 * done, so an agent's requests reach the broker in order. */
static void agent_submit(act *a)
{
	agent *ag = &S.agents[a->agent];

	S.acts_pending++;
	if (!ag->busy) {
		ag->busy = 1;
		job_push(a);
	} else {
		if (ag->qtail)
			ag->qtail->next = a;
		else
			ag->qhead = a;
		ag->qtail = a;
	}
}

static void agent_do(int i, int kind)
{
	act *a = act_new(i, kind);

	if (a)
		agent_submit(a);
}

static void agent_state(int i, const char *state, int setup)
{
	act *a = act_new(i, A_STATE);

	if (a) {
		a->state = state;
		a->setup = setup;
		agent_submit(a);
	}
}

static int transient(int rc)
{
	return rc == HL_E_TIMEOUT || rc == HL_E_CONNECT || rc == HL_E_SESSION;
}

/* Makes one request, re-trying a lost connection while the run lasts (the
 * client library already re-tries within its deadline). */
static int call(agent *ag, act *a, Hotline__Request *rq, int retry)
{
	Hotline__Reply *rp = NULL;
	int rc;

	for (;;) {
		rc = hl_client_call(ag->cl, rq, &rp);
		if (rc < 0)
			snprintf(a->err, sizeof a->err, "%s", hl_client_error(ag->cl));
		hl_client_reply_free(rp);
		rp = NULL;
		if (rc == 0 || !retry || !transient(rc) || atomic_load(&S.stop_pollers) ||
		    now_us() >= atomic_load(&S.retry_until))
			return rc;
		sleep_ms(200);
	}
}

static void work(act *a)
{
	agent *ag = &S.agents[a->agent];
	Hotline__Request rq = HOTLINE__REQUEST__INIT;

	switch (a->kind) {
	case A_LOGIN: {
		hl_client_opts o = {.url = S.o.broker, .pin = S.o.pin, .name = "hotline-sim",
				    .timeout_ms = CLIENT_TIMEOUT_MS};
		/* One failure fails the run: do not wait out the others. */
		if (atomic_load(&S.login_failed)) {
			a->rc = HL_E_CLOSED;
			break;
		}
		a->rc = hl_client_open(&ag->cl, &o, a->err, sizeof a->err);
		if (a->rc == 0 && (a->rc = hl_client_login(ag->cl, ag->name, S.password)) < 0)
			snprintf(a->err, sizeof a->err, "%s", hl_client_error(ag->cl));
		if (a->rc < 0)
			atomic_store(&S.login_failed, 1);
		break;
	}
	case A_STATE: {
		Hotline__AgentState m = HOTLINE__AGENT_STATE__INIT;
		m.state = (char *)a->state;
		rq.body_case = HOTLINE__REQUEST__BODY_AGENT_STATE;
		rq.agent_state = &m;
		a->rc = call(ag, a, &rq, 1);
		break;
	}
	case A_ACCEPT: {
		Hotline__AgentAccept m = HOTLINE__AGENT_ACCEPT__INIT;
		m.contact = a->contact;
		rq.body_case = HOTLINE__REQUEST__BODY_AGENT_ACCEPT;
		rq.agent_accept = &m;
		a->rc = call(ag, a, &rq, 0);
		break;
	}
	case A_SEND: {
		Hotline__ChatSend m = HOTLINE__CHAT_SEND__INIT;
		hl_sim_tag t = {.conv = a->cust + 1, .dir = HL_SIM_A2C, .seq = a->seq};
		char text[256];
		/* Stamped as it leaves, so the latency is the broker's part. */
		t.t_us = (uint64_t)now_us();
		hl_sim_tag_format(text, sizeof text, &t, a->filler);
		m.contact = a->contact;
		m.text = text;
		m.client_id = a->client_id;
		rq.body_case = HOTLINE__REQUEST__BODY_CHAT_SEND;
		rq.chat_send = &m;
		/* The same client_id every time: the broker stores it once. */
		a->rc = call(ag, a, &rq, 1);
		break;
	}
	case A_END: {
		Hotline__ChatEnd m = HOTLINE__CHAT_END__INIT;
		m.contact = a->contact;
		rq.body_case = HOTLINE__REQUEST__BODY_CHAT_END;
		rq.chat_end = &m;
		a->rc = call(ag, a, &rq, 1);
		break;
	}
	case A_WRAPUP: {
		Hotline__AgentWrapup m = HOTLINE__AGENT_WRAPUP__INIT;
		m.contact = a->contact;
		m.code = "resolved";
		m.note = "hotline-sim";
		rq.body_case = HOTLINE__REQUEST__BODY_AGENT_WRAPUP;
		rq.agent_wrapup = &m;
		a->rc = call(ag, a, &rq, 1);
		break;
	}
	case A_LOGOUT: {
		Hotline__Logout m = HOTLINE__LOGOUT__INIT;
		rq.body_case = HOTLINE__REQUEST__BODY_LOGOUT;
		rq.logout = &m;
		a->rc = call(ag, a, &rq, 0);
		break;
	}
	}
}

static void *worker_main(void *arg)
{
	(void)arg;
	for (;;) {
		act *a;
		pthread_mutex_lock(&S.jmu);
		while (!S.jhead && !S.jquit)
			pthread_cond_wait(&S.jcv, &S.jmu);
		if (S.jquit) {
			pthread_mutex_unlock(&S.jmu);
			return NULL;
		}
		a = S.jhead;
		S.jhead = a->next;
		if (!S.jhead)
			S.jtail = NULL;
		pthread_mutex_unlock(&S.jmu);
		work(a);
		ev *e = new_ev(EV_DONE, a->agent, 0);
		if (!e) {
			free(a);
			continue;
		}
		e->act = a;
		post(e);
	}
}

static void *poller_main(void *arg)
{
	int i = (int)(intptr_t)arg;
	agent *ag = &S.agents[i];
	unsigned seen = hl_client_reconnects(ag->cl);

	while (!atomic_load(&S.stop_pollers)) {
		Hotline__Reply *rp = NULL;
		int resync = 0;
		int n = hl_client_poll(ag->cl, POLL_WAIT_MS, &rp, &resync);
		unsigned r = hl_client_reconnects(ag->cl);

		/* After a resync the snapshot comes first; lines in the gap are
		 * missed, and the checks count them. */
		if (n > 0) {
			ev *e = new_ev(EV_POLL, i, 0);
			if (e) {
				e->rp = rp;
				post(e);
				rp = NULL;
			}
		}
		hl_client_reply_free(rp);
		if (r != seen) {
			ev *e = new_ev(EV_RECONNECTED, i, 0);
			seen = r;
			if (e)
				post(e);
		}
		if (n < 0)
			sleep_ms(200);
	}
	atomic_store(&ag->poller_done, 1);
	return NULL;
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

/* ---- agents: the loop's side ---- */

static conv *conv_find(agent *ag, const char *contact)
{
	for (int k = 0; k < MAX_CONV; k++)
		if (ag->conv[k].state != V_FREE && strcmp(ag->conv[k].contact, contact) == 0)
			return &ag->conv[k];
	return NULL;
}

static conv *conv_new(agent *ag, const char *contact, int state)
{
	static uint32_t serial;

	for (int k = 0; k < MAX_CONV; k++) {
		conv *v = &ag->conv[k];
		if (v->state != V_FREE)
			continue;
		memset(v, 0, sizeof *v);
		v->state = state;
		v->serial = ++serial;
		v->cust = -1;
		v->target = (int)rnd_between(2, 7);
		snprintf(v->contact, sizeof v->contact, "%s", contact);
		/* A chat whose customer never speaks (one of an earlier run) is
		 * ended rather than left holding the agent's capacity. */
		timer_add(now_us() + 30000000 + 10000LL * S.o.typing_ms, T_IDLE,
			  (int)(ag - S.agents), k, v->serial);
		return v;
	}
	S.n.agent_errors++;
	warn("%s holds more than %d chats; ignoring %s", ag->name, MAX_CONV, contact);
	return NULL;
}

static void conv_timer(int i, conv *v, int kind, int64_t delay)
{
	timer_add(now_us() + delay, kind, i, (int)(v - S.agents[i].conv), v->serial);
}

static void conv_act(int i, conv *v, int kind)
{
	act *a = act_new(i, kind);

	if (!a)
		return;
	snprintf(a->contact, sizeof a->contact, "%s", v->contact);
	a->slot = (int)(v - S.agents[i].conv);
	a->serial = v->serial;
	agent_submit(a);
}

static void conv_wrapup_soon(int i, conv *v)
{
	if (v->state == V_WRAPUP)
		return;
	v->state = V_WRAPUP;
	conv_timer(i, v, T_WRAPUP, rnd_between(200000, 800000));
}

static void agent_line(int i, agent *ag, const Hotline__ContactLine *cl)
{
	hl_sim_tag t;
	conv *v;
	cust *c;

	if (!cl->line || strcmp(cl->line->from, "customer") != 0 ||
	    hl_sim_tag_parse(cl->line->text, &t) < 0)
		return;
	/* A line of a contact we were never offered (say, after a resync):
	 * take it up as an active chat. */
	if (!(v = conv_find(ag, cl->contact)) && !(v = conv_new(ag, cl->contact, V_ACTIVE)))
		return;
	c = t.conv >= 1 ? cust_get((int)t.conv - 1) : NULL;
	if (t.dir != HL_SIM_C2A || !c || (v->cust >= 0 && v->cust != (int)t.conv - 1)) {
		S.n.misdelivered++;
		warn("%s got, on %s, a line that belongs elsewhere: %.60s", ag->name, v->contact,
		     cl->line->text);
		return;
	}
	v->cust = (int)t.conv - 1;
	note_delivered(HL_SIM_C2A, &c->c2a, &t);
	if (v->state == V_OFFERED)
		v->state = V_ACTIVE;
	if (v->state == V_ACTIVE && !v->typing && !S.stopping) {
		v->typing = 1;
		conv_timer(i, v, T_REPLY, typing_us());
	}
}

static void agent_events(int i, Hotline__Reply *rp)
{
	agent *ag = &S.agents[i];
	Hotline__PollReply *pr = rp->poll;

	for (size_t k = 0; pr && k < pr->n_events; k++) {
		Hotline__Event *e = pr->events[k];
		conv *v;

		if (S.debug)
			fprintf(stderr, "hotline-sim: %s event %d: %s %s\n", ag->name, e->body_case,
				e->body_case == HOTLINE__EVENT__BODY_OFFER ? e->offer->contact
				: e->body_case == HOTLINE__EVENT__BODY_LINE ? e->line->contact
				: e->body_case == HOTLINE__EVENT__BODY_CONTACT_STATE
					? e->contact_state->contact : "",
				e->body_case == HOTLINE__EVENT__BODY_CONTACT_STATE
					? e->contact_state->state : "");
		switch (e->body_case) {
		case HOTLINE__EVENT__BODY_OFFER:
			S.n.offers++;
			if (conv_find(ag, e->offer->contact))
				break;
			if (!(v = conv_new(ag, e->offer->contact, V_OFFERED)))
				break;
			/* No expiry means the queue accepted for us. */
			if (e->offer->expires_ms == 0)
				v->state = V_ACTIVE;
			else
				conv_timer(i, v, T_ACCEPT, rnd_between(300000, 1500000));
			break;
		case HOTLINE__EVENT__BODY_LINE:
			agent_line(i, ag, e->line);
			break;
		case HOTLINE__EVENT__BODY_CONTACT_STATE: {
			const char *st = e->contact_state->state;
			if (!(v = conv_find(ag, e->contact_state->contact)))
				break;
			if (strcmp(st, "active") == 0) {
				if (v->state == V_OFFERED)
					v->state = V_ACTIVE;
			} else if (strcmp(st, "ended") == 0) {
				conv_wrapup_soon(i, v);
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

static void agent_timer(const tmr *t)
{
	agent *ag = &S.agents[t->idx];
	conv *v = &ag->conv[t->slot];

	if (v->state == V_FREE || v->serial != t->serial)
		return;
	switch (t->kind) {
	case T_ACCEPT:
		if (v->state == V_OFFERED)
			conv_act(t->idx, v, A_ACCEPT);
		break;
	case T_REPLY: {
		cust *c = cust_get(v->cust);
		v->typing = 0;
		if (v->state != V_ACTIVE || S.stopping || !c)
			break;
		if (v->replies >= v->target) {
			v->state = V_ENDING;
			conv_act(t->idx, v, A_END);
			break;
		}
		act *a = act_new(t->idx, A_SEND);
		if (!a)
			break;
		v->replies++;
		a->cust = (uint32_t)v->cust;
		a->seq = ++v->a2c_next;
		snprintf(a->contact, sizeof a->contact, "%s", v->contact);
		snprintf(a->client_id, sizeof a->client_id, "sim-c%d-a%" PRIu32, v->cust + 1,
			 a->seq);
		snprintf(a->filler, sizeof a->filler, "%s", filler());
		note_sent(&c->a2c, a->seq);
		agent_submit(a);
		break;
	}
	case T_WRAPUP:
		conv_act(t->idx, v, A_WRAPUP);
		break;
	case T_IDLE:
		if (v->state == V_ACTIVE && v->cust < 0) {
			v->state = V_ENDING;
			conv_act(t->idx, v, A_END);
		}
		break;
	}
}

/* A request came back: account for it and start the agent's next one. */
static void agent_done(act *a)
{
	agent *ag = &S.agents[a->agent];
	conv *v = a->slot >= 0 ? &ag->conv[a->slot] : NULL;

	if (v && (v->state == V_FREE || v->serial != a->serial))
		v = NULL;
	S.acts_pending--;
	if (S.debug)
		fprintf(stderr, "hotline-sim: %s request %d on '%s': %d %s\n", ag->name, a->kind,
			a->contact, a->rc, a->rc ? a->err : "");
	switch (a->kind) {
	case A_LOGIN:
		S.logins_left--;
		if (a->rc < 0) {
			if (!S.setup_err[0] && a->rc == HL_E_AUTH)
				snprintf(S.setup_err, sizeof S.setup_err,
					 "%s cannot log in: %s\nThe agents %s1..%s%d must exist with "
					 "the password in --password-file: hotline-ctl user add NAME "
					 "--role agent, then agent setup NAME --skill QUEUE=5", ag->name,
					 a->err, S.o.prefix, S.o.prefix, S.o.agents);
			else if (!S.setup_err[0] && a->rc != HL_E_CLOSED)
				snprintf(S.setup_err, sizeof S.setup_err, "%s cannot log in: %s",
					 ag->name, a->err);
			break;
		}
		if (start_thread(&ag->poller, poller_main, (void *)(intptr_t)a->agent) == 0)
			ag->poller_started = 1;
		else
			snprintf(S.setup_err, sizeof S.setup_err, "cannot start a thread: %s",
				 strerror(errno));
		agent_state(a->agent, "available", 1);
		break;
	case A_STATE:
		if (a->setup)
			S.states_left--;
		if (a->rc < 0 && strcmp(a->state, "available") == 0) {
			S.n.agent_errors++;
			warn("%s cannot become available: %s", ag->name, a->err);
		}
		break;
	case A_ACCEPT:
		if (a->rc < 0 && v) {
			/* The offer was withdrawn or expired: not an error of the run. */
			v->state = V_FREE;
		}
		break;
	case A_SEND: {
		cust *c = cust_get((int)a->cust);
		if (a->rc == 0 && c) {
			hl_sim_seq_acked(&c->a2c, a->seq);
			S.last_activity = now_us();
		} else if (a->rc < 0) {
			S.n.agent_errors++;
			if (S.n.agent_errors <= 10)
				warn("%s: sending on %s failed: %s", ag->name, a->contact, a->err);
		}
		break;
	}
	case A_END:
		if (v)
			conv_wrapup_soon(a->agent, v);
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
		act *n = ag->qhead;
		ag->qhead = n->next;
		if (!ag->qhead)
			ag->qtail = NULL;
		job_push(n);
	} else {
		ag->busy = 0;
	}
}

/* ---- the loop ---- */

static void handle(ev *e)
{
	switch (e->kind) {
	case EV_WS:
		cust_ws(e->idx, e->what, e->what == HL_SIM_WS_LINE ? e->line : NULL);
		break;
	case EV_POLL:
		agent_events(e->idx, e->rp);
		hl_client_reply_free(e->rp);
		break;
	case EV_DONE:
		agent_done(e->act);
		break;
	case EV_RECONNECTED:
		S.agent_reconnects++;
		/* Say again that we are available, in case the broker forgot. */
		if (S.phase < P_CLEANUP)
			agent_state(e->idx, "available", 0);
		break;
	}
	free(e);
}

static void take_tally(void)
{
	memset(S.final_t, 0, sizeof S.final_t);
	for (size_t i = 0; i < S.ncust; i++) {
		hl_sim_seq_tally(&S.cust[i]->c2a, &S.final_t[HL_SIM_C2A]);
		hl_sim_seq_tally(&S.cust[i]->a2c, &S.final_t[HL_SIM_A2C]);
	}
	S.final_n = S.n;
	for (size_t i = 0; i < S.ncust; i++)
		if (!S.cust[i]->ever_up)
			S.final_n.never_connected++;
}

static void progress(int64_t now)
{
	size_t queued = 0, chatting = 0;

	if (S.o.json || now < S.next_progress)
		return;
	S.next_progress = now + PROGRESS_US;
	for (size_t i = 0; i < S.ncust; i++) {
		int st = S.cust[i]->state;
		queued += st == C_STARTING || st == C_QUEUED;
		chatting += st == C_CHAT;
	}
	fprintf(stderr,
		"hotline-sim: %4" PRId64 " s  customers %" PRIu64 " (%zu queued, %zu in chat), "
		"answered %" PRIu64 ", abandoned %" PRIu64 "; lines %" PRIu64 " sent, %" PRIu64
		" delivered\n",
		(now - S.t_start) / 1000000, S.n.arrived, queued, chatting, S.n.answered,
		S.n.abandoned, S.sent, S.delivered);
}

/* Moves the run through its phases; returns 0 when it is over. */
static int advance(int64_t now)
{
	switch (S.phase) {
	case P_SETUP:
		if (!S.setup_err[0] && now >= S.phase_at + SETUP_MAX_US(S.o.agents))
			snprintf(S.setup_err, sizeof S.setup_err, "the agents could not log in and "
				 "become available within %d s: is the broker overloaded?",
				 (int)(SETUP_MAX_US(S.o.agents) / 1000000));
		if (S.setup_err[0] && (S.logins_left == 0 || now >= S.phase_at +
							 SETUP_MAX_US(S.o.agents))) {
			S.phase = P_STOP;
			S.phase_at = now;
			atomic_store(&S.stop_pollers, 1);
		} else if (S.logins_left == 0 && S.states_left == 0) {
			if (!S.o.json)
				fprintf(stderr, "hotline-sim: %d agents available after %.1f s; "
					"customers arrive for %d s\n", S.o.agents, (double)now / 1e6,
					S.o.duration_s);
			S.phase = P_RUN;
			S.t_start = now;
			S.t_end = now + (int64_t)S.o.duration_s * 1000000;
			atomic_store(&S.retry_until, S.t_end + DRAIN_MAX_US);
			S.next_progress = now + PROGRESS_US;
			if (S.o.per_min > 0)
				timer_add(now + arrival_exp(60e6 / S.o.per_min), T_ARRIVE, 0, 0, 0);
		}
		break;
	case P_RUN:
		if (now >= S.t_end) {
			S.phase = P_DRAIN;
			S.stopping = 1;
			if (S.last_activity < now - DRAIN_QUIET_US)
				S.last_activity = now - DRAIN_QUIET_US;
		}
		break;
	case P_DRAIN:
		if (S.sent == S.delivered || now >= S.last_activity + DRAIN_QUIET_US ||
		    now >= S.t_end + DRAIN_MAX_US) {
			take_tally();
			S.phase = P_CLEANUP;
			S.phase_at = now;
			/* End what is open so agents and queues are left clean. */
			for (size_t i = 0; i < S.ncust; i++) {
				cust *c = S.cust[i];
				if (c->state == C_STARTING || c->state == C_QUEUED || c->state == C_CHAT) {
					c->state = C_ENDING;
					cust_simple(c, "end");
				} else if (c->state == C_CONNECTING || c->state == C_HELLO) {
					cust_finish((int)i, c);
				}
			}
			/* Chats no simulated customer speaks in (left over from an
			 * earlier run) are ended by their agents. */
			for (int i = 0; i < S.o.agents; i++)
				for (int k = 0; k < MAX_CONV; k++) {
					conv *v = &S.agents[i].conv[k];
					if (v->state == V_ACTIVE && v->cust < 0) {
						v->state = V_ENDING;
						conv_act(i, v, A_END);
					}
				}
		}
		break;
	case P_CLEANUP: {
		int open = S.acts_pending > 0;
		for (int i = 0; i < S.o.agents && !open; i++)
			for (int k = 0; k < MAX_CONV && !open; k++)
				open = S.agents[i].conv[k].state != V_FREE;
		if (!open || now >= S.phase_at + CLEANUP_US) {
			S.phase = P_STOP;
			S.phase_at = now;
			atomic_store(&S.stop_pollers, 1);
		}
		break;
	}
	case P_STOP: {
		/* Pollers first (they end within a poll's wait), then sign off. */
		int waiting = 0;
		for (int i = 0; i < S.o.agents; i++)
			if (S.agents[i].poller_started && !atomic_load(&S.agents[i].poller_done))
				waiting++;
		if (waiting && now < S.phase_at + POLL_WAIT_MS * 1000 + 3000000)
			break;
		for (int i = 0; i < S.o.agents; i++) {
			if (!S.agents[i].cl)
				continue;
			agent_state(i, "offline", 0);
			agent_do(i, A_LOGOUT);
		}
		S.phase = P_DONE;
		S.phase_at = now;
		break;
	}
	case P_DONE:
		if (S.acts_pending == 0 || now >= S.phase_at + STOP_MAX_US)
			return 0;
		break;
	}
	return 1;
}

static void run_loop(void)
{
	for (;;) {
		int64_t now = now_us(), deadline;
		ev *list;

		while (S.nheap && S.heap[0].at <= now) {
			tmr t = timer_pop();
			if (t.kind == T_ARRIVE) {
				if (S.phase != P_RUN)
					continue;
				cust_arrive();
				timer_add(t.at + arrival_exp(60e6 / S.o.per_min), T_ARRIVE, 0, 0, 0);
			} else if (t.kind <= T_CCLOSE) {
				cust_timer(&t);
			} else {
				agent_timer(&t);
			}
		}
		if (S.phase == P_RUN)
			progress(now);
		if (!advance(now))
			return;
		deadline = now + 100000;
		if (S.nheap && S.heap[0].at < deadline)
			deadline = S.heap[0].at;
		list = take_events(deadline);
		while (list) {
			ev *next = list->next;
			handle(list);
			list = next;
		}
	}
}

/* ---- the report ---- */

static cJSON *dir_json(int d)
{
	hl_sim_tally *t = &S.final_t[d];
	cJSON *j = cJSON_CreateObject();

	cJSON_AddNumberToObject(j, "sent", (double)t->sent);
	cJSON_AddNumberToObject(j, "acked", (double)t->acked);
	cJSON_AddNumberToObject(j, "delivered", (double)t->delivered);
	cJSON_AddNumberToObject(j, "lost", (double)t->lost);
	cJSON_AddNumberToObject(j, "unconfirmed", (double)t->unconfirmed);
	cJSON_AddNumberToObject(j, "duplicated", (double)t->duplicated);
	cJSON_AddNumberToObject(j, "out_of_order", (double)t->out_of_order);
	cJSON_AddNumberToObject(j, "unexpected", (double)t->unexpected);
	cJSON_AddNumberToObject(j, "latency_p50_ms", hl_sim_lat_quantile(&S.lat[d], 0.5));
	cJSON_AddNumberToObject(j, "latency_p99_ms", hl_sim_lat_quantile(&S.lat[d], 0.99));
	return j;
}

static int report(void)
{
	hl_sim_tally sum = {0};
	counts *n = &S.final_n;
	double secs = S.o.duration_s > 0 ? S.o.duration_s : 1;
	int bad;

	for (int d = 0; d < 2; d++) {
		hl_sim_tally *t = &S.final_t[d];
		sum.sent += t->sent;
		sum.acked += t->acked;
		sum.delivered += t->delivered;
		sum.lost += t->lost;
		sum.unconfirmed += t->unconfirmed;
		sum.duplicated += t->duplicated;
		sum.out_of_order += t->out_of_order;
		sum.unexpected += t->unexpected;
	}
	bad = sum.lost || sum.duplicated || sum.out_of_order || sum.unexpected || n->misdelivered;
	if (S.o.json) {
		cJSON *j = cJSON_CreateObject();
		cJSON_AddNumberToObject(j, "duration_s", S.o.duration_s);
		cJSON_AddNumberToObject(j, "agents", S.o.agents);
		cJSON_AddNumberToObject(j, "customers_per_minute", S.o.per_min);
		cJSON_AddNumberToObject(j, "seed", (double)S.o.seed);
		cJSON_AddNumberToObject(j, "arrived", (double)n->arrived);
		cJSON_AddNumberToObject(j, "offered", (double)n->offered);
		cJSON_AddNumberToObject(j, "answered", (double)n->answered);
		cJSON_AddNumberToObject(j, "abandoned", (double)n->abandoned);
		cJSON_AddNumberToObject(j, "closed", (double)n->closed);
		cJSON_AddNumberToObject(j, "rejected", (double)n->rejected);
		cJSON_AddNumberToObject(j, "never_connected", (double)n->never_connected);
		cJSON_AddNumberToObject(j, "sent", (double)sum.sent);
		cJSON_AddNumberToObject(j, "acked", (double)sum.acked);
		cJSON_AddNumberToObject(j, "delivered", (double)sum.delivered);
		cJSON_AddNumberToObject(j, "lost", (double)sum.lost);
		cJSON_AddNumberToObject(j, "unconfirmed", (double)sum.unconfirmed);
		cJSON_AddNumberToObject(j, "duplicated", (double)sum.duplicated);
		cJSON_AddNumberToObject(j, "out_of_order", (double)sum.out_of_order);
		cJSON_AddNumberToObject(j, "unexpected", (double)sum.unexpected);
		cJSON_AddNumberToObject(j, "misdelivered", (double)n->misdelivered);
		cJSON_AddNumberToObject(j, "messages_per_s", (double)sum.sent / secs);
		cJSON_AddItemToObject(j, "customer_to_agent", dir_json(HL_SIM_C2A));
		cJSON_AddItemToObject(j, "agent_to_customer", dir_json(HL_SIM_A2C));
		cJSON_AddNumberToObject(j, "ws_reconnects", (double)n->ws_reconnects);
		cJSON_AddNumberToObject(j, "agent_reconnects", S.agent_reconnects);
		cJSON_AddNumberToObject(j, "ws_errors", (double)n->ws_errors);
		cJSON_AddNumberToObject(j, "agent_errors", (double)n->agent_errors);
		cJSON_AddBoolToObject(j, "ok", !bad);
		char *s = cJSON_PrintUnformatted(j);
		if (s)
			puts(s);
		free(s);
		cJSON_Delete(j);
	} else {
		printf("hotline-sim run: %d s, %d agents, %g customers/min, seed %" PRIu64 "\n",
		       S.o.duration_s, S.o.agents, S.o.per_min, S.o.seed);
		printf("customers   %" PRIu64 " arrived, %" PRIu64 " offered, %" PRIu64
		       " answered, %" PRIu64 " abandoned, %" PRIu64 " closed or rejected, %" PRIu64
		       " never connected\n",
		       n->arrived, n->offered, n->answered, n->abandoned, n->closed + n->rejected,
		       n->never_connected);
		printf("messages    %" PRIu64 " sent (%.1f/s), %" PRIu64 " acknowledged, %" PRIu64
		       " delivered, %" PRIu64 " lost, %" PRIu64 " duplicated, %" PRIu64
		       " out of order, %" PRIu64 " unconfirmed, %" PRIu64 " misdelivered\n",
		       sum.sent, (double)sum.sent / secs, sum.acked, sum.delivered, sum.lost,
		       sum.duplicated, sum.out_of_order, sum.unconfirmed,
		       n->misdelivered + sum.unexpected);
		for (int d = 0; d < 2; d++) {
			hl_sim_tally *t = &S.final_t[d];
			printf("%-11s %" PRIu64 " sent, %" PRIu64 " delivered, %" PRIu64 " lost, %" PRIu64
			       " dup, %" PRIu64 " out of order; latency p50 %.2f ms, p99 %.2f ms\n",
			       d == HL_SIM_C2A ? "cust>agent" : "agent>cust", t->sent, t->delivered,
			       t->lost, t->duplicated, t->out_of_order,
			       hl_sim_lat_quantile(&S.lat[d], 0.5),
			       hl_sim_lat_quantile(&S.lat[d], 0.99));
		}
		printf("reconnects  %" PRIu64 " web, %u agent; errors %" PRIu64 " web, %" PRIu64
		       " agent\n", n->ws_reconnects, S.agent_reconnects, n->ws_errors, n->agent_errors);
		printf("result      %s\n", bad ? "FAIL: lines were lost, duplicated or reordered"
					       : "ok");
	}
	/* Not a failure by the definition (nothing acknowledged went
	 * missing), but a broker that stops answering shows up here. */
	if (sum.unconfirmed)
		warn("%" PRIu64 " lines were never acknowledged (the broker did not answer in "
		     "time, or the chat had ended)", sum.unconfirmed);
	fflush(stdout);
	return bad ? 1 : 0;
}

/* ---- options and the command ---- */

static int parse(int argc, char **argv, opts *o)
{
	const char *customers = NULL, *agents = NULL, *duration = NULL, *seed = NULL;
	const char *typing = NULL, *patience = NULL;
	const struct {
		const char *name;
		const char **value;
		int *set;
	} flags[] = {
		{"broker", &o->broker, NULL}, {"pin", &o->pin, NULL}, {"web", &o->web, NULL},
		{"customers", &customers, NULL}, {"agents", &agents, NULL},
		{"duration", &duration, NULL}, {"seed", &seed, NULL}, {"json", NULL, &o->json},
		{"agent-prefix", &o->prefix, NULL}, {"password-file", &o->pwfile, NULL},
		{"queue-item", &o->item, NULL}, {"typing-ms", &typing, NULL},
		{"patience-s", &patience, NULL},
	};
	char *end;

	o->broker = getenv("HOTLINE_BROKER");
	o->pin = getenv("HOTLINE_PIN");
	o->pwfile = getenv("HOTLINE_PASSWORD_FILE");
	o->prefix = "simagent";
	for (int i = (argc > 0 && strncmp(argv[0], "--", 2) != 0) ? 1 : 0; i < argc; i++) {
		const char *a = argv[i], *eq;
		size_t len;
		int found = 0;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(usage, stdout);
			return 1;
		}
		if (strncmp(a, "--", 2) != 0) {
			warn("unexpected argument '%s'\n%s", a, usage);
			return HL_E_INVALID;
		}
		a += 2;
		eq = strchr(a, '=');
		len = eq ? (size_t)(eq - a) : strlen(a);
		for (size_t k = 0; k < sizeof flags / sizeof flags[0] && !found; k++) {
			if (strlen(flags[k].name) != len || strncmp(a, flags[k].name, len) != 0)
				continue;
			found = 1;
			if (flags[k].set) {
				*flags[k].set = 1;
			} else if (eq) {
				*flags[k].value = eq + 1;
			} else if (i + 1 < argc) {
				*flags[k].value = argv[++i];
			} else {
				warn("option --%s needs a value", flags[k].name);
				return HL_E_INVALID;
			}
		}
		if (!found) {
			warn("unknown option %s\n%s", argv[i], usage);
			return HL_E_INVALID;
		}
	}
	if (!o->broker || !o->pin || !o->web || !customers || !agents || !duration ||
	    !o->pwfile) {
		warn("need --broker, --pin, --web, --customers, --agents, --duration and "
		     "--password-file\n%s", usage);
		return HL_E_INVALID;
	}
	if (strncmp(o->web, "ws://", 5) != 0 && strncmp(o->web, "wss://", 6) != 0) {
		warn("--web must be a ws:// address such as ws://127.0.0.1:8080/chat");
		return HL_E_INVALID;
	}
	errno = 0;
	o->per_min = strtod(customers, &end);
	if (*end || errno || !(o->per_min >= 0) || o->per_min > 1e6) {
		warn("--customers is arrivals per minute, 0 to 1000000");
		return HL_E_INVALID;
	}
	o->agents = (int)strtol(agents, &end, 10);
	if (*end || o->agents < 1 || o->agents > 100000) {
		warn("--agents must be 1 to 100000");
		return HL_E_INVALID;
	}
	o->duration_s = (int)strtol(duration, &end, 10);
	if (*end || o->duration_s < 1 || o->duration_s > 86400) {
		warn("--duration is seconds, 1 to 86400");
		return HL_E_INVALID;
	}
	o->seed = seed ? strtoull(seed, &end, 10) : 1;
	if (seed && *end) {
		warn("--seed must be a number");
		return HL_E_INVALID;
	}
	o->typing_ms = typing ? (int)strtol(typing, &end, 10) : 2000;
	if ((typing && *end) || o->typing_ms < 10 || o->typing_ms > 600000) {
		warn("--typing-ms must be 10 to 600000");
		return HL_E_INVALID;
	}
	o->patience_s = patience ? strtod(patience, &end) : 90;
	if ((patience && *end) || !(o->patience_s > 0) || o->patience_s > 86400) {
		warn("--patience-s must be more than 0 and at most 86400");
		return HL_E_INVALID;
	}
	if (strlen(o->prefix) > 40) {
		warn("--agent-prefix is too long");
		return HL_E_INVALID;
	}
	return 0;
}

static void teardown(void)
{
	int stuck = 0;

	/* Workers finish the request in hand (bounded by the client timeout);
	 * what is still queued is dropped. */
	pthread_mutex_lock(&S.jmu);
	S.jquit = 1;
	pthread_cond_broadcast(&S.jcv);
	pthread_mutex_unlock(&S.jmu);
	for (int i = 0; i < S.nworkers; i++)
		pthread_join(S.workers[i], NULL);
	while (S.jhead) {
		act *a = S.jhead;
		S.jhead = a->next;
		free(a);
	}
	for (int i = 0; i < S.o.agents; i++) {
		agent *ag = &S.agents[i];
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
			act *a = ag->qhead;
			ag->qhead = a->next;
			free(a);
		}
	}
	for (size_t i = 0; i < S.ncust; i++) {
		cust *c = S.cust[i];
		hl_sim_ws_close(c->ws);
		for (size_t k = 0; k < c->npend; k++)
			free(c->pend[k].json);
		free(c->pend);
		hl_sim_seq_free(&c->c2a);
		hl_sim_seq_free(&c->a2c);
		free(c);
	}
	/* Events that came too late to matter. */
	for (ev *e = take_events(0); e; e = take_events(0)) {
		while (e) {
			ev *next = e->next;
			if (e->kind == EV_POLL)
				hl_client_reply_free(e->rp);
			free(e->act);
			free(e);
			e = next;
		}
	}
	free(S.cust);
	free(S.heap);
	if (!stuck)
		free(S.agents);
	hl_sim_lat_free(&S.lat[0]);
	hl_sim_lat_free(&S.lat[1]);
	sodium_memzero(S.password, sizeof S.password);
}

int hl_sim_cmd_run(int argc, char **argv)
{
	pthread_condattr_t ca;
	struct rlimit rl;
	struct timespec ts;
	int rc;

	memset(&S, 0, sizeof S);
	if ((rc = parse(argc, argv, &S.o)) != 0)
		return rc > 0 ? 0 : 2;
	{
		/* A bad --web is a usage error now, not a failure per customer. */
		nng_stream_dialer *d;
		int rv = nng_stream_dialer_alloc(&d, S.o.web);
		if (rv != 0) {
			warn("cannot use --web %s: %s (want ws://HOST:PORT/chat)", S.o.web,
			     nng_strerror(rv));
			return 2;
		}
		nng_stream_dialer_free(d);
	}
	if ((rc = hl_pwfile_read(S.o.pwfile, S.password, sizeof S.password)) < 0) {
		warn("cannot read a password from %s: %s", S.o.pwfile,
		     rc == HL_E_IO ? strerror(errno) : "the first line is empty or too long");
		return 2;
	}
	/* Thousands of WebSockets and agent connections: take every file
	 * descriptor the hard limit allows. */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	if (sodium_init() < 0) {
		warn("libsodium failed to initialise");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	S.t_origin = (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
	seed_rng(S.rng, S.o.seed);
	seed_rng(S.arr, S.o.seed ^ 0x5deece66dull);
	S.debug = getenv("HOTLINE_SIM_DEBUG") != NULL;
	pthread_mutex_init(&S.qmu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&S.qcv, &ca);
	pthread_condattr_destroy(&ca);
	pthread_mutex_init(&S.jmu, NULL);
	pthread_cond_init(&S.jcv, NULL);

	if (!(S.agents = calloc((size_t)S.o.agents, sizeof *S.agents))) {
		warn("out of memory for %d agents", S.o.agents);
		return 1;
	}
	S.nworkers = S.o.agents < MAX_WORKERS ? S.o.agents : MAX_WORKERS;
	for (int i = 0; i < S.nworkers; i++) {
		if (start_thread(&S.workers[i], worker_main, NULL) != 0) {
			warn("cannot start a worker thread: %s", strerror(errno));
			S.nworkers = i;
			break;
		}
	}
	if (S.nworkers == 0) {
		free(S.agents);
		return 1;
	}
	if (!S.o.json)
		fprintf(stderr, "hotline-sim: logging in %d agents (%s1..%s%d) at %s\n", S.o.agents,
			S.o.prefix, S.o.prefix, S.o.agents, S.o.broker);
	S.logins_left = S.states_left = S.o.agents;
	S.phase = P_SETUP;
	S.phase_at = now_us();
	atomic_store(&S.retry_until, S.phase_at + SETUP_MAX_US(S.o.agents));
	for (int i = 0; i < S.o.agents; i++) {
		snprintf(S.agents[i].name, sizeof S.agents[i].name, "%s%d", S.o.prefix, i + 1);
		agent_do(i, A_LOGIN);
	}

	run_loop();

	if (S.setup_err[0]) {
		warn("%s", S.setup_err);
		rc = 1;
	} else {
		rc = report();
		if (S.final_n.arrived > 0 && S.final_n.never_connected == S.final_n.arrived) {
			warn("no customer could connect to %s: is the broker running with --web, "
			     "and is the address right?", S.o.web);
			rc = 1;
		}
	}
	teardown();
	return rc;
}
