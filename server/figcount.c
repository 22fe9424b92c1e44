/* The day's counts kept current contact by contact: each contact's counts
 * come out of its queue, agent and interval when it changes, and its new
 * ones go in, so any figure is read without looking at the contacts. */
#include "figcount.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"

#define NONE UINT32_MAX

struct line {
	char name[65];
	int32_t sl, sh;              /* the rule its contacts are judged by (queues) */
	hl_metrics_counters day;
	hl_metrics_counters *slot[HL_FIGCOUNT_SLOTS];  /* allocated when first counted */
	uint8_t dirty[HL_FIGCOUNT_SLOTS];
	/* Queues only: per-minute counts for the recent window, the array
	 * and each minute allocated when first counted. */
	hl_metrics_counters **minute;
};

struct lines {
	struct line **v;   /* stable pointers, in order of first use */
	uint32_t *order;   /* indexes into v, sorted by name */
	size_t n, cap;
};

/* What one contact counts: enough to take its counts out again. */
struct fact {
	int64_t id;
	uint32_t queue, agent;
	int slot, minute;
	hl_metrics_contact k;
};

struct hl_figcount {
	int64_t day;
	struct lines lines[2];       /* by hl_figcount_kind */
	struct fact *facts;          /* sorted by id; ids mostly arrive in order */
	size_t n, cap;
	hl_metrics_counters zero;
};

hl_figcount *hl_figcount_new(int64_t day_start_ms)
{
	hl_figcount *f = calloc(1, sizeof *f);

	if (f)
		f->day = day_start_ms;
	return f;
}

static void lines_clear(struct lines *l, int drop)
{
	for (size_t i = 0; i < l->n; i++) {
		struct line *ln = l->v[i];
		for (int s = 0; s < HL_FIGCOUNT_SLOTS; s++) {
			free(ln->slot[s]);
			ln->slot[s] = NULL;
		}
		if (ln->minute) {
			for (int m = 0; m < HL_FIGCOUNT_MINUTES; m++)
				free(ln->minute[m]);
			free(ln->minute);
			ln->minute = NULL;
		}
		memset(&ln->day, 0, sizeof ln->day);
		memset(ln->dirty, 0, sizeof ln->dirty);
		if (drop)
			free(ln);
	}
	if (drop) {
		free(l->v);
		free(l->order);
		memset(l, 0, sizeof *l);
	}
}

void hl_figcount_free(hl_figcount *f)
{
	if (!f)
		return;
	lines_clear(&f->lines[0], 1);
	lines_clear(&f->lines[1], 1);
	free(f->facts);
	free(f);
}

void hl_figcount_reset(hl_figcount *f, int64_t day_start_ms)
{
	/* Names and queue rules stay: tomorrow has the same queues. */
	lines_clear(&f->lines[0], 0);
	lines_clear(&f->lines[1], 0);
	f->n = 0;
	f->day = day_start_ms;
}

int64_t hl_figcount_day(const hl_figcount *f)
{
	return f->day;
}

size_t hl_figcount_contacts(const hl_figcount *f)
{
	return f->n;
}

int hl_figcount_slot_of(const hl_figcount *f, int64_t t)
{
	int64_t s = (t - f->day) / HL_FIGCOUNT_SLOT_MS;

	if (t < f->day)
		return 0;
	return s >= HL_FIGCOUNT_SLOTS ? HL_FIGCOUNT_SLOTS - 1 : (int)s;
}

static int minute_of(const hl_figcount *f, int64_t t)
{
	int64_t m = (t - f->day) / HL_FIGCOUNT_MINUTE_MS;

	if (t < f->day)
		return 0;
	return m >= HL_FIGCOUNT_MINUTES ? HL_FIGCOUNT_MINUTES - 1 : (int)m;
}

