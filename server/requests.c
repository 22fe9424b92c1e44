/* The request table: the join of the modules' request lists, indexed by
 * body case once, and the role and scope rules dispatch applies to every
 * request. Adding a request is one entry in its module's list. */
#include "requests.h"

#include <string.h>

#include "error.h"
#include "log.h"
#include "module.h"

/* Body cases are the Request oneof's field numbers: small, append-only. */
#define CASES 256

static const hl_request_desc *index_[CASES];
static int indexed;

/* Builds the index on first use (the loop thread, or a test's): the
 * lists are const, so it is built once and never changes. A body case
 * listed twice keeps its first entry; hl_requests_check reports it. */
static void build_index(void)
{
	if (indexed)
		return;
	for (size_t i = 0; i < hl_modules_n; i++) {
		const hl_module *m = hl_modules[i];
		for (size_t k = 0; k < m->n_requests; k++) {
			int bc = m->requests[k].body_case;
			if (bc > 0 && bc < CASES && !index_[bc])
				index_[bc] = &m->requests[k];
		}
	}
	indexed = 1;
}

const hl_request_desc *hl_requests_find(int body_case)
{
	build_index();
	return body_case > 0 && body_case < CASES ? index_[body_case] : NULL;
}

int hl_requests_may(const hl_request_desc *d, int role)
{
	if (!d->needs_login)
		return 1;
	return role > 0 && role < 32 && (d->roles & HL_ROLE_BIT(role)) != 0;
}

int hl_requests_reach(const hl_request_desc *d, int role)
{
	unsigned bit = role > 0 && role < 32 ? HL_ROLE_BIT(role) : 0;

	if (d->scope_all & bit)
		return HL_SCOPE_ALL;
	if ((d->scope_team & bit) && d->scope == HL_SCOPE_OWN)
		return HL_SCOPE_TEAM;
	return d->scope;
}

int hl_requests_in_scope(const hl_request_desc *d, int role, const char *caller,
			 const char *caller_team, const char *target, const char *target_team)
{
	int reach = hl_requests_reach(d, role);

	if (reach == HL_SCOPE_ALL || !target)
		return 1;
	if (caller && strcmp(caller, target) == 0)
		return 1;
	/* No team is nobody's team: an empty name matches nothing. */
	return reach == HL_SCOPE_TEAM && caller_team && caller_team[0] && target_team &&
	       strcmp(caller_team, target_team) == 0;
}

void hl_requests_each(void (*fn)(const hl_request_desc *d, void *arg), void *arg)
{
	for (size_t i = 0; i < hl_modules_n; i++)
		for (size_t k = 0; k < hl_modules[i]->n_requests; k++)
			fn(&hl_modules[i]->requests[k], arg);
}

int hl_requests_check(void)
{
	int rc = 0;

	build_index();
	for (size_t i = 0; i < hl_modules_n; i++) {
		const hl_module *m = hl_modules[i];
		for (size_t k = 0; k < m->n_requests; k++) {
			const hl_request_desc *d = &m->requests[k];
			if (d->body_case <= 0 || d->body_case >= CASES) {
				hl_log(HL_LOG_ERROR, "module %s: request '%s' has body case %d, "
				       "outside 1..%d", m->name, d->name, d->body_case, CASES - 1);
				rc = HL_E_INTERNAL;
			} else if (index_[d->body_case] != d) {
				hl_log(HL_LOG_ERROR, "module %s: request '%s' has body case %d, "
				       "taken by '%s'", m->name, d->name, d->body_case,
				       index_[d->body_case]->name);
				rc = HL_E_INTERNAL;
			}
		}
	}
	return rc;
}
