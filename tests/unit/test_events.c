/* Tests for server/events.c's pure part: which kinds of event are volatile
 * and the key a newer value replaces an older one under. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "events.h"

static void test_classes(void **state)
{
	(void)state;
	/* What a desk must never miss is durable. */
	assert_int_equal(hl_events_kind(HOTLINE__EVENT__BODY_LINE)->cls, HL_EVENT_DURABLE);
	assert_int_equal(hl_events_kind(HOTLINE__EVENT__BODY_OFFER)->cls, HL_EVENT_DURABLE);
	assert_int_equal(hl_events_kind(HOTLINE__EVENT__BODY_CONTACT_STATE)->cls, HL_EVENT_DURABLE);
	assert_int_equal(hl_events_kind(HOTLINE__EVENT__BODY_SNAPSHOT)->cls, HL_EVENT_DURABLE);
	/* Only the latest value of these matters. */
	assert_int_equal(hl_events_kind(HOTLINE__EVENT__BODY_TYPING)->cls, HL_EVENT_VOLATILE);
	assert_int_equal(hl_events_kind(HOTLINE__EVENT__BODY_AGENT_STATUS)->cls, HL_EVENT_VOLATILE);
	/* A kind the table does not know is never dropped. */
	assert_int_equal(hl_events_kind(9999)->cls, HL_EVENT_DURABLE);
}

static void test_keys(void **state)
{
	Hotline__Event ev = HOTLINE__EVENT__INIT;
	Hotline__Typing t = HOTLINE__TYPING__INIT;
	Hotline__AgentStatus as = HOTLINE__AGENT_STATUS__INIT;
	hl_evbuf *a, *b;

	(void)state;
	t.contact = "C-17";
	t.on = 1;
	ev.body_case = HOTLINE__EVENT__BODY_TYPING;
	ev.typing = &t;
	a = hl_evbuf_pack(hl_events_kind(ev.body_case), &ev);
	assert_non_null(a);
	assert_string_equal(a->key, "C-17");
	assert_int_equal(a->kind, HOTLINE__EVENT__BODY_TYPING);
	/* The packed bytes are the event (seq 0: not counted by clients). */
	Hotline__Event *back = hotline__event__unpack(NULL, a->len, a->data);
	assert_non_null(back);
	assert_int_equal(back->seq, 0);
	assert_string_equal(back->typing->contact, "C-17");
	hotline__event__free_unpacked(back, NULL);

	as.agent = "ana";
	as.state = "break";
	ev.body_case = HOTLINE__EVENT__BODY_AGENT_STATUS;
	ev.agent_status = &as;
	b = hl_evbuf_pack(hl_events_kind(ev.body_case), &ev);
	assert_non_null(b);
	assert_string_equal(b->key, "ana");
	assert_ptr_equal(hl_evbuf_ref(b), b);
	assert_int_equal(b->refs, 2);
	hl_evbuf_unref(b);
	hl_evbuf_unref(b);
	hl_evbuf_unref(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classes),
		cmocka_unit_test(test_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
