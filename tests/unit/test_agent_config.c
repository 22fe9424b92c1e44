/* Tests the client configuration file the agent desk reads: keys in any
 * section, ~/ paths, unknown keys ignored, a missing file, a bad line and
 * a value too long, and the default path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "clientconf.h"
#include "error.h"

static char path[64];

static void write_conf(const char *text)
{
	FILE *f;
	int fd;

	snprintf(path, sizeof path, "/tmp/hl-conf-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
}

static void test_load(void **state)
{
	hl_clientconf c;
	char err[300];

	(void)state;
	setenv("HOME", "/home/li", 1);
	write_conf("; the desk of 王小丽\n"
		   "[connection]\n"
		   "broker = tcp://10.0.0.5:7700\n"
		   "pin = SHA256:abc\n"
		   "user = xiaoli\n"
		   "password_file = ~/.config/hotline/pw\n"
		   "future_key = whatever\n"
		   "[display]\n"
		   "theme = light\n"
		   "queues = sales, aftersales\n");
	hl_clientconf_init(&c);
	assert_int_equal(hl_clientconf_load(&c, path, err, sizeof err), 0);
	assert_string_equal(c.broker, "tcp://10.0.0.5:7700");
	assert_string_equal(c.pin, "SHA256:abc");
	assert_string_equal(c.user, "xiaoli");
	assert_string_equal(c.password_file, "/home/li/.config/hotline/pw");
	assert_string_equal(c.theme, "light");
	assert_string_equal(c.queues, "sales, aftersales");
	assert_string_equal(c.known_brokers, "");
	unlink(path);
}

static void test_bad(void **state)
{
	hl_clientconf c;
	char err[300], big[2000];

	(void)state;
	hl_clientconf_init(&c);
	assert_int_equal(hl_clientconf_load(&c, "/nonexistent/agent.ini", err, sizeof err),
			 HL_E_NOTFOUND);
	write_conf("broker = tcp://a:1\nthis line has no equals sign\n");
	assert_int_equal(hl_clientconf_load(&c, path, err, sizeof err), HL_E_MALFORMED);
	assert_non_null(strstr(err, ":2:"));
	unlink(path);
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = 0;
	{
		char text[2100];
		snprintf(text, sizeof text, "user = %s\n", big);
		write_conf(text);
	}
	hl_clientconf_init(&c);
	assert_int_equal(hl_clientconf_load(&c, path, err, sizeof err), HL_E_MALFORMED);
	assert_non_null(strstr(err, "user"));
	assert_string_equal(c.user, "");
	unlink(path);
}

static void test_path(void **state)
{
	char out[200];

	(void)state;
	setenv("XDG_CONFIG_HOME", "/x", 1);
	assert_int_equal(hl_clientconf_path("agent", out, sizeof out), 0);
	assert_string_equal(out, "/x/hotline/agent.ini");
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", "/home/li", 1);
	assert_int_equal(hl_clientconf_path("agent", out, sizeof out), 0);
	assert_string_equal(out, "/home/li/.config/hotline/agent.ini");
	unsetenv("HOME");
	assert_int_equal(hl_clientconf_path("agent", out, sizeof out), HL_E_NOTFOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
