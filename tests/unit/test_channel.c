/* Tests for common/channel.c over memory buffers: the handshake carries both
 * hellos, sealed frames open once and only once, and any tampering, replay,
 * truncation or wrong pinned key is refused. */
#define _GNU_SOURCE  /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pthread.h>

#include "channel.h"
#include "error.h"

#define SID 0x0123456789ABCDEFu

static const uint8_t hello[] = "client hello: hotline-ctl 0.1";
static const uint8_t reply[] = "broker hello: hotline-broker 0.1";

/* One completed handshake: both ends and the responder's keys. */
typedef struct pair {
	uint8_t s_pub[32], s_priv[32];
	hl_chan cli, srv;
} pair;

/* A copy of `len` bytes in a heap block of exactly that size, so ASan
 * catches any read past the end. */
static uint8_t *dup_exact(const uint8_t *p, size_t len)
{
	uint8_t *b = malloc(len ? len : 1);

	assert_non_null(b);
	if (len)
		memcpy(b, p, len);
	return b;
}

/* Runs the whole handshake in memory with session id `sid`, checking that
 * each side's payload arrives intact. */
static void handshake(pair *p, uint64_t sid)
{
	hl_chan_hs chs, shs;
	uint8_t hs1[HL_FRAME_HS1_HDR + sizeof hello + HL_NOISE_HS_OVERHEAD];
	uint8_t hs2[HL_FRAME_HS2_HDR + sizeof reply + HL_NOISE_HS_OVERHEAD];
	uint8_t pl[HL_CHAN_HELLO_MAX];
	size_t n1, n2, plen;
	hl_frame f;

	assert_int_equal(hl_chan_client_start(&chs, p->s_pub, hello, sizeof hello, hs1,
					      sizeof hs1, &n1), 0);
	assert_int_equal(n1, sizeof hs1);
	assert_int_equal(hl_frame_decode(hs1, n1, &f), 0);
	assert_int_equal(f.kind, HL_FRAME_HS1);
	/* The hello travels encrypted. */
	assert_null(memmem(hs1, n1, hello, sizeof hello));

	assert_int_equal(hl_chan_server_read(&shs, p->s_priv, &f, pl, sizeof pl, &plen), 0);
	assert_int_equal(plen, sizeof hello);
	assert_memory_equal(pl, hello, sizeof hello);

	assert_int_equal(hl_chan_server_finish(&shs, sid, reply, sizeof reply, hs2, sizeof hs2,
					       &n2, &p->srv), 0);
	assert_int_equal(n2, sizeof hs2);
	assert_int_equal(hl_frame_decode(hs2, n2, &f), 0);
	assert_int_equal(f.kind, HL_FRAME_HS2);
	assert_int_equal(f.session, sid);
	assert_null(memmem(hs2, n2, reply, sizeof reply));

	memset(pl, 0, sizeof pl);
	assert_int_equal(hl_chan_client_finish(&chs, &f, pl, sizeof pl, &plen, &p->cli), 0);
	assert_int_equal(plen, sizeof reply);
	assert_memory_equal(pl, reply, sizeof reply);

	assert_int_equal(p->cli.sid, sid);
	assert_int_equal(p->srv.sid, sid);
	assert_memory_equal(p->cli.hash, p->srv.hash, HL_NOISE_HASHLEN);
}

static int setup(void **state)
{
	pair *p = calloc(1, sizeof *p);

	if (!p || hl_noise_keypair(p->s_pub, p->s_priv) != 0) {
		free(p);
		return -1;
	}
	*state = p;
	return 0;
}

static int setup_hs(void **state)
{
	if (setup(state) != 0)
		return -1;
	handshake(*state, SID);
	return 0;
}

static int teardown(void **state)
{
	pair *p = *state;

	hl_chan_destroy(&p->cli);
	hl_chan_destroy(&p->srv);
	free(p);
	return 0;
}

