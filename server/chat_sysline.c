/* System lines of conversations: arguments stored as ids, resolved into
 * what a reader should see (display names, queue labels) when read. */
#include "chat_sysline.h"

#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "error.h"
#include "router.h"
#include "store_user.h"

int hl_chat_sysline_args(const char *key, const char *value, char *buf, size_t cap)
{
	cJSON *o = cJSON_CreateObject();
	char *s;
	int rc = 0;

	if (!o)
		return HL_E_NOMEM;
	if (key && key[0])
		cJSON_AddStringToObject(o, key, value ? value : "");
	s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!s)
		return HL_E_NOMEM;
	if ((size_t)snprintf(buf, cap, "%s", s) >= cap)
		rc = HL_E_TOOBIG;
	cJSON_free(s);
	return rc;
}

static void add(hl_chat_sysargs *out, const char *key, const char *val)
{
	size_t i = out->n;

	if (i >= HL_SYSARGS_MAX)
		return;
	snprintf(out->kbuf[i], sizeof out->kbuf[i], "%s", key);
	snprintf(out->vbuf[i], sizeof out->vbuf[i], "%s", val ? val : "");
	out->keys[i] = out->kbuf[i];
	out->vals[i] = out->vbuf[i];
	out->n++;
}

/* An agent's display name: the router's, else the user's, else "". */
static void agent_name(hl_broker *b, const char *login, hl_chat_sysargs *out)
{
	const char *d = hl_router_agent_display(b, login);
	static hl_user u;  /* large; the loop is the only caller */

	if ((!d || !d[0]) && hl_store_user_get(b->st, login, &u) == 0)
		d = u.display;
	add(out, "agent_name", d);
}

static void queue_labels(hl_broker *b, const char *id, hl_chat_sysargs *out)
{
	const Hotline__QueueConf *q = hl_router_queue(b, id);

	add(out, "queue_en", q ? q->label_en : "");
	add(out, "queue_zh", q ? q->label_zh : "");
}

void hl_chat_sysline_resolve(hl_broker *b, const char *args_json, hl_chat_sysargs *out)
{
	cJSON *o = args_json && args_json[0] ? cJSON_Parse(args_json) : NULL;
	const cJSON *it;

	out->n = 0;
	if (!cJSON_IsObject(o)) {
		cJSON_Delete(o);
		return;
	}
	cJSON_ArrayForEach(it, o) {
		if (!cJSON_IsString(it) || !it->string)
			continue;
		add(out, it->string, it->valuestring);
		/* Readers see names and labels, never login names or queue ids. */
		if (strcmp(it->string, "agent") == 0)
			agent_name(b, it->valuestring, out);
		else if (strcmp(it->string, "queue") == 0)
			queue_labels(b, it->valuestring, out);
	}
	cJSON_Delete(o);
}
