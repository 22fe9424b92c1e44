/* System lines rendered from their code and arguments in the reader's
 * language: one template table, placeholders filled with fallbacks. */
#include "sysline.h"

#include <stdio.h>
#include <string.h>

#include "error.h"

#define N_(s) (s)

/* The English templates are the gettext msgids (po/zh_CN.po translates
 * them); a Chinese template names the _zh argument where one exists. */
static const struct {
	const char *code;
	const char *tmpl;
} templates[] = {
	{HL_SYSLINE_JOINED, N_("{agent_name} joined the chat")},
	{HL_SYSLINE_TRANSFERRED, N_("Transferred to {queue_en}")},
	{HL_SYSLINE_TRANSFERRED_AGENT, N_("Transferred to {agent_name}")},
	{HL_SYSLINE_ENDED_AGENT, N_("The agent ended the chat")},
	{HL_SYSLINE_ENDED_CUSTOMER, N_("The customer ended the chat")},
	{HL_SYSLINE_NO_AGENT, N_("No agent could take the chat in time; please leave a message")},
	{HL_SYSLINE_BARGED, N_("Supervisor {agent_name} joined the chat")},
	{HL_SYSLINE_TAKEN_OVER, N_("{agent_name} is now serving you")},
};

const char *hl_sysline_template(const char *code)
{
	if (!code || !code[0])
		return NULL;
	for (size_t i = 0; i < sizeof templates / sizeof templates[0]; i++)
		if (strcmp(templates[i].code, code) == 0)
			return templates[i].tmpl;
	return NULL;
}

static const char *arg(const char *key, size_t klen, const char *const *keys,
		       const char *const *vals, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(keys[i]) == klen && strncmp(keys[i], key, klen) == 0)
			return vals[i] && vals[i][0] ? vals[i] : NULL;
	return NULL;
}

/* The value for {key}, with the fallbacks of hl_sysline_format. */
static const char *lookup(const char *key, size_t klen, const char *const *keys,
			  const char *const *vals, size_t n)
{
	const char *v = arg(key, klen, keys, vals, n);
	char other[64];

	if (v || klen < 3 || klen >= sizeof other)
		return v;
	if (strncmp(key + klen - 3, "_zh", 3) == 0 || strncmp(key + klen - 3, "_en", 3) == 0) {
		memcpy(other, key, klen);
		memcpy(other + klen - 3, key[klen - 2] == 'z' ? "_en" : "_zh", 3);
		if ((v = arg(other, klen, keys, vals, n)))
			return v;
	}
	/* The bare key: "agent" for agent_name, "queue" for queue_en. */
	for (size_t i = klen; i-- > 0;)
		if (key[i] == '_')
			return lookup(key, i, keys, vals, n);
	return NULL;
}

size_t hl_sysline_format(const char *tmpl, const char *const *keys, const char *const *vals,
			 size_t n, char *buf, size_t cap)
{
	size_t len = 0;

	if (!cap)
		return 0;
	for (const char *p = tmpl; *p && len + 1 < cap;) {
		const char *end = p[0] == '{' ? strchr(p, '}') : NULL;
		if (end) {
			const char *v = lookup(p + 1, (size_t)(end - p - 1), keys, vals, n);
			int w = snprintf(buf + len, cap - len, "%s", v ? v : "?");
			len += (size_t)w < cap - len ? (size_t)w : cap - len - 1;
			p = end + 1;
		} else {
			buf[len++] = *p++;
		}
	}
	buf[len] = 0;
	return len;
}

int hl_sysline_render(const Hotline__ChatLine *l, hl_sysline_tr tr, char *buf, size_t cap)
{
	const char *tmpl = hl_sysline_template(l->code);
	const char *keys[16], *vals[16];
	size_t n = 0;

	if (!tmpl)
		return HL_E_NOTFOUND;
	for (size_t i = 0; i < l->n_args && n < 16; i++) {
		if (!l->args[i] || !l->args[i]->key)
			continue;
		keys[n] = l->args[i]->key;
		vals[n++] = l->args[i]->value ? l->args[i]->value : "";
	}
	if (tr) {
		const char *t = tr(tmpl);
		if (t)
			tmpl = t;
	}
	hl_sysline_format(tmpl, keys, vals, n, buf, cap);
	return 0;
}
