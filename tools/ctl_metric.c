/* hotline-ctl commands for the metric dictionary (指标词库): metric list and
 * metric show, each entry with its normal band, in the reader's language. */
#include "ctl.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ctl_lang.h"
#include "ctl_table.h"
#include "metricdict.h"

#define L(id) hl_ctl_tr(hl_metricdict_label(id))

/* True when the reader's catalogue is Chinese: they read the entries'
 * Chinese names and definitions. */
static int reader_zh(void)
{
	hl_ctl_lang_init();
	return strncmp(L(HL_MDL_LANG), "zh", 2) == 0;
}

static void fmt_value(char *buf, size_t cap, double v, const char *unit)
{
	if (strcmp(unit, "%") == 0)
		snprintf(buf, cap, "%.1f%%", v);
	else if (strcmp(unit, "s") == 0)
		snprintf(buf, cap, "%.1fs", v);
	else
		snprintf(buf, cap, "%.1f", v);
}

/* The band as a person reads it: the range, or why there is none. */
static void fmt_band(char *buf, size_t cap, const Hotline__MetricEntry *m)
{
	const Hotline__MetricBand *b = m->band;
	char lo[32], hi[32];

	if (!b || !b->kept) {
		snprintf(buf, cap, "%s", L(HL_MDL_NO_BAND));
	} else if (!b->samples) {
		snprintf(buf, cap, "%s", L(HL_MDL_NO_HISTORY));
	} else if (!b->enough_history) {
		snprintf(buf, cap, L(HL_MDL_TOO_LITTLE), b->samples,
			 (unsigned)HL_METRICDICT_BAND_MIN_SAMPLES);
	} else {
		fmt_value(lo, sizeof lo, b->low, m->unit);
		fmt_value(hi, sizeof hi, b->high, m->unit);
		snprintf(buf, cap, L(HL_MDL_BAND_OF), lo, hi, b->samples);
	}
}

static void fmt_at(char *buf, size_t cap, int64_t ms)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, cap, "%H:%M", &tm);
}

/* The contract of --json (docs/operations.md): the entry's texts, and its
 * band with low and high null when there is no sample. */
static cJSON *entry_json(const Hotline__MetricEntry *m)
{
	cJSON *j = cJSON_CreateObject(), *b = cJSON_CreateObject(), *sc = cJSON_CreateArray();
	cJSON *ak = cJSON_CreateArray();
	const struct {
		const char *key, *value;
	} texts[] = {
		{"name", m->name}, {"name_en", m->name_en}, {"name_zh", m->name_zh},
		{"definition", m->definition}, {"definition_zh", m->definition_zh},
		{"formula", m->formula}, {"source", m->source}, {"variant", m->variant},
		{"variant_definition", m->variant_definition}, {"unit", m->unit},
		{"computed_by", m->computed_by}, {"shown", m->shown},
	};
	const Hotline__MetricBand *mb = m->band;

	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		cJSON_AddStringToObject(j, texts[i].key, texts[i].value);
	if (m->floor_key[0])
		cJSON_AddStringToObject(j, "floor_key", m->floor_key);
	else
		cJSON_AddNullToObject(j, "floor_key");
	for (size_t i = 0; i < m->n_scope; i++)
		cJSON_AddItemToArray(sc, cJSON_CreateString(m->scope[i]));
	cJSON_AddItemToObject(j, "scope", sc);
	/* The words of agent_keys as an array: what a script looks up. */
	for (const char *p = m->agent_keys; *p;) {
		size_t w = strcspn(p, " ");
		char word[64];
		if (w && w < sizeof word) {
			snprintf(word, sizeof word, "%.*s", (int)w, p);
			cJSON_AddItemToArray(ak, cJSON_CreateString(word));
		}
		p += w;
		p += strspn(p, " ");
	}
	cJSON_AddItemToObject(j, "agent_keys", ak);
	cJSON_AddBoolToObject(b, "kept", mb && mb->kept);
	if (mb && mb->samples) {
		cJSON_AddNumberToObject(b, "low", mb->low);
		cJSON_AddNumberToObject(b, "high", mb->high);
	} else {
		cJSON_AddNullToObject(b, "low");
		cJSON_AddNullToObject(b, "high");
	}
	cJSON_AddNumberToObject(b, "samples", mb ? mb->samples : 0);
	cJSON_AddBoolToObject(b, "enough_history", mb && mb->enough_history);
	cJSON_AddItemToObject(j, "band", b);
	return j;
}

