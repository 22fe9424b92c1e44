/* The login form's logic (common/tui/loginform.c) and the trust-on-first-
 * use decisions (common/clienttrust.c) the desks share: the focus starts
 * on the first empty field, Enter with a field empty moves there and says
 * so, Tab and Shift-Tab go round, Esc gives up; the broker's key is the
 * given one, else the remembered one, else none; the warning and prompt
 * name the broker and the key, in the desk's words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "clienttrust.h"
#include "keys.h"
#include "loginform.h"

static const char *const labels[HL_LOGIN_FIELDS] = {"Broker", "User", "Password"};

static void type(hl_tui_loginform *f, const char *s)
{
	for (; *s; s++)
		assert_int_equal(hl_tui_loginform_key(f, (unsigned char)*s, 7), HL_LOGIN_EDITED);
}

static void test_form(void **state)
{
	hl_tui_loginform f;

	(void)state;
	hl_tui_loginform_init(&f, "tcp://127.0.0.1:7000", NULL, NULL, labels, "%s is needed");
	assert_int_equal(f.focus, HL_LOGIN_USER);
	assert_false(hl_tui_loginform_complete(&f));
	/* Enter with the user and the password empty: the user is asked for. */
	hl_tui_loginform_key(&f, HL_TUI_KEY_DOWN, 7);
	assert_int_equal(f.focus, HL_LOGIN_PASSWORD);
	assert_int_equal(hl_tui_loginform_key(&f, HL_TUI_KEY_ENTER, 7), HL_LOGIN_EDITED);
	assert_int_equal(f.focus, HL_LOGIN_USER);
	assert_string_equal(f.msg, "User is needed");
	assert_int_equal(f.msg_role, 7);
	type(&f, "xiaoli");
	hl_tui_loginform_key(&f, HL_TUI_KEY_TAB, 7);
	type(&f, "secret");
	assert_true(hl_tui_loginform_complete(&f));
	assert_int_equal(hl_tui_loginform_key(&f, HL_TUI_KEY_ENTER, 7), HL_LOGIN_SUBMIT);
	/* Round the fields both ways. */
	hl_tui_loginform_key(&f, HL_TUI_KEY_TAB, 7);
	assert_int_equal(f.focus, HL_LOGIN_BROKER);
	hl_tui_loginform_key(&f, HL_TUI_KEY_TAB | HL_TUI_MOD_SHIFT, 7);
	assert_int_equal(f.focus, HL_LOGIN_PASSWORD);
	hl_tui_loginform_key(&f, HL_TUI_KEY_UP, 7);
	assert_int_equal(f.focus, HL_LOGIN_USER);
	{
		char *u = hl_tui_editor_text(&f.f[HL_LOGIN_USER]);
		assert_string_equal(u, "xiaoli");
		free(u);
	}
	assert_int_equal(hl_tui_loginform_key(&f, HL_TUI_KEY_ESC, 7), HL_LOGIN_QUIT);
	assert_int_equal(hl_tui_loginform_key(&f, HL_TUI_KEY_F(10), 7), HL_LOGIN_QUIT);
	hl_tui_loginform_free(&f);

	/* Everything given: the focus waits on the password. */
	hl_tui_loginform_init(&f, "tcp://b", "wang", "pw", labels, "%s is needed");
	assert_int_equal(f.focus, HL_LOGIN_PASSWORD);
	assert_true(hl_tui_loginform_complete(&f));
	hl_tui_loginform_free(&f);
}

static const char *zh(const char *msgid)
{
	if (strcmp(msgid, "you trusted before") == 0)
		return "您以前信任的";
	return msgid;
}

static void test_trust(void **state)
{
	char dir[] = "/tmp/hl-trust-XXXXXX", path[256], text[2048];
	hl_clienttrust t;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/known_brokers", dir);
	/* Nothing known, nothing given: first use. */
	hl_clienttrust_pin(&t, "", path, "tcp://127.0.0.1:7000");
	assert_string_equal(t.pin, "");
	assert_false(t.from_file);
	hl_clienttrust_first_text(NULL, "tcp://127.0.0.1:7000", "SHA256:abc", text, sizeof text);
	assert_non_null(strstr(text, "tcp://127.0.0.1:7000"));
	assert_non_null(strstr(text, "SHA256:abc"));
	/* Remembered in the file. */
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "tcp://127.0.0.1:7000 SHA256:abc\n");
	fclose(f);
	hl_clienttrust_pin(&t, "", path, "tcp://127.0.0.1:7000");
	assert_string_equal(t.pin, "SHA256:abc");
	assert_true(t.from_file);
	hl_clienttrust_changed_text(&t, zh, "tcp://127.0.0.1:7000", path, "pin mismatch", text,
				    sizeof text);
	assert_non_null(strstr(text, "您以前信任的"));   /* the desk's words */
	assert_non_null(strstr(text, path));             /* where to remove the line */
	assert_non_null(strstr(text, "pin mismatch"));
	/* Another broker is not known; a given pin wins over the file. */
	hl_clienttrust_pin(&t, "", path, "tcp://127.0.0.1:7001");
	assert_string_equal(t.pin, "");
	hl_clienttrust_pin(&t, "SHA256:given", path, "tcp://127.0.0.1:7000");
	assert_string_equal(t.pin, "SHA256:given");
	assert_false(t.from_file);
	hl_clienttrust_changed_text(&t, NULL, "tcp://127.0.0.1:7000", path, "", text, sizeof text);
	assert_non_null(strstr(text, "given with --pin"));
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_form),
		cmocka_unit_test(test_trust),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
