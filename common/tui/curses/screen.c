/* Terminal set-up and restore under ncursesw, role colours from the
 * theme, and panes that are redrawn only when dirty. */
#include "screen.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "error.h"
#include "input.h"

/* Last: it defines macros named like common words (lines, columns). */
#include <term.h>

#define MAX_PANES 64

static SCREEN *screen;
static bool active;
static bool default_colors;   /* the terminal's own colours are usable */
static int color_mode;
static hl_tui_pane *panes[MAX_PANES];
static hl_tui_pane *cursor_pane;
static int cursor_y, cursor_x;
static struct {
	attr_t attr;
	short pair;
} styles[HL_TUI_ROLE_COUNT];

/* What the signal handlers need, prepared while it is safe to: the
 * terminal modes from before curses, and the bytes that undo ours. */
static struct termios saved_tio;
static bool have_tio;
static char reset_seq[256];
static size_t reset_len;
static volatile sig_atomic_t quit_signal;

static const int quit_signals[] = {SIGTERM, SIGHUP, SIGINT};
static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL};
static struct sigaction old_crash[sizeof crash_signals / sizeof crash_signals[0]];

static const struct {
	unsigned ours;
	attr_t curses;
} attr_map[] = {
	{HL_TUI_ATTR_BOLD, A_BOLD},       {HL_TUI_ATTR_UNDERLINE, A_UNDERLINE},
	{HL_TUI_ATTR_REVERSE, A_REVERSE}, {HL_TUI_ATTR_DIM, A_DIM},
	{HL_TUI_ATTR_ITALIC, A_ITALIC},
};

/* Async-signal-safe: only write(2) and tcsetattr(3). */
static void hard_restore(void)
{
	ssize_t r;

	if (!active)
		return;
	r = write(STDOUT_FILENO, reset_seq, reset_len);
	(void)r;
	if (have_tio)
		tcsetattr(STDIN_FILENO, TCSADRAIN, &saved_tio);
}

static void on_quit(int sig)
{
	if (quit_signal) {
		/* Asked twice: the program is not listening, end it now. */
		int e = errno;
		hard_restore();
		signal(sig, SIG_DFL);
		raise(sig);
		errno = e;
		return;
	}
	quit_signal = sig;
}

static void on_crash(int sig)
{
	hard_restore();
	/* Hand the signal to whoever had it (the default action, or a
	 * sanitizer's report) with the terminal already sane. */
	for (size_t i = 0; i < sizeof crash_signals / sizeof crash_signals[0]; i++)
		if (crash_signals[i] == sig)
			sigaction(sig, &old_crash[i], NULL);
	raise(sig);
}

static void add_reset(const char *s)
{
	size_t len;

	if (!s || s == (char *)-1)
		return;
	len = strlen(s);
	if (reset_len + len < sizeof reset_seq) {
		memcpy(reset_seq + reset_len, s, len);
		reset_len += len;
	}
}

static void install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_quit;   /* no SA_RESTART: a blocked read returns */
	for (size_t i = 0; i < sizeof quit_signals / sizeof quit_signals[0]; i++)
		sigaction(quit_signals[i], &sa, NULL);
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND;
	for (size_t i = 0; i < sizeof crash_signals / sizeof crash_signals[0]; i++)
		sigaction(crash_signals[i], &sa, &old_crash[i]);
}

static void restore_signals(void)
{
	for (size_t i = 0; i < sizeof quit_signals / sizeof quit_signals[0]; i++)
		signal(quit_signals[i], SIG_DFL);
	for (size_t i = 0; i < sizeof crash_signals / sizeof crash_signals[0]; i++)
		sigaction(crash_signals[i], &old_crash[i], NULL);
}

static void mark_all_dirty(void)
{
	for (int i = 0; i < MAX_PANES; i++)
		if (panes[i])
			panes[i]->dirty = true;
}

