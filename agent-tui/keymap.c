/* The key table: one entry per binding (tmux's cmd_entry spirit); the key
 * bar, the help overlay and the dispatcher all read it. */
#include "keymap.h"

#include <string.h>

#include "action.h"
#include "command.h"
#include "i18n.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define HEAD(text) {.key = 0, .action = HL_AGENT_ACT_NONE, .help = text}

static const hl_tui_key keys[] = {
	HEAD(N_("Conversations")),
	{HL_TUI_KEY_F(3), HL_AGENT_ACT_ACCEPT, NULL, N_("Accept"), N_("accept the offer")},
	{HL_TUI_KEY_F(8), HL_AGENT_ACT_DECLINE, NULL, N_("Decline"), N_("decline the offer")},
	{HL_TUI_KEY_F(4), HL_AGENT_ACT_END, NULL, N_("End"), N_("end the conversation")},
	{HL_TUI_KEY_F(6), HL_AGENT_ACT_TRANSFER_ASK, NULL, N_("Transfer"),
	 N_("transfer to a queue or an agent, with a note")},
	{HL_TUI_KEY_F(7), HL_AGENT_ACT_WRAP_ASK, NULL, N_("Wrap"),
	 N_("wrap-up code and note, then done")},
	{HL_TUI_KEY_ENTER, HL_AGENT_ACT_SEND, NULL, NULL,
	 N_("send the line to the customer, or run a /command")},
	HEAD(N_("Moving around")),
	{HL_TUI_ALT('1'), HL_AGENT_ACT_GOTO, "Alt-1…9", NULL, N_("go to conversation 1…9")},
	{HL_TUI_CTRL('n'), HL_AGENT_ACT_NEXT, NULL, NULL, N_("next conversation")},
	{HL_TUI_CTRL('p'), HL_AGENT_ACT_PREV, NULL, NULL, N_("previous conversation")},
	{HL_TUI_KEY_TAB, HL_AGENT_ACT_FOCUS_NEXT, NULL, NULL, N_("move the focus to the next pane")},
	{HL_TUI_KEY_TAB | HL_TUI_MOD_SHIFT, HL_AGENT_ACT_FOCUS_PREV, NULL, NULL,
	 N_("move the focus to the previous pane")},
	{HL_TUI_KEY_PGUP, HL_AGENT_ACT_PAGE_UP, NULL, NULL, N_("scroll the transcript up")},
	{HL_TUI_KEY_PGDN, HL_AGENT_ACT_PAGE_DOWN, NULL, NULL, N_("scroll the transcript down")},
	HEAD(N_("You")),
	{HL_TUI_KEY_F(2), HL_AGENT_ACT_STATE_MENU, NULL, N_("State"),
	 N_("set your state: available, break, lunch, …")},
	{HL_TUI_KEY_F(5), HL_AGENT_ACT_FIGURES, NULL, N_("Figures"), N_("your figures for today")},
	{HL_TUI_KEY_F(9), HL_AGENT_ACT_INFO, NULL, N_("Info"),
	 N_("show or hide the customer panel")},
	HEAD(N_("Screen")),
	{HL_TUI_KEY_F(1), HL_AGENT_ACT_HELP, NULL, N_("Help"), N_("this help")},
	{HL_TUI_CTRL('l'), HL_AGENT_ACT_REPAINT, NULL, NULL, N_("repaint the screen")},
	{HL_TUI_KEY_ESC, HL_AGENT_ACT_DISMISS, NULL, NULL, N_("hide the banner")},
	{HL_TUI_KEY_F(10), HL_AGENT_ACT_QUIT, NULL, N_("Quit"), N_("quit")},
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

size_t hl_agent_keymap_help(hl_tui_key *out, size_t max)
{
	static char names[32][40];
	size_t n = 0, c = 0;

	for (size_t i = 0; i < N(keys) && n < max; i++) {
		out[n] = keys[i];
		out[n].label = keys[i].label ? _(keys[i].label) : NULL;
		out[n].help = keys[i].help ? _(keys[i].help) : NULL;
		n++;
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
