/* hotline-agent: the agent desktop. Options, configuration and language;
 * the login; then the loop that waits on the keyboard and the network
 * threads' queue at once and draws only what changed. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "action.h"
#include "app.h"
#include "bench.h"
#include "clientconf.h"
#include "curses/input.h"
#include "error.h"
#include "hotlist.h"
#include "i18n.h"
#include "keymap.h"
#include "known_brokers.h"
#include "localedir.h"
#include "login.h"
#include "perform.h"
#include "status.h"
#include "ui.h"

#define STALL_MS 2000       /* a request this slow means the broker is away */
#define INPUT_BURST 512     /* keys handled per turn before drawing */

static hl_agent_app app;    /* one desk per process; reachable until exit */

static void usage(FILE *f)
{
	fprintf(f, "%s",
		_("usage: hotline-agent [--broker URL] [--pin FINGERPRINT] [--user NAME]\n"
		  "                     [--password-file F] [--config FILE] [--theme NAME]\n"
		  "                     [--queues Q1,Q2] [--known-brokers FILE] [--bench-frames FILE]\n\n"
		  "The agent desktop. Broker, pin, user and password file may also come from\n"
		  "HOTLINE_BROKER, HOTLINE_PIN, HOTLINE_USER and HOTLINE_PASSWORD_FILE, or from\n"
		  "the client configuration ($XDG_CONFIG_HOME/hotline/agent.ini); what is missing\n"
		  "is asked in the login form. A broker's key is trusted on first use and kept in\n"
		  "$XDG_CONFIG_HOME/hotline/known_brokers; a changed key is refused.\n"));
}

/* The catalogues: the build tree's when this binary runs from it, else
 * the installed ones; $HOTLINE_LOCALEDIR overrides both. */
static void language(void)
{
	setlocale(LC_ALL, "");
	bindtextdomain(HL_TEXTDOMAIN, hl_localedir());
	bind_textdomain_codeset(HL_TEXTDOMAIN, "UTF-8");
	textdomain(HL_TEXTDOMAIN);
}

/* True when the interface speaks Chinese (queue labels follow). */
static bool chinese(void)
{
	const char *lang = getenv("LANGUAGE"), *msgs = setlocale(LC_MESSAGES, NULL);

	/* gettext ignores LANGUAGE under the C locale. */
	if (!msgs || strcmp(msgs, "C") == 0 || strcmp(msgs, "POSIX") == 0)
		return false;
	if (lang && lang[0])
		return strncmp(lang, "zh", 2) == 0;
	return strncmp(msgs, "zh", 2) == 0;
}

static void take(char *dst, size_t cap, const char *opt, const char *env, const char *conf)
{
	const char *v = opt ? opt : env && env[0] ? env : conf;

	snprintf(dst, cap, "%s", v ? v : "");
}

/* Options, then environment, then the configuration file. Returns 0, or
 * an exit status. */
