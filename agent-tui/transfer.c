/* The transfer menu's entries: queues by label, agents by display name
 * and state, in the order the broker lists them. */
#include "transfer.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "states.h"

size_t hl_agent_transfer_targets(const hl_cm_model *d, const Hotline__AgentListReply *al,
				 hl_agent_target *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < d->nqueues && n < max; i++) {
		const char *id = d->queues[i].id, *label = hl_cm_queue_label(d, id);
		hl_agent_target *t = &out[n++];
		memset(t, 0, sizeof *t);
		snprintf(t->id, sizeof t->id, "%s", id);
		snprintf(t->label, sizeof t->label, _("Queue: %s"), label[0] ? label : id);
	}
	for (size_t i = 0; al && i < al->n_agents && n < max; i++) {
		const Hotline__AgentEntry *e = al->agents[i];
		char state[128];
		const char *reason, *shown;
		hl_agent_target *t;
		if (!e->name || !e->name[0] || strcmp(e->name, d->me) == 0)
			continue;
		reason = hl_cm_code_label(d, "not_ready", e->reason ? e->reason : "");
		hl_agent_state_text(e->state, reason ? reason : e->reason, state, sizeof state);
		shown = e->display && e->display[0] ? e->display : e->name;
		t = &out[n++];
		memset(t, 0, sizeof *t);
		t->agent = true;
		t->disabled = !e->state || strcmp(e->state, "offline") == 0;
		snprintf(t->id, sizeof t->id, "%s", e->name);
		snprintf(t->label, sizeof t->label, "%s \u00b7 %s", shown, state);
	}
	return n;
}
