/* Tests the transfer menu's entries: queues by their label in the desk's
 * language (the id when there is none), then the other agents by display
 * name and state, the reason by its configured label; the agent's own
 * name is left out and Offline agents cannot be chosen. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "climodel.h"
#include "view.h"
#include "transfer.h"

static Hotline__QueueConf queue(const char *id, const char *en, const char *zh)
{
	Hotline__QueueConf q = HOTLINE__QUEUE_CONF__INIT;

	q.id = (char *)id;
	q.label_en = (char *)en;
	q.label_zh = (char *)zh;
	return q;
}

static Hotline__AgentEntry agent(const char *name, const char *display, const char *state,
				 const char *reason)
{
	Hotline__AgentEntry e = HOTLINE__AGENT_ENTRY__INIT;

	e.name = (char *)name;
	e.display = (char *)display;
	e.state = (char *)state;
	e.reason = (char *)reason;
	return e;
}

static void test_targets(void **state)
{
	Hotline__QueueConf q[3] = {queue("sales", "Enquiry", "业务咨询"),
				   queue("aftersales", "After-sales", "售后"), queue("vip", "", "")};
	Hotline__QueueConf *pq[3] = {&q[0], &q[1], &q[2]};
	Hotline__QueueListReply ql = HOTLINE__QUEUE_LIST_REPLY__INIT;
	Hotline__AgentEntry e[4] = {
		agent("xiaoli", "王小丽", "available", ""),
		agent("wang", "王强", "not_ready", "lunch"),
		agent("bo", "", "available", ""),
		agent("zed", "Zed", "offline", "logout"),
	};
	Hotline__AgentEntry *pe[4] = {&e[0], &e[1], &e[2], &e[3]};
	Hotline__AgentListReply al = HOTLINE__AGENT_LIST_REPLY__INIT;
	Hotline__ReasonCode lunch = HOTLINE__REASON_CODE__INIT, *pl = &lunch;
	hl_agent_target t[HL_AGENT_TARGETS_MAX];
	hl_cm_model d;
	size_t n;

	(void)state;
	hl_cm_init(&d);
	hl_agent_view_attach(&d);
	hl_cm_set_me(&d, "xiaoli", "王小丽");
	ql.queues = pq;
	ql.n_queues = 3;
	hl_cm_queue_list(&d, &ql);
	lunch.kind = "not_ready";
	lunch.id = "lunch";
	lunch.label_en = "Lunch";
	lunch.label_zh = "午餐";
	hl_cm_codes_set(&d.codes, &pl, 1);
	al.agents = pe;
	al.n_agents = 4;

	d.zh = true;
	n = hl_agent_transfer_targets(&d, &al, t, HL_AGENT_TARGETS_MAX);
	assert_int_equal(n, 6);   /* 3 queues, 3 agents: not xiaoli herself */
	assert_false(t[0].agent);
	assert_string_equal(t[0].id, "sales");
	assert_string_equal(t[0].label, "Queue: 业务咨询");
	assert_string_equal(t[1].label, "Queue: 售后");
	assert_string_equal(t[2].label, "Queue: vip");
	assert_true(t[3].agent);
	assert_string_equal(t[3].id, "wang");
	assert_string_equal(t[3].label, "王强 \u00b7 Not ready: 午餐");
	assert_false(t[3].disabled);
	assert_string_equal(t[4].label, "bo \u00b7 Available");
	assert_string_equal(t[5].id, "zed");
	assert_true(t[5].disabled);
	assert_string_equal(t[5].label, "Zed \u00b7 Offline: signed out");

	d.zh = false;
	n = hl_agent_transfer_targets(&d, &al, t, HL_AGENT_TARGETS_MAX);
	assert_string_equal(t[1].label, "Queue: After-sales");
	assert_string_equal(t[3].label, "王强 \u00b7 Not ready: Lunch");

	/* No agent list (the request failed): the queues alone; a short
	 * buffer is never overrun. */
	assert_int_equal(hl_agent_transfer_targets(&d, NULL, t, HL_AGENT_TARGETS_MAX), 3);
	assert_int_equal(hl_agent_transfer_targets(&d, &al, t, 4), 4);
	hl_cm_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_targets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
