/* Keyboard and mouse input under ncursesw, turned into hl_tui_event by
 * tables: curses key codes, escape sequences for modified keys, and the
 * bracketed-paste markers. */
#include "input.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../width.h"
#include "clock.h"
#include "error.h"
#include "screen.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define PASTE_MAX (1024 * 1024)   /* more than any chat message */
#define WAIT_SLICE_MS 100         /* how often a wait checks for signals */

/* Curses key codes with a fixed meaning. */
static const struct {
	int curses, key;
} curses_keys[] = {
	{KEY_UP, HL_TUI_KEY_UP},
	{KEY_DOWN, HL_TUI_KEY_DOWN},
	{KEY_LEFT, HL_TUI_KEY_LEFT},
	{KEY_RIGHT, HL_TUI_KEY_RIGHT},
	{KEY_HOME, HL_TUI_KEY_HOME},
	{KEY_END, HL_TUI_KEY_END},
	{KEY_PPAGE, HL_TUI_KEY_PGUP},
	{KEY_NPAGE, HL_TUI_KEY_PGDN},
	{KEY_IC, HL_TUI_KEY_INSERT},
	{KEY_DC, HL_TUI_KEY_DELETE},
	{KEY_BACKSPACE, HL_TUI_KEY_BACKSPACE},
	{KEY_ENTER, HL_TUI_KEY_ENTER},
	{KEY_BTAB, HL_TUI_KEY_TAB | HL_TUI_MOD_SHIFT},
	{KEY_SLEFT, HL_TUI_KEY_LEFT | HL_TUI_MOD_SHIFT},
	{KEY_SRIGHT, HL_TUI_KEY_RIGHT | HL_TUI_MOD_SHIFT},
	{KEY_SR, HL_TUI_KEY_UP | HL_TUI_MOD_SHIFT},
	{KEY_SF, HL_TUI_KEY_DOWN | HL_TUI_MOD_SHIFT},
	{KEY_SHOME, HL_TUI_KEY_HOME | HL_TUI_MOD_SHIFT},
	{KEY_SEND, HL_TUI_KEY_END | HL_TUI_MOD_SHIFT},
	{KEY_SDC, HL_TUI_KEY_DELETE | HL_TUI_MOD_SHIFT},
};

enum { PASTE_BEGIN = -1, PASTE_END = -2 };

/* xterm's sequences for modified keys and the paste markers. terminfo
 * names some of them (kLFT5…) with codes chosen at run time, so each
 * gets whatever code curses already has, or one we define. */
static struct {
	const char *seq;
	int key;
	int code;   /* filled in by setup */
} sequences[] = {
	{"\033[1;5A", HL_TUI_KEY_UP | HL_TUI_MOD_CTRL, 0},
	{"\033[1;5B", HL_TUI_KEY_DOWN | HL_TUI_MOD_CTRL, 0},
	{"\033[1;5C", HL_TUI_KEY_RIGHT | HL_TUI_MOD_CTRL, 0},
	{"\033[1;5D", HL_TUI_KEY_LEFT | HL_TUI_MOD_CTRL, 0},
	{"\033[1;5H", HL_TUI_KEY_HOME | HL_TUI_MOD_CTRL, 0},
	{"\033[1;5F", HL_TUI_KEY_END | HL_TUI_MOD_CTRL, 0},
	{"\033[5;5~", HL_TUI_KEY_PGUP | HL_TUI_MOD_CTRL, 0},
	{"\033[6;5~", HL_TUI_KEY_PGDN | HL_TUI_MOD_CTRL, 0},
	{"\033[3;5~", HL_TUI_KEY_DELETE | HL_TUI_MOD_CTRL, 0},
	{"\033[1;3A", HL_TUI_KEY_UP | HL_TUI_MOD_ALT, 0},
	{"\033[1;3B", HL_TUI_KEY_DOWN | HL_TUI_MOD_ALT, 0},
	{"\033[1;3C", HL_TUI_KEY_RIGHT | HL_TUI_MOD_ALT, 0},
	{"\033[1;3D", HL_TUI_KEY_LEFT | HL_TUI_MOD_ALT, 0},
	{"\033[1;2A", HL_TUI_KEY_UP | HL_TUI_MOD_SHIFT, 0},
	{"\033[1;2B", HL_TUI_KEY_DOWN | HL_TUI_MOD_SHIFT, 0},
	{"\033[1;2C", HL_TUI_KEY_RIGHT | HL_TUI_MOD_SHIFT, 0},
	{"\033[1;2D", HL_TUI_KEY_LEFT | HL_TUI_MOD_SHIFT, 0},
	{"\033Od", HL_TUI_KEY_LEFT | HL_TUI_MOD_CTRL, 0},   /* rxvt */
	{"\033Oc", HL_TUI_KEY_RIGHT | HL_TUI_MOD_CTRL, 0},
	{"\033[200~", PASTE_BEGIN, 0},
	{"\033[201~", PASTE_END, 0},
};

