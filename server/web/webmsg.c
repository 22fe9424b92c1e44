/* A visitor's line parsed and typed: the one place where bytes from a
 * browser become a message the web chat handles. */
#include "webmsg.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "textrule.h"

static const char *const names[HL_WEBMSG_COUNT] = {
	[HL_WEBMSG_HELLO] = "hello",
	[HL_WEBMSG_START] = "start",
	[HL_WEBMSG_MSG] = "msg",
	[HL_WEBMSG_TYPING] = "typing",
	[HL_WEBMSG_END] = "end",
	[HL_WEBMSG_RATE] = "rate",
	[HL_WEBMSG_LEAVE_MESSAGE] = "leave_message",
	[HL_WEBMSG_REGION] = "region",
};

const char *hl_webmsg_type_name(hl_webmsg_type t)
{
	return t < HL_WEBMSG_COUNT ? names[t] : "?";
}

/* The string fields each type may carry, and the rule each is held to.
 * `parent` names the object a field sits in ("trail"); `list` says the
 * field is an array of strings. Texts a person reads as a message may run
 * over lines and carry right-to-left marks; names, ids, contact details,
 * the trail and the region are one line. */
#define ONE_LINE 0u
#define BODY (HL_TEXTRULE_MULTILINE | HL_TEXTRULE_MARKS | HL_TEXTRULE_CHARS)
#define CHARS HL_TEXTRULE_CHARS

static const struct field {
	hl_webmsg_type type;
	const char *parent, *key;
	int list;
	unsigned flags;
	size_t max;           /* bytes, or characters with CHARS */
} fields[] = {
	{HL_WEBMSG_HELLO, NULL, "visitor", 0, ONE_LINE, 64},
	{HL_WEBMSG_HELLO, NULL, "lang", 0, ONE_LINE, 16},
	{HL_WEBMSG_HELLO, "trail", "referrer", 0, CHARS, 400},
	{HL_WEBMSG_HELLO, "trail", "landing", 0, CHARS, 400},
	{HL_WEBMSG_HELLO, "trail", "pages", 1, CHARS, 400},
	{HL_WEBMSG_HELLO, "trail", "keywords", 0, CHARS, 100},
	{HL_WEBMSG_HELLO, "trail", "device", 0, CHARS, 100},
	{HL_WEBMSG_HELLO, "trail", "region", 0, ONE_LINE, 64},
	{HL_WEBMSG_START, NULL, "item", 0, ONE_LINE, 64},
	{HL_WEBMSG_START, NULL, "text", 0, BODY, 4000},
	{HL_WEBMSG_MSG, NULL, "id", 0, ONE_LINE, 64},
	{HL_WEBMSG_MSG, NULL, "text", 0, BODY, 4000},
	{HL_WEBMSG_RATE, NULL, "comment", 0, BODY, 4000},
	{HL_WEBMSG_LEAVE_MESSAGE, NULL, "name", 0, CHARS, 100},
	{HL_WEBMSG_LEAVE_MESSAGE, NULL, "contact", 0, CHARS, 200},
	{HL_WEBMSG_LEAVE_MESSAGE, NULL, "text", 0, BODY, 4000},
	{HL_WEBMSG_LEAVE_MESSAGE, NULL, "item", 0, ONE_LINE, 64},
	{HL_WEBMSG_REGION, NULL, "region", 0, ONE_LINE, 64},
};

static void field_name(hl_webmsg_error *err, const struct field *f)
{
	snprintf(err->field, sizeof err->field, "%s%s%s", f->parent ? f->parent : "",
		 f->parent ? "." : "", f->key);
}

static int refuse(hl_webmsg_error *err, const char *fmt, const char *what)
{
	err->code = "bad_field";
	snprintf(err->text, sizeof err->text, fmt, err->field[0] ? err->field : "?", what);
	return HL_E_MALFORMED;
}

