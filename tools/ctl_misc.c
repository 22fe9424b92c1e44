/* hotline-ctl commands about the connection and the record: ping, events,
 * audit list. */
#include "ctl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "ctl_table.h"
#include "pbjson.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The value at quantile q of n sorted samples (nearest rank). */
static double quantile(const double *v, int n, double q)
{
	int i = (int)ceil(q * n) - 1;
	return v[i < 0 ? 0 : (i >= n ? n - 1 : i)];
}

static int cmd_ping(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__Ping p = HOTLINE__PING__INIT;
	int n = (int)hl_ctl_opt_num(x, "count", 4), rc, received = 0, errors = 0;
	int bytes = (int)hl_ctl_opt_num(x, "size", 0), gap = (int)hl_ctl_opt_num(x, "interval-ms", 200);
	double *rtt, sum = 0;
	uint8_t *pad;

	if ((rc = hl_ctl_connect(x)))
		return rc;
	rtt = calloc((size_t)n, sizeof *rtt);
	pad = calloc(1, (size_t)bytes + 1);
	if (!rtt || !pad) {
		free(rtt);
		free(pad);
		return HL_EXIT_ERROR;
	}
	p.pad.data = pad;
	p.pad.len = (size_t)bytes;
	rq.body_case = HOTLINE__REQUEST__BODY_PING;
	rq.ping = &p;
	for (int i = 0; i < n; i++) {
		Hotline__Reply *rp;
		double t0 = now_ms();
		rc = hl_client_call(x->client, &rq, &rp);
		double dt = now_ms() - t0;
		if (rc == 0 && rp->body_case == HOTLINE__REPLY__BODY_PING &&
		    rp->ping->pad.len == (size_t)bytes) {
			rtt[received++] = dt;
			sum += dt;
			if (!x->json)
				printf("reply %d: %.3f ms%s\n", i + 1, dt,
				       hl_client_reconnects(x->client) ? " (after reconnect)" : "");
		} else {
			errors++;
			hl_ctl_err("ping %d failed: %s", i + 1, hl_client_error(x->client));
		}
		hl_client_reply_free(rp);
		fflush(stdout);
		if (gap && i + 1 < n) {
			struct timespec ts = {gap / 1000, (long)(gap % 1000) * 1000000};
			nanosleep(&ts, NULL);
		}
	}
	qsort(rtt, (size_t)received, sizeof *rtt, cmp_double);
	if (x->json) {
		cJSON *j = cJSON_CreateObject();
		cJSON_AddNumberToObject(j, "sent", n);
		cJSON_AddNumberToObject(j, "received", received);
		cJSON_AddNumberToObject(j, "reconnects", hl_client_reconnects(x->client));
		if (received) {
			cJSON_AddNumberToObject(j, "min_ms", rtt[0]);
			cJSON_AddNumberToObject(j, "avg_ms", sum / received);
			cJSON_AddNumberToObject(j, "p50_ms", quantile(rtt, received, 0.5));
			cJSON_AddNumberToObject(j, "p99_ms", quantile(rtt, received, 0.99));
			cJSON_AddNumberToObject(j, "max_ms", rtt[received - 1]);
		}
		hl_ctl_print_json(j);
	} else if (received) {
		printf("%d sent, %d received, %u reconnect(s); round trip min/avg/p50/p99/max = "
		       "%.3f/%.3f/%.3f/%.3f/%.3f ms\n", n, received, hl_client_reconnects(x->client),
		       rtt[0], sum / received, quantile(rtt, received, 0.5),
		       quantile(rtt, received, 0.99), rtt[received - 1]);
	}
	free(rtt);
	free(pad);
	return errors ? HL_EXIT_ERROR : 0;
}

static int cmd_events(hl_ctl *x)
{
	const char *until = hl_ctl_opt_str(x, "until", NULL);
	long want = hl_ctl_opt_num(x, "count", -1), got = 0;
	int wait = (int)hl_ctl_opt_num(x, "wait-ms", 25000);
	const char *ts = hl_ctl_opt_str(x, "timeout-s", NULL);
	double deadline, timeout = -1;
	char *end;
	int seen_until = 0;
	uint64_t last = 0;
	int rc;

	if (ts && (!ts[0] || (timeout = strtod(ts, &end)) < 0 || *end || timeout > 86400))
		return hl_ctl_usage(x, "--timeout-s wants seconds from 0 to 86400, e.g. 30 or 2.5, "
				    "not '%s'", ts);
	/* --until waits a minute at most unless told otherwise. */
	deadline = timeout >= 0 ? now_ms() + timeout * 1000 : until ? now_ms() + 60000 : -1;
	if ((rc = hl_ctl_connect(x)))
		return rc;
	/* Each event is one JSON object a line, as it arrives, so a script can
	 * follow the stream with a line reader. */
	while ((want < 0 || got < want) && !seen_until) {
		if (deadline > 0 && now_ms() >= deadline) {
			if (until)
				hl_ctl_err("no %s event within the time allowed", until);
			return until ? HL_EXIT_ERROR : 0;
		}
		Hotline__Reply *rp;
		int resync;
		int n = hl_client_poll(x->client, wait, &rp, &resync);
		if (n < 0) {
			hl_ctl_err("event stream failed: %s", hl_client_error(x->client));
			return hl_ctl_exit_code(n);
		}
		for (int i = 0; i < n && (want < 0 || got < want) && !seen_until; i++, got++) {
			cJSON *j = hl_pbjson_from(&rp->poll->events[i]->base, 0);
			if (rp->poll->events[i]->seq)  /* 0: volatile, not counted */
				last = rp->poll->events[i]->seq;
			if (resync && i == 0)
				cJSON_AddBoolToObject(j, "resync", 1);
			/* --until KIND stops after the first event of that kind. */
			if (until && cJSON_GetObjectItemCaseSensitive(j, until))
				seen_until = 1;
			hl_ctl_print_json(j);
		}
		hl_client_reply_free(rp);
	}
	/* Events of the last batch that were not printed stay for the next
	 * `events` of the same --session. */
	if (last)
		hl_client_set_last_seq(x->client, last);
	return 0;
}

