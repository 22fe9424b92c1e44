/* Unit tests of the metric dictionary: one entry per figure shown, each
 * definition the one of common/metrics.c and docs/metrics.md, and the
 * normal band on hand-worked numbers. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hotline.pb-c.h"
#include "metricdict.h"

#define EPS 1e-9

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = 0;
	fclose(f);
	return buf;
}

/* Every figure common/metrics.c defines has its entry, under the same key,
 * and the entry's definition is that file's text. */
static void test_every_metric_has_an_entry(void **state)
{
	(void)state;
	for (int id = 0; id < HL_METRIC_COUNT; id++) {
		const hl_metrics_info *info = hl_metrics_info_get((hl_metric)id);
		const hl_metricdict_entry *e = hl_metricdict_find(info->key);
		assert_non_null(e);
		assert_int_equal(e->metric, id);
		assert_string_equal(e->name_en, info->name);
		assert_string_equal(e->unit, info->unit);
		assert_string_equal(hl_metricdict_definition(e), hl_metrics_definition((hl_metric)id));
		/* One source of truth: the entry holds no copy of its own. */
		assert_null(e->definition);
	}
}

/* Every entry is complete, its name well-formed and unique, and its floor
 * field names one figure only. */
static void test_entries_complete(void **state)
{
	size_t n;
	const hl_metricdict_entry *all = hl_metricdict_all(&n);

	(void)state;
	assert_true(n >= 20);
	for (size_t i = 0; i < n; i++) {
		const hl_metricdict_entry *e = &all[i];
		assert_true(hl_metricdict_name_ok(e->name));
		assert_true(e->name_en[0] && e->name_zh[0] && e->definition_zh[0] && e->formula[0]);
		assert_true(e->source[0] && e->computed_by[0] && e->shown[0] && e->scope);
		assert_true(hl_metricdict_definition(e)[0]);
		assert_ptr_equal(hl_metricdict_find(e->name), e);
		for (size_t j = i + 1; j < n; j++) {
			assert_string_not_equal(e->name, all[j].name);
			if (e->floor_key && all[j].floor_key)
				assert_string_not_equal(e->floor_key, all[j].floor_key);
		}
		if (e->floor_key)
			assert_ptr_equal(hl_metricdict_find(e->floor_key), e);
	}
}

/* The definitions are the words of docs/metrics.md, and a function named
 * as computing a figure is one common/metrics.h declares. */
static void test_definitions_match_the_docs(void **state)
{
	char *doc = slurp(HL_SOURCE_DIR "/docs/metrics.md");
	char *hdr = slurp(HL_SOURCE_DIR "/common/metrics.h");
	size_t n;
	const hl_metricdict_entry *all = hl_metricdict_all(&n);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		const char *def = hl_metricdict_definition(&all[i]);
		if (!strstr(doc, def))
			fail_msg("the definition of %s is not in docs/metrics.md: %s", all[i].name, def);
		if (!strstr(doc, all[i].definition_zh))
			fail_msg("the Chinese definition of %s is not in docs/metrics.md", all[i].name);
		if (strncmp(all[i].computed_by, "hl_metrics_", 11) == 0) {
			char fn[64];
			size_t k = strcspn(all[i].computed_by, " ,(");
			snprintf(fn, sizeof fn, "%.*s(", (int)k, all[i].computed_by);
			if (!strstr(hdr, fn))
				fail_msg("%s: %s is not in common/metrics.h", all[i].name, fn);
		}
	}
	free(doc);
	free(hdr);
}

/* Every field of the floor's Figures is a figure with an entry, or one of
 * the few that label a line. */
static void test_every_floor_field_has_an_entry(void **state)
{
	/* The line's name, its target and its window (whose fields are
	 * figures of the same keys, checked below) are not figures. */
	static const char *const labels[] = {"queue", "sl_secs", "last30"};
	const ProtobufCMessageDescriptor *ds[] = {&hotline__figures__descriptor,
						  &hotline__floor_recent__descriptor};

	(void)state;
	for (size_t k = 0; k < sizeof ds / sizeof ds[0]; k++) {
		const ProtobufCMessageDescriptor *d = ds[k];
		for (unsigned i = 0; i < d->n_fields; i++) {
			const char *f = d->fields[i].name;
			int label = 0;
			for (size_t j = 0; j < sizeof labels / sizeof labels[0]; j++)
				label |= strcmp(labels[j], f) == 0;
			if (!label && !hl_metricdict_find(f))
				fail_msg("%s.%s has no entry in the metric dictionary", d->name, f);
		}
	}
}

