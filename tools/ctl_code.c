/* hotline-ctl commands for the configured codes: the Not Ready reasons and
 * wrap-up codes agents choose from (code add, code list, code remove). */
#include "ctl.h"

#include <stdio.h>
#include <string.h>

#include "ctl_table.h"
#include "error.h"
#include "pbjson.h"

/* People write "not-ready" and "wrap-up"; the wire says not_ready, wrap_up. */
static const struct {
	const char *word, *kind;
} kinds[] = {
	{"not-ready", "not_ready"}, {"not_ready", "not_ready"},
	{"wrap-up", "wrap_up"},     {"wrap_up", "wrap_up"},
};

static const char *kind_of(hl_ctl *x, const char *word)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].word, word) == 0)
			return kinds[i].kind;
	hl_ctl_usage(x, "unknown kind of code '%s'; use not-ready or wrap-up", word);
	return NULL;
}

static const char *const code_cols[] = {"KIND", "CODE", "LABEL (EN)", "LABEL (ZH)"};

static void code_row(hl_ctl_table *t, const Hotline__ReasonCode *c)
{
	hl_ctl_table_add(t, "%s", strcmp(c->kind, "not_ready") == 0 ? "not-ready" : "wrap-up");
	hl_ctl_table_add(t, "%s", c->id);
	hl_ctl_table_add(t, "%s", c->label_en);
	hl_ctl_table_add(t, "%s", c->label_zh[0] ? c->label_zh : "-");
}

static int cmd_code_add(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__CodeAdd ca = HOTLINE__CODE_ADD__INIT;
	Hotline__ReasonCode code = HOTLINE__REASON_CODE__INIT;
	Hotline__Reply *rp;
	int rc;

	if (!(code.kind = (char *)kind_of(x, x->pos[0])))
		return HL_EXIT_USAGE;
	code.id = (char *)x->pos[1];
	code.label_en = (char *)hl_ctl_opt_str(x, "label-en", "");
	code.label_zh = (char *)hl_ctl_opt_str(x, "label-zh", "");
	ca.code = &code;
	rq.body_case = HOTLINE__REQUEST__BODY_CODE_ADD;
	rq.code_add = &ca;
	if ((rc = hl_ctl_connect(x)) || (rc = hl_ctl_call(x, &rq, &rp)))
		return rc;
	if (x->json) {
		hl_ctl_print_msg(&rp->code->base);
	} else {
		hl_ctl_table *t = hl_ctl_table_new(4, code_cols);
		code_row(t, rp->code);
		hl_ctl_table_print(t, stdout);
		hl_ctl_table_free(t);
	}
	hl_client_reply_free(rp);
	return 0;
}

static int cmd_code_list(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__CodeList cl = HOTLINE__CODE_LIST__INIT;
	Hotline__Reply *rp;
	int rc;

	if (x->npos && !(cl.kind = (char *)kind_of(x, x->pos[0])))
		return HL_EXIT_USAGE;
	rq.body_case = HOTLINE__REQUEST__BODY_CODE_LIST;
	rq.code_list = &cl;
	if ((rc = hl_ctl_connect(x)) || (rc = hl_ctl_call(x, &rq, &rp)))
		return rc;
	if (x->json) {
		for (size_t i = 0; i < rp->codes->n_codes; i++)
			hl_ctl_print_msg(&rp->codes->codes[i]->base);
	} else {
		hl_ctl_table *t = hl_ctl_table_new(4, code_cols);
		for (size_t i = 0; i < rp->codes->n_codes; i++)
			code_row(t, rp->codes->codes[i]);
		hl_ctl_table_print(t, stdout);
		hl_ctl_table_free(t);
	}
	hl_client_reply_free(rp);
	return 0;
}

static int cmd_code_remove(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__CodeRemove cr = HOTLINE__CODE_REMOVE__INIT;
	const char *pos[2] = {x->pos[0], x->pos[1]};
	Hotline__Reply *rp;
	int rc;

	if (!(cr.kind = (char *)kind_of(x, pos[0])))
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

static const hl_ctl_arg kind_id[] = {
	{"KIND", "not-ready (a Not Ready reason) or wrap-up (a wrap-up code)", 0},
	{"ID", "what is sent and stored, e.g. lunch or resolved", 0},
	{NULL, NULL, 0},
};

const hl_ctl_cmd hl_ctl_code_cmds[] = {
	{"code add", "add a Not Ready reason or a wrap-up code", kind_id,
	 (const hl_ctl_opt[]){
		 {"label-en", "L", "what English readers see", HL_CTL_REQUIRED, 0, 0},
		 {"label-zh", "L", "what Chinese readers see", 0, 0, 0},
		 {NULL, NULL, NULL, 0, 0, 0}},
	 "code add not-ready lunch --label-en Lunch --label-zh 午餐", cmd_code_add},
	{"code list", "the configured codes",
	 (const hl_ctl_arg[]){{"KIND", "not-ready or wrap-up (default: both)", 1},
			      {NULL, NULL, 0}},
	 NULL, "code list wrap-up", cmd_code_list},
	{"code remove", "remove a code", kind_id, NULL, "code remove not-ready lunch",
	 cmd_code_remove},
	{NULL, NULL, NULL, NULL, NULL, NULL},
};
