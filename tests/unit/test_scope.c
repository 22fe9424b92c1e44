/* Tests for the request scope (server/requests.c) and the module list
 * (server/module.c, server/modules.c): who reaches whom with a request
 * that concerns one user — own, team, all — for every role, on the same
 * and another team; the real table's scoped requests; the joined table
 * and the modules' configuration sections. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "hotline.pb-c.h"
#include "module.h"
#include "requests.h"
#include "role.h"

#define BIT(r) (1u << (r))
#define AGENT HOTLINE__ROLE__AGENT
#define LEAD HOTLINE__ROLE__TEAM_LEAD
#define SUP HOTLINE__ROLE__SUPERVISOR
#define QA HOTLINE__ROLE__QA
#define ADMIN HOTLINE__ROLE__ADMIN

/* Three descriptors, one per reach for everyone, and one with reach by
 * role: agents their own, team leads their team, supervisors and admins
 * everyone (the shape later team-lead rules take). */
static const hl_request_desc own = {.name = "own", .scope = HL_SCOPE_OWN};
static const hl_request_desc team = {.name = "team", .scope = HL_SCOPE_TEAM};
static const hl_request_desc all = {.name = "all", .scope = HL_SCOPE_ALL};
static const hl_request_desc mixed = {
	.name = "mixed", .scope = HL_SCOPE_OWN, .scope_team = BIT(LEAD),
	.scope_all = BIT(SUP) | BIT(ADMIN),
};

enum { SELF, SAME_TEAM, OTHER_TEAM, NO_TEAM_BOTH };

/* The caller is "me" of team "t1" (or of no team in NO_TEAM_BOTH). */
static const struct row {
	const hl_request_desc *d;
	int role;
	int target;   /* SELF, SAME_TEAM, OTHER_TEAM, NO_TEAM_BOTH */
	int want;
} rows[] = {
	/* own: only oneself, whatever the role */
	{&own, AGENT, SELF, 1}, {&own, AGENT, SAME_TEAM, 0}, {&own, AGENT, OTHER_TEAM, 0},
	{&own, LEAD, SELF, 1}, {&own, LEAD, SAME_TEAM, 0}, {&own, LEAD, OTHER_TEAM, 0},
	{&own, ADMIN, SELF, 1}, {&own, ADMIN, SAME_TEAM, 0}, {&own, ADMIN, OTHER_TEAM, 0},
	{&own, SUP, NO_TEAM_BOTH, 0},
	/* team: oneself and one's team, never another team or "no team" */
	{&team, AGENT, SELF, 1}, {&team, AGENT, SAME_TEAM, 1}, {&team, AGENT, OTHER_TEAM, 0},
	{&team, LEAD, SAME_TEAM, 1}, {&team, LEAD, OTHER_TEAM, 0},
	{&team, QA, OTHER_TEAM, 0}, {&team, ADMIN, OTHER_TEAM, 0},
	{&team, LEAD, NO_TEAM_BOTH, 0},
	/* all: anyone */
	{&all, AGENT, SELF, 1}, {&all, AGENT, SAME_TEAM, 1}, {&all, AGENT, OTHER_TEAM, 1},
	{&all, QA, OTHER_TEAM, 1}, {&all, ADMIN, NO_TEAM_BOTH, 1},
	/* by role */
	{&mixed, AGENT, SELF, 1}, {&mixed, AGENT, SAME_TEAM, 0}, {&mixed, AGENT, OTHER_TEAM, 0},
	{&mixed, LEAD, SELF, 1}, {&mixed, LEAD, SAME_TEAM, 1}, {&mixed, LEAD, OTHER_TEAM, 0},
	{&mixed, LEAD, NO_TEAM_BOTH, 0},
	{&mixed, QA, SAME_TEAM, 0}, {&mixed, QA, SELF, 1},
	{&mixed, SUP, SAME_TEAM, 1}, {&mixed, SUP, OTHER_TEAM, 1},
	{&mixed, ADMIN, OTHER_TEAM, 1}, {&mixed, ADMIN, NO_TEAM_BOTH, 1},
};

