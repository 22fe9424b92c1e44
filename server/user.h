/* Users: who works the floor, their roles and teams; the requests that
 * manage them and the snapshot a session starts with. */
#ifndef HL_USER_H
#define HL_USER_H

#include "broker.h"
#include "store_user.h"

/* Fills a wire User from a stored one; strings are copied into `a`. */
void hl_user_to_pb(const hl_user *u, Hotline__User *out, hl_arena *a);

/* Fills the snapshot a session starts with: the user, and for those who
 * manage people every user and team. */
void hl_user_snapshot(hl_broker *b, const hl_session *s, hl_arena *a, Hotline__Snapshot *snap);

/* Checks a user or team name: 1–64 bytes of letters, digits, '.', '_', '-'
 * (ASCII, so it types everywhere). Returns 0 or HL_E_INVALID. */
int hl_user_name_valid(const char *name);

/* Handlers. */
int hl_user_whoami(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);
int hl_user_add(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);
int hl_user_list(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);
int hl_user_set_role(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);
int hl_user_disable(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);

#endif
