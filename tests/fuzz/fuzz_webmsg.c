/* libFuzzer target: the web chat's line parser, fed any bytes a browser
 * (or anyone reaching the port) could send, then every field accessor; an
 * accepted line's fields must all pass the text rules. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "textrule.h"
#include "webmsg.h"

/* The fields each type carries that the handlers take as text. */
static const struct {
	hl_webmsg_type type;
	const char *key;
} checked[] = {
	{HL_WEBMSG_HELLO, "visitor"}, {HL_WEBMSG_HELLO, "lang"},
	{HL_WEBMSG_START, "item"}, {HL_WEBMSG_START, "text"},
	{HL_WEBMSG_MSG, "id"}, {HL_WEBMSG_MSG, "text"},
	{HL_WEBMSG_RATE, "comment"},
	{HL_WEBMSG_LEAVE_MESSAGE, "name"}, {HL_WEBMSG_LEAVE_MESSAGE, "contact"},
	{HL_WEBMSG_LEAVE_MESSAGE, "text"}, {HL_WEBMSG_LEAVE_MESSAGE, "item"},
	{HL_WEBMSG_REGION, "region"},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const keys[] = {"type", "visitor", "lang", "item", "text", "id",
					   "comment", "name", "contact", "region", "csat", "nps",
					   "on", "last_seq", "trail"};
	hl_webmsg m;
	hl_webmsg_error err;
	int v;

	if (hl_webmsg_parse((const char *)data, size, &m, &err) != 0) {
		/* A refusal always names its reason for the visitor. */
		if (!err.code || !*err.code || !err.text[0])
			__builtin_trap();
		if (strcmp(err.code, "bad_field") == 0 && !err.field[0])
			__builtin_trap();
		return 0;
	}
	if (m.type >= HL_WEBMSG_COUNT || !hl_webmsg_type_name(m.type))
		__builtin_trap();
	for (size_t i = 0; i < sizeof checked / sizeof checked[0]; i++) {
		const char *s = checked[i].type == m.type ? hl_webmsg_str(&m, checked[i].key) : NULL;
		if (s && hl_textrule_check(s, strlen(s), HL_TEXTRULE_MULTILINE | HL_TEXTRULE_MARKS,
					   16384, NULL) != HL_TEXTRULE_OK)
			__builtin_trap();
	}
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const char *s = hl_webmsg_str(&m, keys[i]);
		if (s)
			(void)strlen(s);
		if (hl_webmsg_int(&m, keys[i], -1000, 1000, &v) == 0 && (v < -1000 || v > 1000))
			__builtin_trap();
		(void)hl_webmsg_true(&m, keys[i]);
	}
	hl_webmsg_free(&m);
	return 0;
}
