/* The running desk: what the screens (ui.c, login.c), the actions
 * (perform.c) and the loop (main.c) share — one instance, owned by main. */
#ifndef HL_AGENT_APP_H
#define HL_AGENT_APP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "client.h"
#include "curses/screen.h"
#include "climodel.h"
#include "dialog.h"
#include "editor.h"
#include "evqueue.h"
#include "help.h"
#include "layout.h"
#include "menu.h"
#include "clientnet.h"
#include "textview.h"
#include "theme.h"
#include "toast.h"
#include "transfer.h"
#include "view.h"

/* The panels (ui.c's table, in this order); the first four take the
 * focus, which Tab moves in this order. */
enum { HL_AGENT_FOCUS_INPUT, HL_AGENT_FOCUS_HOTLIST, HL_AGENT_FOCUS_VIEW, HL_AGENT_FOCUS_SIDE,
       HL_AGENT_PANEL_KEYBAR, HL_AGENT_PANEL_COUNT };

/* Dirty flags beyond the desk's (desk.h's HL_AGENT_DIRTY_*). */
enum {
	HL_AGENT_DIRTY_INPUT = 1 << 8,
	HL_AGENT_DIRTY_KEYBAR = 1 << 9,
	HL_AGENT_DIRTY_LAYOUT = 1 << 10,   /* place every pane again */
	HL_AGENT_DIRTY_VIEWHEAD = 1 << 11, /* the conversation's title row (its clock) */
};

/* Which pick list the menu shows (choose.c). */
enum { HL_AGENT_PICK_STATE, HL_AGENT_PICK_REASON, HL_AGENT_PICK_WRAP, HL_AGENT_PICK_TRANSFER };
#define HL_AGENT_PICK_MAX (HL_AGENT_TARGETS_MAX + 4)

/* What a dialog is asking (hl_tui_dialog.id). */
enum { HL_AGENT_ASK_QUIT = 1, HL_AGENT_ASK_TRANSFER, HL_AGENT_ASK_WRAP, HL_AGENT_ASK_INFO };

typedef struct hl_agent_app {
	/* connection */
	hl_client *client;
	hl_clientnet *net;
	hl_evq q;
	char broker[512], user[68], pin[128], password_file[512], known_path[512];
	char serve[512];
	int conn;                    /* HL_AGENT_CONN_* as last shown */
	bool poll_error_told;
	/* model */
	hl_cm_model desk;
	/* screen */
	hl_tui_theme theme;
	hl_agent_layout lo;
	int rows, cols;
	int view_width;              /* the transcript pane's width, for new views */
	int side_mode;               /* -1 automatic, 0 hidden, 1 shown */
	int focus;
	unsigned dirty;
	hl_tui_pane *p_status, *p_hotlist, *p_view, *p_side, *p_input, *p_keybar;
	hl_tui_pane *p_toast, *p_dialog, *p_menu, *p_help, *p_figures;
	hl_tui_editor input;
	hl_tui_toast toast;
	hl_tui_dialog dialog;
	hl_tui_dialog_layout dialog_lo;
	hl_tui_menu menu;
	hl_tui_menu_layout menu_lo;
	/* the pick lists (choose.c): the open one, its items and labels */
	int pick;
	hl_tui_menu_item pick_items[HL_AGENT_PICK_MAX];
	char pick_labels[HL_AGENT_PICK_MAX][256];
	hl_agent_target targets[HL_AGENT_TARGETS_MAX];
	char pick_contact[24];       /* the conversation a transfer is for */
	char picked[68];             /* the code or target chosen, while the note is asked */
	bool picked_agent;
	hl_tui_help help;
	hl_tui_textview side_tv;     /* the customer panel's lines */
	char side_id[24];            /* whose they are */
	bool side_stale;             /* the desk changed what they say */
	bool figures_open;
	hl_tui_textview figures_tv;
	long hot_top;                /* first hotlist row shown */
	int input_cx;                /* the cursor's column in the input line */
	/* timers (monotonic ms) */
	int64_t last_second;         /* the wall second last drawn */
	int64_t floor_due;           /* next floor refresh */
	bool floor_asked;            /* a Floor request is out */
	int64_t last_edit;           /* the input line last changed */
	/* session */
	int64_t login_wall;          /* when this session began */
	bool quit;
	/* benchmark: per-frame render times */
	FILE *bench;
} hl_agent_app;

/* Both clocks now. */
hl_cm_now hl_agent_app_now(void);

#endif