/* Every field of an agent in `floor agents` is a figure with an entry, or
 * names the agent. */
static void test_every_agent_field_has_an_entry(void **state)
{
	static const char *const labels[] = {"name", "display", "team"};
	const ProtobufCMessageDescriptor *d = &hotline__floor_agent__descriptor;

	(void)state;
	for (unsigned i = 0; i < d->n_fields; i++) {
		const char *f = d->fields[i].name;
		int label = 0;
		for (size_t j = 0; j < sizeof labels / sizeof labels[0]; j++)
			label |= strcmp(labels[j], f) == 0;
		if (!label && !hl_metricdict_find_agent_key(f))
			fail_msg("FloorAgent.%s has no entry in the metric dictionary", f);
	}
	assert_string_equal(hl_metricdict_find_agent_key("in_state_ms")->name, "state_time");
	assert_string_equal(hl_metricdict_find_agent_key("capacity")->name, "chats");
	assert_null(hl_metricdict_find_agent_key("state_tim"));
	assert_null(hl_metricdict_find_agent_key("name"));
	assert_null(hl_metricdict_find_agent_key(""));
	assert_null(hl_metricdict_find_agent_key("state reason"));
}

/* Eight days of an interval's service level, by hand: sorted 60 70 75 80
 * 85 88 90 95; the 10th percentile at rank 0.7 is 60 + 0.7 × 10 = 67, the
 * 90th at rank 6.3 is 90 + 0.3 × 5 = 91.5. */
static void test_band_hand_worked(void **state)
{
	const double v[] = {70, 85, 90, 80, 75, 95, 60, 88};
	hl_metricdict_band b;

	(void)state;
	hl_metricdict_band_of(v, 8, &b);
	assert_true(b.kept);
	assert_int_equal(b.samples, 8);
	assert_true(b.enough_history);
	assert_float_equal(b.low, 67.0, EPS);
	assert_float_equal(b.high, 91.5, EPS);
}

/* Undefined days are no samples: 1..10 with NaNs among them gives the
 * band of 1..10 (1.9 to 9.1). */
static void test_band_skips_undefined_days(void **state)
{
	const double v[] = {NAN, 10, 3, NAN, 1, 7, 2, 9, 4, 8, 6, 5, NAN};
	hl_metricdict_band b;

	(void)state;
	hl_metricdict_band_of(v, sizeof v / sizeof v[0], &b);
	assert_int_equal(b.samples, 10);
	assert_float_equal(b.low, 1.9, EPS);
	assert_float_equal(b.high, 9.1, EPS);
}

/* Fewer than 7 days: too little history, said so; none: no band at all. */
static void test_band_too_little_history(void **state)
{
	const double six[] = {5, 5, 6, 6, 7, NAN, 7, NAN};
	const double none[] = {NAN, NAN};
	const double seven[] = {1, 1, 1, 1, 1, 1, 1};
	hl_metricdict_band b;

	(void)state;
	hl_metricdict_band_of(six, 8, &b);
	assert_int_equal(b.samples, 6);
	assert_false(b.enough_history);
	assert_float_equal(b.low, 5.0, EPS);
	assert_float_equal(b.high, 7.0, EPS);
	hl_metricdict_band_of(none, 2, &b);
	assert_int_equal(b.samples, 0);
	assert_false(b.enough_history);
	assert_true(isnan(b.low) && isnan(b.high));
	hl_metricdict_band_of(seven, 7, &b);
	assert_true(b.enough_history);
	assert_float_equal(b.low, 1.0, EPS);
	assert_float_equal(b.high, 1.0, EPS);
}

/* From the interval's counts of each day: a day with figures stored but no
 * row for the interval offered 0 and has no service level; a day with
 * nothing stored is no sample; a figure not kept per interval has no band. */
