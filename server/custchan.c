/* Customer channels: finds a contact's channel and calls it, so the
 * conversation code never names one. */
#include "custchan.h"

#include "module.h"

const hl_custchan_ops *hl_custchan_of(const hl_contact *c)
{
	/* Contacts stored before channels were named are all web chats, the
	 * first channel. */
	return c->channel ? c->channel : hl_modules_channel(NULL);
}

int hl_custchan_reachable(hl_broker *b, const hl_contact *c)
{
	const hl_custchan_ops *ch = hl_custchan_of(c);

	return ch && ch->reachable && ch->reachable(b, c);
}

void hl_custchan_line(hl_broker *b, hl_contact *c, const hl_store_message *m,
		      const hl_chat_sysargs *args)
{
	const hl_custchan_ops *ch = hl_custchan_of(c);

	if (ch && ch->line)
		ch->line(b, c, m, args);
}

void hl_custchan_joined(hl_broker *b, hl_contact *c, const char *name)
{
	const hl_custchan_ops *ch = hl_custchan_of(c);

	if (ch && ch->joined)
		ch->joined(b, c, name);
}

void hl_custchan_queued(hl_broker *b, hl_contact *c, size_t position, int64_t eta_s)
{
	const hl_custchan_ops *ch = hl_custchan_of(c);

	if (ch && ch->queued)
		ch->queued(b, c, position, eta_s);
}

void hl_custchan_where(hl_broker *b, hl_contact *c)
{
	const hl_custchan_ops *ch = hl_custchan_of(c);

	if (ch && ch->where)
		ch->where(b, c);
}

void hl_custchan_typing(hl_broker *b, hl_contact *c, int on)
{
	const hl_custchan_ops *ch = hl_custchan_of(c);

	if (ch && ch->typing)
		ch->typing(b, c, on);
}

void hl_custchan_ended(hl_broker *b, hl_contact *c, const char *by)
{
	const hl_custchan_ops *ch = hl_custchan_of(c);

	if (ch && ch->ended)
		ch->ended(b, c, by);
}

void hl_custchan_rejected(hl_broker *b, hl_contact *c, const char *reason)
{
	const hl_custchan_ops *ch = hl_custchan_of(c);

	if (ch && ch->rejected)
		ch->rejected(b, c, reason);
}