static int cmd_audit_list(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__AuditList al = HOTLINE__AUDIT_LIST__INIT;
	Hotline__Reply *rp;
	Hotline__AuditListReply *r;
	int rc;

	al.limit = (uint32_t)hl_ctl_opt_num(x, "limit", 100);
	al.verify = hl_ctl_has(x, "verify");
	rq.body_case = HOTLINE__REQUEST__BODY_AUDIT_LIST;
	rq.audit_list = &al;
	if ((rc = hl_ctl_connect(x)) || (rc = hl_ctl_call(x, &rq, &rp)))
		return rc;
	r = rp->audit;
	if (x->json) {
		hl_ctl_print_msg(&r->base);
	} else {
		static const char *const cols[] = {">ID", "TIME", "ACTOR", "ACTION", "TARGET",
						   "RESULT", "DETAIL"};
		hl_ctl_table *t = hl_ctl_table_new(7, cols);
		for (size_t i = 0; i < r->n_entries; i++) {
			const Hotline__AuditEntry *e = r->entries[i];
			time_t when = (time_t)(e->time_ms / 1000);
			char ts[32];
			strftime(ts, sizeof ts, "%Y-%m-%d %H:%M:%S", localtime(&when));
			hl_ctl_table_add(t, "%llu", (unsigned long long)e->id);
			hl_ctl_table_add(t, "%s", ts);
			hl_ctl_table_add(t, "%s", e->actor);
			hl_ctl_table_add(t, "%s", e->action);
			hl_ctl_table_add(t, "%s", e->target);
			hl_ctl_table_add(t, "%s", e->result);
			hl_ctl_table_add(t, "%s", e->detail);
		}
		if (r->n_entries)
			hl_ctl_table_print(t, stdout);
		hl_ctl_table_free(t);
		if (r->verified && r->intact)
			printf("audit chain intact: %llu entries verified\n",
			       (unsigned long long)r->total);
	}
	if (r->verified && !r->intact) {
		hl_ctl_err("AUDIT CHAIN BROKEN at entry %llu: %s. The log was changed behind the "
			   "broker's back; keep a copy of the state directory and investigate",
			   (unsigned long long)r->first_bad_id, r->problem);
		rc = HL_EXIT_ERROR;
	}
	hl_client_reply_free(rp);
	return rc;
}

/* help [COMMAND...]: the list, a command's page, or a group's commands. */
static int cmd_help(hl_ctl *x)
{
	char words[128] = "";
	const hl_ctl_cmd *found = NULL;

	for (int i = 0; i < x->npos; i++)
		snprintf(words + strlen(words), sizeof words - strlen(words), "%s%s", i ? " " : "",
			 x->pos[i]);
	if (!x->npos) {
		hl_ctl_help_all(stdout);
		return 0;
	}
	found = hl_ctl_find(words);
	if (found) {
		hl_ctl_help_cmd(stdout, found);
		return 0;
	}
	if (hl_ctl_help_group(stdout, words))
		return 0;
	return hl_ctl_usage(x, "no command '%s'", words);
}

const hl_ctl_cmd hl_ctl_misc_cmds[] = {
	{"help", "show the commands, or what one command takes",
	 (const hl_ctl_arg[]){{"COMMAND", "a command's words, e.g. user add", 2}, {NULL, NULL, 0}},
	 NULL, "help user add", cmd_help},
	{"ping", "time round trips through the broker", NULL,
	 (const hl_ctl_opt[]){
		 {"count", "N", "how many round trips (default 4)", 0, 1, 1000000},
		 {"size", "BYTES", "padding carried each way (default 0)", 0, 0, 65536},
		 {"interval-ms", "MS", "pause between round trips (default 200)", 0, 0, 3600000},
		 {NULL, NULL, NULL, 0, 0, 0}},
	 "ping --count 10 --interval-ms 0", cmd_ping},
	{"events", "follow this session's events, one JSON object a line", NULL,
	 (const hl_ctl_opt[]){
		 {"count", "N", "stop after N events", 0, 1, 1000000000},
		 {"wait-ms", "MS", "the long-poll wait asked of the broker (default 25000)", 0, 0,
		  600000},
		 {"until", "KIND", "stop after the first event of this kind (offer, line, ...)", 0, 0, 0},
		 {"timeout-s", "S", "give up after S seconds, e.g. 30 or 2.5 (default 60 with "
		  "--until)", 0, 0, 0},
		 {NULL, NULL, NULL, 0, 0, 0}},
	 "--session s.ses events --until offer --timeout-s 30", cmd_events},
	{"audit list", "show the newest audit entries, and verify the chain", NULL,
	 (const hl_ctl_opt[]){
		 {"limit", "N", "how many of the newest entries (default 100, at most 2000)", 0, 1,
		  2000},
		 {"verify", NULL, "check the whole chain; exit 1 if it is broken", 0, 0, 0},
		 {NULL, NULL, NULL, 0, 0, 0}},
	 "audit list --limit 20 --verify", cmd_audit_list},
	{NULL, NULL, NULL, NULL, NULL, NULL},
};
