/* The one place each KPI of SPEC §8 is defined: counting rules, formulas and the definition text. */
#include "metrics.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "error.h"

/* The dictionary, indexed by hl_metric. The definition strings are what
 * the screens show beside a figure: change one only with its formula. */
static const hl_metrics_info infos[HL_METRIC_COUNT] = {
	[HL_METRIC_SL] = {
		.id = HL_METRIC_SL, .key = "sl", .name = "Service level", .unit = "%",
		.definition = "contacts answered within T s ÷ contacts offered, "
			      "short abandons (under S s) left out of offered",
		.source = "routing engine: queue counters",
	},
	[HL_METRIC_ASA] = {
		.id = HL_METRIC_ASA, .key = "asa", .name = "Average speed of answer", .unit = "s",
		.definition = "total queue wait of answered contacts ÷ answered contacts "
			      "(wait runs from joining the queue to the agent's accept)",
		.source = "routing engine: queue counters",
	},
	[HL_METRIC_AHT] = {
		.id = HL_METRIC_AHT, .key = "aht", .name = "Average handle time", .unit = "s",
		.definition = "(conversation time + wrap-up time) ÷ handled contacts",
		.source = "routing engine: queue and agent counters",
	},
	[HL_METRIC_ABANDON_RATE] = {
		.id = HL_METRIC_ABANDON_RATE, .key = "abandon", .name = "Abandon rate", .unit = "%",
		.definition = "abandoned ÷ offered, short abandons (under S s) left out of both",
		.source = "routing engine: queue counters",
	},
	[HL_METRIC_OCCUPANCY] = {
		.id = HL_METRIC_OCCUPANCY, .key = "occupancy", .name = "Occupancy", .unit = "%",
		.definition = "handling time (conversation + wrap-up) ÷ "
			      "(handling time + available time)",
		.source = "routing engine: agent state time",
	},
	[HL_METRIC_UTILIZATION] = {
		.id = HL_METRIC_UTILIZATION, .key = "utilization", .name = "Utilization", .unit = "%",
		.definition = "handling time (conversation + wrap-up) ÷ logged-in time "
			      "(meetings and training in or out, as configured)",
		.source = "routing engine: agent state time",
	},
	[HL_METRIC_FCR] = {
		.id = HL_METRIC_FCR, .key = "fcr", .name = "First-contact resolution", .unit = "%",
		.definition = "resolved contacts with no new contact from the same customer "
			      "within W hours ÷ resolved contacts",
		.source = "broker: conversation outcomes",
	},
	[HL_METRIC_CSAT] = {
		.id = HL_METRIC_CSAT, .key = "csat", .name = "Customer satisfaction", .unit = "%",
		.definition = "ratings of 4–5 ÷ all ratings (1–5 scale)",
		.source = "broker: survey answers",
	},
	[HL_METRIC_NPS] = {
		.id = HL_METRIC_NPS, .key = "nps", .name = "Net promoter score", .unit = "points",
		.definition = "% of answers 9–10 − % of answers 0–6 (0–10 scale)",
		.source = "broker: survey answers",
	},
};

static const struct {
	const char *name;
	const char *definition;
} sl_variants[HL_METRICS_SL_VARIANT_COUNT] = {
	[HL_METRICS_SL_OFFERED] = {"offered",
		"answered within T s ÷ (offered − short abandons)"},
	[HL_METRICS_SL_ANSWERED] = {"answered",
		"answered within T s ÷ answered"},
	[HL_METRICS_SL_OUTCOME] = {"outcome",
		"answered within T s ÷ (answered + abandoned − short abandons)"},
	[HL_METRICS_SL_ABANDON_OK] = {"abandon_ok",
		"(answered + abandoned within T s) ÷ (answered + abandoned − short abandons)"},
};

const hl_metrics_info *hl_metrics_info_get(hl_metric id)
{
	if ((int)id < 0 || id >= HL_METRIC_COUNT)
		return NULL;
	return &infos[id];
}

const char *hl_metrics_definition(hl_metric id)
{
	const hl_metrics_info *i = hl_metrics_info_get(id);
	return i ? i->definition : "";
}

