/* Tests for common/noise.c: the published Noise_NK vector byte for byte, and
 * the failures a forged, truncated or misdirected message must produce. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>
#include <sodium.h>

#include "error.h"
#include "noise.h"

#define VECTORS HL_SHARED_DIR "/testdata/noise/nk_vectors.json"
#define MAX_MSGS 16
#define MAX_BYTES 256

struct blob {
	uint8_t b[MAX_BYTES];
	size_t len;
};

struct vector {
	struct blob prologue, init_e, rs, resp_s, resp_e, hash;
	struct blob payload[MAX_MSGS], ciphertext[MAX_MSGS];
	size_t nmsgs;
};

static struct vector vec;

static void hex_field(const cJSON *obj, const char *name, struct blob *out)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);

	assert_non_null(item);
	assert_true(cJSON_IsString(item));
	assert_int_equal(sodium_hex2bin(out->b, sizeof out->b, item->valuestring,
					strlen(item->valuestring), NULL, &out->len, NULL),
			 0);
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	if (buf)
		buf[n] = '\0';
	fclose(f);
	return buf;
}

static int load_vector(void **state)
{
	char *text = read_file(VECTORS);
	cJSON *root, *list, *v, *found = NULL, *msgs, *m;

	(void)state;
	if (!text) {
		fprintf(stderr, "cannot read %s\n", VECTORS);
		return -1;
	}
	root = cJSON_Parse(text);
	free(text);
	if (!root)
		return -1;
	list = cJSON_GetObjectItemCaseSensitive(root, "vectors");
	cJSON_ArrayForEach(v, list) {
		const cJSON *name = cJSON_GetObjectItemCaseSensitive(v, "protocol_name");

		if (cJSON_IsString(name) && strcmp(name->valuestring, HL_NOISE_PROTOCOL) == 0)
			found = v;
	}
	if (!found) {
		cJSON_Delete(root);
		return -1;
	}
	hex_field(found, "init_prologue", &vec.prologue);
	hex_field(found, "init_ephemeral", &vec.init_e);
	hex_field(found, "init_remote_static", &vec.rs);
	hex_field(found, "resp_static", &vec.resp_s);
	hex_field(found, "resp_ephemeral", &vec.resp_e);
	hex_field(found, "handshake_hash", &vec.hash);
	msgs = cJSON_GetObjectItemCaseSensitive(found, "messages");
	cJSON_ArrayForEach(m, msgs) {
		if (vec.nmsgs == MAX_MSGS)
			break;
		hex_field(m, "payload", &vec.payload[vec.nmsgs]);
		hex_field(m, "ciphertext", &vec.ciphertext[vec.nmsgs]);
		vec.nmsgs++;
	}
	cJSON_Delete(root);
	return 0;
}

/* Both sides started from the vector's keys. */
static void vector_init(hl_noise_hs *ini, hl_noise_hs *resp)
{
	assert_int_equal(hl_noise_init_initiator(ini, vec.prologue.b, vec.prologue.len,
						 vec.rs.b, vec.init_e.b), 0);
	assert_int_equal(hl_noise_init_responder(resp, vec.prologue.b, vec.prologue.len,
						 vec.resp_s.b, vec.resp_e.b), 0);
}

static void test_vector_shape(void **state)
{
	uint8_t pub[32];

	(void)state;
	/* Two handshake messages, then transport both ways. */
	assert_true(vec.nmsgs >= 4);
	assert_int_equal(vec.init_e.len, 32);
	assert_int_equal(vec.resp_s.len, 32);
	assert_int_equal(vec.resp_e.len, 32);
	assert_int_equal(vec.rs.len, 32);
	assert_int_equal(vec.hash.len, HL_NOISE_HASHLEN);
	/* resp_static is the private key; the initiator pins its public half. */
	assert_int_equal(hl_noise_pubkey(vec.resp_s.b, pub), 0);
	assert_memory_equal(pub, vec.rs.b, 32);
}

