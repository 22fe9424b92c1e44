/* Noise_NK_25519_ChaChaPoly_SHA256 (Noise Protocol Framework rev. 34) from
 * libsodium primitives: the handshake state machine and transport AEAD. */
#include "noise.h"

#include <string.h>

#include <sodium.h>

#include "error.h"

/* Noise caps every message at 65535 bytes (§3). */
#define NOISE_MAX_MSG 65535u

/* The reserved nonce (§5.1): a cipher never uses it. */
#define NOISE_NONCE_RESERVED UINT64_MAX

static int noise_sodium_ready(void)
{
	/* sodium_init is idempotent and thread-safe; it returns 1 when it ran
	 * before, which is success too. */
	return sodium_init() < 0 ? HL_E_INTERNAL : 0;
}

/* ChaChaPoly's 96-bit nonce: 32 zero bits, then n little-endian (§12.3). */
static void noise_nonce(uint64_t n, uint8_t out[crypto_aead_chacha20poly1305_IETF_NPUBBYTES])
{
	memset(out, 0, 4);
	for (int i = 0; i < 8; i++)
		out[4 + i] = (uint8_t)(n >> (8 * i));
}

static void noise_aead_encrypt(const uint8_t k[32], uint64_t n, const uint8_t *ad,
			       size_t adlen, const uint8_t *pt, size_t len, uint8_t *out)
{
	uint8_t npub[crypto_aead_chacha20poly1305_IETF_NPUBBYTES];
	unsigned long long clen;

	noise_nonce(n, npub);
	crypto_aead_chacha20poly1305_ietf_encrypt(out, &clen, pt, len, ad, adlen, NULL,
						  npub, k);
}

static int noise_aead_decrypt(const uint8_t k[32], uint64_t n, const uint8_t *ad,
			      size_t adlen, const uint8_t *ct, size_t ctlen, uint8_t *out)
{
	uint8_t npub[crypto_aead_chacha20poly1305_IETF_NPUBBYTES];
	unsigned long long plen;

	noise_nonce(n, npub);
	if (crypto_aead_chacha20poly1305_ietf_decrypt(out, &plen, NULL, ct, ctlen, ad, adlen,
						      npub, k) != 0)
		return HL_E_CRYPTO;
	return 0;
}

/* HKDF as Noise defines it (§4.3): two outputs, each HASHLEN bytes. */
static void noise_hkdf2(const uint8_t ck[HL_NOISE_HASHLEN], const uint8_t *ikm, size_t ikmlen,
			uint8_t out1[HL_NOISE_HASHLEN], uint8_t out2[HL_NOISE_HASHLEN])
{
	uint8_t temp[HL_NOISE_HASHLEN];
	uint8_t buf[HL_NOISE_HASHLEN + 1];

	/* HMAC-SHA256 keys are exactly HASHLEN bytes here, so libsodium's
	 * fixed-size-key HMAC fits every step. */
	crypto_auth_hmacsha256(temp, ikm, ikmlen, ck);

	buf[0] = 0x01;
	crypto_auth_hmacsha256(out1, buf, 1, temp);
	memcpy(buf, out1, HL_NOISE_HASHLEN);
	buf[HL_NOISE_HASHLEN] = 0x02;
	crypto_auth_hmacsha256(out2, buf, sizeof buf, temp);

	sodium_memzero(temp, sizeof temp);
	sodium_memzero(buf, sizeof buf);
}

static void noise_mix_hash(hl_noise_hs *hs, const uint8_t *data, size_t len)
{
	crypto_hash_sha256_state st;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, hs->h, HL_NOISE_HASHLEN);
	crypto_hash_sha256_update(&st, data, len);
	crypto_hash_sha256_final(&st, hs->h);
}

static void noise_mix_key(hl_noise_hs *hs, const uint8_t ikm[32])
{
	uint8_t temp_k[HL_NOISE_HASHLEN];

	noise_hkdf2(hs->ck, ikm, 32, hs->ck, temp_k);
	/* HASHLEN is 32 here, so no truncation of temp_k is needed. */
	memcpy(hs->k, temp_k, HL_NOISE_KEYLEN);
	hs->n = 0;
	hs->has_k = 1;
	sodium_memzero(temp_k, sizeof temp_k);
}

/* DH then MixKey. A low-order or otherwise degenerate public key gives an
 * all-zero secret, which libsodium reports; such a key contributes nothing
 * secret, so the handshake must not go on with it. */
static int noise_mix_dh(hl_noise_hs *hs, const uint8_t priv[32], const uint8_t pub[32])
{
	uint8_t shared[32];

	if (crypto_scalarmult_curve25519(shared, priv, pub) != 0) {
		sodium_memzero(shared, sizeof shared);
		return HL_E_CRYPTO;
	}
	noise_mix_key(hs, shared);
	sodium_memzero(shared, sizeof shared);
	return 0;
}

