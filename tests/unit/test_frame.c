/* Tests for common/frame.c: every kind round-trips, and every malformed,
 * foreign-version or oversized input is refused without reading past it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "error.h"
#include "frame.h"

/* Builds a frame of `kind` with `body_len` bytes of body into a fresh heap
 * buffer of exactly the frame's size, so ASan sees any read past it. */
static uint8_t *build(int kind, uint64_t session, uint64_t nonce, uint8_t code,
		      const void *body, size_t body_len, size_t *len)
{
	uint8_t hdr[64];
	int h = hl_frame_encode_header(hdr, sizeof hdr, kind, session, nonce, code);
	uint8_t *buf;

	assert_true(h > 0);
	*len = (size_t)h + body_len;
	buf = malloc(*len ? *len : 1);
	assert_non_null(buf);
	memcpy(buf, hdr, (size_t)h);
	if (body_len) {
		if (body)
			memcpy(buf + h, body, body_len);
		else
			memset(buf + h, 0xA5, body_len);
	}
	return buf;
}

static int decode_copy(const void *bytes, size_t len)
{
	uint8_t *buf = malloc(len ? len : 1);
	hl_frame f;
	int rc;

	assert_non_null(buf);
	memcpy(buf, bytes, len);
	rc = hl_frame_decode(buf, len, &f);
	free(buf);
	return rc;
}

static int decode_error_text(const char *text, size_t n)
{
	size_t len;
	uint8_t *buf = build(HL_FRAME_ERROR, 0, 0, 4, text, n, &len);
	hl_frame f;
	int rc = hl_frame_decode(buf, len, &f);

	free(buf);
	return rc;
}

static void test_header_bytes(void **state)
{
	uint8_t out[32];

	(void)state;
	assert_int_equal(hl_frame_encode_header(out, sizeof out, HL_FRAME_HS1, 9, 9, 9),
			 HL_FRAME_HS1_HDR);
	assert_memory_equal(out, "\x48\x01\x01", 3);

	assert_int_equal(hl_frame_encode_header(out, sizeof out, HL_FRAME_HS2,
						0x0102030405060708u, 9, 9), HL_FRAME_HS2_HDR);
	assert_memory_equal(out, "\x48\x01\x02\x01\x02\x03\x04\x05\x06\x07\x08", 11);

	/* Integers are big-endian. */
	assert_int_equal(hl_frame_encode_header(out, sizeof out, HL_FRAME_DATA,
						0x1122334455667788u, 0xA1B2C3D4E5F60718u, 9),
			 HL_FRAME_DATA_HDR);
	assert_memory_equal(out, "\x48\x01\x03\x11\x22\x33\x44\x55\x66\x77\x88"
				 "\xA1\xB2\xC3\xD4\xE5\xF6\x07\x18", 19);

	assert_int_equal(hl_frame_encode_header(out, sizeof out, HL_FRAME_ERROR, 9, 9, 5),
			 HL_FRAME_ERROR_HDR);
	assert_memory_equal(out, "\x48\x01\x04\x05", 4);
}

static void test_encode_limits(void **state)
{
	uint8_t out[32];

	(void)state;
	assert_int_equal(hl_frame_encode_header(out, HL_FRAME_DATA_HDR - 1, HL_FRAME_DATA, 1, 2,
						0), HL_E_TOOBIG);
	assert_int_equal(hl_frame_encode_header(out, HL_FRAME_DATA_HDR, HL_FRAME_DATA, 1, 2, 0),
			 HL_FRAME_DATA_HDR);
	assert_int_equal(hl_frame_encode_header(out, 0, HL_FRAME_HS1, 0, 0, 0), HL_E_TOOBIG);
	assert_int_equal(hl_frame_encode_header(out, sizeof out, 0, 0, 0, 0), HL_E_INVALID);
	assert_int_equal(hl_frame_encode_header(out, sizeof out, 7, 0, 0, 0), HL_E_INVALID);
	assert_int_equal(hl_frame_encode_header(out, sizeof out, -1, 0, 0, 0), HL_E_INVALID);
}

