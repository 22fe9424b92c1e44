/* hotline-ctl's shared pieces: the session, output and the command table. */
#ifndef HL_CTL_H
#define HL_CTL_H

#include <stdio.h>

#include <cjson/cJSON.h>

#include "client.h"

/* Exit codes, as documented in --help. */
enum {
	HL_EXIT_OK = 0,
	HL_EXIT_ERROR = 1,
	HL_EXIT_USAGE = 2,
	HL_EXIT_CONNECT = 3,
	HL_EXIT_LOGIN = 4,
	HL_EXIT_PERM = 5,
};

/* Option flags. */
enum {
	HL_CTL_REQUIRED = 1,  /* the command cannot run without it */
	HL_CTL_REPEAT = 2,    /* may be given more than once; each counts */
};

/* One option of a command (or a global option). */
typedef struct hl_ctl_opt {
	const char *name;   /* without the dashes: "role" */
	const char *value;  /* what it takes, "ROLE"; NULL for a switch */
	const char *help;   /* one line: what it does, the values it takes */
	unsigned flags;     /* HL_CTL_REQUIRED, HL_CTL_REPEAT */
	long min, max;      /* when min < max: a whole number in [min, max] */
} hl_ctl_opt;

/* One positional argument of a command. */
typedef struct hl_ctl_arg {
	const char *name;   /* "NAME" */
	const char *help;   /* one line */
	int optional;       /* may be left out (only at the end) */
} hl_ctl_arg;

#define HL_CTL_MAX_POS 8
#define HL_CTL_MAX_GIVEN 64

typedef struct hl_ctl hl_ctl;

/* A command: its words, what it does, its arguments and options, an
 * example, and the function that runs it. Help and the checks of the
 * command line are made from this, so they cannot drift apart. */
typedef struct hl_ctl_cmd {
	const char *words;        /* "user add" */
	const char *summary;      /* one line */
	const hl_ctl_arg *args;   /* ends with a NULL name; NULL for none */
	const hl_ctl_opt *opts;   /* ends with a NULL name; NULL for none */
	const char *example;      /* a command line after "hotline-ctl " */
	int (*fn)(hl_ctl *x);
} hl_ctl_cmd;

struct hl_ctl {
	const char *broker, *pin, *user, *password_file;
	const char *session_file;  /* keep the session here between commands */
	int json;
	int timeout_ms;            /* 0: the client's default */
	hl_client *client;
	const hl_ctl_cmd *cmd;
	const char *pos[HL_CTL_MAX_POS];  /* positional arguments, in order */
	int npos;
	struct hl_ctl_given {
		const hl_ctl_opt *opt;
		const char *value;  /* NULL for a switch */
	} given[HL_CTL_MAX_GIVEN];   /* the command's options, in order */
	int ngiven;
};

/* Parses argv (after the program name) into x: global options anywhere,
 * the command's words, its options and positionals, all checked against
 * the command table. Returns -1 to go on and run x->cmd, or an exit code
 * to stop with (0 after printing help). Errors are printed, naming the
 * option or argument that is missing or wrong. */
int hl_ctl_parse(hl_ctl *x, int argc, char **argv);

/* The value of option `name` (the last one given), or `def`. */
const char *hl_ctl_opt_str(const hl_ctl *x, const char *name, const char *def);

/* The option's value as a number (already checked against its range by
 * hl_ctl_parse), or `def`. */
long hl_ctl_opt_num(const hl_ctl *x, const char *name, long def);

/* True when switch or option `name` was given. */
int hl_ctl_has(const hl_ctl *x, const char *name);

/* Help: the whole list (to f), or one command's page. */
void hl_ctl_help_all(FILE *f);
void hl_ctl_help_cmd(FILE *f, const hl_ctl_cmd *c);

/* Prints the commands whose first words are `prefix` ("user"); returns
 * how many. With f NULL only counts. */
int hl_ctl_help_group(FILE *f, const char *prefix);

/* Every command, across the files' tables: calls fn for each in order. */
void hl_ctl_each_cmd(void (*fn)(const hl_ctl_cmd *c, void *arg), void *arg);

/* The command spelt `words` exactly ("user add"), or NULL. */
const hl_ctl_cmd *hl_ctl_find(const char *words);

/* The global options (ends with a NULL name). */
extern const hl_ctl_opt hl_ctl_globals[];

/* Connects and logs in with the global options; returns an exit code. */
int hl_ctl_connect(hl_ctl *x);

/* Makes a request; on failure prints the error and returns an exit code
 * (>0), on success returns 0 with *rp set. */
int hl_ctl_call(hl_ctl *x, Hotline__Request *rq, Hotline__Reply **rp);

/* Maps an HL_E code to an exit code. */
int hl_ctl_exit_code(int err);

/* Prints an error sentence to stderr with the program name. */
void hl_ctl_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "COMMAND: what (see 'hotline-ctl COMMAND --help')" as a usage
 * error for the current command; returns HL_EXIT_USAGE. */
int hl_ctl_usage(hl_ctl *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints JSON (compact, one line) and frees it. */
void hl_ctl_print_json(cJSON *j);

/* Prints a message as JSON on one line. */
void hl_ctl_print_msg(const ProtobufCMessage *m);

/* Reads a password file named by option `opt` into pw (size bytes);
 * returns 0 or prints why not and returns HL_EXIT_USAGE. */
int hl_ctl_read_password(hl_ctl *x, const char *opt, char *pw, size_t size);

/* Command tables of each file. */
extern const hl_ctl_cmd hl_ctl_admin_cmds[];
extern const hl_ctl_cmd hl_ctl_misc_cmds[];
extern const hl_ctl_cmd hl_ctl_chat_cmds[];
extern const hl_ctl_cmd hl_ctl_supervise_cmds[];
extern const hl_ctl_cmd hl_ctl_code_cmds[];
extern const hl_ctl_cmd hl_ctl_metric_cmds[];
extern const hl_ctl_cmd hl_ctl_floor_cmds[];

#endif
