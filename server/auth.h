/* Logging in, resuming and logging out; logins pass the throttle and
 * passwords are checked off the loop. */
#ifndef HL_AUTH_H
#define HL_AUTH_H

#include "broker.h"

typedef struct hl_auth hl_auth;

/* Creates the auth state (a dummy hash that keeps unknown names as slow as
 * known ones). NULL on failure. */
hl_auth *hl_auth_new(void);
void hl_auth_free(hl_auth *a);

int hl_auth_login(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);
int hl_auth_resume(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);
int hl_auth_logout(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);

/* The module (module.h): login, resume, logout; its state is the dummy hash. */
extern const hl_module hl_mod_auth;

#endif