static void test_vector_all_messages(void **state)
{
	hl_noise_hs ini, resp;
	hl_noise_cipher ic1, ic2, rc1, rc2;
	uint8_t ih[HL_NOISE_HASHLEN], rh[HL_NOISE_HASHLEN];
	uint8_t out[MAX_BYTES + 64], pt[MAX_BYTES + 64];
	uint64_t n_i2r = 0, n_r2i = 0;
	size_t olen, plen;

	(void)state;
	vector_init(&ini, &resp);

	/* Message 1: -> e, es */
	assert_int_equal(hl_noise_write_message(&ini, vec.payload[0].b, vec.payload[0].len, out,
						sizeof out, &olen), 0);
	assert_int_equal(olen, vec.ciphertext[0].len);
	assert_memory_equal(out, vec.ciphertext[0].b, olen);
	assert_int_equal(hl_noise_read_message(&resp, out, olen, pt, sizeof pt, &plen), 0);
	assert_int_equal(plen, vec.payload[0].len);
	assert_memory_equal(pt, vec.payload[0].b, plen);

	/* Message 2: <- e, ee */
	assert_int_equal(hl_noise_write_message(&resp, vec.payload[1].b, vec.payload[1].len, out,
						sizeof out, &olen), 0);
	assert_int_equal(olen, vec.ciphertext[1].len);
	assert_memory_equal(out, vec.ciphertext[1].b, olen);
	assert_int_equal(hl_noise_read_message(&ini, out, olen, pt, sizeof pt, &plen), 0);
	assert_int_equal(plen, vec.payload[1].len);
	assert_memory_equal(pt, vec.payload[1].b, plen);

	assert_int_equal(hl_noise_split(&ini, &ic1, &ic2, ih), 0);
	assert_int_equal(hl_noise_split(&resp, &rc1, &rc2, rh), 0);
	assert_memory_equal(ih, vec.hash.b, HL_NOISE_HASHLEN);
	assert_memory_equal(rh, vec.hash.b, HL_NOISE_HASHLEN);
	assert_memory_equal(ic1.k, rc1.k, HL_NOISE_KEYLEN);
	assert_memory_equal(ic2.k, rc2.k, HL_NOISE_KEYLEN);
	assert_memory_not_equal(ic1.k, ic2.k, HL_NOISE_KEYLEN);

	/* Transport: initiator first, then alternating, one counter per way. */
	for (size_t i = 2; i < vec.nmsgs; i++) {
		int from_ini = i % 2 == 0;
		const hl_noise_cipher *tx = from_ini ? &ic1 : &rc2;
		const hl_noise_cipher *rx = from_ini ? &rc1 : &ic2;
		uint64_t *n = from_ini ? &n_i2r : &n_r2i;

		assert_int_equal(hl_noise_encrypt(tx, *n, NULL, 0, vec.payload[i].b,
						  vec.payload[i].len, out), 0);
		assert_int_equal(vec.payload[i].len + HL_NOISE_TAGLEN, vec.ciphertext[i].len);
		assert_memory_equal(out, vec.ciphertext[i].b, vec.ciphertext[i].len);
		assert_int_equal(hl_noise_decrypt(rx, *n, NULL, 0, vec.ciphertext[i].b,
						  vec.ciphertext[i].len, pt), 0);
		assert_memory_equal(pt, vec.payload[i].b, vec.payload[i].len);
		(*n)++;
	}
}

static void test_split_wipes_state(void **state)
{
	hl_noise_hs ini, resp, zero;
	hl_noise_cipher c1, c2;
	uint8_t out[128], pt[128];
	size_t olen, plen;

	(void)state;
	vector_init(&ini, &resp);
	assert_int_equal(hl_noise_write_message(&ini, NULL, 0, out, sizeof out, &olen), 0);
	assert_int_equal(olen, HL_NOISE_HS_OVERHEAD);
	assert_int_equal(hl_noise_read_message(&resp, out, olen, pt, sizeof pt, &plen), 0);
	assert_int_equal(plen, 0);
	assert_int_equal(hl_noise_write_message(&resp, NULL, 0, out, sizeof out, &olen), 0);
	assert_int_equal(hl_noise_read_message(&ini, out, olen, pt, sizeof pt, &plen), 0);
	/* The hash output is optional. */
	assert_int_equal(hl_noise_split(&ini, &c1, &c2, NULL), 0);
	memset(&zero, 0, sizeof zero);
	assert_memory_equal(&ini, &zero, sizeof zero);
	/* A wiped state is not a finished handshake any more. */
	assert_int_equal(hl_noise_split(&ini, &c1, &c2, NULL), HL_E_STATE);
	hl_noise_hs_wipe(&resp);
}

