/* The key table: one entry per binding (tmux's cmd_entry spirit), naming
 * its action; the key bar, the help overlay and the dispatcher all read
 * it, the help's lines coming from the action table (perform.c). */
#include "keymap.h"

#include <string.h>

#include "action.h"
#include "actions.h"
#include "command.h"
#include "i18n.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
/* A binding: key, action, name (NULL: the key's own), key-bar label (NULL:
 * not on the bar); its help line is its action's. */
#define KEY(k, act, nm, lbl) {.key = (k), .action = (act), .name = (nm), .label = (lbl), .help = NULL}
#define HEAD(text) {.key = 0, .action = HL_AGENT_ACT_NONE, .help = text}

static const hl_tui_key keys[] = {
	HEAD(N_("Conversations")),
	KEY(HL_TUI_KEY_F(3), HL_AGENT_ACT_ACCEPT, NULL, N_("Accept")),
	KEY(HL_TUI_KEY_F(8), HL_AGENT_ACT_DECLINE, NULL, N_("Decline")),
	KEY(HL_TUI_KEY_F(4), HL_AGENT_ACT_END, NULL, N_("End")),
	KEY(HL_TUI_KEY_F(6), HL_AGENT_ACT_TRANSFER_ASK, NULL, N_("Transfer")),
	KEY(HL_TUI_KEY_F(7), HL_AGENT_ACT_WRAP_ASK, NULL, N_("Wrap")),
	KEY(HL_TUI_KEY_ENTER, HL_AGENT_ACT_SEND, NULL, NULL),
	HEAD(N_("Moving around")),
	KEY(HL_TUI_ALT('1'), HL_AGENT_ACT_GOTO, "Alt-1…9", NULL),
	KEY(HL_TUI_CTRL('n'), HL_AGENT_ACT_NEXT, NULL, NULL),
	KEY(HL_TUI_CTRL('p'), HL_AGENT_ACT_PREV, NULL, NULL),
	KEY(HL_TUI_KEY_TAB, HL_AGENT_ACT_FOCUS_NEXT, NULL, NULL),
	KEY(HL_TUI_KEY_TAB | HL_TUI_MOD_SHIFT, HL_AGENT_ACT_FOCUS_PREV, NULL, NULL),
	KEY(HL_TUI_KEY_PGUP, HL_AGENT_ACT_PAGE_UP, NULL, NULL),
	KEY(HL_TUI_KEY_PGDN, HL_AGENT_ACT_PAGE_DOWN, NULL, NULL),
	HEAD(N_("You")),
	KEY(HL_TUI_KEY_F(2), HL_AGENT_ACT_STATE_MENU, NULL, N_("State")),
	KEY(HL_TUI_KEY_F(5), HL_AGENT_ACT_FIGURES, NULL, N_("Figures")),
	KEY(HL_TUI_KEY_F(9), HL_AGENT_ACT_INFO, NULL, N_("Info")),
	HEAD(N_("Screen")),
	KEY(HL_TUI_KEY_F(1), HL_AGENT_ACT_HELP, NULL, N_("Help")),
	KEY(HL_TUI_CTRL('l'), HL_AGENT_ACT_REPAINT, NULL, NULL),
	KEY(HL_TUI_KEY_ESC, HL_AGENT_ACT_DISMISS, NULL, NULL),
	KEY(HL_TUI_KEY_F(10), HL_AGENT_ACT_QUIT, NULL, N_("Quit")),
};

const hl_tui_key *hl_agent_keymap(size_t *n)
{
	*n = N(keys);
	return keys;
}

int hl_agent_keymap_action(int key, int *number)
{
	const hl_tui_key *k;

	*number = 0;
	if ((key & HL_TUI_MOD_ALT) && (key & ~HL_TUI_MOD_ALT) >= '1' &&
	    (key & ~HL_TUI_MOD_ALT) <= '9') {
		*number = (key & ~HL_TUI_MOD_ALT) - '0';
		return HL_AGENT_ACT_GOTO;
	}
	k = hl_tui_keys_lookup(keys, N(keys), key);
	return k ? k->action : HL_AGENT_ACT_NONE;
}

size_t hl_agent_keymap_help(const hl_tui_action *acts, size_t nacts, hl_tui_key *out, size_t max)
{
	static char names[32][40];
	size_t n, c = 0;

	n = hl_tui_action_keys(acts, nacts, keys, N(keys), out, max);
	for (size_t i = 0; i < n; i++) {
		out[i].label = out[i].label ? _(out[i].label) : NULL;
		out[i].help = out[i].help ? _(out[i].help) : NULL;
	}
	if (n < max) {
		hl_tui_key h = HEAD(_("Commands (type in the input line)"));
		out[n++] = h;
	}
	for (const hl_agent_command *cmd = hl_agent_commands; cmd->name && n < max && c < N(names);
	     cmd++, c++) {
		hl_tui_key e = {.key = HL_TUI_KEY_SPECIAL + 0x1000 + (int)c,
				.action = cmd->action, .name = names[c]};
		/* The help line gets the usage in front: "QUEUE|@AGENT [NOTE] — …". */
		static char help[32][256];
		strcpy(names[c], "/");
		strncat(names[c], cmd->name, sizeof names[c] - 2);
		if (cmd->usage[0]) {
			strncpy(help[c], _(cmd->usage), sizeof help[c] - 1);
			strncat(help[c], "  ", sizeof help[c] - strlen(help[c]) - 1);
			strncat(help[c], _(cmd->help), sizeof help[c] - strlen(help[c]) - 1);
			e.help = help[c];
		} else {
			e.help = _(cmd->help);
		}
		out[n++] = e;
	}
	return n;
}
