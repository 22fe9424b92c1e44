/* Drawing the desk: one function per pane, called only when the pane is
 * dirty; the overlays on top. Every column is counted by display width
 * (width.h), so Chinese text never pushes a border out of line. */
#include "ui.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bar.h"
#include "clock.h"
#include "curses/draw.h"
#include "curses/overlay.h"
#include "hotlist.h"
#include "i18n.h"
#include "action.h"
#include "keymap.h"
#include "mask.h"
#include "states.h"
#include "status.h"
#include "timefmt.h"
#include "width.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define HELP_MAX 64

hl_cm_now hl_agent_app_now(void)
{
	hl_cm_now n;

	n.wall = hl_clock_wall_ms();
	n.mono = hl_clock_mono_ms();
	return n;
}

const hl_tui_key *hl_agent_ui_keys(size_t *n)
{
	static hl_tui_key keys[HELP_MAX];
	static size_t nkeys;

	if (!nkeys) {
		size_t nacts;
		const hl_tui_action *acts = hl_agent_actions(&nacts);
		nkeys = hl_agent_keymap_help(acts, nacts, keys, N(keys));
	}
	*n = nkeys;
	return keys;
}

int hl_agent_ui_init(hl_agent_app *a)
{
	hl_tui_pane **base[] = {&a->p_status, &a->p_hotlist, &a->p_view, &a->p_side,
				&a->p_input, &a->p_keybar};
	hl_tui_pane **over[] = {&a->p_toast, &a->p_figures, &a->p_menu, &a->p_help,
				&a->p_dialog};

	for (size_t i = 0; i < N(base); i++)
		if (!(*base[i] = hl_tui_pane_new(1, 1, 0, 0)))
			return -2;
	/* Overlays stack in this order, the dialog on top. */
	for (size_t i = 0; i < N(over); i++) {
		if (!(*over[i] = hl_tui_pane_new(1, 1, 0, 0)))
			return -2;
		hl_tui_pane_show(*over[i], false);
	}
	hl_tui_textview_init(&a->side_tv, 200);
	hl_tui_textview_init(&a->figures_tv, 200);
	return 0;
}

static void place(hl_tui_pane *p, const hl_agent_rect *r)
{
	hl_tui_pane_place(p, r->h, r->w, r->y, r->x);
}

void hl_agent_ui_place(hl_agent_app *a)
{
	hl_tui_screen_size(&a->rows, &a->cols);
	hl_agent_layout_compute(a->rows, a->cols, a->side_mode, &a->lo);
	place(a->p_status, &a->lo.status);
	place(a->p_hotlist, &a->lo.hotlist);
	place(a->p_view, &a->lo.view);
	place(a->p_input, &a->lo.input);
	place(a->p_keybar, &a->lo.keybar);
	if (a->lo.side_shown) {
		place(a->p_side, &a->lo.side);
		if (a->p_side->hidden)
			hl_tui_pane_show(a->p_side, true);
	} else if (!a->p_side->hidden) {
		hl_tui_pane_show(a->p_side, false);
	}
	a->view_width = a->lo.view.w;
	a->dirty = ~0u & ~(unsigned)HL_AGENT_DIRTY_LAYOUT;
	if (a->focus == HL_AGENT_FOCUS_SIDE && !a->lo.side_shown)
		a->focus = HL_AGENT_FOCUS_INPUT;
}

void hl_agent_ui_toast(hl_agent_app *a, int level, long long ttl_ms, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	hl_tui_toast_show(&a->toast, level, text, hl_clock_mono_ms(), ttl_ms);
	hl_tui_pane_dirty(a->p_toast);
}

/* --- panes --- */

static void border_line(WINDOW *w, int y, int x, int h, int role)
{
	attr_t attr;
	short pair;

	hl_tui_screen_style(role, &attr, &pair);
	wattr_set(w, attr, pair, NULL);
	mvwvline_set(w, y, x, WACS_VLINE, h);
	wattr_set(w, A_NORMAL, 0, NULL);
}