static void test_tampered_msg1(void **state)
{
	hl_noise_hs ini, resp;
	const struct blob *m = &vec.ciphertext[0];
	uint8_t bad[MAX_BYTES], pt[MAX_BYTES];
	size_t plen;

	(void)state;
	/* Every byte matters: the key through DH and h, the rest through the
	 * tag. Even the top bit of the key, which X25519 ignores, is hashed. */
	for (size_t i = 0; i < m->len; i++) {
		for (int bit = 0; bit < 8; bit += 7) {
			vector_init(&ini, &resp);
			memcpy(bad, m->b, m->len);
			bad[i] ^= (uint8_t)(1u << bit);
			assert_int_equal(hl_noise_read_message(&resp, bad, m->len, pt, sizeof pt,
							       &plen), HL_E_CRYPTO);
			/* The failure left the state alone: the real one passes. */
			assert_int_equal(hl_noise_read_message(&resp, m->b, m->len, pt, sizeof pt,
							       &plen), 0);
			assert_memory_equal(pt, vec.payload[0].b, plen);
		}
	}
	hl_noise_hs_wipe(&ini);
	hl_noise_hs_wipe(&resp);
}

static void test_tampered_msg2(void **state)
{
	hl_noise_hs ini, resp;
	uint8_t out[MAX_BYTES], bad[MAX_BYTES], pt[MAX_BYTES];
	const struct blob *m = &vec.ciphertext[1];
	size_t olen, plen;

	(void)state;
	vector_init(&ini, &resp);
	assert_int_equal(hl_noise_write_message(&ini, vec.payload[0].b, vec.payload[0].len, out,
						sizeof out, &olen), 0);
	for (size_t i = 0; i < m->len; i++) {
		memcpy(bad, m->b, m->len);
		bad[i] ^= 0x01;
		assert_int_equal(hl_noise_read_message(&ini, bad, m->len, pt, sizeof pt, &plen),
				 HL_E_CRYPTO);
	}
	assert_int_equal(hl_noise_read_message(&ini, m->b, m->len, pt, sizeof pt, &plen), 0);
	assert_memory_equal(pt, vec.payload[1].b, plen);
	hl_noise_hs_wipe(&ini);
	hl_noise_hs_wipe(&resp);
}

static void test_wrong_responder_key(void **state)
{
	hl_noise_hs ini, resp;
	uint8_t other_pub[32], other_priv[32], out[128], pt[128];
	size_t olen, plen;

	(void)state;
	assert_int_equal(hl_noise_keypair(other_pub, other_priv), 0);
	/* The client pinned some other broker's key. */
	assert_int_equal(hl_noise_init_initiator(&ini, vec.prologue.b, vec.prologue.len,
						 other_pub, NULL), 0);
	assert_int_equal(hl_noise_init_responder(&resp, vec.prologue.b, vec.prologue.len,
						 vec.resp_s.b, NULL), 0);
	assert_int_equal(hl_noise_write_message(&ini, (const uint8_t *)"hi", 2, out, sizeof out,
						&olen), 0);
	assert_int_equal(hl_noise_read_message(&resp, out, olen, pt, sizeof pt, &plen),
			 HL_E_CRYPTO);
	hl_noise_hs_wipe(&ini);
	hl_noise_hs_wipe(&resp);
}

static void test_prologue_mismatch(void **state)
{
	hl_noise_hs ini, resp;
	uint8_t out[128], pt[128];
	size_t olen, plen;

	(void)state;
	assert_int_equal(hl_noise_init_initiator(&ini, (const uint8_t *)"hotline/1", 9, vec.rs.b,
						 NULL), 0);
	assert_int_equal(hl_noise_init_responder(&resp, (const uint8_t *)"hotline/2", 9,
						 vec.resp_s.b, NULL), 0);
	assert_int_equal(hl_noise_write_message(&ini, NULL, 0, out, sizeof out, &olen), 0);
	assert_int_equal(hl_noise_read_message(&resp, out, olen, pt, sizeof pt, &plen),
			 HL_E_CRYPTO);
	hl_noise_hs_wipe(&ini);
	hl_noise_hs_wipe(&resp);
}

