/* Tests for server/readpool.c: jobs run on workers with read-only
 * connections that a writer's open transaction does not block, results
 * reach the loop in the order the reads finish, a full queue refuses at
 * once, and stopping interrupts a long read and drops what waits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <pthread.h>

#include "error.h"
#include "loop.h"
#include "module.h"
#include "readpool.h"
#include "store.h"

#define MAX_JOBS 16

/* One test's world: a writer's store, a loop and what the jobs saw. */
static struct world {
	char dir[64], path[128];
	hl_store *writer;
	hl_loop *loop;
	hl_readpool *pool;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int gate_open;        /* a gated job may finish */
	int started;          /* jobs that began running */
	int order[MAX_JOBS];  /* job numbers in the order the loop got them */
	int n_done, want_done;
	int n_dropped;
} W;

struct job {
	hl_read_job base;
	int no;
	int gated;            /* waits for the gate before returning */
	int long_read;        /* reads until interrupted (30 s at most) */
	int opens_gate;       /* its completion on the loop opens the gate */
	void (*after)(struct job *j);  /* also run at its completion, on the loop */
	struct job *next_job; /* for `after` */
	char value[32];       /* meta 'k' as the job read it */
	int read_rc, write_rc, sql_rc;
	pthread_t thread;
};

static void job_run(hl_read_job *base, hl_store *st)
{
	struct job *j = (struct job *)base;
	time_t until = time(NULL) + 30;

	j->thread = pthread_self();
	pthread_mutex_lock(&W.mu);
	W.started++;
	pthread_cond_broadcast(&W.cv);
	pthread_mutex_unlock(&W.mu);
	j->read_rc = hl_store_meta_get(st, "k", j->value, sizeof j->value);
	j->write_rc = hl_store_meta_set(st, "k", "written by a reader");
	while (j->long_read && j->sql_rc != SQLITE_INTERRUPT && time(NULL) < until)
		j->sql_rc = sqlite3_exec(hl_store_db(st), "WITH RECURSIVE c(x) AS (SELECT 1 UNION "
					 "ALL SELECT x+1 FROM c WHERE x<200000) SELECT count(*) FROM c",
					 NULL, NULL, NULL);
	pthread_mutex_lock(&W.mu);
	while (j->gated && !W.gate_open)
		pthread_cond_wait(&W.cv, &W.mu);
	pthread_mutex_unlock(&W.mu);
}

static void open_gate(void)
{
	pthread_mutex_lock(&W.mu);
	W.gate_open = 1;
	pthread_cond_broadcast(&W.cv);
	pthread_mutex_unlock(&W.mu);
}

static void job_done(hl_broker *b, hl_read_job *base)
{
	struct job *j = (struct job *)base;

	(void)b;
	W.order[W.n_done++] = j->no;
	if (j->opens_gate)
		open_gate();
	if (j->after)
		j->after(j);
	if (W.n_done == W.want_done)
		hl_loop_stop(W.loop);
}

static void job_drop(hl_read_job *base)
{
	(void)base;
	W.n_dropped++;
}

static void on_item(void *arg, int kind, void *ptr, int64_t now)
{
	(void)arg;
	(void)now;
	assert_int_equal(kind, 7);
	hl_readpool_finish(NULL, ptr);
}

static void on_begin(void *arg, int64_t now)
{
	(void)arg;
	(void)now;
}

static int64_t on_end(void *arg, int64_t now)
{
	(void)arg;
	/* A bound, so a lost result fails the test instead of hanging it. */
	return now + 30000;
}

static const hl_loop_ops ops = {.item = on_item, .turn_begin = on_begin, .turn_end = on_end};

static void drop_item(int kind, void *ptr)
{
	(void)kind;
	hl_readpool_drop(ptr);
}

static void job_init(struct job *j, int no)
{
	memset(j, 0, sizeof *j);
	j->no = no;
	j->base.run = job_run;
	j->base.done = job_done;
	j->base.drop = job_drop;
}

/* Runs the loop until `n` results came back (30 s at most). A loop runs
 * once: what a test does between results it does in `after`. */
static void run_until(int n)
{
	W.want_done = n;
	hl_loop_run(W.loop);
	assert_int_equal(W.n_done, n);
}