/* A pane's title row: the focused pane's stands out. */
static void header(hl_agent_app *a, WINDOW *w, int x, int width, const char *left,
		   const char *right, int right_role, bool focused)
{
	int role = focused ? HL_TUI_ROLE_SELECTED : HL_TUI_ROLE_HEADER;
	int rw = right ? hl_tui_width_str(right) : 0;

	(void)a;
	if (rw > width / 2)
		rw = width / 2;
	hl_tui_draw_field(w, 0, x, width - rw, left, role, HL_TUI_ALIGN_LEFT);
	if (rw)
		hl_tui_draw_field(w, 0, x + width - rw, rw, right, right_role, HL_TUI_ALIGN_RIGHT);
}

static void draw_status(hl_agent_app *a)
{
	hl_agent_status st;
	WINDOW *w = a->p_status->win;

	if (a->lo.too_small) {
		hl_tui_draw_field(w, 0, 0, a->cols, _("The terminal is too small (40×10 at least)"),
				  HL_TUI_ROLE_ERROR, HL_TUI_ALIGN_LEFT);
		return;
	}
	hl_agent_status_build(&st, &a->desk, a->conn, hl_agent_app_now());
	hl_tui_draw_bar(w, 0, 0, a->cols, st.segs, st.n, 2, HL_TUI_ROLE_STATUS, NULL);
}

static void draw_hot_row(hl_agent_app *a, WINDOW *w, int y, int width, const hl_cm_conv *c,
			 size_t pos, int64_t now)
{
	hl_agent_hotrow r;
	bool sel = strcmp(a->desk.selected, c->id) == 0;
	int role_of = sel ? HL_TUI_ROLE_SELECTED : -1;
	int x = 0, bw, tw, lw;

	hl_agent_hotlist_row(&a->desk, c, pos, now, &r);
	hl_tui_draw_fill(w, y, 0, 1, width, sel ? HL_TUI_ROLE_SELECTED : HL_TUI_ROLE_NORMAL);
	x += 1;
	hl_tui_draw_field(w, y, x, 1, r.num, role_of >= 0 ? role_of : HL_TUI_ROLE_MUTED,
			  HL_TUI_ALIGN_LEFT);
	x += 2;
	bw = r.badge[0] ? hl_tui_width_str(r.badge) + 2 : 0;
	tw = r.timer[0] ? hl_tui_width_str(r.timer) + 1 : 0;
	lw = width - x - bw - tw - 1;
	if (lw < 4) {
		tw = 0;
		lw = width - x - bw - 1;
	}
	if (lw > 0)
		hl_tui_draw_field(w, y, x, lw, r.label, role_of >= 0 ? role_of : r.label_role,
				  HL_TUI_ALIGN_LEFT);
	x += lw > 0 ? lw : 0;
	if (bw) {
		char b[24];
		snprintf(b, sizeof b, "(%s)", r.badge);
		hl_tui_draw_field(w, y, x + 1, bw - 1, b, HL_TUI_ROLE_UNREAD, HL_TUI_ALIGN_RIGHT);
		x += bw;
	}
	if (tw)
		hl_tui_draw_field(w, y, x + 1, tw - 1, r.timer, r.timer_role, HL_TUI_ALIGN_RIGHT);
}