/* EncryptAndHash (§5.2). In NK a key always exists by the time a payload is
 * written, but the passthrough keeps the function true to the spec. */
static void noise_encrypt_and_hash(hl_noise_hs *hs, const uint8_t *pt, size_t len, uint8_t *out)
{
	size_t outlen = len;

	if (hs->has_k) {
		noise_aead_encrypt(hs->k, hs->n, hs->h, HL_NOISE_HASHLEN, pt, len, out);
		hs->n++;
		outlen += HL_NOISE_TAGLEN;
	} else if (len > 0) {
		memmove(out, pt, len);
	}
	noise_mix_hash(hs, out, outlen);
}

static int noise_decrypt_and_hash(hl_noise_hs *hs, const uint8_t *ct, size_t len, uint8_t *out)
{
	int rc;

	if (hs->has_k) {
		rc = noise_aead_decrypt(hs->k, hs->n, hs->h, HL_NOISE_HASHLEN, ct, len, out);
		if (rc < 0)
			return rc;
		hs->n++;
	} else if (len > 0) {
		memmove(out, ct, len);
	}
	/* h covers the ciphertext, not the plaintext, so a forged message
	 * would change it even if it decrypted. */
	noise_mix_hash(hs, ct, len);
	return 0;
}

/* Common start of both roles: InitializeSymmetric, the prologue, the
 * responder's static key as NK's pre-message, and our ephemeral key. */
static int noise_init(hl_noise_hs *hs, int initiator, const uint8_t *prologue, size_t plen,
		      const uint8_t rs_pub[32], const uint8_t *e_priv)
{
	static const char name[] = HL_NOISE_PROTOCOL;
	int rc;

	_Static_assert(sizeof name - 1 <= HL_NOISE_HASHLEN,
		       "a protocol name longer than HASHLEN must be hashed instead");
	rc = noise_sodium_ready();
	if (rc < 0)
		return rc;
	memset(hs, 0, sizeof *hs);
	hs->initiator = initiator;

	/* A name no longer than HASHLEN is used as h directly, zero-padded
	 * (§5.2); ours is exactly 32 bytes. */
	memcpy(hs->h, name, sizeof name - 1);
	memcpy(hs->ck, hs->h, HL_NOISE_HASHLEN);

	/* MixHash runs even for an empty prologue, as the spec requires. */
	noise_mix_hash(hs, prologue ? prologue : (const uint8_t *)"", prologue ? plen : 0);

	/* NK's pre-message "<- s": both sides hash the responder's static. */
	noise_mix_hash(hs, rs_pub, 32);
	if (initiator)
		memcpy(hs->rs, rs_pub, 32);

	if (e_priv)
		memcpy(hs->e_priv, e_priv, 32);
	else
		randombytes_buf(hs->e_priv, 32);
	if (crypto_scalarmult_curve25519_base(hs->e_pub, hs->e_priv) != 0) {
		hl_noise_hs_wipe(hs);
		return HL_E_INTERNAL;
	}
	return 0;
}

int hl_noise_keypair(uint8_t pub[32], uint8_t priv[32])
{
	if (noise_sodium_ready() < 0)
		return HL_E_INTERNAL;
	randombytes_buf(priv, 32);
	if (crypto_scalarmult_curve25519_base(pub, priv) != 0) {
		sodium_memzero(priv, 32);
		return HL_E_INTERNAL;
	}
	return 0;
}

int hl_noise_pubkey(const uint8_t priv[32], uint8_t pub[32])
{
	if (noise_sodium_ready() < 0)
		return HL_E_INTERNAL;
	if (crypto_scalarmult_curve25519_base(pub, priv) != 0)
		return HL_E_INTERNAL;
	return 0;
}

int hl_noise_init_initiator(hl_noise_hs *hs, const uint8_t *prologue, size_t plen,
			    const uint8_t rs[32], const uint8_t *e_priv)
{
	return noise_init(hs, 1, prologue, plen, rs, e_priv);
}

int hl_noise_init_responder(hl_noise_hs *hs, const uint8_t *prologue, size_t plen,
			    const uint8_t s_priv[32], const uint8_t *e_priv)
{
	uint8_t s_pub[32];
	int rc;

	rc = hl_noise_pubkey(s_priv, s_pub);
	if (rc < 0)
		return rc;
	rc = noise_init(hs, 0, prologue, plen, s_pub, e_priv);
	if (rc < 0)
		return rc;
	memcpy(hs->s_priv, s_priv, 32);
	memcpy(hs->s_pub, s_pub, 32);
	return 0;
}

