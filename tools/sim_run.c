/* hotline-sim run: simulated customers on the real WebSocket chat and
 * simulated agents on the real channel, every line tagged and checked;
 * this file holds the command, its options and the run's set-up and end.
 *
 * One loop thread (the caller's, sim_sched.c) owns all simulation state:
 * customers (sim_cust.c), agents' conversations (sim_agent.c), timers and
 * the checks (sim_report.c). Everything else only moves data to it
 * through one event queue:
 *   - nng's threads run the customers' WebSockets (sim_ws.c) and post the
 *     lines they receive;
 *   - one poller thread per agent long-polls the agent's events (the client
 *     library's poll blocks, so each agent needs a thread to wait in; they
 *     sleep in the kernel and use small stacks);
 *   - a small pool of worker threads makes the agents' requests, at most
 *     one at a time per agent so an agent's lines leave in order.
 * Both sides run in this process on one monotonic clock, so a line's tag
 * carries its send time and the receiver measures the latency. */
#include "sim_run.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <nng/nng.h>
#include <sodium.h>

#include "error.h"
#include "pwfile.h"
#include "sim_agent.h"
#include "sim_cust.h"
#include "sim_int.h"
#include "sim_rand.h"
#include "sim_report.h"
#include "sim_sched.h"
#include "sim_stats.h"

static const char usage[] =
	"usage: hotline-sim run --broker URL --pin FP --web ws://HOST:PORT/chat\n"
	"         --customers PER_MINUTE --agents N --duration SECONDS [--seed S] [--json]\n"
	"         [--agent-prefix simagent] [--password-file F] [--queue-item ITEM]\n"
	"         [--typing-ms MEAN] [--patience-s MEAN]\n"
	"Agents PREFIX1..PREFIXN must exist with the password in --password-file\n"
	"(or HOTLINE_PASSWORD_FILE); --broker and --pin default to HOTLINE_BROKER and\n"
	"HOTLINE_PIN. Exit status: 0 nothing lost, duplicated or out of order; 1 otherwise\n"
	"or the run failed; 2 usage.\n";

/* The run. Static rather than on the stack: a poller stuck on a broker
 * that went away outlives the command, and still reads it. */
static hl_sim_run run;

/* ---- options ---- */

static int parse(int argc, char **argv, hl_sim_run_opts *o)
{
	const char *customers = NULL, *agents = NULL, *duration = NULL, *seed = NULL;
	const char *typing = NULL, *patience = NULL;
	const struct {
		const char *name;
		const char **value;
		int *set;
	} flags[] = {
		{"broker", &o->broker, NULL}, {"pin", &o->pin, NULL}, {"web", &o->web, NULL},
		{"customers", &customers, NULL}, {"agents", &agents, NULL},
		{"duration", &duration, NULL}, {"seed", &seed, NULL}, {"json", NULL, &o->json},
		{"agent-prefix", &o->prefix, NULL}, {"password-file", &o->pwfile, NULL},
		{"queue-item", &o->item, NULL}, {"typing-ms", &typing, NULL},
		{"patience-s", &patience, NULL},
	};
	char *end;

	o->broker = getenv("HOTLINE_BROKER");
	o->pin = getenv("HOTLINE_PIN");
	o->pwfile = getenv("HOTLINE_PASSWORD_FILE");
	o->prefix = "simagent";
	for (int i = (argc > 0 && strncmp(argv[0], "--", 2) != 0) ? 1 : 0; i < argc; i++) {
		const char *a = argv[i], *eq;
		size_t len;
		int found = 0;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(usage, stdout);
			return 1;
		}
		if (strncmp(a, "--", 2) != 0) {
			hl_sim_report_warn("unexpected argument '%s'\n%s", a, usage);
			return HL_E_INVALID;
		}
		a += 2;
		eq = strchr(a, '=');
		len = eq ? (size_t)(eq - a) : strlen(a);
		for (size_t k = 0; k < sizeof flags / sizeof flags[0] && !found; k++) {
			if (strlen(flags[k].name) != len || strncmp(a, flags[k].name, len) != 0)
				continue;
			found = 1;
			if (flags[k].set) {
				*flags[k].set = 1;
			} else if (eq) {
				*flags[k].value = eq + 1;
			} else if (i + 1 < argc) {
				*flags[k].value = argv[++i];
			} else {
				hl_sim_report_warn("option --%s needs a value", flags[k].name);
				return HL_E_INVALID;
			}
		}
		if (!found) {
			hl_sim_report_warn("unknown option %s\n%s", argv[i], usage);
			return HL_E_INVALID;
		}
	}
	if (!o->pin || !o->pin[0]) {
		/* Agents log in with a password: never to a key nobody vouched for. */
		hl_sim_report_warn("no pin: set HOTLINE_PIN or --pin; get it with hotline-broker "
				   "fingerprint");
		return HL_E_INVALID;
	}
	if (!o->broker || !o->pin || !o->web || !customers || !agents || !duration ||
	    !o->pwfile) {
		hl_sim_report_warn("need --broker, --pin, --web, --customers, --agents, --duration "
				   "and --password-file\n%s", usage);
		return HL_E_INVALID;
	}
	if (strncmp(o->web, "ws://", 5) != 0 && strncmp(o->web, "wss://", 6) != 0) {
		hl_sim_report_warn("--web must be a ws:// address such as ws://127.0.0.1:8080/chat");
		return HL_E_INVALID;
	}
	errno = 0;
	o->per_min = strtod(customers, &end);
	if (*end || errno || !(o->per_min >= 0) || o->per_min > 1e6) {
		hl_sim_report_warn("--customers is arrivals per minute, 0 to 1000000");
		return HL_E_INVALID;
	}
	o->agents = (int)strtol(agents, &end, 10);
	if (*end || o->agents < 1 || o->agents > 100000) {
		hl_sim_report_warn("--agents must be 1 to 100000");
		return HL_E_INVALID;
	}
	o->duration_s = (int)strtol(duration, &end, 10);
	if (*end || o->duration_s < 1 || o->duration_s > 86400) {
		hl_sim_report_warn("--duration is seconds, 1 to 86400");
		return HL_E_INVALID;
	}
	o->seed = seed ? strtoull(seed, &end, 10) : 1;
	if (seed && *end) {
		hl_sim_report_warn("--seed must be a number");
		return HL_E_INVALID;
	}
	o->typing_ms = typing ? (int)strtol(typing, &end, 10) : 2000;
	if ((typing && *end) || o->typing_ms < 10 || o->typing_ms > 600000) {
		hl_sim_report_warn("--typing-ms must be 10 to 600000");
		return HL_E_INVALID;
	}
	o->patience_s = patience ? strtod(patience, &end) : 90;
	if ((patience && *end) || !(o->patience_s > 0) || o->patience_s > 86400) {
		hl_sim_report_warn("--patience-s must be more than 0 and at most 86400");
		return HL_E_INVALID;
	}
	if (strlen(o->prefix) > 40) {
		hl_sim_report_warn("--agent-prefix is too long");
		return HL_E_INVALID;
	}
	return 0;
}

