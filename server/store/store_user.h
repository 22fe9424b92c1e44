/* Users and teams in the store. */
#ifndef HL_STORE_USER_H
#define HL_STORE_USER_H

#include <stdint.h>

#include "store.h"

#define HL_NAME_MAX 64
#define HL_DISPLAY_MAX 128
#define HL_PWHASH_MAX 128

typedef struct hl_user {
	int64_t id;
	char name[HL_NAME_MAX + 1];
	char display[HL_DISPLAY_MAX + 1];
	int role;             /* HOTLINE__ROLE__* */
	char team[HL_NAME_MAX + 1];
	char pwhash[HL_PWHASH_MAX + 1];
	int disabled;
	int64_t created_ms;
	int64_t last_login_ms;
} hl_user;

typedef struct hl_team {
	int64_t id;
	char name[HL_NAME_MAX + 1];
	int64_t created_ms;
	int members;
} hl_team;

/* Inserts a user; `u->team` empty for none. Sets u->id. Returns 0,
 * HL_E_EXISTS (name taken), HL_E_NOTFOUND (no such team) or HL_E_IO. */
int hl_store_user_insert(hl_store *st, hl_user *u);

/* Fills *u for `name`. Returns 0, HL_E_NOTFOUND or HL_E_IO. */
int hl_store_user_get(hl_store *st, const char *name, hl_user *u);

/* Same, by id. */
int hl_store_user_get_id(hl_store *st, int64_t id, hl_user *u);

/* Calls `fn` for every user in name order; stops early if fn returns
 * non-zero. Returns 0 or HL_E_IO. */
int hl_store_user_each(hl_store *st, int (*fn)(const hl_user *u, void *arg), void *arg);

/* Replaces a user's password hash. Returns 0, HL_E_NOTFOUND or HL_E_IO. */
int hl_store_user_set_pwhash(hl_store *st, const char *name, const char *pwhash);

/* Moves a user to team `team` ("" for none). Returns 0, HL_E_NOTFOUND
 * when the team does not exist (check the user first), or HL_E_IO. */
int hl_store_user_set_team(hl_store *st, const char *name, const char *team);

/* Changes one user's role / disabled flag / last login. Returns 0,
 * HL_E_NOTFOUND or HL_E_IO. */
int hl_store_user_set_role(hl_store *st, const char *name, int role);
int hl_store_user_set_disabled(hl_store *st, const char *name, int disabled);
int hl_store_user_set_last_login(hl_store *st, int64_t id, int64_t ms);

/* Inserts a team. Returns 0, HL_E_EXISTS or HL_E_IO. */
int hl_store_team_insert(hl_store *st, hl_team *t);

/* Calls `fn` for every team in name order, with member counts. */
int hl_store_team_each(hl_store *st, int (*fn)(const hl_team *t, void *arg), void *arg);

#endif
