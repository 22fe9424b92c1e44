/* Encoding and strict parsing of the outer frame that wraps every message on
 * the nng channel. */
#include "frame.h"

#include <string.h>

#include "error.h"
#include "noise.h"

/* Both handshake messages carry an ephemeral key and a tag at least. */
#define FRAME_HS_MIN HL_NOISE_HS_OVERHEAD

static void put_u64(uint8_t *p, uint64_t v)
{
	for (int i = 7; i >= 0; i--) {
		p[i] = (uint8_t)v;
		v >>= 8;
	}
}

static uint64_t get_u64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

/*
 * Returns 1 if `s` is well-formed UTF-8 (Unicode 15, table 3-7: no
 * overlong forms, no surrogates, nothing above U+10FFFF) free of control
 * characters. ERROR frames travel unauthenticated and their text is shown
 * to a person, often in a terminal, so C0, DEL and C1 controls are refused:
 * they would let anyone on the path send escape sequences.
 */
static int frame_text_ok(const uint8_t *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		uint8_t c = s[i];
		size_t need;
		uint8_t lo = 0x80, hi = 0xBF;   /* range of the first continuation */

		if (c < 0x80) {
			if (c < 0x20 || c == 0x7F)
				return 0;
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			need = 1;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			if (c == 0xE0)
				lo = 0xA0;   /* overlong below U+0800 */
			else if (c == 0xED)
				hi = 0x9F;   /* surrogates U+D800..U+DFFF */
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			if (c == 0xF0)
				lo = 0x90;   /* overlong below U+10000 */
			else if (c == 0xF4)
				hi = 0x8F;   /* above U+10FFFF */
		} else {
			/* 0x80..0xC1 (stray continuation, overlong 2-byte) and
			 * 0xF5..0xFF never start a sequence. */
			return 0;
		}
		if (len - i - 1 < need)
			return 0;
		if (s[i + 1] < lo || s[i + 1] > hi)
			return 0;
		for (size_t j = 2; j <= need; j++)
			if (s[i + j] < 0x80 || s[i + j] > 0xBF)
				return 0;
		/* C1 controls U+0080..U+009F are C2 80..C2 9F. */
		if (c == 0xC2 && s[i + 1] <= 0x9F)
			return 0;
		i += need + 1;
	}
	return 1;
}

/* The layout of each kind: header length, body limits, which header
 * fields it carries. */
static const struct kind_layout {
	uint8_t hdr;
	size_t min_body, max_body;
	uint8_t has_session, has_nonce, has_code;
} layouts[] = {
	[HL_FRAME_HS1] = {HL_FRAME_HS1_HDR, FRAME_HS_MIN, HL_FRAME_MAX, 0, 0, 0},
	[HL_FRAME_HS2] = {HL_FRAME_HS2_HDR, FRAME_HS_MIN, HL_FRAME_MAX, 1, 0, 0},
	[HL_FRAME_DATA] = {HL_FRAME_DATA_HDR, HL_NOISE_TAGLEN, HL_FRAME_MAX, 1, 1, 0},
	[HL_FRAME_ERROR] = {HL_FRAME_ERROR_HDR, 0, HL_FRAME_ERRTEXT_MAX, 0, 0, 1},
	[HL_FRAME_KEYREQ] = {HL_FRAME_KEYREQ_HDR, 0, 0, 0, 0, 0},
	[HL_FRAME_KEY] = {HL_FRAME_KEY_HDR, 32, 32, 0, 0, 0},
};

static const struct kind_layout *layout(int kind)
{
	if (kind <= 0 || (size_t)kind >= sizeof layouts / sizeof layouts[0] ||
	    layouts[kind].hdr == 0)
		return NULL;
	return &layouts[kind];
}

int hl_frame_decode(const uint8_t *buf, size_t len, hl_frame *out)
{
	const struct kind_layout *k;
	size_t hdr;

	memset(out, 0, sizeof *out);
	/* Length first: nothing else is read from an oversized buffer. */
	if (len > HL_FRAME_MAX)
		return HL_E_TOOBIG;
	if (len < 3 || buf[0] != HL_FRAME_MAGIC)
		return HL_E_MALFORMED;
	/* The outer layout never changes, so the magic and this byte are all a
	 * peer of any version needs to tell that versions differ. */
	if (buf[1] != HL_FRAME_WIRE_VERSION)
		return HL_E_VERSION;
	if (!(k = layout(buf[2])))
		return HL_E_MALFORMED;
	hdr = k->hdr;
	if (len < hdr || len - hdr < k->min_body || len - hdr > k->max_body)
		return HL_E_MALFORMED;
	if (k->has_session)
		out->session = get_u64(buf + 3);
	if (k->has_nonce)
		out->nonce = get_u64(buf + 11);
	if (k->has_code) {
		/* Code 0 would be an error frame that reports success. */
		if (buf[3] == 0 || !frame_text_ok(buf + hdr, len - hdr))
			return HL_E_MALFORMED;
		out->err_code = buf[3];
	}
	out->kind = buf[2];
	out->body = buf + hdr;
	out->body_len = len - hdr;
	out->hdr = buf;
	out->hdr_len = hdr;
	return 0;
}

int hl_frame_encode_header(uint8_t *out, size_t cap, int kind, uint64_t session,
			   uint64_t nonce, uint8_t err_code)
{
	const struct kind_layout *k = layout(kind);

	/* A kind we cannot encode is the caller's bug, not a size. */
	if (!k)
		return HL_E_INVALID;
	if (cap < k->hdr)
		return HL_E_TOOBIG;
	out[0] = HL_FRAME_MAGIC;
	out[1] = HL_FRAME_WIRE_VERSION;
	out[2] = (uint8_t)kind;
	if (k->has_session)
		put_u64(out + 3, session);
	if (k->has_nonce)
		put_u64(out + 11, nonce);
	if (k->has_code)
		out[3] = err_code;
	return (int)k->hdr;
}
