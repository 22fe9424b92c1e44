/* The customer web chat on the loop: each visitor's line handled by type,
 * and what the chat domain tells visitors. */
#ifndef HL_WEBCHAT_H
#define HL_WEBCHAT_H

#include <stddef.h>
#include <stdint.h>

#include "broker.h"
#include "router.h"
#include "web.h"

/* Creates and frees the visitors' registry. */
hl_webchat *hl_webchat_new(hl_broker *b);
void hl_webchat_free(hl_broker *b);

/* Handles one item from the web side (open, line, close, too big). */
void hl_webchat_item(hl_broker *b, const hl_web_item *it);

/* Tells the contact's visitor (if connected); all are sent after commit. */
void hl_webchat_line(hl_broker *b, hl_contact *c, uint64_t seq, const char *from,
		     const char *name, const char *text);
void hl_webchat_agent_joined(hl_broker *b, hl_contact *c, const char *name);
void hl_webchat_queued(hl_broker *b, hl_contact *c, size_t position, int64_t eta_s);
void hl_webchat_typing(hl_broker *b, hl_contact *c, int on);
void hl_webchat_ended(hl_broker *b, hl_contact *c, const char *by);
void hl_webchat_rejected(hl_broker *b, hl_contact *c, const char *reason);

#endif
