/* Encoding and strict parsing of the outer frame that wraps every message on
 * the nng channel. */
#include "frame.h"

#include <string.h>

#include "error.h"
#include "noise.h"
#include "textrule.h"

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
 * Returns 1 if `s` is acceptable one-line text by the text rules
 * (common/textrule.h): well-formed UTF-8, no control characters, no bidi
 * controls. ERROR frames travel unauthenticated and their text is shown
 * to a person, often in a terminal, so C0, DEL and C1 controls are refused:
 * they would let anyone on the path send escape sequences.
 */
static int frame_text_ok(const uint8_t *s, size_t len)
{
	return hl_textrule_check((const char *)s, len, 0, 0, NULL) == HL_TEXTRULE_OK;
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