static void test_band_from_counts(void **state)
{
	hl_metrics_counters days[3] = {{0}};
	const bool had[3] = {true, true, false};
	hl_metricdict_band b;

	(void)state;
	days[0].offered = 10;
	days[0].answered = 8;
	days[0].answered_within_sl = 6;
	days[0].abandoned = 2;
	days[0].short_abandoned = 0;
	days[2].offered = 99;  /* not stored that day: must not count */
	hl_metricdict_band_days(hl_metricdict_find("offered"), days, had, 3, NULL, &b);
	assert_int_equal(b.samples, 2);
	assert_float_equal(b.low, 1.0, EPS);   /* 0 + 0.1 × 10 */
	assert_float_equal(b.high, 9.0, EPS);  /* 0 + 0.9 × 10 */
	hl_metricdict_band_days(hl_metricdict_find("sl"), days, had, 3, NULL, &b);
	assert_int_equal(b.samples, 1);
	assert_float_equal(b.low, 60.0, EPS);  /* 6 ÷ 10 */
	hl_metricdict_band_days(hl_metricdict_find("waiting"), days, had, 3, NULL, &b);
	assert_false(b.kept);
	assert_int_equal(b.samples, 0);
}

static void test_variant_in_force(void **state)
{
	hl_metrics_params p;
	const hl_metricdict_entry *sl = hl_metricdict_find("sl");

	(void)state;
	assert_string_equal(hl_metricdict_variant(sl, NULL), "offered");
	assert_string_equal(hl_metricdict_variant_definition(sl, NULL),
			    hl_metrics_sl_variant_definition(HL_METRICS_SL_OFFERED));
	hl_metrics_params_default(&p);
	p.sl_variant = HL_METRICS_SL_ANSWERED;
	assert_string_equal(hl_metricdict_variant(sl, &p), "answered");
	assert_string_equal(hl_metricdict_variant(hl_metricdict_find("sl_30m"), &p), "answered");
	assert_string_equal(hl_metricdict_variant(hl_metricdict_find("utilization"), NULL), "all");
	assert_string_equal(hl_metricdict_variant(hl_metricdict_find("asa"), NULL), "");
	assert_string_equal(hl_metricdict_variant_definition(hl_metricdict_find("asa"), NULL), "");
}

/* Names from outside: only a-z, 0-9 and _, 1 to 32 bytes. */
static void test_malformed_names(void **state)
{
	static const char *const bad[] = {
		"", "SL", "sl;", "sl pct", "sl\n", "../sl", "服务水平", "sl-pct",
		"abcdefghijklmnopqrstuvwxyz0123456", "\xff",
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_false(hl_metricdict_name_ok(bad[i]));
		assert_null(hl_metricdict_find(bad[i]));
	}
	assert_false(hl_metricdict_name_ok(NULL));
	assert_null(hl_metricdict_find(NULL));
	assert_true(hl_metricdict_name_ok("abcdefghijklmnopqrstuvwxyz012345"));
	assert_null(hl_metricdict_find("no_such_metric"));
	assert_ptr_equal(hl_metricdict_find("sl_pct"), hl_metricdict_find("sl"));
}

static void test_parse_at(void **state)
{
	static const char *const bad[] = {
		"", "9:00", "24:00", "09:60", "0900", "09:0a", "09:00 ", " 09:00", "-1:00", "09-00",
	};

	(void)state;
	assert_int_equal(hl_metricdict_parse_at("00:00"), 0);
	assert_int_equal(hl_metricdict_parse_at("09:07"), 540);
	assert_int_equal(hl_metricdict_parse_at("09:15"), 555);
	assert_int_equal(hl_metricdict_parse_at("23:59"), 23 * 60 + 45);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(hl_metricdict_parse_at(bad[i]), -1);
	assert_int_equal(hl_metricdict_parse_at(NULL), -1);
}

static void test_labels(void **state)
{
	(void)state;
	for (int l = 0; l < HL_MDL_COUNT; l++)
		assert_true(hl_metricdict_label((hl_metricdict_lbl)l)[0]);
	assert_string_equal(hl_metricdict_label(HL_MDL_COUNT), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_metric_has_an_entry),
		cmocka_unit_test(test_entries_complete),
		cmocka_unit_test(test_definitions_match_the_docs),
		cmocka_unit_test(test_every_floor_field_has_an_entry),
		cmocka_unit_test(test_every_agent_field_has_an_entry),
		cmocka_unit_test(test_band_hand_worked),
		cmocka_unit_test(test_band_skips_undefined_days),
		cmocka_unit_test(test_band_too_little_history),
		cmocka_unit_test(test_band_from_counts),
		cmocka_unit_test(test_variant_in_force),
		cmocka_unit_test(test_malformed_names),
		cmocka_unit_test(test_parse_at),
		cmocka_unit_test(test_labels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