/* Seals `len` bytes on `from` into a fresh exact-size heap frame. */
static uint8_t *seal(hl_chan *from, const void *pt, size_t len, size_t *flen)
{
	uint8_t *buf;

	*flen = HL_CHAN_SEALED_LEN(len);
	buf = malloc(*flen);
	assert_non_null(buf);
	assert_int_equal(hl_chan_seal(from, pt, len, buf), 0);
	return buf;
}

/* Decodes and opens a frame on `to`; returns the first error, and on
 * success checks the plaintext equals `want`. */
static int open_frame(hl_chan *to, const uint8_t *buf, size_t len, const void *want,
		      size_t want_len)
{
	uint8_t *copy = dup_exact(buf, len);
	uint8_t *out;
	hl_frame f;
	int rc = hl_frame_decode(copy, len, &f);

	if (rc == 0) {
		out = malloc(f.body_len > HL_NOISE_TAGLEN ? f.body_len - HL_NOISE_TAGLEN : 1);
		assert_non_null(out);
		rc = hl_chan_open(to, &f, out);
		if (rc == 0 && want) {
			assert_int_equal(f.body_len - HL_NOISE_TAGLEN, want_len);
			if (want_len)
				assert_memory_equal(out, want, want_len);
		}
		free(out);
	}
	free(copy);
	return rc;
}

static void test_handshake(void **state)
{
	pair *p = *state;
	pair q;

	handshake(p, SID);
	/* Another handshake with the same broker key is another session. */
	memcpy(q.s_pub, p->s_pub, 32);
	memcpy(q.s_priv, p->s_priv, 32);
	handshake(&q, SID);
	assert_memory_not_equal(p->cli.hash, q.cli.hash, HL_NOISE_HASHLEN);
	hl_chan_destroy(&q.cli);
	hl_chan_destroy(&q.srv);
}

static void test_empty_hellos(void **state)
{
	pair *p = *state;
	hl_chan_hs chs, shs;
	uint8_t hs1[HL_FRAME_HS1_HDR + HL_NOISE_HS_OVERHEAD];
	uint8_t hs2[HL_FRAME_HS2_HDR + HL_NOISE_HS_OVERHEAD];
	uint8_t pl[16];
	size_t n1, n2, plen = 99;
	hl_frame f;

	/* Payloads may be empty: the frames are then exactly the minimum. */
	assert_int_equal(hl_chan_client_start(&chs, p->s_pub, NULL, 0, hs1, sizeof hs1, &n1), 0);
	assert_int_equal(hl_frame_decode(hs1, n1, &f), 0);
	assert_int_equal(hl_chan_server_read(&shs, p->s_priv, &f, pl, sizeof pl, &plen), 0);
	assert_int_equal(plen, 0);
	assert_int_equal(hl_chan_server_finish(&shs, 7, NULL, 0, hs2, sizeof hs2, &n2, &p->srv),
			 0);
	assert_int_equal(hl_frame_decode(hs2, n2, &f), 0);
	plen = 99;
	assert_int_equal(hl_chan_client_finish(&chs, &f, pl, sizeof pl, &plen, &p->cli), 0);
	assert_int_equal(plen, 0);
	assert_memory_equal(p->cli.hash, p->srv.hash, HL_NOISE_HASHLEN);
}

