/* Role names and their aliases, as one table. */
#include "role.h"

#include <stdio.h>
#include <strings.h>

#include "error.h"
#include "hotline.pb-c.h"

static const struct {
	int role;
	const char *name;
	const char *alias[3];
} roles[] = {
	{HOTLINE__ROLE__CUSTOMER, "customer", {NULL}},
	{HOTLINE__ROLE__AGENT, "agent", {"csr", NULL}},
	{HOTLINE__ROLE__TEAM_LEAD, "team_lead", {"team-lead", "tl", NULL}},
	{HOTLINE__ROLE__SUPERVISOR, "supervisor", {"sp", NULL}},
	{HOTLINE__ROLE__QA, "qa", {NULL}},
	{HOTLINE__ROLE__ADMIN, "admin", {NULL}},
};

#define N_ROLES (sizeof roles / sizeof roles[0])

const char *hl_role_name(int role)
{
	for (size_t i = 0; i < N_ROLES; i++)
		if (roles[i].role == role)
			return roles[i].name;
	return "none";
}

int hl_role_parse(const char *name)
{
	for (size_t i = 0; name && i < N_ROLES; i++) {
		if (strcasecmp(name, roles[i].name) == 0)
			return roles[i].role;
		for (int k = 0; k < 3 && roles[i].alias[k]; k++)
			if (strcasecmp(name, roles[i].alias[k]) == 0)
				return roles[i].role;
	}
	return HL_E_INVALID;
}

const char *hl_role_mask_names(unsigned mask, char *buf, size_t size)
{
	size_t n = 0, total = 0, seen = 0;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (size_t i = 0; i < N_ROLES; i++)
		if (mask & HL_ROLE_BIT(roles[i].role))
			total++;
	for (size_t i = 0; i < N_ROLES && n < size; i++) {
		if (!(mask & HL_ROLE_BIT(roles[i].role)))
			continue;
		/* "a", "a or b", "a, b or c" */
		const char *sep = seen == 0 ? "" : seen + 1 == total ? " or " : ", ";
		int w = snprintf(buf + n, size - n, "%s%s", sep, roles[i].name);
		if (w < 0)
			break;
		n += (size_t)w;
		seen++;
	}
	if (total == 0)
		snprintf(buf, size, "no");
	return buf;
}

const char *hl_role_names(void)
{
	return "agent, team_lead, supervisor, qa, admin, customer";
}