void hl_tui_screen_theme(const hl_tui_theme *theme)
{
	hl_tui_theme mono;

	if (!active)
		return;
	color_mode = 0;
	if (has_colors() && !theme->mono && COLOR_PAIRS > HL_TUI_ROLE_COUNT)
		color_mode = COLORS >= 256 ? 256 : COLORS >= 8 ? 8 : 0;
	if (color_mode == 0 && !theme->mono) {
		/* A colour theme on a terminal without colours: use the
		 * attributes made for that instead. */
		hl_tui_theme_monochrome(&mono);
		theme = &mono;
	}
	for (int r = 0; r < HL_TUI_ROLE_COUNT; r++) {
		const hl_tui_style *s = &theme->role[r];
		short fg = color_mode == 256 ? s->fg : s->fg8;
		short bg = color_mode == 256 ? s->bg : s->bg8;
		styles[r].attr = 0;
		for (size_t k = 0; k < sizeof attr_map / sizeof attr_map[0]; k++)
			if (s->attr & attr_map[k].ours)
				styles[r].attr |= attr_map[k].curses;
		styles[r].pair = 0;
		if (!color_mode)
			continue;
		/* Without default colours, "default" is white on black. */
		if (!default_colors) {
			fg = fg < 0 ? COLOR_WHITE : fg;
			bg = bg < 0 ? COLOR_BLACK : bg;
		}
		styles[r].pair = (short)(r + 1);
		init_pair(styles[r].pair, fg, bg);
	}
	mark_all_dirty();
	hl_tui_screen_repaint();
}

int hl_tui_screen_init(const hl_tui_theme *theme, unsigned flags)
{
	if (active)
		return 0;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return HL_E_IO;
	setlocale(LC_ALL, "");
	have_tio = tcgetattr(STDIN_FILENO, &saved_tio) == 0;
	/* newterm, unlike initscr, returns an error instead of exiting
	 * (an unknown $TERM, say). */
	if (!(screen = newterm(NULL, stdout, stdin)))
		return HL_E_IO;
	set_term(screen);
	active = true;
	cbreak();
	noecho();
	nonl();  /* Enter arrives as '\r', told apart from Ctrl-J */
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	leaveok(stdscr, TRUE);
	curs_set(0);
	/* Default colours even for monochrome, so "no colour" never means
	 * white on black forced onto a light terminal. */
	if (has_colors() && start_color() == OK)
		default_colors = use_default_colors() == OK;
	/* The bytes that undo our modes, for the signal handlers. */
	reset_len = 0;
	add_reset("\033[?2004l\033[?1000l\033[?1002l\033[?1006l\033[0m");
	add_reset(tigetstr("cnorm"));
	add_reset(tigetstr("rmkx"));
	add_reset(tigetstr("rmcup"));
	install_signals();
	atexit(hl_tui_screen_end);
	hl_tui_screen_theme(theme);
	hl_tui_input_setup(flags);
	return 0;
}

void hl_tui_screen_end(void)
{
	if (!active)
		return;
	hl_tui_input_teardown();
	curs_set(1);
	endwin();
	fflush(stdout);
	restore_signals();
	active = false;
}

