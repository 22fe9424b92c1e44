/* Noise_NK_25519_ChaChaPoly_SHA256 handshake and transport crypto, no sockets. */
#ifndef HL_NOISE_H
#define HL_NOISE_H

#include <stddef.h>
#include <stdint.h>

#define HL_NOISE_KEYLEN 32
#define HL_NOISE_HASHLEN 32
#define HL_NOISE_TAGLEN 16
/* A handshake message is an ephemeral key, then the encrypted payload. */
#define HL_NOISE_HS_OVERHEAD (HL_NOISE_KEYLEN + HL_NOISE_TAGLEN)
#define HL_NOISE_PROTOCOL "Noise_NK_25519_ChaChaPoly_SHA256"

/* One direction's transport key. The nonce is explicit (carried in each
 * frame), so the cipher holds only the key. */
typedef struct hl_noise_cipher {
	uint8_t k[HL_NOISE_KEYLEN];
} hl_noise_cipher;

/* Handshake state for one side of an NK handshake (Noise rev. 34 §5). */
typedef struct hl_noise_hs {
	uint8_t ck[HL_NOISE_HASHLEN];
	uint8_t h[HL_NOISE_HASHLEN];
	uint8_t k[HL_NOISE_KEYLEN];
	uint64_t n;
	int has_k;
	int initiator;
	int step;                   /* messages done: 0, 1, 2 */
	uint8_t s_priv[32], s_pub[32];  /* responder's static */
	uint8_t e_priv[32], e_pub[32];  /* our ephemeral */
	uint8_t rs[32];             /* remote static (initiator knows it) */
	uint8_t re[32];             /* remote ephemeral */
} hl_noise_hs;

/* Makes a fresh X25519 key pair. Returns 0 or HL_E_INTERNAL. */
int hl_noise_keypair(uint8_t pub[32], uint8_t priv[32]);

/* Derives the public key of `priv`. Returns 0 or HL_E_INTERNAL. */
int hl_noise_pubkey(const uint8_t priv[32], uint8_t pub[32]);

/* Starts the initiator (client) side. `rs` is the responder's static public
 * key; `e_priv` fixes the ephemeral key (tests) or is NULL for a random one.
 * The prologue may be NULL with length 0. Returns 0 or a negative code. */
int hl_noise_init_initiator(hl_noise_hs *hs, const uint8_t *prologue, size_t plen,
			    const uint8_t rs[32], const uint8_t *e_priv);

/* Starts the responder (broker) side with its static private key.
 * `e_priv` as above. Returns 0 or a negative code. */
int hl_noise_init_responder(hl_noise_hs *hs, const uint8_t *prologue, size_t plen,
			    const uint8_t s_priv[32], const uint8_t *e_priv);

/* Writes the next handshake message (-> e, es then <- e, ee) carrying
 * `payload` into `out` (capacity `cap`, needs len + HL_NOISE_HS_OVERHEAD).
 * Sets *outlen. Returns 0, HL_E_TOOBIG or HL_E_STATE when out of turn. */
int hl_noise_write_message(hl_noise_hs *hs, const uint8_t *payload, size_t len,
			   uint8_t *out, size_t cap, size_t *outlen);

/* Reads the next handshake message, decrypting its payload into `payload`
 * (capacity `cap`, needs len - HL_NOISE_HS_OVERHEAD), setting *plen.
 * Returns 0, HL_E_MALFORMED when too short (or over Noise's 65535 bytes),
 * HL_E_CRYPTO when it does not authenticate, HL_E_STATE when out of turn,
 * HL_E_TOOBIG when `cap` is too small. On failure `hs` is unchanged, so a
 * forged message does not spoil the handshake for the genuine one. */
int hl_noise_read_message(hl_noise_hs *hs, const uint8_t *msg, size_t len,
			  uint8_t *payload, size_t cap, size_t *plen);

/* After both messages: derives the transport keys. `c1` encrypts
 * initiator->responder, `c2` responder->initiator; `hash` (may be NULL)
 * receives the handshake hash. Wipes the handshake's secrets.
 * Returns 0 or HL_E_STATE if the handshake is not complete. */
int hl_noise_split(hl_noise_hs *hs, hl_noise_cipher *c1, hl_noise_cipher *c2,
		   uint8_t hash[HL_NOISE_HASHLEN]);

/* Encrypts `len` bytes with explicit `nonce` and associated data into `out`
 * (len + HL_NOISE_TAGLEN bytes). In-place (out == pt) is allowed. Returns 0,
 * or HL_E_STATE for nonce UINT64_MAX, which Noise reserves. */
int hl_noise_encrypt(const hl_noise_cipher *c, uint64_t nonce, const uint8_t *ad,
		     size_t adlen, const uint8_t *pt, size_t len, uint8_t *out);

/* Decrypts and authenticates `ctlen` bytes into `out` (ctlen - TAGLEN).
 * Returns 0, HL_E_MALFORMED if shorter than a tag, HL_E_CRYPTO if forged
 * (or nonce UINT64_MAX). */
int hl_noise_decrypt(const hl_noise_cipher *c, uint64_t nonce, const uint8_t *ad,
		     size_t adlen, const uint8_t *ct, size_t ctlen, uint8_t *out);

/* Writes an SSH-style fingerprint of a public key ("SHA256:" followed by
 * unpadded base64 of its SHA-256) into `out` (at least 52 bytes). */
void hl_noise_fingerprint(const uint8_t pub[32], char out[64]);

/* Clears secrets from a handshake state. */
void hl_noise_hs_wipe(hl_noise_hs *hs);

#endif