static WINDOW *pad;   /* reading from a pad never refreshes the screen */
static unsigned mode;
static char *paste;
static size_t paste_len;

void hl_tui_input_setup(unsigned flags)
{
	int next = KEY_MAX + 1;

	mode = flags;
	pad = newpad(1, 1);
	keypad(pad, TRUE);
	set_escdelay(50);
	for (size_t i = 0; i < N(sequences); i++) {
		int code = key_defined(sequences[i].seq);
		if (code <= 0) {
			/* Past every curses code, so none is shadowed. */
			while (keybound(next, 0))
				next++;
			code = next++;
			define_key(sequences[i].seq, code);
		}
		sequences[i].code = code;
	}
	if (flags & HL_TUI_SCREEN_MOUSE) {
		/* Presses, not clicks: curses would otherwise hold every
		 * press back to see whether a double click follows. */
		mouseinterval(0);
		mousemask(BUTTON1_PRESSED | BUTTON3_PRESSED | BUTTON4_PRESSED |
				  BUTTON5_PRESSED,
			  NULL);
	}
	if (flags & HL_TUI_SCREEN_PASTE) {
		fputs("\033[?2004h", stdout);
		fflush(stdout);
	}
}

void hl_tui_input_teardown(void)
{
	if (mode & HL_TUI_SCREEN_PASTE) {
		fputs("\033[?2004l", stdout);
		fflush(stdout);
	}
	if (mode & HL_TUI_SCREEN_MOUSE)
		mousemask(0, NULL);
	if (pad)
		delwin(pad);
	pad = NULL;
	free(paste);
	paste = NULL;
	mode = 0;
}

/* Reads one code with a wait of ms (0: only what is there). Returns OK,
 * KEY_CODE_YES or ERR, as wget_wch. */
static int get(wint_t *wch, int ms)
{
	wtimeout(pad, ms);
	return wget_wch(pad, wch);
}

/* Our key for a curses function-key code, or 0. */
static int map_code(int code)
{
	for (size_t i = 0; i < N(curses_keys); i++)
		if (curses_keys[i].curses == code)
			return curses_keys[i].key;
	for (size_t i = 0; i < N(sequences); i++)
		if (sequences[i].code == code)
			return sequences[i].key;
	/* xterm reports F13..F24 for Shift-F1..F12. */
	if (code >= KEY_F(1) && code <= KEY_F(12))
		return HL_TUI_KEY_F(code - KEY_F0);
	if (code >= KEY_F(13) && code <= KEY_F(24))
		return HL_TUI_KEY_F(code - KEY_F0 - 12) | HL_TUI_MOD_SHIFT;
	return 0;
}

static void paste_add(const char *s, size_t n)
{
	if (paste_len + n > PASTE_MAX)
		return;  /* the rest is dropped, the markers still consumed */
	memcpy(paste + paste_len, s, n);
	paste_len += n;
}

/* Collects a bracketed paste up to its end marker. A terminal that
 * never sends the end marker costs one second, not a hang. */