static void test_seal_open_both_ways(void **state)
{
	pair *p = *state;
	static const char up[] = "request: whoami";
	static const char down[] = "reply: you are alice";
	uint8_t *buf, *big;
	size_t len;

	buf = seal(&p->cli, up, sizeof up, &len);
	/* Nothing of the plaintext shows on the wire. */
	assert_null(memmem(buf, len, up, sizeof up));
	assert_int_equal(open_frame(&p->srv, buf, len, up, sizeof up), 0);
	free(buf);

	buf = seal(&p->srv, down, sizeof down, &len);
	assert_int_equal(open_frame(&p->cli, buf, len, down, sizeof down), 0);
	free(buf);

	/* Empty and large payloads. */
	buf = seal(&p->cli, "", 0, &len);
	assert_int_equal(len, HL_FRAME_DATA_HDR + HL_NOISE_TAGLEN);
	assert_int_equal(open_frame(&p->srv, buf, len, "", 0), 0);
	free(buf);

	big = malloc(200000);
	assert_non_null(big);
	for (size_t i = 0; i < 200000; i++)
		big[i] = (uint8_t)(i * 31 + 7);
	buf = seal(&p->srv, big, 200000, &len);
	assert_int_equal(open_frame(&p->cli, buf, len, big, 200000), 0);
	free(buf);
	free(big);

	/* Many in a row, alternating. */
	for (int i = 0; i < 100; i++) {
		char msg[32];
		int n = snprintf(msg, sizeof msg, "message %d", i);

		buf = seal(i % 2 ? &p->cli : &p->srv, msg, (size_t)n, &len);
		assert_int_equal(open_frame(i % 2 ? &p->srv : &p->cli, buf, len, msg, (size_t)n),
				 0);
		free(buf);
	}
}

static void test_nonce_and_session_in_header(void **state)
{
	pair *p = *state;
	uint8_t *a, *b;
	size_t la, lb;
	hl_frame fa, fb;

	a = seal(&p->cli, "x", 1, &la);
	b = seal(&p->cli, "x", 1, &lb);
	assert_int_equal(hl_frame_decode(a, la, &fa), 0);
	assert_int_equal(hl_frame_decode(b, lb, &fb), 0);
	assert_int_equal(fa.kind, HL_FRAME_DATA);
	assert_int_equal(fa.session, SID);
	assert_int_equal(fb.nonce, fa.nonce + 1);
	/* The same plaintext seals differently each time. */
	assert_memory_not_equal(fa.body, fb.body, fa.body_len);
	free(a);
	free(b);
}

static void test_replay_refused(void **state)
{
	pair *p = *state;
	uint8_t *buf;
	size_t len;

	buf = seal(&p->cli, "transfer", 8, &len);
	assert_int_equal(open_frame(&p->srv, buf, len, "transfer", 8), 0);
	assert_int_equal(open_frame(&p->srv, buf, len, NULL, 0), HL_E_REPLAY);
	assert_int_equal(open_frame(&p->srv, buf, len, NULL, 0), HL_E_REPLAY);
	free(buf);

	/* The other direction has its own window. */
	buf = seal(&p->srv, "ok", 2, &len);
	assert_int_equal(open_frame(&p->cli, buf, len, "ok", 2), 0);
	assert_int_equal(open_frame(&p->cli, buf, len, NULL, 0), HL_E_REPLAY);
	free(buf);
}

static void test_reordered_within_window(void **state)
{
	pair *p = *state;
	enum { N = 64 };
	uint8_t *f[N];
	size_t len[N];
	char msg[N][16];
	static const int order[] = {5, 0, 63, 1, 2, 40, 3, 4};

	for (int i = 0; i < N; i++) {
		snprintf(msg[i], sizeof msg[i], "frame %d", i);
		f[i] = seal(&p->cli, msg[i], strlen(msg[i]), &len[i]);
	}
	/* Some out of order first... */
	for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
		int i = order[k];
		assert_int_equal(open_frame(&p->srv, f[i], len[i], msg[i], strlen(msg[i])), 0);
		assert_int_equal(open_frame(&p->srv, f[i], len[i], NULL, 0), HL_E_REPLAY);
	}
	/* ...then the rest newest first: each is accepted exactly once. */
	for (int i = N - 1; i >= 0; i--) {
		int done = 0;

		for (size_t k = 0; k < sizeof order / sizeof order[0]; k++)
			done |= order[k] == i;
		assert_int_equal(open_frame(&p->srv, f[i], len[i], msg[i], strlen(msg[i])),
				 done ? HL_E_REPLAY : 0);
	}
	for (int i = 0; i < N; i++) {
		assert_int_equal(open_frame(&p->srv, f[i], len[i], NULL, 0), HL_E_REPLAY);
		free(f[i]);
	}
}

