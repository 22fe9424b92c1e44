/* The outer frame of every message on the nng channel: magic, version, kind. */
#ifndef HL_FRAME_H
#define HL_FRAME_H

#include <stddef.h>
#include <stdint.h>

#define HL_FRAME_MAGIC 0x48        /* 'H' */
#define HL_FRAME_WIRE_VERSION 1    /* layout of this outer frame; never changes */
#define HL_FRAME_MAX (1u << 20)    /* largest frame accepted, in bytes */
#define HL_FRAME_ERRTEXT_MAX 200

enum hl_frame_kind {
	HL_FRAME_HS1 = 1,   /* client -> broker: Noise message 1 */
	HL_FRAME_HS2 = 2,   /* broker -> client: session id, Noise message 2 */
	HL_FRAME_DATA = 3,  /* either way: session id, nonce, AEAD ciphertext */
	HL_FRAME_ERROR = 4, /* broker -> client, plain: code and text */
	HL_FRAME_KEYREQ = 5,/* client -> broker: send me your static public key */
	HL_FRAME_KEY = 6,   /* broker -> client: the 32-byte static public key */
};

/* Header sizes: magic, version, kind, then per kind. */
#define HL_FRAME_HS1_HDR 3
#define HL_FRAME_HS2_HDR (3 + 8)
#define HL_FRAME_DATA_HDR (3 + 8 + 8)
#define HL_FRAME_ERROR_HDR (3 + 1)
#define HL_FRAME_KEYREQ_HDR 3
#define HL_FRAME_KEY_HDR 3

/* A decoded frame; `body` points into the caller's buffer. */
typedef struct hl_frame {
	int kind;
	uint64_t session;   /* HS2, DATA */
	uint64_t nonce;     /* DATA */
	uint8_t err_code;   /* ERROR: a positive HL_E_* code (-code) */
	const uint8_t *body;/* HS1/HS2: Noise message; DATA: ciphertext; ERROR: text */
	size_t body_len;
	const uint8_t *hdr; /* DATA: the header bytes, used as associated data */
	size_t hdr_len;
} hl_frame;

/* Parses `len` bytes. Returns 0, HL_E_MALFORMED (bad magic, unknown kind,
 * short header or body below the kind's minimum: HS1/HS2 need 48 bytes,
 * DATA 16, KEYREQ none, KEY exactly 32, ERROR text must be valid UTF-8 of at most HL_FRAME_ERRTEXT_MAX
 * bytes without control characters, and its code non-zero),
 * HL_E_VERSION (other wire version) or HL_E_TOOBIG (over HL_FRAME_MAX). */
int hl_frame_decode(const uint8_t *buf, size_t len, hl_frame *out);

/* Writes the header for `kind` into `out` (capacity `cap`); returns the
 * header length, HL_E_TOOBIG if it does not fit, or HL_E_INVALID for an
 * unknown kind. `session`, `nonce` and
 * `err_code` are used by the kinds that carry them. */
int hl_frame_encode_header(uint8_t *out, size_t cap, int kind, uint64_t session,
			   uint64_t nonce, uint8_t err_code);

#endif
