/* Users: who works the floor, their roles and teams; the requests that
 * manage them and the snapshot a session starts with. */
#ifndef HL_USER_H
#define HL_USER_H

#include "broker.h"
#include "store_user.h"

/* Fills a wire User from a stored one; strings are copied into `a`. */
void hl_user_to_pb(const hl_user *u, Hotline__User *out, hl_arena *a);

/* Checks a user or team name: 1–64 bytes of letters, digits, '.', '_', '-'
 * (ASCII, so it types everywhere). Returns 0 or HL_E_INVALID. */
int hl_user_name_valid(const char *name);

/* Tells admins and supervisors of the user as it is now (user_changed). */
void hl_user_announce(hl_broker *b, const hl_user *u);

/* The shared ending of the requests that change a user: audits `action`
 * on `name` with `detail` and the outcome `rc`, and on success refreshes
 * the user's sessions (ending them when disabled), announces the change
 * and replies with the user as it is now. Returns 0 or the error. */
int hl_user_changed(hl_call *c, const char *name, const char *action, const char *detail,
		    int rc, Hotline__Reply *rp);

/* The module (user.c): the requests below, and the snapshot's user part. */
extern const hl_module hl_mod_user;

/* Handlers. */
int hl_user_whoami(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);
int hl_user_add(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);
int hl_user_list(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);
int hl_user_set_role(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);
int hl_user_disable(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);
/* In user_admin.c. */
int hl_user_enable(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);
int hl_user_password(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);
int hl_user_set_team(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);

#endif
