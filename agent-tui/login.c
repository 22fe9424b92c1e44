/* The login screen: the shared login form (loginform.h, drawn by
 * curses/loginscreen.c), the trust-on-first-use prompt for a new broker
 * key (clienttrust.h), and the login itself. Nothing is sent to a broker
 * whose key has not been trusted. */
#include "login.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "bench.h"
#include "clienttrust.h"
#include "curses/input.h"
#include "curses/loginscreen.h"
#include "curses/overlay.h"
#include "error.h"
#include "i18n.h"
#include "pwfile.h"

typedef struct form {
	hl_agent_app *a;
	hl_tui_pane *p;
	hl_tui_loginform lf;
} form;

static void draw(form *fm)
{
	int rows, cols, cy, cx;
	static int first = 1;

	hl_tui_screen_size(&rows, &cols);
	hl_tui_draw_loginform(fm->p, rows, cols, &fm->lf, _("Hotline: agent login"),
			      _("Enter: log in   Tab: next field   Esc: quit"), &cy, &cx);
	hl_tui_screen_cursor(fm->a->dialog.open ? NULL : fm->p, cy, cx);
	hl_tui_draw_dialog(fm->a->p_dialog, &fm->a->dialog, rows, cols, &fm->a->dialog_lo);
	hl_tui_screen_update();
	if (first) {
		first = 0;
		hl_agent_bench_first_frame();
	}
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
	int rc;

	for (;;) {
		draw(fm);
		if (hl_tui_input_read(&ev, -1) < 0 || ev.type == HL_TUI_EV_QUIT)
			return -1;
		if (ev.type == HL_TUI_EV_RESIZE) {
			hl_tui_screen_resized();
			continue;
		}
		if (ev.type == HL_TUI_EV_PASTE) {
			hl_tui_loginform_paste(&fm->lf, ev.text, ev.len);
			continue;
		}
		if (ev.type != HL_TUI_EV_KEY)
			continue;
		rc = hl_tui_loginform_key(&fm->lf, ev.key, HL_TUI_ROLE_VALUE_WARN);
		if (rc != HL_LOGIN_EDITED)
			return rc == HL_LOGIN_SUBMIT ? 0 : -1;
	}
}

/* Opens the connection with the key checked. Returns 0 with *c, or -1
 * (the message is set), or -2 when the program must quit. */
static int connect_checked(form *fm, const char *url, hl_client **c)
{
	hl_agent_app *a = fm->a;
	hl_client_opts o = {.url = url, .name = "hotline-agent"};
	hl_clienttrust t;
	char err[400], text[1024];
	const char *buttons[2];
	int rc;

	hl_clienttrust_pin(&t, a->pin, a->known_path, url);
	if (t.pin[0])
		o.pin = t.pin;
	hl_tui_loginform_say(&fm->lf, HL_TUI_ROLE_MUTED, _("Connecting to %s…"), url);
	draw(fm);
	rc = hl_client_open(c, &o, err, sizeof err);
	if (rc == HL_E_PIN) {
		hl_clienttrust_changed_text(&t, hl_agent_tr, url, a->known_path, err, text,
					    sizeof text);
		buttons[0] = _("OK");
		hl_tui_dialog_open(&a->dialog, 0, _("The broker's key has changed"), text, buttons, 1);
		if (dialog_wait(fm) == -2)
			return -2;
		hl_tui_loginform_say(&fm->lf, HL_TUI_ROLE_ERROR, "%s",
				     _("Refused: the broker's key does not match."));
		return -1;
	}
	if (rc < 0) {
		hl_tui_loginform_say(&fm->lf, HL_TUI_ROLE_ERROR, "%s", err);
		return -1;
	}
	if (o.pin)
		return 0;
	hl_clienttrust_first_text(hl_agent_tr, url, hl_client_fingerprint(*c), text, sizeof text);
	buttons[0] = _("Trust");
	buttons[1] = _("Refuse");
	hl_tui_dialog_open(&a->dialog, 0, _("A new broker"), text, buttons, 2);
	rc = dialog_wait(fm);
	if (rc != 0) {
		hl_client_close(*c);
		*c = NULL;
		if (rc == -2)
			return -2;
		hl_tui_loginform_say(&fm->lf, HL_TUI_ROLE_VALUE_WARN, "%s",
				     _("Not connected: the key was not trusted."));
		return -1;
	}
	if (hl_clienttrust_accept(*c, a->known_path, url) < 0)
		hl_tui_loginform_say(&fm->lf, HL_TUI_ROLE_VALUE_WARN,
				     _("Could not remember the key in %s"),
				     a->known_path[0] ? a->known_path : "known_brokers");
	return 0;
}

static void form_free(form *fm)
{
	hl_tui_loginform_free(&fm->lf);
	hl_tui_pane_free(fm->p);
}

int hl_agent_login_run(hl_agent_app *a, const char *password)
{
	static const char *const labels[HL_LOGIN_FIELDS] = {N_("Broker"), N_("User"),
							    N_("Password")};
	const char *label[HL_LOGIN_FIELDS];
	form fm = {.a = a};
	char pw[HL_PASSWORD_MAX + 1] = "";
	int rows, cols, rc, need_form;
	bool unreadable = false;

	hl_tui_screen_size(&rows, &cols);
	if (!(fm.p = hl_tui_pane_new(rows, cols, 0, 0)))
		return -1;
	for (int i = 0; i < HL_LOGIN_FIELDS; i++)
		label[i] = _(labels[i]);
	if (!password && a->password_file[0]) {
		if (hl_pwfile_read(a->password_file, pw, sizeof pw) == 0)
			password = pw;
		else
			unreadable = true;
	}
	hl_tui_loginform_init(&fm.lf, a->broker, a->user, password, label, _("%s is needed"));
	sodium_memzero(pw, sizeof pw);
	fm.lf.msg_role = HL_TUI_ROLE_MUTED;
	if (unreadable)
		hl_tui_loginform_say(&fm.lf, HL_TUI_ROLE_VALUE_WARN,
				     _("Cannot read a password from %s"), a->password_file);
	need_form = !hl_tui_loginform_complete(&fm.lf);
	for (;;) {
		char *url, *user, *pass;
		hl_client *c = NULL;
		if (need_form && edit(&fm) < 0) {
			form_free(&fm);
			return -1;
		}
		need_form = 1;
		url = hl_tui_editor_text(&fm.lf.f[HL_LOGIN_BROKER]);
		user = hl_tui_editor_text(&fm.lf.f[HL_LOGIN_USER]);
		pass = hl_tui_editor_text(&fm.lf.f[HL_LOGIN_PASSWORD]);
		rc = url && user && pass ? connect_checked(&fm, url, &c) : -1;
		if (rc == 0) {
			hl_tui_loginform_say(&fm.lf, HL_TUI_ROLE_MUTED, _("Logging in as %s…"), user);
			draw(&fm);
			rc = hl_client_login(c, user, pass);
			if (rc == HL_E_THROTTLED)
				hl_tui_loginform_say(&fm.lf, HL_TUI_ROLE_ERROR,
						     _("Login throttled: %s; try again in %u s"),
						     hl_client_error(c),
						     (hl_client_retry_after_ms(c) + 999) / 1000);
			else if (rc < 0)
				hl_tui_loginform_say(&fm.lf, HL_TUI_ROLE_ERROR, _("Login refused: %s"),
						     hl_client_error(c));
			if (rc < 0) {
				hl_client_close(c);
				hl_tui_editor_clear(&fm.lf.f[HL_LOGIN_PASSWORD]);
				fm.lf.focus = HL_LOGIN_PASSWORD;
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