static void test_older_than_window(void **state)
{
	pair *p = *state;
	uint8_t *old0, *old1, *mid, *newest;
	size_t l0, l1, lm, ln;

	old0 = seal(&p->cli, "zero", 4, &l0);    /* nonce 0 */
	old1 = seal(&p->cli, "one", 3, &l1);     /* nonce 1 */
	atomic_store(&p->cli.tx_nonce, HL_REPLAY_WINDOW / 2);
	mid = seal(&p->cli, "mid", 3, &lm);
	atomic_store(&p->cli.tx_nonce, HL_REPLAY_WINDOW);
	newest = seal(&p->cli, "newest", 6, &ln); /* nonce WINDOW */

	assert_int_equal(open_frame(&p->srv, newest, ln, "newest", 6), 0);
	/* The window now holds nonces 1..WINDOW: 0 fell out of it, unseen. */
	assert_int_equal(open_frame(&p->srv, old0, l0, NULL, 0), HL_E_REPLAY);
	assert_int_equal(open_frame(&p->srv, old1, l1, "one", 3), 0);
	assert_int_equal(open_frame(&p->srv, mid, lm, "mid", 3), 0);
	assert_int_equal(open_frame(&p->srv, mid, lm, NULL, 0), HL_E_REPLAY);
	free(old0);
	free(old1);
	free(mid);
	free(newest);

	/* A long jump ahead makes everything before the window too old. */
	atomic_store(&p->cli.tx_nonce, 1000000);
	newest = seal(&p->cli, "far", 3, &ln);
	atomic_store(&p->cli.tx_nonce, 1000000 - HL_REPLAY_WINDOW - 5);
	old0 = seal(&p->cli, "stale", 5, &l0);
	assert_int_equal(open_frame(&p->srv, newest, ln, "far", 3), 0);
	assert_int_equal(open_frame(&p->srv, old0, l0, NULL, 0), HL_E_REPLAY);
	free(old0);
	free(newest);
}

static void test_bit_flips(void **state)
{
	pair *p = *state;
	static const char msg[] = "set-role alice admin";
	uint8_t *buf, *bad;
	size_t len;
	int rc;

	/* Nothing has been opened yet, so no flipped nonce can be a replay:
	 * every refusal below is the frame's own fault. */
	buf = seal(&p->cli, msg, sizeof msg, &len);
	bad = malloc(len);
	assert_non_null(bad);
	for (size_t byte = 0; byte < len; byte++) {
		for (int bit = 0; bit < 8; bit++) {
			hl_frame f;

			memcpy(bad, buf, len);
			bad[byte] ^= (uint8_t)(1u << bit);
			if (byte < 3) {
				/* Magic, version, kind: the frame is refused or is
				 * no DATA frame for this channel. */
				rc = open_frame(&p->srv, bad, len, NULL, 0);
				assert_int_not_equal(rc, 0);
				continue;
			}
			assert_int_equal(hl_frame_decode(bad, len, &f), 0);
			rc = open_frame(&p->srv, bad, len, NULL, 0);
			if (byte < 11) {
				/* Session id: not this channel's. */
				assert_int_equal(rc, HL_E_MALFORMED);
			} else {
				/* Nonce (authenticated as associated data) or body. */
				if (rc != HL_E_CRYPTO)
					print_error("byte %zu bit %d: %d\n", byte, bit, rc);
				assert_int_equal(rc, HL_E_CRYPTO);
			}
		}
	}
	/* None of the forgeries moved the window: the genuine frame opens. */
	assert_int_equal(open_frame(&p->srv, buf, len, msg, sizeof msg), 0);
	free(bad);
	free(buf);
}

