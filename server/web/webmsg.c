/* A visitor's line parsed and typed: the one place where bytes from a
 * browser become a message the web chat handles. */
#include "webmsg.h"

#include <math.h>
#include <string.h>

#include "error.h"

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

int hl_webmsg_parse(const char *line, size_t len, hl_webmsg *m, const char **code,
		    const char **text)
{
	const cJSON *type;

	m->root = cJSON_ParseWithLength(line, len);
	if (!m->root || !cJSON_IsObject(m->root)) {
		*code = "malformed";
		*text = "each line must be one JSON object";
		goto bad;
	}
	type = cJSON_GetObjectItemCaseSensitive(m->root, "type");
	if (!cJSON_IsString(type)) {
		*code = "bad_field";
		*text = "the object needs a string 'type'";
		goto bad;
	}
	for (int i = 0; i < HL_WEBMSG_COUNT; i++) {
		if (strcmp(type->valuestring, names[i]) == 0) {
			m->type = (hl_webmsg_type)i;
			return 0;
		}
	}
	*code = "unknown_type";
	*text = "unknown message type";
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
