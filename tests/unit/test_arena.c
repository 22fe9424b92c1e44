/* Tests for common/arena.c: zeroed, aligned allocations, and the one
 * "grow an array in the arena" helper the collectors share: first size,
 * doubling, the elements kept, nothing done while there is room, and a
 * refused size leaving the array as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "error.h"

struct item {
	int64_t id;
	char name[12];
};

static void alloc_is_zeroed_and_aligned(void **state)
{
	hl_arena a;

	(void)state;
	hl_arena_init(&a);
	for (size_t n = 1; n < 9000; n = n * 3 + 1) {
		unsigned char *p = hl_arena_alloc(&a, n);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(p[i], 0);
		memset(p, 0xAB, n);
	}
	assert_string_equal(hl_arena_strdup(&a, NULL), "");
	assert_string_equal(hl_arena_printf(&a, "c%d", 42), "c42");
	hl_arena_free(&a);
}

/* Pointers, as the collectors keep them: every one survives each growth. */
static void grow_keeps_pointers(void **state)
{
	hl_arena a;
	struct item **v = NULL, *all[1000];
	size_t n = 0, cap = 0;

	(void)state;
	hl_arena_init(&a);
	for (int i = 0; i < 1000; i++) {
		size_t before = cap;
		assert_int_equal(hl_arena_grow(&a, &v, &cap, n, sizeof *v, 16), 0);
		if (n < before)
			assert_int_equal(cap, before);              /* room: nothing done */
		else
			assert_int_equal(cap, before ? before * 2 : 16);
		assert_true(n < cap);
		assert_non_null(all[i] = v[n] = hl_arena_alloc(&a, sizeof **v));
		v[n++]->id = i;
	}
	assert_int_equal(cap, 1024);
	for (int i = 0; i < 1000; i++) {
		assert_ptr_equal(v[i], all[i]);
		assert_int_equal(v[i]->id, i);
	}
	hl_arena_free(&a);
}

/* Whole structures: their bytes are copied across a growth. */
static void grow_copies_elements(void **state)
{
	hl_arena a;
	struct item *v = NULL, *first;
	size_t n = 0, cap = 0;

	(void)state;
	hl_arena_init(&a);
	assert_int_equal(hl_arena_grow(&a, &v, &cap, n, sizeof *v, 3), 0);
	assert_int_equal(cap, 3);
	first = v;
	for (; n < 3; n++) {
		v[n].id = (int64_t)n * 7;
		snprintf(v[n].name, sizeof v[n].name, "c%zu", n);
	}
	assert_int_equal(hl_arena_grow(&a, &v, &cap, n, sizeof *v, 3), 0);
	assert_int_equal(cap, 6);
	assert_ptr_not_equal(v, first);
	for (size_t i = 0; i < 3; i++) {
		char want[12];
		snprintf(want, sizeof want, "c%zu", i);
		assert_int_equal(v[i].id, (int64_t)i * 7);
		assert_string_equal(v[i].name, want);
	}
	/* The new room is zeroed. */
	assert_int_equal(v[3].id, 0);
	assert_string_equal(v[5].name, "");
	hl_arena_free(&a);
}

/* A capacity whose bytes do not fit in size_t is refused, not wrapped. */
static void grow_refuses_overflow(void **state)
{
	hl_arena a;
	int *v = NULL, *was;
	size_t cap = SIZE_MAX / 4 + 1, n = cap;

	(void)state;
	hl_arena_init(&a);
	was = v = hl_arena_alloc(&a, sizeof *v);
	assert_int_equal(hl_arena_grow(&a, &v, &cap, n, sizeof *v, 16), HL_E_NOMEM);
	assert_ptr_equal(v, was);
	assert_int_equal(cap, SIZE_MAX / 4 + 1);
	cap = 0;
	assert_int_equal(hl_arena_grow(&a, &v, &cap, 0, SIZE_MAX / 2, 16), HL_E_NOMEM);
	assert_int_equal(cap, 0);
	hl_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(alloc_is_zeroed_and_aligned),
		cmocka_unit_test(grow_keeps_pointers),
		cmocka_unit_test(grow_copies_elements),
		cmocka_unit_test(grow_refuses_overflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
