/* hotline-ctl's command line: global options anywhere, the command's words,
 * its options and arguments, each checked against the command table, with
 * errors that name what is missing or wrong. */
#include "ctl.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

const hl_ctl_opt hl_ctl_globals[] = {
	{"broker", "URL", "the broker, tcp://HOST:PORT or ipc:///PATH (or HOTLINE_BROKER)", 0, 0, 0},
	{"pin", "FP", "the broker's key fingerprint, SHA256:... (or HOTLINE_PIN)", 0, 0, 0},
	{"user", "NAME", "the account to log in as (or HOTLINE_USER)", 0, 0, 0},
	{"password-file", "F", "its password, the first line of F (or HOTLINE_PASSWORD_FILE)", 0, 0, 0},
	{"session", "FILE", "keep the login session in FILE between commands", 0, 0, 0},
	{"timeout-ms", "MS", "a request's deadline (or HOTLINE_TIMEOUT_MS; default 15000)", 0, 1,
	 3600000},
	{"json", NULL, "machine-readable output: one JSON object on one line", 0, 0, 0},
	{"help", NULL, "this help; with a command, the command's own", 0, 0, 0},
	{NULL, NULL, NULL, 0, 0, 0},
};

static const hl_ctl_cmd *const tables[] = {hl_ctl_admin_cmds, hl_ctl_misc_cmds,
					    hl_ctl_chat_cmds, hl_ctl_supervise_cmds,
					    hl_ctl_code_cmds, hl_ctl_metric_cmds, hl_ctl_floor_cmds};

const hl_ctl_cmd *hl_ctl_find(const char *words)
{
	for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
		for (const hl_ctl_cmd *c = tables[t]; c->words; c++)
			if (strcmp(c->words, words) == 0)
				return c;
	return NULL;
}

void hl_ctl_each_cmd(void (*fn)(const hl_ctl_cmd *c, void *arg), void *arg)
{
	for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
		for (const hl_ctl_cmd *c = tables[t]; c->words; c++)
			fn(c, arg);
}

int hl_ctl_usage(hl_ctl *x, const char *fmt, ...)
{
	va_list ap;

	fputs("hotline-ctl: ", stderr);
	if (x && x->cmd)
		fprintf(stderr, "%s: ", x->cmd->words);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (x && x->cmd)
		fprintf(stderr, " (see 'hotline-ctl %s --help')\n", x->cmd->words);
	else
		fputs(" (see 'hotline-ctl help')\n", stderr);
	return HL_EXIT_USAGE;
}

/* How many words of argv[0..argc) spell c's words (0 when they do not). */
static int match_words(const hl_ctl_cmd *c, int argc, char **argv)
{
	const char *w = c->words;
	int n = 0;

	while (*w) {
		size_t len = strcspn(w, " ");
		if (n >= argc || strlen(argv[n]) != len || strncmp(argv[n], w, len) != 0)
			return 0;
		n++;
		w += len;
		w += *w == ' ';
	}
	return n;
}

struct find {
	int argc;
	char **argv;
	const hl_ctl_cmd *best;
	int used;
};

static void find_one(const hl_ctl_cmd *c, void *arg)
{
	struct find *f = arg;
	int n = match_words(c, f->argc, f->argv);

	if (n > f->used) {
		f->best = c;
		f->used = n;
	}
}

static const hl_ctl_opt *lookup(const hl_ctl_opt *opts, const char *name, size_t len)
{
	for (const hl_ctl_opt *o = opts; o && o->name; o++)
		if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
			return o;
	return NULL;
}

/* Checks a number option's value; returns 0 or prints and returns usage. */
static int check_number(hl_ctl *x, const hl_ctl_opt *o, const char *v)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (!v[0] || *end || errno || n < o->min || n > o->max)
		return hl_ctl_usage(x, "--%s wants a whole number from %ld to %ld, not '%s'",
				    o->name, o->min, o->max, v);
	return 0;
}

/* Applies a global option to x. */
static void set_global(hl_ctl *x, const hl_ctl_opt *o, const char *v, int *help)
{
	static const struct {
		const char *name;
		size_t off;
	} strs[] = {
		{"broker", offsetof(hl_ctl, broker)}, {"pin", offsetof(hl_ctl, pin)},
		{"user", offsetof(hl_ctl, user)}, {"password-file", offsetof(hl_ctl, password_file)},
		{"session", offsetof(hl_ctl, session_file)},
	};

	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
		if (strcmp(o->name, strs[i].name) == 0)
			*(const char **)((char *)x + strs[i].off) = v;
	if (strcmp(o->name, "timeout-ms") == 0)
		x->timeout_ms = atoi(v);
	else if (strcmp(o->name, "json") == 0)
		x->json = 1;
	else if (strcmp(o->name, "help") == 0)
		*help = 1;
}

/* Takes the option at argv[*i] (and its value); the command's own options
 * come first, so after `user add` --password-file is the new user's.
 * Returns 0 or an exit code. */