/* The position of `name` in the sorted order, and whether it is there. */
static size_t line_pos(const struct lines *l, const char *name, int *found)
{
	size_t lo = 0, hi = l->n;

	*found = 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(l->v[l->order[mid]]->name, name);
		if (c == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static uint32_t line_find(const struct lines *l, const char *name)
{
	int found;
	size_t p = line_pos(l, name, &found);

	return found ? l->order[p] : NONE;
}

/* The line of `name`, added if new; NONE when out of memory. */
static uint32_t line_intern(struct lines *l, const char *name)
{
	int found;
	size_t p = line_pos(l, name, &found);
	struct line *ln;

	if (found)
		return l->order[p];
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct line **v = realloc(l->v, cap * sizeof *v);
		uint32_t *o;
		if (!v)
			return NONE;
		l->v = v;
		if (!(o = realloc(l->order, cap * sizeof *o)))
			return NONE;
		l->order = o;
		l->cap = cap;
	}
	if (!(ln = calloc(1, sizeof *ln)))
		return NONE;
	/* Names are stored with at most 64 bytes, as on the contact's row. */
	strncpy(ln->name, name, sizeof ln->name - 1);
	l->v[l->n] = ln;
	memmove(&l->order[p + 1], &l->order[p], (l->n - p) * sizeof *l->order);
	l->order[p] = (uint32_t)l->n;
	return (uint32_t)l->n++;
}

static struct fact *fact_find(hl_figcount *f, int64_t id, size_t *pos)
{
	size_t lo = 0, hi = f->n;

	/* New contacts come with the highest id so far. */
	if (f->n && f->facts[f->n - 1].id < id) {
		*pos = f->n;
		return NULL;
	}
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (f->facts[mid].id == id) {
			*pos = mid;
			return &f->facts[mid];
		}
		if (f->facts[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	*pos = lo;
	return NULL;
}

static int slot_ready(struct line *ln, int slot)
{
	if (!ln->slot[slot] && !(ln->slot[slot] = calloc(1, sizeof *ln->slot[slot])))
		return HL_E_NOMEM;
	return 0;
}

static int minute_ready(struct line *q, int minute)
{
	if (!q->minute && !(q->minute = calloc(HL_FIGCOUNT_MINUTES, sizeof *q->minute)))
		return HL_E_NOMEM;
	if (!q->minute[minute] && !(q->minute[minute] = calloc(1, sizeof *q->minute[minute])))
		return HL_E_NOMEM;
	return 0;
}

/* Adds (sign > 0) or takes out one contact's counts, judged by its
 * queue's current rule, in its queue's and agent's day and interval and
 * its queue's minute. */
static void apply(hl_figcount *f, const struct fact *x, int sign)
{
	struct line *q = f->lines[HL_FIGCOUNT_QUEUE].v[x->queue];
	struct line *ln[2] = {q, x->agent == NONE ? NULL : f->lines[HL_FIGCOUNT_AGENT].v[x->agent]};
	hl_metrics_counters d = {0};

	hl_metrics_count_contact(&d, &x->k, q->sl, q->sh);
	for (int i = 0; i < 2; i++) {
		if (!ln[i])
			continue;
		/* Slots were made ready before any change (hl_figcount_put). */
		if (sign > 0) {
			hl_metrics_add(&ln[i]->day, &d);
			hl_metrics_add(ln[i]->slot[x->slot], &d);
		} else {
			hl_metrics_sub(&ln[i]->day, &d);
			hl_metrics_sub(ln[i]->slot[x->slot], &d);
		}
		ln[i]->dirty[x->slot] = 1;
	}
	if (sign > 0)
		hl_metrics_add(q->minute[x->minute], &d);
	else
		hl_metrics_sub(q->minute[x->minute], &d);
}

/* A queue's rule changed: every contact of it is judged again. */
static void rejudge(hl_figcount *f, uint32_t qi, int32_t sl, int32_t sh)
{
	struct line *q = f->lines[HL_FIGCOUNT_QUEUE].v[qi];

	for (size_t i = 0; i < f->n; i++)
		if (f->facts[i].queue == qi)
			apply(f, &f->facts[i], -1);
	q->sl = sl;
	q->sh = sh;
	for (size_t i = 0; i < f->n; i++)
		if (f->facts[i].queue == qi)
			apply(f, &f->facts[i], +1);
}

static int same(const struct fact *a, const struct fact *b)
{
	return a->queue == b->queue && a->agent == b->agent &&
	       a->k.outcome == b->k.outcome && a->k.answered_ms == b->k.answered_ms &&
	       a->k.ended_ms == b->k.ended_ms && a->k.wrap_end_ms == b->k.wrap_end_ms &&
	       a->k.wait_ms == b->k.wait_ms && a->k.csat == b->k.csat && a->k.nps == b->k.nps;
}

int hl_figcount_put(hl_figcount *f, const hl_figcount_contact *c, int32_t sl_secs,
		    int32_t short_secs)
{
	struct fact nx = {.id = c->id, .k = c->k, .agent = NONE}, *old;
	struct lines *qs = &f->lines[HL_FIGCOUNT_QUEUE];
	size_t pos;

	if (c->created_ms < f->day)
		return 0;  /* yesterday's contact: in yesterday's figures only */
	nx.slot = hl_figcount_slot_of(f, c->created_ms);
	nx.minute = minute_of(f, c->created_ms);
	if ((nx.queue = line_intern(qs, c->queue)) == NONE)
		return HL_E_NOMEM;
	if (c->agent && c->agent[0] &&
	    (nx.agent = line_intern(&f->lines[HL_FIGCOUNT_AGENT], c->agent)) == NONE)
		return HL_E_NOMEM;
	if (slot_ready(qs->v[nx.queue], nx.slot) < 0 ||
	    minute_ready(qs->v[nx.queue], nx.minute) < 0 ||
	    (nx.agent != NONE &&
	     slot_ready(f->lines[HL_FIGCOUNT_AGENT].v[nx.agent], nx.slot) < 0))
		return HL_E_NOMEM;
	old = fact_find(f, c->id, &pos);
	if (!old) {
		if (f->n == f->cap) {
			size_t cap = f->cap ? f->cap * 2 : 1024;
			struct fact *v = realloc(f->facts, cap * sizeof *v);
			if (!v)
				return HL_E_NOMEM;
			f->facts = v;
			f->cap = cap;
		}
	}
	if (qs->v[nx.queue]->sl != sl_secs || qs->v[nx.queue]->sh != short_secs)
		rejudge(f, nx.queue, sl_secs, short_secs);
	if (old) {
		if (same(old, &nx))
			return 0;  /* a line added, a note: nothing the counts read */
		apply(f, old, -1);
		*old = nx;
	} else {
		memmove(&f->facts[pos + 1], &f->facts[pos], (f->n - pos) * sizeof *f->facts);
		f->facts[pos] = nx;
		f->n++;
		old = &f->facts[pos];
	}
	apply(f, old, +1);
	return 0;
}

const hl_metrics_counters *hl_figcount_queue(hl_figcount *f, const char *queue, int32_t sl_secs,
					     int32_t short_secs)
{
	uint32_t qi = line_find(&f->lines[HL_FIGCOUNT_QUEUE], queue);
	struct line *q;

	if (qi == NONE)
		return &f->zero;
	q = f->lines[HL_FIGCOUNT_QUEUE].v[qi];
	if (q->sl != sl_secs || q->sh != short_secs)
		rejudge(f, qi, sl_secs, short_secs);
	return &q->day;
}

void hl_figcount_recent(hl_figcount *f, const char *queue, int32_t sl_secs, int32_t short_secs,
			int64_t now_ms, int minutes, hl_metrics_counters *out)
{
	uint32_t qi = line_find(&f->lines[HL_FIGCOUNT_QUEUE], queue);
	int last = minute_of(f, now_ms), first;
	struct line *q;

	if (qi == NONE || now_ms < f->day)
		return;
	q = f->lines[HL_FIGCOUNT_QUEUE].v[qi];
	if (q->sl != sl_secs || q->sh != short_secs)
		rejudge(f, qi, sl_secs, short_secs);
	if (!q->minute)
		return;
	first = last - minutes < 0 ? 0 : last - minutes;
	/* `minutes` + 1 counters summed: a request reads no contact. */
	for (int m = first; m <= last; m++)
		if (q->minute[m])
			hl_metrics_add(out, q->minute[m]);
}

const hl_metrics_counters *hl_figcount_agent(const hl_figcount *f, const char *agent)
{
	uint32_t ai = line_find(&f->lines[HL_FIGCOUNT_AGENT], agent);

	return ai == NONE ? &f->zero : &f->lines[HL_FIGCOUNT_AGENT].v[ai]->day;
}

const hl_metrics_counters *hl_figcount_slot(const hl_figcount *f, hl_figcount_kind kind,
					    const char *name, int slot)
{
	uint32_t i;

	if ((unsigned)kind > HL_FIGCOUNT_AGENT || slot < 0 || slot >= HL_FIGCOUNT_SLOTS ||
	    (i = line_find(&f->lines[kind], name)) == NONE || !f->lines[kind].v[i]->slot[slot])
		return &f->zero;
	return f->lines[kind].v[i]->slot[slot];
}

int hl_figcount_each_dirty(hl_figcount *f, int (*fn)(const hl_figcount_row *r, void *arg),
			   void *arg)
{
	for (int kind = 0; kind < 2; kind++) {
		struct lines *l = &f->lines[kind];
		for (size_t i = 0; i < l->n; i++) {
			struct line *ln = l->v[i];
			for (int s = 0; s < HL_FIGCOUNT_SLOTS; s++) {
				hl_figcount_row r;
				int rc;
				if (!ln->dirty[s] || !ln->slot[s])
					continue;
				r.kind = (hl_figcount_kind)kind;
				r.name = ln->name;
				r.slot = s;
				r.start_ms = f->day + (int64_t)s * HL_FIGCOUNT_SLOT_MS;
				r.sl_secs = kind == HL_FIGCOUNT_QUEUE ? ln->sl : 0;
				r.short_secs = kind == HL_FIGCOUNT_QUEUE ? ln->sh : 0;
				r.c = ln->slot[s];
				if ((rc = fn(&r, arg)) != 0)
					return rc;
				ln->dirty[s] = 0;
			}
		}
	}
	return 0;
}

void hl_figcount_touch_all(hl_figcount *f)
{
	for (int kind = 0; kind < 2; kind++)
		for (size_t i = 0; i < f->lines[kind].n; i++)
			for (int s = 0; s < HL_FIGCOUNT_SLOTS; s++)
				if (f->lines[kind].v[i]->slot[s])
					f->lines[kind].v[i]->dirty[s] = 1;
}
