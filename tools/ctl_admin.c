/* hotline-ctl commands for people and teams: whoami, user …, team …. */
#include "ctl.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "ctl_table.h"
#include "error.h"
#include "pwfile.h"
#include "role.h"

#define ROLES_HELP "agent, team_lead, supervisor, qa or admin"

static const char *const user_cols[] = {"NAME", "ROLE", "TEAM", "DISPLAY", "STATE"};

static void user_row(hl_ctl_table *t, const Hotline__User *u)
{
	hl_ctl_table_add(t, "%s", u->name);
	hl_ctl_table_add(t, "%s", hl_role_name(u->role));
	hl_ctl_table_add(t, "%s", u->team[0] ? u->team : "-");
	hl_ctl_table_add(t, "%s", u->display);
	hl_ctl_table_add(t, "%s", u->disabled ? "disabled" : "enabled");
}

/* Prints a reply holding one user, as JSON or a table of one row. */
static int show_user(hl_ctl *x, Hotline__Reply *rp)
{
	if (x->json) {
		hl_ctl_print_msg(&rp->user->base);
	} else {
		hl_ctl_table *t = hl_ctl_table_new(5, user_cols);
		user_row(t, rp->user);
		hl_ctl_table_print(t, stdout);
		hl_ctl_table_free(t);
	}
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

/* Parses a role argument or option; prints which one is wrong. */
static int parse_role(hl_ctl *x, const char *what, const char *v, int *role)
{
	if ((*role = hl_role_parse(v)) < 0 || *role == HOTLINE__ROLE__CUSTOMER)
		return hl_ctl_usage(x, "%s '%s' is not a role; use one of %s", what, v, ROLES_HELP);
	return 0;
}

static int cmd_whoami(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__Whoami w = HOTLINE__WHOAMI__INIT;

	rq.body_case = HOTLINE__REQUEST__BODY_WHOAMI;
	rq.whoami = &w;
	return run_user_request(x, &rq);
}

static int cmd_user_add(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__UserAdd ua = HOTLINE__USER_ADD__INIT;
	char pw[HL_PASSWORD_MAX + 1];
	int r, rc;

	if ((rc = parse_role(x, "--role", hl_ctl_opt_str(x, "role", ""), &r)) ||
	    (rc = hl_ctl_read_password(x, "password-file", pw, sizeof pw)))
		return rc;
	ua.name = (char *)x->pos[0];
	ua.role = (Hotline__Role)r;
	ua.team = (char *)hl_ctl_opt_str(x, "team", "");
	ua.display = (char *)hl_ctl_opt_str(x, "display", "");
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

	rq.body_case = HOTLINE__REQUEST__BODY_USER_LIST;
	rq.user_list = &ul;
	if ((rc = hl_ctl_connect(x)) || (rc = hl_ctl_call(x, &rq, &rp)))
		return rc;
	if (x->json) {
		hl_ctl_print_msg(&rp->users->base);
	} else {
		hl_ctl_table *t = hl_ctl_table_new(5, user_cols);
		for (size_t i = 0; i < rp->users->n_users; i++)
			user_row(t, rp->users->users[i]);
		hl_ctl_table_print(t, stdout);
		hl_ctl_table_free(t);
	}
	hl_client_reply_free(rp);
	return 0;
}

static int cmd_user_set_role(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__UserSetRole sr = HOTLINE__USER_SET_ROLE__INIT;
	int r, rc;

	if ((rc = parse_role(x, "ROLE", x->pos[1], &r)))
		return rc;
	sr.name = (char *)x->pos[0];
	sr.role = (Hotline__Role)r;
	rq.body_case = HOTLINE__REQUEST__BODY_USER_SET_ROLE;
	rq.user_set_role = &sr;
	return run_user_request(x, &rq);
}

static int cmd_user_set_team(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__UserSetTeam st = HOTLINE__USER_SET_TEAM__INIT;
	const char *team = x->pos[1];

	/* "-" leaves every team, as user list shows it. */
	st.name = (char *)x->pos[0];
	st.team = (char *)(strcmp(team, "-") == 0 ? "" : team);
	rq.body_case = HOTLINE__REQUEST__BODY_USER_SET_TEAM;
	rq.user_set_team = &st;
	return run_user_request(x, &rq);
}

static int cmd_user_disable(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__UserDisable ud = HOTLINE__USER_DISABLE__INIT;

	ud.name = (char *)x->pos[0];
	rq.body_case = HOTLINE__REQUEST__BODY_USER_DISABLE;
	rq.user_disable = &ud;
	return run_user_request(x, &rq);
}

static int cmd_user_enable(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__UserEnable ue = HOTLINE__USER_ENABLE__INIT;

	ue.name = (char *)x->pos[0];
	rq.body_case = HOTLINE__REQUEST__BODY_USER_ENABLE;
	rq.user_enable = &ue;
	return run_user_request(x, &rq);
}

static int cmd_user_password(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__UserPassword up = HOTLINE__USER_PASSWORD__INIT;
	char pw[HL_PASSWORD_MAX + 1], old[HL_PASSWORD_MAX + 1] = "";
	int self = hl_ctl_has(x, "self"), rc;

	if (self == (x->npos > 0))
		return hl_ctl_usage(x, "give either NAME (an admin sets a user's password) or "
				    "--self (change your own), not %s", self ? "both" : "neither");
	if (!self && hl_ctl_has(x, "old-password-file"))
		return hl_ctl_usage(x, "--old-password-file goes with --self");
	if ((rc = hl_ctl_read_password(x, "password-file", pw, sizeof pw)))
		return rc;
	if (self) {
		/* The old password is the one you log in with, unless given. */
		const char *f = hl_ctl_opt_str(x, "old-password-file", x->password_file);
		if (!f || hl_pwfile_read(f, old, sizeof old) < 0) {
			sodium_memzero(pw, sizeof pw);
			return hl_ctl_usage(x, "--self needs your old password: --old-password-file F "
					    "or the login's --password-file");
		}
	}
	up.name = (char *)(self ? (x->user ? x->user : "") : x->pos[0]);
	up.password = pw;
	up.old_password = old;
	rq.body_case = HOTLINE__REQUEST__BODY_USER_PASSWORD;
	rq.user_password = &up;
	rc = run_user_request(x, &rq);
	sodium_memzero(pw, sizeof pw);
	sodium_memzero(old, sizeof old);
	return rc;
}

static int cmd_team_add(hl_ctl *x)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__TeamAdd ta = HOTLINE__TEAM_ADD__INIT;
	Hotline__Reply *rp;
	int rc;

	ta.name = (char *)x->pos[0];
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
	static const char *const cols[] = {"TEAM", ">MEMBERS"};
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__TeamList tl = HOTLINE__TEAM_LIST__INIT;
	Hotline__Reply *rp;
	int rc;

	rq.body_case = HOTLINE__REQUEST__BODY_TEAM_LIST;
	rq.team_list = &tl;
	if ((rc = hl_ctl_connect(x)) || (rc = hl_ctl_call(x, &rq, &rp)))
		return rc;
	if (x->json) {
		hl_ctl_print_msg(&rp->teams->base);
	} else {
		hl_ctl_table *t = hl_ctl_table_new(2, cols);
		for (size_t i = 0; i < rp->teams->n_teams; i++) {
			hl_ctl_table_add(t, "%s", rp->teams->teams[i]->name);
			hl_ctl_table_add(t, "%u", rp->teams->teams[i]->members);
		}
		hl_ctl_table_print(t, stdout);
		hl_ctl_table_free(t);
	}
	hl_client_reply_free(rp);
	return 0;
}

