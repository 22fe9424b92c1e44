/* Rate limits of the web chat: token buckets per connection and per source
 * address. Pure: no I/O, no clock (every call takes `now`). */
#ifndef HL_WEBRATE_H
#define HL_WEBRATE_H

#include <stddef.h>
#include <stdint.h>

/* A bucket holds up to `burst` tokens and gains `per_min` a minute. */
typedef struct hl_webrate_rule {
	double burst;
	double per_min;
} hl_webrate_rule;

typedef struct hl_webrate_bucket {
	double tokens;
	int64_t last_ms;     /* 0: never used (starts full) */
} hl_webrate_bucket;

/* What is limited; each has a rule per connection and per address. */
typedef enum hl_webrate_kind {
	HL_WEBRATE_LINE,     /* any line a visitor sends */
	HL_WEBRATE_VISITOR,  /* a hello that starts a new visitor */
	HL_WEBRATE_START,    /* a conversation started */
	HL_WEBRATE_MSG,      /* a chat line stored */
	HL_WEBRATE_LEFT,     /* a message left outside business hours */
	HL_WEBRATE_KINDS
} hl_webrate_kind;

/* The default rules (docs/webchat.md, "Limits"). */
extern const hl_webrate_rule hl_webrate_per_conn[HL_WEBRATE_KINDS];
extern const hl_webrate_rule hl_webrate_per_addr[HL_WEBRATE_KINDS];

/* Takes one token at `now` (ms). Returns 0, or the milliseconds until one
 * will be there (> 0) and takes nothing. A clock that went back is read as
 * no time passed. */
int64_t hl_webrate_take(hl_webrate_bucket *b, const hl_webrate_rule *r, int64_t now);

/* Gives back a token taken by hl_webrate_take (the line was not used). */
void hl_webrate_refund(hl_webrate_bucket *b, const hl_webrate_rule *r);

/* One connection's (or one address's) buckets. */
typedef struct hl_webrate_set {
	hl_webrate_bucket b[HL_WEBRATE_KINDS];
} hl_webrate_set;

/* Takes one `kind` token from both the connection's and the address's set
 * (neither if either is empty); the address's rule is the default times
 * `addr_factor` (>= 1). Returns 0 or the ms to wait. */
int64_t hl_webrate_take2(hl_webrate_set *conn, hl_webrate_set *addr, hl_webrate_kind kind,
			 double addr_factor, int64_t now);

/* Per source address: a bounded table of sets, keyed by the address text. */
typedef struct hl_webrate_addrs hl_webrate_addrs;

/* A table of at most `max` addresses; NULL when out of memory. */
hl_webrate_addrs *hl_webrate_addrs_new(size_t max);
void hl_webrate_addrs_free(hl_webrate_addrs *t);

/* The set for `addr` (created at `now` if new). When the table is full of
 * addresses seen within `idle_ms`, every new one shares one overflow set,
 * so a flood of addresses is limited as one. Never NULL. */
hl_webrate_set *hl_webrate_addrs_get(hl_webrate_addrs *t, const char *addr, int64_t now);

/* Forgets addresses not seen since `now - idle_ms`; returns how many. */
size_t hl_webrate_addrs_sweep(hl_webrate_addrs *t, int64_t now, int64_t idle_ms);

/* How many addresses the table holds. */
size_t hl_webrate_addrs_count(const hl_webrate_addrs *t);

#endif
