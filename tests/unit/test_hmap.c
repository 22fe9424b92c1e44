/* Tests for common/hmap.c: adding, finding and removing records by id and
 * by name, keys that share a bucket or a whole key, growth well past any
 * fixed table (chains stay short at 100,000 records), and walks that remove
 * as they go. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hmap.h"

struct rec {
	uint64_t id;
	char name[16];
	hl_hmap_node by_id;
	hl_hmap_node by_name;
};

static struct rec *find_id(const hl_hmap *m, uint64_t id)
{
	hl_hmap_node *n = hl_hmap_get(m, id);
	return n ? hl_hmap_entry(n, struct rec, by_id) : NULL;
}

static struct rec *find_name(const hl_hmap *m, const char *name)
{
	for (hl_hmap_node *n = hl_hmap_get(m, hl_hmap_str(name)); n; n = hl_hmap_get_next(n)) {
		struct rec *r = hl_hmap_entry(n, struct rec, by_name);
		if (strcmp(r->name, name) == 0)
			return r;
	}
	return NULL;
}

/* The longest chain: what a lookup costs at worst. */
static size_t longest(const hl_hmap *m)
{
	size_t nb = m->b ? m->cap : HL_HMAP_SMALL, most = 0;
	hl_hmap_node *const *b = m->b ? m->b : m->small;

	for (size_t k = 0; k < nb; k++) {
		size_t len = 0;
		for (const hl_hmap_node *x = b[k]; x; x = x->next)
			len++;
		if (len > most)
			most = len;
	}
	return most;
}

static void test_empty_map_finds_nothing(void **state)
{
	hl_hmap m = {0};
	hl_hmap_iter it;

	(void)state;
	assert_null(hl_hmap_get(&m, 0));
	assert_null(hl_hmap_get(&m, 42));
	assert_null(hl_hmap_first(&m, &it));
	assert_int_equal(hl_hmap_count(&m), 0);
	hl_hmap_fini(&m);
}

static void test_put_get_del(void **state)
{
	struct rec r[3] = {{.id = 7}, {.id = 9}, {.id = 1ULL << 40}};
	hl_hmap m;

	(void)state;
	hl_hmap_init(&m);
	for (int i = 0; i < 3; i++)
		hl_hmap_put(&m, &r[i].by_id, r[i].id);
	assert_int_equal(hl_hmap_count(&m), 3);
	assert_ptr_equal(find_id(&m, 7), &r[0]);
	assert_ptr_equal(find_id(&m, 9), &r[1]);
	assert_ptr_equal(find_id(&m, 1ULL << 40), &r[2]);
	assert_null(find_id(&m, 8));

	hl_hmap_del(&m, &r[1].by_id);
	assert_null(find_id(&m, 9));
	assert_ptr_equal(find_id(&m, 7), &r[0]);
	assert_int_equal(hl_hmap_count(&m), 2);
	/* Removing what is not there changes nothing. */
	hl_hmap_del(&m, &r[1].by_id);
	assert_int_equal(hl_hmap_count(&m), 2);
	hl_hmap_fini(&m);
}

static void test_string_keys(void **state)
{
	struct rec r[4] = {{.name = "ann"}, {.name = "bob"}, {.name = "li.na"}, {.name = "张伟"}};
	hl_hmap m = {0};

	(void)state;
	for (int i = 0; i < 4; i++)
		hl_hmap_put(&m, &r[i].by_name, hl_hmap_str(r[i].name));
	for (int i = 0; i < 4; i++)
		assert_ptr_equal(find_name(&m, r[i].name), &r[i]);
	assert_null(find_name(&m, "an"));
	assert_null(find_name(&m, ""));
	assert_true(hl_hmap_str("ab") != hl_hmap_str("ba"));
	hl_hmap_fini(&m);
}

/* Several records under one key (a user's sessions): each is found, newest
 * first, and removing one leaves the others; keys that land in one bucket
 * are told apart. */
