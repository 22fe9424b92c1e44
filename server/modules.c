/* The broker's modules, in the order they open, tick and fill a snapshot
 * (closed and flushed in reverse). Adding a domain is one line here and
 * its own file (docs/architecture.md). */
#include "module.h"

#include "agent.h"
#include "alerts.h"
#include "audit.h"
#include "auth.h"
#include "chat.h"
#include "chat_supervise.h"
#include "code.h"
#include "figures.h"
#include "floor.h"
#include "metric.h"
#include "ping.h"
#include "queue.h"
#include "readpool.h"
#include "router.h"
#include "session.h"
#include "team.h"
#include "user.h"
#include "webchat.h"

const hl_module *const hl_modules[] = {
	&hl_mod_session,   /* first: the others emit to sessions while they run */
	&hl_mod_auth,
	&hl_mod_ping,
	&hl_mod_user,
	&hl_mod_team,
	&hl_mod_audit,
	&hl_mod_code,
	&hl_mod_queue,
	&hl_mod_router,    /* before floor: the floor's snapshot part reads its status */
	&hl_mod_figures,   /* after the router: counts what it loaded and wrote */
	&hl_mod_agent,
	&hl_mod_chat,
	&hl_mod_supervise, /* over the conversations chat keeps */
	&hl_mod_floor,
	&hl_mod_alerts,    /* after figures and the router: judges their counts */
	&hl_mod_metric,    /* reads what figures stored */
	&hl_mod_webchat,
	&hl_mod_readpool,  /* its [broker] settings; the broker runs the pool */
};

const size_t hl_modules_n = sizeof hl_modules / sizeof hl_modules[0];