static int take_option(hl_ctl *x, int argc, char **argv, int *i, int *help)
{
	const char *a = argv[*i], *name = strcmp(a, "-h") == 0 ? "help" : a + 2;
	const char *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	const hl_ctl_opt *o = x->cmd ? lookup(x->cmd->opts, name, len) : NULL;
	int global = 0;
	const char *v = NULL;

	if (!o && (o = lookup(hl_ctl_globals, name, len)))
		global = 1;
	if (!o) {
		if (!x->cmd)
			return hl_ctl_usage(x, "unknown option %s; the global options are --broker, "
					    "--pin, --user, --password-file, --session, --timeout-ms, "
					    "--json and --help", a);
		if (!x->cmd->opts || !x->cmd->opts->name)
			return hl_ctl_usage(x, "unknown option %s; this command takes no options "
					    "of its own", a);
		char list[512] = "";
		for (const hl_ctl_opt *k = x->cmd->opts; k->name; k++)
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s--%s",
				 k == x->cmd->opts ? "" : k[1].name ? ", " : " and ", k->name);
		return hl_ctl_usage(x, "unknown option %s; it takes %s", a, list);
	}
	if (o->value) {
		if (eq) {
			v = eq + 1;
		} else if (*i + 1 < argc) {
			v = argv[++*i];
		} else {
			return hl_ctl_usage(x, "--%s needs a value: %s %s", o->name, o->value, o->help);
		}
		if (o->min < o->max && check_number(x, o, v))
			return HL_EXIT_USAGE;
	} else if (eq) {
		return hl_ctl_usage(x, "--%s takes no value", o->name);
	}
	if (global) {
		set_global(x, o, v, help);
		return 0;
	}
	if (!(o->flags & HL_CTL_REPEAT))
		for (int k = 0; k < x->ngiven; k++)
			if (x->given[k].opt == o)
				return hl_ctl_usage(x, "--%s is given twice; give it once", o->name);
	if (x->ngiven == HL_CTL_MAX_GIVEN)
		return hl_ctl_usage(x, "too many options (at most %d)", HL_CTL_MAX_GIVEN);
	x->given[x->ngiven].opt = o;
	x->given[x->ngiven++].value = v;
	return 0;
}

static int nargs(const hl_ctl_cmd *c, int *rest)
{
	int n = 0;

	*rest = 0;
	for (const hl_ctl_arg *a = c->args; a && a->name; a++, n++)
		if (a->optional == 2)
			*rest = 1;
	return n;
}

/* After the command line: every argument and required option present. */
static int check_complete(hl_ctl *x)
{
	int n = 0;

	for (const hl_ctl_arg *a = x->cmd->args; a && a->name; a++, n++)
		if (n >= x->npos && !a->optional)
			return hl_ctl_usage(x, "missing %s (%s)", a->name, a->help);
	for (const hl_ctl_opt *o = x->cmd->opts; o && o->name; o++)
		if ((o->flags & HL_CTL_REQUIRED) && !hl_ctl_has(x, o->name))
			return hl_ctl_usage(x, "missing --%s %s (%s)", o->name, o->value ? o->value : "",
					    o->help);
	return 0;
}

int hl_ctl_parse(hl_ctl *x, int argc, char **argv)
{
	struct find f = {0};
	int i = 0, help = 0, rest = 0, max, many, rc;

	/* Before the command: global options only. */
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++)
		if ((rc = take_option(x, argc, argv, &i, &help)))
			return rc;
	if (i >= argc) {
		hl_ctl_help_all(help ? stdout : stderr);
		return help ? HL_EXIT_OK : HL_EXIT_USAGE;
	}
	f.argc = argc - i;
	f.argv = argv + i;
	hl_ctl_each_cmd(find_one, &f);
	if (!f.best) {
		/* "user" alone: say which commands start so. */
		for (int k = i + 1; k < argc; k++)
			help |= strcmp(argv[k], "--help") == 0 || strcmp(argv[k], "-h") == 0;
		if (help && hl_ctl_help_group(stdout, argv[i]))
			return HL_EXIT_OK;
		int two = i + 1 < argc && argv[i + 1][0] != '-';
		if (!two && hl_ctl_help_group(NULL, argv[i]))
			hl_ctl_err("'%s' is the start of a command; add one more word", argv[i]);
		else
			hl_ctl_err("unknown command '%s%s%s'", argv[i], two ? " " : "",
				   two ? argv[i + 1] : "");
		if (!hl_ctl_help_group(stderr, argv[i]))
			fputs("See 'hotline-ctl help' for the commands.\n", stderr);
		return HL_EXIT_USAGE;
	}
	x->cmd = f.best;
	max = nargs(x->cmd, &many);
	for (i += f.used; i < argc; i++) {
		const char *a = argv[i];
		if (!rest && strcmp(a, "--") == 0) {
			rest = 1;  /* what follows is arguments, even "--text" */
		} else if (!rest && (strncmp(a, "--", 2) == 0 || strcmp(a, "-h") == 0)) {
			if ((rc = take_option(x, argc, argv, &i, &help)))
				return rc;
		} else if ((x->npos < max || many) && x->npos < HL_CTL_MAX_POS) {
			x->pos[x->npos++] = a;
		} else if (!help) {
			return hl_ctl_usage(x, "unexpected argument '%s'%s", a,
					    max ? "" : "; this command takes no arguments");
		}
	}
	if (help) {
		hl_ctl_help_cmd(stdout, x->cmd);
		return HL_EXIT_OK;
	}
	if ((rc = check_complete(x)))
		return rc;
	return -1;
}

const char *hl_ctl_opt_str(const hl_ctl *x, const char *name, const char *def)
{
	for (int k = x->ngiven - 1; k >= 0; k--)
		if (strcmp(x->given[k].opt->name, name) == 0)
			return x->given[k].value ? x->given[k].value : "";
	return def;
}

long hl_ctl_opt_num(const hl_ctl *x, const char *name, long def)
{
	const char *v = hl_ctl_opt_str(x, name, NULL);

	return v ? strtol(v, NULL, 10) : def;
}

int hl_ctl_has(const hl_ctl *x, const char *name)
{
	return hl_ctl_opt_str(x, name, NULL) != NULL;
}
