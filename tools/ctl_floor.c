/* hotline-ctl commands for those who run the floor: the agent grid and
 * the floor's alerts. */
#include "ctl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

static const char *const alert_cols[] = {">ID", "KIND", "OPENED", ">FOR", "ACK", "ALERT"};

/* One alert as a row: how long it has been open (or was), who acked it. */
static void alert_row(hl_ctl_table *t, const Hotline__Alert *a, int64_t now_ms)
{
	char opened[16];
	time_t s = (time_t)(a->opened_ms / 1000);
	struct tm tm;

	localtime_r(&s, &tm);
	strftime(opened, sizeof opened, "%H:%M:%S", &tm);
	hl_ctl_table_add(t, "%llu", (unsigned long long)a->id);
	hl_ctl_table_add(t, "%s", a->kind);
	hl_ctl_table_add(t, "%s", opened);
	duration_cell(t, (a->closed_ms ? a->closed_ms : now_ms) - a->opened_ms);
	hl_ctl_table_add(t, "%s", a->acked_by[0] ? a->acked_by : "-");
	hl_ctl_table_add(t, "%s%s", a->text, a->closed_ms ? " (closed)" : "");
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int cmd_floor_alerts(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__FloorAlerts fa = HOTLINE__FLOOR_ALERTS__INIT;
	Hotline__Reply *rp;
	hl_ctl_table *t;
	int rc;

	fa.closed = hl_ctl_has(x, "closed");
	rq.body_case = HOTLINE__REQUEST__BODY_FLOOR_ALERTS;
	rq.floor_alerts = &fa;
	if ((rc = hl_ctl_connect(x)) || (rc = hl_ctl_call(x, &rq, &rp)))
		return rc;
	if (x->json) {
		print_array((ProtobufCMessage *const *)rp->alerts->alerts, rp->alerts->n_alerts);
		hl_client_reply_free(rp);
		return 0;
	}
	if (!rp->alerts->n_alerts) {
		printf(fa.closed ? "no alerts today\n" : "no open alerts\n");
		hl_client_reply_free(rp);
		return 0;
	}
	t = hl_ctl_table_new(6, alert_cols);
	hl_ctl_table_fit(t, 80, 5);
	for (size_t i = 0; i < rp->alerts->n_alerts; i++)
		alert_row(t, rp->alerts->alerts[i], now_ms());
	hl_ctl_table_print(t, stdout);
	hl_ctl_table_free(t);
	hl_client_reply_free(rp);
	return 0;
}

static int cmd_floor_alert_ack(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__FloorAlertAck ack = HOTLINE__FLOOR_ALERT_ACK__INIT;
	Hotline__Reply *rp;
	hl_ctl_table *t;
	char *end;
	unsigned long long id;
	int rc;

	errno = 0;
	id = strtoull(x->pos[0], &end, 10);
	if (x->pos[0][0] < '1' || x->pos[0][0] > '9' || *end || errno)
		return hl_ctl_usage(x, "ID is an alert's number as floor alerts shows it, not '%s'",
				    x->pos[0]);
	ack.id = id;
	rq.body_case = HOTLINE__REQUEST__BODY_FLOOR_ALERT_ACK;
	rq.floor_alert_ack = &ack;
	if ((rc = hl_ctl_connect(x)) || (rc = hl_ctl_call(x, &rq, &rp)))
		return rc;
	if (x->json) {
		hl_ctl_print_json(hl_pbjson_from(&rp->alert->base, 1));
	} else {
		t = hl_ctl_table_new(6, alert_cols);
		alert_row(t, rp->alert, now_ms());
		hl_ctl_table_print(t, stdout);
		hl_ctl_table_free(t);
	}
	hl_client_reply_free(rp);
	return 0;
}

const hl_ctl_cmd hl_ctl_floor_cmds[] = {
	{"floor agents", "the agent grid: state, time in it, load, today's figures", NULL,
	 (const hl_ctl_opt[]){{"team", "T", "only team T's agents", 0, 0, 0},
			      {NULL, NULL, NULL, 0, 0, 0}},
	 "floor agents --team floor1", cmd_floor_agents},
	{"floor alerts", "open alerts on the floor; a team lead sees their own team's", NULL,
	 (const hl_ctl_opt[]){{"closed", NULL, "today's closed alerts too", 0, 0, 0},
			      {NULL, NULL, NULL, 0, 0, 0}},
	 "floor alerts", cmd_floor_alerts},
	{"floor alerts ack", "acknowledge an open alert (recorded in the audit log)",
	 (const hl_ctl_arg[]){{"ID", "the alert's number, as floor alerts shows it", 0},
			      {NULL, NULL, 0}},
	 NULL, "floor alerts ack 12", cmd_floor_alert_ack},
	{NULL, NULL, NULL, NULL, NULL, NULL},
};
