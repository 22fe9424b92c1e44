/* Slash commands typed in the input line (/accept, /transfer TARGET NOTE,
 * /state break, …): a const table and the parser that turns a line into
 * an action with its words. No I/O. */
#ifndef HL_AGENT_COMMAND_H
#define HL_AGENT_COMMAND_H

#include <stdbool.h>
#include <stddef.h>

#include "action.h"

enum {
	HL_AGENT_ARGS_NONE,   /* nothing may follow */
	HL_AGENT_ARGS_OPT,    /* an optional word (a hotlist number) */
	HL_AGENT_ARGS_WORD,   /* a word, then optional free text */
	HL_AGENT_ARGS_TEXT,   /* optional word, then optional free text */
};

typedef struct hl_agent_command {
	const char *name;     /* typed after '/', e.g. "transfer" */
	int action;           /* HL_AGENT_ACT_* */
	int args;             /* HL_AGENT_ARGS_* */
	const char *usage;    /* after the name, e.g. "TARGET [NOTE]" (N_()) */
	const char *help;     /* one line (N_()) */
} hl_agent_command;

/* The table, ended by an entry with name NULL. */
extern const hl_agent_command hl_agent_commands[];

/* What a typed line means. Pointers point into the parsed line. */
typedef struct hl_agent_cmdline {
	int action;           /* HL_AGENT_ACT_NONE for an error or an empty line */
	const hl_agent_command *cmd;  /* NULL for plain text */
	const char *word;     /* the first word after the name ("" if none) */
	size_t word_len;
	const char *rest;     /* free text after the word, trimmed ("" if none);
			       * for HL_AGENT_ACT_SEND the text to send */
	const char *error;    /* untranslated message (N_()) on error, else NULL;
			       * "%s" in it stands for the command's name */
} hl_agent_cmdline;

/* Parses line (NUL-terminated UTF-8). Text not starting with '/' is a
 * line to send (SEND, rest = line, unless it is only spaces: NONE, no
 * error); "//x" sends "/x". "/name …" finds the command by its whole
 * name or a prefix only one name has, and checks its words. Returns the
 * action (as out->action). */
int hl_agent_command_parse(const char *line, hl_agent_cmdline *out);

/* Turns /state's words into the broker's state and reason: "available"
 * and "offline" stand alone, "not_ready REASON" or a reason alone
 * ("break", "lunch", …) mean Not Ready for that reason. Writes state
 * and reason (cap bytes each) and returns 0, or -1 when the word is
 * empty, or "not_ready" comes without a reason, or a reason has
 * characters other than letters, digits, '-' and '_'. */
int hl_agent_command_state(const char *word, size_t word_len, const char *rest,
			   char *state, char *reason, size_t cap);

/* Splits /transfer's target: "@name" is an agent, anything else a
 * queue id. Writes the name without '@' into out and returns true for
 * an agent, false for a queue. */
bool hl_agent_command_target(const char *word, size_t word_len, char *out, size_t cap);

#endif