static void draw_hotlist(hl_agent_app *a)
{
	WINDOW *w = a->p_hotlist->win;
	int h = a->lo.hotlist.h, width = a->lo.hotlist.w - 1;
	size_t idx[HL_CM_CONV_MAX], n = hl_cm_order(&a->desk, idx, N(idx));
	long sel = hl_cm_pos(&a->desk, a->desk.selected);
	int64_t now = hl_clock_mono_ms();
	char title[96];

	snprintf(title, sizeof title, " %s (%zu)", _("Conversations"), n);
	header(a, w, 0, width, title, NULL, 0, a->focus == HL_AGENT_FOCUS_HOTLIST);
	/* Keep the selected row in view. */
	if (sel >= 0 && sel < a->hot_top)
		a->hot_top = sel;
	if (sel >= 0 && sel >= a->hot_top + h - 1)
		a->hot_top = sel - (h - 2);
	if (a->hot_top > (long)n - 1)
		a->hot_top = n ? (long)n - 1 : 0;
	if (a->hot_top < 0)
		a->hot_top = 0;
	for (int r = 1; r < h; r++) {
		size_t pos = (size_t)(a->hot_top + r - 1);
		if (pos < n)
			draw_hot_row(a, w, r, width, a->desk.conv[idx[pos]], pos, now);
		else
			hl_tui_draw_fill(w, r, 0, 1, width, HL_TUI_ROLE_NORMAL);
	}
	if (n == 0 && h > 2)
		hl_tui_draw_field(w, 2, 1, width - 1, _("no conversations"), HL_TUI_ROLE_MUTED,
				  HL_TUI_ALIGN_LEFT);
	border_line(w, 0, width, h, HL_TUI_ROLE_BORDER);
}

/* What the conversation's header says on the right: kind and its clock. */
static void conv_clock(const hl_cm_conv *c, int64_t now, char *buf, size_t cap, int *role)
{
	char t[24];

	switch (c->kind) {
	case HL_CM_OFFER:
		if (c->deadline)
			snprintf(buf, cap, " %s %s ", _("Offer"),
				 hl_timefmt_countdown(c->deadline, now, t, sizeof t));
		else
			snprintf(buf, cap, " %s ", _("Offer"));
		*role = HL_TUI_ROLE_OFFER;
		break;
	case HL_CM_CHAT:
		snprintf(buf, cap, " %s %s ", _("Chat"),
			 hl_timefmt_duration(now - c->since, t, sizeof t));
		*role = HL_TUI_ROLE_STATE_BUSY;
		break;
	default:
		snprintf(buf, cap, " %s %s ", _("Wrap-up"),
			 hl_timefmt_duration(now - c->since, t, sizeof t));
		*role = HL_TUI_ROLE_STATE_WRAPUP;
		break;
	}
}

/* The row under the transcript: the customer typing, or what to do. */
static void draw_hint(hl_agent_app *a, const hl_cm_conv *c)
{
	WINDOW *w = a->p_view->win;
	int h = a->lo.view.h, width = a->lo.view.w;
	char text[256] = "";
	int role = HL_TUI_ROLE_MUTED;

	if (!c)
		text[0] = 0;
	else if (c->kind == HL_CM_OFFER)
		snprintf(text, sizeof text, "%s", _("F3 accept · F8 decline"));
	else if (c->kind == HL_CM_WRAPUP)
		snprintf(text, sizeof text, "%s",
			 strcmp(c->ended_by, "customer") == 0
				 ? _("The customer ended the chat. Wrap up: /wrap CODE NOTE or F7")
				 : _("Ended. Wrap up: /wrap CODE NOTE or F7"));
	else if (c->typing) {
		snprintf(text, sizeof text, _("%s is typing…"), c->customer);
		role = HL_TUI_ROLE_VALUE;
	}
	hl_tui_draw_field(w, h - 1, 0, width, text, role, HL_TUI_ALIGN_LEFT);
}

enum { VIEW_FULL, VIEW_HINT, VIEW_HEAD };

