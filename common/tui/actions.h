/* A desk's actions as a table: each action id with its name, its help
 * line and the function that carries it out. Key tables (hl_tui_key)
 * and slash commands name actions by id; the help overlay and the key
 * bar read the help from here, so an action is described once. */
#ifndef HL_TUI_ACTIONS_H
#define HL_TUI_ACTIONS_H

#include <stddef.h>

#include "keys.h"

/* What an action is asked with: a number (Alt-1…9), or a command's
 * words. Unused fields are 0 / "". */
typedef struct hl_tui_action_arg {
	int number;
	const char *word;      /* the first word after a command's name */
	size_t word_len;
	const char *rest;      /* free text after it */
} hl_tui_action_arg;

typedef struct hl_tui_action {
	int id;                /* the desk's action id */
	const char *name;      /* a stable name, e.g. "accept" */
	const char *help;      /* one line for the help (untranslated, N_()) */
	void (*run)(void *ctx, const hl_tui_action_arg *arg);
} hl_tui_action;

/* The entry of t[0..n) with id, or NULL. */
const hl_tui_action *hl_tui_action_find(const hl_tui_action *t, size_t n, int id);

/* Carries out action id with arg (NULL: no arguments). Returns 0, or
 * HL_E_NOTFOUND when t has no such action or it does nothing. */
int hl_tui_action_run(const hl_tui_action *t, size_t n, int id, void *ctx,
		      const hl_tui_action_arg *arg);

/* Copies key table k[0..n) into out (room for max), each binding's help
 * taken from its action in t when the binding has none; headings are
 * kept. Returns how many were written. Strings stay untranslated. */
size_t hl_tui_action_keys(const hl_tui_action *t, size_t nt, const hl_tui_key *k, size_t n,
			  hl_tui_key *out, size_t max);

#endif
