/* Logging in, resuming and logging out. A login passes the throttle (or is
 * answered THROTTLED at once), then its password is checked on a hashing
 * thread; a resume needs only the token a login returned. */
#include "auth.h"

#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "error.h"
#include "hashwork.h"
#include "router.h"
#include "session.h"
#include "throttle.h"
#include "user.h"
#include "module.h"

struct hl_auth {
	char dummy_hash[HL_PWHASH_MAX + 1];
};

hl_auth *hl_auth_new(void)
{
	hl_auth *a = calloc(1, sizeof *a);

	/* Verifying against a real hash for unknown names keeps the answer's
	 * timing from telling which names exist. */
	if (a && hl_hashwork_make("hotline-no-such-user", a->dummy_hash) < 0) {
		free(a);
		return NULL;
	}
	return a;
}

void hl_auth_free(hl_auth *a)
{
	free(a);
}

static void login_hashed(hl_broker *b, hl_hash_job *j);

static int start_verify(hl_broker *b, hl_net_req *req, uint64_t id, const char *user,
			const char *password)
{
	hl_hash_job *j = calloc(1, sizeof *j);
	const hl_auth *dummy = hl_module_state(b, &hl_mod_auth);

	if (!j)
		return HL_E_NOMEM;
	j->kind = HL_HASH_VERIFY;
	j->req = req;
	j->id = id;
	j->sid = req->sid;
	snprintf(j->login, sizeof j->login, "%s", user);
	snprintf(j->peer, sizeof j->peer, "%s", req->peer);
	snprintf(j->password, sizeof j->password, "%s", password);
	j->user_found = hl_store_user_get(b->st, user, &j->user) == 0;
	if (!j->user_found)
		snprintf(j->user.name, sizeof j->user.name, "%s", user);
	snprintf(j->pwhash, sizeof j->pwhash, "%s",
		 j->user_found ? j->user.pwhash : dummy->dummy_hash);
	j->done = login_hashed;
	if (hl_hashwork_submit(b->hw, j) < 0) {
		free(j);
		return HL_E_INTERNAL;
	}
	return HL_DEFER;
}

static void reply_login(hl_broker *b, hl_net_req *req, uint64_t id, hl_session *s,
			const char *token, int resumed)
{
	hl_arena a;
	Hotline__Reply rp = HOTLINE__REPLY__INIT;
	Hotline__LoginReply lr = HOTLINE__LOGIN_REPLY__INIT;
	Hotline__User me;

	hl_arena_init(&a);
	hl_user_to_pb(&s->user, &me, &a);
	lr.token = (char *)token;
	lr.me = &me;
	lr.next_seq = s->row.acked_seq + 1;
	lr.resumed = resumed != 0;
	rp.body_case = HOTLINE__REPLY__BODY_LOGIN;
	rp.login = &lr;
	hl_broker_reply(b, req, id, 0, NULL, &rp);
	hl_arena_free(&a);
}

static void login_hashed(hl_broker *b, hl_hash_job *j)
{
	char token[HL_TOKEN_LEN + 1], err[256];
	hl_session *s;
	hl_user u;
	int right = j->ok && j->user_found;

	hl_throttle_end(b->throttle, j->login, j->peer, right, b->now_ms);
	if (!right) {
		hl_log(HL_LOG_WARN, "login refused for '%s' from %s (penalty on the source now "
		       "%lld ms)", j->user.name, j->peer,
			(long long)hl_throttle_penalty(b->throttle, j->peer, b->now_ms));
		hl_broker_audit(b, j->user.name, "login", j->user.name, j->peer, "refused");
		hl_broker_reply(b, j->req, j->id, HL_E_AUTH, "wrong user name or password; "
				"check them and try again", NULL);
		return;
	}
	/* Read again: the account may have changed while the hash ran. */
	if (hl_store_user_get_id(b->st, j->user.id, &u) < 0 || u.disabled) {
		hl_broker_audit(b, j->user.name, "login", j->user.name, j->peer, "disabled");
		snprintf(err, sizeof err, "the account '%s' is disabled; ask an admin to enable "
			 "it ('hotline-ctl user enable %s')", j->user.name, j->user.name);
		hl_broker_reply(b, j->req, j->id, HL_E_DISABLED, err, NULL);
		return;
	}
	s = hl_session_create(b, &u, j->peer, token);
	if (!s) {
		hl_broker_reply(b, j->req, j->id, HL_E_IO, "could not store the session", NULL);
		return;
	}
	hl_session_bind(b, s, j->sid);
	hl_net_mark_authed(b->net, j->sid);
	hl_store_user_set_last_login(b->st, u.id, b->now_ms);
	hl_broker_audit(b, u.name, "login", u.name, j->peer, "ok");
	reply_login(b, j->req, j->id, s, token, 0);
	sodium_memzero(token, sizeof token);
}