static void test_truncated(void **state)
{
	hl_noise_hs ini, resp;
	uint8_t out[MAX_BYTES], pt[MAX_BYTES];
	size_t olen, plen;

	(void)state;
	vector_init(&ini, &resp);
	for (size_t n = 0; n < HL_NOISE_HS_OVERHEAD; n++)
		assert_int_equal(hl_noise_read_message(&resp, vec.ciphertext[0].b, n, pt, sizeof pt,
						       &plen), HL_E_MALFORMED);
	/* Cut inside the payload: long enough to parse, but the tag fails. */
	assert_int_equal(hl_noise_read_message(&resp, vec.ciphertext[0].b,
					       vec.ciphertext[0].len - 1, pt, sizeof pt, &plen),
			 HL_E_CRYPTO);
	assert_int_equal(hl_noise_read_message(&resp, vec.ciphertext[0].b, vec.ciphertext[0].len,
					       pt, sizeof pt, &plen), 0);

	assert_int_equal(hl_noise_write_message(&ini, vec.payload[0].b, vec.payload[0].len, out,
						sizeof out, &olen), 0);
	for (size_t n = 0; n < HL_NOISE_HS_OVERHEAD; n++)
		assert_int_equal(hl_noise_read_message(&ini, vec.ciphertext[1].b, n, pt, sizeof pt,
						       &plen), HL_E_MALFORMED);
	hl_noise_hs_wipe(&ini);
	hl_noise_hs_wipe(&resp);
}

static void test_limits_and_turns(void **state)
{
	hl_noise_hs ini, resp;
	hl_noise_cipher c1, c2;
	uint8_t out[MAX_BYTES], pt[MAX_BYTES], *big;
	size_t olen, plen;

	(void)state;
	vector_init(&ini, &resp);
	/* Out of turn: the responder speaks second, the initiator listens second. */
	assert_int_equal(hl_noise_write_message(&resp, NULL, 0, out, sizeof out, &olen),
			 HL_E_STATE);
	assert_int_equal(hl_noise_read_message(&ini, vec.ciphertext[1].b, vec.ciphertext[1].len,
					       pt, sizeof pt, &plen), HL_E_STATE);
	assert_int_equal(hl_noise_split(&ini, &c1, &c2, NULL), HL_E_STATE);

	/* Output too small, by one byte. */
	assert_int_equal(hl_noise_write_message(&ini, vec.payload[0].b, vec.payload[0].len, out,
						vec.payload[0].len + HL_NOISE_HS_OVERHEAD - 1,
						&olen), HL_E_TOOBIG);
	/* Payload buffer too small for what the message holds. */
	assert_int_equal(hl_noise_read_message(&resp, vec.ciphertext[0].b, vec.ciphertext[0].len,
					       pt, vec.payload[0].len - 1, &plen), HL_E_TOOBIG);
	/* Over Noise's 65535-byte message limit. */
	big = calloc(1, 65536);
	assert_non_null(big);
	memcpy(big, vec.ciphertext[0].b, vec.ciphertext[0].len);
	assert_int_equal(hl_noise_read_message(&resp, big, 65536, pt, sizeof pt, &plen),
			 HL_E_MALFORMED);
	free(big);

	assert_int_equal(hl_noise_write_message(&ini, vec.payload[0].b, vec.payload[0].len, out,
						sizeof out, &olen), 0);
	assert_int_equal(hl_noise_write_message(&ini, NULL, 0, out, sizeof out, &olen),
			 HL_E_STATE);
	assert_int_equal(hl_noise_read_message(&resp, vec.ciphertext[0].b, vec.ciphertext[0].len,
					       pt, sizeof pt, &plen), 0);
	assert_int_equal(hl_noise_read_message(&resp, vec.ciphertext[0].b, vec.ciphertext[0].len,
					       pt, sizeof pt, &plen), HL_E_STATE);
	hl_noise_hs_wipe(&ini);
	hl_noise_hs_wipe(&resp);
}

static void test_low_order_keys(void **state)
{
	static const uint8_t zero[32];
	hl_noise_hs ini, resp;
	uint8_t out[128], pt[128], msg[HL_NOISE_HS_OVERHEAD];
	size_t olen, plen;

	(void)state;
	/* A pinned all-zero key yields an all-zero DH: refuse to write. */
	assert_int_equal(hl_noise_init_initiator(&ini, NULL, 0, zero, NULL), 0);
	assert_int_equal(hl_noise_write_message(&ini, NULL, 0, out, sizeof out, &olen),
			 HL_E_CRYPTO);
	/* An attacker's all-zero ephemeral key is refused before decryption. */
	assert_int_equal(hl_noise_init_responder(&resp, NULL, 0, vec.resp_s.b, NULL), 0);
	memset(msg, 0, sizeof msg);
	assert_int_equal(hl_noise_read_message(&resp, msg, sizeof msg, pt, sizeof pt, &plen),
			 HL_E_CRYPTO);
	hl_noise_hs_wipe(&ini);
	hl_noise_hs_wipe(&resp);
}