static void test_round_trip_hs1(void **state)
{
	size_t len;
	uint8_t *buf = build(HL_FRAME_HS1, 0, 0, 0, NULL, 48, &len);
	hl_frame f;

	(void)state;
	assert_int_equal(hl_frame_decode(buf, len, &f), 0);
	assert_int_equal(f.kind, HL_FRAME_HS1);
	assert_ptr_equal(f.body, buf + HL_FRAME_HS1_HDR);
	assert_int_equal(f.body_len, 48);
	assert_int_equal(f.session, 0);
	free(buf);
}

static void test_round_trip_hs2(void **state)
{
	size_t len;
	uint8_t *buf = build(HL_FRAME_HS2, 0xDEADBEEFCAFEF00Du, 0, 0, NULL, 64, &len);
	hl_frame f;

	(void)state;
	assert_int_equal(hl_frame_decode(buf, len, &f), 0);
	assert_int_equal(f.kind, HL_FRAME_HS2);
	assert_int_equal(f.session, 0xDEADBEEFCAFEF00Du);
	assert_ptr_equal(f.body, buf + HL_FRAME_HS2_HDR);
	assert_int_equal(f.body_len, 64);
	free(buf);
}

static void test_round_trip_data(void **state)
{
	size_t len;
	uint8_t *buf = build(HL_FRAME_DATA, UINT64_MAX, 0x0102030405060708u, 0, NULL, 16, &len);
	hl_frame f;

	(void)state;
	assert_int_equal(hl_frame_decode(buf, len, &f), 0);
	assert_int_equal(f.kind, HL_FRAME_DATA);
	assert_int_equal(f.session, UINT64_MAX);
	assert_int_equal(f.nonce, 0x0102030405060708u);
	assert_ptr_equal(f.body, buf + HL_FRAME_DATA_HDR);
	assert_int_equal(f.body_len, 16);
	/* The header is what the AEAD authenticates. */
	assert_ptr_equal(f.hdr, buf);
	assert_int_equal(f.hdr_len, HL_FRAME_DATA_HDR);
	free(buf);
}

static void test_round_trip_error(void **state)
{
	static const char text[] = "session unknown; handshake again (会话未知)";
	size_t len;
	uint8_t *buf = build(HL_FRAME_ERROR, 0, 0, (uint8_t)-HL_E_SESSION, text,
			     sizeof text - 1, &len);
	hl_frame f;

	(void)state;
	assert_int_equal(hl_frame_decode(buf, len, &f), 0);
	assert_int_equal(f.kind, HL_FRAME_ERROR);
	assert_int_equal(f.err_code, -HL_E_SESSION);
	assert_int_equal(f.body_len, sizeof text - 1);
	assert_memory_equal(f.body, text, f.body_len);
	free(buf);

	/* An empty text is allowed. */
	buf = build(HL_FRAME_ERROR, 0, 0, 1, NULL, 0, &len);
	assert_int_equal(hl_frame_decode(buf, len, &f), 0);
	assert_int_equal(f.body_len, 0);
	free(buf);
}

static void test_too_short(void **state)
{
	hl_frame f;

	(void)state;
	assert_int_equal(hl_frame_decode(NULL, 0, &f), HL_E_MALFORMED);
	assert_int_equal(decode_copy("", 0), HL_E_MALFORMED);
	assert_int_equal(decode_copy("\x48", 1), HL_E_MALFORMED);
	assert_int_equal(decode_copy("\x48\x01", 2), HL_E_MALFORMED);
	/* Three bytes: a header of a kind with more header, or no body. */
	for (int k = 1; k <= 4; k++) {
		uint8_t b[3] = {HL_FRAME_MAGIC, HL_FRAME_WIRE_VERSION, (uint8_t)k};

		assert_int_equal(decode_copy(b, 3), HL_E_MALFORMED);
	}
}

