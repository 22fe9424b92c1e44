/* Tests for common/pbjson.c: replies and events print as the JSON that
 * `--json` users script against (oneof bodies as objects, enums as lower-case
 * names, defaults left out, repeated fields as arrays, bytes as hex). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hotline.pb-c.h"
#include "pbjson.h"

/* Prints `m` compactly and compares with `want`. */
static void assert_json(const ProtobufCMessage *m, int all, const char *want)
{
	cJSON *j = hl_pbjson_from(m, all);
	char *s;

	assert_non_null(j);
	s = cJSON_PrintUnformatted(j);
	assert_non_null(s);
	if (strcmp(s, want) != 0)
		print_error("got  %s\nwant %s\n", s, want);
	assert_string_equal(s, want);
	cJSON_free(s);
	cJSON_Delete(j);
}

static void test_reply_with_user(void **state)
{
	Hotline__User u = HOTLINE__USER__INIT;
	Hotline__Reply r = HOTLINE__REPLY__INIT;
	cJSON *j, *user;

	(void)state;
	u.name = "alice";
	u.role = HOTLINE__ROLE__AGENT;
	r.id = 7;
	r.body_case = HOTLINE__REPLY__BODY_USER;
	r.user = &u;

	j = hl_pbjson_from(&r.base, 0);
	assert_non_null(j);
	user = cJSON_GetObjectItemCaseSensitive(j, "user");
	assert_true(cJSON_IsObject(user));
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(user, "name")->valuestring, "alice");
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(user, "role")->valuestring, "agent");
	/* Zero status, empty error and unset user fields are left out. */
	assert_null(cJSON_GetObjectItemCaseSensitive(j, "status"));
	assert_null(cJSON_GetObjectItemCaseSensitive(j, "error"));
	assert_null(cJSON_GetObjectItemCaseSensitive(user, "display"));
	assert_null(cJSON_GetObjectItemCaseSensitive(user, "team"));
	assert_null(cJSON_GetObjectItemCaseSensitive(user, "disabled"));
	assert_null(cJSON_GetObjectItemCaseSensitive(user, "created_ms"));
	/* Other members of the oneof are absent, not null. */
	assert_null(cJSON_GetObjectItemCaseSensitive(j, "login"));
	assert_null(cJSON_GetObjectItemCaseSensitive(j, "users"));
	cJSON_Delete(j);

	assert_json(&r.base, 0, "{\"id\":7,\"user\":{\"name\":\"alice\",\"role\":\"agent\"}}");
}

static void test_all_fields(void **state)
{
	Hotline__User u = HOTLINE__USER__INIT;
	Hotline__Reply r = HOTLINE__REPLY__INIT;

	(void)state;
	u.name = "bob";
	r.body_case = HOTLINE__REPLY__BODY_USER;
	r.user = &u;
	/* With `all`, defaults print too; the unchosen oneof members do not. */
	assert_json(&r.base, 1,
		    "{\"id\":0,\"status\":\"ok\",\"error\":\"\",\"retry_after_ms\":0,\"replayed\":false,\"user\":{\"name\":\"bob\","
		    "\"display\":\"\",\"role\":\"role_none\",\"team\":\"\",\"disabled\":false,"
		    "\"created_ms\":0}}");
}

static void test_enum_names(void **state)
{
	Hotline__Reply r = HOTLINE__REPLY__INIT;
	Hotline__User u = HOTLINE__USER__INIT;
	Hotline__Reply ur = HOTLINE__REPLY__INIT;

	(void)state;
	r.status = HOTLINE__STATUS__THROTTLED;
	r.error = "too many failed logins: wait 4 s";
	assert_json(&r.base, 0,
		    "{\"status\":\"throttled\",\"error\":\"too many failed logins: wait 4 s\"}");
	r.status = HOTLINE__STATUS__VERSION_MISMATCH;
	r.error = NULL;
	assert_json(&r.base, 0, "{\"status\":\"version_mismatch\"}");

	u.role = HOTLINE__ROLE__TEAM_LEAD;
	ur.body_case = HOTLINE__REPLY__BODY_USER;
	ur.user = &u;
	assert_json(&ur.base, 0, "{\"user\":{\"role\":\"team_lead\"}}");
	/* A value this build does not know prints as its number. */
	u.role = (Hotline__Role)42;
	assert_json(&ur.base, 0, "{\"user\":{\"role\":42}}");
}

static void test_repeated_users(void **state)
{
	Hotline__User a = HOTLINE__USER__INIT, b = HOTLINE__USER__INIT;
	Hotline__User *list[] = {&a, &b};
	Hotline__UserListReply ul = HOTLINE__USER_LIST_REPLY__INIT;
	Hotline__Reply r = HOTLINE__REPLY__INIT;
	cJSON *j, *arr;

	(void)state;
	a.name = "alice";
	a.role = HOTLINE__ROLE__ADMIN;
	a.team = "billing";
	a.created_ms = 1700000000123;
	b.name = "bob";
	b.role = HOTLINE__ROLE__QA;
	b.disabled = 1;
	ul.n_users = 2;
	ul.users = list;
	r.id = 3;
	r.body_case = HOTLINE__REPLY__BODY_USERS;
	r.users = &ul;

	j = hl_pbjson_from(&r.base, 0);
	assert_non_null(j);
	arr = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(j, "users"),
					       "users");
	assert_true(cJSON_IsArray(arr));
	assert_int_equal(cJSON_GetArraySize(arr), 2);
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(arr, 0),
							     "name")->valuestring, "alice");
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(arr, 1),
							     "role")->valuestring, "qa");
	cJSON_Delete(j);

	/* Order kept; 64-bit times as exact numbers; booleans as true. */
	assert_json(&r.base, 0,
		    "{\"id\":3,\"users\":{\"users\":[{\"name\":\"alice\",\"role\":\"admin\","
		    "\"team\":\"billing\",\"created_ms\":1700000000123},{\"name\":\"bob\","
		    "\"role\":\"qa\",\"disabled\":true}]}}");
}