/* A full handshake with random keys; returns the four transport keys. */
static void random_handshake(hl_noise_cipher *ic1, hl_noise_cipher *ic2, hl_noise_cipher *rc1,
			     hl_noise_cipher *rc2)
{
	hl_noise_hs ini, resp;
	uint8_t s_pub[32], s_priv[32], out[128], pt[128], ih[32], rh[32];
	size_t olen, plen;

	assert_int_equal(hl_noise_keypair(s_pub, s_priv), 0);
	assert_int_equal(hl_noise_init_initiator(&ini, NULL, 0, s_pub, NULL), 0);
	assert_int_equal(hl_noise_init_responder(&resp, NULL, 0, s_priv, NULL), 0);
	assert_int_equal(hl_noise_write_message(&ini, (const uint8_t *)"hello", 5, out,
						sizeof out, &olen), 0);
	assert_int_equal(hl_noise_read_message(&resp, out, olen, pt, sizeof pt, &plen), 0);
	assert_int_equal(plen, 5);
	assert_memory_equal(pt, "hello", 5);
	assert_int_equal(hl_noise_write_message(&resp, NULL, 0, out, sizeof out, &olen), 0);
	assert_int_equal(hl_noise_read_message(&ini, out, olen, pt, sizeof pt, &plen), 0);
	assert_int_equal(plen, 0);
	assert_int_equal(hl_noise_split(&ini, ic1, ic2, ih), 0);
	assert_int_equal(hl_noise_split(&resp, rc1, rc2, rh), 0);
	assert_memory_equal(ih, rh, sizeof ih);
	sodium_memzero(s_priv, sizeof s_priv);
}

static void test_transport_round_trip(void **state)
{
	hl_noise_cipher ic1, ic2, rc1, rc2;
	static const uint8_t ad[] = "H\x01\x03 session and nonce";
	uint8_t buf[64 + HL_NOISE_TAGLEN], ct[64 + HL_NOISE_TAGLEN], pt[64];
	const char *msg = "queue: billing, 3 waiting";
	size_t len = strlen(msg);

	(void)state;
	random_handshake(&ic1, &ic2, &rc1, &rc2);

	/* In place, as hl_chan_seal may do. */
	memcpy(buf, msg, len);
	assert_int_equal(hl_noise_encrypt(&ic1, 7, ad, sizeof ad, buf, len, buf), 0);
	memcpy(ct, buf, len + HL_NOISE_TAGLEN);
	assert_int_equal(hl_noise_decrypt(&rc1, 7, ad, sizeof ad, ct, len + HL_NOISE_TAGLEN, pt),
			 0);
	assert_memory_equal(pt, msg, len);
	/* In-place decryption too. */
	assert_int_equal(hl_noise_decrypt(&rc1, 7, ad, sizeof ad, buf, len + HL_NOISE_TAGLEN,
					  buf), 0);
	assert_memory_equal(buf, msg, len);

	/* Wrong associated data, nonce, direction, or a flipped bit: forged. */
	assert_int_equal(hl_noise_decrypt(&rc1, 7, ad, sizeof ad - 1, ct, len + HL_NOISE_TAGLEN,
					  pt), HL_E_CRYPTO);
	assert_int_equal(hl_noise_decrypt(&rc1, 7, NULL, 0, ct, len + HL_NOISE_TAGLEN, pt),
			 HL_E_CRYPTO);
	assert_int_equal(hl_noise_decrypt(&rc1, 8, ad, sizeof ad, ct, len + HL_NOISE_TAGLEN, pt),
			 HL_E_CRYPTO);
	assert_int_equal(hl_noise_decrypt(&rc1, 7 + ((uint64_t)1 << 32), ad, sizeof ad, ct,
					  len + HL_NOISE_TAGLEN, pt), HL_E_CRYPTO);
	assert_int_equal(hl_noise_decrypt(&ic2, 7, ad, sizeof ad, ct, len + HL_NOISE_TAGLEN, pt),
			 HL_E_CRYPTO);
	ct[len] ^= 0x80;
	assert_int_equal(hl_noise_decrypt(&rc1, 7, ad, sizeof ad, ct, len + HL_NOISE_TAGLEN, pt),
			 HL_E_CRYPTO);

	/* Shorter than a tag. */
	assert_int_equal(hl_noise_decrypt(&rc1, 7, ad, sizeof ad, ct, HL_NOISE_TAGLEN - 1, pt),
			 HL_E_MALFORMED);
	/* An empty message is a bare tag. */
	assert_int_equal(hl_noise_encrypt(&rc2, 0, NULL, 0, NULL, 0, ct), 0);
	assert_int_equal(hl_noise_decrypt(&ic2, 0, NULL, 0, ct, HL_NOISE_TAGLEN, pt), 0);

	/* Noise reserves nonce 2^64-1. */
	assert_int_equal(hl_noise_encrypt(&ic1, UINT64_MAX, NULL, 0, pt, 1, ct), HL_E_STATE);
	assert_int_equal(hl_noise_encrypt(&ic1, UINT64_MAX - 1, NULL, 0, pt, 1, ct), 0);
	assert_int_equal(hl_noise_decrypt(&rc1, UINT64_MAX - 1, NULL, 0, ct, 1 + HL_NOISE_TAGLEN,
					  buf), 0);
	assert_int_equal(hl_noise_decrypt(&rc1, UINT64_MAX, NULL, 0, ct, 1 + HL_NOISE_TAGLEN,
					  buf), HL_E_CRYPTO);
}

