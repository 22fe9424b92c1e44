/* What the agent can do: one id per action, shared by the key table
 * (keymap.c) and the slash commands (command.c), carried out by the
 * action table (perform.c). Append only: ids are compared, never stored. */
#ifndef HL_AGENT_ACTION_H
#define HL_AGENT_ACTION_H

#include "actions.h"

enum {
	HL_AGENT_ACT_NONE,
	HL_AGENT_ACT_SEND,        /* a line for the customer */
	HL_AGENT_ACT_ACCEPT,      /* F3, /accept [N] */
	HL_AGENT_ACT_DECLINE,     /* F8, /decline [N] */
	HL_AGENT_ACT_END,         /* F4, /end [N] */
	HL_AGENT_ACT_TRANSFER,    /* /transfer TARGET [NOTE]; F6 asks */
	HL_AGENT_ACT_STATE,       /* /state STATE [REASON]; F2 opens the menu */
	HL_AGENT_ACT_WRAP,        /* /wrap [CODE [NOTE]]; F7 asks */
	HL_AGENT_ACT_HELP,        /* F1, /help */
	HL_AGENT_ACT_QUIT,        /* F10, /quit */
	HL_AGENT_ACT_FIGURES,     /* F5, /figures */
	HL_AGENT_ACT_INFO,        /* F9, /info: the side panel */
	HL_AGENT_ACT_GOTO,        /* Alt-1…9 */
	HL_AGENT_ACT_NEXT,        /* Ctrl-N */
	HL_AGENT_ACT_PREV,        /* Ctrl-P */
	HL_AGENT_ACT_FOCUS_NEXT,  /* Tab */
	HL_AGENT_ACT_FOCUS_PREV,  /* Shift-Tab */
	HL_AGENT_ACT_PAGE_UP,     /* PgUp: the transcript */
	HL_AGENT_ACT_PAGE_DOWN,   /* PgDn */
	HL_AGENT_ACT_REPAINT,     /* Ctrl-L */
	HL_AGENT_ACT_STATE_MENU,  /* F2 */
	HL_AGENT_ACT_TRANSFER_ASK,/* F6 */
	HL_AGENT_ACT_WRAP_ASK,    /* F7 */
	HL_AGENT_ACT_DISMISS,     /* Esc: the banner */
	HL_AGENT_ACT_COUNT
};

/* The agent's action table (perform.c): every HL_AGENT_ACT_* but NONE,
 * with its name, help line and function; count in *n. */
const hl_tui_action *hl_agent_actions(size_t *n);

#endif