static void test_header_moved(void **state)
{
	pair *p = *state;
	uint8_t *a, *b;
	size_t la, lb;

	/* Swapping the bodies of two frames fails: each body is bound to its
	 * own nonce. */
	a = seal(&p->cli, "aaaa", 4, &la);
	b = seal(&p->cli, "bbbb", 4, &lb);
	assert_int_equal(la, lb);
	memcpy(a + HL_FRAME_DATA_HDR, b + HL_FRAME_DATA_HDR, la - HL_FRAME_DATA_HDR);
	assert_int_equal(open_frame(&p->srv, a, la, NULL, 0), HL_E_CRYPTO);
	assert_int_equal(open_frame(&p->srv, b, lb, "bbbb", 4), 0);
	free(a);
	free(b);
}

static void test_reflection_and_other_session(void **state)
{
	pair *p = *state;
	pair q;
	uint8_t *buf;
	size_t len;

	/* A client frame sent back to the client does not open. */
	buf = seal(&p->cli, "hi", 2, &len);
	assert_int_equal(open_frame(&p->cli, buf, len, NULL, 0), HL_E_CRYPTO);

	/* Another session with the same id has other keys. */
	memcpy(q.s_pub, p->s_pub, 32);
	memcpy(q.s_priv, p->s_priv, 32);
	handshake(&q, SID);
	assert_int_equal(open_frame(&q.srv, buf, len, NULL, 0), HL_E_CRYPTO);
	/* The frame still opens where it belongs. */
	assert_int_equal(open_frame(&p->srv, buf, len, "hi", 2), 0);
	free(buf);
	hl_chan_destroy(&q.cli);
	hl_chan_destroy(&q.srv);

	/* And a session with another id refuses it before any crypto. */
	handshake(&q, SID + 1);
	buf = seal(&p->cli, "hi", 2, &len);
	assert_int_equal(open_frame(&q.srv, buf, len, NULL, 0), HL_E_MALFORMED);
	free(buf);
	hl_chan_destroy(&q.cli);
	hl_chan_destroy(&q.srv);
}

static void test_truncated(void **state)
{
	pair *p = *state;
	uint8_t *buf;
	size_t len;
	hl_frame f;

	buf = seal(&p->cli, "a reasonably long payload", 25, &len);
	for (size_t n = 0; n < len; n++) {
		uint8_t *cut = dup_exact(buf, n);
		int rc = hl_frame_decode(cut, n, &f);

		if (n < HL_FRAME_DATA_HDR + HL_NOISE_TAGLEN) {
			/* Too short for a header and a tag. */
			assert_int_not_equal(rc, 0);
		} else {
			/* Long enough to parse, but the tag no longer matches. */
			assert_int_equal(rc, 0);
			assert_int_equal(open_frame(&p->srv, cut, n, NULL, 0), HL_E_CRYPTO);
		}
		free(cut);
	}
	/* The whole frame was never spoilt. */
	assert_int_equal(open_frame(&p->srv, buf, len, "a reasonably long payload", 25), 0);
	free(buf);
}

static void test_truncated_handshake(void **state)
{
	pair *p = *state;
	hl_chan_hs chs, shs;
	uint8_t hs1[HL_FRAME_HS1_HDR + sizeof hello + HL_NOISE_HS_OVERHEAD];
	uint8_t pl[HL_CHAN_HELLO_MAX];
	size_t n1, plen;
	hl_frame f;

	assert_int_equal(hl_chan_client_start(&chs, p->s_pub, hello, sizeof hello, hs1,
					      sizeof hs1, &n1), 0);
	for (size_t n = 0; n < n1; n++) {
		uint8_t *cut = dup_exact(hs1, n);
		int rc = hl_frame_decode(cut, n, &f);

		if (rc == 0)
			rc = hl_chan_server_read(&shs, p->s_priv, &f, pl, sizeof pl, &plen);
		assert_int_not_equal(rc, 0);
		free(cut);
	}
	/* The whole message still works. */
	assert_int_equal(hl_frame_decode(hs1, n1, &f), 0);
	assert_int_equal(hl_chan_server_read(&shs, p->s_priv, &f, pl, sizeof pl, &plen), 0);
}

