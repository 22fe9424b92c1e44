/* The metric dictionary (指标词库): one entry per figure the product shows
 * or is to show — its names in English and Chinese, its definition (取数口径)
 * in words and as a formula, its source, the function that computes it —
 * and each figure's normal band over the stored 15-minute intervals. Pure:
 * no I/O, no clock. */
#ifndef HL_METRICDICT_H
#define HL_METRICDICT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "metrics.h"

/* The normal band: the 10th to the 90th percentile of the values the same
 * 15-minute interval of the day took on each of the previous 28 days; fewer
 * than 7 days with a value is too little history (one of each weekday at
 * least). docs/metrics.md §8. */
#define HL_METRICDICT_BAND_DAYS 28
#define HL_METRICDICT_BAND_MIN_SAMPLES 7
#define HL_METRICDICT_BAND_LOW_PCT 10
#define HL_METRICDICT_BAND_HIGH_PCT 90

/* Where a figure applies (bits of hl_metricdict_entry.scope). */
enum {
	HL_METRICDICT_QUEUE = 1,  /* per queue */
	HL_METRICDICT_FLOOR = 2,  /* the whole floor */
	HL_METRICDICT_AGENT = 4,  /* per agent */
};

/* One entry; static, never freed. */
typedef struct hl_metricdict_entry {
	const char *name;           /* the stable key: "sl", "offered" ([a-z0-9_]) */
	const char *name_en;        /* English display name */
	const char *name_zh;        /* Chinese display name */
	int metric;                 /* the hl_metric it is, or -1 (a count or a live figure) */
	const char *definition;     /* English definition; for a metric, NULL here: see
				     * hl_metricdict_definition */
	const char *definition_zh;  /* Chinese definition */
	const char *formula;        /* in the counts' names (docs/metrics.md §2) */
	const char *source;         /* where the counts come from */
	const char *unit;           /* "%", "s", "points", "contacts", "agents", "" */
	const char *computed_by;    /* the function that computes it */
	const char *shown;          /* where the product shows it today, or "not shown yet" */
	const char *floor_key;      /* its field in `hotline-ctl --json floor`, or NULL */
	const char *agent_keys;     /* its fields in `floor agents` (space-separated), or NULL */
	unsigned scope;             /* HL_METRICDICT_QUEUE | _FLOOR | _AGENT */
	/* The figure of one interval's counts, for its band; NULL when the
	 * stored intervals do not keep what it needs (no band). */
	double (*value)(const hl_metrics_counters *c, const hl_metrics_params *p);
} hl_metricdict_entry;

/* The entries, in the order a dictionary screen lists them; *n gets how
 * many. */
const hl_metricdict_entry *hl_metricdict_all(size_t *n);

/* The entry named `name`: its key, or the field `floor --json` prints it
 * under ("sl_pct"). NULL when none. */
const hl_metricdict_entry *hl_metricdict_find(const char *name);

/* The entry shown under field `key` of an agent in `hotline-ctl --json
 * floor agents` ("in_state_ms" is state_time), or NULL. */
const hl_metricdict_entry *hl_metricdict_find_agent_key(const char *key);

/* True when `name` is a well-formed metric name: 1 to 32 bytes of a-z, 0-9
 * and _. A request with anything else is refused before any lookup. */
bool hl_metricdict_name_ok(const char *name);

/* The English definition: for a figure of common/metrics.c the text that
 * file holds (hl_metrics_definition), else the entry's own. Never NULL. */
const char *hl_metricdict_definition(const hl_metricdict_entry *e);

/* The variant in force for `e` under parameters `p` (NULL: the defaults):
 * its name ("offered") and definition, or "" for both when the figure has
 * no variants. */
const char *hl_metricdict_variant(const hl_metricdict_entry *e, const hl_metrics_params *p);
const char *hl_metricdict_variant_definition(const hl_metricdict_entry *e,
					     const hl_metrics_params *p);

/* A figure's normal band. */
typedef struct hl_metricdict_band {
	bool kept;            /* the figure is kept per interval; false: no band */
	unsigned samples;     /* days with a value (undefined days are left out) */
	bool enough_history;  /* samples >= HL_METRICDICT_BAND_MIN_SAMPLES */
	double low, high;     /* the 10th and 90th percentile; NaN with no samples */
} hl_metricdict_band;

/* The band of `n` values (at most 366), one per day, NaN where the figure
 * was undefined that day (left out). Percentiles by linear interpolation
 * between the closest ranks of the sorted values: with values x0 <= … <=
 * x(m-1), the p-th percentile is x(i) + f × (x(i+1) − x(i)) where
 * i + f = (m − 1) × p / 100. `kept` is set true. */
void hl_metricdict_band_of(const double *values, size_t n, hl_metricdict_band *out);

/* The band of entry `e` from the counts of the same interval on `n` days
 * (at most 366): `days[i]` the interval's counts on day i, `had[i]` false
 * when nothing was stored that day (no sample). A day with stored figures
 * but no row for the interval has zero counts: 0 contacts, and an
 * undefined ratio. A figure with no `value` gets kept = false. */
void hl_metricdict_band_days(const hl_metricdict_entry *e, const hl_metrics_counters *days,
			     const bool *had, size_t n, const hl_metrics_params *p,
			     hl_metricdict_band *out);

/* Parses "HH:MM" (00:00 to 23:59) into minutes after midnight, rounded
 * down to the start of its 15-minute interval. Returns the minutes, or
 * -1 for anything else. */
int hl_metricdict_parse_at(const char *s);

/* The labels a dictionary screen shows (untranslated msgids, for the
 * reader's catalogue). */
typedef enum hl_metricdict_lbl {
	HL_MDL_NAME, HL_MDL_NAME_ZH, HL_MDL_UNIT, HL_MDL_BAND, HL_MDL_DEFINITION,
	HL_MDL_FORMULA, HL_MDL_SOURCE, HL_MDL_VARIANT, HL_MDL_COMPUTED_BY, HL_MDL_SHOWN,
	HL_MDL_FLOOR_KEY, HL_MDL_SCOPE, HL_MDL_NO_BAND, HL_MDL_NO_HISTORY, HL_MDL_TOO_LITTLE,
	HL_MDL_BAND_OF, HL_MDL_LANG, HL_MDL_PER_QUEUE, HL_MDL_WHOLE_FLOOR, HL_MDL_PER_AGENT,
	HL_MDL_BANDS_AT, HL_MDL_QUEUE_NAMED, HL_MDL_AGENT_KEYS,
	HL_MDL_COUNT
} hl_metricdict_lbl;

/* The label's msgid (English); "" for an unknown one. HL_MDL_LANG is the
 * language code of the catalogue that translates it ("en" untranslated,
 * "zh" in zh_CN): a reader whose catalogue says "zh" reads the entries'
 * Chinese fields. */
const char *hl_metricdict_label(hl_metricdict_lbl l);

#endif
