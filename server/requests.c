/* The request table: every request the broker answers, who may make it, and
 * which handler serves it. Adding a request is one entry here. */
#include "requests.h"

#include <stddef.h>

#include "agent.h"
#include "audit.h"
#include "chat.h"
#include "code.h"
#include "floor.h"
#include "queue.h"
#include "auth.h"
#include "ping.h"
#include "role.h"
#include "session.h"
#include "team.h"
#include "user.h"

#define STAFF (HL_ROLE_BIT(HOTLINE__ROLE__AGENT) | HL_ROLE_BIT(HOTLINE__ROLE__TEAM_LEAD) | \
	       HL_ROLE_BIT(HOTLINE__ROLE__SUPERVISOR) | HL_ROLE_BIT(HOTLINE__ROLE__QA) |   \
	       HL_ROLE_BIT(HOTLINE__ROLE__ADMIN))
#define ADMIN HL_ROLE_BIT(HOTLINE__ROLE__ADMIN)
#define AGENTS (HL_ROLE_BIT(HOTLINE__ROLE__AGENT) | HL_ROLE_BIT(HOTLINE__ROLE__TEAM_LEAD) | \
		HL_ROLE_BIT(HOTLINE__ROLE__SUPERVISOR))
/* Those who look after people: they see who is on the floor. */
#define LEADS (ADMIN | HL_ROLE_BIT(HOTLINE__ROLE__SUPERVISOR) | \
	       HL_ROLE_BIT(HOTLINE__ROLE__TEAM_LEAD))