static void test_bad_magic_version_kind(void **state)
{
	size_t len;
	uint8_t *buf = build(HL_FRAME_DATA, 1, 1, 0, NULL, 16, &len);
	hl_frame f;

	(void)state;
	for (int m = 0; m < 256; m++) {
		if (m == HL_FRAME_MAGIC)
			continue;
		buf[0] = (uint8_t)m;
		assert_int_equal(hl_frame_decode(buf, len, &f), HL_E_MALFORMED);
	}
	buf[0] = HL_FRAME_MAGIC;
	for (int v = 0; v < 256; v++) {
		if (v == HL_FRAME_WIRE_VERSION)
			continue;
		buf[1] = (uint8_t)v;
		assert_int_equal(hl_frame_decode(buf, len, &f), HL_E_VERSION);
	}
	/* Another version is told apart from a bare three-byte header too. */
	assert_int_equal(decode_copy("\x48\x02\x03", 3), HL_E_VERSION);
	buf[1] = HL_FRAME_WIRE_VERSION;
	for (int k = 0; k < 256; k++) {
		if (k >= HL_FRAME_HS1 && k <= HL_FRAME_KEY)
			continue;
		buf[2] = (uint8_t)k;
		assert_int_equal(hl_frame_decode(buf, len, &f), HL_E_MALFORMED);
	}
	free(buf);
}

/* The key request is a bare header; the key is exactly 32 bytes. */
static void test_key_frames(void **state)
{
	uint8_t buf[3 + 40];
	hl_frame f;
	int h;

	(void)state;
	h = hl_frame_encode_header(buf, sizeof buf, HL_FRAME_KEYREQ, 0, 0, 0);
	assert_int_equal(h, HL_FRAME_KEYREQ_HDR);
	assert_int_equal(hl_frame_decode(buf, (size_t)h, &f), 0);
	assert_int_equal(f.kind, HL_FRAME_KEYREQ);
	assert_int_equal(f.body_len, 0);
	assert_int_equal(hl_frame_decode(buf, (size_t)h + 1, &f), HL_E_MALFORMED);

	h = hl_frame_encode_header(buf, sizeof buf, HL_FRAME_KEY, 0, 0, 0);
	assert_int_equal(h, HL_FRAME_KEY_HDR);
	for (int i = 0; i < 40; i++)
		buf[h + i] = (uint8_t)i;
	assert_int_equal(hl_frame_decode(buf, (size_t)h + 32, &f), 0);
	assert_int_equal(f.kind, HL_FRAME_KEY);
	assert_int_equal(f.body_len, 32);
	assert_memory_equal(f.body, buf + h, 32);
	assert_int_equal(hl_frame_decode(buf, (size_t)h + 31, &f), HL_E_MALFORMED);
	assert_int_equal(hl_frame_decode(buf, (size_t)h + 33, &f), HL_E_MALFORMED);
	assert_int_equal(hl_frame_decode(buf, (size_t)h, &f), HL_E_MALFORMED);
}

static void test_short_headers_and_bodies(void **state)
{
	static const struct {
		int kind;
		size_t min;   /* smallest whole frame */
	} kinds[] = {
		{HL_FRAME_HS1, HL_FRAME_HS1_HDR + 48},
		{HL_FRAME_HS2, HL_FRAME_HS2_HDR + 48},
		{HL_FRAME_DATA, HL_FRAME_DATA_HDR + 16},
		{HL_FRAME_ERROR, HL_FRAME_ERROR_HDR},
	};

	(void)state;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		uint8_t hdr[32];
		int h = hl_frame_encode_header(hdr, sizeof hdr, kinds[i].kind, 7, 7, 7);
		size_t len;
		uint8_t *full;

		assert_true(h > 0);
		full = build(kinds[i].kind, 7, 7, 7, NULL, kinds[i].min - (size_t)h, &len);
		assert_int_equal(len, kinds[i].min);
		/* Every prefix shorter than the minimum is refused. */
		for (size_t n = 0; n < kinds[i].min; n++)
			assert_int_equal(decode_copy(full, n), HL_E_MALFORMED);
		assert_int_equal(decode_copy(full, kinds[i].min), 0);
		free(full);
	}
}

