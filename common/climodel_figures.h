/* The agent's own figures for the day: contacts handled, AHT and CSAT
 * by the definitions of SPEC §8, from the broker's list of today's
 * conversations and those this desk saw end since. Pure: times come from the caller. */
#ifndef HL_CM_FIGURES_H
#define HL_CM_FIGURES_H

#include <stddef.h>
#include <stdint.h>

typedef struct hl_cm_handled {
	char id[24];
	int64_t talk_ms;     /* answered to ended */
	int64_t wrap_ms;     /* ended to wrap-up done; -1 while open */
	int csat;            /* 1-5; 0 not rated (yet) */
	int nps;             /* 0-10; -1 not given */
} hl_cm_handled;

typedef struct hl_cm_figures {
	hl_cm_handled *v;
	size_t n, cap;
} hl_cm_figures;

/* What hl_cm_figures_sum reports; -1 stands for "undefined". */
typedef struct hl_cm_figures_total {
	unsigned handled;       /* conversations that ended */
	unsigned wrapped;       /* of which wrap-up is done */
	double aht_s;           /* (talk + finished wrap-up) / handled */
	double talk_s, wrap_s;  /* averages over handled / wrapped */
	unsigned rated;         /* ratings received */
	unsigned satisfied;     /* ratings of 4 or 5 */
	double csat_pct;        /* satisfied / rated * 100 */
} hl_cm_figures_total;

void hl_cm_figures_init(hl_cm_figures *f);
void hl_cm_figures_free(hl_cm_figures *f);

/* Forgets every conversation, keeps the memory (a new day, or the
 * broker's own account of today replacing this desk's). */
void hl_cm_figures_clear(hl_cm_figures *f);

/* Records that conversation id ended after talk_ms (negative counts 0);
 * a second call for the same id is ignored. Returns 0 or HL_E_NOMEM. */
int hl_cm_figures_ended(hl_cm_figures *f, const char *id, int64_t talk_ms);

/* Records the wrap-up time of id (once). Returns 0 or HL_E_NOTFOUND. */
int hl_cm_figures_wrapped(hl_cm_figures *f, const char *id, int64_t wrap_ms);

/* Records the customer's rating of id (csat 1-5, 0 none). Returns 0 or
 * HL_E_NOTFOUND. */
int hl_cm_figures_rating(hl_cm_figures *f, const char *id, int csat, int nps);

/* Sums up the session. */
void hl_cm_figures_sum(const hl_cm_figures *f, hl_cm_figures_total *t);

#endif
