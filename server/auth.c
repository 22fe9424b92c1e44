/* Logging in, resuming and logging out. A login first waits out any
 * throttling delay, then its password is checked on a hashing thread; a
 * resume needs only the token a login returned. */
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

/* A login waiting out its throttling delay. */
struct held {
	struct held *next;
	hl_net_req *req;
	uint64_t id;
	int64_t release_ms;
	char user[HL_NAME_MAX + 1];
	char password[HL_PASSWORD_MAX + 1];
};

struct hl_auth {
	struct held *held;
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
	struct held *h, *next;

	if (!a)
		return;
	for (h = a->held; h; h = next) {
		next = h->next;
		sodium_memzero(h->password, sizeof h->password);
		free(h);
	}
	free(a);
}

static void login_hashed(hl_broker *b, hl_hash_job *j);

static int start_verify(hl_broker *b, hl_net_req *req, uint64_t id, const char *user,
			const char *password)
{
	hl_hash_job *j = calloc(1, sizeof *j);

	if (!j)
		return HL_E_NOMEM;
	j->kind = HL_HASH_VERIFY;
	j->req = req;
	j->id = id;
	j->sid = req->sid;
	snprintf(j->peer, sizeof j->peer, "%s", req->peer);
	snprintf(j->password, sizeof j->password, "%s", password);
	j->user_found = hl_store_user_get(b->st, user, &j->user) == 0;
	if (!j->user_found)
		snprintf(j->user.name, sizeof j->user.name, "%s", user);
	snprintf(j->pwhash, sizeof j->pwhash, "%s",
		 j->user_found ? j->user.pwhash : b->auth->dummy_hash);
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
	char token[HL_TOKEN_LEN + 1], err[200];
	hl_session *s;
	hl_user u;
	int fails;

	if (!j->ok || !j->user_found) {
		fails = hl_throttle_fail(b->throttle, j->user.name, j->peer, b->now_ms);
		hl_log(HL_LOG_WARN, "login refused for '%s' from %s (%d failure%s in "
			"a row; next attempt waits %lld ms)\n", j->user.name, j->peer, fails,
			fails == 1 ? "" : "s", (long long)hl_throttle_delay(fails));
		hl_broker_audit(b, j->user.name, "login", j->user.name, j->peer, "refused");
		hl_broker_reply(b, j->req, j->id, HL_E_AUTH, "wrong user name or password; "
				"check them and try again", NULL);
		return;
	}
	/* Read again: the account may have changed while the hash ran. */
	if (hl_store_user_get_id(b->st, j->user.id, &u) < 0 || u.disabled) {
		hl_broker_audit(b, j->user.name, "login", j->user.name, j->peer, "disabled");
		snprintf(err, sizeof err, "the account '%s' is disabled; ask an admin to enable "
			 "it", j->user.name);
		hl_broker_reply(b, j->req, j->id, HL_E_DISABLED, err, NULL);
		return;
	}
	hl_throttle_ok(b->throttle, u.name, j->peer);
	s = hl_session_create(b, &u, j->peer, token);
	if (!s) {
		hl_broker_reply(b, j->req, j->id, HL_E_IO, "could not store the session", NULL);
		return;
	}
	hl_session_bind(b, s, j->sid);
	hl_store_user_set_last_login(b->st, u.id, b->now_ms);
	hl_broker_audit(b, u.name, "login", u.name, j->peer, "ok");
	reply_login(b, j->req, j->id, s, token, 0);
	sodium_memzero(token, sizeof token);
}

int hl_auth_login(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	const Hotline__Login *l = rq->login;
	hl_broker *b = c->b;
	struct held *h;
	int64_t wait;

	(void)rp;
	if (!l->user[0] || strlen(l->user) > HL_NAME_MAX || strlen(l->password) > HL_PASSWORD_MAX)
		return hl_call_fail(c, HL_E_AUTH, "wrong user name or password; check them and "
				    "try again");
	wait = hl_throttle_wait(b->throttle, l->user, c->req->peer, c->now_ms);
	if (wait <= 0)
		return start_verify(b, c->req, c->id, l->user, l->password);
	if (!(h = calloc(1, sizeof *h)))
		return HL_E_NOMEM;
	hl_log(HL_LOG_WARN, "login for '%s' from %s held %lld ms after repeated "
		"failures", l->user, c->req->peer, (long long)wait);
	h->req = c->req;
	h->id = c->id;
	h->release_ms = c->now_ms + wait;
	snprintf(h->user, sizeof h->user, "%s", l->user);
	snprintf(h->password, sizeof h->password, "%s", l->password);
	h->next = b->auth->held;
	b->auth->held = h;
	return HL_DEFER;
}

int64_t hl_auth_tick(hl_broker *b)
{
	struct held **pp = &b->auth->held, *h;
	int64_t next = INT64_MAX;
	int rc;

	while ((h = *pp)) {
		if (h->release_ms > b->now_ms) {
			if (h->release_ms < next)
				next = h->release_ms;
			pp = &h->next;
			continue;
		}
		/* Other attempts may have failed meanwhile: wait out the longer delay. */
		int64_t wait = hl_throttle_wait(b->throttle, h->user, h->req->peer, b->now_ms);
		if (wait > 0) {
			h->release_ms = b->now_ms + wait;
			if (h->release_ms < next)
				next = h->release_ms;
			pp = &h->next;
			continue;
		}
		*pp = h->next;
		rc = start_verify(b, h->req, h->id, h->user, h->password);
		if (rc != HL_DEFER)
			hl_broker_reply(b, h->req, h->id, rc, "login could not be checked", NULL);
		sodium_memzero(h->password, sizeof h->password);
		free(h);
	}
	return next;
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
	hl_session_resume(c->b, s, r->last_seq);
	hl_session_touch(c->b, s);
	snprintf(s->row.peer, sizeof s->row.peer, "%s", c->req->peer);
	s->row_dirty = 1;
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
