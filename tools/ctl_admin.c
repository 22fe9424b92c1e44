/* hotline-ctl commands for people and teams: whoami, user …, team …. */
#include "ctl.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "error.h"
#include "pwfile.h"
#include "role.h"

static void print_user(const Hotline__User *u)
{
	printf("%-20s %-12s %-12s %s%s\n", u->name, hl_role_name(u->role),
	       u->team[0] ? u->team : "-", u->display, u->disabled ? "  (disabled)" : "");
}

/* Prints a reply holding one user, as JSON or a line. */
static int show_user(hl_ctl *x, Hotline__Reply *rp)
{
	if (x->json)
		hl_ctl_print_msg(&rp->user->base);
	else
		print_user(rp->user);
	hl_client_reply_free(rp);
	return 0;
}

static int run_user_request(hl_ctl *x, Hotline__Request *rq)
{
	Hotline__Reply *rp;
	int rc;

	if ((rc = hl_ctl_connect(x)) || (rc = hl_ctl_call(x, rq, &rp)))
		return rc;
	return show_user(x, rp);
}

static int cmd_whoami(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__Whoami w = HOTLINE__WHOAMI__INIT;

	if (x->argc)
		return hl_ctl_usage(x, "whoami takes no arguments");
	rq.body_case = HOTLINE__REQUEST__BODY_WHOAMI;
	rq.whoami = &w;
	return run_user_request(x, &rq);
}

static int cmd_user_add(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__UserAdd ua = HOTLINE__USER_ADD__INIT;
	const char *name = NULL, *role = NULL, *team = "", *display = "", *pwfile = NULL;
	const hl_ctl_flag flags[] = {
		{"role", &role, NULL}, {"team", &team, NULL}, {"display", &display, NULL},
		{"password-file", &pwfile, NULL}, {NULL, NULL, NULL},
	};
	char pw[HL_PASSWORD_MAX + 1];
	int r, rc;

	if ((rc = hl_ctl_flags(x, 1, &name, flags)))
		return rc;
	if (!role || !pwfile)
		return hl_ctl_usage(x, "user add needs --role and --password-file");
	if ((r = hl_role_parse(role)) < 0) {
		hl_ctl_err("unknown role '%s'; use one of: %s", role, hl_role_names());
		return HL_EXIT_USAGE;
	}
	if (hl_pwfile_read(pwfile, pw, sizeof pw) < 0) {
		hl_ctl_err("cannot read a password from %s", pwfile);
		return HL_EXIT_USAGE;
	}
	ua.name = (char *)name;
	ua.role = (Hotline__Role)r;
	ua.team = (char *)team;
	ua.display = (char *)display;
	ua.password = pw;
	rq.body_case = HOTLINE__REQUEST__BODY_USER_ADD;
	rq.user_add = &ua;
	rc = run_user_request(x, &rq);
	sodium_memzero(pw, sizeof pw);
	return rc;
}

static int cmd_user_list(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__UserList ul = HOTLINE__USER_LIST__INIT;
	Hotline__Reply *rp;
	int rc;

	if (x->argc)
		return hl_ctl_usage(x, "user list takes no arguments");
	rq.body_case = HOTLINE__REQUEST__BODY_USER_LIST;
	rq.user_list = &ul;
	if ((rc = hl_ctl_connect(x)) || (rc = hl_ctl_call(x, &rq, &rp)))
		return rc;
	if (x->json) {
		hl_ctl_print_msg(&rp->users->base);
	} else {
		printf("%-20s %-12s %-12s %s\n", "NAME", "ROLE", "TEAM", "DISPLAY");
		for (size_t i = 0; i < rp->users->n_users; i++)
			print_user(rp->users->users[i]);
	}
	hl_client_reply_free(rp);
	return 0;
}

static int cmd_user_set_role(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__UserSetRole sr = HOTLINE__USER_SET_ROLE__INIT;
	const char *pos[2];
	int r, rc;

	if ((rc = hl_ctl_flags(x, 2, pos, NULL)))
		return rc;
	if ((r = hl_role_parse(pos[1])) < 0) {
		hl_ctl_err("unknown role '%s'; use one of: %s", pos[1], hl_role_names());
		return HL_EXIT_USAGE;
	}
	sr.name = (char *)pos[0];
	sr.role = (Hotline__Role)r;
	rq.body_case = HOTLINE__REQUEST__BODY_USER_SET_ROLE;
	rq.user_set_role = &sr;
	return run_user_request(x, &rq);
}

static int cmd_user_disable(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__UserDisable ud = HOTLINE__USER_DISABLE__INIT;
	const char *name;
	int rc;

	if ((rc = hl_ctl_flags(x, 1, &name, NULL)))
		return rc;
	ud.name = (char *)name;
	rq.body_case = HOTLINE__REQUEST__BODY_USER_DISABLE;
	rq.user_disable = &ud;
	return run_user_request(x, &rq);
}

static int cmd_team_add(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__TeamAdd ta = HOTLINE__TEAM_ADD__INIT;
	Hotline__Reply *rp;
	const char *name;
	int rc;

	if ((rc = hl_ctl_flags(x, 1, &name, NULL)))
		return rc;
	ta.name = (char *)name;
	rq.body_case = HOTLINE__REQUEST__BODY_TEAM_ADD;
	rq.team_add = &ta;
	if ((rc = hl_ctl_connect(x)) || (rc = hl_ctl_call(x, &rq, &rp)))
		return rc;
	if (x->json)
		hl_ctl_print_msg(&rp->team->base);
	else
		printf("team %s added\n", rp->team->name);
	hl_client_reply_free(rp);
	return 0;
}

static int cmd_team_list(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__TeamList tl = HOTLINE__TEAM_LIST__INIT;
	Hotline__Reply *rp;
	int rc;

	if (x->argc)
		return hl_ctl_usage(x, "team list takes no arguments");
	rq.body_case = HOTLINE__REQUEST__BODY_TEAM_LIST;
	rq.team_list = &tl;
	if ((rc = hl_ctl_connect(x)) || (rc = hl_ctl_call(x, &rq, &rp)))
		return rc;
	if (x->json) {
		hl_ctl_print_msg(&rp->teams->base);
	} else {
		printf("%-20s %s\n", "TEAM", "MEMBERS");
		for (size_t i = 0; i < rp->teams->n_teams; i++)
			printf("%-20s %u\n", rp->teams->teams[i]->name, rp->teams->teams[i]->members);
	}
	hl_client_reply_free(rp);
	return 0;
}

const hl_ctl_cmd hl_ctl_admin_cmds[] = {
	{"whoami", "", "who you are logged in as", cmd_whoami},
	{"user add", "NAME --role ROLE [--team T] [--display D] --password-file F",
	 "add a user", cmd_user_add},
	{"user list", "", "list users", cmd_user_list},
	{"user set-role", "NAME ROLE", "change a user's role", cmd_user_set_role},
	{"user disable", "NAME", "disable a user (ends their sessions)", cmd_user_disable},
	{"team add", "NAME", "add a team", cmd_team_add},
	{"team list", "", "list teams", cmd_team_list},
	{NULL, NULL, NULL, NULL},
};