static void test_oversized(void **state)
{
	uint8_t *buf = malloc(HL_FRAME_MAX + 1);
	uint8_t hdr[HL_FRAME_DATA_HDR];
	hl_frame f;

	(void)state;
	assert_non_null(buf);
	memset(buf, 0, HL_FRAME_MAX + 1);
	hl_frame_encode_header(hdr, sizeof hdr, HL_FRAME_DATA, 1, 1, 0);
	memcpy(buf, hdr, sizeof hdr);
	assert_int_equal(hl_frame_decode(buf, HL_FRAME_MAX, &f), 0);
	assert_int_equal(f.body_len, HL_FRAME_MAX - HL_FRAME_DATA_HDR);
	assert_int_equal(hl_frame_decode(buf, HL_FRAME_MAX + 1, &f), HL_E_TOOBIG);
	/* Size is judged before anything else. */
	buf[0] = 0;
	assert_int_equal(hl_frame_decode(buf, HL_FRAME_MAX + 1, &f), HL_E_TOOBIG);
	free(buf);
}

static void test_error_code_zero(void **state)
{
	size_t len;
	uint8_t *buf = build(HL_FRAME_ERROR, 0, 0, 0, "x", 1, &len);
	hl_frame f;

	(void)state;
	assert_int_equal(hl_frame_decode(buf, len, &f), HL_E_MALFORMED);
	free(buf);
}

static void test_error_text_utf8(void **state)
{
	static const char *const good[] = {
		"plain ASCII, with punctuation ~!",
		"\xC2\xA0\xC3\xA9",                 /* U+00A0, é: first after C1 */
		"\xE4\xBC\x9A\xE8\xAF\x9D",         /* 会话 */
		"\xE0\xA0\x80",                     /* U+0800, smallest 3-byte */
		"\xED\x9F\xBF",                     /* U+D7FF, just below surrogates */
		"\xEE\x80\x80",                     /* U+E000, just above */
		"\xEF\xBF\xBD",                     /* U+FFFD */
		"\xF0\x90\x80\x80",                 /* U+10000 */
		"\xF0\x9F\x98\x80",                 /* 😀 */
		"\xF4\x8F\xBF\xBF",                 /* U+10FFFF, the last */
	};
	static const char *const bad[] = {
		"\x80",                             /* stray continuation */
		"ab\xBF",
		"\xC0\xAF",                         /* overlong '/' */
		"\xC1\xBF",
		"\xE0\x80\xAF",                     /* overlong 3-byte */
		"\xE0\x9F\xBF",
		"\xED\xA0\x80",                     /* surrogate U+D800 */
		"\xED\xBF\xBF",                     /* surrogate U+DFFF */
		"\xF0\x80\x80\xAF",                 /* overlong 4-byte */
		"\xF0\x8F\xBF\xBF",
		"\xF4\x90\x80\x80",                 /* U+110000 */
		"\xF5\x80\x80\x80",
		"\xF8\x88\x80\x80\x80",             /* 5-byte form */
		"\xFE", "\xFF",
		"\xC3",                             /* truncated at the end */
		"\xE4\xBC",
		"\xF0\x9F\x98",
		"\xC3\x28",                         /* bad continuation */
		"\xE4\x28\x9D",
		"\xE4\xBC\x28",
		"\xF0\x9F\x28\x80",
		"\xF0\x9F\x98\x28",
		"a\x1B[2Jb",                        /* ESC: terminal control */
		"line\nbreak",
		"bell\x07",
		"del\x7F",
		"\xC2\x9B\x33\x31m",                /* C1 CSI, then "31m" */
		"\xC2\x80",
	};

	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		assert_int_equal(decode_error_text(good[i], strlen(good[i])), 0);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(decode_error_text(bad[i], strlen(bad[i])), HL_E_MALFORMED);
	/* NUL is a control character too; strlen cannot carry it. */
	assert_int_equal(decode_error_text("a\0b", 3), HL_E_MALFORMED);
}

