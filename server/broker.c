/* The broker: owns the store, the network and the loop; each loop turn
 * begins a transaction, handles what arrived, fires timers, commits, and
 * only then lets replies leave. */
#include "broker.h"

#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "auditkey.h"
#include "channel.h"
#include "clock.h"
#include "custchan.h"
#include "dispatch.h"
#include "error.h"
#include "hashwork.h"
#include "idem.h"
#include "module.h"
#include "readpool.h"
#include "statickey.h"
#include "loop.h"
#include "web.h"
#include "store_audit.h"
#include "throttle.h"

#define SWEEP_MS 10000

/* What a client is told when its turn could not be stored (the status is
 * IO, which a retry may repeat and exactly-once never keeps). */
#define STORAGE_FAILED_TEXT "storage failed, nothing was changed, retry"
#define STORAGE_FAILED_WEB "{\"type\":\"error\",\"code\":\"storage_failed\",\"text\":\"" \
	STORAGE_FAILED_TEXT "\"}"

/* A reply sealed after the turn commits. */
struct hl_pending {
	hl_pending *next;
	hl_net_req *req;     /* a reply, or NULL for a web line */
	uint64_t id;         /* the request's id, for an error in its place */
	uint64_t conn;
	size_t len;
	uint8_t data[];
};

void hl_broker_config_default(hl_broker_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->poll_wait_ms = 25000;
	cfg->session_idle_ms = 12LL * 3600 * 1000;  /* a long shift */
	cfg->outbox_max = 10000;
	cfg->chan_idle_ms = 15 * 60 * 1000;
	hl_net_limits_default(&cfg->net);
	hl_throttle_limits_default(&cfg->login);
	cfg->web_root = HL_WEB_ROOT;
	hl_web_limits_default(&cfg->web_limits);
	hl_modules_config_defaults();
}

void hl_broker_reply(hl_broker *b, hl_net_req *req, uint64_t id, int code, const char *err,
		     Hotline__Reply *rp)
{
	Hotline__Reply empty = HOTLINE__REPLY__INIT, big = HOTLINE__REPLY__INIT;
	hl_pending *p;
	size_t len;

	if (!rp)
		rp = &empty;
	rp->id = id;
	rp->status = (Hotline__Status)(code < 0 ? -code : 0);
	rp->error = (char *)(err ? err : "");
	if (code < 0)
		rp->body_case = HOTLINE__REPLY__BODY__NOT_SET;
	len = hotline__reply__get_packed_size(rp);
	if (len + HL_FRAME_DATA_HDR + HL_NOISE_TAGLEN > HL_FRAME_MAX) {
		/* The client could not take the frame; say so instead. */
		big.id = id;
		big.status = HOTLINE__STATUS__TOOBIG;
		big.error = "the answer is larger than a frame may be; ask for less (e.g. --limit)";
		rp = &big;
		len = hotline__reply__get_packed_size(rp);
	}
	/* A keyed change keeps its answer for retries, in this turn's commit. */
	hl_idem_finish(b, req, rp);
	if (!(p = malloc(sizeof *p + len))) {
		hl_net_reply(b->net, req, NULL, 0);
		return;
	}
	p->req = req;
	p->id = id;
	p->conn = 0;
	p->len = hotline__reply__pack(rp, p->data);
	p->next = NULL;
	*b->pending_tail = p;
	b->pending_tail = &p->next;
}

void hl_broker_web_send(hl_broker *b, uint64_t conn, const char *line, size_t len)
{
	hl_pending *p;

	if (!b->web || !conn || !(p = malloc(sizeof *p + len)))
		return;
	p->req = NULL;
	p->id = 0;
	p->conn = conn;
	p->len = len;
	memcpy(p->data, line, len);
	p->next = NULL;
	*b->pending_tail = p;
	b->pending_tail = &p->next;
}

void hl_broker_audit(hl_broker *b, const char *actor, const char *action, const char *target,
		     const char *detail, const char *result)
{
	hl_audit_entry e = {
		.time_ms = b->now_ms, .actor = actor, .action = action,
		.target = target, .detail = detail, .result = result,
	};

	if (hl_store_audit_append(b->st, &b->audit_key, &e) < 0) {
		hl_log(HL_LOG_ERROR, "could not write audit entry %s %s", action, target);
		return;
	}
	b->audit_new_id = e.id;
	memcpy(b->audit_new_hash, e.hash, HL_AUDIT_HASHLEN);
}

static void deliver(void *arg, hl_net_req *r)
{
	hl_broker *b = arg;

	if (hl_loop_post(b->loop, HL_ITEM_REQUEST, r) < 0)
		hl_net_reply(b->net, r, NULL, 0);
}

/* Remembers a visitor who sent something this turn: if the turn fails, it
 * is told so. */