static const hl_ctl_arg name_arg[] = {
	{"NAME", "the user's login name", 0}, {NULL, NULL, 0},
};

const hl_ctl_cmd hl_ctl_admin_cmds[] = {
	{"whoami", "show the account you are logged in as", NULL, NULL, "whoami", cmd_whoami},
	{"user add", "add a user",
	 (const hl_ctl_arg[]){{"NAME", "the login name: 1-64 letters, digits, '.', '_' or '-'", 0},
			      {NULL, NULL, 0}},
	 (const hl_ctl_opt[]){
		 {"role", "ROLE", "the user's role: " ROLES_HELP, HL_CTL_REQUIRED, 0, 0},
		 {"password-file", "F", "the new user's password: the first line of F, 8-255 bytes",
		  HL_CTL_REQUIRED, 0, 0},
		 {"team", "TEAM", "the user's team; it must exist (see 'team add')", 0, 0, 0},
		 {"display", "TEXT", "the name others see, e.g. 王小丽 (default: NAME)", 0, 0, 0},
		 {NULL, NULL, NULL, 0, 0, 0}},
	 "user add ann --role agent --team east --display 王小丽 --password-file ann.pw",
	 cmd_user_add},
	{"user list", "list users: name, role, team, display name, enabled or disabled", NULL,
	 NULL, "user list --json", cmd_user_list},
	{"user set-role", "change a user's role; their sessions get it at once",
	 (const hl_ctl_arg[]){{"NAME", "the user's login name", 0},
			      {"ROLE", "the new role: " ROLES_HELP, 0}, {NULL, NULL, 0}},
	 NULL, "user set-role ann team_lead", cmd_user_set_role},
	{"user set-team", "move a user to another team",
	 (const hl_ctl_arg[]){{"NAME", "the user's login name", 0},
			      {"TEAM", "the team (it must exist), or - for none", 0}, {NULL, NULL, 0}},
	 NULL, "user set-team ann west", cmd_user_set_team},
	{"user password", "set a user's password (admin), or change your own with --self",
	 (const hl_ctl_arg[]){{"NAME", "the user whose password an admin sets", 1},
			      {NULL, NULL, 0}},
	 (const hl_ctl_opt[]){
		 {"password-file", "F", "the new password: the first line of F, 8-255 bytes",
		  HL_CTL_REQUIRED, 0, 0},
		 {"self", NULL, "change your own password instead of naming a user", 0, 0, 0},
		 {"old-password-file", "F", "with --self: your old password (default: the "
		  "login's password file)", 0, 0, 0},
		 {NULL, NULL, NULL, 0, 0, 0}},
	 "user password ann --password-file ann-new.pw", cmd_user_password},
	{"user disable", "disable a user and end their sessions", name_arg, NULL,
	 "user disable ann", cmd_user_disable},
	{"user enable", "let a disabled user log in again", name_arg, NULL, "user enable ann",
	 cmd_user_enable},
	{"team add", "add a team",
	 (const hl_ctl_arg[]){{"NAME", "the team's name: 1-64 letters, digits, '.', '_' or '-'", 0},
			      {NULL, NULL, 0}},
	 NULL, "team add east", cmd_team_add},
	{"team list", "list teams with how many members each has", NULL, NULL, "team list",
	 cmd_team_list},
	{NULL, NULL, NULL, NULL, NULL, NULL},
};
