/* Tests for server/requests.c and common/role.c: who may make each request,
 * that every request on the wire has an entry, and role names both ways. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "error.h"
#include "hotline.pb-c.h"
#include "requests.h"
#include "role.h"

/* Every role a person can hold, and the ones only an unknown value can be. */
static const int all_roles[] = {
	HOTLINE__ROLE__CUSTOMER, HOTLINE__ROLE__AGENT, HOTLINE__ROLE__TEAM_LEAD,
	HOTLINE__ROLE__SUPERVISOR, HOTLINE__ROLE__QA, HOTLINE__ROLE__ADMIN,
};
#define N_ROLES (sizeof all_roles / sizeof all_roles[0])

#define BIT(r) (1u << (r))
#define STAFF (BIT(HOTLINE__ROLE__AGENT) | BIT(HOTLINE__ROLE__TEAM_LEAD) | \
	       BIT(HOTLINE__ROLE__SUPERVISOR) | BIT(HOTLINE__ROLE__QA) | BIT(HOTLINE__ROLE__ADMIN))
#define ADMIN_ONLY BIT(HOTLINE__ROLE__ADMIN)
#define LEADS (BIT(HOTLINE__ROLE__ADMIN) | BIT(HOTLINE__ROLE__SUPERVISOR) | \
	       BIT(HOTLINE__ROLE__TEAM_LEAD))
#define VALID_ROLES (STAFF | BIT(HOTLINE__ROLE__CUSTOMER))

/* What each request should allow, written out independently of the table. */
static const struct expect {
	int body_case;
	const char *name;
	int needs_login;
	unsigned may;    /* the roles allowed, when needs_login */
} expected[] = {
	{HOTLINE__REQUEST__BODY_LOGIN, "login", 0, 0},
	{HOTLINE__REQUEST__BODY_RESUME, "resume", 0, 0},
	{HOTLINE__REQUEST__BODY_LOGOUT, "logout", 1, STAFF},
	{HOTLINE__REQUEST__BODY_PING, "ping", 1, STAFF},
	{HOTLINE__REQUEST__BODY_WHOAMI, "whoami", 1, STAFF},
	{HOTLINE__REQUEST__BODY_POLL, "events", 1, STAFF},
	{HOTLINE__REQUEST__BODY_USER_ADD, "user add", 1, ADMIN_ONLY},
	{HOTLINE__REQUEST__BODY_USER_SET_ROLE, "user set-role", 1, ADMIN_ONLY},
	{HOTLINE__REQUEST__BODY_USER_DISABLE, "user disable", 1, ADMIN_ONLY},
	{HOTLINE__REQUEST__BODY_USER_ENABLE, "user enable", 1, ADMIN_ONLY},
	{HOTLINE__REQUEST__BODY_USER_SET_TEAM, "user set-team", 1, ADMIN_ONLY},
	/* Everyone their own; the handler keeps others' to admins. */
	{HOTLINE__REQUEST__BODY_USER_PASSWORD, "user password", 1, STAFF},
	{HOTLINE__REQUEST__BODY_TEAM_ADD, "team add", 1, ADMIN_ONLY},
	{HOTLINE__REQUEST__BODY_AUDIT_LIST, "audit list", 1, ADMIN_ONLY},
	{HOTLINE__REQUEST__BODY_USER_LIST, "user list", 1, LEADS},
	{HOTLINE__REQUEST__BODY_TEAM_LIST, "team list", 1, LEADS},
	{HOTLINE__REQUEST__BODY_FLOOR_AGENTS, "floor agents", 1, LEADS},
	{HOTLINE__REQUEST__BODY_FLOOR_ALERTS, "floor alerts", 1, LEADS},
	{HOTLINE__REQUEST__BODY_FLOOR_ALERT_ACK, "floor alerts ack", 1,
	 BIT(HOTLINE__ROLE__TEAM_LEAD) | BIT(HOTLINE__ROLE__SUPERVISOR)},
};
#define N_EXPECTED (sizeof expected / sizeof expected[0])

static const struct expect *expect_for(int body_case)
{
	for (size_t i = 0; i < N_EXPECTED; i++)
		if (expected[i].body_case == body_case)
			return &expected[i];
	return NULL;
}

struct walk {
	int seen[N_EXPECTED];
	int count;
	int extra;
	int bad;
};