static void turn_web_sender(hl_broker *b, uint64_t conn)
{
	for (size_t i = 0; i < b->n_turn_web; i++)
		if (b->turn_web[i] == conn)
			return;
	if (b->n_turn_web == b->cap_turn_web) {
		size_t cap = b->cap_turn_web ? b->cap_turn_web * 2 : 16;
		uint64_t *v = realloc(b->turn_web, cap * sizeof *v);
		if (!v)
			return;  /* the visitor then hears nothing; nothing is claimed either */
		b->turn_web = v;
		b->cap_turn_web = cap;
	}
	b->turn_web[b->n_turn_web++] = conn;
}

static void on_item(void *arg, int kind, void *ptr, int64_t now)
{
	hl_broker *b = arg;

	(void)now;
	if (kind == HL_ITEM_REQUEST) {
		hl_dispatch(b, ptr);
	} else if (kind == HL_ITEM_WEB) {
		/* What a visitor sent goes to the channel that carries web chat. */
		const hl_custchan_ops *ch = hl_modules_channel("web");
		turn_web_sender(b, ((hl_web_item *)ptr)->conn);
		if (ch && ch->input)
			ch->input(b, ptr);
		hl_web_item_done(b->web, ptr);
		hl_web_item_free(ptr);
	} else if (kind == HL_ITEM_HASHED) {
		hl_hash_job *j = ptr;
		j->done(b, j);
		sodium_memzero(j, sizeof *j);
		free(j);
	} else if (kind == HL_ITEM_READ) {
		hl_readpool_finish(b, ptr);
	}
}

static void on_turn_begin(void *arg, int64_t now)
{
	hl_broker *b = arg;

	b->now_ms = now;
	b->n_turn_web = 0;
	if (hl_store_begin(b->st) < 0)
		b->commit_failed = 1;
}

