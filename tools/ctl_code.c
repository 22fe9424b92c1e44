/* hotline-ctl commands for the configured codes: the Not Ready reasons and
 * wrap-up codes agents choose from (code add, code list, code remove). */
#include "ctl.h"

#include <stdio.h>
#include <string.h>

#include "error.h"
#include "pbjson.h"

/* People write "not-ready" and "wrap-up"; the wire says not_ready, wrap_up. */
static const struct {
	const char *word, *kind;
} kinds[] = {
	{"not-ready", "not_ready"}, {"not_ready", "not_ready"},
	{"wrap-up", "wrap_up"},     {"wrap_up", "wrap_up"},
};

static const char *kind_of(const char *word)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].word, word) == 0)
			return kinds[i].kind;
	hl_ctl_err("unknown kind of code '%s'; use not-ready or wrap-up", word);
	return NULL;
}

static void print_code(const Hotline__ReasonCode *c)
{
	/* The Chinese label last: its width does not shift the columns. */
	printf("%-10s %-16s %-24s %s\n", strcmp(c->kind, "not_ready") == 0 ? "not-ready" : "wrap-up",
	       c->id, c->label_en, c->label_zh[0] ? c->label_zh : "-");
}

static int cmd_code_add(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__CodeAdd ca = HOTLINE__CODE_ADD__INIT;
	Hotline__ReasonCode code = HOTLINE__REASON_CODE__INIT;
	const char *pos[2] = {NULL, NULL}, *en = NULL, *zh = "";
	const hl_ctl_flag flags[] = {
		{"label-en", &en, NULL}, {"label-zh", &zh, NULL}, {NULL, NULL, NULL},
	};
	Hotline__Reply *rp;
	int rc;

	if ((rc = hl_ctl_flags(x, 2, pos, flags)))
		return rc;
	if (!en)
		return hl_ctl_usage(x, "code add needs --label-en (and may have --label-zh)");
	if (!(code.kind = (char *)kind_of(pos[0])))
		return HL_EXIT_USAGE;
	code.id = (char *)pos[1];
	code.label_en = (char *)en;
	code.label_zh = (char *)zh;
	ca.code = &code;
	rq.body_case = HOTLINE__REQUEST__BODY_CODE_ADD;
	rq.code_add = &ca;
	if ((rc = hl_ctl_connect(x)) || (rc = hl_ctl_call(x, &rq, &rp)))
		return rc;
	if (x->json)
		hl_ctl_print_msg(&rp->code->base);
	else
		print_code(rp->code);
	hl_client_reply_free(rp);
	return 0;
}

static int cmd_code_list(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__CodeList cl = HOTLINE__CODE_LIST__INIT;
	const char *pos[1] = {NULL};
	Hotline__Reply *rp;
	int rc;

	if (x->argc > 1)
		return hl_ctl_usage(x, "code list takes at most a kind: not-ready or wrap-up");
	if (x->argc == 1) {
		if ((rc = hl_ctl_flags(x, 1, pos, NULL)))
			return rc;
		if (!(cl.kind = (char *)kind_of(pos[0])))
			return HL_EXIT_USAGE;
	}
	rq.body_case = HOTLINE__REQUEST__BODY_CODE_LIST;
	rq.code_list = &cl;
	if ((rc = hl_ctl_connect(x)) || (rc = hl_ctl_call(x, &rq, &rp)))
		return rc;
	if (x->json) {
		for (size_t i = 0; i < rp->codes->n_codes; i++)
			hl_ctl_print_msg(&rp->codes->codes[i]->base);
	} else {
		printf("%-10s %-16s %-24s %s\n", "KIND", "CODE", "LABEL (EN)", "LABEL (ZH)");
		for (size_t i = 0; i < rp->codes->n_codes; i++)
			print_code(rp->codes->codes[i]);
	}
	hl_client_reply_free(rp);
	return 0;
}

static int cmd_code_remove(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__CodeRemove cr = HOTLINE__CODE_REMOVE__INIT;
	const char *pos[2] = {NULL, NULL};
	Hotline__Reply *rp;
	int rc;

	if ((rc = hl_ctl_flags(x, 2, pos, NULL)))
		return rc;
	if (!(cr.kind = (char *)kind_of(pos[0])))
		return HL_EXIT_USAGE;
	cr.id = (char *)pos[1];
	rq.body_case = HOTLINE__REQUEST__BODY_CODE_REMOVE;
	rq.code_remove = &cr;
	if ((rc = hl_ctl_connect(x)) || (rc = hl_ctl_call(x, &rq, &rp)))
		return rc;
	if (x->json) {
		cJSON *j = cJSON_CreateObject();
		cJSON_AddStringToObject(j, "removed", pos[1]);
		cJSON_AddStringToObject(j, "kind", cr.kind);
		hl_ctl_print_json(j);
	} else {
		printf("removed %s %s\n", pos[0], pos[1]);
	}
	hl_client_reply_free(rp);
	return 0;
}

const hl_ctl_cmd hl_ctl_code_cmds[] = {
	{"code add", "not-ready|wrap-up ID --label-en L [--label-zh L]",
	 "add a Not Ready reason or a wrap-up code", cmd_code_add},
	{"code list", "[not-ready|wrap-up]", "the configured codes", cmd_code_list},
	{"code remove", "not-ready|wrap-up ID", "remove a code", cmd_code_remove},
	{NULL, NULL, NULL, NULL},
};
