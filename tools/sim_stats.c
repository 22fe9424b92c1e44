/* hotline-sim's checks: the line tag, per-direction sequence tracking and
 * latency percentiles, kept apart from any I/O so they can be unit-tested. */
#include "sim_stats.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

enum {
	F_SENT = 1,
	F_ACKED = 2,
	F_DELIVERED = 4,
};

/* A sender never runs more than this far ahead of what it has sent. */
#define SEQ_MAX_JUMP 1000000u

void hl_sim_seq_init(hl_sim_seq *s)
{
	memset(s, 0, sizeof *s);
}

void hl_sim_seq_free(hl_sim_seq *s)
{
	free(s->flags);
	hl_sim_seq_init(s);
}

/* Makes flags[seq] addressable. */
static int grow(hl_sim_seq *s, uint32_t seq)
{
	uint32_t cap = s->cap ? s->cap : 16;
	uint8_t *f;

	if (seq < s->cap)
		return 0;
	while (cap <= seq)
		cap *= 2;
	if (!(f = realloc(s->flags, cap)))
		return HL_E_NOMEM;
	memset(f + s->cap, 0, cap - s->cap);
	s->flags = f;
	s->cap = cap;
	return 0;
}

int hl_sim_seq_sent(hl_sim_seq *s, uint32_t seq)
{
	int rc;

	if (seq == 0 || seq > s->sent + SEQ_MAX_JUMP)
		return HL_E_INVALID;
	if ((rc = grow(s, seq)) < 0)
		return rc;
	s->flags[seq] |= F_SENT;
	if (seq > s->sent)
		s->sent = seq;
	return 0;
}

int hl_sim_seq_acked(hl_sim_seq *s, uint32_t seq)
{
	if (seq == 0 || seq >= s->cap || !(s->flags[seq] & F_SENT))
		return HL_E_INVALID;
	s->flags[seq] |= F_ACKED;
	return 0;
}

int hl_sim_seq_delivered(hl_sim_seq *s, uint32_t seq)
{
	if (seq == 0 || seq >= s->cap || !(s->flags[seq] & F_SENT)) {
		s->unexpected++;
		return HL_SIM_UNEXPECTED;
	}
	if (s->flags[seq] & F_DELIVERED) {
		s->duplicated++;
		return HL_SIM_DUP;
	}
	s->flags[seq] |= F_DELIVERED;
	s->delivered++;
	if (seq < s->max_delivered) {
		s->out_of_order++;
		return HL_SIM_LATE;
	}
	s->max_delivered = seq;
	return HL_SIM_NEW;
}

uint32_t hl_sim_seq_outstanding(const hl_sim_seq *s)
{
	uint32_t n = 0;

	for (uint32_t i = 1; i <= s->sent && i < s->cap; i++)
		if ((s->flags[i] & (F_SENT | F_DELIVERED)) == F_SENT)
			n++;
	return n;
}

void hl_sim_seq_tally(const hl_sim_seq *s, hl_sim_tally *t)
{
	for (uint32_t i = 1; i <= s->sent && i < s->cap; i++) {
		uint8_t f = s->flags[i];
		if (!(f & F_SENT))
			continue;
		t->sent++;
		if (f & F_ACKED)
			t->acked++;
		if (f & F_DELIVERED)
			continue;
		if (f & F_ACKED)
			t->lost++;
		else
			t->unconfirmed++;
	}
	t->delivered += s->delivered;
	t->duplicated += s->duplicated;
	t->out_of_order += s->out_of_order;
	t->unexpected += s->unexpected;
}

int hl_sim_lat_add(hl_sim_lat *l, double ms)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;
		double *v = realloc(l->v, cap * sizeof *v);
		if (!v)
			return HL_E_NOMEM;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = ms;
	l->sorted = 0;
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double hl_sim_lat_quantile(hl_sim_lat *l, double q)
{
	long i;

	if (l->n == 0)
		return -1;
	if (!l->sorted) {
		qsort(l->v, l->n, sizeof *l->v, cmp_double);
		l->sorted = 1;
	}
	/* Nearest rank: the smallest sample with at least q of them at or
	 * below it. */
	i = (long)ceil(q * (double)l->n) - 1;
	if (i < 0)
		i = 0;
	if ((size_t)i >= l->n)
		i = (long)l->n - 1;
	return l->v[i];
}

void hl_sim_lat_free(hl_sim_lat *l)
{
	free(l->v);
	memset(l, 0, sizeof *l);
}

size_t hl_sim_tag_format(char *buf, size_t cap, const hl_sim_tag *t, const char *filler)
{
	char tag[96];
	size_t nt, nf = filler ? strlen(filler) : 0;
	int n;

	if (cap == 0)
		return 0;
	n = snprintf(tag, sizeof tag, "[sim c%" PRIu32 " %s #%" PRIu32 " t=%" PRIu64 "]", t->conv,
		     t->dir == HL_SIM_C2A ? "c>a" : "a>c", t->seq, t->t_us);
	nt = n > 0 ? (size_t)n : 0;
	if (nf && nf + 1 + nt >= cap) {
		/* Keep the tag whole: shorten the words, never inside a UTF-8
		 * sequence. */
		nf = cap > nt + 1 ? cap - nt - 2 : 0;
		while (nf > 0 && ((unsigned char)filler[nf] & 0xC0) == 0x80)
			nf--;
	}
	n = snprintf(buf, cap, "%.*s%s%s", (int)nf, nf ? filler : "", nf ? " " : "", tag);
	if (n < 0) {
		buf[0] = 0;
		return 0;
	}
	return (size_t)n < cap ? (size_t)n : cap - 1;
}

/* Reads a decimal number of at most `max` into *v; advances *p. */
static int number(const char **p, uint64_t max, uint64_t *v)
{
	const char *s = *p;
	uint64_t x = 0;

	if (*s < '0' || *s > '9')
		return HL_E_MALFORMED;
	for (; *s >= '0' && *s <= '9'; s++) {
		unsigned d = (unsigned)(*s - '0');
		if (x > (max - d) / 10)
			return HL_E_MALFORMED;
		x = x * 10 + d;
	}
	*p = s;
	*v = x;
	return 0;
}

int hl_sim_tag_parse(const char *text, hl_sim_tag *t)
{
	const char *p = NULL, *q;
	uint64_t conv, seq, ts;

	/* The last "[sim c" that stands alone or after a space. */
	for (q = strstr(text, "[sim c"); q; q = strstr(q + 1, "[sim c"))
		if (q == text || q[-1] == ' ')
			p = q;
	if (!p)
		goto bad;
	p += 6;
	if (number(&p, UINT32_MAX, &conv) < 0 || *p++ != ' ')
		goto bad;
	if (strncmp(p, "c>a", 3) == 0)
		t->dir = HL_SIM_C2A;
	else if (strncmp(p, "a>c", 3) == 0)
		t->dir = HL_SIM_A2C;
	else
		goto bad;
	p += 3;
	if (strncmp(p, " #", 2) != 0)
		goto bad;
	p += 2;
	if (number(&p, UINT32_MAX, &seq) < 0 || seq == 0 || strncmp(p, " t=", 3) != 0)
		goto bad;
	p += 3;
	if (number(&p, UINT64_MAX, &ts) < 0 || strcmp(p, "]") != 0)
		goto bad;
	t->conv = (uint32_t)conv;
	t->seq = (uint32_t)seq;
	t->t_us = ts;
	return 0;
bad:
	return HL_E_MALFORMED;
}