static void test_scope_table(void **state)
{
	int bad = 0;

	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const struct row *r = &rows[i];
		const char *my_team = r->target == NO_TEAM_BOTH ? "" : "t1";
		const char *target = r->target == SELF ? "me" : "them";
		const char *their_team = r->target == SAME_TEAM ? "t1"
				       : r->target == OTHER_TEAM ? "t2" : "";
		int got = hl_requests_in_scope(r->d, r->role, "me", my_team, target, their_team);

		if (got != r->want) {
			print_error("row %zu: '%s' for %s on target kind %d: got %d, want %d\n", i,
				    r->d->name, hl_role_name(r->role), r->target, got, r->want);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void test_scope_edges(void **state)
{
	(void)state;
	/* A request about nobody passes whatever its scope. */
	assert_true(hl_requests_in_scope(&own, AGENT, "me", "t1", NULL, NULL));
	/* An unknown target's team is no team. */
	assert_false(hl_requests_in_scope(&team, AGENT, "me", "t1", "ghost", NULL));
	/* An empty name is nobody, not the caller. */
	assert_false(hl_requests_in_scope(&own, AGENT, "me", "t1", "", "t1"));
	/* A role value beyond the enum reaches no further than the base. */
	assert_int_equal(hl_requests_reach(&mixed, 40), HL_SCOPE_OWN);
	assert_int_equal(hl_requests_reach(&mixed, -1), HL_SCOPE_OWN);
	assert_int_equal(hl_requests_reach(&mixed, LEAD), HL_SCOPE_TEAM);
	assert_int_equal(hl_requests_reach(&mixed, ADMIN), HL_SCOPE_ALL);
}

/* The real table keeps today's rules: anyone their own password, an admin
 * anyone's; an agent only their own conversations' transcripts, everyone
 * else all. */
static void test_real_scopes(void **state)
{
	const hl_request_desc *pw = hl_requests_find(HOTLINE__REQUEST__BODY_USER_PASSWORD);
	const hl_request_desc *tr = hl_requests_find(HOTLINE__REQUEST__BODY_CHAT_TRANSCRIPT);
	const int staff[] = {AGENT, LEAD, SUP, QA, ADMIN};

	(void)state;
	assert_non_null(pw);
	assert_non_null(tr);
	assert_non_null(pw->target);
	assert_non_null(tr->target);
	for (size_t i = 0; i < sizeof staff / sizeof staff[0]; i++) {
		int r = staff[i];
		assert_true(hl_requests_in_scope(pw, r, "me", "t1", "me", "t1"));
		assert_int_equal(hl_requests_in_scope(pw, r, "me", "t1", "them", "t1"), r == ADMIN);
		assert_int_equal(hl_requests_in_scope(tr, r, "me", "t1", "them", "t1"), r != AGENT);
		assert_true(hl_requests_in_scope(tr, r, "me", "t1", "me", "t1"));
	}
	/* A conversation no agent answered was no agent's. */
	assert_false(hl_requests_in_scope(tr, AGENT, "me", "t1", "", NULL));
}

struct count {
	size_t n;
};

static void count_one(const hl_request_desc *d, void *arg)
{
	struct count *c = arg;

	c->n++;
	/* Each entry of every module is what find() returns for its case. */
	assert_ptr_equal(hl_requests_find(d->body_case), d);
}

static void test_joined_table(void **state)
{
	struct count c = {0};
	size_t sum = 0;

	(void)state;
	assert_int_equal(hl_requests_check(), 0);
	hl_requests_each(count_one, &c);
	for (size_t i = 0; i < hl_modules_n; i++) {
		assert_non_null(hl_modules[i]->name);
		sum += hl_modules[i]->n_requests;
		for (size_t k = 0; k < i; k++)
			assert_string_not_equal(hl_modules[i]->name, hl_modules[k]->name);
	}
	assert_int_equal(c.n, sum);
	assert_true(hl_modules_n <= HL_MODULES_MAX);
	/* The web chat is a channel the broker finds by name, and the first. */
	assert_non_null(hl_modules_channel("web"));
	assert_ptr_equal(hl_modules_channel(NULL), hl_modules_channel("web"));
	assert_null(hl_modules_channel("pigeon"));
}

static void test_module_config(void **state)
{
	(void)state;
	hl_modules_config_defaults();
	/* [web] texts belong to the web chat module. */
	assert_int_equal(hl_modules_config("web", "welcome_en", "Hello"), 1);
	assert_int_equal(hl_modules_config("web", "regions", "north,south"), 1);
	assert_int_equal(hl_modules_config("web", "no_such_key", "1"), 0);
	assert_int_equal(hl_modules_config("nosuchsection", "x", "1"), -1);
	hl_modules_config_defaults();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scope_table),
		cmocka_unit_test(test_scope_edges),
		cmocka_unit_test(test_real_scopes),
		cmocka_unit_test(test_joined_table),
		cmocka_unit_test(test_module_config),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
