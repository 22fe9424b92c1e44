/* Tests the agent desk's slash commands: plain text, escapes, names and
 * prefixes, words and free text, errors; /state's words; /transfer's
 * target. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "action.h"
#include "command.h"

static void test_text(void **state)
{
	hl_agent_cmdline c;

	(void)state;
	assert_int_equal(hl_agent_command_parse("您好，请稍等", &c), HL_AGENT_ACT_SEND);
	assert_string_equal(c.rest, "您好，请稍等");
	assert_null(c.cmd);
	assert_null(c.error);
	/* "//" sends a line that starts with "/". */
	assert_int_equal(hl_agent_command_parse("//help is a path", &c), HL_AGENT_ACT_SEND);
	assert_string_equal(c.rest, "/help is a path");
	assert_int_equal(hl_agent_command_parse("   ", &c), HL_AGENT_ACT_NONE);
	assert_null(c.error);
	assert_int_equal(hl_agent_command_parse("", &c), HL_AGENT_ACT_NONE);
}

static void test_commands(void **state)
{
	hl_agent_cmdline c;

	(void)state;
	assert_int_equal(hl_agent_command_parse("/accept", &c), HL_AGENT_ACT_ACCEPT);
	assert_int_equal(c.word_len, 0);
	assert_int_equal(hl_agent_command_parse("/accept 2", &c), HL_AGENT_ACT_ACCEPT);
	assert_int_equal(c.word_len, 1);
	assert_memory_equal(c.word, "2", 1);
	assert_int_equal(hl_agent_command_parse("/end", &c), HL_AGENT_ACT_END);
	assert_int_equal(hl_agent_command_parse("/decline", &c), HL_AGENT_ACT_DECLINE);
	assert_int_equal(hl_agent_command_parse("/help", &c), HL_AGENT_ACT_HELP);
	assert_int_equal(hl_agent_command_parse("/quit", &c), HL_AGENT_ACT_QUIT);
	assert_int_equal(hl_agent_command_parse("/figures", &c), HL_AGENT_ACT_FIGURES);
	/* A prefix only one command has. */
	assert_int_equal(hl_agent_command_parse("/tr sales", &c), HL_AGENT_ACT_TRANSFER);
	assert_int_equal(hl_agent_command_parse("/w", &c), HL_AGENT_ACT_WRAP);
	assert_int_equal(hl_agent_command_parse("/transfer @wang 客户要发票，已核实身份", &c),
			 HL_AGENT_ACT_TRANSFER);
	assert_int_equal(c.word_len, 5);
	assert_memory_equal(c.word, "@wang", 5);
	assert_string_equal(c.rest, "客户要发票，已核实身份");
	assert_int_equal(hl_agent_command_parse("/wrap resolved  已解决  ", &c), HL_AGENT_ACT_WRAP);
	assert_memory_equal(c.word, "resolved", c.word_len);
	assert_string_equal(c.rest, "已解决  ");
	assert_int_equal(hl_agent_command_parse("/wrap", &c), HL_AGENT_ACT_WRAP);
	assert_int_equal(c.word_len, 0);
	assert_string_equal(c.rest, "");
	assert_int_equal(hl_agent_command_parse("/state break", &c), HL_AGENT_ACT_STATE);
}

static void test_errors(void **state)
{
	hl_agent_cmdline c;

	(void)state;
	assert_int_equal(hl_agent_command_parse("/", &c), HL_AGENT_ACT_NONE);
	assert_non_null(c.error);
	assert_int_equal(hl_agent_command_parse("/nosuch", &c), HL_AGENT_ACT_NONE);
	assert_non_null(c.error);
	assert_int_equal(hl_agent_command_parse("/help me", &c), HL_AGENT_ACT_NONE);
	assert_non_null(c.error);
	assert_int_equal(hl_agent_command_parse("/accept 1 2", &c), HL_AGENT_ACT_NONE);
	assert_non_null(c.error);
	assert_non_null(strstr(c.error, "%s"));
	assert_string_equal(c.cmd->name, "accept");
	assert_int_equal(hl_agent_command_parse("/transfer", &c), HL_AGENT_ACT_NONE);
	assert_non_null(c.error);
	assert_int_equal(hl_agent_command_parse("/state   ", &c), HL_AGENT_ACT_NONE);
	assert_non_null(c.error);
}

static void test_table(void **state)
{
	(void)state;
	/* Every command is found by its own name, none shadows another. */
	for (const hl_agent_command *k = hl_agent_commands; k->name; k++) {
		char line[64];
		hl_agent_cmdline c;
		snprintf(line, sizeof line, "/%s%s", k->name, k->args == HL_AGENT_ARGS_WORD ? " x" : "");
		assert_int_equal(hl_agent_command_parse(line, &c), k->action);
		assert_ptr_equal(c.cmd, k);
		assert_non_null(k->help);
		assert_non_null(k->usage);
	}
}

static void test_state_words(void **state)
{
	char st[32], rs[32];

	(void)state;
	assert_int_equal(hl_agent_command_state("available", 9, "", st, rs, sizeof st), 0);
	assert_string_equal(st, "available");
	assert_string_equal(rs, "");
	assert_int_equal(hl_agent_command_state("offline", 7, "", st, rs, sizeof st), 0);
	assert_string_equal(st, "offline");
	assert_int_equal(hl_agent_command_state("lunch", 5, "", st, rs, sizeof st), 0);
	assert_string_equal(st, "not_ready");
	assert_string_equal(rs, "lunch");
	assert_int_equal(hl_agent_command_state("not_ready", 9, "training later", st, rs, sizeof st), 0);
	assert_string_equal(st, "not_ready");
	assert_string_equal(rs, "training");
	assert_int_equal(hl_agent_command_state("not_ready", 9, "", st, rs, sizeof st), -1);
	assert_int_equal(hl_agent_command_state("", 0, "", st, rs, sizeof st), -1);
	assert_int_equal(hl_agent_command_state("休息", strlen("休息"), "", st, rs, sizeof st), -1);
	assert_int_equal(hl_agent_command_state("a b", 3, "", st, rs, sizeof st), -1);
}

static void test_target(void **state)
{
	char who[68];

	(void)state;
	assert_true(hl_agent_command_target("@wang", 5, who, sizeof who));
	assert_string_equal(who, "wang");
	assert_false(hl_agent_command_target("aftersales", 10, who, sizeof who));
	assert_string_equal(who, "aftersales");
	assert_true(hl_agent_command_target("@", 1, who, sizeof who));
	assert_string_equal(who, "");
	assert_false(hl_agent_command_target("abcdef", 6, who, 4));
	assert_string_equal(who, "abc");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),      cmocka_unit_test(test_commands),
		cmocka_unit_test(test_errors),    cmocka_unit_test(test_table),
		cmocka_unit_test(test_state_words), cmocka_unit_test(test_target),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
