/* The login form's fields, focus and keys: what each key does is a row of
 * a table. */
#include "loginform.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "keys.h"
#include "pwfile.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static int op_quit(hl_tui_loginform *f, int warn_role)
{
	(void)f, (void)warn_role;
	return HL_LOGIN_QUIT;
}

static int op_next(hl_tui_loginform *f, int warn_role)
{
	(void)warn_role;
	f->focus = (f->focus + 1) % HL_LOGIN_FIELDS;
	return HL_LOGIN_EDITED;
}

static int op_prev(hl_tui_loginform *f, int warn_role)
{
	(void)warn_role;
	f->focus = (f->focus + HL_LOGIN_FIELDS - 1) % HL_LOGIN_FIELDS;
	return HL_LOGIN_EDITED;
}

static int op_submit(hl_tui_loginform *f, int warn_role)
{
	for (int i = 0; i < HL_LOGIN_FIELDS; i++) {
		if (f->f[i].len == 0) {
			f->focus = i;
			hl_tui_loginform_say(f, warn_role, f->needed, f->label[i]);
			return HL_LOGIN_EDITED;
		}
	}
	return HL_LOGIN_SUBMIT;
}

static const struct {
	int key;
	int (*op)(hl_tui_loginform *, int);
} ops[] = {
	{HL_TUI_KEY_ESC, op_quit},
	{HL_TUI_KEY_F(10), op_quit},
	{HL_TUI_KEY_TAB, op_next},
	{HL_TUI_KEY_DOWN, op_next},
	{HL_TUI_KEY_TAB | HL_TUI_MOD_SHIFT, op_prev},
	{HL_TUI_KEY_UP, op_prev},
	{HL_TUI_KEY_ENTER, op_submit},
};

void hl_tui_loginform_init(hl_tui_loginform *f, const char *broker, const char *user,
			   const char *password, const char *const label[HL_LOGIN_FIELDS],
			   const char *needed)
{
	const char *given[HL_LOGIN_FIELDS] = {broker, user, password};

	memset(f, 0, sizeof *f);
	for (int i = 0; i < HL_LOGIN_FIELDS; i++) {
		hl_tui_editor_init(&f->f[i], i == HL_LOGIN_BROKER ? 500 : HL_PASSWORD_MAX, 0);
		if (given[i])
			hl_tui_editor_set(&f->f[i], given[i]);
		f->label[i] = label[i];
	}
	f->needed = needed;
	f->focus = !f->f[HL_LOGIN_BROKER].len ? HL_LOGIN_BROKER
		   : !f->f[HL_LOGIN_USER].len ? HL_LOGIN_USER
					      : HL_LOGIN_PASSWORD;
}

void hl_tui_loginform_free(hl_tui_loginform *f)
{
	for (int i = 0; i < HL_LOGIN_FIELDS; i++) {
		/* The password's code points leave no copy behind. */
		if (f->f[i].buf)
			sodium_memzero(f->f[i].buf, f->f[i].cap * sizeof f->f[i].buf[0]);
		hl_tui_editor_free(&f->f[i]);
	}
}

int hl_tui_loginform_complete(const hl_tui_loginform *f)
{
	for (int i = 0; i < HL_LOGIN_FIELDS; i++)
		if (!f->f[i].len)
			return 0;
	return 1;
}

int hl_tui_loginform_key(hl_tui_loginform *f, int key, int warn_role)
{
	for (size_t i = 0; i < N(ops); i++)
		if (ops[i].key == key)
			return ops[i].op(f, warn_role);
	hl_tui_editor_key(&f->f[f->focus], key);
	return HL_LOGIN_EDITED;
}

void hl_tui_loginform_paste(hl_tui_loginform *f, const char *text, size_t len)
{
	hl_tui_editor_paste(&f->f[f->focus], text, len);
}

void hl_tui_loginform_say(hl_tui_loginform *f, int role, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(f->msg, sizeof f->msg, fmt, ap);
	va_end(ap);
	f->msg_role = role;
}