static void test_tampered_handshake(void **state)
{
	pair *p = *state;
	hl_chan_hs chs, shs;
	uint8_t hs1[HL_FRAME_HS1_HDR + sizeof hello + HL_NOISE_HS_OVERHEAD];
	uint8_t hs2[HL_FRAME_HS2_HDR + sizeof reply + HL_NOISE_HS_OVERHEAD];
	uint8_t pl[HL_CHAN_HELLO_MAX];
	size_t n1, n2, plen;
	hl_frame f;

	assert_int_equal(hl_chan_client_start(&chs, p->s_pub, hello, sizeof hello, hs1,
					      sizeof hs1, &n1), 0);
	/* A flipped bit in the client's encrypted hello. */
	hs1[n1 - 1] ^= 1;
	assert_int_equal(hl_frame_decode(hs1, n1, &f), 0);
	assert_int_equal(hl_chan_server_read(&shs, p->s_priv, &f, pl, sizeof pl, &plen),
			 HL_E_CRYPTO);
	hs1[n1 - 1] ^= 1;
	assert_int_equal(hl_chan_server_read(&shs, p->s_priv, &f, pl, sizeof pl, &plen), 0);
	assert_int_equal(hl_chan_server_finish(&shs, SID, reply, sizeof reply, hs2, sizeof hs2,
					       &n2, &p->srv), 0);
	/* A flipped bit in the broker's reply: the client refuses it. */
	hs2[n2 - 1] ^= 0x80;
	assert_int_equal(hl_frame_decode(hs2, n2, &f), 0);
	assert_int_equal(hl_chan_client_finish(&chs, &f, pl, sizeof pl, &plen, &p->cli),
			 HL_E_CRYPTO);
	/* The genuine reply still completes the handshake. */
	hs2[n2 - 1] ^= 0x80;
	assert_int_equal(hl_chan_client_finish(&chs, &f, pl, sizeof pl, &plen, &p->cli), 0);
	assert_memory_equal(p->cli.hash, p->srv.hash, HL_NOISE_HASHLEN);
}

static void test_wrong_kind_refused(void **state)
{
	pair *p = *state;
	hl_chan_hs chs, shs;
	uint8_t hs1[HL_FRAME_HS1_HDR + sizeof hello + HL_NOISE_HS_OVERHEAD];
	uint8_t pl[HL_CHAN_HELLO_MAX];
	size_t n1, plen;
	hl_frame f;

	assert_int_equal(hl_chan_client_start(&chs, p->s_pub, hello, sizeof hello, hs1,
					      sizeof hs1, &n1), 0);
	assert_int_equal(hl_frame_decode(hs1, n1, &f), 0);
	/* An HS1 frame is neither an HS2 for the client nor a DATA frame. */
	assert_int_equal(hl_chan_client_finish(&chs, &f, pl, sizeof pl, &plen, &p->cli),
			 HL_E_MALFORMED);
	f.kind = HL_FRAME_HS2;
	assert_int_equal(hl_chan_server_read(&shs, p->s_priv, &f, pl, sizeof pl, &plen),
			 HL_E_MALFORMED);
}

static void test_wrong_pinned_key(void **state)
{
	pair *p = *state;
	uint8_t other_pub[32], other_priv[32];
	hl_chan_hs chs, shs;
	uint8_t hs1[HL_FRAME_HS1_HDR + sizeof hello + HL_NOISE_HS_OVERHEAD];
	uint8_t pl[HL_CHAN_HELLO_MAX];
	size_t n1, plen;
	hl_frame f;

	assert_int_equal(hl_noise_keypair(other_pub, other_priv), 0);
	/* The client pinned a key the broker does not hold. */
	assert_int_equal(hl_chan_client_start(&chs, other_pub, hello, sizeof hello, hs1,
					      sizeof hs1, &n1), 0);
	assert_int_equal(hl_frame_decode(hs1, n1, &f), 0);
	assert_int_equal(hl_chan_server_read(&shs, p->s_priv, &f, pl, sizeof pl, &plen),
			 HL_E_CRYPTO);
}