static void draw_view(hl_agent_app *a, int part)
{
	WINDOW *w = a->p_view->win;
	int h = a->lo.view.h, width = a->lo.view.w;
	hl_cm_conv *c = hl_cm_selected(&a->desk);
	char left[256], right[64];
	int rrole = HL_TUI_ROLE_HEADER;
	hl_tui_textview *tv;

	if (part == VIEW_HINT) {
		draw_hint(a, c);
		return;
	}
	if (!c) {
		header(a, w, 0, width, "", NULL, 0, a->focus == HL_AGENT_FOCUS_VIEW);
		hl_tui_draw_fill(w, 1, 0, h - 1, width, HL_TUI_ROLE_NORMAL);
		if (h > 6) {
			hl_tui_draw_field(w, h / 2 - 1, 0, width, _("No conversation open."),
					  HL_TUI_ROLE_MUTED, HL_TUI_ALIGN_CENTER);
			hl_tui_draw_field(w, h / 2, 0, width,
					  _("Offers appear on the left when you are Available (F2)."),
					  HL_TUI_ROLE_MUTED, HL_TUI_ALIGN_CENTER);
		}
		return;
	}
	{
		const char *ql = hl_cm_queue_label(&a->desk, c->queue);
		snprintf(left, sizeof left, " %s \u00b7 %s \u00b7 %s", c->customer[0] ? c->customer : "?",
			 ql[0] ? ql : c->queue, c->id);
	}
	conv_clock(c, hl_clock_mono_ms(), right, sizeof right, &rrole);
	header(a, w, 0, width, left, right, rrole, a->focus == HL_AGENT_FOCUS_VIEW);
	if (part == VIEW_HEAD)
		return;
	if (h > 2 && (tv = hl_agent_view(c, width)))
		hl_tui_draw_textview(w, 1, 0, h - 2, width, tv, HL_TUI_ROLE_NORMAL);
	draw_hint(a, c);
}

static void side_add(hl_agent_app *a, const char *label, const char *value, int role)
{
	char masked[1400], line[1600];

	if (!value || !value[0])
		return;
	hl_agent_mask_text(value, masked, sizeof masked);
	snprintf(line, sizeof line, "%s: %s", label, masked);
	hl_tui_textview_append(&a->side_tv, line, strlen(line), role, 2);
}

void hl_agent_ui_side_rebuild(hl_agent_app *a)
{
	hl_cm_conv *c = hl_cm_selected(&a->desk);
	const hl_cm_visitor *v;
	char buf[128];

	hl_tui_textview_clear(&a->side_tv);
	if (!c) {
		const char *t = _("Select a conversation to see the customer.");
		hl_tui_textview_append(&a->side_tv, t, strlen(t), HL_TUI_ROLE_MUTED, 0);
		return;
	}
	v = &c->visitor;
	side_add(a, _("Customer"), c->customer, HL_TUI_ROLE_VALUE);
	side_add(a, _("Queue"), hl_cm_queue_label(&a->desk, c->queue)[0]
				    ? hl_cm_queue_label(&a->desk, c->queue)
				    : c->queue, HL_TUI_ROLE_VALUE);
	side_add(a, _("Contact"), c->id, HL_TUI_ROLE_MUTED);
	if (c->note[0])
		side_add(a, _("Transfer note"), c->note, HL_TUI_ROLE_WHISPER);
	hl_tui_textview_append(&a->side_tv, "", 0, HL_TUI_ROLE_NORMAL, 0);
	{
		const char *t = _("Visitor trail");
		hl_tui_textview_append(&a->side_tv, t, strlen(t), HL_TUI_ROLE_TITLE, 0);
	}
	if (!v->known) {
		const char *t = _("(none sent)");
		hl_tui_textview_append(&a->side_tv, t, strlen(t), HL_TUI_ROLE_MUTED, 0);
		return;
	}
	if (v->returning)
		snprintf(buf, sizeof buf, _("yes, %u past contacts"), v->past_contacts);
	else
		snprintf(buf, sizeof buf, "%s", _("no, first visit"));
	side_add(a, _("Returning"), buf, HL_TUI_ROLE_NORMAL);
	side_add(a, _("Referrer"), v->referrer, HL_TUI_ROLE_NORMAL);
	side_add(a, _("Landing page"), v->landing, HL_TUI_ROLE_NORMAL);
	side_add(a, _("Pages seen"), v->pages, HL_TUI_ROLE_NORMAL);
	side_add(a, _("Search keywords"), v->keywords, HL_TUI_ROLE_NORMAL);
	side_add(a, _("Region"), v->region, HL_TUI_ROLE_NORMAL);
	side_add(a, _("Device"), v->device, HL_TUI_ROLE_NORMAL);
	{
		const char *t = _("Contact details are masked.");
		hl_tui_textview_append(&a->side_tv, "", 0, HL_TUI_ROLE_NORMAL, 0);
		hl_tui_textview_append(&a->side_tv, t, strlen(t), HL_TUI_ROLE_MUTED, 0);
	}
	hl_tui_textview_home(&a->side_tv);
}

