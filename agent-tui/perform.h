/* Carrying out the agent's actions (from keys, slash commands, dialogs
 * and the state menu) as requests to the broker, and taking their
 * replies and the desk's news back into the screen. */
#ifndef HL_AGENT_PERFORM_H
#define HL_AGENT_PERFORM_H

#include "app.h"
#include "evqueue.h"

/* What a request was for; its reply comes back with this tag. */
enum {
	HL_AGENT_TAG_NONE,
	HL_AGENT_TAG_STATE,
	HL_AGENT_TAG_ACCEPT,
	HL_AGENT_TAG_DECLINE,
	HL_AGENT_TAG_END,
	HL_AGENT_TAG_TRANSFER,
	HL_AGENT_TAG_WRAP,
	HL_AGENT_TAG_SEND,
	HL_AGENT_TAG_TYPING,
	HL_AGENT_TAG_TRANSCRIPT,
	HL_AGENT_TAG_FLOOR,
	HL_AGENT_TAG_QUEUES,
	HL_AGENT_TAG_RATING,
	HL_AGENT_TAG_AGENTS,
};

/* Carries out action (HL_AGENT_ACT_*) from the action table as a key asks
 * it: no words; number is the hotlist number for GOTO. */
void hl_agent_perform(hl_agent_app *a, int action, int number);

/* Carries out a line typed in the input (Enter): a /command or text for
 * the customer. The line is not kept. */
void hl_agent_perform_line(hl_agent_app *a, const char *line);

/* Sends the request of tag (ACCEPT, DECLINE, END, TRANSCRIPT, RATING)
 * for contact id. */
void hl_agent_perform_contact(hl_agent_app *a, int tag, const char *id);

/* Asks the broker for a state (reason: a configured Not Ready code). */
void hl_agent_perform_state(hl_agent_app *a, const char *state, const char *reason);

/* Transfers conversation `contact` to queue or agent `to`, with an
 * internal note ("" none). Refuses, with a word, if it is not a chat on
 * the desk. */
void hl_agent_perform_transfer(hl_agent_app *a, const char *contact, const char *to, bool agent,
			       const char *note);

/* Finishes the wrap-up with a code ("" none) and a note ("" none). */
void hl_agent_perform_wrap(hl_agent_app *a, const char *code, const char *note);

/* Asks for the agents and their states; the reply opens the transfer
 * menu. */
void hl_agent_perform_agent_list(hl_agent_app *a);

/* Takes a request's reply. */
void hl_agent_perform_reply(hl_agent_app *a, const hl_evq_item *it);

/* Takes a batch of events from the poll. */
void hl_agent_perform_events(hl_agent_app *a, const hl_evq_item *it);

/* The input line changed: tells the customer we are typing, or stopped. */
void hl_agent_perform_edited(hl_agent_app *a);

/* Shows conversation id (drafts kept, typing stopped). */
void hl_agent_perform_select(hl_agent_app *a, const char *id);

/* Once a second: our typing indicator lapses, the floor is refreshed. */
void hl_agent_perform_tick(hl_agent_app *a, hl_cm_now now);

/* Asks for the floor's figures (at most one request out). */
void hl_agent_perform_floor(hl_agent_app *a);

/* A dialog or the state menu closed: act on the choice. */
void hl_agent_perform_dialog_done(hl_agent_app *a);
void hl_agent_perform_menu_done(hl_agent_app *a);

#endif