/* Commits the writer's open transaction and asks for the next read. */
static void commit_then_read(struct job *j)
{
	assert_int_equal(hl_store_commit(W.writer), 0);
	assert_int_equal(hl_readpool_submit(W.pool, &j->next_job->base), 0);
}

/* The queue has room again: the job refused before is taken now. */
static void submit_next(struct job *j)
{
	assert_int_equal(hl_readpool_submit(W.pool, &j->next_job->base), 0);
}

static void wait_started(int n)
{
	pthread_mutex_lock(&W.mu);
	while (W.started < n)
		pthread_cond_wait(&W.cv, &W.mu);
	pthread_mutex_unlock(&W.mu);
}

static int setup(void **state)
{
	(void)state;
	memset(&W, 0, sizeof W);
	pthread_mutex_init(&W.mu, NULL);
	pthread_cond_init(&W.cv, NULL);
	snprintf(W.dir, sizeof W.dir, "/tmp/hl-test-readpool-XXXXXX");
	if (!mkdtemp(W.dir))
		return -1;
	snprintf(W.path, sizeof W.path, "%s/hotline.db", W.dir);
	if (hl_store_open(W.path, &W.writer) != 0)
		return -1;
	hl_store_begin(W.writer);
	if (hl_store_meta_set(W.writer, "k", "v1") < 0 || hl_store_commit(W.writer) < 0)
		return -1;
	return hl_loop_new(&W.loop, &ops, NULL);
}

static int teardown(void **state)
{
	char p[192];

	(void)state;
	hl_readpool_stop(W.pool);
	hl_loop_free(W.loop, drop_item);
	hl_store_close(W.writer);
	for (const char *const *s = (const char *const[]){"", "-wal", "-shm", NULL}; *s; s++) {
		snprintf(p, sizeof p, "%s%s", W.path, *s);
		unlink(p);
	}
	rmdir(W.dir);
	pthread_mutex_destroy(&W.mu);
	pthread_cond_destroy(&W.cv);
	return 0;
}

/* Every job runs on a worker, reads the database and may not write it. */
static void test_jobs_run_read_only(void **state)
{
	struct job j[8];

	(void)state;
	assert_int_equal(hl_readpool_start(&W.pool, W.loop, 7, W.path, 2, 16), 0);
	for (int i = 0; i < 8; i++) {
		job_init(&j[i], i);
		assert_int_equal(hl_readpool_submit(W.pool, &j[i].base), 0);
	}
	run_until(8);
	for (int i = 0; i < 8; i++) {
		assert_int_equal(j[i].read_rc, 0);
		assert_string_equal(j[i].value, "v1");
		assert_int_not_equal(j[i].write_rc, 0);
		assert_false(pthread_equal(j[i].thread, pthread_self()));
	}
	assert_int_equal(W.n_dropped, 0);
}

/* A writer in the middle of a transaction does not hold a reader up: the
 * reader sees the last commit, and the next read sees the writer's. */
static void test_writer_does_not_block_readers(void **state)
{
	struct job a, b;
	char v[32];

	(void)state;
	assert_int_equal(hl_readpool_start(&W.pool, W.loop, 7, W.path, 1, 4), 0);
	hl_store_begin(W.writer);
	assert_int_equal(hl_store_meta_set(W.writer, "k", "v2"), 0);
	job_init(&a, 1);
	job_init(&b, 2);
	a.after = commit_then_read;
	a.next_job = &b;
	assert_int_equal(hl_readpool_submit(W.pool, &a.base), 0);
	run_until(2);
	assert_string_equal(a.value, "v1");
	assert_string_equal(b.value, "v2");
	/* The reader's try to write changed nothing. */
	hl_store_begin(W.writer);
	assert_int_equal(hl_store_meta_get(W.writer, "k", v, sizeof v), 0);
	hl_store_commit(W.writer);
	assert_string_equal(v, "v2");
}

/* Results come back as reads finish, not as they were asked: job 0 waits
 * until job 1's result has reached the loop. */
static void test_results_in_completion_order(void **state)
{
	struct job a, b;

	(void)state;
	assert_int_equal(hl_readpool_start(&W.pool, W.loop, 7, W.path, 2, 4), 0);
	job_init(&a, 0);
	a.gated = 1;
	job_init(&b, 1);
	b.opens_gate = 1;
	assert_int_equal(hl_readpool_submit(W.pool, &a.base), 0);
	assert_int_equal(hl_readpool_submit(W.pool, &b.base), 0);
	run_until(2);
	assert_int_equal(W.order[0], 1);
	assert_int_equal(W.order[1], 0);
}