static void test_small_buffers(void **state)
{
	pair *p = *state;
	hl_chan_hs chs;
	uint8_t out[HL_FRAME_HS1_HDR + sizeof hello + HL_NOISE_HS_OVERHEAD];
	size_t n;

	/* A buffer one byte short is refused, not overrun. */
	assert_int_not_equal(hl_chan_client_start(&chs, p->s_pub, hello, sizeof hello, out,
						  sizeof out - 1, &n), 0);
	assert_int_not_equal(hl_chan_client_start(&chs, p->s_pub, hello, sizeof hello, out, 2,
						  &n), 0);
}

struct sealer {
	hl_chan *ch;
	uint64_t nonces[500];
};

static void *seal_many(void *arg)
{
	struct sealer *s = arg;
	uint8_t buf[HL_CHAN_SEALED_LEN(4)];
	hl_frame f;

	for (int i = 0; i < 500; i++) {
		if (hl_chan_seal(s->ch, (const uint8_t *)"ping", 4, buf) != 0 ||
		    hl_frame_decode(buf, sizeof buf, &f) != 0)
			return NULL;
		s->nonces[i] = f.nonce;
	}
	return s;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void test_threads_never_share_a_nonce(void **state)
{
	pair *p = *state;
	enum { T = 4 };
	struct sealer s[T];
	pthread_t th[T];
	uint64_t all[T * 500];

	for (int i = 0; i < T; i++) {
		s[i].ch = &p->srv;
		assert_int_equal(pthread_create(&th[i], NULL, seal_many, &s[i]), 0);
	}
	for (int i = 0; i < T; i++) {
		void *r;

		assert_int_equal(pthread_join(th[i], &r), 0);
		assert_ptr_equal(r, &s[i]);
		memcpy(all + i * 500, s[i].nonces, sizeof s[i].nonces);
	}
	qsort(all, T * 500, sizeof all[0], cmp_u64);
	for (int i = 0; i < T * 500; i++)
		assert_int_equal(all[i], (uint64_t)i);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_handshake, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_hellos, setup, teardown),
		cmocka_unit_test_setup_teardown(test_seal_open_both_ways, setup_hs, teardown),
		cmocka_unit_test_setup_teardown(test_nonce_and_session_in_header, setup_hs, teardown),
		cmocka_unit_test_setup_teardown(test_replay_refused, setup_hs, teardown),
		cmocka_unit_test_setup_teardown(test_reordered_within_window, setup_hs, teardown),
		cmocka_unit_test_setup_teardown(test_older_than_window, setup_hs, teardown),
		cmocka_unit_test_setup_teardown(test_bit_flips, setup_hs, teardown),
		cmocka_unit_test_setup_teardown(test_header_moved, setup_hs, teardown),
		cmocka_unit_test_setup_teardown(test_reflection_and_other_session, setup_hs,
						teardown),
		cmocka_unit_test_setup_teardown(test_truncated, setup_hs, teardown),
		cmocka_unit_test_setup_teardown(test_truncated_handshake, setup_hs, teardown),
		cmocka_unit_test_setup_teardown(test_tampered_handshake, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrong_kind_refused, setup_hs, teardown),
		cmocka_unit_test_setup_teardown(test_wrong_pinned_key, setup_hs, teardown),
		cmocka_unit_test_setup_teardown(test_small_buffers, setup_hs, teardown),
		cmocka_unit_test_setup_teardown(test_threads_never_share_a_nonce, setup_hs,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
