/* A fresh store in a temporary directory for each test of a store module,
 * removed after it (the database, its WAL and shared memory). */
#ifndef HL_TEST_STORE_FIXTURE_H
#define HL_TEST_STORE_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "store.h"

typedef struct fixture {
	char dir[64];
	char path[128];
	hl_store *st;
} fixture;

static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof *fx);

	if (!fx)
		return -1;
	snprintf(fx->dir, sizeof fx->dir, "/tmp/hl-test-store-XXXXXX");
	if (!mkdtemp(fx->dir)) {
		free(fx);
		return -1;
	}
	snprintf(fx->path, sizeof fx->path, "%s/hotline.db", fx->dir);
	if (hl_store_open(fx->path, &fx->st) != 0) {
		rmdir(fx->dir);
		free(fx);
		return -1;
	}
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	char p[160];
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};

	hl_store_close(fx->st);
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		snprintf(p, sizeof p, "%s%s", fx->path, suffix[i]);
		unlink(p);
	}
	rmdir(fx->dir);
	free(fx);
	return 0;
}

#endif