int hl_noise_write_message(hl_noise_hs *hs, const uint8_t *payload, size_t len,
			   uint8_t *out, size_t cap, size_t *outlen)
{
	hl_noise_hs next;
	int rc;

	/* The initiator writes message 1, the responder message 2. */
	if (hs->step != (hs->initiator ? 0 : 1))
		return HL_E_STATE;
	if (len > NOISE_MAX_MSG - HL_NOISE_HS_OVERHEAD || cap < len + HL_NOISE_HS_OVERHEAD)
		return HL_E_TOOBIG;

	/* Work on a copy so a failure leaves the caller's state as it was. */
	next = *hs;
	memcpy(out, next.e_pub, 32);
	noise_mix_hash(&next, next.e_pub, 32);
	if (next.initiator)
		rc = noise_mix_dh(&next, next.e_priv, next.rs);   /* es */
	else
		rc = noise_mix_dh(&next, next.e_priv, next.re);   /* ee */
	if (rc < 0) {
		sodium_memzero(&next, sizeof next);
		return rc;
	}
	noise_encrypt_and_hash(&next, payload, len, out + 32);
	next.step++;
	*hs = next;
	sodium_memzero(&next, sizeof next);
	*outlen = len + HL_NOISE_HS_OVERHEAD;
	return 0;
}

int hl_noise_read_message(hl_noise_hs *hs, const uint8_t *msg, size_t len,
			  uint8_t *payload, size_t cap, size_t *plen)
{
	hl_noise_hs next;
	size_t n;
	int rc;

	if (hs->step != (hs->initiator ? 1 : 0))
		return HL_E_STATE;
	/* Both NK messages carry a key and, since a cipher key exists by then,
	 * a tag, even for an empty payload. */
	if (len < HL_NOISE_HS_OVERHEAD || len > NOISE_MAX_MSG)
		return HL_E_MALFORMED;
	n = len - HL_NOISE_HS_OVERHEAD;
	if (cap < n)
		return HL_E_TOOBIG;

	/* A forged message must not spoil the state for the genuine one that
	 * may still arrive, so the state changes only on success. */
	next = *hs;
	memcpy(next.re, msg, 32);
	noise_mix_hash(&next, next.re, 32);
	if (next.initiator)
		rc = noise_mix_dh(&next, next.e_priv, next.re);   /* ee */
	else
		rc = noise_mix_dh(&next, next.s_priv, next.re);   /* es */
	if (rc == 0)
		rc = noise_decrypt_and_hash(&next, msg + 32, len - 32, payload);
	if (rc < 0) {
		sodium_memzero(&next, sizeof next);
		if (n > 0)
			sodium_memzero(payload, n);
		return rc;
	}
	next.step++;
	*hs = next;
	sodium_memzero(&next, sizeof next);
	*plen = n;
	return 0;
}

int hl_noise_split(hl_noise_hs *hs, hl_noise_cipher *c1, hl_noise_cipher *c2,
		   uint8_t hash[HL_NOISE_HASHLEN])
{
	static const uint8_t empty[1];

	if (hs->step != 2)
		return HL_E_STATE;
	noise_hkdf2(hs->ck, empty, 0, c1->k, c2->k);
	if (hash)
		memcpy(hash, hs->h, HL_NOISE_HASHLEN);
	hl_noise_hs_wipe(hs);
	return 0;
}

int hl_noise_encrypt(const hl_noise_cipher *c, uint64_t nonce, const uint8_t *ad,
		     size_t adlen, const uint8_t *pt, size_t len, uint8_t *out)
{
	/* Unreachable by counting from 0, but the spec forbids it outright. */
	if (nonce == NOISE_NONCE_RESERVED)
		return HL_E_STATE;
	noise_aead_encrypt(c->k, nonce, ad, adlen, pt, len, out);
	return 0;
}

int hl_noise_decrypt(const hl_noise_cipher *c, uint64_t nonce, const uint8_t *ad,
		     size_t adlen, const uint8_t *ct, size_t ctlen, uint8_t *out)
{
	if (ctlen < HL_NOISE_TAGLEN)
		return HL_E_MALFORMED;
	/* No honest sender uses the reserved nonce (see hl_noise_encrypt). */
	if (nonce == NOISE_NONCE_RESERVED)
		return HL_E_CRYPTO;
	return noise_aead_decrypt(c->k, nonce, ad, adlen, ct, ctlen, out);
}

void hl_noise_fingerprint(const uint8_t pub[32], char out[64])
{
	static const char prefix[] = "SHA256:";
	uint8_t digest[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(digest, pub, 32);
	memcpy(out, prefix, sizeof prefix - 1);
	/* 32 bytes make 43 base64 characters plus a NUL: 51 bytes in all. */
	sodium_bin2base64(out + sizeof prefix - 1, 64 - (sizeof prefix - 1), digest,
			  sizeof digest, sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
}

void hl_noise_hs_wipe(hl_noise_hs *hs)
{
	sodium_memzero(hs, sizeof *hs);
}