static void test_bytes_as_hex(void **state)
{
	static uint8_t pad[] = {0x00, 0x01, 0xab, 0xff, 0x10};
	Hotline__PingReply pr = HOTLINE__PING_REPLY__INIT;
	Hotline__Reply r = HOTLINE__REPLY__INIT;
	Hotline__AuditEntry e = HOTLINE__AUDIT_ENTRY__INIT;
	Hotline__AuditEntry *entries[] = {&e};
	Hotline__AuditListReply al = HOTLINE__AUDIT_LIST_REPLY__INIT;
	uint8_t hash[32];

	(void)state;
	pr.pad.data = pad;
	pr.pad.len = sizeof pad;
	pr.client_time_ns = 5;
	r.body_case = HOTLINE__REPLY__BODY_PING;
	r.ping = &pr;
	assert_json(&r.base, 0, "{\"ping\":{\"pad\":\"0001abff10\",\"client_time_ns\":5}}");

	/* Empty bytes are a default: left out, or "" with `all`. */
	pr.pad.len = 0;
	pr.pad.data = NULL;
	assert_json(&r.base, 0, "{\"ping\":{\"client_time_ns\":5}}");

	for (int i = 0; i < 32; i++)
		hash[i] = (uint8_t)(0xf0 + (i & 15));
	e.id = 1;
	e.actor = "admin";
	e.hash.data = hash;
	e.hash.len = sizeof hash;
	al.n_entries = 1;
	al.entries = entries;
	al.verified = 1;
	al.intact = 1;
	al.total = 1;
	r.body_case = HOTLINE__REPLY__BODY_AUDIT;
	r.audit = &al;
	assert_json(&r.base, 0,
		    "{\"audit\":{\"entries\":[{\"id\":1,\"actor\":\"admin\",\"hash\":"
		    "\"f0f1f2f3f4f5f6f7f8f9fafbfcfdfefff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff\"}],"
		    "\"verified\":true,\"intact\":true,\"total\":1}}");
}

static void test_oneof_with_default_body(void **state)
{
	Hotline__User u = HOTLINE__USER__INIT;
	Hotline__Reply r = HOTLINE__REPLY__INIT;

	(void)state;
	/* A chosen body prints even when every field in it is a default. */
	r.body_case = HOTLINE__REPLY__BODY_USER;
	r.user = &u;
	assert_json(&r.base, 0, "{\"user\":{}}");
}

static void test_event_snapshot(void **state)
{
	Hotline__User me = HOTLINE__USER__INIT;
	Hotline__Team t1 = HOTLINE__TEAM__INIT, t2 = HOTLINE__TEAM__INIT;
	Hotline__Team *teams[] = {&t1, &t2};
	Hotline__Snapshot snap = HOTLINE__SNAPSHOT__INIT;
	Hotline__Event ev = HOTLINE__EVENT__INIT;

	(void)state;
	me.name = "sue";
	me.role = HOTLINE__ROLE__SUPERVISOR;
	t1.name = "billing";
	t1.members = 4;
	t2.name = "support";
	snap.me = &me;
	snap.n_teams = 2;
	snap.teams = teams;
	ev.seq = 12;
	ev.body_case = HOTLINE__EVENT__BODY_SNAPSHOT;
	ev.snapshot = &snap;
	assert_json(&ev.base, 0,
		    "{\"seq\":12,\"snapshot\":{\"me\":{\"name\":\"sue\",\"role\":\"supervisor\"},"
		    "\"users\":[],\"teams\":[{\"name\":\"billing\",\"members\":4},"
		    "{\"name\":\"support\"}],\"open_contacts\":[],\"codes\":[],\"today\":[]}}");
}

static void test_after_wire_round_trip(void **state)
{
	Hotline__User u = HOTLINE__USER__INIT;
	Hotline__Reply r = HOTLINE__REPLY__INIT, *back;
	cJSON *a, *b;
	uint8_t buf[256];
	size_t n;

	(void)state;
	u.name = "zoë";
	u.display = "Zoë \"Z\" Q.";
	u.role = HOTLINE__ROLE__ADMIN;
	u.created_ms = -5;
	r.id = UINT64_C(1) << 40;
	r.body_case = HOTLINE__REPLY__BODY_USER;
	r.user = &u;
	assert_true(hotline__reply__get_packed_size(&r) <= sizeof buf);
	n = hotline__reply__pack(&r, buf);
	back = hotline__reply__unpack(NULL, n, buf);
	assert_non_null(back);

	/* What was sent prints the same as what arrived. */
	a = hl_pbjson_from(&r.base, 0);
	b = hl_pbjson_from(&back->base, 0);
	assert_true(cJSON_Compare(a, b, 1));
	cJSON_Delete(a);
	cJSON_Delete(b);
	assert_json(&back->base, 0,
		    "{\"id\":1099511627776,\"user\":{\"name\":\"zoë\",\"display\":"
		    "\"Zoë \\\"Z\\\" Q.\",\"role\":\"admin\",\"created_ms\":-5}}");
	hotline__reply__free_unpacked(back, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reply_with_user),
		cmocka_unit_test(test_all_fields),
		cmocka_unit_test(test_enum_names),
		cmocka_unit_test(test_repeated_users),
		cmocka_unit_test(test_bytes_as_hex),
		cmocka_unit_test(test_oneof_with_default_body),
		cmocka_unit_test(test_event_snapshot),
		cmocka_unit_test(test_after_wire_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
