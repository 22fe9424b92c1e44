/* hotline-ctl: the admin and scripting client. Global options and
 * environment, the command table, connecting, and exit codes. */
#include "ctl.h"

#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "error.h"
#include "pbjson.h"
#include "pwfile.h"

static const hl_ctl_cmd *const tables[] = {hl_ctl_admin_cmds, hl_ctl_misc_cmds,
					    hl_ctl_chat_cmds, hl_ctl_code_cmds};

void hl_ctl_err(const char *fmt, ...)
{
	va_list ap;

	fputs("hotline-ctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int hl_ctl_exit_code(int err)
{
	static const struct {
		int err, code;
	} map[] = {
		{HL_E_CONNECT, HL_EXIT_CONNECT}, {HL_E_PIN, HL_EXIT_CONNECT},
		{HL_E_VERSION, HL_EXIT_CONNECT}, {HL_E_TIMEOUT, HL_EXIT_CONNECT},
		{HL_E_AUTH, HL_EXIT_LOGIN}, {HL_E_DISABLED, HL_EXIT_LOGIN},
		{HL_E_THROTTLED, HL_EXIT_LOGIN}, {HL_E_PERM, HL_EXIT_PERM},
		{HL_E_INVALID, HL_EXIT_USAGE},
	};

	if (err == 0)
		return HL_EXIT_OK;
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (map[i].err == err)
			return map[i].code;
	return HL_EXIT_ERROR;
}

static void usage_all(FILE *f)
{
	fprintf(f, "usage: hotline-ctl [--broker URL] [--pin FINGERPRINT] [--user NAME]\n"
		   "                   [--password-file F] [--session FILE] [--json] COMMAND [ARGS]\n\n"
		   "--session FILE keeps the session (its resume token and event position) in\n"
		   "FILE between commands, so a script acts as one logged-in client.\n\n"
		   "Options may also come from HOTLINE_BROKER, HOTLINE_PIN, HOTLINE_USER and\n"
		   "HOTLINE_PASSWORD_FILE.\n\nCommands:\n");
	for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
		for (const hl_ctl_cmd *c = tables[t]; c->words; c++)
			fprintf(f, "  %-14s %-40s %s\n", c->words, c->args, c->help);
	fprintf(f, "\nExit codes: 0 done; 1 other error; 2 usage; 3 cannot connect or the\n"
		   "broker's key does not match the pin; 4 login refused; 5 permission denied.\n");
}

int hl_ctl_usage(hl_ctl *x, const char *what)
{
	(void)x;
	hl_ctl_err("%s (see 'hotline-ctl --help')", what);
	return HL_EXIT_USAGE;
}

void hl_ctl_print_json(cJSON *j)
{
	char *s = cJSON_PrintUnformatted(j);

	if (s) {
		puts(s);
		free(s);
	}
	cJSON_Delete(j);
	fflush(stdout);
}

void hl_ctl_print_msg(const ProtobufCMessage *m)
{
	hl_ctl_print_json(hl_pbjson_from(m, 0));
}

int hl_ctl_flags(hl_ctl *x, int npos, const char **pos, const hl_ctl_flag *flags)
{
	int got = 0;

	for (int i = 0; i < x->argc; i++) {
		const char *a = x->argv[i];
		const hl_ctl_flag *f = NULL;

		if (strncmp(a, "--", 2) != 0) {
			if (got == npos)
				return hl_ctl_usage(x, "too many arguments");
			pos[got++] = a;
			continue;
		}
		for (const hl_ctl_flag *k = flags; k && k->name; k++)
			if (strcmp(a + 2, k->name) == 0)
				f = k;
		if (!f) {
			hl_ctl_err("unknown option %s", a);
			return HL_EXIT_USAGE;
		}
		if (f->set) {
			*f->set = 1;
		} else {
			if (i + 1 >= x->argc) {
				hl_ctl_err("option %s needs a value", a);
				return HL_EXIT_USAGE;
			}
			*f->value = x->argv[++i];
		}
	}
	if (got < npos)
		return hl_ctl_usage(x, "missing arguments");
	return 0;
}

/* A session file holds "token last_seq user". Resumes it; returns 0, or a
 * negative code when the caller must log in instead. */
static int session_resume(hl_ctl *x)
{
	char token[80], user[80];
	unsigned long long seq;
	FILE *f = fopen(x->session_file, "r");
	int n;

	if (!f)
		return HL_E_NOTFOUND;
	n = fscanf(f, "%79s %llu %79s", token, &seq, user);
	fclose(f);
	if (n != 3 || strcmp(user, x->user) != 0)
		return HL_E_INVALID;
	return hl_client_resume(x->client, token, seq);
}

/* Writes the session file after a command (mode 0600: the token is a
 * credential). */
static void session_save(hl_ctl *x)
{
	FILE *f;
	int fd = open(x->session_file, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		hl_ctl_err("cannot write the session file %s", x->session_file);
		if (fd >= 0)
			close(fd);
		return;
	}
	fprintf(f, "%s %llu %s\n", hl_client_token(x->client),
		(unsigned long long)hl_client_last_seq(x->client), x->user);
	fclose(f);
}

int hl_ctl_connect(hl_ctl *x)
{
	hl_client_opts o = {.url = x->broker, .pin = x->pin, .name = "hotline-ctl"};
	char err[400], pw[HL_PASSWORD_MAX + 1];
	const char *pv = getenv("HOTLINE_PROTOCOL_VERSION");
	const char *to = getenv("HOTLINE_TIMEOUT_MS");
	int rc;

	if (!x->pin || !x->pin[0]) {
		hl_ctl_err("no pin: set HOTLINE_PIN or --pin; get it with hotline-broker "
			   "fingerprint");
		return HL_EXIT_USAGE;
	}
	if (!x->broker || !x->user || !x->password_file) {
		hl_ctl_err("need --broker, --pin, --user and --password-file (or HOTLINE_BROKER, "
			   "HOTLINE_PIN, HOTLINE_USER, HOTLINE_PASSWORD_FILE)");
		return HL_EXIT_USAGE;
	}
	/* Read the password before connecting: a bad file is a usage error,
	 * not a reason to touch the network. */
	if ((rc = hl_pwfile_read(x->password_file, pw, sizeof pw)) < 0) {
		hl_ctl_err("cannot read a password from %s: %s", x->password_file,
			   rc == HL_E_IO ? "the file cannot be read" : "the first line is empty");
		return HL_EXIT_USAGE;
	}
	if (pv)
		o.protocol_version = (unsigned)strtoul(pv, NULL, 10);
	if (to)
		o.timeout_ms = atoi(to);
	rc = hl_client_open(&x->client, &o, err, sizeof err);
	if (rc < 0) {
		sodium_memzero(pw, sizeof pw);
		hl_ctl_err("%s", err);
		return hl_ctl_exit_code(rc);
	}
	if (x->session_file && session_resume(x) == 0) {
		sodium_memzero(pw, sizeof pw);
		return 0;
	}
	rc = hl_client_login(x->client, x->user, pw);
	sodium_memzero(pw, sizeof pw);
	if (rc < 0) {
		hl_ctl_err("login as '%s' failed: %s", x->user, hl_client_error(x->client));
		return rc == HL_E_AUTH || rc == HL_E_DISABLED ? HL_EXIT_LOGIN : hl_ctl_exit_code(rc);
	}
	return 0;
}

int hl_ctl_call(hl_ctl *x, Hotline__Request *rq, Hotline__Reply **rp)
{
	int rc = hl_client_call(x->client, rq, rp);

	if (rc == 0)
		return 0;
	hl_ctl_err("%s", hl_client_error(x->client)[0] ? hl_client_error(x->client)
						       : hl_strerror(rc));
	hl_client_reply_free(*rp);
	*rp = NULL;
	return hl_ctl_exit_code(rc);
}

/* Finds the command whose words start argv; sets *used to how many. */
static const hl_ctl_cmd *find(int argc, char **argv, int *used)
{
	for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
		for (const hl_ctl_cmd *c = tables[t]; c->words; c++) {
			char words[64];
			int n = 0;
			snprintf(words, sizeof words, "%s", c->words);
			int ok = 1;
			for (char *w = strtok(words, " "); w; w = strtok(NULL, " "), n++)
				if (n >= argc || strcmp(argv[n], w) != 0)
					ok = 0;
			if (ok) {
				*used = n;
				return c;
			}
		}
	}
	return NULL;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"broker", required_argument, NULL, 'b'},
		{"pin", required_argument, NULL, 'p'},
		{"user", required_argument, NULL, 'u'},
		{"password-file", required_argument, NULL, 'f'},
		{"json", no_argument, NULL, 'j'},
		{"session", required_argument, NULL, 's'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	hl_ctl x = {
		.broker = getenv("HOTLINE_BROKER"),
		.pin = getenv("HOTLINE_PIN"),
		.user = getenv("HOTLINE_USER"),
		.password_file = getenv("HOTLINE_PASSWORD_FILE"),
	};
	const hl_ctl_cmd *cmd;
	int ch, used = 0, rc;

	/* '+' stops at the command, so its own options are left for it. */
	while ((ch = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (ch) {
		case 'b': x.broker = optarg; break;
		case 'p': x.pin = optarg; break;
		case 'u': x.user = optarg; break;
		case 'f': x.password_file = optarg; break;
		case 'j': x.json = 1; break;
		case 's': x.session_file = optarg; break;
		case 'h': usage_all(stdout); return 0;
		default: usage_all(stderr); return HL_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage_all(stderr);
		return HL_EXIT_USAGE;
	}
	if (!(cmd = find(argc - optind, argv + optind, &used))) {
		hl_ctl_err("unknown command '%s'; see 'hotline-ctl --help'", argv[optind]);
		return HL_EXIT_USAGE;
	}
	x.argc = argc - optind - used;
	x.argv = argv + optind + used;
	rc = cmd->fn(&x);
	if (x.client && hl_client_me(x.client) && x.session_file) {
		session_save(&x);
	} else if (x.client && hl_client_me(x.client)) {
		/* A script's session ends with the command; nothing will resume it. */
		Hotline__Request rq = HOTLINE__REQUEST__INIT;
		Hotline__Logout lo = HOTLINE__LOGOUT__INIT;
		Hotline__Reply *rp = NULL;
		rq.body_case = HOTLINE__REQUEST__BODY_LOGOUT;
		rq.logout = &lo;
		hl_client_call(x.client, &rq, &rp);
		hl_client_reply_free(rp);
	}
	hl_client_close(x.client);
	return rc;
}
