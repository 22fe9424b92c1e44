/* Conversations: their lines (stored before anyone is told), ends,
 * transfers, transcripts and ratings — shared by agents' requests and the
 * customers' web chat. */
#ifndef HL_CHAT_H
#define HL_CHAT_H

#include <stddef.h>
#include <stdint.h>

#include "broker.h"
#include "chat_sysline.h"
#include "router.h"

/* Adds a line to the conversation (seq = the contact's next) and tells the
 * agent's sessions and the customer. `client_id` dedupes re-sends: a line
 * seen before returns HL_E_EXISTS with its seq. Returns 0 with *seq set. */
int hl_chat_add_line(hl_broker *b, hl_contact *c, const char *sender, const char *name,
		     const char *text, const char *client_id, uint64_t *seq);

/* Adds a system line (told to both sides) stored as an event: `code`
 * (common/sysline.h) and at most one argument, an id (key "agent" or
 * "queue"; NULL for none). Copies its English rendering into text (cap
 * bytes) when text is not NULL. */
void hl_chat_system(hl_broker *b, hl_contact *c, const char *code, const char *key,
		    const char *value, char *text, size_t cap);

/* Copies the customer's first line into `buf` ("" if none). */
void hl_chat_first_text(hl_broker *b, hl_contact *c, char *buf, size_t cap);

/* Ends the contact: a conversation goes to wrap-up, a queued contact is an
 * abandon. `by` is "agent", "customer" or "system". Returns 0 or a code. */
int hl_chat_end(hl_broker *b, hl_contact *c, const char *by);

/* Stores a rating for the (ended) contact `id`. Returns 0, HL_E_INVALID
 * (out of range), HL_E_STATE (not ended or rated already), HL_E_NOTFOUND. */
int hl_chat_rate(hl_broker *b, int64_t id, int csat, int nps, const char *comment);

/* 1 if lines from `sender` are for staff alone ("note", "whisper"): never
 * told to the customer's channel, never replayed to the customer. Pure. */
int hl_chat_staff_only(const char *sender);

/* Publishes a conversation's event to its holder's sessions (if it has an
 * agent) and to those listening to it (the contact's topic). */
void hl_chat_tell(hl_broker *b, hl_contact *c, Hotline__Event *ev);

/* 1 if `text` is acceptable as a chat line: 1..HL_TEXT_MAX characters
 * under the text rules of a message body (common/textrule.h): valid UTF-8,
 * no control characters but newline and tab, no bidi overrides. */
int hl_chat_text_ok(const char *text);

/* Puts contact `row`'s transcript (every line, notes and whispers
 * included) in the reply. Returns 0 or HL_E_NOMEM. */
int hl_chat_transcript_reply(hl_call *c, const hl_store_contact *row, Hotline__Reply *rp);

int hl_chat_send(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);
int hl_chat_typing(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);
int hl_chat_end_req(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);
int hl_chat_transfer(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);
int hl_chat_transcript(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);

/* The module (module.h): the conversation requests. */
extern const hl_module hl_mod_chat;

#endif