static void draw_side(hl_agent_app *a)
{
	WINDOW *w = a->p_side->win;
	int h = a->lo.side.h, width = a->lo.side.w;
	char title[64];

	if (!a->lo.side_shown)
		return;
	if (a->side_stale || strcmp(a->side_id, a->desk.selected) != 0) {
		hl_agent_ui_side_rebuild(a);
		snprintf(a->side_id, sizeof a->side_id, "%s", a->desk.selected);
		a->side_stale = false;
	}
	border_line(w, 0, 0, h, HL_TUI_ROLE_BORDER);
	snprintf(title, sizeof title, " %s", _("Customer"));
	header(a, w, 1, width - 1, title, NULL, 0, a->focus == HL_AGENT_FOCUS_SIDE);
	if (h > 1 && width > 3)
		hl_tui_draw_textview(w, 1, 2, h - 1, width - 3, &a->side_tv, HL_TUI_ROLE_NORMAL);
	if (width > 2)
		hl_tui_draw_fill(w, 1, 1, h - 1, 1, HL_TUI_ROLE_NORMAL);
}

static void draw_input(hl_agent_app *a)
{
	WINDOW *w = a->p_input->win;
	int cx;

	hl_tui_draw_field(w, 0, 0, 2, ">", a->focus == HL_AGENT_FOCUS_INPUT ? HL_TUI_ROLE_TITLE
									     : HL_TUI_ROLE_MUTED,
			  HL_TUI_ALIGN_LEFT);
	cx = hl_tui_draw_editor(w, 0, 2, a->cols - 2, &a->input, HL_TUI_ROLE_INPUT);
	a->input_cx = cx;
}

/* Key bar priorities: what matters most stays on a narrow screen. */
static const struct {
	int key, priority;
} bar_priority[] = {
	{HL_TUI_KEY_F(1), 100}, {HL_TUI_KEY_F(3), 95}, {HL_TUI_KEY_F(4), 90},
	{HL_TUI_KEY_F(2), 85},  {HL_TUI_KEY_F(8), 80}, {HL_TUI_KEY_F(6), 75},
	{HL_TUI_KEY_F(7), 70},  {HL_TUI_KEY_F(10), 65}, {HL_TUI_KEY_F(5), 60},
	{HL_TUI_KEY_F(9), 55},
};

static void draw_keybar(hl_agent_app *a)
{
	size_t nk, n, index[24];
	const hl_tui_key *keys = hl_agent_ui_keys(&nk);
	hl_tui_bar_seg segs[24];
	hl_tui_bar_name names[24];

	n = hl_tui_bar_keys(keys, nk, segs, names, index, N(segs));
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < N(bar_priority); k++)
			if (keys[index[i]].key == bar_priority[k].key)
				segs[i].priority = bar_priority[k].priority;
	/* Shown in key order: F1, F2, … */
	for (size_t i = 1; i < n; i++) {
		for (size_t j = i; j > 0 && keys[index[j]].key < keys[index[j - 1]].key; j--) {
			hl_tui_bar_seg s = segs[j];
			size_t x = index[j];
			segs[j] = segs[j - 1];
			segs[j - 1] = s;
			index[j] = index[j - 1];
			index[j - 1] = x;
		}
	}
	hl_tui_draw_bar(a->p_keybar->win, 0, 0, a->cols, segs, n, 1, HL_TUI_ROLE_KEYBAR, NULL);
}

