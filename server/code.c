/* Configured codes: Not Ready reasons and wrap-up codes. Admins add and
 * remove them; every change is audited and sent to the staff's sessions,
 * so a desk's menus follow at once; agents' requests are checked here. */
#include "code.h"

#include <stdio.h>
#include <string.h>

#include "error.h"
#include "role.h"
#include "events.h"
#include "session.h"
#include "store_code.h"
#include "module.h"

/* Reasons the broker gives by itself; no one may configure or choose them. */
static const char *const system_reasons[] = {"missed", "logout", "disconnected"};

static const struct {
	const char *kind, *words, *cli;
} kinds[] = {
	{HL_CODE_NOT_READY, "Not Ready reason", "not-ready"},
	{HL_CODE_WRAP_UP, "wrap-up code", "wrap-up"},
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static int kind_index(const char *kind)
{
	for (size_t i = 0; i < N(kinds); i++)
		if (strcmp(kinds[i].kind, kind) == 0)
			return (int)i;
	return -1;
}

/* Ids are what scripts and reports carry: short, lower case, no spaces. */
static int id_valid(const char *id)
{
	size_t n = strlen(id);

	if (n < 1 || n > HL_CODE_ID_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((id[i] >= 'a' && id[i] <= 'z') || (id[i] >= '0' && id[i] <= '9') ||
		      id[i] == '-' || id[i] == '_'))
			return 0;
	return 1;
}

/* Labels are shown in a menu on one row: no control characters. */
static int label_valid(const char *s)
{
	size_t n = strlen(s);

	if (n > HL_CODE_LABEL_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 0;
	return 1;
}

static void code_to_pb(const hl_code *c, Hotline__ReasonCode *out, hl_arena *a)
{
	hotline__reason_code__init(out);
	out->kind = hl_arena_strdup(a, c->kind);
	out->id = hl_arena_strdup(a, c->id);
	out->label_en = hl_arena_strdup(a, c->label_en);
	out->label_zh = hl_arena_strdup(a, c->label_zh);
	out->created_ms = c->created_ms;
}

struct collect {
	hl_arena *a;
	Hotline__ReasonCode **v;
	size_t n, cap;
};

static int collect_code(const hl_code *c, void *arg)
{
	struct collect *x = arg;

	if (hl_arena_grow(x->a, &x->v, &x->cap, x->n, sizeof *x->v, 16) < 0)
		return 1;
	if (!(x->v[x->n] = hl_arena_alloc(x->a, sizeof **x->v)))
		return 1;
	code_to_pb(c, x->v[x->n++], x->a);
	return 0;
}

static void collect(hl_broker *b, const char *kind, hl_arena *a, Hotline__ReasonCode ***out,
		    size_t *n)
{
	struct collect x = {.a = a};

	hl_store_code_each(b->st, kind, collect_code, &x);
	*out = x.v;
	*n = x.n;
}

void hl_code_collect(hl_broker *b, hl_arena *a, Hotline__ReasonCode ***out, size_t *n)
{
	collect(b, NULL, a, out, n);
}

/* Tells every staff session the whole list again: desks replace theirs. */
static void announce(hl_broker *b)
{
	hl_arena a;
	Hotline__Event ev = HOTLINE__EVENT__INIT;
	Hotline__CodeListReply cl = HOTLINE__CODE_LIST_REPLY__INIT;

	hl_arena_init(&a);
	collect(b, NULL, &a, &cl.codes, &cl.n_codes);
	ev.body_case = HOTLINE__EVENT__BODY_CODES_CHANGED;
	ev.codes_changed = &cl;
	hl_events_publish(b, HL_TOPIC_STAFF, NULL, &ev);
	hl_arena_free(&a);
}

static int bad_kind(hl_call *c, const char *kind)
{
	return hl_call_fail(c, HL_E_INVALID, "unknown kind of code '%s': use not-ready or "
			    "wrap-up", kind);
}

int hl_code_add(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	const Hotline__ReasonCode *in = rq->code_add->code;
	hl_code code = {0};
	int k, rc;

	if (!in)
		return hl_call_fail(c, HL_E_INVALID, "code add needs a code");
	if ((k = kind_index(in->kind)) < 0)
		return bad_kind(c, in->kind);
	if (!id_valid(in->id))
		return hl_call_fail(c, HL_E_INVALID, "code '%s' is not valid: use 1-%d lower-case "
				    "letters, digits, '-' or '_'", in->id, HL_CODE_ID_MAX);
	for (size_t i = 0; i < N(system_reasons); i++)
		if (strcmp(in->id, system_reasons[i]) == 0)
			return hl_call_fail(c, HL_E_INVALID, "'%s' is a reason the broker sets "
					    "itself; choose another code", in->id);
	if (!in->label_en[0] || !label_valid(in->label_en) || !label_valid(in->label_zh))
		return hl_call_fail(c, HL_E_INVALID, "a code needs an English label (--label-en) "
				    "of at most %d bytes, and may have a Chinese one (--label-zh); "
				    "no control characters", HL_CODE_LABEL_MAX);
	snprintf(code.kind, sizeof code.kind, "%s", in->kind);
	snprintf(code.id, sizeof code.id, "%s", in->id);
	snprintf(code.label_en, sizeof code.label_en, "%s", in->label_en);
	snprintf(code.label_zh, sizeof code.label_zh, "%s", in->label_zh);
	code.created_ms = c->now_ms;
	rc = hl_store_code_insert(c->b->st, &code);
	hl_broker_audit(c->b, c->sess->user.name, "code add", in->id, in->kind,
			rc == 0 ? "ok" : hl_strerror(rc));
	if (rc == HL_E_EXISTS)
		return hl_call_fail(c, rc, "%s '%s' exists already; remove it first to change "
				    "its labels", kinds[k].words, in->id);
	if (rc < 0)
		return hl_call_fail(c, rc, "could not store the code");
	rp->body_case = HOTLINE__REPLY__BODY_CODE;
	if (!(rp->code = hl_arena_alloc(c->arena, sizeof *rp->code)))
		return HL_E_NOMEM;
	code_to_pb(&code, rp->code, c->arena);
	announce(c->b);
	return 0;
}

int hl_code_list(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	const char *kind = rq->code_list->kind;

	if (kind[0] && kind_index(kind) < 0)
		return bad_kind(c, kind);
	rp->body_case = HOTLINE__REPLY__BODY_CODES;
	if (!(rp->codes = hl_arena_alloc(c->arena, sizeof *rp->codes)))
		return HL_E_NOMEM;
	hotline__code_list_reply__init(rp->codes);
	collect(c->b, kind, c->arena, &rp->codes->codes, &rp->codes->n_codes);
	return 0;
}

int hl_code_remove(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	const Hotline__CodeRemove *r = rq->code_remove;
	int k, rc;

	(void)rp;
	if ((k = kind_index(r->kind)) < 0)
		return bad_kind(c, r->kind);
	rc = hl_store_code_delete(c->b->st, r->kind, r->id);
	hl_broker_audit(c->b, c->sess->user.name, "code remove", r->id, r->kind,
			rc == 0 ? "ok" : hl_strerror(rc));
	if (rc == HL_E_NOTFOUND)
		return hl_call_fail(c, rc, "no %s '%s'; see 'hotline-ctl code list %s'",
				    kinds[k].words, r->id, kinds[k].cli);
	if (rc < 0)
		return hl_call_fail(c, rc, "could not remove the code");
	announce(c->b);
	return 0;
}

struct names {
	char *buf;
	size_t cap, len;
};

static int add_name(const hl_code *c, void *arg)
{
	struct names *x = arg;
	int n = snprintf(x->buf + x->len, x->cap - x->len, "%s%s", x->len ? ", " : "", c->id);

	if (n > 0)
		x->len += (size_t)n < x->cap - x->len ? (size_t)n : x->cap - x->len - 1;
	return 0;
}

int hl_code_check(hl_broker *b, const char *kind, const char *id, char *err, size_t cap)
{
	hl_code code;
	char known[600] = "";
	struct names x = {.buf = known, .cap = sizeof known};
	int k = kind_index(kind), rc;

	if (k < 0)
		return HL_E_INVALID;
	if ((rc = hl_store_code_get(b->st, kind, id, &code)) == 0)
		return 0;
	if (rc != HL_E_NOTFOUND) {
		snprintf(err, cap, "could not read the configured codes");
		return rc;
	}
	hl_store_code_each(b->st, kind, add_name, &x);
	snprintf(err, cap, "'%s' is not a configured %s; choose one of: %s (an admin adds more "
		 "with 'hotline-ctl code add %s ID --label-en L')", id, kinds[k].words,
		 known[0] ? known : "(none configured)", kinds[k].cli);
	return HL_E_INVALID;
}

/* --- the module --- */

/* Everyone's desk lists the configured codes. */
static void snapshot(hl_broker *b, const hl_session *s, hl_arena *a, Hotline__Snapshot *snap)
{
	(void)s;
	hl_code_collect(b, a, &snap->codes, &snap->n_codes);
}

static const hl_request_desc requests[] = {
	{.body_case = HOTLINE__REQUEST__BODY_CODE_ADD, .name = "code add",
	 .roles = HL_ROLES_ADMIN, .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_code_add},
	{.body_case = HOTLINE__REQUEST__BODY_CODE_LIST, .name = "code list",
	 .roles = HL_ROLES_STAFF, .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = hl_code_list},
	{.body_case = HOTLINE__REQUEST__BODY_CODE_REMOVE, .name = "code remove",
	 .roles = HL_ROLES_ADMIN, .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_code_remove},
};

const hl_module hl_mod_code = {
	.name = "code",
	.snapshot = snapshot,
	.requests = requests,
	.n_requests = sizeof requests / sizeof requests[0],
};
