/* libFuzzer target: the web chat's line parser, fed any bytes a browser
 * (or anyone reaching the port) could send, then every field accessor. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "webmsg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const keys[] = {"type", "visitor", "lang", "item", "text", "id",
					   "comment", "name", "contact", "region", "csat", "nps",
					   "on", "last_seq", "trail"};
	hl_webmsg m;
	const char *code, *text;
	int v;

	if (hl_webmsg_parse((const char *)data, size, &m, &code, &text) != 0) {
		/* A refusal always names its reason for the visitor. */
		if (!code || !text || !*code)
			__builtin_trap();
		return 0;
	}
	if (m.type >= HL_WEBMSG_COUNT || !hl_webmsg_type_name(m.type))
		__builtin_trap();
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