/* One string of field f against its rule; fills *err when refused. */
static int check_string(const struct field *f, const cJSON *x, hl_webmsg_error *err)
{
	hl_textrule_reason r;
	char what[96];

	if (!cJSON_IsString(x)) {
		field_name(err, f);
		return refuse(err, "'%s' %s; nothing was stored", "must be a string");
	}
	r = hl_textrule_check(x->valuestring, strlen(x->valuestring), f->flags, f->max, NULL);
	if (r == HL_TEXTRULE_OK)
		return 0;
	field_name(err, f);
	if (r == HL_TEXTRULE_TOO_LONG)
		snprintf(what, sizeof what, "is too long (at most %zu %s)", f->max,
			 f->flags & CHARS ? "characters" : "bytes");
	else
		snprintf(what, sizeof what, "%s", hl_textrule_reason_text(r));
	return refuse(err, "'%s' %s; nothing was stored, send it again without that", what);
}

/* Sums the bytes of the strings in x (an object or array, one level). */
static size_t trail_bytes(const cJSON *t)
{
	const cJSON *x, *p;
	size_t n = 0;

	cJSON_ArrayForEach(x, t) {
		if (cJSON_IsString(x))
			n += strlen(x->valuestring);
		else if (cJSON_IsArray(x))
			cJSON_ArrayForEach(p, x) if (cJSON_IsString(p)) n += strlen(p->valuestring);
	}
	return n;
}

/* Every string field of the type, by the table; 0 when all pass. */
static int check_fields(const hl_webmsg *m, hl_webmsg_error *err)
{
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		const struct field *f = &fields[i];
		const cJSON *in = m->root, *x, *p;
		size_t n = 0;

		if (f->type != m->type)
			continue;
		if (f->parent) {
			in = cJSON_GetObjectItemCaseSensitive(in, f->parent);
			if (!in || cJSON_IsNull(in))
				continue;
			if (!cJSON_IsObject(in)) {
				snprintf(err->field, sizeof err->field, "%s", f->parent);
				return refuse(err, "'%s' %s; nothing was stored", "must be an object");
			}
		}
		x = cJSON_GetObjectItemCaseSensitive(in, f->key);
		if (!x || cJSON_IsNull(x))
			continue;     /* absent: whether it is needed is the handler's rule */
		if (!f->list) {
			if (check_string(f, x, err) < 0)
				return HL_E_MALFORMED;
			continue;
		}
		if (!cJSON_IsArray(x)) {
			field_name(err, f);
			return refuse(err, "'%s' %s; nothing was stored", "must be a list of strings");
		}
		cJSON_ArrayForEach(p, x) {
			if (++n > HL_WEBMSG_TRAIL_PAGES) {
				field_name(err, f);
				return refuse(err, "'%s' %s; nothing was stored, send fewer",
					      "holds too many entries (at most 20)");
			}
			if (check_string(f, p, err) < 0)
				return HL_E_MALFORMED;
		}
	}
	if (m->type == HL_WEBMSG_HELLO) {
		const cJSON *t = cJSON_GetObjectItemCaseSensitive(m->root, "trail");
		if (cJSON_IsObject(t) && trail_bytes(t) > HL_WEBMSG_TRAIL_BYTES) {
			snprintf(err->field, sizeof err->field, "trail");
			return refuse(err, "'%s' %s; nothing was stored, send fewer pages",
				      "is too long (at most 3600 bytes in all)");
		}
	}
	return 0;
}

/*
 * Finds a NUL inside a string of the raw line, as a raw byte or as the
 * escape \u0000: cJSON keeps C strings, so the field would reach every
 * handler silently cut at it (and a key cut at it could pass for another
 * field). Returns 1 with the dotted path of the field ("?" when it has
 * none) in `path` (keys made of [A-Za-z0-9_] only, so nothing the visitor wrote
 * freely is repeated back), 0 when there is none. The line is valid JSON
 * already (cJSON parsed it).
 */
