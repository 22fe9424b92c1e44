/* hotline-ctl: the admin and scripting client. Global options and
 * environment, the command table, connecting, and exit codes. */
#include "ctl.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "error.h"
#include "pbjson.h"
#include "pwfile.h"

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
		/* Name exactly what is missing. */
		static const struct {
			size_t off;
			const char *opt, *env;
		} need[] = {
			{offsetof(hl_ctl, broker), "--broker URL", "HOTLINE_BROKER"},
			{offsetof(hl_ctl, pin), "--pin FP", "HOTLINE_PIN"},
			{offsetof(hl_ctl, user), "--user NAME", "HOTLINE_USER"},
			{offsetof(hl_ctl, password_file), "--password-file F", "HOTLINE_PASSWORD_FILE"},
		};
		for (size_t i = 0; i < sizeof need / sizeof need[0]; i++) {
			const char *v = *(const char **)((const char *)x + need[i].off);
			if (!v || !v[0]) {
				hl_ctl_err("%s: missing %s (or set %s) to reach the broker",
					   x->cmd->words, need[i].opt, need[i].env);
				return HL_EXIT_USAGE;
			}
		}
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
	if (x->timeout_ms)
		o.timeout_ms = x->timeout_ms;
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
	if (rc == HL_E_THROTTLED) {
		hl_ctl_err("login throttled: %s; try again in %u s", hl_client_error(x->client),
			   (hl_client_retry_after_ms(x->client) + 999) / 1000);
		return hl_ctl_exit_code(rc);
	}
	if (rc < 0) {
		hl_ctl_err("login as '%s' failed: %s", x->user, hl_client_error(x->client));
		return rc == HL_E_AUTH || rc == HL_E_DISABLED ? HL_EXIT_LOGIN : hl_ctl_exit_code(rc);
	}
	return 0;
}

/* With HOTLINE_IDEM_KEY set, the Nth request of this command carries a key
 * derived from that text and N, so a script that runs the same command
 * again with the same text (after a crash, a kill or a lost terminal) gets
 * the first answer instead of a second change. Otherwise hl_client_call
 * picks a random key per request. */
static void script_key(Hotline__Request *rq, uint8_t key[HL_CLIENT_KEY_LEN])
{
	static uint32_t n_calls;
	const char *text = getenv("HOTLINE_IDEM_KEY");
	crypto_generichash_state st;
	uint8_t n[4] = {(uint8_t)(n_calls >> 24), (uint8_t)(n_calls >> 16),
			(uint8_t)(n_calls >> 8), (uint8_t)n_calls};

	n_calls++;
	if (!text || !text[0] || rq->idem_key.len)
		return;
	crypto_generichash_init(&st, NULL, 0, HL_CLIENT_KEY_LEN);
	crypto_generichash_update(&st, (const uint8_t *)text, strlen(text));
	crypto_generichash_update(&st, n, sizeof n);
	crypto_generichash_final(&st, key, HL_CLIENT_KEY_LEN);
	rq->idem_key.data = key;
	rq->idem_key.len = HL_CLIENT_KEY_LEN;
}

int hl_ctl_call(hl_ctl *x, Hotline__Request *rq, Hotline__Reply **rp)
{
	uint8_t key[HL_CLIENT_KEY_LEN];
	ProtobufCBinaryData given = rq->idem_key;
	int rc;

	script_key(rq, key);
	rc = hl_client_call(x->client, rq, rp);
	rq->idem_key = given;

	if (rc == 0)
		return 0;
	hl_ctl_err("%s", hl_client_error(x->client)[0] ? hl_client_error(x->client)
						       : hl_strerror(rc));
	hl_client_reply_free(*rp);
	*rp = NULL;
	return hl_ctl_exit_code(rc);
}

int hl_ctl_read_password(hl_ctl *x, const char *opt, char *pw, size_t size)
{
	const char *path = hl_ctl_opt_str(x, opt, NULL);
	int rc;

	if (!path)
		return hl_ctl_usage(x, "missing --%s F", opt);
	if ((rc = hl_pwfile_read(path, pw, size)) < 0)
		return hl_ctl_usage(x, "--%s %s: %s", opt, path,
				    rc == HL_E_IO ? "the file cannot be read"
						  : "the first line is empty or too long");
	return 0;
}

int main(int argc, char **argv)
{
	hl_ctl x = {
		.broker = getenv("HOTLINE_BROKER"),
		.pin = getenv("HOTLINE_PIN"),
		.user = getenv("HOTLINE_USER"),
		.password_file = getenv("HOTLINE_PASSWORD_FILE"),
	};
	int rc;

	if ((rc = hl_ctl_parse(&x, argc - 1, argv + 1)) >= 0)
		return rc;
	rc = x.cmd->fn(&x);
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
