/* Metric definitions (SPEC §8, 取数口径): the counters every figure is
 * computed from, one pure function per figure, and each figure's one-line
 * definition for the metric dictionary. No I/O, no clock. */
#ifndef HL_METRICS_H
#define HL_METRICS_H

#include <stdbool.h>
#include <stdint.h>

/* The raw counts behind every figure. The routing engine fills the contact
 * and handling fields per queue and per agent; the broker adds outcomes
 * (resolution, ratings). Fill them only through hl_metrics_count_*, so the
 * rules ("within T" is <= T, "short" is < S) live in one place. A zeroed
 * struct is empty. Times are milliseconds. */
typedef struct hl_metrics_counters {
	/* contacts in a queue */
	uint64_t offered;             /* entered the queue (rejected ones are not offered) */
	uint64_t answered;            /* accepted by an agent (first answer only) */
	uint64_t answered_within_sl;  /* answered with wait <= T */
	uint64_t abandoned;           /* left while waiting, short abandons included */
	uint64_t short_abandoned;     /* abandoned with wait < S */
	uint64_t abandoned_within_sl; /* abandoned, not short, wait <= T */
	uint64_t timed_out;           /* removed at the queue's maximum wait */
	uint64_t rejected;            /* refused on arrival (closed, full); not offered */
	int64_t wait_answered_ms;     /* sum of queue waits of answered contacts */
	/* handling */
	uint64_t handled;             /* conversations finished, wrap-up done */
	int64_t talk_ms;              /* conversation time of handled contacts */
	int64_t wrap_ms;              /* wrap-up time of handled contacts */
	/* agent time, wall clock (an agent with two chats is busy once) */
	int64_t busy_ms;              /* logged in with a conversation or wrap-up open */
	int64_t idle_ms;              /* Available with nothing open */
	int64_t logged_in_ms;         /* any state but Offline */
	int64_t meeting_ms;           /* Not Ready for meeting, training or coaching */
	/* outcomes, filled by the broker */
	uint64_t resolved;            /* contacts marked resolved */
	uint64_t resolved_first;      /* ... with no new contact within W hours */
	uint64_t csat_ratings;        /* CSAT answers, 1-5 */
	uint64_t csat_satisfied;      /* ... of 4 or 5 */
	uint64_t nps_answers;         /* NPS answers, 0-10 */
	uint64_t nps_promoters;       /* ... of 9 or 10 */
	uint64_t nps_detractors;      /* ... of 0 to 6 */
} hl_metrics_counters;

/* Every figure with a definition. The numbers are stored and sent:
 * append only. */
typedef enum hl_metric {
	HL_METRIC_SL = 0,
	HL_METRIC_ASA = 1,
	HL_METRIC_AHT = 2,
	HL_METRIC_ABANDON_RATE = 3,
	HL_METRIC_OCCUPANCY = 4,
	HL_METRIC_UTILIZATION = 5,
	HL_METRIC_FCR = 6,
	HL_METRIC_CSAT = 7,
	HL_METRIC_NPS = 8,
	HL_METRIC_COUNT
} hl_metric;

/* Service-level variants of the trade, a named setting shown with the
 * figure. All leave short abandons out. Append only. */
typedef enum hl_metrics_sl_variant {
	HL_METRICS_SL_OFFERED = 0,   /* default: within T ÷ (offered − short) */
	HL_METRICS_SL_ANSWERED = 1,  /* within T ÷ answered */
	HL_METRICS_SL_OUTCOME = 2,   /* within T ÷ (answered + abandoned − short) */
	HL_METRICS_SL_ABANDON_OK = 3,/* (answered + abandoned within T) ÷ (answered + abandoned − short) */
	HL_METRICS_SL_VARIANT_COUNT
} hl_metrics_sl_variant;

/* Utilization variants: whether meetings, training and coaching count as
 * logged-in time. Append only. */
typedef enum hl_metrics_util_variant {
	HL_METRICS_UTIL_ALL = 0,        /* default: handling ÷ logged-in time */
	HL_METRICS_UTIL_NO_MEETINGS = 1,/* handling ÷ (logged-in − meeting/training time) */
	HL_METRICS_UTIL_VARIANT_COUNT
} hl_metrics_util_variant;

/* The configured parameters a figure may need. */
typedef struct hl_metrics_params {
	hl_metrics_sl_variant sl_variant;
	hl_metrics_util_variant util_variant;
} hl_metrics_params;

/* One entry of the metric dictionary; static, never freed. */
typedef struct hl_metrics_info {
	hl_metric id;
	const char *key;        /* stable short name: "sl", "asa", ... */
	const char *name;       /* English display name */
	const char *unit;       /* "%", "s" or "points" */
	const char *definition; /* the one-line definition (取数口径) */
	const char *source;     /* where the counts come from */
} hl_metrics_info;

/* Returns the dictionary entry of `id`, or NULL for an unknown id. */
const hl_metrics_info *hl_metrics_info_get(hl_metric id);

/* Returns the one-line definition of `id` (never NULL; "" if unknown). */
const char *hl_metrics_definition(hl_metric id);

/* Returns the metric whose key is `key`, or -1. */
int hl_metrics_parse(const char *key);