static void test_random_handshakes_differ(void **state)
{
	hl_noise_cipher a1, a2, b1, b2, c1, c2, d1, d2;

	(void)state;
	random_handshake(&a1, &a2, &b1, &b2);
	random_handshake(&c1, &c2, &d1, &d2);
	assert_memory_not_equal(a1.k, c1.k, HL_NOISE_KEYLEN);
	assert_memory_not_equal(a2.k, c2.k, HL_NOISE_KEYLEN);
}

static void test_fingerprint(void **state)
{
	uint8_t key[32];
	char fp[64], again[64];

	(void)state;
	for (int i = 0; i < 32; i++)
		key[i] = (uint8_t)(i + 1);
	memset(fp, 'x', sizeof fp);
	hl_noise_fingerprint(key, fp);
	/* "SHA256:" + 43 characters of unpadded base64 of 32 bytes. */
	assert_int_equal(strlen(fp), 7 + 43);
	assert_memory_equal(fp, "SHA256:", 7);
	assert_null(strchr(fp, '='));
	/* Computed apart: python3 -c 'import hashlib,base64;
	 * print(base64.b64encode(hashlib.sha256(bytes(range(1,33))).digest()))' */
	assert_string_equal(fp, "SHA256:riFsLvUkejeCwTXvonmj5M3GEJQnD10r5YxiBLemEsk");
	hl_noise_fingerprint(key, again);
	assert_string_equal(fp, again);

	/* The vector's responder key, as `xxd -r -p | sha256sum` gives it. */
	hl_noise_fingerprint(vec.rs.b, fp);
	assert_string_equal(fp, "SHA256:nFZD8f0aHK0HZ7vEJXWyCA/5AnyYkVYZi5jseKuVYDg");

	key[31] ^= 1;
	hl_noise_fingerprint(key, again);
	assert_string_not_equal(fp, again);
}

static void test_keypair(void **state)
{
	uint8_t pub[32], priv[32], pub2[32], pub3[32], priv3[32];

	(void)state;
	assert_int_equal(hl_noise_keypair(pub, priv), 0);
	assert_int_equal(hl_noise_pubkey(priv, pub2), 0);
	assert_memory_equal(pub, pub2, 32);
	assert_int_equal(hl_noise_keypair(pub3, priv3), 0);
	assert_memory_not_equal(pub, pub3, 32);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vector_shape),
		cmocka_unit_test(test_vector_all_messages),
		cmocka_unit_test(test_split_wipes_state),
		cmocka_unit_test(test_tampered_msg1),
		cmocka_unit_test(test_tampered_msg2),
		cmocka_unit_test(test_wrong_responder_key),
		cmocka_unit_test(test_prologue_mismatch),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_limits_and_turns),
		cmocka_unit_test(test_low_order_keys),
		cmocka_unit_test(test_transport_round_trip),
		cmocka_unit_test(test_random_handshakes_differ),
		cmocka_unit_test(test_fingerprint),
		cmocka_unit_test(test_keypair),
	};

	return cmocka_run_group_tests(tests, load_vector, NULL);
}