static void add_context(cJSON *j, const Hotline__MetricListReply *r)
{
	char at[8];

	fmt_at(at, sizeof at, r->interval_start_ms);
	cJSON_AddStringToObject(j, "queue", r->queue);
	cJSON_AddStringToObject(j, "at", at);
	cJSON_AddNumberToObject(j, "interval_start_ms", (double)r->interval_start_ms);
	cJSON_AddNumberToObject(j, "days", r->days);
}

/* "Normal bands of the interval at 09:15, whole floor, over the previous
 * 28 days". */
static void print_context(const Hotline__MetricListReply *r)
{
	char at[8], whose[160];

	fmt_at(at, sizeof at, r->interval_start_ms);
	if (r->queue[0])
		snprintf(whose, sizeof whose, L(HL_MDL_QUEUE_NAMED), r->queue);
	else
		snprintf(whose, sizeof whose, "%s", L(HL_MDL_WHOLE_FLOOR));
	printf(L(HL_MDL_BANDS_AT), at, whose, r->days);
	printf("\n");
}

static int call(hl_ctl *x, Hotline__Request *rq, Hotline__Reply **rp)
{
	int rc;

	/* An empty --at is a slip, not "now" (which is leaving it out). */
	if (hl_ctl_has(x, "at") && !hl_ctl_opt_str(x, "at", "")[0])
		return hl_ctl_usage(x, "--at takes a local time of day as HH:MM, e.g. 10:00");
	if ((rc = hl_ctl_connect(x)) || (rc = hl_ctl_call(x, rq, rp)))
		return rc;
	if ((*rp)->body_case != HOTLINE__REPLY__BODY_METRICS) {
		hl_ctl_err("the broker answered with something else than the dictionary");
		hl_client_reply_free(*rp);
		return HL_EXIT_ERROR;
	}
	return 0;
}

/* A header in capitals (ASCII only: a Chinese header stays as it is). */
static const char *header(char *buf, size_t cap, hl_metricdict_lbl id)
{
	snprintf(buf, cap, "%s", L(id));
	for (char *p = buf; *p; p++)
		if ((unsigned char)*p < 0x80)
			*p = (char)toupper((unsigned char)*p);
	return buf;
}

static int cmd_metric_list(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__MetricList ml = HOTLINE__METRIC_LIST__INIT;
	Hotline__Reply *rp;
	Hotline__MetricListReply *r;
	int rc;

	ml.queue = (char *)hl_ctl_opt_str(x, "queue", "");
	ml.at = (char *)hl_ctl_opt_str(x, "at", "");
	rq.body_case = HOTLINE__REQUEST__BODY_METRIC_LIST;
	rq.metric_list = &ml;
	if ((rc = call(x, &rq, &rp)))
		return rc;
	r = rp->metrics;
	if (x->json) {
		cJSON *j = cJSON_CreateObject(), *a = cJSON_CreateArray();
		add_context(j, r);
		for (size_t i = 0; i < r->n_metrics; i++)
			cJSON_AddItemToArray(a, entry_json(r->metrics[i]));
		cJSON_AddItemToObject(j, "metrics", a);
		hl_ctl_print_json(j);
	} else {
		char h[4][64], band[160];
		const char *cols[4] = {header(h[0], 64, HL_MDL_NAME), header(h[1], 64, HL_MDL_NAME_ZH),
				       header(h[2], 64, HL_MDL_UNIT), header(h[3], 64, HL_MDL_BAND)};
		hl_ctl_table *t = hl_ctl_table_new(4, cols);
		print_context(r);
		for (size_t i = 0; i < r->n_metrics; i++) {
			const Hotline__MetricEntry *m = r->metrics[i];
			fmt_band(band, sizeof band, m);
			hl_ctl_table_add(t, "%s", m->name);
			hl_ctl_table_add(t, "%s", m->name_zh);
			hl_ctl_table_add(t, "%s", m->unit[0] ? m->unit : "-");
			hl_ctl_table_add(t, "%s", band);
		}
		hl_ctl_table_print(t, stdout);
		hl_ctl_table_free(t);
	}
	hl_client_reply_free(rp);
	return 0;
}

