/* Login throttling with penalties per source, as OpenSSH's
 * PerSourcePenalties: failed attempts add penalty time to their source
 * address, which runs down with time; a source whose penalty reaches a
 * threshold is refused until it has run down. An account is never locked:
 * under a guessing attack on it, only the sources that already failed on
 * it are held back. Attempts are counted when they start, and the attempts
 * in flight are bounded per source, per account and in total. Pure: no
 * clock, no I/O. */
#ifndef HL_THROTTLE_H
#define HL_THROTTLE_H

#include <stddef.h>
#include <stdint.h>

typedef struct hl_throttle hl_throttle;

typedef struct hl_throttle_limits {
	int64_t fail_ms;          /* penalty one failed attempt adds (5 s) */
	int64_t source_min_ms;    /* a source is refused once its penalty reaches this (20 s) */
	int64_t max_ms;           /* no penalty grows past this (10 min) */
	int64_t account_min_ms;   /* an account whose failures add up to this is under
				   * attack (2 min: 24 quick failures) */
	int64_t busy_retry_ms;    /* what an attempt refused for concurrency is told (500 ms) */
	int source_inflight;      /* attempts being checked at once, per source (2) */
	int account_inflight;     /* ... per account (4) */
	int total_inflight;       /* ... in all (8: a few hash times of queue) */
} hl_throttle_limits;

/* Why an attempt was refused. */
enum {
	HL_THROTTLE_OK = 0,
	HL_THROTTLE_SOURCE,   /* too many failed attempts from this source */
	HL_THROTTLE_ACCOUNT,  /* the account is under attack and this source failed on it */
	HL_THROTTLE_BUSY,     /* too many attempts in flight */
};

typedef struct hl_throttle_verdict {
	int why;              /* HL_THROTTLE_… */
	int64_t retry_ms;     /* when an attempt can come again (> 0 when refused) */
	int log;              /* 1 when this refusal is worth a log line (the first
			       * of a penalty, then at powers of two) */
} hl_throttle_verdict;

/* The defaults above. */
void hl_throttle_limits_default(hl_throttle_limits *l);

/* Creates an empty table with limits `l` (NULL: the defaults); NULL when
 * memory runs out. */
hl_throttle *hl_throttle_new(const hl_throttle_limits *l);
void hl_throttle_free(hl_throttle *t);

/* An attempt for `user` from `peer` at `now` wants to start. Returns 0 when
 * it may: it is then counted as a failure and as in flight until
 * hl_throttle_end. Otherwise returns HL_E_THROTTLED with *v saying why and
 * when to come back; nothing is counted. */
int hl_throttle_begin(hl_throttle *t, const char *user, const char *peer, int64_t now,
		      hl_throttle_verdict *v);

/* The attempt begun at `now`… ended: `ok` when the password was right, which
 * takes its provisional failure back. Every hl_throttle_begin that returned
 * 0 gets exactly one hl_throttle_end. */
void hl_throttle_end(hl_throttle *t, const char *user, const char *peer, int ok, int64_t now);

/* The penalty left on `peer`'s source at `now`, in ms (for logs and tests). */
int64_t hl_throttle_penalty(hl_throttle *t, const char *peer, int64_t now);

/* The source an address counts as: IPv4 addresses and names as they are,
 * IPv6 addresses by their /64 (one customer's network), into `out`. */
void hl_throttle_source(const char *peer, char *out, size_t cap);

#endif