static int configure(hl_agent_app *a, int argc, char **argv, const char **theme)
{
	static const struct option longopts[] = {
		{"broker", required_argument, NULL, 'b'},
		{"pin", required_argument, NULL, 'p'},
		{"user", required_argument, NULL, 'u'},
		{"password-file", required_argument, NULL, 'f'},
		{"config", required_argument, NULL, 'c'},
		{"theme", required_argument, NULL, 't'},
		{"queues", required_argument, NULL, 'q'},
		{"known-brokers", required_argument, NULL, 'k'},
		{"bench-frames", required_argument, NULL, 'B'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *o_broker = NULL, *o_pin = NULL, *o_user = NULL, *o_pw = NULL, *o_conf = NULL;
	const char *o_theme = NULL, *o_queues = NULL, *o_known = NULL;
	static hl_clientconf conf;
	char path[600], err[700];
	int ch, rc;

	hl_agent_bench_open(getenv("HOTLINE_AGENT_BENCH"));
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'b': o_broker = optarg; break;
		case 'p': o_pin = optarg; break;
		case 'u': o_user = optarg; break;
		case 'f': o_pw = optarg; break;
		case 'c': o_conf = optarg; break;
		case 't': o_theme = optarg; break;
		case 'q': o_queues = optarg; break;
		case 'k': o_known = optarg; break;
		case 'B': hl_agent_bench_open(optarg); break;
		case 'h': usage(stdout); return -1;
		default: usage(stderr); return 2;
		}
	}
	if (optind < argc) {
		usage(stderr);
		return 2;
	}
	hl_clientconf_init(&conf);
	if (o_conf)
		snprintf(path, sizeof path, "%s", o_conf);
	else if (hl_clientconf_path("agent", path, sizeof path) < 0)
		path[0] = 0;
	if (path[0] && (rc = hl_clientconf_load(&conf, path, err, sizeof err)) < 0 &&
	    (rc != HL_E_NOTFOUND || o_conf)) {
		fprintf(stderr, "hotline-agent: %s\n", err[0] ? err : path);
		return 2;
	}
	take(a->broker, sizeof a->broker, o_broker, getenv("HOTLINE_BROKER"), conf.broker);
	take(a->pin, sizeof a->pin, o_pin, getenv("HOTLINE_PIN"), conf.pin);
	take(a->user, sizeof a->user, o_user, getenv("HOTLINE_USER"), conf.user);
	take(a->password_file, sizeof a->password_file, o_pw, getenv("HOTLINE_PASSWORD_FILE"),
	     conf.password_file);
	take(a->serve, sizeof a->serve, o_queues, NULL, conf.queues);
	if (o_known || conf.known_brokers[0])
		take(a->known_path, sizeof a->known_path, o_known, NULL, conf.known_brokers);
	else if (hl_known_brokers_path(a->known_path, sizeof a->known_path) < 0)
		a->known_path[0] = 0;
	*theme = o_theme ? o_theme : conf.theme[0] ? conf.theme : NULL;
	return 0;
}

/* --- the loop --- */

static int conn_health(hl_agent_app *a, int64_t now)
{
	if (hl_client_reconnecting(a->client) || hl_clientnet_stalled_ms(a->net, now) > STALL_MS)
		return HL_AGENT_CONN_RECONNECTING;
	if (hl_clientnet_poll_failing(a->net))
		return HL_AGENT_CONN_DOWN;
	return HL_AGENT_CONN_OK;
}

static void took_events(hl_agent_app *a, const hl_evq_item *it)
{
	hl_agent_perform_events(a, it);
	a->poll_error_told = false;
}

static void poll_failed(hl_agent_app *a, const hl_evq_item *it)
{
	/* Said once per outage; the status line keeps saying it. */
	if (!a->poll_error_told && it->rc != HL_E_TIMEOUT && it->rc != HL_E_CONNECT)
		hl_agent_ui_toast(a, HL_TUI_TOAST_ERROR, 0, "%s", it->err);
	a->poll_error_told = true;
	a->dirty |= HL_CM_DIRTY_STATUS;
}

/* What the network threads hand over, by kind. */
static void (*const takers[])(hl_agent_app *, const hl_evq_item *) = {
	[HL_EVQ_EVENTS] = took_events,
	[HL_EVQ_REPLY] = hl_agent_perform_reply,
	[HL_EVQ_POLL_ERROR] = poll_failed,
};

static void drain_queue(hl_agent_app *a)
{
	hl_evq_item *it;

	while ((it = hl_evq_pop(&a->q))) {
		if (it->kind >= 0 && (size_t)it->kind < sizeof takers / sizeof takers[0] &&
		    takers[it->kind])
			takers[it->kind](a, it);
		hl_evq_item_free(it);
	}
}

static bool printable(int key)
{
	return key >= 0x20 && key < HL_TUI_KEY_SPECIAL && key != 0x7F;
}