/* Returns the name ("offered", "answered", "outcome", "abandon_ok") and
 * the definition of a service-level variant; "" for an unknown one. */
const char *hl_metrics_sl_variant_name(hl_metrics_sl_variant v);
const char *hl_metrics_sl_variant_definition(hl_metrics_sl_variant v);

/* Returns the variant named `name`, or -1. */
int hl_metrics_sl_variant_parse(const char *name);

/* Sets the defaults: service level over offered, utilization over all
 * logged-in time. */
void hl_metrics_params_default(hl_metrics_params *p);

/* The two boundary rules every count uses: a wait of `wait_ms` is within
 * a service-level target of `sl_secs` when wait <= T; an abandon is short
 * when wait < S (`short_secs` 0 means no abandon is short). */
bool hl_metrics_within_sl(int64_t wait_ms, int32_t sl_secs);
bool hl_metrics_is_short_abandon(int64_t wait_ms, int32_t short_secs);

/* Counting: each adds one event to `c`. */
void hl_metrics_count_offered(hl_metrics_counters *c);
void hl_metrics_count_rejected(hl_metrics_counters *c);
void hl_metrics_count_answered(hl_metrics_counters *c, int64_t wait_ms, int32_t sl_secs);
void hl_metrics_count_abandoned(hl_metrics_counters *c, int64_t wait_ms, int32_t sl_secs,
				int32_t short_secs);
void hl_metrics_count_timed_out(hl_metrics_counters *c);
void hl_metrics_count_handled(hl_metrics_counters *c, int64_t talk_ms, int64_t wrap_ms);
void hl_metrics_count_resolved(hl_metrics_counters *c, bool first_contact);

/* Adds a CSAT answer (1-5) or an NPS answer (0-10). Returns 0, or
 * HL_E_INVALID for a score out of range (nothing counted). */
int hl_metrics_count_csat(hl_metrics_counters *c, int score);
int hl_metrics_count_nps(hl_metrics_counters *c, int score);

/* FCR helper: true when a new contact at `next_ms` from the same customer
 * falls within `window_h` hours after the resolution at `resolved_ms`, so
 * the resolution was not first-contact. */
bool hl_metrics_fcr_repeat(int64_t resolved_ms, int64_t next_ms, int window_h);

/* Adds every field of `src` into `dst` (e.g. queues into a total). */
void hl_metrics_add(hl_metrics_counters *dst, const hl_metrics_counters *src);

/* Takes every field of `src` out of `dst`: the inverse of hl_metrics_add,
 * for counters kept current (a contact's old counts out, its new ones in).
 * `src` must have been added before. */
void hl_metrics_sub(hl_metrics_counters *dst, const hl_metrics_counters *src);

/* How a stored contact ended, as far as the counts care. */
typedef enum hl_metrics_outcome {
	HL_METRICS_OUT_OPEN = 0,     /* queued, active or ended: judged by its times */
	HL_METRICS_OUT_REJECTED = 1, /* refused on arrival */
	HL_METRICS_OUT_ABANDONED = 2,/* the customer left before an answer */
	HL_METRICS_OUT_LEFT = 3,     /* taken out at the queue's maximum wait */
} hl_metrics_outcome;

/* What the counts read of one stored contact (docs/metrics.md §5). Times
 * are milliseconds, 0 when not reached; csat 0 is none, nps -1 is none. */
typedef struct hl_metrics_contact {
	hl_metrics_outcome outcome;
	int64_t answered_ms, ended_ms, wrap_end_ms, wait_ms;
	int csat, nps;
} hl_metrics_contact;

/* Counts one stored contact into `c`, judged by its queue's target T
 * (`sl_secs`) and short-abandon threshold S (`short_secs`): the one rule of
 * docs/metrics.md §5 that the floor, the counters kept current and any
 * report over stored contacts share. */
void hl_metrics_count_contact(hl_metrics_counters *c, const hl_metrics_contact *k,
			      int32_t sl_secs, int32_t short_secs);

/* The figures. Each returns NaN when its denominator is 0 (the figure is
 * undefined: show "—" on a screen, null in JSON; test with isnan()).
 * Percentages are 0-100, seconds are seconds, NPS is -100..100 points. */
double hl_metrics_sl(const hl_metrics_counters *c, hl_metrics_sl_variant v);
double hl_metrics_asa_s(const hl_metrics_counters *c);
double hl_metrics_aht_s(const hl_metrics_counters *c);
double hl_metrics_abandon_rate(const hl_metrics_counters *c);
double hl_metrics_occupancy(const hl_metrics_counters *c);
double hl_metrics_utilization(const hl_metrics_counters *c, hl_metrics_util_variant v);
double hl_metrics_fcr(const hl_metrics_counters *c);
double hl_metrics_csat(const hl_metrics_counters *c);
double hl_metrics_nps(const hl_metrics_counters *c);

/* Computes figure `id` from `c` with parameters `p` (NULL: defaults), so
 * a dictionary screen can walk the table. NaN for an unknown id too. */
double hl_metrics_value(hl_metric id, const hl_metrics_counters *c, const hl_metrics_params *p);

#endif
