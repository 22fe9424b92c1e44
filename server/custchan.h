/* Customer channels: how the conversation code reaches the customer of a
 * contact — a line, a system line, typing, where they are in the queue,
 * the agent who joined, the end — without knowing by which channel. Web
 * chat is the first channel (server/web/webchat.c); another (e-mail,
 * WhatsApp) is one more module with a `channel` in its descriptor, and
 * chat.c and router*.c do not change. ("custchan", not "channel": the
 * Noise channel of common/channel.h has that name.) */
#ifndef HL_CUSTCHAN_H
#define HL_CUSTCHAN_H

#include <stddef.h>
#include <stdint.h>

#include "broker.h"
#include "chat_sysline.h"
#include "router.h"
#include "store_chat.h"

typedef struct hl_custchan_ops hl_custchan_ops;

/* One channel's operations. Each tells the contact's customer, if the
 * channel can reach them now, and sends only after the turn commits (as
 * replies do). A channel keeps what it needs per contact (a connection, an
 * address) itself, by the contact's id or in hl_contact's fields it owns. */
struct hl_custchan_ops {
	const char *name;   /* "web" */
	/* What this channel's port posted to the loop (web: an hl_web_item). */
	void (*input)(hl_broker *b, const void *item);
	/* 1 when the customer can be told something now (connected). */
	int (*reachable)(hl_broker *b, const hl_contact *c);
	/* A line as stored; a system line carries its code and resolved args. */
	void (*line)(hl_broker *b, hl_contact *c, const hl_store_message *m,
		     const hl_chat_sysargs *args);
	/* The agent (display name) who took the conversation. */
	void (*joined)(hl_broker *b, hl_contact *c, const char *name);
	/* The place in the queue and an estimate in seconds (-1: none). */
	void (*queued)(hl_broker *b, hl_contact *c, size_t position, int64_t eta_s);
	/* Where the queued contact stands now (after a start, a transfer, a
	 * reload), whether waiting or being offered. */
	void (*where)(hl_broker *b, hl_contact *c);
	void (*typing)(hl_broker *b, hl_contact *c, int on);
	/* The conversation ended, by "agent", "customer" or "system". */
	void (*ended)(hl_broker *b, hl_contact *c, const char *by);
	/* The contact was refused (no such queue, queue full, closed). */
	void (*rejected)(hl_broker *b, hl_contact *c, const char *reason);
};

/* The channel carrying contact `c`: its own, or for a contact that names
 * none (loaded from the store) the first channel listed. NULL if no
 * module carries a channel. */
const hl_custchan_ops *hl_custchan_of(const hl_contact *c);

/* Each calls the contact's channel's operation, if it has one. */
int hl_custchan_reachable(hl_broker *b, const hl_contact *c);
void hl_custchan_line(hl_broker *b, hl_contact *c, const hl_store_message *m,
		      const hl_chat_sysargs *args);
void hl_custchan_joined(hl_broker *b, hl_contact *c, const char *name);
void hl_custchan_queued(hl_broker *b, hl_contact *c, size_t position, int64_t eta_s);
void hl_custchan_where(hl_broker *b, hl_contact *c);
void hl_custchan_typing(hl_broker *b, hl_contact *c, int on);
void hl_custchan_ended(hl_broker *b, hl_contact *c, const char *by);
void hl_custchan_rejected(hl_broker *b, hl_contact *c, const char *reason);

#endif
