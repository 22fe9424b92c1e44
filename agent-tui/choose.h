/* The desk's pick lists: the state menu, the Not Ready reasons and the
 * wrap-up codes the broker has configured, and the transfer targets; then
 * the note a wrap-up or a transfer carries. */
#ifndef HL_AGENT_CHOOSE_H
#define HL_AGENT_CHOOSE_H

#include "app.h"

/* F2: Available, Not Ready… (the reasons follow), Offline. */
void hl_agent_choose_state(hl_agent_app *a);

/* F7: the configured wrap-up codes, then the note. */
void hl_agent_choose_wrap(hl_agent_app *a);

/* F6, once the agents are listed (al NULL: queues only): queues by label,
 * agents by display name and state; then the internal note. */
void hl_agent_choose_transfer(hl_agent_app *a, const Hotline__AgentListReply *al);

/* The menu closed: acts on the choice (or opens the next step). */
void hl_agent_choose_menu_done(hl_agent_app *a);

/* The note dialog of a wrap-up or a transfer closed: sends it. */
void hl_agent_choose_note_done(hl_agent_app *a);

#endif
