/* hotline-ctl's shared pieces: the session, output and the command table. */
#ifndef HL_CTL_H
#define HL_CTL_H

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

typedef struct hl_ctl {
	const char *broker, *pin, *user, *password_file;
	const char *session_file;  /* keep the session here between commands */
	int json;
	hl_client *client;
	int argc;      /* the command's own arguments, after its words */
	char **argv;
} hl_ctl;

typedef struct hl_ctl_cmd {
	const char *words;     /* "user add" */
	const char *args;      /* usage of the rest */
	const char *help;
	int (*fn)(hl_ctl *x);
} hl_ctl_cmd;

/* Connects and logs in with the global options; returns an exit code. */
int hl_ctl_connect(hl_ctl *x);

/* Makes a request; on failure prints the error and returns an exit code
 * (>0), on success returns 0 with *rp set. */
int hl_ctl_call(hl_ctl *x, Hotline__Request *rq, Hotline__Reply **rp);

/* Maps an HL_E code to an exit code. */
int hl_ctl_exit_code(int err);

/* Prints an error sentence to stderr with the program name. */
void hl_ctl_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints a usage error for the current command; returns HL_EXIT_USAGE. */
int hl_ctl_usage(hl_ctl *x, const char *what);

/* Prints JSON (compact, one line) and frees it. */
void hl_ctl_print_json(cJSON *j);

/* Prints a message as JSON on one line. */
void hl_ctl_print_msg(const ProtobufCMessage *m);

/* Parses --name VALUE pairs from x->argv after `npos` positionals; table of
 * names and destinations, NULL-terminated. Returns 0 or HL_EXIT_USAGE. */
typedef struct hl_ctl_flag {
	const char *name;
	const char **value;  /* for options with a value */
	int *set;            /* for switches */
} hl_ctl_flag;
int hl_ctl_flags(hl_ctl *x, int npos, const char **pos, const hl_ctl_flag *flags);

/* Command tables of each file. */
extern const hl_ctl_cmd hl_ctl_admin_cmds[];
extern const hl_ctl_cmd hl_ctl_misc_cmds[];
extern const hl_ctl_cmd hl_ctl_chat_cmds[];
extern const hl_ctl_cmd hl_ctl_code_cmds[];

#endif
