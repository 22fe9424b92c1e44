/* Transcript views: the model's lines formatted for the screen, synced
 * by the model's generation and line count, so only new lines are
 * formatted and a replaced transcript is formatted again whole. */
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "mask.h"
#include "sysline.h"
#include "theme.h"
#include "width.h"

typedef struct view {
	hl_tui_textview tv;
	unsigned gen;        /* the transcript generation shown */
	uint64_t added;      /* its lines added so far that are in tv */
} view;

static void view_free(void *ui)
{
	view *v = ui;

	hl_tui_textview_free(&v->tv);
	free(v);
}

const char *hl_agent_tr(const char *msgid)
{
	return _(msgid);
}

void hl_agent_view_attach(hl_cm_model *d)
{
	d->tr = hl_agent_tr;
	d->ui_free = view_free;
}

static void append(view *v, const Hotline__ChatLine *l)
{
	char buf[16384 + 600];
	int role, indent;
	size_t n = hl_agent_view_format_line(l, buf, sizeof buf, &role, &indent);

	hl_tui_textview_append(&v->tv, buf, n, role, indent);
}

hl_tui_textview *hl_agent_view(hl_cm_conv *c, int width)
{
	view *v = c->ui;
	const hl_cm_lines *t = &c->lines;
	uint64_t fresh;

	if (!v) {
		if (!(v = calloc(1, sizeof *v)))
			return NULL;
		hl_tui_textview_init(&v->tv, HL_CM_LINES_MAX);
		hl_tui_textview_resize(&v->tv, 10, width > 0 ? width : 60);
		v->gen = t->gen;
		c->ui = v;
	}
	if (v->gen != t->gen || t->added < v->added) {
		hl_tui_textview_clear(&v->tv);
		v->gen = t->gen;
		v->added = 0;
	}
	fresh = t->added - v->added;
	if (fresh > t->n) {
		/* More came than the transcript keeps: show what it keeps. */
		hl_tui_textview_clear(&v->tv);
		fresh = t->n;
	}
	for (size_t i = t->n - (size_t)fresh; i < t->n; i++)
		append(v, t->v[i]);
	v->added = t->added;
	return &v->tv;
}

size_t hl_agent_view_format_line(const Hotline__ChatLine *l, char *buf, size_t cap, int *role,
				 int *indent)
{
	char hm[16] = "--:--", sys[512];
	time_t t = (time_t)(l->ts_ms / 1000);
	struct tm tm;
	const char *from = l->from ? l->from : "";
	const char *name = l->name && l->name[0] ? l->name : NULL;
	int n;

	if (l->ts_ms > 0 && localtime_r(&t, &tm))
		strftime(hm, sizeof hm, "%H:%M", &tm);
	*indent = hl_tui_width_str(hm) + 1;
	if (strcmp(from, "system") == 0) {
		/* A coded line in the desk's language; an old row by its text. */
		if (hl_sysline_render(l, hl_agent_tr, sys, sizeof sys) < 0)
			hl_cm_system_text(hl_agent_tr, l->text, sys, sizeof sys);
		*role = HL_TUI_ROLE_SYSTEM;
		n = snprintf(buf, cap, "%s \u00b7 %s", hm, sys);
	} else if (strcmp(from, "note") == 0 || strcmp(from, "whisper") == 0) {
		/* Only the agent sees these: marked so they are never mistaken
		 * for the customer's words. */
		*role = HL_TUI_ROLE_WHISPER;
		n = snprintf(buf, cap, "%s %s %s: %s", hm,
			     strcmp(from, "note") == 0 ? _("[note]") : _("[whisper]"),
			     name ? name : _("supervisor"), l->text);
	} else if (strcmp(from, "customer") == 0) {
		/* The customer's own words carry their phone numbers and
		 * addresses: masked here as in the side panel, one rule. */
		char masked[16384];
		*role = HL_TUI_ROLE_CUSTOMER;
		hl_agent_mask_text(l->text ? l->text : "", masked, sizeof masked);
		n = snprintf(buf, cap, "%s %s: %s", hm, name ? name : _("Customer"), masked);
	} else {
		*role = HL_TUI_ROLE_AGENT;
		n = snprintf(buf, cap, "%s %s: %s", hm, name ? name : from, l->text);
	}
	if (n < 0)
		n = 0;
	if ((size_t)n >= cap)
		n = (int)hl_tui_width_clip_bytes(buf, cap - 1, cap - 1);
	buf[n] = 0;
	return (size_t)n;
}
