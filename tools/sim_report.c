/* hotline-sim run's checks and what it tells: counts each line sent and
 * delivered, warns, shows progress, and prints the final figures. */
#include "sim_report.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "sim_cust.h"
#include "sim_sched.h"

void hl_sim_report_warn(const char *fmt, ...)
{
	va_list ap;

	fputs("hotline-sim: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* ---- the checks ---- */

void hl_sim_report_sent(hl_sim_run *S, hl_sim_seq *s, uint32_t seq)
{
	if (hl_sim_seq_sent(s, seq) == 0)
		S->sent++;
	S->last_activity = hl_sim_sched_now(S);
}

void hl_sim_report_delivered(hl_sim_run *S, int dir, hl_sim_seq *s, const hl_sim_tag *t)
{
	int r = hl_sim_seq_delivered(s, t->seq);

	if (r == HL_SIM_NEW || r == HL_SIM_LATE) {
		S->delivered++;
		hl_sim_lat_add(&S->lat[dir],
			       (double)(hl_sim_sched_now(S) - (int64_t)t->t_us) / 1000.0);
	}
	if (r != HL_SIM_NEW && ++S->check_warnings <= 20)
		hl_sim_report_warn("c%" PRIu32 " %s #%" PRIu32 " delivered %s", t->conv,
				   dir == HL_SIM_C2A ? "c>a" : "a>c", t->seq,
				   r == HL_SIM_DUP ? "again (duplicate)"
				   : r == HL_SIM_LATE ? "out of order" : "but never sent");
}

/* ---- progress and the figures ---- */

void hl_sim_report_progress(hl_sim_run *S, int64_t now)
{
	size_t queued, chatting;

	hl_sim_cust_count(S, &queued, &chatting);
	fprintf(stderr,
		"hotline-sim: %4" PRId64 " s  customers %" PRIu64 " (%zu queued, %zu in chat), "
		"answered %" PRIu64 ", abandoned %" PRIu64 "; lines %" PRIu64 " sent, %" PRIu64
		" delivered\n",
		(now - S->t_start) / 1000000, S->n.arrived, queued, chatting, S->n.answered,
		S->n.abandoned, S->sent, S->delivered);
}

void hl_sim_report_freeze(hl_sim_run *S)
{
	memset(S->final_t, 0, sizeof S->final_t);
	hl_sim_cust_tally(S, S->final_t);
	S->final_n = S->n;
	S->final_n.never_connected += hl_sim_cust_never_up(S);
}

static cJSON *dir_json(hl_sim_run *S, int d)
{
	hl_sim_tally *t = &S->final_t[d];
	cJSON *j = cJSON_CreateObject();

	cJSON_AddNumberToObject(j, "sent", (double)t->sent);
	cJSON_AddNumberToObject(j, "acked", (double)t->acked);
	cJSON_AddNumberToObject(j, "delivered", (double)t->delivered);
	cJSON_AddNumberToObject(j, "lost", (double)t->lost);
	cJSON_AddNumberToObject(j, "unconfirmed", (double)t->unconfirmed);
	cJSON_AddNumberToObject(j, "duplicated", (double)t->duplicated);
	cJSON_AddNumberToObject(j, "out_of_order", (double)t->out_of_order);
	cJSON_AddNumberToObject(j, "unexpected", (double)t->unexpected);
	cJSON_AddNumberToObject(j, "latency_p50_ms", hl_sim_lat_quantile(&S->lat[d], 0.5));
	cJSON_AddNumberToObject(j, "latency_p99_ms", hl_sim_lat_quantile(&S->lat[d], 0.99));
	return j;
}

static void print_json(hl_sim_run *S, const hl_sim_tally *sum, double secs, int bad)
{
	hl_sim_counts *n = &S->final_n;
	cJSON *j = cJSON_CreateObject();

	cJSON_AddNumberToObject(j, "duration_s", S->o.duration_s);
	cJSON_AddNumberToObject(j, "agents", S->o.agents);
	cJSON_AddNumberToObject(j, "customers_per_minute", S->o.per_min);
	cJSON_AddNumberToObject(j, "seed", (double)S->o.seed);
	cJSON_AddNumberToObject(j, "arrived", (double)n->arrived);
	cJSON_AddNumberToObject(j, "offered", (double)n->offered);
	cJSON_AddNumberToObject(j, "answered", (double)n->answered);
	cJSON_AddNumberToObject(j, "abandoned", (double)n->abandoned);
	cJSON_AddNumberToObject(j, "closed", (double)n->closed);
	cJSON_AddNumberToObject(j, "rejected", (double)n->rejected);
	cJSON_AddNumberToObject(j, "never_connected", (double)n->never_connected);
	cJSON_AddNumberToObject(j, "sent", (double)sum->sent);
	cJSON_AddNumberToObject(j, "acked", (double)sum->acked);
	cJSON_AddNumberToObject(j, "delivered", (double)sum->delivered);
	cJSON_AddNumberToObject(j, "lost", (double)sum->lost);
	cJSON_AddNumberToObject(j, "unconfirmed", (double)sum->unconfirmed);
	cJSON_AddNumberToObject(j, "duplicated", (double)sum->duplicated);
	cJSON_AddNumberToObject(j, "out_of_order", (double)sum->out_of_order);
	cJSON_AddNumberToObject(j, "unexpected", (double)sum->unexpected);
	cJSON_AddNumberToObject(j, "misdelivered", (double)n->misdelivered);
	cJSON_AddNumberToObject(j, "messages_per_s", (double)sum->sent / secs);
	cJSON_AddItemToObject(j, "customer_to_agent", dir_json(S, HL_SIM_C2A));
	cJSON_AddItemToObject(j, "agent_to_customer", dir_json(S, HL_SIM_A2C));
	cJSON_AddNumberToObject(j, "ws_reconnects", (double)n->ws_reconnects);
	cJSON_AddNumberToObject(j, "agent_reconnects", S->agent_reconnects);
	cJSON_AddNumberToObject(j, "ws_errors", (double)n->ws_errors);
	cJSON_AddNumberToObject(j, "agent_errors", (double)n->agent_errors);
	cJSON_AddBoolToObject(j, "ok", !bad);
	char *s = cJSON_PrintUnformatted(j);
	if (s)
		puts(s);
	free(s);
	cJSON_Delete(j);
}

static void print_text(hl_sim_run *S, const hl_sim_tally *sum, double secs, int bad)
{
	hl_sim_counts *n = &S->final_n;

	printf("hotline-sim run: %d s, %d agents, %g customers/min, seed %" PRIu64 "\n",
	       S->o.duration_s, S->o.agents, S->o.per_min, S->o.seed);
	printf("customers   %" PRIu64 " arrived, %" PRIu64 " offered, %" PRIu64
	       " answered, %" PRIu64 " abandoned, %" PRIu64 " closed or rejected, %" PRIu64
	       " never connected\n",
	       n->arrived, n->offered, n->answered, n->abandoned, n->closed + n->rejected,
	       n->never_connected);
	printf("messages    %" PRIu64 " sent (%.1f/s), %" PRIu64 " acknowledged, %" PRIu64
	       " delivered, %" PRIu64 " lost, %" PRIu64 " duplicated, %" PRIu64
	       " out of order, %" PRIu64 " unconfirmed, %" PRIu64 " misdelivered\n",
	       sum->sent, (double)sum->sent / secs, sum->acked, sum->delivered, sum->lost,
	       sum->duplicated, sum->out_of_order, sum->unconfirmed,
	       n->misdelivered + sum->unexpected);
	for (int d = 0; d < 2; d++) {
		hl_sim_tally *t = &S->final_t[d];
		printf("%-11s %" PRIu64 " sent, %" PRIu64 " delivered, %" PRIu64 " lost, %" PRIu64
		       " dup, %" PRIu64 " out of order; latency p50 %.2f ms, p99 %.2f ms\n",
		       d == HL_SIM_C2A ? "cust>agent" : "agent>cust", t->sent, t->delivered,
		       t->lost, t->duplicated, t->out_of_order,
		       hl_sim_lat_quantile(&S->lat[d], 0.5),
		       hl_sim_lat_quantile(&S->lat[d], 0.99));
	}
	printf("reconnects  %" PRIu64 " web, %u agent; errors %" PRIu64 " web, %" PRIu64
	       " agent\n", n->ws_reconnects, S->agent_reconnects, n->ws_errors, n->agent_errors);
	printf("result      %s\n", bad ? "FAIL: lines were lost, duplicated or reordered"
				       : "ok");
}

int hl_sim_report_print(hl_sim_run *S)
{
	hl_sim_tally sum = {0};
	double secs = S->o.duration_s > 0 ? S->o.duration_s : 1;
	int bad;

	for (int d = 0; d < 2; d++) {
		hl_sim_tally *t = &S->final_t[d];
		sum.sent += t->sent;
		sum.acked += t->acked;
		sum.delivered += t->delivered;
		sum.lost += t->lost;
		sum.unconfirmed += t->unconfirmed;
		sum.duplicated += t->duplicated;
		sum.out_of_order += t->out_of_order;
		sum.unexpected += t->unexpected;
	}
	bad = sum.lost || sum.duplicated || sum.out_of_order || sum.unexpected ||
	      S->final_n.misdelivered;
	if (S->o.json)
		print_json(S, &sum, secs, bad);
	else
		print_text(S, &sum, secs, bad);
	/* Not a failure by the definition (nothing acknowledged went
	 * missing), but a broker that stops answering shows up here. */
	if (sum.unconfirmed)
		hl_sim_report_warn("%" PRIu64 " lines were never acknowledged (the broker did not "
				   "answer in time, or the chat had ended)", sum.unconfirmed);
	fflush(stdout);
	return bad ? 1 : 0;
}