static void check_one(const hl_request_desc *d, void *arg)
{
	struct walk *w = arg;
	const struct expect *e = expect_for(d->body_case);

	w->count++;
	assert_non_null(d->name);
	assert_true(d->name[0] != 0);
	assert_non_null(d->fn);
	/* find() returns this very entry. */
	assert_ptr_equal(hl_requests_find(d->body_case), d);
	if (!e) {
		/* A request added after this test was written: it must at least
		 * need a login and name some real role (only login and resume
		 * are open to anyone). */
		if (!d->needs_login || d->roles == 0 || (d->roles & ~VALID_ROLES) != 0) {
			print_error("request \"%s\": needs_login=%d roles=%#x\n", d->name,
				    d->needs_login, d->roles);
			w->bad++;
		}
		w->extra++;
		return;
	}
	w->seen[e - expected]++;
	assert_string_equal(d->name, e->name);
	assert_int_equal(d->needs_login, e->needs_login);

	for (size_t i = 0; i < N_ROLES; i++) {
		int role = all_roles[i];
		int want = e->needs_login ? (e->may & BIT(role)) != 0 : 1;

		if (hl_requests_may(d, role) != want) {
			print_error("\"%s\" for %s: got %d, want %d\n", d->name,
				    hl_role_name(role), hl_requests_may(d, role), want);
			w->bad++;
		}
	}
	if (e->needs_login) {
		/* No role, or a value beyond the enum, may do anything that needs
		 * a login, even if its bit would be set. */
		assert_int_equal(hl_requests_may(d, HOTLINE__ROLE__ROLE_NONE), 0);
		assert_int_equal(hl_requests_may(d, -1), 0);
		assert_int_equal(hl_requests_may(d, 31), 0);
		assert_int_equal(hl_requests_may(d, 32), 0);
		assert_int_equal(hl_requests_may(d, 1000), 0);
		/* A customer never reaches the staff requests. */
		assert_int_equal(hl_requests_may(d, HOTLINE__ROLE__CUSTOMER), 0);
	} else {
		/* Logging in must be possible before anyone has a role. */
		assert_int_equal(hl_requests_may(d, HOTLINE__ROLE__ROLE_NONE), 1);
	}
}

static void test_table_permissions(void **state)
{
	struct walk w;

	(void)state;
	memset(&w, 0, sizeof w);
	hl_requests_each(check_one, &w);
	assert_int_equal(w.bad, 0);
	/* Each expected request is in the table exactly once. */
	for (size_t i = 0; i < N_EXPECTED; i++) {
		if (w.seen[i] != 1)
			print_error("\"%s\" appears %d times\n", expected[i].name, w.seen[i]);
		assert_int_equal(w.seen[i], 1);
	}
	assert_int_equal(w.count, (int)N_EXPECTED + w.extra);
}

static void test_every_wire_request_has_entry(void **state)
{
	const ProtobufCMessageDescriptor *d = &hotline__request__descriptor;
	int missing = 0;

	(void)state;
	/* Each member of Request's oneof is something a client can send, so
	 * each needs a descriptor or the broker answers it as unknown. */
	for (unsigned i = 0; i < d->n_fields; i++) {
		const ProtobufCFieldDescriptor *f = &d->fields[i];

		if (!(f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) || hl_requests_find((int)f->id))
			continue;
		print_error("request body \"%s\" (%u) has no descriptor\n", f->name, f->id);
		missing++;
	}
	assert_int_equal(missing, 0);
}

static void test_find_unknown(void **state)
{
	(void)state;
	assert_null(hl_requests_find(HOTLINE__REQUEST__BODY__NOT_SET));
	assert_null(hl_requests_find(9999));
	assert_null(hl_requests_find(-1));
	assert_null(hl_requests_find(1)); /* the id field, not a body */
}

static void test_specific_denials(void **state)
{
	const hl_request_desc *add = hl_requests_find(HOTLINE__REQUEST__BODY_USER_ADD);
	const hl_request_desc *list = hl_requests_find(HOTLINE__REQUEST__BODY_USER_LIST);
	const hl_request_desc *audit = hl_requests_find(HOTLINE__REQUEST__BODY_AUDIT_LIST);
	const hl_request_desc *ping = hl_requests_find(HOTLINE__REQUEST__BODY_PING);
	const hl_request_desc *login = hl_requests_find(HOTLINE__REQUEST__BODY_LOGIN);

	(void)state;
	assert_non_null(add);
	assert_non_null(list);
	assert_non_null(audit);
	assert_non_null(ping);
	assert_non_null(login);
	/* The cases a person would try first. */
	assert_false(hl_requests_may(add, HOTLINE__ROLE__SUPERVISOR));
	assert_false(hl_requests_may(add, HOTLINE__ROLE__AGENT));
	assert_true(hl_requests_may(add, HOTLINE__ROLE__ADMIN));
	assert_false(hl_requests_may(audit, HOTLINE__ROLE__QA));
	assert_false(hl_requests_may(list, HOTLINE__ROLE__AGENT));
	assert_false(hl_requests_may(list, HOTLINE__ROLE__QA));
	assert_true(hl_requests_may(list, HOTLINE__ROLE__TEAM_LEAD));
	assert_false(hl_requests_may(ping, HOTLINE__ROLE__CUSTOMER));
	assert_true(hl_requests_may(ping, HOTLINE__ROLE__QA));
	assert_true(hl_requests_may(login, HOTLINE__ROLE__CUSTOMER));
}

