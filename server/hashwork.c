/* Argon2id on worker threads: a hash costs tens of milliseconds and 64 MiB,
 * which the domain loop must never wait for. */
#include "hashwork.h"

#include <pthread.h>
#include <stdlib.h>

#include <string.h>

#include <sodium.h>

#include "error.h"
#include "loop.h"

#define MAX_THREADS 4

struct hl_hashwork {
	hl_loop *loop;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	hl_hash_job *head, **tail;
	int stop;
	int n;
	pthread_t th[MAX_THREADS];
};

int hl_hashwork_make(const char *password, char out[HL_PWHASH_MAX + 1])
{
	/* The interactive limits: about 64 MiB and tens of ms per hash. */
	if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return HL_E_NOMEM;
	return 0;
}

static void run(hl_hash_job *j)
{
	if (j->kind == HL_HASH_VERIFY)
		j->ok = crypto_pwhash_str_verify(j->pwhash, j->password, strlen(j->password)) == 0;
	else
		j->ok = hl_hashwork_make(j->password, j->pwhash) == 0;
	sodium_memzero(j->password, sizeof j->password);
}

static void *worker(void *arg)
{
	hl_hashwork *hw = arg;

	for (;;) {
		hl_hash_job *j;
		pthread_mutex_lock(&hw->mu);
		while (!hw->head && !hw->stop)
			pthread_cond_wait(&hw->cv, &hw->mu);
		if (hw->stop) {
			pthread_mutex_unlock(&hw->mu);
			return NULL;
		}
		j = hw->head;
		hw->head = j->next;
		if (!hw->head)
			hw->tail = &hw->head;
		pthread_mutex_unlock(&hw->mu);
		run(j);
		if (hl_loop_post(hw->loop, HL_ITEM_HASHED, j) < 0)
			free(j);
	}
}

int hl_hashwork_start(hl_hashwork **out, hl_loop *loop, int threads)
{
	hl_hashwork *hw = calloc(1, sizeof *hw);

	if (!hw)
		return HL_E_NOMEM;
	if (sodium_init() < 0) {
		free(hw);
		return HL_E_INTERNAL;
	}
	hw->loop = loop;
	hw->tail = &hw->head;
	pthread_mutex_init(&hw->mu, NULL);
	pthread_cond_init(&hw->cv, NULL);
	if (threads > MAX_THREADS)
		threads = MAX_THREADS;
	for (; hw->n < threads; hw->n++)
		if (pthread_create(&hw->th[hw->n], NULL, worker, hw) != 0)
			break;
	if (hw->n == 0) {
		free(hw);
		return HL_E_INTERNAL;
	}
	*out = hw;
	return 0;
}

int hl_hashwork_submit(hl_hashwork *hw, hl_hash_job *j)
{
	pthread_mutex_lock(&hw->mu);
	if (hw->stop) {
		pthread_mutex_unlock(&hw->mu);
		return HL_E_CLOSED;
	}
	j->next = NULL;
	*hw->tail = j;
	hw->tail = &j->next;
	pthread_cond_signal(&hw->cv);
	pthread_mutex_unlock(&hw->mu);
	return 0;
}

void hl_hashwork_stop(hl_hashwork *hw)
{
	hl_hash_job *j, *next;

	if (!hw)
		return;
	pthread_mutex_lock(&hw->mu);
	hw->stop = 1;
	pthread_cond_broadcast(&hw->cv);
	pthread_mutex_unlock(&hw->mu);
	for (int i = 0; i < hw->n; i++)
		pthread_join(hw->th[i], NULL);
	for (j = hw->head; j; j = next) {
		next = j->next;
		sodium_memzero(j->password, sizeof j->password);
		free(j);
	}
	pthread_mutex_destroy(&hw->mu);
	pthread_cond_destroy(&hw->cv);
	free(hw);
}