static void test_same_key_and_collisions(void **state)
{
	struct rec r[40];
	hl_hmap m = {0};
	hl_hmap_node *n;
	int seen;

	(void)state;
	memset(r, 0, sizeof r);
	for (int i = 0; i < 5; i++)
		hl_hmap_put(&m, &r[i].by_id, 99);
	/* Keys a multiple of every table size apart. */
	for (int i = 5; i < 40; i++)
		hl_hmap_put(&m, &r[i].by_id, (uint64_t)i << 32);
	seen = 0;
	for (n = hl_hmap_get(&m, 99); n; n = hl_hmap_get_next(n)) {
		assert_ptr_equal(hl_hmap_entry(n, struct rec, by_id), &r[4 - seen]);
		seen++;
	}
	assert_int_equal(seen, 5);
	hl_hmap_del(&m, &r[2].by_id);
	seen = 0;
	for (n = hl_hmap_get(&m, 99); n; n = hl_hmap_get_next(n)) {
		assert_ptr_not_equal(hl_hmap_entry(n, struct rec, by_id), &r[2]);
		seen++;
	}
	assert_int_equal(seen, 4);
	for (int i = 5; i < 40; i++) {
		n = hl_hmap_get(&m, (uint64_t)i << 32);
		assert_ptr_equal(hl_hmap_entry(n, struct rec, by_id), &r[i]);
		assert_null(hl_hmap_get_next(n));
	}
	assert_int_equal(hl_hmap_count(&m), 39);
	hl_hmap_fini(&m);
}

/* 100,000 records (more than any old fixed table's 4,096 buckets by far):
 * every one found, the buckets grown past the count, no chain long. */
static void test_growth_many_keys(void **state)
{
	enum { N = 100000 };
	struct rec *r = calloc(N, sizeof *r);
	hl_hmap ids = {0}, names = {0};

	(void)state;
	assert_non_null(r);
	for (size_t i = 0; i < N; i++) {
		r[i].id = i + 1;
		snprintf(r[i].name, sizeof r[i].name, "agent%zu", i);
		hl_hmap_put(&ids, &r[i].by_id, r[i].id);
		hl_hmap_put(&names, &r[i].by_name, hl_hmap_str(r[i].name));
	}
	assert_int_equal(hl_hmap_count(&ids), N);
	assert_true(ids.cap * 3 >= (size_t)N * 4);
	assert_true(names.cap * 3 >= (size_t)N * 4);
	assert_true(longest(&ids) <= 12);
	assert_true(longest(&names) <= 12);
	for (size_t i = 0; i < N; i++) {
		assert_ptr_equal(find_id(&ids, i + 1), &r[i]);
		assert_ptr_equal(find_name(&names, r[i].name), &r[i]);
	}
	assert_null(find_id(&ids, N + 1));
	assert_null(find_name(&names, "agent100000"));
	/* Remove every other one; the rest stay found. */
	for (size_t i = 0; i < N; i += 2)
		hl_hmap_del(&ids, &r[i].by_id);
	assert_int_equal(hl_hmap_count(&ids), N / 2);
	for (size_t i = 0; i < N; i++)
		assert_ptr_equal(find_id(&ids, i + 1), i % 2 ? &r[i] : NULL);
	hl_hmap_fini(&ids);
	hl_hmap_fini(&names);
	free(r);
}

/* A walk sees every record once and may remove the one it is on. */
static void test_walk_removing(void **state)
{
	enum { N = 1000 };
	struct rec *r = calloc(N, sizeof *r);
	hl_hmap m = {0};
	hl_hmap_iter it;
	size_t seen = 0, removed = 0;
	unsigned char *mark = calloc(N, 1);

	(void)state;
	assert_non_null(r);
	assert_non_null(mark);
	for (size_t i = 0; i < N; i++) {
		r[i].id = i;
		hl_hmap_put(&m, &r[i].by_id, i);
	}
	for (hl_hmap_node *n = hl_hmap_first(&m, &it); n; n = hl_hmap_next(&it)) {
		struct rec *x = hl_hmap_entry(n, struct rec, by_id);
		assert_int_equal(mark[x->id], 0);
		mark[x->id] = 1;
		seen++;
		if (x->id % 3 == 0) {
			hl_hmap_del(&m, n);
			removed++;
		}
	}
	assert_int_equal(seen, N);
	assert_int_equal(hl_hmap_count(&m), N - removed);
	seen = 0;
	for (hl_hmap_node *n = hl_hmap_first(&m, &it); n; n = hl_hmap_next(&it)) {
		assert_true(hl_hmap_entry(n, struct rec, by_id)->id % 3 != 0);
		seen++;
	}
	assert_int_equal(seen, N - removed);
	hl_hmap_fini(&m);
	free(mark);
	free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_map_finds_nothing),
		cmocka_unit_test(test_put_get_del),
		cmocka_unit_test(test_string_keys),
		cmocka_unit_test(test_same_key_and_collisions),
		cmocka_unit_test(test_growth_many_keys),
		cmocka_unit_test(test_walk_removing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
