/* Sliding replay window for explicit transport nonces (as WireGuard keeps). */
#ifndef HL_REPLAY_H
#define HL_REPLAY_H

#include <stdint.h>

#define HL_REPLAY_WINDOW 2048  /* nonces below the highest seen that still pass */

typedef struct hl_replay {
	uint64_t top;  /* highest accepted nonce + 1; 0 while none accepted */
	uint64_t bits[HL_REPLAY_WINDOW / 64];
} hl_replay;

/* Empties the window. */
void hl_replay_init(hl_replay *w);

/* Returns 0 if `nonce` may be accepted (new, possibly reordered within the
 * window), HL_E_REPLAY if it was accepted before or is older than the
 * window. Does not change the window: call it before authenticating. */
int hl_replay_check(const hl_replay *w, uint64_t nonce);

/* Marks `nonce` accepted; call only after the frame authenticated and
 * hl_replay_check passed. */
void hl_replay_accept(hl_replay *w, uint64_t nonce);

#endif
