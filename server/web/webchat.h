/* The customer web chat on the loop: each visitor's line handled by type,
 * and what the chat domain tells visitors. */
#ifndef HL_WEBCHAT_H
#define HL_WEBCHAT_H

#include <stddef.h>
#include <stdint.h>

#include "broker.h"
#include "chat_sysline.h"
#include "router.h"
#include "store_chat.h"
#include "web.h"

typedef struct hl_webchat hl_webchat;

/* Creates and frees the visitors' registry. */
hl_webchat *hl_webchat_new(hl_broker *b);
void hl_webchat_free(hl_webchat *w);

/* Handles one item from the web side (open, line, close, too big). */
void hl_webchat_item(hl_broker *b, const hl_web_item *it);

/* Forgets idle source addresses' rate limits and expires visitors who
 * never wrote anything; call now and then from the loop. */
void hl_webchat_sweep(hl_broker *b);

/* Tells the contact's visitor (if connected); all are sent after commit.
 * The conversation code reaches these through the channel (custchan.h). */
/* A line as stored; a system line carries its code and resolved args. */
void hl_webchat_line(hl_broker *b, hl_contact *c, const hl_store_message *m,
		     const hl_chat_sysargs *args);
void hl_webchat_agent_joined(hl_broker *b, hl_contact *c, const char *name);
/* `queued` with the contact's queue and its label in the visitor's
 * language; position 0 while an agent is being offered the chat. */
void hl_webchat_queued(hl_broker *b, hl_contact *c, size_t position, int64_t eta_s);
/* Tells the visitor at once where their queued contact stands (after a
 * start, a transfer or a reload), whether waiting or being offered. */
void hl_webchat_where(hl_broker *b, hl_contact *c);
void hl_webchat_typing(hl_broker *b, hl_contact *c, int on);
void hl_webchat_ended(hl_broker *b, hl_contact *c, const char *by);
void hl_webchat_rejected(hl_broker *b, hl_contact *c, const char *reason);

/* The module (module.h): the web channel (custchan.h) and its [web] texts. */
extern const hl_module hl_mod_webchat;

#endif
