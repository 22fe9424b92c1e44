/* The trust-on-first-use decisions and words shared by the desks' login. */
#include "clienttrust.h"

#include <stdio.h>
#include <string.h>

#include "error.h"
#include "known_brokers.h"

/* Marks a string for the catalogue; the caller's tr translates it. */
#define N_(s) (s)

static const char *tr_or(hl_clienttrust_tr tr, const char *msgid)
{
	return tr ? tr(msgid) : msgid;
}

void hl_clienttrust_pin(hl_clienttrust *t, const char *given_pin, const char *known_path,
			const char *url)
{
	memset(t, 0, sizeof *t);
	if (given_pin && given_pin[0]) {
		snprintf(t->pin, sizeof t->pin, "%s", given_pin);
	} else if (known_path && known_path[0] &&
		   hl_known_brokers_find(known_path, url, t->pin, sizeof t->pin) == 0) {
		t->from_file = true;
	} else {
		t->pin[0] = 0;
	}
}

void hl_clienttrust_changed_text(const hl_clienttrust *t, hl_clienttrust_tr tr, const char *url,
				 const char *known_path, const char *err, char *out, size_t cap)
{
	snprintf(out, cap,
		 tr_or(tr, N_("WARNING: the broker at %s presents a DIFFERENT key than the one %s.\n"
			      "Someone may be impersonating it, or its key was replaced. Nothing was "
			      "sent and the connection is refused.\nIf your administrator replaced the "
			      "key, remove the line for this broker from %s and connect again.\n\n%s")),
		 url, t->from_file ? tr_or(tr, N_("you trusted before")) : tr_or(tr, N_("given with --pin")),
		 t->from_file ? known_path : tr_or(tr, N_("your --pin / HOTLINE_PIN setting")), err);
}

void hl_clienttrust_first_text(hl_clienttrust_tr tr, const char *url, const char *fp, char *out,
			       size_t cap)
{
	snprintf(out, cap,
		 tr_or(tr, N_("First connection to %s.\nIts key's fingerprint is\n%s\nCompare it with "
			      "the fingerprint your administrator gave you. Trust this broker and "
			      "remember its key?")),
		 url, fp);
}

int hl_clienttrust_accept(hl_client *c, const char *known_path, const char *url)
{
	hl_client_trust(c);
	if (!known_path || !known_path[0])
		return HL_E_NOTFOUND;
	return hl_known_brokers_add(known_path, url, hl_client_fingerprint(c));
}
