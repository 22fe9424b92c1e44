/* The web chat's own parts shared by its two files (webchat.c takes what
 * visitors send, webchat_tell.c tells them): the visitor registry and the
 * JSON lines. Not for other modules. */
#ifndef HL_WEBCHAT_INT_H
#define HL_WEBCHAT_INT_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "broker.h"
#include "chat_sysline.h"
#include "hmap.h"
#include "webrate.h"
#include "webmsg.h"

struct visitor {
	uint64_t conn;
	int greeted;
	int replaced;             /* a newer tab took this visitor over */
	int refused;              /* lines refused in a row (rate limits) */
	uint8_t token_hash[32];   /* the broker-made token's hash, from hello */
	int64_t customer_id;      /* 0 until the visitor writes something */
	char addr[48];            /* source address, without the port */
	hl_webrate_set rate;
	int returning;
	int64_t rate_contact;     /* the contact a rating is for */
	char lang[4];
	char region[65];
	uint8_t trail[HL_TRAIL_MAX];
	size_t trail_len;
	hl_hmap_node node;        /* in the registry, by connection */
};

struct hl_webchat {
	hl_hmap v;                /* visitors by web connection */
	hl_webrate_addrs *addrs;  /* rate limits per source address */
};

/* The web chat's settings, the [web] texts of broker.ini (webchat_mod.c). */
struct hl_webchat_conf {
	char welcome_en[512], welcome_zh[512];
	char closed_en[512], closed_zh[512];
	char regions[512];      /* comma-separated regions a visitor may choose */
};
const struct hl_webchat_conf *hl_webchat_settings(void);

/* The web channel's operations (custchan.h), for the contacts it starts. */
const struct hl_custchan_ops *hl_webchat_channel(void);

/* The "closed" text in the visitor's language. */
const char *hl_webchat_closed_text(hl_broker *b, struct visitor *v);

/* The registry the module keeps in broker `b` (webchat_mod.c). */
hl_webchat *hl_webchat_state(hl_broker *b);

/* The visitor on web connection `conn`, or NULL. */
struct visitor *hl_webchat_visitor(hl_broker *b, uint64_t conn);

/* A new JSON line of `type`, for the fields to be added. */
cJSON *hl_webchat_msg(const char *type);

/* Sends a JSON object (consumed) to `conn` after the commit. */
void hl_webchat_send_json(hl_broker *b, uint64_t conn, cJSON *o);

/* Sends an `error` line with `code` and `text` after the commit. */
void hl_webchat_send_error(hl_broker *b, uint64_t conn, const char *code, const char *text);

/* Adds a system line's code and arguments to `o`, for the page to render
 * in the visitor's language (docs/webchat.md); nothing for no code. */
void hl_webchat_add_code(cJSON *o, const char *code, const hl_chat_sysargs *sa);

/* `en` or `zh` by the visitor's language (English when v is NULL). */
const char *hl_webchat_text_for(hl_broker *b, struct visitor *v, const char *en, const char *zh);

#endif
