/* hotline-broker: init a state directory, print its key's fingerprint, or
 * run the broker in the foreground. */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <ini.h>
#include <sodium.h>

#include "auditkey.h"

#include "log.h"
#include "broker.h"
#include "clock.h"
#include "error.h"
#include "hashwork.h"
#include "module.h"
#include "statelock.h"
#include "statickey.h"
#include "noise.h"
#include "pwfile.h"
#include "store.h"
#include "store_audit.h"
#include "store_user.h"
#include "user.h"

#define MAX_LISTEN 16

struct opts {
	const char *state;
	const char *admin;
	const char *display;
	const char *password_file;
	const char *config;
	const char *listen[MAX_LISTEN];
	int n_listen;
	hl_broker_config cfg;
};

static int usage(void)
{
	fprintf(stderr,
		"usage: hotline-broker init --state DIR --admin NAME --password-file F [--display NAME]\n"
		"       hotline-broker fingerprint --state DIR\n"
		"       hotline-broker run --state DIR --listen URL [--listen URL]... [--config FILE]\n"
		"                          [--web http://HOST:PORT] [--web-root DIR]\n"
		"URLs: tcp://127.0.0.1:7700, ipc:///path/to/socket\n");
	return 2;
}

static int mkdirs(const char *dir)
{
	char buf[4096];
	size_t n = strlen(dir);

	if (n >= sizeof buf)
		return -1;
	memcpy(buf, dir, n + 1);
	for (size_t i = 1; i <= n; i++) {
		if (buf[i] == '/' || buf[i] == 0) {
			char c = buf[i];
			buf[i] = 0;
			if (mkdir(buf, 0700) != 0 && errno != EEXIST)
				return -1;
			buf[i] = c;
		}
	}
	return 0;
}

static int cmd_init(struct opts *o)
{
	uint8_t pub[32];
	char fp[64], path[4096], pw[HL_PASSWORD_MAX + 1];
	hl_store *st;
	hl_user u = {0};
	hl_audit_key ak;
	int rc;

	if (!o->state || !o->admin || !o->password_file)
		return usage();
	if (hl_user_name_valid(o->admin) < 0) {
		fprintf(stderr, "hotline-broker: '%s' is not a valid user name (letters, digits, "
			"'.', '_', '-')\n", o->admin);
		return 2;
	}
	if ((rc = hl_pwfile_read(o->password_file, pw, sizeof pw)) < 0 || strlen(pw) < 8) {
		fprintf(stderr, "hotline-broker: cannot use the password in %s: %s\n",
			o->password_file, rc == HL_E_IO ? strerror(errno) : "it must be 8 to 256 bytes on the first line");
		return 1;
	}
	if (mkdirs(o->state) < 0) {
		fprintf(stderr, "hotline-broker: cannot create %s: %s\n", o->state, strerror(errno));
		return 1;
	}
	snprintf(path, sizeof path, "%s/hotline.db", o->state);
	if (access(path, F_OK) == 0) {
		fprintf(stderr, "hotline-broker: %s exists already; init refuses to touch an "
			"existing state directory\n", path);
		return 1;
	}
	if (hl_statickey_create(o->state, pub) < 0 || hl_auditkey_open(o->state, 1, &ak) < 0)
		return 1;
	if (hl_store_open(path, &st) < 0)
		return 1;
	snprintf(u.name, sizeof u.name, "%s", o->admin);
	snprintf(u.display, sizeof u.display, "%s", o->display ? o->display : o->admin);
	u.role = HOTLINE__ROLE__ADMIN;
	u.created_ms = hl_clock_wall_ms();
	if (hl_hashwork_make(pw, u.pwhash) < 0 || hl_store_begin(st) < 0 ||
	    hl_store_user_insert(st, &u) < 0) {
		fprintf(stderr, "hotline-broker: cannot create the admin account\n");
		hl_store_close(st);
		return 1;
	}
	sodium_memzero(pw, sizeof pw);
	hl_audit_entry e = {.time_ms = u.created_ms, .actor = "hotline-broker",
			    .action = "init", .target = o->admin, .detail = "admin account created",
			    .result = "ok"};
	if (hl_store_audit_append(st, &ak, &e) < 0 || hl_store_commit(st) < 0 ||
	    hl_auditkey_witness(o->state, &ak, e.id, e.hash) < 0) {
		hl_store_close(st);
		return 1;
	}
	sodium_memzero(&ak, sizeof ak);
	hl_store_close(st);
	hl_noise_fingerprint(pub, fp);
	printf("state directory %s ready; admin account '%s'\n", o->state, o->admin);
	printf("fingerprint: %s\n", fp);
	return 0;
}

static int cmd_fingerprint(struct opts *o)
{
	uint8_t priv[32], pub[32];
	char fp[64];

	if (!o->state)
		return usage();
	if (hl_statickey_load(o->state, priv, pub) < 0)
		return 1;
	sodium_memzero(priv, sizeof priv);
	hl_noise_fingerprint(pub, fp);
	printf("%s\n", fp);
	return 0;
}

