/* Users, continued: enabling an account again, setting a password (an
 * admin's reset or a user's own change) and moving a user between teams. */
#include "user.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "error.h"
#include "hashwork.h"
#include "throttle.h"
#include "pwfile.h"
#include "role.h"
#include "session.h"

int hl_user_enable(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	const char *name = rq->user_enable->name;

	return hl_user_changed(c, name, "user enable", "",
			       hl_store_user_set_disabled(c->b->st, name, 0), rp);
}

int hl_user_set_team(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	const Hotline__UserSetTeam *st = rq->user_set_team;
	hl_user u;
	int rc;

	if (st->team[0] && hl_user_name_valid(st->team) < 0)
		return hl_call_fail(c, HL_E_INVALID, "team name '%s' is not valid", st->team);
	/* The user first, so "not found" below can only mean the team. */
	if (hl_store_user_get(c->b->st, st->name, &u) < 0)
		return hl_user_changed(c, st->name, "user set-team", st->team, HL_E_NOTFOUND, rp);
	rc = hl_store_user_set_team(c->b->st, st->name, st->team);
	if (rc == HL_E_NOTFOUND) {
		hl_broker_audit(c->b, c->sess->user.name, "user set-team", st->name, st->team,
				hl_strerror(rc));
		return hl_call_fail(c, rc, "team '%s' does not exist; add it with 'team add %s' "
				    "first", st->team, st->team);
	}
	return hl_user_changed(c, st->name, "user set-team", st->team[0] ? st->team : "(none)",
			       rc, rp);
}

/* A password change in flight: the job, and the new password while the
 * old one is being checked. The job must stay first (it is freed as one). */
typedef struct pw_job {
	hl_hash_job j;
	char next[HL_PASSWORD_MAX + 1];
	int64_t keep_sid;  /* the changing session's Noise session: it stays */
	int self;
} pw_job;

static void pw_reply(hl_broker *b, hl_hash_job *j, int rc, const char *err)
{
	Hotline__Reply rp = HOTLINE__REPLY__INIT;
	Hotline__User pu;
	hl_arena a;

	hl_arena_init(&a);
	if (rc == 0) {
		hl_user_to_pb(&j->user, &pu, &a);
		rp.body_case = HOTLINE__REPLY__BODY_USER;
		rp.user = &pu;
	}
	hl_broker_reply(b, j->req, j->id, rc, err, &rp);
	hl_arena_free(&a);
}

/* The new hash is made: store it and end the user's other sessions, so a
 * stolen session does not outlive the password that made it. */
static void pw_hashed(hl_broker *b, hl_hash_job *j)
{
	pw_job *p = (pw_job *)j;
	int rc = j->ok ? hl_store_user_set_pwhash(b->st, j->user.name, j->pwhash) : HL_E_INTERNAL;
	char err[200] = "";

	if (rc == HL_E_NOTFOUND)
		snprintf(err, sizeof err, "no user '%s'; see 'user list'", j->user.name);
	else if (rc < 0)
		snprintf(err, sizeof err, "could not store the password: %s", hl_strerror(rc));
	hl_broker_audit(b, j->actor, "user password", j->user.name,
			p->self ? "changed by the user" : "reset", rc == 0 ? "ok" : hl_strerror(rc));
	if (rc == 0) {
		hl_session *keep = p->keep_sid ? hl_sessions_by_chan(b, (uint64_t)p->keep_sid) : NULL;
		hl_sessions_end_user_except(b, j->user.id, keep);
	}
	pw_reply(b, j, rc, err[0] ? err : NULL);
}

static int pw_make(hl_broker *b, pw_job *p)
{
	p->j.kind = HL_HASH_MAKE;
	p->j.done = pw_hashed;
	snprintf(p->j.password, sizeof p->j.password, "%s", p->next);
	sodium_memzero(p->next, sizeof p->next);
	return hl_hashwork_submit(b->hw, &p->j);
}

/* The old password has been checked: on a match, hash the new one in a
 * fresh job (the broker frees this one when we return). */
