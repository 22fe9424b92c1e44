/* The agent desk's action table (perform.c): every key binding and every
 * slash command names an action that exists and does something; every
 * action is in the table once, with a name and a help line in both
 * languages (a translation in po/zh_CN.po, neither empty nor fuzzy); the
 * help overlay shows each binding with its action's help line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "action.h"
#include "actions.h"
#include "command.h"
#include "keymap.h"

#define MAX_ENTRIES 2000

static char *ids[MAX_ENTRIES];
static int translated[MAX_ENTRIES];
static int n_ids;

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	long n;
	char *s;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	s = malloc((size_t)n + 1);
	if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
		free(s);
		s = NULL;
	}
	if (s)
		s[n] = 0;
	fclose(f);
	return s;
}

/* Reads adjacent C string literals at *p ("a" "b" → "ab"), escapes
 * decoded; returns a new string, or NULL when *p holds no literal. */
static char *literals(const char **p)
{
	size_t cap = 256, len = 0;
	char *out = NULL;
	const char *s = *p;

	for (;;) {
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		if (*s != '"')
			break;
		if (!out && !(out = malloc(cap)))
			return NULL;
		for (s++; *s && *s != '"'; s++) {
			char c = *s;
			if (c == '\\') {
				c = *++s;
				c = c == 'n' ? '\n' : c == 't' ? '\t' : c;
			}
			if (len + 2 > cap)
				out = realloc(out, cap *= 2);
			out[len++] = c;
		}
		if (*s == '"')
			s++;
	}
	if (out)
		out[len] = 0;
	*p = s;
	return out;
}

/* The catalogue: msgid → translated (non-empty msgstr, not fuzzy). */
static void load_po(const char *path)
{
	char *text = slurp(path);
	const char *s = text;
	int fuzzy = 0;

	assert_non_null(text);
	while (*s) {
		if (strncmp(s, "#,", 2) == 0 && strstr(s, "fuzzy") &&
		    strstr(s, "fuzzy") < strchr(s, '\n'))
			fuzzy = 1;
		if (strncmp(s, "msgid ", 6) == 0) {
			const char *p = s + 6;
			char *id = literals(&p), *str = NULL;
			while (*p == '\n' || *p == ' ')
				p++;
			if (strncmp(p, "msgstr ", 7) == 0) {
				p += 7;
				str = literals(&p);
			}
			if (id && id[0] && n_ids < MAX_ENTRIES) {
				ids[n_ids] = id;
				translated[n_ids++] = !fuzzy && str && str[0];
			} else {
				free(id);
			}
			free(str);
			fuzzy = 0;
			s = p;
			continue;
		}
		s = strchr(s, '\n');
		if (!s)
			break;
		s++;
	}
	free(text);
}

/* 1 when msgid has a Chinese translation. */
static int in_chinese(const char *msgid)
{
	for (int i = 0; i < n_ids; i++)
		if (strcmp(ids[i], msgid) == 0)
			return translated[i];
	return 0;
}

static void test_bindings_name_actions(void **state)
{
	size_t nk, na;
	const hl_tui_key *keys = hl_agent_keymap(&nk);
	const hl_tui_action *acts = hl_agent_actions(&na);

	(void)state;
	for (size_t i = 0; i < nk; i++) {
		const hl_tui_action *a;
		if (!keys[i].key)
			continue;  /* a heading */
		a = hl_tui_action_find(acts, na, keys[i].action);
		if (!a || !a->run)
			fail_msg("key binding %zu (%s) names action %d, which the table has not",
				 i, keys[i].label ? keys[i].label : "", keys[i].action);
	}
	for (const hl_agent_command *c = hl_agent_commands; c->name; c++) {
		const hl_tui_action *a = hl_tui_action_find(acts, na, c->action);
		if (!a || !a->run)
			fail_msg("/%s names action %d, which the table has not", c->name, c->action);
	}
}

static void test_every_action_once_with_help_in_both_languages(void **state)
{
	size_t na;
	const hl_tui_action *acts = hl_agent_actions(&na);
	char path[1024];

	(void)state;
	snprintf(path, sizeof path, "%s/po/zh_CN.po", HL_SOURCE_DIR);
	load_po(path);
	assert_true(n_ids > 100);
	for (int id = HL_AGENT_ACT_NONE + 1; id < HL_AGENT_ACT_COUNT; id++) {
		int seen = 0;
		for (size_t i = 0; i < na; i++)
			seen += acts[i].id == id;
		if (seen != 1)
			fail_msg("action %d is in the table %d times", id, seen);
	}
	assert_int_equal(na, HL_AGENT_ACT_COUNT - 1);
	for (size_t i = 0; i < na; i++) {
		assert_non_null(acts[i].name);
		assert_true(acts[i].name[0]);
		for (size_t k = 0; k < i; k++)
			if (strcmp(acts[k].name, acts[i].name) == 0)
				fail_msg("two actions are named %s", acts[i].name);
		if (!acts[i].help || !acts[i].help[0])
			fail_msg("action %s has no help line", acts[i].name);
		if (!in_chinese(acts[i].help))
			fail_msg("action %s: help \"%s\" has no Chinese in po/zh_CN.po",
				 acts[i].name, acts[i].help);
	}
	for (int i = 0; i < n_ids; i++)
		free(ids[i]);
	n_ids = 0;
}

/* The help overlay is built from the two tables: a binding's line is its
 * action's help (the catalogue is not loaded here, so untranslated). */
static void test_help_from_the_tables(void **state)
{
	size_t nk, na, nh;
	const hl_tui_key *keys = hl_agent_keymap(&nk);
	const hl_tui_action *acts = hl_agent_actions(&na);
	hl_tui_key help[80];

	(void)state;
	nh = hl_agent_keymap_help(acts, na, help, 80);
	assert_true(nh > nk);
	for (size_t i = 0; i < nk; i++) {
		assert_int_equal(help[i].key, keys[i].key);
		if (keys[i].key)
			assert_string_equal(help[i].help,
					    hl_tui_action_find(acts, na, keys[i].action)->help);
	}
	/* F3 and Alt-4 reach their actions through the key table. */
	{
		int number;
		assert_int_equal(hl_agent_keymap_action(HL_TUI_KEY_F(3), &number),
				 HL_AGENT_ACT_ACCEPT);
		assert_string_equal(hl_tui_action_find(acts, na, HL_AGENT_ACT_ACCEPT)->name,
				    "accept");
		assert_int_equal(hl_agent_keymap_action(HL_TUI_ALT('4'), &number), HL_AGENT_ACT_GOTO);
		assert_int_equal(number, 4);
	}
	/* An id the table has not is refused, not run. */
	assert_int_equal(hl_tui_action_run(acts, na, HL_AGENT_ACT_COUNT + 7, NULL, NULL), -12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bindings_name_actions),
		cmocka_unit_test(test_every_action_once_with_help_in_both_languages),
		cmocka_unit_test(test_help_from_the_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
