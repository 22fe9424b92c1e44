/* The secure channel: Noise handshake over frames, then sealed transport frames. */
#ifndef HL_CHANNEL_H
#define HL_CHANNEL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "frame.h"
#include "noise.h"
#include "replay.h"

/* The prologue binds both sides to this protocol and wire version. */
#define HL_CHAN_PROLOGUE "hotline/1"
/* Largest handshake payload (a packed Hello or HelloReply). */
#define HL_CHAN_HELLO_MAX 512

/* An established channel, one per Noise session. The send nonce is atomic
 * so several threads may seal; the receive window is under `mu` so several
 * threads may open. Keys never change after the handshake. */
typedef struct hl_chan {
	uint64_t sid;
	hl_noise_cipher tx, rx;
	_Atomic uint64_t tx_nonce;
	pthread_mutex_t mu;
	hl_replay win;
	uint8_t hash[HL_NOISE_HASHLEN];  /* handshake hash: binds the session */
} hl_chan;

/* Initiator side of a handshake in progress. */
typedef struct hl_chan_hs {
	hl_noise_hs hs;
} hl_chan_hs;

/* Bytes needed to seal `len` bytes of plaintext into a DATA frame. */
#define HL_CHAN_SEALED_LEN(len) ((size_t)HL_FRAME_DATA_HDR + (len) + HL_NOISE_TAGLEN)

/* Client: writes the HS1 frame carrying `hello` (a packed Hello) to the
 * responder whose static public key is `rs`. `out` must hold
 * HL_FRAME_HS1_HDR + len + HL_NOISE_HS_OVERHEAD bytes; sets *outlen.
 * Returns 0 or a negative code. */
int hl_chan_client_start(hl_chan_hs *st, const uint8_t rs[32], const uint8_t *hello,
			 size_t len, uint8_t *out, size_t cap, size_t *outlen);

/* Client: reads the HS2 frame `f`, decrypting the broker's HelloReply into
 * `payload` (capacity `cap`, sets *plen), and initialises `ch`. Returns 0,
 * HL_E_MALFORMED or HL_E_CRYPTO (the broker does not hold the pinned key). */
int hl_chan_client_finish(hl_chan_hs *st, const hl_frame *f, uint8_t *payload, size_t cap,
			  size_t *plen, hl_chan *ch);

/* Broker, first half: reads the HS1 frame `f` with static private key
 * `s_priv`, decrypting the client's Hello into `payload`. Returns 0,
 * HL_E_MALFORMED or HL_E_CRYPTO. */
int hl_chan_server_read(hl_chan_hs *st, const uint8_t s_priv[32], const hl_frame *f,
			uint8_t *payload, size_t cap, size_t *plen);

/* Broker, second half: writes the HS2 frame with session id `sid` carrying
 * `reply` (a packed HelloReply) and initialises `ch`. `out` must hold
 * HL_FRAME_HS2_HDR + len + HL_NOISE_HS_OVERHEAD bytes. Returns 0 or a code. */
int hl_chan_server_finish(hl_chan_hs *st, uint64_t sid, const uint8_t *reply, size_t len,
			  uint8_t *out, size_t cap, size_t *outlen, hl_chan *ch);

/* Seals `len` bytes into a DATA frame in `out` (HL_CHAN_SEALED_LEN(len)
 * bytes), taking the next send nonce. Thread-safe. Returns 0. */
int hl_chan_seal(hl_chan *ch, const uint8_t *pt, size_t len, uint8_t *out);

/* Opens the DATA frame `f` into `out` (f->body_len - HL_NOISE_TAGLEN bytes).
 * Returns 0, HL_E_REPLAY (seen before or too old), HL_E_CRYPTO (tampered or
 * not ours), HL_E_MALFORMED (wrong session). Thread-safe. */
int hl_chan_open(hl_chan *ch, const hl_frame *f, uint8_t *out);

/* Releases the channel's lock and wipes its keys. */
void hl_chan_destroy(hl_chan *ch);

#endif