static void pw_verified(hl_broker *b, hl_hash_job *j)
{
	pw_job *p = (pw_job *)j, *n;

	/* The old password was a guess like a login's: it counts the same. */
	hl_throttle_end(b->throttle, j->login, j->peer, j->ok, b->now_ms);
	if (!j->ok) {
		sodium_memzero(p->next, sizeof p->next);
		hl_broker_audit(b, j->actor, "user password", j->user.name, "changed by the user",
				"refused");
		pw_reply(b, j, HL_E_AUTH, "the old password is wrong; nothing changed");
		return;
	}
	if (!(n = calloc(1, sizeof *n))) {
		sodium_memzero(p->next, sizeof p->next);
		pw_reply(b, j, HL_E_NOMEM, NULL);
		return;
	}
	*n = *p;
	n->j.next = NULL;
	sodium_memzero(p->next, sizeof p->next);
	if (pw_make(b, n) < 0) {
		sodium_memzero(n, sizeof *n);
		free(n);
		pw_reply(b, j, HL_E_INTERNAL, "password hashing unavailable");
	}
}

int hl_user_password(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	const Hotline__UserPassword *up = rq->user_password;
	int admin = c->sess->user.role == HOTLINE__ROLE__ADMIN;
	int self = strcmp(up->name, c->sess->user.name) == 0;
	size_t len = strlen(up->password);
	pw_job *p;
	int rc;

	/* Anyone may change their own password, only an admin another's: the
	 * request's scope, checked before this runs. */
	if (len < 8 || len > HL_PASSWORD_MAX)
		return hl_call_fail(c, HL_E_INVALID, "password must be 8 to %d bytes long",
				    HL_PASSWORD_MAX);
	if (!admin && !up->old_password[0])
		return hl_call_fail(c, HL_E_INVALID, "give your old password to change it");
	if (!(p = calloc(1, sizeof *p)))
		return HL_E_NOMEM;
	if ((rc = hl_store_user_get(c->b->st, up->name, &p->j.user)) < 0) {
		free(p);
		hl_broker_audit(c->b, c->sess->user.name, "user password", up->name, "",
				hl_strerror(rc));
		return hl_call_fail(c, rc, rc == HL_E_NOTFOUND ? "no user '%s'; see 'user list'"
				    : "could not read user '%s'", up->name);
	}
	snprintf(p->next, sizeof p->next, "%s", up->password);
	snprintf(p->j.actor, sizeof p->j.actor, "%s", c->sess->user.name);
	p->j.req = c->req;
	p->j.id = c->id;
	p->self = self;
	p->keep_sid = (int64_t)c->sess->chan_sid;
	/* An admin's own reset needs no old password; anyone else proves it,
	 * under the same throttle as a login: a session must not become a
	 * way round it to guess passwords. */
	if (!admin) {
		hl_throttle_verdict v;
		if (hl_throttle_begin(c->b->throttle, up->name, c->req->peer, c->now_ms, &v) < 0) {
			sodium_memzero(p, sizeof *p);
			free(p);
			rp->retry_after_ms = (uint32_t)v.retry_ms;
			return hl_call_fail(c, HL_E_THROTTLED, "too many wrong passwords from %s; try "
					    "again in %lld s", c->req->peer,
					    (long long)(v.retry_ms + 999) / 1000);
		}
		snprintf(p->j.login, sizeof p->j.login, "%s", up->name);
		snprintf(p->j.peer, sizeof p->j.peer, "%s", c->req->peer);
		p->j.kind = HL_HASH_VERIFY;
		p->j.done = pw_verified;
		snprintf(p->j.pwhash, sizeof p->j.pwhash, "%s", p->j.user.pwhash);
		snprintf(p->j.password, sizeof p->j.password, "%s", up->old_password);
		if ((rc = hl_hashwork_submit(c->b->hw, &p->j)) < 0)
			hl_throttle_end(c->b->throttle, up->name, c->req->peer, 1, c->now_ms);
	} else {
		rc = pw_make(c->b, p);
	}
	if (rc < 0) {
		sodium_memzero(p, sizeof *p);
		free(p);
		return hl_call_fail(c, HL_E_INTERNAL, "password hashing unavailable");
	}
	return HL_DEFER;
}