static void overlay_key(hl_agent_app *a, int key)
{
	int r;

	if (a->dialog.open) {
		r = hl_tui_dialog_key(&a->dialog, key);
		hl_tui_pane_dirty(a->p_dialog);
		if (r & HL_TUI_DONE)
			hl_agent_perform_dialog_done(a);
	} else if (a->menu.open) {
		r = hl_tui_menu_key(&a->menu, key, a->menu_lo.rows);
		hl_tui_pane_dirty(a->p_menu);
		if (r & HL_TUI_DONE)
			hl_agent_perform_menu_done(a);
	} else if (a->help.open) {
		r = hl_tui_help_key(&a->help, key);
		hl_tui_pane_dirty(a->p_help);
		if (r & HL_TUI_DONE)
			a->dirty |= ~0u;
	} else if (a->figures_open) {
		if (key == HL_TUI_KEY_ESC || key == 'q' || key == HL_TUI_KEY_F(5) ||
		    key == HL_TUI_KEY_ENTER) {
			a->figures_open = false;
			a->dirty |= ~0u;
		} else if (hl_tui_textview_key(&a->figures_tv, key) & HL_TUI_REDRAW) {
			hl_tui_pane_dirty(a->p_figures);
		}
	}
}

static void handle_key(hl_agent_app *a, int key)
{
	int number, action;

	if (a->dialog.open || a->menu.open || a->help.open || a->figures_open) {
		overlay_key(a, key);
		return;
	}
	if (key == HL_TUI_KEY_ESC && a->toast.visible) {
		hl_tui_toast_dismiss(&a->toast);
		return;
	}
	action = hl_agent_keymap_action(key, &number);
	if (action != HL_AGENT_ACT_NONE && action != HL_AGENT_ACT_SEND) {
		hl_agent_perform(a, action, number);
		return;
	}
	if (hl_agent_ui_key(a, key))
		return;
	/* Typing anywhere goes to the input line: it is always ready. */
	if (printable(key) || key == HL_TUI_KEY_BACKSPACE) {
		a->focus = HL_AGENT_FOCUS_INPUT;
		a->dirty |= HL_CM_DIRTY_ALL | HL_AGENT_DIRTY_INPUT;
		hl_agent_ui_key(a, key);
	}
}

static void handle_event(hl_agent_app *a, const hl_tui_event *ev)
{
	switch (ev->type) {
	case HL_TUI_EV_KEY:
		handle_key(a, ev->key);
		break;
	case HL_TUI_EV_PASTE:
		if (a->dialog.open) {
			hl_tui_dialog_paste(&a->dialog, ev->text, ev->len);
			hl_tui_pane_dirty(a->p_dialog);
		} else {
			a->focus = HL_AGENT_FOCUS_INPUT;
			hl_tui_editor_paste(&a->input, ev->text, ev->len);
			hl_agent_perform_edited(a);
		}
		break;
	case HL_TUI_EV_RESIZE:
		hl_agent_ui_place(a);
		break;
	case HL_TUI_EV_QUIT:
		a->quit = true;
		break;
	default:
		break;
	}
}

/* Once per wall-clock second: the clocks on screen move. */
static void tick(hl_agent_app *a, hl_cm_now now)
{
	int conn;

	if (now.wall / 1000 != a->last_second) {
		a->last_second = now.wall / 1000;
		a->dirty |= HL_CM_DIRTY_STATUS;
		if (hl_agent_hotlist_ticking(&a->desk))
			a->dirty |= HL_CM_DIRTY_LIST;
		if (hl_cm_selected(&a->desk))
			a->dirty |= HL_AGENT_DIRTY_VIEWHEAD;
		hl_agent_perform_tick(a, now);
	}
	a->dirty |= hl_cm_tick(&a->desk, now);
	if (hl_tui_toast_tick(&a->toast, now.mono))
		hl_tui_pane_dirty(a->p_toast);
	conn = conn_health(a, now.mono);
	if (conn != a->conn) {
		a->conn = conn;
		a->dirty |= HL_CM_DIRTY_STATUS;
	}
}

static int wait_ms(hl_agent_app *a, hl_cm_now now)
{
	long long t = 1000 - now.wall % 1000 + 2, toast = hl_tui_toast_remaining(&a->toast, now.mono);

	if (toast >= 0 && toast + 1 < t)
		t = toast + 1;
	/* A stalled request turns into "reconnecting" on time. */
	if (hl_clientnet_stalled_ms(a->net, now.mono) > 0 && t > 250)
		t = 250;
	return (int)t;
}

