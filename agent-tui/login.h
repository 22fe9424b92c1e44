/* Logging in: the login form when the broker, user or password is not
 * given, the broker's key checked against the known-brokers file (asked
 * on first use, refused when it changed), then the password. */
#ifndef HL_AGENT_LOGIN_H
#define HL_AGENT_LOGIN_H

#include "app.h"

/* Runs until a->client is open and logged in (returns 0) or the person
 * gives up (returns -1). password may be NULL (then the form asks, unless
 * a->password_file gives it); it is wiped after use by the caller. */
int hl_agent_login_run(hl_agent_app *a, const char *password);

#endif
