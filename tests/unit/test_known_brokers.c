/* Tests the known-brokers file: lookup by URL, comments and junk lines,
 * appending a trusted key (file and folders created private), the
 * default path from XDG_CONFIG_HOME or HOME. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "error.h"
#include "known_brokers.h"

static char dir[256];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/hl-known-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[300];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_find(void **state)
{
	char path[300], fp[128];

	(void)state;
	snprintf(path, sizeof path, "%s/known", dir);
	write_file(path, "# trusted brokers\n"
			 "\n"
			 "tcp://a:1 SHA256:aaa\n"
			 "junk-without-key\n"
			 "tcp://b:2\tSHA256:bbb   \n"
			 "tcp://a:1 SHA256:second\n"
			 "tcp://c:3 SHA256:ccc");  /* no newline at the end */
	assert_int_equal(hl_known_brokers_find(path, "tcp://a:1", fp, sizeof fp), 0);
	assert_string_equal(fp, "SHA256:aaa");  /* the first line wins */
	assert_int_equal(hl_known_brokers_find(path, "tcp://b:2", fp, sizeof fp), 0);
	assert_string_equal(fp, "SHA256:bbb");
	assert_int_equal(hl_known_brokers_find(path, "tcp://c:3", fp, sizeof fp), 0);
	assert_string_equal(fp, "SHA256:ccc");
	assert_int_equal(hl_known_brokers_find(path, "tcp://a:11", fp, sizeof fp), HL_E_NOTFOUND);
	assert_int_equal(hl_known_brokers_find(path, "junk-without-key", fp, sizeof fp),
			 HL_E_NOTFOUND);
	assert_int_equal(hl_known_brokers_find(path, "tcp://a:1", fp, 5), HL_E_TOOBIG);
	snprintf(path, sizeof path, "%s/none", dir);
	assert_int_equal(hl_known_brokers_find(path, "tcp://a:1", fp, sizeof fp), HL_E_NOTFOUND);
}

static void test_long_line_skipped(void **state)
{
	char path[300], fp[64], big[3000];

	(void)state;
	snprintf(path, sizeof path, "%s/long", dir);
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = 0;
	{
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fprintf(f, "tcp://a:1 %s\ntcp://d:4 SHA256:ddd\n", big);
		fclose(f);
	}
	/* The overlong line is not half-read as two lines. */
	assert_int_equal(hl_known_brokers_find(path, "tcp://a:1", fp, sizeof fp), HL_E_NOTFOUND);
	assert_int_equal(hl_known_brokers_find(path, "tcp://d:4", fp, sizeof fp), 0);
	assert_string_equal(fp, "SHA256:ddd");
}

static void test_add(void **state)
{
	char path[300], fp[128], sub[300];
	struct stat st;

	(void)state;
	/* Two missing folders: $XDG_CONFIG_HOME and its hotline/. */
	snprintf(path, sizeof path, "%s/xdg/hotline/known_brokers", dir);
	assert_int_equal(hl_known_brokers_add(path, "tcp://127.0.0.1:9", "SHA256:k1"), 0);
	assert_int_equal(hl_known_brokers_add(path, "ipc:///run/h.sock", "SHA256:k2"), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	snprintf(sub, sizeof sub, "%s/xdg/hotline", dir);
	assert_int_equal(stat(sub, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_equal(hl_known_brokers_find(path, "tcp://127.0.0.1:9", fp, sizeof fp), 0);
	assert_string_equal(fp, "SHA256:k1");
	assert_int_equal(hl_known_brokers_find(path, "ipc:///run/h.sock", fp, sizeof fp), 0);
	assert_string_equal(fp, "SHA256:k2");
	/* A space or a newline would break the file's lines. */
	assert_int_equal(hl_known_brokers_add(path, "tcp://x y", "SHA256:k"), HL_E_INVALID);
	assert_int_equal(hl_known_brokers_add(path, "tcp://x", "SHA256:k\nevil k"), HL_E_INVALID);
	assert_int_equal(hl_known_brokers_add(path, "", "SHA256:k"), HL_E_INVALID);
}

static void test_path(void **state)
{
	char out[300];

	(void)state;
	setenv("XDG_CONFIG_HOME", "/x/conf", 1);
	assert_int_equal(hl_known_brokers_path(out, sizeof out), 0);
	assert_string_equal(out, "/x/conf/hotline/known_brokers");
	setenv("XDG_CONFIG_HOME", "", 1);
	setenv("HOME", "/home/li", 1);
	assert_int_equal(hl_known_brokers_path(out, sizeof out), 0);
	assert_string_equal(out, "/home/li/.config/hotline/known_brokers");
	assert_int_equal(hl_known_brokers_path(out, 10), HL_E_TOOBIG);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("HOME");
	assert_int_equal(hl_known_brokers_path(out, sizeof out), HL_E_NOTFOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_find, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_line_skipped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add, setup, teardown),
		cmocka_unit_test(test_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
