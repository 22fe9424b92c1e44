/* Login throttling: failures per user and per peer slow the next attempt
 * down exponentially. Pure: no clock, no I/O. */
#ifndef HL_THROTTLE_H
#define HL_THROTTLE_H

#include <stdint.h>

typedef struct hl_throttle hl_throttle;

#define HL_THROTTLE_BASE_MS 250     /* delay after the first failure */
#define HL_THROTTLE_MAX_MS 60000    /* the delay never grows past this */
#define HL_THROTTLE_FORGET_MS (15 * 60 * 1000)  /* failures older than this are forgotten */

/* Creates an empty table; NULL when memory runs out. */
hl_throttle *hl_throttle_new(void);
void hl_throttle_free(hl_throttle *t);

/* Milliseconds an attempt for `user` from `peer` at `now` must wait before
 * it is checked: 0, or up to HL_THROTTLE_MAX_MS after repeated failures. */
int64_t hl_throttle_wait(hl_throttle *t, const char *user, const char *peer, int64_t now);

/* Records a failure; returns the failures in a row for this user now. */
int hl_throttle_fail(hl_throttle *t, const char *user, const char *peer, int64_t now);

/* A success clears the user's and the peer's record. */
void hl_throttle_ok(hl_throttle *t, const char *user, const char *peer);

/* The delay after `fails` failures in a row: 0 for none, then
 * BASE·2^(fails−1) capped at MAX. */
int64_t hl_throttle_delay(int fails);

#endif
