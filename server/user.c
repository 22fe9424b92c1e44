/* Users: the requests that add, list, change and disable them, and the
 * events that tell the floor's managers. */
#include "user.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "hashwork.h"
#include "pwfile.h"
#include "role.h"
#include "events.h"
#include "session.h"
#include "team.h"
#include "module.h"

/* Who hears of changes to users. */
#define USER_AUDIENCE (HL_ROLE_BIT(HOTLINE__ROLE__ADMIN) | HL_ROLE_BIT(HOTLINE__ROLE__SUPERVISOR))

void hl_user_to_pb(const hl_user *u, Hotline__User *out, hl_arena *a)
{
	hotline__user__init(out);
	out->name = hl_arena_strdup(a, u->name);
	out->display = hl_arena_strdup(a, u->display);
	out->role = (Hotline__Role)u->role;
	out->team = hl_arena_strdup(a, u->team);
	out->disabled = u->disabled != 0;
	out->created_ms = u->created_ms;
}

int hl_user_name_valid(const char *name)
{
	size_t n = name ? strlen(name) : 0;

	if (n == 0 || n > HL_NAME_MAX)
		return HL_E_INVALID;
	for (size_t i = 0; i < n; i++) {
		char ch = name[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-'))
			return HL_E_INVALID;
	}
	return 0;
}

struct collect {
	hl_arena *a;
	Hotline__User **v;
	size_t n, cap;
};

static int collect_user(const hl_user *u, void *arg)
{
	struct collect *c = arg;

	if (hl_arena_grow(c->a, &c->v, &c->cap, c->n, sizeof *c->v, 32) < 0)
		return 1;
	if (!(c->v[c->n] = hl_arena_alloc(c->a, sizeof **c->v)))
		return 1;
	hl_user_to_pb(u, c->v[c->n++], c->a);
	return 0;
}

/* The session's part of its snapshot: the user, and for those who manage
 * people every user and team. */
static void snapshot(hl_broker *b, const hl_session *s, hl_arena *a, Hotline__Snapshot *snap)
{
	snap->me = hl_arena_alloc(a, sizeof *snap->me);
	if (snap->me)
		hl_user_to_pb(&s->user, snap->me, a);
	if (USER_AUDIENCE & HL_ROLE_BIT(s->user.role)) {
		struct collect c = {.a = a};
		hl_store_user_each(b->st, collect_user, &c);
		snap->users = c.v;
		snap->n_users = c.n;
		hl_team_collect(b, a, &snap->teams, &snap->n_teams);
	}
}

int hl_user_whoami(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	(void)rq;
	rp->body_case = HOTLINE__REPLY__BODY_USER;
	rp->user = hl_arena_alloc(c->arena, sizeof *rp->user);
	if (!rp->user)
		return HL_E_NOMEM;
	hl_user_to_pb(&c->sess->user, rp->user, c->arena);
	return 0;
}

void hl_user_announce(hl_broker *b, const hl_user *u)
{
	hl_arena a;
	Hotline__Event ev = HOTLINE__EVENT__INIT;
	Hotline__User pu;

	hl_arena_init(&a);
	hl_user_to_pb(u, &pu, &a);
	ev.body_case = HOTLINE__EVENT__BODY_USER_CHANGED;
	ev.user_changed = &pu;
	hl_events_publish(b, HL_TOPIC_DIRECTORY, NULL, &ev);
	hl_arena_free(&a);
}

/* The password has been hashed off the loop; now the user is stored. */
static void add_hashed(hl_broker *b, hl_hash_job *j)
{
	Hotline__Reply rp = HOTLINE__REPLY__INIT;
	Hotline__User pu;
	hl_arena a;
	char err[200] = "";
	int rc = j->ok ? 0 : HL_E_INTERNAL;

	hl_arena_init(&a);
	if (rc == 0) {
		snprintf(j->user.pwhash, sizeof j->user.pwhash, "%s", j->pwhash);
		j->user.created_ms = b->now_ms;
		rc = hl_store_user_insert(b->st, &j->user);
	}
	if (rc == HL_E_EXISTS)
		snprintf(err, sizeof err, "user '%s' exists already; pick another name or use "
			 "'user set-role'", j->user.name);
	else if (rc == HL_E_NOTFOUND)
		snprintf(err, sizeof err, "team '%s' does not exist; add it with 'team add %s' "
			 "first", j->user.team, j->user.team);
	else if (rc < 0)
		snprintf(err, sizeof err, "could not store the user: %s", hl_strerror(rc));
	hl_broker_audit(b, j->actor, "user add", j->user.name, hl_role_name(j->user.role),
			rc == 0 ? "ok" : hl_strerror(rc));
	if (rc == 0) {
		hl_user_announce(b, &j->user);
		hl_user_to_pb(&j->user, &pu, &a);
		rp.body_case = HOTLINE__REPLY__BODY_USER;
		rp.user = &pu;
	}
	hl_broker_reply(b, j->req, j->id, rc, err[0] ? err : NULL, &rp);
	hl_arena_free(&a);
}

int hl_user_add(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	const Hotline__UserAdd *ua = rq->user_add;
	hl_user probe;
	hl_hash_job *j;
	int rc;

	(void)rp;
	if (hl_user_name_valid(ua->name) < 0)
		return hl_call_fail(c, HL_E_INVALID, "user name '%s' is not valid: use 1-64 "
				    "letters, digits, '.', '_' or '-'", ua->name);
	if (ua->role <= HOTLINE__ROLE__CUSTOMER || ua->role > HOTLINE__ROLE__ADMIN)
		return hl_call_fail(c, HL_E_INVALID, "role must be one of: agent, team_lead, "
				    "supervisor, qa, admin");
	if (strlen(ua->display) > HL_DISPLAY_MAX)
		return hl_call_fail(c, HL_E_INVALID, "display name longer than %d bytes",
				    HL_DISPLAY_MAX);
	if (strlen(ua->password) < 8 || strlen(ua->password) > HL_PASSWORD_MAX)
		return hl_call_fail(c, HL_E_INVALID, "password must be 8 to %d bytes long",
				    HL_PASSWORD_MAX);
	if (ua->team[0] && hl_user_name_valid(ua->team) < 0)
		return hl_call_fail(c, HL_E_INVALID, "team name '%s' is not valid", ua->team);
	/* Checked before the costly hash; checked again on insert. */
	if ((rc = hl_store_user_get(c->b->st, ua->name, &probe)) == 0)
		return hl_call_fail(c, HL_E_EXISTS, "user '%s' exists already; pick another "
				    "name or use 'user set-role'", ua->name);
	if (!(j = calloc(1, sizeof *j)))
		return HL_E_NOMEM;
	j->kind = HL_HASH_MAKE;
	snprintf(j->password, sizeof j->password, "%s", ua->password);
	snprintf(j->user.name, sizeof j->user.name, "%s", ua->name);
	snprintf(j->user.display, sizeof j->user.display, "%s",
		 ua->display[0] ? ua->display : ua->name);
	snprintf(j->user.team, sizeof j->user.team, "%s", ua->team);
	j->user.role = ua->role;
	snprintf(j->actor, sizeof j->actor, "%s", c->sess->user.name);
	j->req = c->req;
	j->id = c->id;
	j->done = add_hashed;
	if (hl_hashwork_submit(c->b->hw, j) < 0) {
		free(j);
		return hl_call_fail(c, HL_E_INTERNAL, "password hashing unavailable");
	}
	return HL_DEFER;
}

int hl_user_list(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	struct collect col = {.a = c->arena};

	(void)rq;
	if (hl_store_user_each(c->b->st, collect_user, &col) < 0)
		return hl_call_fail(c, HL_E_IO, "could not read users");
	rp->body_case = HOTLINE__REPLY__BODY_USERS;
	rp->users = hl_arena_alloc(c->arena, sizeof *rp->users);
	if (!rp->users)
		return HL_E_NOMEM;
	hotline__user_list_reply__init(rp->users);
	rp->users->users = col.v;
	rp->users->n_users = col.n;
	return 0;
}

int hl_user_changed(hl_call *c, const char *name, const char *action, const char *detail,
		   int rc, Hotline__Reply *rp)
{
	hl_user u;

	hl_broker_audit(c->b, c->sess->user.name, action, name, detail,
			rc == 0 ? "ok" : hl_strerror(rc));
	if (rc == HL_E_NOTFOUND)
		return hl_call_fail(c, rc, "no user '%s'; see 'user list'", name);
	if (rc < 0)
		return hl_call_fail(c, rc, "could not change user '%s'", name);
	if (hl_store_user_get(c->b->st, name, &u) < 0)
		return hl_call_fail(c, HL_E_IO, "could not read user '%s' back", name);
	hl_sessions_update_user(c->b, &u);
	if (u.disabled)
		hl_sessions_end_user(c->b, u.id);
	hl_user_announce(c->b, &u);
	rp->body_case = HOTLINE__REPLY__BODY_USER;
	rp->user = hl_arena_alloc(c->arena, sizeof *rp->user);
	if (!rp->user)
		return HL_E_NOMEM;
	hl_user_to_pb(&u, rp->user, c->arena);
	return 0;
}

int hl_user_set_role(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	const Hotline__UserSetRole *sr = rq->user_set_role;

	if (sr->role <= HOTLINE__ROLE__CUSTOMER || sr->role > HOTLINE__ROLE__ADMIN)
		return hl_call_fail(c, HL_E_INVALID, "role must be one of: agent, team_lead, "
				    "supervisor, qa, admin");
	return hl_user_changed(c, sr->name, "user set-role", hl_role_name(sr->role),
		       hl_store_user_set_role(c->b->st, sr->name, sr->role), rp);
}

int hl_user_disable(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	const char *name = rq->user_disable->name;

	if (strcmp(name, c->sess->user.name) == 0)
		return hl_call_fail(c, HL_E_INVALID, "you cannot disable your own account; "
				    "ask another admin");
	return hl_user_changed(c, name, "user disable", "",
		       hl_store_user_set_disabled(c->b->st, name, 1), rp);
}

/* --- the module --- */

/* The user a password request names. */
static int password_target(hl_call *c, const Hotline__Request *rq, char *name, size_t cap)
{
	(void)c;
	if (!rq->user_password)
		return 0;
	/* A name too long to be anyone's is nobody's: never the caller's. */
	snprintf(name, cap, "%s", strlen(rq->user_password->name) < cap ? rq->user_password->name
		 : "");
	return 1;
}

static const hl_request_desc requests[] = {
	{.body_case = HOTLINE__REQUEST__BODY_WHOAMI, .name = "whoami",
	 .roles = HL_ROLES_STAFF, .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = hl_user_whoami},
	{.body_case = HOTLINE__REQUEST__BODY_USER_ADD, .name = "user add",
	 .roles = HL_ROLES_ADMIN, .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_user_add},
	{.body_case = HOTLINE__REQUEST__BODY_USER_LIST, .name = "user list",
	 .roles = HL_ROLES_LEADS, .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = hl_user_list},
	{.body_case = HOTLINE__REQUEST__BODY_USER_SET_ROLE, .name = "user set-role",
	 .roles = HL_ROLES_ADMIN, .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_user_set_role},
	{.body_case = HOTLINE__REQUEST__BODY_USER_DISABLE, .name = "user disable",
	 .roles = HL_ROLES_ADMIN, .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_user_disable},
	{.body_case = HOTLINE__REQUEST__BODY_USER_ENABLE, .name = "user enable",
	 .roles = HL_ROLES_ADMIN, .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_user_enable},
	/* Everyone may change their own password; only an admin another's. */
	{.body_case = HOTLINE__REQUEST__BODY_USER_PASSWORD, .name = "user password",
	 .roles = HL_ROLES_STAFF, .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_user_password,
	 .scope = HL_SCOPE_OWN, .scope_all = HL_ROLES_ADMIN, .target = password_target,
	 .scope_denied = "permission denied: setting another user's password needs the admin "
			 "role; you may change your own"},
	{.body_case = HOTLINE__REQUEST__BODY_USER_SET_TEAM, .name = "user set-team",
	 .roles = HL_ROLES_ADMIN, .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_user_set_team},
};

const hl_module hl_mod_user = {
	.name = "user",
	.snapshot = snapshot,
	.requests = requests,
	.n_requests = sizeof requests / sizeof requests[0],
};