static int read_paste(hl_tui_event *ev)
{
	wint_t wch;
	char utf8[4];
	int rc;

	if (!paste && !(paste = malloc(PASTE_MAX)))
		return HL_E_NOMEM;
	paste_len = 0;
	while ((rc = get(&wch, 1000)) != ERR) {
		if (rc == KEY_CODE_YES) {
			int k = map_code((int)wch);
			if (k == PASTE_END)
				break;
			if (k == HL_TUI_KEY_ENTER)
				paste_add("\n", 1);
			continue;
		}
		paste_add(utf8, hl_tui_width_encode((uint32_t)wch, utf8));
	}
	ev->type = HL_TUI_EV_PASTE;
	ev->text = paste;
	ev->len = paste_len;
	return 0;
}

static void read_mouse(hl_tui_event *ev)
{
	static const struct {
		mmask_t mask;
		int button;
	} buttons[] = {
		{BUTTON1_PRESSED, HL_TUI_MOUSE_CLICK},
		{BUTTON3_PRESSED, HL_TUI_MOUSE_RIGHT},
		{BUTTON4_PRESSED, HL_TUI_MOUSE_WHEEL_UP},
		{BUTTON5_PRESSED, HL_TUI_MOUSE_WHEEL_DOWN},
	};
	MEVENT me;

	if (getmouse(&me) != OK)
		return;
	for (size_t i = 0; i < N(buttons); i++) {
		if (me.bstate & buttons[i].mask) {
			ev->type = HL_TUI_EV_MOUSE;
			ev->y = me.y;
			ev->x = me.x;
			ev->button = buttons[i].button;
			return;
		}
	}
}

/* Turns one code from wget_wch into *ev; may leave it HL_TUI_EV_NONE for
 * codes that mean nothing to us. */
static int translate(hl_tui_event *ev, int rc, wint_t wch)
{
	if (rc == KEY_CODE_YES) {
		int k;
		if (wch == KEY_RESIZE) {
			hl_tui_screen_resized();
			ev->type = HL_TUI_EV_RESIZE;
			return 0;
		}
		if (wch == KEY_MOUSE) {
			read_mouse(ev);
			return 0;
		}
		k = map_code((int)wch);
		if (k == PASTE_BEGIN)
			return read_paste(ev);
		if (k > 0) {
			ev->type = HL_TUI_EV_KEY;
			ev->key = k;
		}
		return 0;
	}
	if (wch == 0x1B) {
		/* ESC followed at once by more input is Alt with that key;
		 * alone, it is Esc. */
		wint_t next;
		int rc2 = get(&next, 0);
		ev->type = HL_TUI_EV_KEY;
		ev->key = HL_TUI_KEY_ESC;
		if (rc2 == OK && next != 0x1B)
			ev->key = hl_tui_keys_control((int)next) | HL_TUI_MOD_ALT;
		else if (rc2 == KEY_CODE_YES && map_code((int)next) > 0)
			ev->key = map_code((int)next) | HL_TUI_MOD_ALT;
		return 0;
	}
	if (wch == 0)
		return 0;  /* Ctrl-Space: nothing bound */
	ev->type = HL_TUI_EV_KEY;
	ev->key = hl_tui_keys_control((int)wch);
	return 0;
}

int hl_tui_input_read(hl_tui_event *ev, int timeout_ms)
{
	long long deadline = timeout_ms >= 0 ? hl_clock_mono_ms() + timeout_ms : -1;

	memset(ev, 0, sizeof *ev);
	if (!pad)
		return HL_E_IO;
	for (;;) {
		wint_t wch;
		int rc, err, slice = WAIT_SLICE_MS;
		if (hl_tui_screen_quit_requested()) {
			ev->type = HL_TUI_EV_QUIT;
			return 0;
		}
		/* Waits in slices so a signal is seen even when the read is
		 * restarted under us; a zero timeout still reads once. */
		if (deadline >= 0) {
			long long left = deadline - hl_clock_mono_ms();
			slice = left <= 0 ? 0 : left < slice ? (int)left : slice;
		}
		rc = get(&wch, slice);
		if (rc == ERR) {
			/* A closed terminal reads as end of file forever. */
			if (!isatty(STDIN_FILENO))
				return HL_E_IO;
			if (deadline >= 0 && hl_clock_mono_ms() >= deadline)
				return 0;
			continue;
		}
		err = translate(ev, rc, wch);
		if (err < 0 || ev->type != HL_TUI_EV_NONE)
			return err;
	}
}