/* [web] caps and timeouts: key, destination, least value, scale. */
static int web_limit(hl_web_limits *l, const char *name, const char *value)
{
	struct {
		const char *key;
		int *dst;
		long min, max, scale;
	} keys[] = {
		{"max_conns", &l->max_conns, 1, 1000000, 1},
		{"max_conns_per_addr", &l->max_per_addr, 1, 1000000, 1},
		{"fd_reserve", &l->fd_reserve, 16, 1000000, 1},
		{"http_timeout_s", &l->http_timeout_ms, 1, 3600, 1000},
		{"hello_timeout_s", &l->hello_timeout_ms, 1, 3600, 1000},
		{"addr_rate_factor", &l->addr_rate_factor, 1, 100000, 1},
	};
	char *end;
	long v = strtol(value, &end, 10);

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (strcmp(name, keys[i].key) != 0)
			continue;
		if (*end || end == value || v < keys[i].min || v > keys[i].max)
			return 0;
		*keys[i].dst = (int)(v * keys[i].scale);
		return 1;
	}
	return 0;
}

/* [limits] keys: a table of name, destination, unit and least value. */
static int limits_entry(hl_broker_config *cfg, const char *name, const char *value)
{
	const struct {
		const char *key;
		int *i;          /* an int setting, or */
		int64_t *ms;     /* a time setting, given in seconds */
		long least;
	} keys[] = {
		{"sessions_max", &cfg->net.sessions_max, NULL, 10},
		{"prelogin_per_address", &cfg->net.prelogin_per_peer, NULL, 1},
		{"prelogin_ttl_s", &cfg->net.prelogin_ttl_ms, NULL, 1},
		{"login_fail_penalty_s", NULL, &cfg->login.fail_ms, 1},
		{"login_source_threshold_s", NULL, &cfg->login.source_min_ms, 1},
		{"login_penalty_max_s", NULL, &cfg->login.max_ms, 1},
		{"login_account_threshold_s", NULL, &cfg->login.account_min_ms, 1},
		{"logins_in_flight_per_address", &cfg->login.source_inflight, NULL, 1},
		{"logins_in_flight_per_account", &cfg->login.account_inflight, NULL, 1},
		{"logins_in_flight", &cfg->login.total_inflight, NULL, 1},
	};
	char *end;
	long v = strtol(value, &end, 10);

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (strcmp(name, keys[i].key) != 0)
			continue;
		if (*end || end == value || v < keys[i].least || v > 1000000)
			return 0;
		if (keys[i].ms)
			*keys[i].ms = (int64_t)v * 1000;
		else if (strcmp(name, "prelogin_ttl_s") == 0)
			*keys[i].i = (int)v * 1000;
		else
			*keys[i].i = (int)v;
		return 1;
	}
	return 0;
}

/* The broker-wide keys of [broker] and [web]: the long-poll, sessions and
 * the outbox, and the web port's caps. Returns 1 when taken. */
static int broker_key(hl_broker_config *cfg, const char *section, const char *name,
		      const char *value)
{
	long v = strtol(value, NULL, 10);

	if (strcmp(name, "poll_wait_ms") == 0 && v >= 100)
		cfg->poll_wait_ms = (int)v;
	else if (strcmp(name, "session_idle_s") == 0 && v >= 1)
		cfg->session_idle_ms = (int64_t)v * 1000;
	else if (strcmp(name, "outbox_max") == 0 && v >= 10)
		cfg->outbox_max = (int)v;
	else if (strcmp(section, "web") == 0 && web_limit(&cfg->web_limits, name, value))
		;
	else
		return 0;
	return 1;
}

/* The INI file: [limits] and the broker-wide keys here, every other key to
 * the module that owns its section (module.h); unknown keys are reported,
 * not ignored. [broker] and [web] share their keys (docs/operations.md:
 * recognised by name alone), so a key of either is tried in both. */
static int config_entry(void *arg, const char *section, const char *name, const char *value)
{
	hl_broker_config *cfg = arg;
	int shared = strcmp(section, "broker") == 0 || strcmp(section, "web") == 0;
	int rc;

	if (strcmp(section, "limits") == 0) {
		if (limits_entry(cfg, name, value))
			return 1;
		hl_log(HL_LOG_ERROR, "config: [limits] %s = %s is not a known setting or is out "
		       "of range", name, value);
		return 0;
	}
	if (shared) {
		if (broker_key(cfg, section, name, value) ||
		    hl_modules_config("broker", name, value) > 0 ||
		    hl_modules_config("web", name, value) > 0)
			return 1;
		rc = 0;
	} else {
		rc = hl_modules_config(section, name, value);
		if (rc > 0)
			return 1;
	}
	if (rc < 0)
		hl_log(HL_LOG_ERROR, "config: unknown section [%s]", section);
	else
		hl_log(HL_LOG_ERROR, "config: [%s] %s = %s is not a known setting or "
		       "is out of range", section, name, value);
	return 0;
}