int hl_metrics_parse(const char *key)
{
	for (int i = 0; key && i < HL_METRIC_COUNT; i++)
		if (strcmp(infos[i].key, key) == 0)
			return i;
	return -1;
}

const char *hl_metrics_sl_variant_name(hl_metrics_sl_variant v)
{
	if ((int)v < 0 || v >= HL_METRICS_SL_VARIANT_COUNT)
		return "";
	return sl_variants[v].name;
}

const char *hl_metrics_sl_variant_definition(hl_metrics_sl_variant v)
{
	if ((int)v < 0 || v >= HL_METRICS_SL_VARIANT_COUNT)
		return "";
	return sl_variants[v].definition;
}

int hl_metrics_sl_variant_parse(const char *name)
{
	for (int i = 0; name && i < HL_METRICS_SL_VARIANT_COUNT; i++)
		if (strcmp(sl_variants[i].name, name) == 0)
			return i;
	return -1;
}

void hl_metrics_params_default(hl_metrics_params *p)
{
	p->sl_variant = HL_METRICS_SL_OFFERED;
	p->util_variant = HL_METRICS_UTIL_ALL;
}

bool hl_metrics_within_sl(int64_t wait_ms, int32_t sl_secs)
{
	return wait_ms <= (int64_t)sl_secs * 1000;
}

bool hl_metrics_is_short_abandon(int64_t wait_ms, int32_t short_secs)
{
	return wait_ms < (int64_t)short_secs * 1000;
}

void hl_metrics_count_offered(hl_metrics_counters *c)
{
	c->offered++;
}

void hl_metrics_count_rejected(hl_metrics_counters *c)
{
	c->rejected++;
}

void hl_metrics_count_answered(hl_metrics_counters *c, int64_t wait_ms, int32_t sl_secs)
{
	c->answered++;
	c->wait_answered_ms += wait_ms;
	if (hl_metrics_within_sl(wait_ms, sl_secs))
		c->answered_within_sl++;
}

void hl_metrics_count_abandoned(hl_metrics_counters *c, int64_t wait_ms, int32_t sl_secs,
				int32_t short_secs)
{
	c->abandoned++;
	if (hl_metrics_is_short_abandon(wait_ms, short_secs))
		c->short_abandoned++;
	else if (hl_metrics_within_sl(wait_ms, sl_secs))
		c->abandoned_within_sl++;
}

void hl_metrics_count_timed_out(hl_metrics_counters *c)
{
	c->timed_out++;
}

void hl_metrics_count_handled(hl_metrics_counters *c, int64_t talk_ms, int64_t wrap_ms)
{
	c->handled++;
	c->talk_ms += talk_ms;
	c->wrap_ms += wrap_ms;
}

void hl_metrics_count_resolved(hl_metrics_counters *c, bool first_contact)
{
	c->resolved++;
	if (first_contact)
		c->resolved_first++;
}

int hl_metrics_count_csat(hl_metrics_counters *c, int score)
{
	if (score < 1 || score > 5)
		return HL_E_INVALID;
	c->csat_ratings++;
	if (score >= 4)
		c->csat_satisfied++;
	return 0;
}

int hl_metrics_count_nps(hl_metrics_counters *c, int score)
{
	if (score < 0 || score > 10)
		return HL_E_INVALID;
	c->nps_answers++;
	if (score >= 9)
		c->nps_promoters++;
	else if (score <= 6)
		c->nps_detractors++;
	return 0;
}

bool hl_metrics_fcr_repeat(int64_t resolved_ms, int64_t next_ms, int window_h)
{
	/* A contact before the resolution is not a repeat of it. */
	return next_ms >= resolved_ms && next_ms - resolved_ms <= (int64_t)window_h * 3600000;
}