static const hl_request_desc table[] = {
	{.body_case = HOTLINE__REQUEST__BODY_LOGIN, .name = "login", .effect = HL_REQ_AGAIN,
	 .fn = hl_auth_login},
	{.body_case = HOTLINE__REQUEST__BODY_RESUME, .name = "resume", .effect = HL_REQ_AGAIN,
	 .fn = hl_auth_resume},
	/* A retried logout finds no session to resume, so it cannot be keyed. */
	{.body_case = HOTLINE__REQUEST__BODY_LOGOUT, .name = "logout", .roles = STAFF,
	 .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = hl_auth_logout},
	{.body_case = HOTLINE__REQUEST__BODY_PING, .name = "ping", .roles = STAFF,
	 .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = hl_ping},
	{.body_case = HOTLINE__REQUEST__BODY_WHOAMI, .name = "whoami", .roles = STAFF,
	 .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = hl_user_whoami},
	{.body_case = HOTLINE__REQUEST__BODY_POLL, .name = "events", .roles = STAFF,
	 .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = hl_session_poll},
	{.body_case = HOTLINE__REQUEST__BODY_USER_ADD, .name = "user add", .roles = ADMIN,
	 .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_user_add},
	{.body_case = HOTLINE__REQUEST__BODY_USER_LIST, .name = "user list", .roles = LEADS,
	 .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = hl_user_list},
	{.body_case = HOTLINE__REQUEST__BODY_USER_SET_ROLE, .name = "user set-role",
	 .roles = ADMIN, .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_user_set_role},
	{.body_case = HOTLINE__REQUEST__BODY_USER_DISABLE, .name = "user disable",
	 .roles = ADMIN, .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_user_disable},
	{.body_case = HOTLINE__REQUEST__BODY_USER_ENABLE, .name = "user enable",
	 .roles = ADMIN, .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_user_enable},
	/* Everyone may change their own password; the handler lets only an
	 * admin set another's. */
	{.body_case = HOTLINE__REQUEST__BODY_USER_PASSWORD, .name = "user password",
	 .roles = STAFF, .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_user_password},
	{.body_case = HOTLINE__REQUEST__BODY_USER_SET_TEAM, .name = "user set-team",
	 .roles = ADMIN, .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_user_set_team},
	{.body_case = HOTLINE__REQUEST__BODY_TEAM_ADD, .name = "team add", .roles = ADMIN,
	 .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_team_add},
	{.body_case = HOTLINE__REQUEST__BODY_TEAM_LIST, .name = "team list", .roles = LEADS,
	 .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = hl_team_list},
	{.body_case = HOTLINE__REQUEST__BODY_AUDIT_LIST, .name = "audit list", .roles = ADMIN,
	 .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = hl_audit_list},
	{.body_case = HOTLINE__REQUEST__BODY_QUEUE_ADD, .name = "queue add", .roles = ADMIN,
	 .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_queue_add},
	{.body_case = HOTLINE__REQUEST__BODY_QUEUE_SET, .name = "queue set", .roles = ADMIN,
	 .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_queue_set},
	{.body_case = HOTLINE__REQUEST__BODY_QUEUE_LIST, .name = "queue list", .roles = STAFF,
	 .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = hl_queue_list},
	{.body_case = HOTLINE__REQUEST__BODY_AGENT_SETUP, .name = "agent setup", .roles = ADMIN,
	 .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_agent_setup},
	{.body_case = HOTLINE__REQUEST__BODY_AGENT_STATE, .name = "agent state", .roles = AGENTS,
	 .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_agent_state},
	{.body_case = HOTLINE__REQUEST__BODY_AGENT_ACCEPT, .name = "agent accept", .roles = AGENTS,
	 .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_agent_accept},
	{.body_case = HOTLINE__REQUEST__BODY_AGENT_DECLINE, .name = "agent decline",
	 .roles = AGENTS, .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_agent_decline},
	{.body_case = HOTLINE__REQUEST__BODY_AGENT_WRAPUP, .name = "agent wrapup", .roles = AGENTS,
	 .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_agent_wrapup},
	{.body_case = HOTLINE__REQUEST__BODY_CHAT_SEND, .name = "chat send", .roles = AGENTS,
	 .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_chat_send},
	/* Typing is volatile: a repeat only says the same thing again. */
	{.body_case = HOTLINE__REQUEST__BODY_CHAT_TYPING, .name = "chat typing", .roles = AGENTS,
	 .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = hl_chat_typing},
	{.body_case = HOTLINE__REQUEST__BODY_CHAT_END, .name = "chat end", .roles = AGENTS,
	 .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_chat_end_req},
	{.body_case = HOTLINE__REQUEST__BODY_CHAT_TRANSFER, .name = "chat transfer",
	 .roles = AGENTS, .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_chat_transfer},
	{.body_case = HOTLINE__REQUEST__BODY_CHAT_TRANSCRIPT, .name = "chat transcript",
	 .roles = STAFF, .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = hl_chat_transcript},
	{.body_case = HOTLINE__REQUEST__BODY_FLOOR, .name = "floor", .roles = STAFF,
	 .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = hl_floor},
	/* Agents see one another's names and states: a transfer needs them. */
	{.body_case = HOTLINE__REQUEST__BODY_AGENT_LIST, .name = "agent list", .roles = STAFF,
	 .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = hl_agent_list},
	{.body_case = HOTLINE__REQUEST__BODY_CODE_ADD, .name = "code add", .roles = ADMIN,
	 .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_code_add},
	{.body_case = HOTLINE__REQUEST__BODY_CODE_LIST, .name = "code list", .roles = STAFF,
	 .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = hl_code_list},
	{.body_case = HOTLINE__REQUEST__BODY_CODE_REMOVE, .name = "code remove", .roles = ADMIN,
	 .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_code_remove},
};

#define N_TABLE (sizeof table / sizeof table[0])

const hl_request_desc *hl_requests_find(int body_case)
{
	for (size_t i = 0; i < N_TABLE; i++)
		if (table[i].body_case == body_case)
			return &table[i];
	return NULL;
}

int hl_requests_may(const hl_request_desc *d, int role)
{
	if (!d->needs_login)
		return 1;
	return role > 0 && role < 32 && (d->roles & HL_ROLE_BIT(role)) != 0;
}

void hl_requests_each(void (*fn)(const hl_request_desc *d, void *arg), void *arg)
{
	for (size_t i = 0; i < N_TABLE; i++)
		fn(&table[i], arg);
}
