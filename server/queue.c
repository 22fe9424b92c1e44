/* Queues: the requests that add, change and list them. A change names the
 * fields it sets, so "queue set sales --max-wait 300" leaves the rest. */
#include "queue.h"

#include <stdio.h>
#include <string.h>

#include "error.h"
#include "router.h"
#include "session.h"
#include "user.h"
#include "module.h"

static int reply_queue(hl_call *c, const char *id, Hotline__Reply *rp)
{
	const Hotline__QueueConf *q = hl_router_queue(c->b, id);

	rp->body_case = HOTLINE__REPLY__BODY_QUEUE;
	rp->queue = (Hotline__QueueConf *)q;
	return 0;
}

int hl_queue_add(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	const Hotline__QueueConf *q = rq->queue_add->queue;
	char err[200];
	int rc;

	if (!q || hl_user_name_valid(q->id) < 0)
		return hl_call_fail(c, HL_E_INVALID, "queue id must be 1-64 letters, digits, '.', "
				    "'_' or '-'");
	if (hl_router_queue(c->b, q->id))
		return hl_call_fail(c, HL_E_EXISTS, "queue '%s' exists already; use 'queue set'",
				    q->id);
	if ((rc = hl_router_queue_apply(c->b, q, 1, err, sizeof err)) < 0)
		return hl_call_fail(c, rc, "%s", err);
	hl_broker_audit(c->b, c->sess->user.name, "queue add", q->id, q->strategy, "ok");
	return reply_queue(c, q->id, rp);
}

/* Copies the fields named in `mask` from `src` into `dst` (both of one
 * arena), by their descriptors. Returns 0 or HL_E_INVALID naming a field. */
static int merge(Hotline__QueueConf *dst, const Hotline__QueueConf *src, const char *mask,
		 char *err, size_t errcap)
{
	const ProtobufCMessageDescriptor *d = &hotline__queue_conf__descriptor;
	char buf[512], *save = NULL;

	snprintf(buf, sizeof buf, "%s", mask);
	for (char *name = strtok_r(buf, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
		const ProtobufCFieldDescriptor *f = protobuf_c_message_descriptor_get_field_by_name(d, name);
		size_t size;
		if (!f || strcmp(name, "id") == 0 || strcmp(name, "set_mask") == 0) {
			snprintf(err, errcap, "'%s' is not a queue setting", name);
			return HL_E_INVALID;
		}
		if (f->label == PROTOBUF_C_LABEL_REPEATED) {
			memcpy((char *)dst + f->quantifier_offset, (const char *)src + f->quantifier_offset,
			       sizeof(size_t));
			size = sizeof(void *);
		} else if (f->type == PROTOBUF_C_TYPE_STRING || f->type == PROTOBUF_C_TYPE_MESSAGE) {
			size = sizeof(void *);
		} else if (f->type == PROTOBUF_C_TYPE_BOOL) {
			size = sizeof(protobuf_c_boolean);
		} else {
			size = 4;  /* the queue's numbers are all 32-bit */
		}
		memcpy((char *)dst + f->offset, (const char *)src + f->offset, size);
	}
	return 0;
}

int hl_queue_set(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	const Hotline__QueueConf *src = rq->queue_set->queue;
	const Hotline__QueueConf *cur;
	Hotline__QueueConf *dst;
	uint8_t *buf;
	size_t len;
	char err[200];
	int rc;

	if (!src || !(cur = hl_router_queue(c->b, src->id)))
		return hl_call_fail(c, HL_E_NOTFOUND, "no queue '%s'; see 'queue list'",
				    src ? src->id : "");
	len = hotline__queue_conf__get_packed_size(cur);
	if (!(buf = hl_arena_alloc(c->arena, len + 1)))
		return HL_E_NOMEM;
	hotline__queue_conf__pack(cur, buf);
	if (!(dst = hotline__queue_conf__unpack(&c->arena->pb, len, buf)))
		return HL_E_NOMEM;
	if (merge(dst, src, src->set_mask, err, sizeof err) < 0)
		return hl_call_fail(c, HL_E_INVALID, "%s", err);
	dst->set_mask = "";
	if ((rc = hl_router_queue_apply(c->b, dst, 0, err, sizeof err)) < 0)
		return hl_call_fail(c, rc, "%s", err);
	hl_broker_audit(c->b, c->sess->user.name, "queue set", src->id, src->set_mask, "ok");
	return reply_queue(c, src->id, rp);
}

struct collect {
	hl_arena *a;
	Hotline__QueueConf **v;
	size_t n;
};

static void count_queue(const Hotline__QueueConf *q, void *arg)
{
	(void)q;
	((struct collect *)arg)->n++;
}

static void add_queue(const Hotline__QueueConf *q, void *arg)
{
	struct collect *c = arg;
	c->v[c->n++] = (Hotline__QueueConf *)q;
}

int hl_queue_list(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	struct collect col = {.a = c->arena};
	Hotline__QueueListReply *r = hl_arena_alloc(c->arena, sizeof *r);

	(void)rq;
	if (!r)
		return HL_E_NOMEM;
	hotline__queue_list_reply__init(r);
	hl_router_queue_each(c->b, count_queue, &col);
	col.v = hl_arena_alloc(c->arena, (col.n + 1) * sizeof *col.v);
	if (!col.v)
		return HL_E_NOMEM;
	col.n = 0;
	hl_router_queue_each(c->b, add_queue, &col);
	r->queues = col.v;
	r->n_queues = col.n;
	rp->body_case = HOTLINE__REPLY__BODY_QUEUES;
	rp->queues = r;
	return 0;
}

/* --- the module --- */

static const hl_request_desc requests[] = {
	{.body_case = HOTLINE__REQUEST__BODY_QUEUE_ADD, .name = "queue add",
	 .roles = HL_ROLES_ADMIN, .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_queue_add},
	{.body_case = HOTLINE__REQUEST__BODY_QUEUE_SET, .name = "queue set",
	 .roles = HL_ROLES_ADMIN, .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_queue_set},
	{.body_case = HOTLINE__REQUEST__BODY_QUEUE_LIST, .name = "queue list",
	 .roles = HL_ROLES_STAFF, .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = hl_queue_list},
};

const hl_module hl_mod_queue = {
	.name = "queue",
	.requests = requests,
	.n_requests = sizeof requests / sizeof requests[0],
};