static void loop(hl_agent_app *a)
{
	struct pollfd fds[2] = {{.fd = STDIN_FILENO, .events = POLLIN},
				{.fd = hl_evq_fd(&a->q), .events = POLLIN}};

	while (!a->quit) {
		hl_cm_now now = hl_agent_app_now();
		hl_tui_event ev;
		int64_t t0;

		drain_queue(a);
		tick(a, now);
		t0 = hl_agent_bench_now_ns();
		if (hl_agent_ui_draw(a))
			hl_agent_bench_frame(hl_agent_bench_now_ns() - t0);
		if (a->quit)
			break;
		if (poll(fds, 2, wait_ms(a, now)) < 0 && errno != EINTR)
			break;
		/* Whatever curses holds is read too, not only what the
		 * descriptor shows. */
		for (int i = 0; i < INPUT_BURST && !a->quit; i++) {
			if (hl_tui_input_read(&ev, 0) < 0) {
				a->quit = true;
				break;
			}
			if (ev.type == HL_TUI_EV_NONE)
				break;
			handle_event(a, &ev);
		}
		if (hl_tui_screen_quit_requested())
			a->quit = true;
	}
}

static void start_requests(hl_agent_app *a)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__QueueList ql = HOTLINE__QUEUE_LIST__INIT;

	rq.body_case = HOTLINE__REQUEST__BODY_QUEUE_LIST;
	rq.queue_list = &ql;
	hl_clientnet_request(a->net, &rq, HL_AGENT_TAG_QUEUES, NULL, NULL);
	hl_agent_perform_floor(a);
}

int main(int argc, char **argv)
{
	hl_agent_app *a = &app;
	const char *theme_name = NULL;
	char err[300];
	const Hotline__User *me;
	Hotline__Request bye = HOTLINE__REQUEST__INIT;
	Hotline__Logout lo = HOTLINE__LOGOUT__INIT;
	int rc;

	language();
	a->side_mode = -1;
	if ((rc = configure(a, argc, argv, &theme_name)) != 0)
		return rc < 0 ? 0 : rc;
	hl_cm_init(&a->desk);
	hl_agent_view_attach(&a->desk);
	a->desk.zh = chinese();
	hl_cm_serve(&a->desk, a->serve);
	hl_tui_editor_init(&a->input, 0, 200);
	hl_tui_toast_init(&a->toast);
	hl_tui_dialog_init(&a->dialog);
	hl_tui_help_init(&a->help);
	if (hl_evq_init(&a->q) < 0) {
		fprintf(stderr, "hotline-agent: %s\n", _("cannot make a pipe"));
		return 1;
	}
	hl_tui_theme_open(&a->theme, theme_name, getenv("NO_COLOR"), getenv("XDG_CONFIG_HOME"), err,
			  sizeof err);
	if (hl_tui_screen_init(&a->theme, HL_TUI_SCREEN_PASTE) < 0) {
		fprintf(stderr, "hotline-agent: %s\n",
			_("needs a terminal (standard input and output) and a known $TERM"));
		return 1;
	}
	if (hl_agent_ui_init(a) < 0)
		hl_tui_fatal("%s", _("cannot create the screen's windows"));
	if (hl_agent_login_run(a, NULL) < 0) {
		hl_tui_screen_end();
		hl_agent_bench_close();
		return 0;
	}
	a->login_wall = hl_agent_app_now().wall;
	if ((me = hl_client_me(a->client)))
		hl_cm_set_me(&a->desk, me->name, me->display);
	if (hl_clientnet_start(&a->net, a->client, &a->q) < 0)
		hl_tui_fatal("%s", _("cannot start the network threads"));
	start_requests(a);
	hl_agent_ui_place(a);
	if (err[0])
		hl_agent_ui_toast(a, HL_TUI_TOAST_WARN, 0, "%s", err);
	loop(a);
	/* Logged out, so the broker routes nothing more here; the threads
	 * end with the process. */
	bye.body_case = HOTLINE__REQUEST__BODY_LOGOUT;
	bye.logout = &lo;
	hl_clientnet_stop(a->net, &bye, 2000);
	hl_tui_screen_end();
	hl_agent_bench_close();
	return 0;
}