static int64_t min64(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

/* A write of this turn failed, or its commit did: the store has rolled the
 * turn back. Every request answered in the turn is told that nothing was
 * changed, in place of its answer; no event, web line or witness leaves.
 * The modules' memory may hold what the turn did, so the broker stops
 * (docs/decisions.md, "A failed write fails the turn") and a restart
 * comes back to the last committed state, which clients resume from. */
static void fail_turn(hl_broker *b)
{
	hl_pending *p, *pn;
	int n_req = 0;

	b->commit_failed = 1;
	b->audit_new_id = 0;
	for (p = b->pending; p; p = pn) {
		pn = p->next;
		if (p->req) {
			Hotline__Reply rp = HOTLINE__REPLY__INIT;
			uint8_t buf[128];

			rp.id = p->id;
			rp.status = HOTLINE__STATUS__IO;
			rp.error = STORAGE_FAILED_TEXT;
			hl_net_reply(b->net, p->req, buf, hotline__reply__pack(&rp, buf));
			n_req++;
		}
		free(p);
	}
	b->pending = NULL;
	b->pending_tail = &b->pending;
	for (size_t i = 0; i < b->n_turn_web; i++)
		hl_web_send(b->web, b->turn_web[i], STORAGE_FAILED_WEB, strlen(STORAGE_FAILED_WEB));
	hl_log(HL_LOG_FATAL, "a write to the database failed; the turn was rolled back and its "
	       "%d request(s) and %zu visitor(s) were told \"%s\"; stopping so that a restart "
	       "reloads the last committed state", n_req, b->n_turn_web, STORAGE_FAILED_TEXT);
	hl_loop_stop(b->loop);
}

static int64_t on_turn_end(void *arg, int64_t now)
{
	hl_broker *b = arg;
	int64_t next = INT64_MAX;
	hl_pending *p, *pn;

	next = min64(next, hl_modules_tick(b, now));
	if (now >= b->next_sweep_ms) {
		hl_net_sweep(b->net, now - b->cfg.chan_idle_ms);
		hl_web_reap(b->web);
		hl_idem_sweep(b, now);
		b->next_sweep_ms = now + SWEEP_MS;
	}
	next = min64(next, b->next_sweep_ms);
	hl_modules_flush(b);
	if (b->commit_failed) {
		hl_store_rollback(b->st);
		fail_turn(b);
		return next;
	}
	if (hl_store_commit(b->st) < 0) {
		fail_turn(b);
		return next;
	}
	/* Only a committed entry may become the witness outside the database. */
	if (b->audit_new_id && !b->audit_frozen)
		hl_auditkey_witness(b->state_dir, &b->audit_key, b->audit_new_id,
				    b->audit_new_hash);
	b->audit_new_id = 0;
	for (p = b->pending; p; p = pn) {
		pn = p->next;
		if (p->req)
			hl_net_reply(b->net, p->req, p->data, p->len);
		else
			hl_web_send(b->web, p->conn, (const char *)p->data, p->len);
		free(p);
	}
	b->pending = NULL;
	b->pending_tail = &b->pending;
	return next;
}

static const hl_loop_ops loop_ops = {
	.item = on_item,
	.turn_begin = on_turn_begin,
	.turn_end = on_turn_end,
};

int hl_broker_open(hl_broker **out, const char *state_dir, const hl_broker_config *cfg)
{
	hl_broker *b = calloc(1, sizeof *b);
	uint8_t priv[32], pub[32];
	char path[4096];
	int rc;

	if (!b)
		return HL_E_NOMEM;
	b->cfg = *cfg;
	b->pending_tail = &b->pending;
	if ((rc = hl_statickey_load(state_dir, priv, pub)) < 0)
		goto fail;
	snprintf(path, sizeof path, "%s/hotline.db", state_dir);
	if ((rc = hl_store_open(path, &b->st)) < 0)
		goto fail;
	snprintf(b->state_dir, sizeof b->state_dir, "%s", state_dir);
	if ((rc = (int)hl_store_audit_next_id(b->st)) < 0 ||
	    (rc = hl_auditkey_open(state_dir, hl_store_audit_next_id(b->st), &b->audit_key)) < 0)
		goto fail;
	/* The database lost the newest entry the broker wrote: the evidence
	 * stays, so verification goes on failing until an admin looks. */
	if (b->audit_key.seen_id &&
	    hl_store_audit_has(b->st, b->audit_key.seen_id, b->audit_key.seen_hash) == 0) {
		b->audit_frozen = 1;
		hl_log(HL_LOG_ERROR, "AUDIT LOG TAMPERED: entry %lld named by "
			"audit.head is not in the database as written; 'hotline-ctl audit list "
			"--verify' will report it\n", (long long)b->audit_key.seen_id);
	}
	rc = HL_E_NOMEM;
	if (!(b->throttle = hl_throttle_new(&cfg->login)) || !(b->idem = hl_idem_new()))
		goto fail;
	b->now_ms = hl_clock_wall_ms();  /* the loop's clock, before its first turn */
	/* Every domain loads what it keeps, in one transaction. */
	if ((rc = hl_store_begin(b->st)) < 0)
		goto fail;
	/* A failed open leaves the transaction to the store's close, which
	 * rolls it back. */
	if ((rc = hl_modules_open(b)) < 0)
		goto fail;
	if ((rc = hl_store_commit(b->st)) < 0)
		goto fail;
	if ((rc = hl_loop_new(&b->loop, &loop_ops, b)) < 0)
		goto fail;
	if ((rc = hl_hashwork_start(&b->hw, b->loop, 2)) < 0)
		goto fail;
	if ((rc = hl_readpool_start(&b->reads, b->loop, HL_ITEM_READ, path, hl_readpool_workers(),
				    hl_readpool_queue_max())) < 0)
		goto fail;
	if ((rc = hl_net_open(&b->net, priv, deliver, b)) < 0)
		goto fail;
	hl_net_set_limits(b->net, &cfg->net);
	if (cfg->web_url && (rc = hl_web_open(&b->web, cfg->web_url, cfg->web_root, &cfg->web_limits, b->loop,
					      HL_ITEM_WEB)) < 0)
		goto fail;
	sodium_memzero(priv, sizeof priv);
	*out = b;
	return 0;
fail:
	sodium_memzero(priv, sizeof priv);
	hl_broker_close(b);
	return rc;
}

void hl_broker_run(hl_broker *b)
{
	hl_loop_run(b->loop);
}

void hl_broker_stop(hl_broker *b)
{
	hl_loop_stop(b->loop);
}

static void drop_item(int kind, void *ptr)
{
	if (kind == HL_ITEM_HASHED)
		free(ptr);
	else if (kind == HL_ITEM_WEB)
		hl_web_item_free(ptr);
	else if (kind == HL_ITEM_READ)
		hl_readpool_drop(ptr);
	/* Requests belong to network contexts, which close with the socket. */
}

void hl_broker_close(hl_broker *b)
{
	hl_pending *p, *pn;

	if (!b)
		return;
	/* Stop the producers first: hashing and read threads post to the loop. */
	hl_readpool_stop(b->reads);
	hl_hashwork_stop(b->hw);
	/* After a failed turn its error answers are on their way out: let
	 * them leave before the sockets close (bounded; the web's lines are
	 * written by its own thread in that time too). */
	if (b->commit_failed && b->net) {
		hl_net_drain(b->net, 2000);
		nanosleep(&(struct timespec){.tv_nsec = 200 * 1000000}, NULL);
	}
	hl_web_close(b->web);
	hl_net_close(b->net);
	for (p = b->pending; p; p = pn) {
		pn = p->next;
		free(p);
	}
	b->pending = NULL;
	hl_loop_free(b->loop, drop_item);
	/* What a module writes as it closes goes in one last transaction —
	 * unless a turn failed: its memory may hold what was rolled back, so
	 * nothing of it is written. */
	if (b->mods_open) {
		int began = b->st && hl_store_begin(b->st) == 0;
		hl_modules_close(b);
		if (began && b->commit_failed)
			hl_store_rollback(b->st);
		else if (began)
			hl_store_commit(b->st);
	}
	free(b->turn_web);
	hl_idem_free(b->idem);
	hl_throttle_free(b->throttle);
	sodium_memzero(&b->audit_key, sizeof b->audit_key);
	if (b->st)
		hl_store_close(b->st);
	free(b);
}