static void line(hl_metricdict_lbl label, const char *value)
{
	if (value && value[0])
		printf("  %s: %s\n", L(label), value);
}

static int cmd_metric_show(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__MetricShow ms = HOTLINE__METRIC_SHOW__INIT;
	Hotline__Reply *rp;
	const Hotline__MetricEntry *m;
	int rc, zh = reader_zh();

	ms.name = (char *)x->pos[0];
	ms.queue = (char *)hl_ctl_opt_str(x, "queue", "");
	ms.at = (char *)hl_ctl_opt_str(x, "at", "");
	rq.body_case = HOTLINE__REQUEST__BODY_METRIC_SHOW;
	rq.metric_show = &ms;
	if ((rc = call(x, &rq, &rp)))
		return rc;
	if (rp->metrics->n_metrics != 1) {
		hl_ctl_err("the broker sent %zu entries for one name", rp->metrics->n_metrics);
		hl_client_reply_free(rp);
		return HL_EXIT_ERROR;
	}
	m = rp->metrics->metrics[0];
	if (x->json) {
		cJSON *j = entry_json(m);
		add_context(j, rp->metrics);
		hl_ctl_print_json(j);
	} else {
		char band[160], variant[512] = "", scope[160] = "";
		static const struct {
			const char *word;
			hl_metricdict_lbl label;
		} scopes[] = {{"queue", HL_MDL_PER_QUEUE}, {"floor", HL_MDL_WHOLE_FLOOR},
			      {"agent", HL_MDL_PER_AGENT}};
		for (size_t i = 0; i < m->n_scope; i++)
			for (size_t k = 0; k < sizeof scopes / sizeof scopes[0]; k++)
				if (strcmp(m->scope[i], scopes[k].word) == 0)
					snprintf(scope + strlen(scope), sizeof scope - strlen(scope),
						 "%s%s", scope[0] ? ", " : "", L(scopes[k].label));
		if (m->variant[0])
			snprintf(variant, sizeof variant, "%s: %s", m->variant, m->variant_definition);
		fmt_band(band, sizeof band, m);
		printf("%s — %s (%s)\n", m->name, zh ? m->name_zh : m->name_en,
		       zh ? m->name_en : m->name_zh);
		line(HL_MDL_DEFINITION, zh ? m->definition_zh : m->definition);
		line(HL_MDL_FORMULA, m->formula);
		line(HL_MDL_VARIANT, variant);
		line(HL_MDL_UNIT, m->unit);
		line(HL_MDL_SOURCE, m->source);
		line(HL_MDL_COMPUTED_BY, m->computed_by);
		line(HL_MDL_SHOWN, m->shown);
		line(HL_MDL_FLOOR_KEY, m->floor_key);
		line(HL_MDL_AGENT_KEYS, m->agent_keys);
		line(HL_MDL_SCOPE, scope);
		line(HL_MDL_BAND, band);
		printf("  ");
		print_context(rp->metrics);
	}
	hl_client_reply_free(rp);
	return 0;
}

static const hl_ctl_opt band_opts[] = {
	{"queue", "Q", "the bands of queue Q (default: the whole floor)", 0, 0, 0},
	{"at", "HH:MM", "the bands of the interval at this local time (default: now)", 0, 0, 0},
	{NULL, NULL, NULL, 0, 0, 0},
};

const hl_ctl_cmd hl_ctl_metric_cmds[] = {
	{"metric list", "the metric dictionary: every figure, its Chinese name, unit and normal "
	 "band", NULL, band_opts, "metric list --queue sales --at 10:00", cmd_metric_list},
	{"metric show", "one figure's entry: definition, formula, source, variant, normal band",
	 (const hl_ctl_arg[]){{"NAME", "the figure's key (sl, aht, offered) or its floor field "
			       "(sl_pct)", 0}, {NULL, NULL, 0}},
	 band_opts, "metric show sl --queue sales", cmd_metric_show},
	{NULL, NULL, NULL, NULL, NULL, NULL},
};
