/* The desk's key table: every binding with its action, its key-bar label
 * and its help line, from which the key bar and the help overlay are
 * built; plus the slash commands' lines for the help. */
#ifndef HL_AGENT_KEYMAP_H
#define HL_AGENT_KEYMAP_H

#include <stddef.h>

#include "actions.h"
#include "keys.h"

/* The table (labels and help untranslated, N_()); count in *n. */
const hl_tui_key *hl_agent_keymap(size_t *n);

/* The action bound to key (Alt-1…Alt-9 all jump), or HL_AGENT_ACT_NONE;
 * *number gets 1..9 for a jump. */
int hl_agent_keymap_action(int key, int *number);

/* Writes the table translated, each binding's help line its action's in
 * acts[0..nacts) (the action table), followed by a heading and one line
 * per slash command, into out (room for max) and returns how many entries.
 * The strings are gettext's or static: nothing to free. */
size_t hl_agent_keymap_help(const hl_tui_action *acts, size_t nacts, hl_tui_key *out, size_t max);

#endif
