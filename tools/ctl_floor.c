/* hotline-ctl commands for those who run the floor: the agent grid and
 * the floor's alerts. */
#include "ctl.h"

#include <stdio.h>
#include <string.h>

#include "ctl_table.h"
#include "error.h"
#include "pbjson.h"

/* A duration as people read it on a floor: 42s, 7m05s, 2h03m. */
static void duration_cell(hl_ctl_table *t, int64_t ms)
{
	int64_t s = ms / 1000;

	if (s < 60)
		hl_ctl_table_add(t, "%llds", (long long)s);
	else if (s < 3600)
		hl_ctl_table_add(t, "%lldm%02lld", (long long)(s / 60), (long long)(s % 60));
	else
		hl_ctl_table_add(t, "%lldh%02lld", (long long)(s / 3600), (long long)(s / 60 % 60));
}

/* A figure with nothing to divide by (-1) is "-", never 0. */
static void figure_cell(hl_ctl_table *t, double v, const char *fmt)
{
	if (v < 0)
		hl_ctl_table_add(t, "-");
	else
		hl_ctl_table_add(t, fmt, v);
}

/* Prints every message of `v` as one JSON array on one line. */
static void print_array(ProtobufCMessage *const *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; a && i < n; i++)
		cJSON_AddItemToArray(a, hl_pbjson_from(v[i], 1));
	hl_ctl_print_json(a);
}

static int cmd_floor_agents(hl_ctl *x)
{
	static const char *const cols[] = {"AGENT", "TEAM", "STATE", ">IN STATE", ">CHATS",
					   ">HANDLED", ">AHT", ">CSAT"};
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__FloorAgents fa = HOTLINE__FLOOR_AGENTS__INIT;
	Hotline__Reply *rp;
	hl_ctl_table *t;
	int rc;

	fa.team = (char *)hl_ctl_opt_str(x, "team", "");
	rq.body_case = HOTLINE__REQUEST__BODY_FLOOR_AGENTS;
	rq.floor_agents = &fa;
	if ((rc = hl_ctl_connect(x)) || (rc = hl_ctl_call(x, &rq, &rp)))
		return rc;
	if (x->json) {
		print_array((ProtobufCMessage *const *)rp->floor_agents->agents,
			    rp->floor_agents->n_agents);
		hl_client_reply_free(rp);
		return 0;
	}
	t = hl_ctl_table_new(8, cols);
	hl_ctl_table_limit(t, 0, 16);
	hl_ctl_table_limit(t, 1, 12);
	for (size_t i = 0; i < rp->floor_agents->n_agents; i++) {
		const Hotline__FloorAgent *e = rp->floor_agents->agents[i];
		hl_ctl_table_add(t, "%s", e->name);
		hl_ctl_table_add(t, "%s", e->team[0] ? e->team : "-");
		if (e->reason[0])
			hl_ctl_table_add(t, "%s (%s)", e->state, e->reason);
		else
			hl_ctl_table_add(t, "%s", e->state);
		duration_cell(t, e->in_state_ms);
		hl_ctl_table_add(t, "%u/%u", e->active, e->capacity);
		hl_ctl_table_add(t, "%u", e->handled);
		figure_cell(t, e->aht_s, "%.0fs");
		figure_cell(t, e->csat_pct, "%.0f%%");
	}
	hl_ctl_table_print(t, stdout);
	hl_ctl_table_free(t);
	hl_client_reply_free(rp);
	return 0;
}

const hl_ctl_cmd hl_ctl_floor_cmds[] = {
	{"floor agents", "the agent grid: state, time in it, load, today's figures", NULL,
	 (const hl_ctl_opt[]){{"team", "T", "only team T's agents", 0, 0, 0},
			      {NULL, NULL, NULL, 0, 0, 0}},
	 "floor agents --team floor1", cmd_floor_agents},
	{NULL, NULL, NULL, NULL, NULL, NULL},
};