static int find_nul(const char *s, size_t len, char *path, size_t cap)
{
	enum { DEPTH = 8, KEY = 24 };
	char keys[DEPTH + 1][KEY];
	int d = 0;

	keys[0][0] = '\0';
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '{' || c == '[') {
			d++;
			if (d <= DEPTH)
				keys[d][0] = '\0';
		} else if (c == '}' || c == ']') {
			d--;
		} else if (c == '"') {
			size_t start = ++i, k;
			int nul = 0, clean = 1;
			for (; i < len && s[i] != '"'; i++) {
				if (s[i] == '\0')
					nul = 1;
				if (s[i] == '\\') {
					if (i + 5 < len && s[i + 1] == 'u' && memcmp(s + i + 2, "0000", 4) == 0)
						nul = 1;
					i++;
					clean = 0;
				} else if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
					     (s[i] >= '0' && s[i] <= '9') || s[i] == '_')) {
					clean = 0;
				}
			}
			k = i;
			while (i + 1 < len && (s[i + 1] == ' ' || s[i + 1] == '\t' || s[i + 1] == '\r' ||
					       s[i + 1] == '\n'))
				i++;
			if (i + 1 < len && s[i + 1] == ':') {
				if (d >= 1 && d <= DEPTH)
					snprintf(keys[d], KEY, "%.*s", clean && k - start < KEY ? (int)(k - start) : 1,
						 clean && k - start < KEY ? s + start : "?");
				/* A key cut at a NUL could pass for another field. */
				if (!nul)
					continue;
			}
			if (nul) {
				size_t n = 0;
				path[0] = '\0';
				for (int j = 1; j <= d && j <= DEPTH; j++)
					if (keys[j][0] && n < cap)
						n += (size_t)snprintf(path + n, cap - n, "%s%s", n ? "." : "",
								      keys[j]);
				if (!path[0])
					snprintf(path, cap, "?");
				return 1;
			}
		}
	}
	return 0;
}

int hl_webmsg_parse(const char *line, size_t len, hl_webmsg *m, hl_webmsg_error *err)
{
	const char *end = line;
	const cJSON *type;

	err->field[0] = '\0';
	err->text[0] = '\0';
	m->root = cJSON_ParseWithLengthOpts(line, len, &end, 0);
	if (!m->root || !cJSON_IsObject(m->root)) {
		err->code = "malformed";
		snprintf(err->text, sizeof err->text, "each line must be one JSON object");
		goto bad;
	}
	/* Only what cJSON read: anything after the object is ignored. */
	if (find_nul(line, (size_t)(end - line), err->field, sizeof err->field)) {
		refuse(err, "'%s' %s; nothing was stored, send it again without that",
		       hl_textrule_reason_text(HL_TEXTRULE_NUL));
		goto bad;
	}
	type = cJSON_GetObjectItemCaseSensitive(m->root, "type");
	if (!cJSON_IsString(type)) {
		err->code = "bad_field";
		snprintf(err->field, sizeof err->field, "type");
		snprintf(err->text, sizeof err->text, "the object needs a string 'type'");
		goto bad;
	}
	for (int i = 0; i < HL_WEBMSG_COUNT; i++) {
		if (strcmp(type->valuestring, names[i]) == 0) {
			m->type = (hl_webmsg_type)i;
			if (check_fields(m, err) < 0)
				goto bad;
			return 0;
		}
	}
	err->code = "unknown_type";
	snprintf(err->text, sizeof err->text, "unknown message type");
bad:
	cJSON_Delete(m->root);
	m->root = NULL;
	return HL_E_MALFORMED;
}

void hl_webmsg_free(hl_webmsg *m)
{
	cJSON_Delete(m->root);
	m->root = NULL;
}

const char *hl_webmsg_str(const hl_webmsg *m, const char *key)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(m->root, key);
	return cJSON_IsString(x) ? x->valuestring : NULL;
}

int hl_webmsg_int(const hl_webmsg *m, const char *key, int lo, int hi, int *out)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(m->root, key);
	double v;

	if (!cJSON_IsNumber(x))
		return HL_E_INVALID;
	v = x->valuedouble;
	/* 4.5 is not a rating, and NaN/huge values never reach a cast. */
	if (!(v >= lo && v <= hi) || floor(v) != v)
		return HL_E_INVALID;
	*out = (int)v;
	return 0;
}

int hl_webmsg_true(const hl_webmsg *m, const char *key)
{
	return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(m->root, key));
}