/* ---- the command ---- */

/* Reads the options, the password and what else can be checked before
 * anything starts. Returns -1 to go on, or the exit status to end with
 * (0 after --help, 2 for a usage error, 1 when libsodium fails). */
static int prepare(hl_sim_run *S, int argc, char **argv)
{
	struct rlimit rl;
	int rc;

	if ((rc = parse(argc, argv, &S->o)) != 0)
		return rc > 0 ? 0 : 2;
	{
		/* A bad --web is a usage error now, not a failure per customer. */
		nng_stream_dialer *d;
		int rv = nng_stream_dialer_alloc(&d, S->o.web);
		if (rv != 0) {
			hl_sim_report_warn("cannot use --web %s: %s (want ws://HOST:PORT/chat)",
					   S->o.web, nng_strerror(rv));
			return 2;
		}
		nng_stream_dialer_free(d);
	}
	if ((rc = hl_pwfile_read(S->o.pwfile, S->password, sizeof S->password)) < 0) {
		hl_sim_report_warn("cannot read a password from %s: %s", S->o.pwfile,
				   rc == HL_E_IO ? strerror(errno)
						 : "the first line is empty or too long");
		return 2;
	}
	/* Thousands of WebSockets and agent connections: take every file
	 * descriptor the hard limit allows. */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	if (sodium_init() < 0) {
		hl_sim_report_warn("libsodium failed to initialise");
		return 1;
	}
	return -1;
}

static void teardown(hl_sim_run *S)
{
	hl_sim_agent_free(S);
	hl_sim_cust_free_all(S);
	hl_sim_sched_free(S);
	hl_sim_lat_free(&S->lat[0]);
	hl_sim_lat_free(&S->lat[1]);
	sodium_memzero(S->password, sizeof S->password);
}

int hl_sim_cmd_run(int argc, char **argv)
{
	hl_sim_run *S = &run;
	int rc;

	memset(S, 0, sizeof *S);
	if ((rc = prepare(S, argc, argv)) >= 0)
		return rc;
	hl_sim_sched_init(S);
	hl_sim_rand_seed(S, S->o.seed);
	S->debug = getenv("HOTLINE_SIM_DEBUG") != NULL;
	if (hl_sim_agent_init(S) < 0)
		return 1;
	if (!S->o.json)
		fprintf(stderr, "hotline-sim: logging in %d agents (%s1..%s%d) at %s\n",
			S->o.agents, S->o.prefix, S->o.prefix, S->o.agents, S->o.broker);
	hl_sim_sched_begin(S);
	hl_sim_agent_login_all(S);

	hl_sim_sched_loop(S);

	if (S->setup_err[0]) {
		hl_sim_report_warn("%s", S->setup_err);
		rc = 1;
	} else {
		rc = hl_sim_report_print(S);
		if (S->final_n.arrived > 0 && S->final_n.never_connected == S->final_n.arrived) {
			hl_sim_report_warn("no customer could connect to %s: is the broker running "
					   "with --web, and is the address right?", S->o.web);
			rc = 1;
		}
	}
	teardown(S);
	return rc;
}
