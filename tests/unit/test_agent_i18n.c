/* Tests that the zh_CN catalogue is complete: every string the agent desk
 * marks with _() or N_() in the agent-tui sources has a translation in
 * po/zh_CN.po that is neither empty nor fuzzy. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

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

static int is_ident(char c)
{
	return isalnum((unsigned char)c) || c == '_';
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

static int check_source(const char *path)
{
	char *text = slurp(path);
	int missing = 0;

	assert_non_null(text);
	for (const char *s = text; *s; s++) {
		const char *p;
		char *str;
		int i, found = -1;
		if (s[0] != '_' || s[1] != '(')
			continue;
		/* _( or N_( as a whole word. */
		if (s > text && is_ident(s[-1]) &&
		    !(s[-1] == 'N' && (s - 1 == text || !is_ident(s[-2]))))
			continue;
		p = s + 2;
		if (!(str = literals(&p)))
			continue;  /* _(variable): a table marked with N_() */
		for (i = 0; i < n_ids; i++)
			if (strcmp(ids[i], str) == 0)
				found = i;
		if (found < 0 || !translated[found]) {
			printf("not translated (%s): \"%s\"\n", path, str);
			missing++;
		}
		free(str);
	}
	free(text);
	return missing;
}

static void test_catalogue_complete(void **state)
{
	char path[1024];
	DIR *dir;
	struct dirent *e;
	int missing = 0, files = 0;

	(void)state;
	snprintf(path, sizeof path, "%s/po/zh_CN.po", HL_SOURCE_DIR);
	load_po(path);
	assert_true(n_ids > 100);
	snprintf(path, sizeof path, "%s/agent-tui", HL_SOURCE_DIR);
	assert_non_null(dir = opendir(path));
	while ((e = readdir(dir))) {
		size_t n = strlen(e->d_name);
		if (n < 3 || strcmp(e->d_name + n - 2, ".c") != 0)
			continue;
		snprintf(path, sizeof path, "%s/agent-tui/%s", HL_SOURCE_DIR, e->d_name);
		missing += check_source(path);
		files++;
	}
	closedir(dir);
	assert_true(files > 5);
	assert_int_equal(missing, 0);
	for (int i = 0; i < n_ids; i++)
		free(ids[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_catalogue_complete),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