/* With the one worker busy and the queue full, the next job is refused at
 * once ("busy, retry"); the ones taken all run. */
static void test_full_queue_refuses(void **state)
{
	struct job j[4];

	(void)state;
	assert_int_equal(hl_readpool_start(&W.pool, W.loop, 7, W.path, 1, 2), 0);
	for (int i = 0; i < 4; i++)
		job_init(&j[i], i);
	j[0].gated = 1;
	assert_int_equal(hl_readpool_submit(W.pool, &j[0].base), 0);
	wait_started(1);
	assert_int_equal(hl_readpool_submit(W.pool, &j[1].base), 0);
	assert_int_equal(hl_readpool_submit(W.pool, &j[2].base), 0);
	assert_int_equal(hl_readpool_submit(W.pool, &j[3].base), HL_E_THROTTLED);
	assert_int_equal(W.started, 1);
	j[2].after = submit_next;
	j[2].next_job = &j[3];
	open_gate();
	run_until(4);
	for (int i = 0; i < 4; i++)
		assert_int_equal(W.order[i], i);
}

/* Stopping with a long read running and two waiting: the read is
 * interrupted, the waiting jobs are dropped without running, and the
 * interrupted one's result is left to the loop, which drops it too. */
static void test_stop_with_jobs_pending(void **state)
{
	struct job j[3];

	(void)state;
	assert_int_equal(hl_readpool_start(&W.pool, W.loop, 7, W.path, 1, 8), 0);
	for (int i = 0; i < 3; i++) {
		job_init(&j[i], i);
		assert_int_equal(hl_readpool_submit(W.pool, &j[i].base), 0);
	}
	j[0].long_read = 1;
	wait_started(1);
	hl_readpool_stop(W.pool);
	W.pool = NULL;
	assert_int_equal(j[0].sql_rc, SQLITE_INTERRUPT);
	assert_int_equal(W.started, 1);
	assert_int_equal(W.n_dropped, 2);
	assert_int_equal(W.n_done, 0);
	hl_loop_free(W.loop, drop_item);
	W.loop = NULL;
	assert_int_equal(W.n_dropped, 3);
}

/* Settings out of range are refused; the defaults are 2 workers and 64. */
static void test_config(void **state)
{
	(void)state;
	assert_non_null(hl_mod_readpool.config_key);
	hl_mod_readpool.config_defaults();
	assert_int_equal(hl_readpool_workers(), 2);
	assert_int_equal(hl_readpool_queue_max(), 64);
	assert_int_equal(hl_mod_readpool.config_key("read_workers", "4"), 1);
	assert_int_equal(hl_readpool_workers(), 4);
	assert_int_equal(hl_mod_readpool.config_key("read_workers", "0"), 0);
	assert_int_equal(hl_mod_readpool.config_key("read_workers", "17"), 0);
	assert_int_equal(hl_mod_readpool.config_key("read_workers", "3x"), 0);
	assert_int_equal(hl_mod_readpool.config_key("read_workers", ""), 0);
	assert_int_equal(hl_mod_readpool.config_key("read_queue", "1"), 1);
	assert_int_equal(hl_mod_readpool.config_key("read_queue", "-5"), 0);
	assert_int_equal(hl_mod_readpool.config_key("read_speed", "1"), 0);
	assert_int_equal(hl_readpool_workers(), 4);
	assert_int_equal(hl_readpool_queue_max(), 1);
	hl_mod_readpool.config_defaults();
}

/* A database that is not there stops the start, leaving nothing running. */
static void test_missing_database(void **state)
{
	hl_readpool *p = NULL;

	(void)state;
	assert_int_equal(hl_readpool_start(&p, W.loop, 7, "/nonexistent/hotline.db", 2, 4),
			 HL_E_IO);
	assert_null(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_jobs_run_read_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_writer_does_not_block_readers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_results_in_completion_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_full_queue_refuses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop_with_jobs_pending, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_database, setup, teardown),
		cmocka_unit_test(test_config),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
