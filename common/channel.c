/* The secure channel: Noise_NK handshake carried in frames, then AEAD frames
 * with explicit nonces checked against a sliding replay window. */
#include "channel.h"

#include <string.h>

#include <sodium.h>

#include "error.h"

static void chan_init(hl_chan *ch, uint64_t sid, const hl_noise_cipher *tx,
		      const hl_noise_cipher *rx, const uint8_t hash[HL_NOISE_HASHLEN])
{
	memset(ch, 0, sizeof *ch);
	ch->sid = sid;
	ch->tx = *tx;
	ch->rx = *rx;
	atomic_init(&ch->tx_nonce, 0);
	pthread_mutex_init(&ch->mu, NULL);
	hl_replay_init(&ch->win);
	memcpy(ch->hash, hash, HL_NOISE_HASHLEN);
}

int hl_chan_client_start(hl_chan_hs *st, const uint8_t rs[32], const uint8_t *hello,
			 size_t len, uint8_t *out, size_t cap, size_t *outlen)
{
	int rc;
	size_t n;

	if (cap < HL_FRAME_HS1_HDR)
		return HL_E_TOOBIG;
	rc = hl_noise_init_initiator(&st->hs, (const uint8_t *)HL_CHAN_PROLOGUE,
				     strlen(HL_CHAN_PROLOGUE), rs, NULL);
	if (rc < 0)
		return rc;
	rc = hl_frame_encode_header(out, cap, HL_FRAME_HS1, 0, 0, 0);
	if (rc < 0)
		return rc;
	rc = hl_noise_write_message(&st->hs, hello, len, out + HL_FRAME_HS1_HDR,
				    cap - HL_FRAME_HS1_HDR, &n);
	if (rc < 0)
		return rc;
	*outlen = HL_FRAME_HS1_HDR + n;
	return 0;
}

int hl_chan_client_finish(hl_chan_hs *st, const hl_frame *f, uint8_t *payload, size_t cap,
			  size_t *plen, hl_chan *ch)
{
	hl_noise_cipher c1, c2;
	uint8_t hash[HL_NOISE_HASHLEN];
	int rc;

	if (f->kind != HL_FRAME_HS2)
		return HL_E_MALFORMED;
	rc = hl_noise_read_message(&st->hs, f->body, f->body_len, payload, cap, plen);
	if (rc < 0)
		return rc;
	rc = hl_noise_split(&st->hs, &c1, &c2, hash);
	if (rc < 0)
		return rc;
	/* The initiator sends with c1 and receives with c2. */
	chan_init(ch, f->session, &c1, &c2, hash);
	sodium_memzero(&c1, sizeof c1);
	sodium_memzero(&c2, sizeof c2);
	return 0;
}

int hl_chan_server_read(hl_chan_hs *st, const uint8_t s_priv[32], const hl_frame *f,
			uint8_t *payload, size_t cap, size_t *plen)
{
	int rc;

	if (f->kind != HL_FRAME_HS1)
		return HL_E_MALFORMED;
	rc = hl_noise_init_responder(&st->hs, (const uint8_t *)HL_CHAN_PROLOGUE,
				     strlen(HL_CHAN_PROLOGUE), s_priv, NULL);
	if (rc < 0)
		return rc;
	return hl_noise_read_message(&st->hs, f->body, f->body_len, payload, cap, plen);
}

int hl_chan_server_finish(hl_chan_hs *st, uint64_t sid, const uint8_t *reply, size_t len,
			  uint8_t *out, size_t cap, size_t *outlen, hl_chan *ch)
{
	hl_noise_cipher c1, c2;
	uint8_t hash[HL_NOISE_HASHLEN];
	size_t n;
	int rc;

	rc = hl_frame_encode_header(out, cap, HL_FRAME_HS2, sid, 0, 0);
	if (rc < 0)
		return rc;
	rc = hl_noise_write_message(&st->hs, reply, len, out + HL_FRAME_HS2_HDR,
				    cap - HL_FRAME_HS2_HDR, &n);
	if (rc < 0)
		return rc;
	rc = hl_noise_split(&st->hs, &c1, &c2, hash);
	if (rc < 0)
		return rc;
	chan_init(ch, sid, &c2, &c1, hash);
	sodium_memzero(&c1, sizeof c1);
	sodium_memzero(&c2, sizeof c2);
	*outlen = HL_FRAME_HS2_HDR + n;
	return 0;
}

int hl_chan_seal(hl_chan *ch, const uint8_t *pt, size_t len, uint8_t *out)
{
	uint64_t nonce = atomic_fetch_add(&ch->tx_nonce, 1);
	int rc;

	rc = hl_frame_encode_header(out, HL_FRAME_DATA_HDR, HL_FRAME_DATA, ch->sid, nonce, 0);
	if (rc < 0)
		return rc;
	/* The header is authenticated as associated data, so a frame cannot be
	 * moved to another session or nonce. */
	return hl_noise_encrypt(&ch->tx, nonce, out, HL_FRAME_DATA_HDR, pt, len,
				out + HL_FRAME_DATA_HDR);
}

int hl_chan_open(hl_chan *ch, const hl_frame *f, uint8_t *out)
{
	int rc;

	if (f->kind != HL_FRAME_DATA || f->session != ch->sid)
		return HL_E_MALFORMED;
	pthread_mutex_lock(&ch->mu);
	rc = hl_replay_check(&ch->win, f->nonce);
	if (rc == 0)
		rc = hl_noise_decrypt(&ch->rx, f->nonce, f->hdr, f->hdr_len, f->body,
				      f->body_len, out);
	/* Only an authentic frame may move the window; a forged nonce must not
	 * push real frames out of it. */
	if (rc == 0)
		hl_replay_accept(&ch->win, f->nonce);
	pthread_mutex_unlock(&ch->mu);
	return rc;
}

void hl_chan_destroy(hl_chan *ch)
{
	pthread_mutex_destroy(&ch->mu);
	sodium_memzero(&ch->tx, sizeof ch->tx);
	sodium_memzero(&ch->rx, sizeof ch->rx);
}
