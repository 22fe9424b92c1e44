/* Tests the hand-off from the network threads: order kept, the pipe wakes
 * the reader and empties as it reads, many writers at once lose nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "evqueue.h"

#define WRITERS 4
#define EACH 5000

static int readable(hl_evq *q, int ms)
{
	struct pollfd p = {.fd = hl_evq_fd(q), .events = POLLIN};

	return poll(&p, 1, ms);
}

static void test_order_and_wake(void **state)
{
	hl_evq q;
	hl_evq_item *it;

	(void)state;
	assert_int_equal(hl_evq_init(&q), 0);
	assert_int_equal(readable(&q, 0), 0);
	assert_null(hl_evq_pop(&q));
	for (int i = 0; i < 3; i++) {
		it = hl_evq_item_new(HL_EVQ_REPLY);
		it->tag = i;
		it->ctx = strdup("kept");
		hl_evq_push(&q, it);
	}
	assert_int_equal(readable(&q, 0), 1);
	for (int i = 0; i < 3; i++) {
		it = hl_evq_pop(&q);
		assert_non_null(it);
		assert_int_equal(it->tag, i);
		assert_string_equal(it->ctx, "kept");
		hl_evq_item_free(it);
	}
	assert_null(hl_evq_pop(&q));
	/* Read to the end: the next wait blocks again. */
	assert_int_equal(readable(&q, 0), 0);
	it = hl_evq_item_new(HL_EVQ_POLL_ERROR);
	hl_evq_push(&q, it);
	hl_evq_free(&q);  /* frees what is left */
}

static void *writer(void *arg)
{
	hl_evq *q = arg;

	for (int i = 0; i < EACH; i++) {
		hl_evq_item *it = hl_evq_item_new(HL_EVQ_EVENTS);
		it->tag = i;
		hl_evq_push(q, it);
	}
	return NULL;
}

static void test_threads(void **state)
{
	hl_evq q;
	pthread_t t[WRITERS];
	int got = 0, idle = 0;

	(void)state;
	assert_int_equal(hl_evq_init(&q), 0);
	for (int i = 0; i < WRITERS; i++)
		pthread_create(&t[i], NULL, writer, &q);
	while (got < WRITERS * EACH && idle < 50) {
		hl_evq_item *it;
		if (readable(&q, 100) <= 0) {
			idle++;
			continue;
		}
		while ((it = hl_evq_pop(&q))) {
			got++;
			hl_evq_item_free(it);
		}
	}
	for (int i = 0; i < WRITERS; i++)
		pthread_join(t[i], NULL);
	{
		hl_evq_item *it;
		while ((it = hl_evq_pop(&q))) {
			got++;
			hl_evq_item_free(it);
		}
	}
	assert_int_equal(got, WRITERS * EACH);
	hl_evq_free(&q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_and_wake),
		cmocka_unit_test(test_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
