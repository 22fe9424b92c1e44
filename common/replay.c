/* The sliding replay window for explicit transport nonces: a ring bitmap
 * indexed by nonce modulo the window, as WireGuard and RFC 6479 keep it. */
#include "replay.h"

#include <string.h>

#include "error.h"

#define WORD_BITS 64u

_Static_assert(HL_REPLAY_WINDOW % WORD_BITS == 0, "the window is whole 64-bit words");

/*
 * Invariant: for every nonce n in [top - WINDOW, top) (clipped at 0), bit
 * n % WINDOW says whether n was accepted; every other nonce maps to a bit
 * that belongs to one of those. So the window holds the highest accepted
 * nonce and the WINDOW - 1 below it; anything older is rejected unseen.
 *
 * UINT64_MAX is always rejected: accepting it would make top wrap to 0 and
 * reopen the whole nonce space. Noise reserves that nonce anyway, and a
 * sender counting from 0 never reaches it.
 */

static int bit_get(const hl_replay *w, uint64_t n)
{
	uint64_t i = n % HL_REPLAY_WINDOW;

	return (int)((w->bits[i / WORD_BITS] >> (i % WORD_BITS)) & 1u);
}

static void bit_set(hl_replay *w, uint64_t n)
{
	uint64_t i = n % HL_REPLAY_WINDOW;

	w->bits[i / WORD_BITS] |= (uint64_t)1 << (i % WORD_BITS);
}

static void bit_clear(hl_replay *w, uint64_t n)
{
	uint64_t i = n % HL_REPLAY_WINDOW;

	w->bits[i / WORD_BITS] &= ~((uint64_t)1 << (i % WORD_BITS));
}

void hl_replay_init(hl_replay *w)
{
	memset(w, 0, sizeof *w);
}

int hl_replay_check(const hl_replay *w, uint64_t nonce)
{
	if (nonce == UINT64_MAX)
		return HL_E_REPLAY;
	if (nonce >= w->top)
		return 0;
	/* Written as a difference so it cannot wrap while top < WINDOW. */
	if (w->top - nonce > HL_REPLAY_WINDOW)
		return HL_E_REPLAY;
	return bit_get(w, nonce) ? HL_E_REPLAY : 0;
}

void hl_replay_accept(hl_replay *w, uint64_t nonce)
{
	/* Callers must check first; refusing here too keeps a misuse from
	 * marking the bit of a different, still-live nonce. */
	if (hl_replay_check(w, nonce) != 0)
		return;
	if (nonce >= w->top) {
		/* The bits of [top, nonce] still describe nonces a window older;
		 * forget them as the window slides over. */
		if (nonce - w->top >= HL_REPLAY_WINDOW) {
			memset(w->bits, 0, sizeof w->bits);
		} else {
			for (uint64_t n = w->top; n <= nonce; n++)
				bit_clear(w, n);
		}
		w->top = nonce + 1;
	}
	bit_set(w, nonce);
}
