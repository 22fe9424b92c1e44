/* A conversation's transcript as the desk shows it: the model's lines
 * (climodel.h) formatted into a text view that keeps its own scroll
 * position, brought up to date from the model when it is drawn or
 * scrolled. The view hangs off the conversation (hl_cm_conv.ui). */
#ifndef HL_AGENT_VIEW_H
#define HL_AGENT_VIEW_H

#include <stddef.h>

#include "climodel.h"
#include "textview.h"

/* The model's translate hook: gettext in the hotline domain. */
const char *hl_agent_tr(const char *msgid);

/* Sets up d to keep views (its tr and ui_free hooks). */
void hl_agent_view_attach(hl_cm_model *d);

/* c's view with every line of its transcript in it, made on first use
 * (width columns until it is drawn); NULL when memory runs out. */
hl_tui_textview *hl_agent_view(hl_cm_conv *c, int width);

/* Formats a transcript line as the view shows it: "HH:MM name: text"
 * (local time of ts_ms), notes and whispers marked, system lines set
 * apart and translated when the broker's English is known, the
 * customer's contact details masked as in the side panel (mask.h). Writes into
 * buf, sets *role (a theme role) and *indent (continuation rows), and
 * returns the length. */
size_t hl_agent_view_format_line(const Hotline__ChatLine *l, char *buf, size_t cap, int *role,
				 int *indent);

#endif
