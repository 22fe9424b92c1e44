/* The login screen: a form of three fields over the whole screen, the
 * trust-on-first-use prompt for a new broker key, and the login itself.
 * Nothing is sent to a broker whose key has not been trusted. */
#include "login.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "bench.h"
#include "curses/draw.h"
#include "curses/input.h"
#include "curses/overlay.h"
#include "error.h"
#include "i18n.h"
#include "known_brokers.h"
#include "pwfile.h"
#include "width.h"

enum { F_BROKER, F_USER, F_PASSWORD, F_COUNT };

typedef struct form {
	hl_agent_app *a;
	hl_tui_pane *p;
	hl_tui_editor f[F_COUNT];
	int focus;
	char msg[600];
	int msg_role;
} form;

static const char *label(int i)
{
	static const char *const labels[F_COUNT] = {N_("Broker"), N_("User"), N_("Password")};

	return _(labels[i]);
}

static void draw(form *fm)
{
	WINDOW *w;
	int rows, cols, bw, bh = 13, by, bx, lw = 0, fx, fw, cy = 0, cx = 0;
	static int first = 1;

	hl_tui_screen_size(&rows, &cols);
	hl_tui_pane_place(fm->p, rows, cols, 0, 0);
	w = fm->p->win;
	hl_tui_draw_fill(w, 0, 0, rows, cols, HL_TUI_ROLE_NORMAL);
	bw = cols - 4 < 72 ? cols - 4 : 72;
	if (bh > rows)
		bh = rows;
	by = (rows - bh) / 2;
	bx = (cols - bw) / 2;
	hl_tui_draw_box(w, by, bx, bh, bw, HL_TUI_ROLE_BORDER, _("Hotline: agent login"),
			HL_TUI_ROLE_TITLE, HL_TUI_ROLE_NORMAL);
	for (int i = 0; i < F_COUNT; i++)
		if (hl_tui_width_str(label(i)) > lw)
			lw = hl_tui_width_str(label(i));
	fx = bx + 3 + lw + 2;
	fw = bx + bw - 3 - fx;
	for (int i = 0; i < F_COUNT && fw > 4; i++) {
		int y = by + 2 + 2 * i, x;
		if (y >= by + bh - 1)
			break;
		hl_tui_draw_field(w, y, bx + 3, lw, label(i), fm->focus == i ? HL_TUI_ROLE_TITLE
									     : HL_TUI_ROLE_NORMAL,
				  HL_TUI_ALIGN_RIGHT);
		if (i == F_PASSWORD) {
			char stars[64];
			size_t n = fm->f[i].len < sizeof stars - 1 ? fm->f[i].len : sizeof stars - 1;
			memset(stars, '*', n);
			stars[n] = 0;
			hl_tui_draw_field(w, y, fx, fw, stars, HL_TUI_ROLE_INPUT, HL_TUI_ALIGN_LEFT);
			x = fx + (int)(n < (size_t)fw ? n : (size_t)fw - 1);
		} else {
			x = hl_tui_draw_editor(w, y, fx, fw, &fm->f[i], HL_TUI_ROLE_INPUT);
		}
		if (fm->focus == i) {
			cy = y;
			cx = x;
		}
	}
	if (by + 8 < by + bh - 1)
		hl_tui_draw_field(w, by + 8, bx + 3, bw - 6, fm->msg, fm->msg_role, HL_TUI_ALIGN_LEFT);
	if (by + 10 < by + bh - 1)
		hl_tui_draw_field(w, by + 10, bx + 3, bw - 6,
				  _("Enter: log in   Tab: next field   Esc: quit"), HL_TUI_ROLE_MUTED,
				  HL_TUI_ALIGN_LEFT);
	hl_tui_screen_cursor(fm->a->dialog.open ? NULL : fm->p, cy, cx);
	hl_tui_draw_dialog(fm->a->p_dialog, &fm->a->dialog, rows, cols, &fm->a->dialog_lo);
	hl_tui_screen_update();
	if (first) {
		first = 0;
		hl_agent_bench_first_frame();
	}
}