void hl_metrics_add(hl_metrics_counters *dst, const hl_metrics_counters *src)
{
	dst->offered += src->offered;
	dst->answered += src->answered;
	dst->answered_within_sl += src->answered_within_sl;
	dst->abandoned += src->abandoned;
	dst->short_abandoned += src->short_abandoned;
	dst->abandoned_within_sl += src->abandoned_within_sl;
	dst->timed_out += src->timed_out;
	dst->rejected += src->rejected;
	dst->wait_answered_ms += src->wait_answered_ms;
	dst->handled += src->handled;
	dst->talk_ms += src->talk_ms;
	dst->wrap_ms += src->wrap_ms;
	dst->busy_ms += src->busy_ms;
	dst->idle_ms += src->idle_ms;
	dst->logged_in_ms += src->logged_in_ms;
	dst->meeting_ms += src->meeting_ms;
	dst->resolved += src->resolved;
	dst->resolved_first += src->resolved_first;
	dst->csat_ratings += src->csat_ratings;
	dst->csat_satisfied += src->csat_satisfied;
	dst->nps_answers += src->nps_answers;
	dst->nps_promoters += src->nps_promoters;
	dst->nps_detractors += src->nps_detractors;
}

void hl_metrics_sub(hl_metrics_counters *dst, const hl_metrics_counters *src)
{
	dst->offered -= src->offered;
	dst->answered -= src->answered;
	dst->answered_within_sl -= src->answered_within_sl;
	dst->abandoned -= src->abandoned;
	dst->short_abandoned -= src->short_abandoned;
	dst->abandoned_within_sl -= src->abandoned_within_sl;
	dst->timed_out -= src->timed_out;
	dst->rejected -= src->rejected;
	dst->wait_answered_ms -= src->wait_answered_ms;
	dst->handled -= src->handled;
	dst->talk_ms -= src->talk_ms;
	dst->wrap_ms -= src->wrap_ms;
	dst->busy_ms -= src->busy_ms;
	dst->idle_ms -= src->idle_ms;
	dst->logged_in_ms -= src->logged_in_ms;
	dst->meeting_ms -= src->meeting_ms;
	dst->resolved -= src->resolved;
	dst->resolved_first -= src->resolved_first;
	dst->csat_ratings -= src->csat_ratings;
	dst->csat_satisfied -= src->csat_satisfied;
	dst->nps_answers -= src->nps_answers;
	dst->nps_promoters -= src->nps_promoters;
	dst->nps_detractors -= src->nps_detractors;
}

void hl_metrics_count_contact(hl_metrics_counters *c, const hl_metrics_contact *k,
			      int32_t sl_secs, int32_t short_secs)
{
	if (k->outcome == HL_METRICS_OUT_REJECTED) {
		hl_metrics_count_rejected(c);
		return;
	}
	hl_metrics_count_offered(c);
	/* An answer time makes it answered whatever its state: a conversation
	 * is answered from the accept on, and handled once it has ended. The
	 * wrap-up counts once it is over (0 while it runs). */
	if (k->answered_ms) {
		hl_metrics_count_answered(c, k->wait_ms, sl_secs);
		if (k->ended_ms) {
			int64_t wrap = k->wrap_end_ms > k->ended_ms ? k->wrap_end_ms - k->ended_ms : 0;
			hl_metrics_count_handled(c, k->ended_ms - k->answered_ms, wrap);
		}
	} else if (k->outcome == HL_METRICS_OUT_ABANDONED) {
		hl_metrics_count_abandoned(c, k->wait_ms, sl_secs, short_secs);
	} else if (k->outcome == HL_METRICS_OUT_LEFT) {
		hl_metrics_count_timed_out(c);
	}
	/* Out-of-range scores are refused by the counting functions. */
	if (k->csat)
		hl_metrics_count_csat(c, k->csat);
	if (k->nps >= 0)
		hl_metrics_count_nps(c, k->nps);
}

/* num ÷ den, NaN when den is not positive: the one "undefined" rule. */
static double ratio(double num, double den)
{
	return den > 0 ? num / den : NAN;
}

double hl_metrics_sl(const hl_metrics_counters *c, hl_metrics_sl_variant v)
{
	/* Outcomes leave out short abandons; guards keep a bad counter set
	 * (more short than offered) from going negative. */
	double outcome = (double)c->answered + (double)c->abandoned - (double)c->short_abandoned;
	double offered = (double)c->offered - (double)c->short_abandoned;
	switch (v) {
	case HL_METRICS_SL_OFFERED:
		return 100.0 * ratio((double)c->answered_within_sl, offered);
	case HL_METRICS_SL_ANSWERED:
		return 100.0 * ratio((double)c->answered_within_sl, (double)c->answered);
	case HL_METRICS_SL_OUTCOME:
		return 100.0 * ratio((double)c->answered_within_sl, outcome);
	case HL_METRICS_SL_ABANDON_OK:
		return 100.0 * ratio((double)(c->answered_within_sl + c->abandoned_within_sl), outcome);
	default:
		return NAN;
	}
}

