/* The broker: the state the domain loop owns and the calls every domain
 * module shares (replies, audit, events). */
#ifndef HL_BROKER_H
#define HL_BROKER_H

#include <stdint.h>

#include "arena.h"
#include "hotline.pb-c.h"
#include "net.h"
#include "store.h"
#include "store_audit.h"
#include "web.h"
#include "throttle.h"

#define HL_DEFER 1  /* the handler sends the reply itself, now or later */

typedef struct hl_session hl_session;
typedef struct hl_sessions hl_sessions;
typedef struct hl_throttle hl_throttle;
typedef struct hl_hashwork hl_hashwork;
typedef struct hl_readpool hl_readpool;
typedef struct hl_loop hl_loop;
typedef struct hl_idem hl_idem;
typedef struct hl_web hl_web;
typedef struct hl_module hl_module;   /* module.h */

#define HL_MODULES_MAX 32   /* modules the broker has state slots for (module.h) */

typedef struct hl_broker_config {
	int poll_wait_ms;       /* longest a long-poll is held (~25 s) */
	int64_t session_idle_ms;/* a session unused this long expires */
	int outbox_max;         /* events kept for a session before "resync" */
	int chan_idle_ms;       /* Noise sessions unused this long are dropped */
	const char *web_url;    /* http://host:port of the customer web chat, or NULL */
	const char *web_root;   /* the page's files */
	hl_web_limits web_limits;  /* caps and timeouts of the web port */
	hl_net_limits net;      /* [limits]: sessions, pre-login sessions */
	hl_throttle_limits login; /* [limits]: login penalties and attempts in flight */
} hl_broker_config;

typedef struct hl_pending hl_pending;

typedef struct hl_broker {
	hl_store *st;
	hl_net *net;
	hl_loop *loop;
	hl_hashwork *hw;
	hl_readpool *reads;      /* long reads off the loop (readpool.h) */
	hl_sessions *sessions;   /* the session module's registry (session.c) */
	hl_throttle *throttle;
	hl_idem *idem;           /* keyed changes in flight (exactly once) */
	hl_web *web;
	void *mod_state[HL_MODULES_MAX]; /* each module's own, by its place in the list */
	size_t mods_open;        /* modules opened, from the list's start */
	hl_broker_config cfg;
	int64_t now_ms;          /* this turn's time */
	hl_pending *pending;     /* replies waiting for the turn's commit */
	hl_pending **pending_tail;
	int64_t next_sweep_ms;
	int commit_failed;       /* a turn could not be stored: the broker stops */
	uint64_t *turn_web;      /* web connections that sent something this turn */
	size_t n_turn_web, cap_turn_web;
	char state_dir[4096];
	hl_audit_key audit_key;  /* the chain's MAC key and witness (auditkey.h) */
	int64_t audit_new_id;    /* newest entry appended this turn, 0 none */
	int audit_frozen;        /* the witness names an entry the database lost: keep it */
	uint8_t audit_new_hash[HL_AUDIT_HASHLEN];
} hl_broker;

/* One request being handled. */
typedef struct hl_call {
	hl_broker *b;
	hl_net_req *req;
	hl_session *sess;   /* NULL before login */
	uint64_t id;        /* the request's id, echoed in the reply */
	int64_t now_ms;
	hl_arena *arena;    /* for the reply's parts; freed after packing */
	char err[256];      /* the error text for a person */
} hl_call;

/* Items the loop takes from its queue. */
enum { HL_ITEM_REQUEST = 1, HL_ITEM_HASHED = 2, HL_ITEM_WEB = 3, HL_ITEM_READ = 4 };

/* Sets the call's error text and returns `code`, for handlers:
 * `return hl_call_fail(c, HL_E_PERM, "…");` */
int hl_call_fail(hl_call *c, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Queues the reply to `req` (status `code`, error text `err` or NULL, body
 * in `rp`) to be sealed and sent once this turn commits. Consumes `req`. */
void hl_broker_reply(hl_broker *b, hl_net_req *req, uint64_t id, int code, const char *err,
		     Hotline__Reply *rp);

/* Queues one JSON line to web connection `conn`, sent once this turn
 * commits (like replies): a visitor is never told of what is not stored. */
void hl_broker_web_send(hl_broker *b, uint64_t conn, const char *line, size_t len);

/* Appends an audit entry (in this turn's transaction). */
void hl_broker_audit(hl_broker *b, const char *actor, const char *action, const char *target,
		     const char *detail, const char *result);

/* Opens the store in `state_dir`, the key, the network (not yet listening)
 * and the loop. Returns 0 or a negative code with a message on stderr. */
int hl_broker_open(hl_broker **out, const char *state_dir, const hl_broker_config *cfg);

/* Runs the loop on the calling thread until hl_broker_stop. */
void hl_broker_run(hl_broker *b);

/* Asks the loop to stop; any thread. */
void hl_broker_stop(hl_broker *b);

/* Closes everything (after hl_broker_run returned). */
void hl_broker_close(hl_broker *b);

/* Fills the defaults, the modules' settings included. */
void hl_broker_config_default(hl_broker_config *cfg);

#endif