static void say(form *fm, int role, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void say(form *fm, int role, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(fm->msg, sizeof fm->msg, fmt, ap);
	va_end(ap);
	fm->msg_role = role;
}

/* Waits for the dialog's answer: the button, -1 when cancelled, -2 when
 * the program must quit. */
static int dialog_wait(form *fm)
{
	hl_tui_event ev;

	while (fm->a->dialog.open) {
		draw(fm);
		if (hl_tui_input_read(&ev, -1) < 0 || ev.type == HL_TUI_EV_QUIT)
			return -2;
		if (ev.type == HL_TUI_EV_KEY)
			hl_tui_dialog_key(&fm->a->dialog, ev.key);
		else if (ev.type == HL_TUI_EV_RESIZE)
			hl_tui_screen_resized();
	}
	draw(fm);
	return fm->a->dialog.result;
}

/* Edits the form until Enter (returns 0) or Esc (returns -1). */
static int edit(form *fm)
{
	hl_tui_event ev;

	for (;;) {
		draw(fm);
		if (hl_tui_input_read(&ev, -1) < 0 || ev.type == HL_TUI_EV_QUIT)
			return -1;
		if (ev.type == HL_TUI_EV_RESIZE) {
			hl_tui_screen_resized();
			continue;
		}
		if (ev.type == HL_TUI_EV_PASTE) {
			hl_tui_editor_paste(&fm->f[fm->focus], ev.text, ev.len);
			continue;
		}
		if (ev.type != HL_TUI_EV_KEY)
			continue;
		switch (ev.key) {
		case HL_TUI_KEY_ESC:
		case HL_TUI_KEY_F(10):
			return -1;
		case HL_TUI_KEY_TAB:
		case HL_TUI_KEY_DOWN:
			fm->focus = (fm->focus + 1) % F_COUNT;
			break;
		case HL_TUI_KEY_TAB | HL_TUI_MOD_SHIFT:
		case HL_TUI_KEY_UP:
			fm->focus = (fm->focus + F_COUNT - 1) % F_COUNT;
			break;
		case HL_TUI_KEY_ENTER:
			for (int i = 0; i < F_COUNT; i++) {
				if (fm->f[i].len == 0) {
					fm->focus = i;
					say(fm, HL_TUI_ROLE_VALUE_WARN, _("%s is needed"), label(i));
					break;
				}
			}
			if (fm->f[fm->focus].len)
				return 0;
			break;
		default:
			hl_tui_editor_key(&fm->f[fm->focus], ev.key);
			break;
		}
	}
}

/* Opens the connection with the key checked. Returns 0 with *c, or -1
 * (the message is set), or -2 when the program must quit. */
static int connect_checked(form *fm, const char *url, hl_client **c)
{
	hl_agent_app *a = fm->a;
	hl_client_opts o = {.url = url, .name = "hotline-agent"};
	char known[128] = "", err[400], text[1024];
	const char *buttons[2];
	int rc, from_file = 0;

	if (a->pin[0]) {
		o.pin = a->pin;
	} else if (a->known_path[0] &&
		   hl_known_brokers_find(a->known_path, url, known, sizeof known) == 0) {
		o.pin = known;
		from_file = 1;
	}
	say(fm, HL_TUI_ROLE_MUTED, _("Connecting to %s…"), url);
	draw(fm);
	rc = hl_client_open(c, &o, err, sizeof err);
	if (rc == HL_E_PIN) {
		snprintf(text, sizeof text,
			 _("WARNING: the broker at %s presents a DIFFERENT key than the one %s.\n"
			   "Someone may be impersonating it, or its key was replaced. Nothing was "
			   "sent and the connection is refused.\nIf your administrator replaced the "
			   "key, remove the line for this broker from %s and connect again.\n\n%s"),
			 url, from_file ? _("you trusted before") : _("given with --pin"),
			 from_file ? a->known_path : _("your --pin / HOTLINE_PIN setting"), err);
		buttons[0] = _("OK");
		hl_tui_dialog_open(&a->dialog, 0, _("The broker's key has changed"), text, buttons, 1);
		if (dialog_wait(fm) == -2)
			return -2;
		say(fm, HL_TUI_ROLE_ERROR, "%s", _("Refused: the broker's key does not match."));
		return -1;
	}
	if (rc < 0) {
		say(fm, HL_TUI_ROLE_ERROR, "%s", err);
		return -1;
	}
	if (o.pin)
		return 0;
	snprintf(text, sizeof text,
		 _("First connection to %s.\nIts key's fingerprint is\n%s\nCompare it with the "
		   "fingerprint your administrator gave you. Trust this broker and remember its "
		   "key?"),
		 url, hl_client_fingerprint(*c));
	buttons[0] = _("Trust");
	buttons[1] = _("Refuse");
	hl_tui_dialog_open(&a->dialog, 0, _("A new broker"), text, buttons, 2);
	rc = dialog_wait(fm);
	if (rc != 0) {
		hl_client_close(*c);
		*c = NULL;
		if (rc == -2)
			return -2;
		say(fm, HL_TUI_ROLE_VALUE_WARN, "%s", _("Not connected: the key was not trusted."));
		return -1;
	}
	hl_client_trust(*c);
	if (!a->known_path[0] ||
	    hl_known_brokers_add(a->known_path, url, hl_client_fingerprint(*c)) < 0)
		say(fm, HL_TUI_ROLE_VALUE_WARN, _("Could not remember the key in %s"),
		    a->known_path[0] ? a->known_path : "known_brokers");
	return 0;
}

static void form_free(form *fm)
{
	for (int i = 0; i < F_COUNT; i++) {
		/* The password's code points leave no copy behind. */
		if (fm->f[i].buf)
			sodium_memzero(fm->f[i].buf, fm->f[i].cap * sizeof fm->f[i].buf[0]);
		hl_tui_editor_free(&fm->f[i]);
	}
	hl_tui_pane_free(fm->p);
}

int hl_agent_login_run(hl_agent_app *a, const char *password)
{
	form fm = {.a = a, .msg_role = HL_TUI_ROLE_MUTED};
	char pw[HL_PASSWORD_MAX + 1] = "";
	int rows, cols, rc, need_form;

	hl_tui_screen_size(&rows, &cols);
	if (!(fm.p = hl_tui_pane_new(rows, cols, 0, 0)))
		return -1;
	for (int i = 0; i < F_COUNT; i++)
		hl_tui_editor_init(&fm.f[i], i == F_BROKER ? 500 : HL_PASSWORD_MAX, 0);
	hl_tui_editor_set(&fm.f[F_BROKER], a->broker);
	hl_tui_editor_set(&fm.f[F_USER], a->user);
	if (password)
		hl_tui_editor_set(&fm.f[F_PASSWORD], password);
	else if (a->password_file[0]) {
		if (hl_pwfile_read(a->password_file, pw, sizeof pw) == 0)
			hl_tui_editor_set(&fm.f[F_PASSWORD], pw);
		else
			say(&fm, HL_TUI_ROLE_VALUE_WARN, _("Cannot read a password from %s"),
			    a->password_file);
		sodium_memzero(pw, sizeof pw);
	}
	need_form = !fm.f[F_BROKER].len || !fm.f[F_USER].len || !fm.f[F_PASSWORD].len;
	fm.focus = !fm.f[F_BROKER].len ? F_BROKER : !fm.f[F_USER].len ? F_USER : F_PASSWORD;
	for (;;) {
		char *url, *user, *pass;
		hl_client *c = NULL;
		if (need_form && edit(&fm) < 0) {
			form_free(&fm);
			return -1;
		}
		need_form = 1;
		url = hl_tui_editor_text(&fm.f[F_BROKER]);
		user = hl_tui_editor_text(&fm.f[F_USER]);
		pass = hl_tui_editor_text(&fm.f[F_PASSWORD]);
		rc = url && user && pass ? connect_checked(&fm, url, &c) : -1;
		if (rc == 0) {
			say(&fm, HL_TUI_ROLE_MUTED, _("Logging in as %s…"), user);
			draw(&fm);
			rc = hl_client_login(c, user, pass);
			if (rc == HL_E_THROTTLED)
				say(&fm, HL_TUI_ROLE_ERROR, _("Login throttled: %s; try again in %u s"),
				    hl_client_error(c), (hl_client_retry_after_ms(c) + 999) / 1000);
			else if (rc < 0)
				say(&fm, HL_TUI_ROLE_ERROR, _("Login refused: %s"), hl_client_error(c));
			if (rc < 0) {
				hl_client_close(c);
				hl_tui_editor_clear(&fm.f[F_PASSWORD]);
				fm.focus = F_PASSWORD;
			} else {
				a->client = c;
				snprintf(a->broker, sizeof a->broker, "%s", url);
				snprintf(a->user, sizeof a->user, "%s", user);
			}
		}
		if (pass) {
			sodium_memzero(pass, strlen(pass));
			free(pass);
		}
		free(url);
		free(user);
		if (rc == -2) {
			form_free(&fm);
			return -1;
		}
		if (a->client)
			break;
	}
	form_free(&fm);
	return 0;
}
