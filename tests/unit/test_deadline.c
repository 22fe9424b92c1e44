/* Tests for server/deadline.c: the earliest deadline comes first whatever
 * the order nodes were set, moved and removed in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "deadline.h"

#define N 500

/* Pops everything in order; checks it is sorted and the count. */
static void drain_sorted(hl_deadlines *h, size_t want)
{
	int64_t last = INT64_MIN;
	size_t n = 0;
	hl_deadline_node *x;

	while ((x = hl_deadlines_first(h))) {
		assert_true(x->at >= last);
		last = x->at;
		hl_deadlines_remove(h, x);
		assert_int_equal(x->pos, 0);
		n++;
	}
	assert_int_equal(n, want);
}

static void test_first_is_earliest(void **state)
{
	hl_deadlines h = {0};
	hl_deadline_node v[N] = {{0}};

	(void)state;
	srand(7);
	for (int i = 0; i < N; i++)
		assert_int_equal(hl_deadlines_set(&h, &v[i], rand() % 10000), 0);
	drain_sorted(&h, N);
	hl_deadlines_free(&h);
}

static void test_move_and_remove(void **state)
{
	hl_deadlines h = {0};
	hl_deadline_node v[N] = {{0}};
	size_t left = N;

	(void)state;
	srand(11);
	for (int i = 0; i < N; i++)
		hl_deadlines_set(&h, &v[i], rand() % 10000);
	/* Moved earlier and later, and some removed from the middle. */
	for (int i = 0; i < N; i += 3)
		hl_deadlines_set(&h, &v[i], rand() % 20000);
	for (int i = 1; i < N; i += 7, left--)
		hl_deadlines_remove(&h, &v[i]);
	/* Removing one not in the heap changes nothing. */
	hl_deadlines_remove(&h, &v[1]);
	hl_deadlines_set(&h, &v[2], -5);
	assert_ptr_equal(hl_deadlines_first(&h), &v[2]);
	drain_sorted(&h, left);
	assert_null(hl_deadlines_first(&h));
	hl_deadlines_free(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_is_earliest),
		cmocka_unit_test(test_move_and_remove),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