/* What a throttled login is told, by the throttle's reason. */
static const char *const throttle_why[] = {
	[HL_THROTTLE_SOURCE] = "too many failed attempts from %s",
	[HL_THROTTLE_ACCOUNT] = "too many failed attempts on this account from %s",
	[HL_THROTTLE_BUSY] = "too many logins in progress from %s and elsewhere",
};

int hl_auth_login(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	const Hotline__Login *l = rq->login;
	hl_broker *b = c->b;
	hl_throttle_verdict v;
	char why[160];
	int rc;

	if (!l->user[0] || strlen(l->user) > HL_NAME_MAX || strlen(l->password) > HL_PASSWORD_MAX)
		return hl_call_fail(c, HL_E_AUTH, "wrong user name or password; check them and "
				    "try again");
	/* Throttled logins are answered now, never held: holding them would
	 * hand an attacker the real user's patience. */
	if (hl_throttle_begin(b->throttle, l->user, c->req->peer, c->now_ms, &v) < 0) {
		snprintf(why, sizeof why, throttle_why[v.why], c->req->peer);
		if (v.log)
			hl_log(HL_LOG_WARN, "login for '%s' from %s throttled: %s; retry in %lld ms",
			       l->user, c->req->peer, why,
				(long long)v.retry_ms);
		rp->retry_after_ms = (uint32_t)v.retry_ms;
		return hl_call_fail(c, HL_E_THROTTLED, "%s", why);
	}
	rc = start_verify(b, c->req, c->id, l->user, l->password);
	if (rc != HL_DEFER)
		hl_throttle_end(b->throttle, l->user, c->req->peer, 1, c->now_ms);
	return rc;
}

int hl_auth_resume(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	const Hotline__Resume *r = rq->resume;
	hl_session *s;

	(void)rp;
	if (strlen(r->token) != HL_TOKEN_LEN || !(s = hl_sessions_by_token(c->b, r->token)))
		return hl_call_fail(c, HL_E_SESSION, "the session expired or was ended; log in "
				    "again");
	hl_session_bind(c->b, s, c->req->sid);
	hl_net_mark_authed(c->b->net, c->req->sid);
	hl_session_resume(c->b, s, r->last_seq);
	hl_session_touch(c->b, s);
	snprintf(s->row.peer, sizeof s->row.peer, "%s", c->req->peer);
	hl_session_dirty(c->b, s);
	hl_log(HL_LOG_INFO, "session of %s resumed from %s after event %llu",
		s->user.name, c->req->peer, (unsigned long long)r->last_seq);
	reply_login(c->b, c->req, c->id, s, "", 1);
	return HL_DEFER;
}

int hl_auth_logout(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	(void)rq;
	(void)rp;
	hl_session_end(c->b, c->sess);
	/* A person who signs out is gone now: the grace period is for lost
	 * connections only. */
	hl_router_agent_logout(c->b, c->sess->user.name);
	return 0;
}

/* --- the module --- */

static int mod_open(hl_broker *b)
{
	hl_auth *a = hl_auth_new();

	hl_module_set_state(b, &hl_mod_auth, a);
	return a ? 0 : HL_E_NOMEM;
}

static void mod_close(hl_broker *b)
{
	hl_auth_free(hl_module_state(b, &hl_mod_auth));
	hl_module_set_state(b, &hl_mod_auth, NULL);
}

static const hl_request_desc requests[] = {
	{.body_case = HOTLINE__REQUEST__BODY_LOGIN, .name = "login",
	 .effect = HL_REQ_AGAIN, .fn = hl_auth_login},
	{.body_case = HOTLINE__REQUEST__BODY_RESUME, .name = "resume",
	 .effect = HL_REQ_AGAIN, .fn = hl_auth_resume},
	/* A retried logout finds no session to resume, so it cannot be keyed. */
	{.body_case = HOTLINE__REQUEST__BODY_LOGOUT, .name = "logout",
	 .roles = HL_ROLES_STAFF, .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = hl_auth_logout},
};

const hl_module hl_mod_auth = {
	.name = "auth",
	.open = mod_open,
	.close = mod_close,
	.requests = requests,
	.n_requests = sizeof requests / sizeof requests[0],
};
