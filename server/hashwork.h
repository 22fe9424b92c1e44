/* Argon2id password hashing on worker threads, off the domain loop. */
#ifndef HL_HASHWORK_H
#define HL_HASHWORK_H

#include <stdint.h>

#include "broker.h"
#include "pwfile.h"
#include "store_user.h"

enum { HL_HASH_VERIFY = 1, HL_HASH_MAKE = 2 };

/* One hashing job and what the loop needs to carry on after it. */
typedef struct hl_hash_job {
	struct hl_hash_job *next;
	int kind;
	char pwhash[HL_PWHASH_MAX + 1];   /* verify: the stored hash; make: the result */
	char password[HL_PASSWORD_MAX + 1];
	int ok;                            /* verify: matched; make: hashed */
	void (*done)(hl_broker *b, struct hl_hash_job *j);  /* on the loop */
	hl_net_req *req;
	uint64_t id;
	hl_user user;
	int user_found;
	char actor[HL_NAME_MAX + 1];
	char login[HL_NAME_MAX + 1];      /* verify: the name as typed (the throttle's key) */
	char peer[48];
	uint64_t sid;
} hl_hash_job;

/* Starts `threads` workers that post finished jobs to `loop` as
 * HL_ITEM_HASHED. Returns 0 or a negative code. */
int hl_hashwork_start(hl_hashwork **out, hl_loop *loop, int threads);

/* Queues a job; the loop gets it back when done. Returns 0 or HL_E_CLOSED. */
int hl_hashwork_submit(hl_hashwork *hw, hl_hash_job *j);

/* Stops the workers; queued jobs are freed without running `done`. */
void hl_hashwork_stop(hl_hashwork *hw);

/* Hashes synchronously (for init). Returns 0 or HL_E_NOMEM. */
int hl_hashwork_make(const char *password, char out[HL_PWHASH_MAX + 1]);

#endif
