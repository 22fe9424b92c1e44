/* hotline-ctl commands about the connection and the record: ping, events,
 * audit list. */
#include "ctl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
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
	const char *count = "4", *size = "0", *interval = "200";
	const hl_ctl_flag flags[] = {
		{"count", &count, NULL}, {"size", &size, NULL}, {"interval-ms", &interval, NULL},
		{NULL, NULL, NULL},
	};
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__Ping p = HOTLINE__PING__INIT;
	int n = 0, rc, received = 0, errors = 0;
	double *rtt, sum = 0;
	uint8_t *pad;

	if ((rc = hl_ctl_flags(x, 0, NULL, flags)))
		return rc;
	n = atoi(count);
	int bytes = atoi(size), gap = atoi(interval);
	if (n < 1 || n > 1000000 || bytes < 0 || bytes > 65536 || gap < 0)
		return hl_ctl_usage(x, "ping: --count 1..1000000, --size 0..65536, --interval-ms >= 0");
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
	const char *count = NULL, *wait = "25000", *until = NULL, *timeout = NULL;
	const hl_ctl_flag flags[] = {
		{"count", &count, NULL}, {"wait-ms", &wait, NULL}, {"until", &until, NULL},
		{"timeout-s", &timeout, NULL}, {NULL, NULL, NULL},
	};
	double deadline;
	long want = -1, got = 0;
	int seen_until = 0;
	uint64_t last = 0;
	int rc;

	if ((rc = hl_ctl_flags(x, 0, NULL, flags)))
		return rc;
	if (count && (want = atol(count)) < 1)
		return hl_ctl_usage(x, "events: --count must be at least 1");
	/* --until waits a minute at most unless told otherwise. */
	deadline = timeout ? now_ms() + atof(timeout) * 1000 : until ? now_ms() + 60000 : -1;
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
		int n = hl_client_poll(x->client, atoi(wait), &rp, &resync);
		if (n < 0) {
			hl_ctl_err("event stream failed: %s", hl_client_error(x->client));
			return hl_ctl_exit_code(n);
		}
		for (int i = 0; i < n && (want < 0 || got < want) && !seen_until; i++, got++) {
			cJSON *j = hl_pbjson_from(&rp->poll->events[i]->base, 0);
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
	const char *limit = "100";
	int verify = 0, rc;
	const hl_ctl_flag flags[] = {
		{"limit", &limit, NULL}, {"verify", NULL, &verify}, {NULL, NULL, NULL},
	};
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__AuditList al = HOTLINE__AUDIT_LIST__INIT;
	Hotline__Reply *rp;
	Hotline__AuditListReply *r;

	if ((rc = hl_ctl_flags(x, 0, NULL, flags)))
		return rc;
	al.limit = (uint32_t)atoi(limit);
	al.verify = verify != 0;
	rq.body_case = HOTLINE__REQUEST__BODY_AUDIT_LIST;
	rq.audit_list = &al;
	if ((rc = hl_ctl_connect(x)) || (rc = hl_ctl_call(x, &rq, &rp)))
		return rc;
	r = rp->audit;
	if (x->json) {
		hl_ctl_print_msg(&r->base);
	} else {
		for (size_t i = 0; i < r->n_entries; i++) {
			const Hotline__AuditEntry *e = r->entries[i];
			time_t t = (time_t)(e->time_ms / 1000);
			char when[32];
			strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", localtime(&t));
			printf("%6llu %s %-16s %-14s %-16s %-8s %s\n", (unsigned long long)e->id, when,
			       e->actor, e->action, e->target, e->result, e->detail);
		}
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

const hl_ctl_cmd hl_ctl_misc_cmds[] = {
	{"ping", "[--count N] [--size BYTES] [--interval-ms M]", "round trips through the broker",
	 cmd_ping},
	{"events", "[--count N] [--wait-ms M] [--until KIND] [--timeout-s S]",
	 "follow the session's events, one JSON a line",
	 cmd_events},
	{"audit list", "[--limit N] [--verify]", "show (and verify) the audit log",
	 cmd_audit_list},
	{NULL, NULL, NULL, NULL},
};