static void test_error_text_length(void **state)
{
	char text[HL_FRAME_ERRTEXT_MAX + 4];

	(void)state;
	memset(text, 'e', sizeof text);
	assert_int_equal(decode_error_text(text, HL_FRAME_ERRTEXT_MAX), 0);
	assert_int_equal(decode_error_text(text, HL_FRAME_ERRTEXT_MAX + 1), HL_E_MALFORMED);
	/* The limit is in bytes: 66 three-byte characters fit, 67 do not. */
	for (int i = 0; i < 67; i++)
		memcpy(text + 3 * i, "\xE4\xBC\x9A", 3);
	assert_int_equal(decode_error_text(text, 198), 0);
	assert_int_equal(decode_error_text(text, 201), HL_E_MALFORMED);
	/* Cut through the last character. */
	assert_int_equal(decode_error_text(text, 200), HL_E_MALFORMED);
}

/* xorshift64*: a fixed generator, so the run is the same everywhere. */
static uint64_t rng_next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545F4914F6CDD1Du;
}

static void test_random_buffers(void **state)
{
	uint64_t seed = 0x486F746C696E6521u;   /* "Hotline!" */
	int accepted = 0;

	(void)state;
	for (int i = 0; i < 5000; i++) {
		size_t len = (size_t)(rng_next(&seed) % 300);
		uint8_t *buf = malloc(len ? len : 1);
		hl_frame f;
		int rc;

		assert_non_null(buf);
		for (size_t j = 0; j < len; j++)
			buf[j] = (uint8_t)rng_next(&seed);
		/* Mostly plausible headers, so the deeper checks run too. */
		if (len >= 1 && rng_next(&seed) % 4 != 0)
			buf[0] = HL_FRAME_MAGIC;
		if (len >= 2 && rng_next(&seed) % 4 != 0)
			buf[1] = HL_FRAME_WIRE_VERSION;
		if (len >= 3 && rng_next(&seed) % 4 != 0)
			buf[2] = (uint8_t)(1 + rng_next(&seed) % 4);
		if (len >= 4 && buf[2] == HL_FRAME_ERROR && rng_next(&seed) % 2)
			for (size_t j = 4; j < len; j++)
				buf[j] = (uint8_t)(0x20 + rng_next(&seed) % 0x5F);
		rc = hl_frame_decode(buf, len, &f);
		assert_true(rc == 0 || rc == HL_E_MALFORMED || rc == HL_E_VERSION);
		if (rc == 0) {
			accepted++;
			assert_true(f.kind >= HL_FRAME_HS1 && f.kind <= HL_FRAME_ERROR);
			assert_ptr_equal(f.body + f.body_len, buf + len);
			assert_ptr_equal(f.hdr, buf);
			assert_ptr_equal(f.hdr + f.hdr_len, f.body);
		}
		free(buf);
	}
	/* The generator is fixed, so some valid frames are always among them. */
	assert_true(accepted > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_bytes),
		cmocka_unit_test(test_encode_limits),
		cmocka_unit_test(test_round_trip_hs1),
		cmocka_unit_test(test_round_trip_hs2),
		cmocka_unit_test(test_round_trip_data),
		cmocka_unit_test(test_round_trip_error),
		cmocka_unit_test(test_key_frames),
		cmocka_unit_test(test_too_short),
		cmocka_unit_test(test_bad_magic_version_kind),
		cmocka_unit_test(test_short_headers_and_bodies),
		cmocka_unit_test(test_oversized),
		cmocka_unit_test(test_error_code_zero),
		cmocka_unit_test(test_error_text_utf8),
		cmocka_unit_test(test_error_text_length),
		cmocka_unit_test(test_random_buffers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