struct sigctx {
	hl_broker *b;
	sigset_t set;
};

static void *signal_thread(void *arg)
{
	struct sigctx *sc = arg;
	int sig = 0;

	sigwait(&sc->set, &sig);
	hl_log(HL_LOG_INFO, "%s received, stopping", strsignal(sig));
	hl_broker_stop(sc->b);
	return NULL;
}

/* Descriptors: the soft limit goes up to the hard one (systemd's
 * LimitNOFILE sets both); the web port keeps a reserve below it. */
static void raise_nofile(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

static int cmd_run(struct opts *o)
{
	struct sigctx sc;
	pthread_t th;
	hl_broker *b;
	uint8_t priv[32], pub[32];
	char fp[64];
	int rc;

	if (!o->state || o->n_listen == 0)
		return usage();
	/* Held until the process ends: the kernel releases it on any exit. */
	if (hl_statelock_take(o->state) < 0)
		return 1;
	/* Without --config, the system-wide file is read when there is one. */
	if (!o->config && access("/etc/hotline/broker.ini", R_OK) == 0)
		o->config = "/etc/hotline/broker.ini";
	if (o->config) {
		rc = ini_parse(o->config, config_entry, &o->cfg);
		if (rc != 0) {
			hl_log(HL_LOG_ERROR, "%s: %s%d", o->config,
				rc < 0 ? "cannot read the file" : "error on line ", rc < 0 ? 0 : rc);
			return 1;
		}
	}
	/* Signals go to one thread that asks the loop to stop, so no handler
	 * runs inside domain code. */
	sigemptyset(&sc.set);
	sigaddset(&sc.set, SIGINT);
	sigaddset(&sc.set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sc.set, NULL);
	signal(SIGPIPE, SIG_IGN);
	raise_nofile();
	if (hl_broker_open(&b, o->state, &o->cfg) < 0)
		return 1;
	for (int i = 0; i < o->n_listen; i++) {
		if (hl_net_listen(b->net, o->listen[i]) < 0) {
			hl_broker_close(b);
			return 1;
		}
		hl_log(HL_LOG_INFO, "listening on %s", o->listen[i]);
	}
	if (o->cfg.web_url)
		hl_log(HL_LOG_INFO, "web chat on %s/", o->cfg.web_url);
	if (hl_statickey_load(o->state, priv, pub) == 0) {
		sodium_memzero(priv, sizeof priv);
		hl_noise_fingerprint(pub, fp);
		hl_log(HL_LOG_INFO, "key fingerprint %s", fp);
	}
	sc.b = b;
	pthread_create(&th, NULL, signal_thread, &sc);
	hl_log(HL_LOG_INFO, "ready");
	hl_broker_run(b);
	rc = b->commit_failed ? 1 : 0;
	pthread_cancel(th);
	pthread_join(th, NULL);
	hl_broker_close(b);
	hl_log(HL_LOG_INFO, "stopped");
	return rc;
}

static const struct command {
	const char *name;
	int (*fn)(struct opts *o);
} commands[] = {
	{"init", cmd_init},
	{"fingerprint", cmd_fingerprint},
	{"run", cmd_run},
};

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"state", required_argument, NULL, 's'},
		{"admin", required_argument, NULL, 'a'},
		{"display", required_argument, NULL, 'd'},
		{"password-file", required_argument, NULL, 'p'},
		{"listen", required_argument, NULL, 'l'},
		{"config", required_argument, NULL, 'c'},
		{"web", required_argument, NULL, 'w'},
		{"web-root", required_argument, NULL, 'r'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct opts o = {0};
	int ch;

	if (argc < 2)
		return usage();
	if (sodium_init() < 0) {
		fprintf(stderr, "hotline-broker: libsodium failed to initialise\n");
		return 1;
	}
	hl_broker_config_default(&o.cfg);
	optind = 2;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 's': o.state = optarg; break;
		case 'a': o.admin = optarg; break;
		case 'd': o.display = optarg; break;
		case 'p': o.password_file = optarg; break;
		case 'c': o.config = optarg; break;
		case 'w': o.cfg.web_url = optarg; break;
		case 'r': o.cfg.web_root = optarg; break;
		case 'l':
			if (o.n_listen == MAX_LISTEN) {
				fprintf(stderr, "hotline-broker: at most %d --listen\n", MAX_LISTEN);
				return 2;
			}
			o.listen[o.n_listen++] = optarg;
			break;
		default: return usage();
		}
	}
	if (optind != argc)
		return usage();
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(&o);
	fprintf(stderr, "hotline-broker: unknown command '%s'\n", argv[1]);
	return usage();
}