void hl_tui_fatal(const char *fmt, ...)
{
	va_list ap;

	hl_tui_screen_end();
	fputs("hotline: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

int hl_tui_screen_colors(void)
{
	return color_mode;
}

void hl_tui_screen_style(int role, attr_t *attr, short *pair)
{
	if (role < 0 || role >= HL_TUI_ROLE_COUNT)
		role = HL_TUI_ROLE_NORMAL;
	*attr = styles[role].attr;
	*pair = styles[role].pair;
}

void hl_tui_screen_size(int *rows, int *cols)
{
	*rows = active ? LINES : 24;
	*cols = active ? COLS : 80;
}

void hl_tui_screen_resized(void)
{
	mark_all_dirty();
	hl_tui_screen_repaint();
}

bool hl_tui_screen_quit_requested(void)
{
	return quit_signal != 0;
}

/* Clamps a rectangle into the screen so curses accepts it. */
static void clamp(int *h, int *w, int *y, int *x)
{
	*h = *h < 1 ? 1 : *h > LINES ? LINES : *h;
	*w = *w < 1 ? 1 : *w > COLS ? COLS : *w;
	*y = *y < 0 ? 0 : *y + *h > LINES ? LINES - *h : *y;
	*x = *x < 0 ? 0 : *x + *w > COLS ? COLS - *w : *x;
}

hl_tui_pane *hl_tui_pane_new(int h, int w, int y, int x)
{
	hl_tui_pane *p;
	int slot = -1;

	for (int i = 0; i < MAX_PANES && slot < 0; i++)
		if (!panes[i])
			slot = i;
	if (slot < 0 || !(p = calloc(1, sizeof *p)))
		return NULL;
	clamp(&h, &w, &y, &x);
	p->win = newwin(h, w, y, x);
	if (!p->win || !(p->panel = new_panel(p->win))) {
		if (p->win)
			delwin(p->win);
		free(p);
		return NULL;
	}
	leaveok(p->win, TRUE);
	p->dirty = true;
	panes[slot] = p;
	return p;
}

void hl_tui_pane_free(hl_tui_pane *p)
{
	if (!p)
		return;
	for (int i = 0; i < MAX_PANES; i++)
		if (panes[i] == p)
			panes[i] = NULL;
	if (cursor_pane == p)
		cursor_pane = NULL;
	del_panel(p->panel);
	delwin(p->win);
	free(p);
	/* What it covered must show again: panels below are touched by
	 * update_panels, so nothing else to do. */
}

void hl_tui_pane_place(hl_tui_pane *p, int h, int w, int y, int x)
{
	int oh, ow, oy, ox;

	clamp(&h, &w, &y, &x);
	getmaxyx(p->win, oh, ow);
	getbegyx(p->win, oy, ox);
	p->dirty = true;
	if (oh == h && ow == w && oy == y && ox == x)
		return;
	/* Move to the corner first so the resize never leaves the screen. */
	move_panel(p->panel, 0, 0);
	wresize(p->win, h, w);
	move_panel(p->panel, y, x);
	replace_panel(p->panel, p->win);
}

void hl_tui_pane_show(hl_tui_pane *p, bool show)
{
	if (show) {
		show_panel(p->panel);
		top_panel(p->panel);
		p->dirty = true;
	} else {
		hide_panel(p->panel);
	}
	p->hidden = !show;
}

bool hl_tui_pane_hit(const hl_tui_pane *p, int y, int x, int *ry, int *rx)
{
	int h, w, by, bx;

	if (!p || p->hidden)
		return false;
	getmaxyx(p->win, h, w);
	getbegyx(p->win, by, bx);
	if (y < by || y >= by + h || x < bx || x >= bx + w)
		return false;
	if (ry)
		*ry = y - by;
	if (rx)
		*rx = x - bx;
	return true;
}

void hl_tui_pane_dirty(hl_tui_pane *p)
{
	if (p)
		p->dirty = true;
}

void hl_tui_screen_cursor(hl_tui_pane *p, int y, int x)
{
	cursor_pane = p;
	cursor_y = y;
	cursor_x = x;
}

void hl_tui_screen_update(void)
{
	if (!active)
		return;
	update_panels();
	if (cursor_pane && !cursor_pane->hidden) {
		/* Only the cursor moves: the window has no touched lines left,
		 * so this copies nothing over the panels above it. */
		leaveok(cursor_pane->win, FALSE);
		wmove(cursor_pane->win, cursor_y, cursor_x);
		wnoutrefresh(cursor_pane->win);
		curs_set(1);
	} else {
		curs_set(0);
	}
	doupdate();
}

void hl_tui_screen_repaint(void)
{
	if (active)
		clearok(curscr, TRUE);
}
