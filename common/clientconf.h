/* A client's configuration file ($XDG_CONFIG_HOME/hotline/NAME.ini, read
 * with inih): which broker, which key to pin, who logs in, and how the
 * screen looks. Options and environment variables override it. */
#ifndef HL_CLIENTCONF_H
#define HL_CLIENTCONF_H

#include <stddef.h>

typedef struct hl_clientconf {
	char broker[512];         /* broker = tcp://host:port */
	char pin[128];            /* pin = SHA256:… (else the known-brokers file) */
	char user[65];            /* user = name */
	char password_file[512];  /* password_file = path (~/ expanded) */
	char theme[128];          /* theme = dark */
	char queues[512];         /* queues = sales,aftersales: shown in the status line */
	char known_brokers[512];  /* known_brokers = path (~/ expanded) */
} hl_clientconf;

/* Writes $XDG_CONFIG_HOME/hotline/NAME.ini (or $HOME/.config/…) into
 * out. Returns 0, HL_E_NOTFOUND (no home) or HL_E_TOOBIG. */
int hl_clientconf_path(const char *name, char *out, size_t cap);

/* Empties every field. */
void hl_clientconf_init(hl_clientconf *c);

/* Reads the file at path into c; keys may stand in any section (a
 * [connection] and a [display] section read well). Unknown keys are
 * ignored, so files written for newer clients still load. Returns 0,
 * HL_E_NOTFOUND when the file does not exist (c is left empty), HL_E_IO
 * when it cannot be read, or HL_E_MALFORMED with "PATH:LINE: problem"
 * in err (errcap bytes) for a line that does not parse or a value too
 * long for its field. */
int hl_clientconf_load(hl_clientconf *c, const char *path, char *err, size_t errcap);

#endif
