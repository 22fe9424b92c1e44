/* The known-brokers file: the broker keys a client has trusted, one
 * "URL FINGERPRINT" line each (SSH's known_hosts for Hotline). A client
 * pins the fingerprint listed for its URL, asks the person on first use,
 * and refuses a key that differs from the listed one. */
#ifndef HL_KNOWN_BROKERS_H
#define HL_KNOWN_BROKERS_H

#include <stddef.h>

#define HL_KNOWN_BROKERS_LINE 1024   /* longest line read; longer ones are skipped */

/* Writes the default path, $XDG_CONFIG_HOME/hotline/known_brokers (or
 * $HOME/.config/hotline/known_brokers), into out. Returns 0, or
 * HL_E_NOTFOUND when neither variable is set, HL_E_TOOBIG when it does
 * not fit. */
int hl_known_brokers_path(char *out, size_t cap);

/* Looks `url` up in the file at `path`. Blank lines and lines starting
 * with '#' are skipped, as are lines without two fields. Returns 0 with
 * the fingerprint of the first line for url in fp (cap bytes), or
 * HL_E_NOTFOUND when no line names it or the file does not exist, or
 * HL_E_IO when it exists but cannot be read, or HL_E_TOOBIG when the
 * fingerprint does not fit. */
int hl_known_brokers_find(const char *path, const char *url, char *fp, size_t cap);

/* Appends "url fp" to the file, creating it (mode 0600) and its folder
 * (mode 0700) when missing. url and fp must be one word each (no
 * whitespace). Returns 0, HL_E_INVALID for a bad url or fp, or HL_E_IO. */
int hl_known_brokers_add(const char *path, const char *url, const char *fp);

#endif