double hl_metrics_asa_s(const hl_metrics_counters *c)
{
	return ratio((double)c->wait_answered_ms / 1000.0, (double)c->answered);
}

double hl_metrics_aht_s(const hl_metrics_counters *c)
{
	return ratio((double)(c->talk_ms + c->wrap_ms) / 1000.0, (double)c->handled);
}

double hl_metrics_abandon_rate(const hl_metrics_counters *c)
{
	return 100.0 * ratio((double)c->abandoned - (double)c->short_abandoned,
			     (double)c->offered - (double)c->short_abandoned);
}

double hl_metrics_occupancy(const hl_metrics_counters *c)
{
	return 100.0 * ratio((double)c->busy_ms, (double)(c->busy_ms + c->idle_ms));
}

double hl_metrics_utilization(const hl_metrics_counters *c, hl_metrics_util_variant v)
{
	double den = (double)c->logged_in_ms;
	if (v == HL_METRICS_UTIL_NO_MEETINGS)
		den -= (double)c->meeting_ms;
	else if (v != HL_METRICS_UTIL_ALL)
		return NAN;
	return 100.0 * ratio((double)c->busy_ms, den);
}

double hl_metrics_fcr(const hl_metrics_counters *c)
{
	return 100.0 * ratio((double)c->resolved_first, (double)c->resolved);
}

double hl_metrics_csat(const hl_metrics_counters *c)
{
	return 100.0 * ratio((double)c->csat_satisfied, (double)c->csat_ratings);
}

double hl_metrics_nps(const hl_metrics_counters *c)
{
	return 100.0 * ratio((double)c->nps_promoters - (double)c->nps_detractors,
			     (double)c->nps_answers);
}

/* Adapters so one table computes any figure with the configured params. */
static double v_sl(const hl_metrics_counters *c, const hl_metrics_params *p) { return hl_metrics_sl(c, p->sl_variant); }
static double v_asa(const hl_metrics_counters *c, const hl_metrics_params *p) { (void)p; return hl_metrics_asa_s(c); }
static double v_aht(const hl_metrics_counters *c, const hl_metrics_params *p) { (void)p; return hl_metrics_aht_s(c); }
static double v_abandon(const hl_metrics_counters *c, const hl_metrics_params *p) { (void)p; return hl_metrics_abandon_rate(c); }
static double v_occupancy(const hl_metrics_counters *c, const hl_metrics_params *p) { (void)p; return hl_metrics_occupancy(c); }
static double v_util(const hl_metrics_counters *c, const hl_metrics_params *p) { return hl_metrics_utilization(c, p->util_variant); }
static double v_fcr(const hl_metrics_counters *c, const hl_metrics_params *p) { (void)p; return hl_metrics_fcr(c); }
static double v_csat(const hl_metrics_counters *c, const hl_metrics_params *p) { (void)p; return hl_metrics_csat(c); }
static double v_nps(const hl_metrics_counters *c, const hl_metrics_params *p) { (void)p; return hl_metrics_nps(c); }

static double (*const values[HL_METRIC_COUNT])(const hl_metrics_counters *, const hl_metrics_params *) = {
	[HL_METRIC_SL] = v_sl,
	[HL_METRIC_ASA] = v_asa,
	[HL_METRIC_AHT] = v_aht,
	[HL_METRIC_ABANDON_RATE] = v_abandon,
	[HL_METRIC_OCCUPANCY] = v_occupancy,
	[HL_METRIC_UTILIZATION] = v_util,
	[HL_METRIC_FCR] = v_fcr,
	[HL_METRIC_CSAT] = v_csat,
	[HL_METRIC_NPS] = v_nps,
};

double hl_metrics_value(hl_metric id, const hl_metrics_counters *c, const hl_metrics_params *p)
{
	hl_metrics_params def;
	if ((int)id < 0 || id >= HL_METRIC_COUNT)
		return NAN;
	if (!p) {
		hl_metrics_params_default(&def);
		p = &def;
	}
	return values[id](c, p);
}
