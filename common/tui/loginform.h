/* The login form's logic, for every desk: three fields (broker, user,
 * password), the focus, a message line, and what a key does — from a key
 * table, so a desk only draws it (curses/loginform.c) and acts on
 * SUBMIT and QUIT. No curses, no gettext: the desk passes the words. */
#ifndef HL_TUI_LOGINFORM_H
#define HL_TUI_LOGINFORM_H

#include <stdarg.h>

#include "editor.h"

enum { HL_LOGIN_BROKER, HL_LOGIN_USER, HL_LOGIN_PASSWORD, HL_LOGIN_FIELDS };

/* What a key did to the form. */
enum {
	HL_LOGIN_EDITED,   /* the form changed (or not): keep editing */
	HL_LOGIN_SUBMIT,   /* every field is filled: log in */
	HL_LOGIN_QUIT,     /* the person gave up */
};

typedef struct hl_tui_loginform {
	hl_tui_editor f[HL_LOGIN_FIELDS];
	int focus;                        /* HL_LOGIN_BROKER… */
	const char *label[HL_LOGIN_FIELDS];  /* the fields' names, translated */
	const char *needed;               /* "%s is needed", translated */
	char msg[600];                    /* the message line */
	int msg_role;                     /* its theme role */
} hl_tui_loginform;

/* Sets up the form with the given values (NULL: empty), the focus on the
 * first empty field (the password when all are given). label and needed
 * are the desk's translated words; they must outlive the form. */
void hl_tui_loginform_init(hl_tui_loginform *f, const char *broker, const char *user,
			   const char *password, const char *const label[HL_LOGIN_FIELDS],
			   const char *needed);

/* Wipes the fields (the password leaves no copy) and frees them. */
void hl_tui_loginform_free(hl_tui_loginform *f);

/* True when every field has text. */
int hl_tui_loginform_complete(const hl_tui_loginform *f);

/* Takes a key: Esc and F10 quit, Tab/Down and Shift-Tab/Up move the
 * focus, Enter submits when every field is filled (else the focus goes to
 * the first empty one and the message says it is needed, in warn_role),
 * any other key edits the focused field. Returns HL_LOGIN_*. */
int hl_tui_loginform_key(hl_tui_loginform *f, int key, int warn_role);

/* Pastes text into the focused field. */
void hl_tui_loginform_paste(hl_tui_loginform *f, const char *text, size_t len);

/* Sets the message line (printf-style) and its role. */
void hl_tui_loginform_say(hl_tui_loginform *f, int role, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
