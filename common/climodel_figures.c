/* Sums of the agent's own handled conversations: one definition of each
 * figure, the one SPEC §8 gives (AHT = (talk + wrap-up) / handled; CSAT =
 * ratings of 4-5 / all ratings). */
#include "climodel_figures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

void hl_cm_figures_init(hl_cm_figures *f)
{
	memset(f, 0, sizeof *f);
}

void hl_cm_figures_free(hl_cm_figures *f)
{
	free(f->v);
	memset(f, 0, sizeof *f);
}

void hl_cm_figures_clear(hl_cm_figures *f)
{
	f->n = 0;
}

static hl_cm_handled *find(hl_cm_figures *f, const char *id)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].id, id) == 0)
			return &f->v[i];
	return NULL;
}

int hl_cm_figures_ended(hl_cm_figures *f, const char *id, int64_t talk_ms)
{
	hl_cm_handled *h;

	if (find(f, id))
		return 0;
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 16;
		hl_cm_handled *v = realloc(f->v, cap * sizeof *v);
		if (!v)
			return HL_E_NOMEM;
		f->v = v;
		f->cap = cap;
	}
	h = &f->v[f->n++];
	memset(h, 0, sizeof *h);
	snprintf(h->id, sizeof h->id, "%s", id);
	h->talk_ms = talk_ms > 0 ? talk_ms : 0;
	h->wrap_ms = -1;
	h->nps = -1;
	return 0;
}

int hl_cm_figures_wrapped(hl_cm_figures *f, const char *id, int64_t wrap_ms)
{
	hl_cm_handled *h = find(f, id);

	if (!h)
		return HL_E_NOTFOUND;
	if (h->wrap_ms < 0)
		h->wrap_ms = wrap_ms > 0 ? wrap_ms : 0;
	return 0;
}

int hl_cm_figures_rating(hl_cm_figures *f, const char *id, int csat, int nps)
{
	hl_cm_handled *h = find(f, id);

	if (!h)
		return HL_E_NOTFOUND;
	h->csat = csat >= 1 && csat <= 5 ? csat : 0;
	h->nps = nps >= 0 && nps <= 10 ? nps : -1;
	return 0;
}

void hl_cm_figures_sum(const hl_cm_figures *f, hl_cm_figures_total *t)
{
	double talk = 0, wrap = 0;

	memset(t, 0, sizeof *t);
	for (size_t i = 0; i < f->n; i++) {
		const hl_cm_handled *h = &f->v[i];
		t->handled++;
		talk += (double)h->talk_ms;
		if (h->wrap_ms >= 0) {
			t->wrapped++;
			wrap += (double)h->wrap_ms;
		}
		if (h->csat) {
			t->rated++;
			t->satisfied += h->csat >= 4;
		}
	}
	t->aht_s = t->handled ? (talk + wrap) / 1000.0 / t->handled : -1;
	t->talk_s = t->handled ? talk / 1000.0 / t->handled : -1;
	t->wrap_s = t->wrapped ? wrap / 1000.0 / t->wrapped : -1;
	t->csat_pct = t->rated ? 100.0 * t->satisfied / t->rated : -1;
}
