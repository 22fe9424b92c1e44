/* Trusting a broker's key on first use, for every desk: which key the
 * broker must present (given with --pin, else remembered in the
 * known-brokers file, else none yet), the words of the changed-key
 * warning and of the first-use prompt, and remembering a trusted key.
 * No curses; words in the interface language come through tr. */
#ifndef HL_CLIENTTRUST_H
#define HL_CLIENTTRUST_H

#include <stdbool.h>
#include <stddef.h>

#include "client.h"

typedef const char *(*hl_clienttrust_tr)(const char *msgid);

typedef struct hl_clienttrust {
	char pin[128];      /* the key url must present; "" none yet (first use) */
	bool from_file;     /* remembered in the known-brokers file, not given */
} hl_clienttrust;

/* Decides the key for url: given_pin when set, else the one known_path
 * ("" none) remembers for url, else none. */
void hl_clienttrust_pin(hl_clienttrust *t, const char *given_pin, const char *known_path,
			const char *url);

/* The warning for a broker at url whose key differs (hl_client_open
 * returned HL_E_PIN; err is its message): what happened and what to do.
 * Writes into out. */
void hl_clienttrust_changed_text(const hl_clienttrust *t, hl_clienttrust_tr tr, const char *url,
				 const char *known_path, const char *err, char *out, size_t cap);

/* The first-use prompt for a broker at url with key fingerprint fp.
 * Writes into out. */
void hl_clienttrust_first_text(hl_clienttrust_tr tr, const char *url, const char *fp, char *out,
			       size_t cap);

/* The person trusted c's key: c may log in, and the key is remembered
 * for url in known_path. Returns 0, or a negative HL_E code when it could
 * not be remembered (the connection may still go on). */
int hl_clienttrust_accept(hl_client *c, const char *known_path, const char *url);

#endif