/* --- figures --- */

static void fig_line(hl_agent_app *a, int role, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void fig_line(hl_agent_app *a, int role, const char *fmt, ...)
{
	char line[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	hl_tui_textview_append(&a->figures_tv, line, strlen(line), role, 2);
}

static const char *secs(double s, char *buf, size_t cap)
{
	if (s < 0)
		return "-";
	return hl_timefmt_duration((int64_t)(s * 1000), buf, cap);
}

void hl_agent_ui_figures(hl_agent_app *a, bool open)
{
	hl_cm_figures_total t;
	char since[16] = "", b1[24], b2[24], b3[24];
	/* The broker's day when it said; else this desk's session. */
	time_t lt = (time_t)((a->desk.day_start_ms ? a->desk.day_start_ms : a->login_wall) / 1000);
	struct tm tm;

	if (!open && !a->figures_open)
		return;
	a->figures_open = true;
	hl_cm_figures_sum(&a->desk.figures, &t);
	if (localtime_r(&lt, &tm))
		strftime(since, sizeof since, "%H:%M", &tm);
	hl_tui_textview_clear(&a->figures_tv);
	if (a->desk.day_start_ms)
		fig_line(a, HL_TUI_ROLE_TITLE, _("Your figures today (since %s, the broker's day)"),
			 since);
	else
		fig_line(a, HL_TUI_ROLE_TITLE, _("Your figures this session (since %s, on this desk)"),
			 since);
	fig_line(a, HL_TUI_ROLE_VALUE, _("Handled: %u conversations ended"), t.handled);
	fig_line(a, HL_TUI_ROLE_VALUE, _("AHT: %s (talk %s + wrap-up %s on average)"),
		 secs(t.aht_s, b1, sizeof b1), secs(t.talk_s, b2, sizeof b2),
		 secs(t.wrap_s, b3, sizeof b3));
	fig_line(a, HL_TUI_ROLE_MUTED,
		 _("  AHT = (conversation time + wrap-up time) ÷ handled; a wrap-up not yet done "
		   "counts no time"));
	if (t.csat_pct >= 0)
		fig_line(a, HL_TUI_ROLE_VALUE, _("CSAT: %.0f%% (%u of %u ratings were 4 or 5)"),
			 t.csat_pct, t.satisfied, t.rated);
	else
		fig_line(a, HL_TUI_ROLE_VALUE, "%s", _("CSAT: - (no ratings yet)"));
	fig_line(a, HL_TUI_ROLE_MUTED,
		 _("  CSAT = ratings of 4-5 ÷ all ratings (1-5), read from each conversation's "
		   "transcript when this opens"));
	fig_line(a, HL_TUI_ROLE_NORMAL, "%s", "");
	fig_line(a, HL_TUI_ROLE_TITLE, "%s", _("Your queues today (floor figures since midnight)"));
	for (size_t i = 0; i < a->desk.nqueues; i++) {
		const hl_cm_queue *q = &a->desk.queues[i];
		const char *label = hl_cm_queue_label(&a->desk, q->id);
		char sl[32] = "-";
		if (!q->served || !q->figures)
			continue;
		if (q->sl_pct >= 0)
			snprintf(sl, sizeof sl, "%.0f%%/%us", q->sl_pct, q->sl_secs);
		fig_line(a, HL_TUI_ROLE_NORMAL,
			 _("%s: waiting %u, offered %u, answered %u, SL %s, ASA %s, AHT %s"),
			 label[0] ? label : q->id, q->waiting, q->offered, q->answered, sl,
			 secs(q->asa_s, b1, sizeof b1), secs(q->aht_s, b2, sizeof b2));
	}
	fig_line(a, HL_TUI_ROLE_MUTED,
		 _("  SL = answered within the queue's T s ÷ offered, short abandons left out; "
		   "ASA = queue wait of answered ÷ answered"));
	fig_line(a, HL_TUI_ROLE_NORMAL, "%s", "");
	fig_line(a, HL_TUI_ROLE_MUTED, "%s", _("Esc closes."));
	hl_tui_textview_home(&a->figures_tv);
	hl_tui_pane_dirty(a->p_figures);
}

static void draw_figures(hl_agent_app *a)
{
	int w = a->cols - 4 < 90 ? a->cols - 4 : 90, h = a->rows - 4 < 20 ? a->rows - 4 : 20;
	int y = (a->rows - h) / 2, x = (a->cols - w) / 2;

	if (!a->figures_open) {
		if (!a->p_figures->hidden)
			hl_tui_pane_show(a->p_figures, false);
		return;
	}
	if (w < 10 || h < 4)
		return;
	hl_tui_pane_place(a->p_figures, h, w, y, x);
	if (a->p_figures->hidden)
		hl_tui_pane_show(a->p_figures, true);
	hl_tui_draw_box(a->p_figures->win, 0, 0, h, w, HL_TUI_ROLE_BORDER, _("Figures"),
			HL_TUI_ROLE_TITLE, HL_TUI_ROLE_DIALOG);
	hl_tui_draw_textview(a->p_figures->win, 1, 2, h - 2, w - 4, &a->figures_tv,
			     HL_TUI_ROLE_DIALOG);
	a->p_figures->dirty = false;
}

/* --- the panels --- */

static void panel_hotlist(void *ctx, unsigned asked)
{
	hl_agent_app *a = ctx;

	(void)asked;
	draw_hotlist(a);
	a->p_hotlist->dirty = false;
}

/* The transcript pane draws only its title row (the clock) or only the
 * typing row when nothing else of it changed. */
static void panel_view(void *ctx, unsigned asked)
{
	hl_agent_app *a = ctx;

	if ((asked & HL_CM_DIRTY_VIEW) || a->p_view->dirty) {
		draw_view(a, VIEW_FULL);
		a->p_view->dirty = false;
		return;
	}
	if (asked & HL_AGENT_DIRTY_VIEWHEAD)
		draw_view(a, VIEW_HEAD);
	if (asked & HL_CM_DIRTY_TYPING)
		draw_view(a, VIEW_HINT);
}

static bool side_shown(void *ctx)
{
	return ((hl_agent_app *)ctx)->lo.side_shown;
}

static void panel_side(void *ctx, unsigned asked)
{
	hl_agent_app *a = ctx;

	(void)asked;
	draw_side(a);
	a->p_side->dirty = false;
}

static void panel_keybar(void *ctx, unsigned asked)
{
	hl_agent_app *a = ctx;

	(void)asked;
	draw_keybar(a);
	a->p_keybar->dirty = false;
}

static void panel_input(void *ctx, unsigned asked)
{
	hl_agent_app *a = ctx;

	(void)asked;
	draw_input(a);
	a->p_input->dirty = false;
}

/* The desk's panes below the status line, indexed by HL_AGENT_FOCUS_*. */
static const hl_tui_panel panels[HL_AGENT_PANEL_COUNT] = {
	[HL_AGENT_FOCUS_INPUT] = {"input", HL_AGENT_DIRTY_INPUT, NULL, panel_input,
				  hl_agent_key_input},
	[HL_AGENT_FOCUS_HOTLIST] = {"hotlist", HL_CM_DIRTY_LIST, NULL, panel_hotlist,
				    hl_agent_key_hotlist},
	[HL_AGENT_FOCUS_VIEW] = {"view", HL_CM_DIRTY_VIEW | HL_AGENT_DIRTY_VIEWHEAD |
				 HL_CM_DIRTY_TYPING, NULL, panel_view, hl_agent_key_view},
	[HL_AGENT_FOCUS_SIDE] = {"side", HL_CM_DIRTY_SIDE, side_shown, panel_side,
				 hl_agent_key_side},
	[HL_AGENT_PANEL_KEYBAR] = {"keybar", HL_AGENT_DIRTY_KEYBAR, NULL, panel_keybar, NULL},
};

int hl_agent_ui_key(hl_agent_app *a, int key)
{
	return a->focus >= 0 && a->focus < HL_AGENT_PANEL_COUNT
		       ? hl_tui_panel_key(&panels[a->focus], a, key)
		       : HL_PANEL_IGNORED;
}

void hl_agent_ui_focus_step(hl_agent_app *a, int step)
{
	a->focus = (int)hl_tui_panel_cycle(panels, N(panels), (size_t)a->focus, step, a);
	a->dirty |= HL_CM_DIRTY_ALL | HL_AGENT_DIRTY_INPUT;
}

/* Which panes curses has marked for drawing (uncovered, placed again). */
static unsigned panes_dirty(const hl_agent_app *a)
{
	const hl_tui_pane *pane[HL_AGENT_PANEL_COUNT] = {
		[HL_AGENT_FOCUS_INPUT] = a->p_input, [HL_AGENT_FOCUS_HOTLIST] = a->p_hotlist,
		[HL_AGENT_FOCUS_VIEW] = a->p_view, [HL_AGENT_FOCUS_SIDE] = a->p_side,
		[HL_AGENT_PANEL_KEYBAR] = a->p_keybar,
	};
	unsigned also = 0;

	for (unsigned i = 0; i < HL_AGENT_PANEL_COUNT; i++)
		if (pane[i]->dirty)
			also |= 1u << i;
	return also;
}

bool hl_agent_ui_draw(hl_agent_app *a)
{
	unsigned d = a->dirty;
	bool drew = false;
	bool overlay = a->dialog.open || a->menu.open || a->help.open || a->figures_open;

	if ((d & HL_CM_DIRTY_STATUS) || a->p_status->dirty) {
		draw_status(a);
		a->p_status->dirty = false;
		drew = true;
	}
	if (a->lo.too_small) {
		a->dirty = 0;
		if (drew)
			hl_tui_screen_update();
		return drew;
	}
	if (hl_tui_panel_draw(panels, N(panels), a, d, panes_dirty(a)))
		drew = true;
	if (a->toast.visible != !a->p_toast->hidden || (a->toast.visible && a->p_toast->dirty)) {
		hl_tui_draw_toast(a->p_toast, &a->toast, 1, a->cols);
		drew = true;
	}
	if (overlay || !a->p_figures->hidden || !a->p_menu->hidden || !a->p_help->hidden ||
	    !a->p_dialog->hidden) {
		if (overlay && !drew && !a->p_figures->dirty && !a->p_menu->dirty &&
		    !a->p_help->dirty && !a->p_dialog->dirty) {
			/* Nothing under or in them changed. */
		} else {
			draw_figures(a);
			if (a->menu.open || !a->p_menu->hidden)
				hl_tui_draw_menu(a->p_menu, &a->menu, a->rows, a->cols, &a->menu_lo);
			if (a->help.open || !a->p_help->hidden)
				hl_tui_draw_help(a->p_help, &a->help, a->rows, a->cols);
			if (a->dialog.open || !a->p_dialog->hidden)
				hl_tui_draw_dialog(a->p_dialog, &a->dialog, a->rows, a->cols,
						   &a->dialog_lo);
			drew = true;
		}
	}
	/* The cursor sits in the input line unless something covers it (an
	 * input dialog puts it in its own line). */
	if (!a->dialog.open) {
		if (a->focus == HL_AGENT_FOCUS_INPUT && !a->menu.open && !a->help.open &&
		    !a->figures_open)
			hl_tui_screen_cursor(a->p_input, 0, a->input_cx);
		else
			hl_tui_screen_cursor(NULL, 0, 0);
	}
	a->dirty = 0;
	if (drew)
		hl_tui_screen_update();
	return drew;
}