static void test_role_parse(void **state)
{
	static const struct {
		const char *name;
		int role;
	} cases[] = {
		{"agent", HOTLINE__ROLE__AGENT},
		{"csr", HOTLINE__ROLE__AGENT},
		{"team_lead", HOTLINE__ROLE__TEAM_LEAD},
		{"team-lead", HOTLINE__ROLE__TEAM_LEAD},
		{"tl", HOTLINE__ROLE__TEAM_LEAD},
		{"supervisor", HOTLINE__ROLE__SUPERVISOR},
		{"sp", HOTLINE__ROLE__SUPERVISOR},
		{"qa", HOTLINE__ROLE__QA},
		{"admin", HOTLINE__ROLE__ADMIN},
		{"customer", HOTLINE__ROLE__CUSTOMER},
		/* Case does not matter. */
		{"AGENT", HOTLINE__ROLE__AGENT},
		{"Csr", HOTLINE__ROLE__AGENT},
		{"Team_Lead", HOTLINE__ROLE__TEAM_LEAD},
		{"TEAM-LEAD", HOTLINE__ROLE__TEAM_LEAD},
		{"TL", HOTLINE__ROLE__TEAM_LEAD},
		{"SuperVisor", HOTLINE__ROLE__SUPERVISOR},
		{"SP", HOTLINE__ROLE__SUPERVISOR},
		{"QA", HOTLINE__ROLE__QA},
		{"Admin", HOTLINE__ROLE__ADMIN},
	};
	static const char *const bad[] = {
		"", "none", "role_none", "root", "administrator", "adm", "agents", " agent",
		"agent ", "team lead", "teamlead", "t", "s", "super", "q", "2",
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (hl_role_parse(cases[i].name) != cases[i].role)
			print_error("hl_role_parse(\"%s\") = %d\n", cases[i].name,
				    hl_role_parse(cases[i].name));
		assert_int_equal(hl_role_parse(cases[i].name), cases[i].role);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (hl_role_parse(bad[i]) != HL_E_INVALID)
			print_error("hl_role_parse(\"%s\") accepted\n", bad[i]);
		assert_int_equal(hl_role_parse(bad[i]), HL_E_INVALID);
	}
	assert_int_equal(hl_role_parse(NULL), HL_E_INVALID);
}

static void test_role_name_round_trip(void **state)
{
	(void)state;
	assert_string_equal(hl_role_name(HOTLINE__ROLE__AGENT), "agent");
	assert_string_equal(hl_role_name(HOTLINE__ROLE__TEAM_LEAD), "team_lead");
	assert_string_equal(hl_role_name(HOTLINE__ROLE__SUPERVISOR), "supervisor");
	assert_string_equal(hl_role_name(HOTLINE__ROLE__QA), "qa");
	assert_string_equal(hl_role_name(HOTLINE__ROLE__ADMIN), "admin");
	assert_string_equal(hl_role_name(HOTLINE__ROLE__CUSTOMER), "customer");
	assert_string_equal(hl_role_name(HOTLINE__ROLE__ROLE_NONE), "none");
	assert_string_equal(hl_role_name(-5), "none");
	assert_string_equal(hl_role_name(99), "none");

	for (size_t i = 0; i < N_ROLES; i++) {
		const char *name = hl_role_name(all_roles[i]);

		assert_int_equal(hl_role_parse(name), all_roles[i]);
		/* Every name printed in usage messages parses. */
		assert_non_null(strstr(hl_role_names(), name));
	}
}

static void test_role_names_list_parses(void **state)
{
	char buf[256], *tok, *save = NULL;
	int n = 0;

	(void)state;
	snprintf(buf, sizeof buf, "%s", hl_role_names());
	for (tok = strtok_r(buf, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		if (hl_role_parse(tok) < 0)
			print_error("usage lists \"%s\", which does not parse\n", tok);
		assert_true(hl_role_parse(tok) > 0);
		n++;
	}
	assert_int_equal(n, (int)N_ROLES);
}

static void test_role_mask_names(void **state)
{
	char buf[96], tiny[8];

	(void)state;
	assert_string_equal(hl_role_mask_names(ADMIN_ONLY, buf, sizeof buf), "admin");
	assert_string_equal(hl_role_mask_names(BIT(HOTLINE__ROLE__SUPERVISOR) | ADMIN_ONLY, buf,
					       sizeof buf), "supervisor or admin");
	assert_string_equal(hl_role_mask_names(LEADS, buf, sizeof buf),
			    "team_lead, supervisor or admin");
	assert_string_equal(hl_role_mask_names(STAFF, buf, sizeof buf),
			    "agent, team_lead, supervisor, qa or admin");
	assert_string_equal(hl_role_mask_names(0, buf, sizeof buf), "no");
	/* Bits beyond the roles are not names. */
	assert_string_equal(hl_role_mask_names(ADMIN_ONLY | BIT(20), buf, sizeof buf), "admin");
	/* A short buffer is cut, never overrun. */
	hl_role_mask_names(STAFF, tiny, sizeof tiny);
	assert_int_equal(strlen(tiny), sizeof tiny - 1);
	assert_string_equal(tiny, "agent, ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_permissions),
		cmocka_unit_test(test_every_wire_request_has_entry),
		cmocka_unit_test(test_find_unknown),
		cmocka_unit_test(test_specific_denials),
		cmocka_unit_test(test_role_parse),
		cmocka_unit_test(test_role_name_round_trip),
		cmocka_unit_test(test_role_names_list_parses),
		cmocka_unit_test(test_role_mask_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
