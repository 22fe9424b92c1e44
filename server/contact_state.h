/* A contact's state: the states it can be in, their stored names, and the
 * one table of which event moves it from which state to which. Pure. */
#ifndef HL_CONTACT_STATE_H
#define HL_CONTACT_STATE_H

#include <stddef.h>

typedef enum hl_contact_state {
	HL_CONTACT_QUEUED,     /* waiting for an agent (offered included); where every contact starts */
	HL_CONTACT_ACTIVE,     /* an agent is in the conversation */
	HL_CONTACT_ENDED,      /* the conversation ended (by agent, customer or system) */
	HL_CONTACT_ABANDONED,  /* the customer left before an agent answered */
	HL_CONTACT_REJECTED,   /* the queue would not take it */
	HL_CONTACT_LEFT,       /* it waited as long as the queue allows */
	HL_CONTACT_N_STATES
} hl_contact_state;

typedef enum hl_contact_event {
	HL_CONTACT_EV_ANSWER,    /* an agent accepted it */
	HL_CONTACT_EV_REQUEUE,   /* back to its queue (its agent went away) */
	HL_CONTACT_EV_TRANSFER,  /* its agent passed it to a queue or another agent */
	HL_CONTACT_EV_END,       /* the conversation ends */
	HL_CONTACT_EV_ABANDON,   /* the customer leaves while waiting */
	HL_CONTACT_EV_REJECT,    /* the queue refuses it */
	HL_CONTACT_EV_LEAVE,     /* its longest wait ran out */
	HL_CONTACT_N_EVENTS
} hl_contact_event;

/* The name a state is stored and sent under ("queued"); NULL if `s` is
 * not a state. */
const char *hl_contact_state_name(hl_contact_state s);

/* The state stored as `name`: 0 and *out, or HL_E_INVALID for anything
 * else (NULL, "", another case, trailing bytes). */
int hl_contact_state_parse(const char *name, hl_contact_state *out);

/* 1 when the stored name `name` is state `s`, else 0. */
int hl_contact_state_is(const char *name, hl_contact_state s);

/* The event's name for logs ("answer"); NULL if not an event. */
const char *hl_contact_event_name(hl_contact_event ev);

/* Where `ev` takes a contact in state `from`: 0 and *to, or HL_E_STATE
 * when the table has no such move (nothing is set). */
int hl_contact_transition(hl_contact_state from, hl_contact_event ev, hl_contact_state *to);

/* 1 when the table allows `ev` from the stored name `name`, else 0. */
int hl_contact_state_may(const char *name, hl_contact_event ev);

/* Moves the stored name in `name` (a buffer of `cap` bytes) by `ev`:
 * 0 with the new name written, HL_E_STATE when the move is refused or
 * `name` is not a state (left as it was). */
int hl_contact_state_apply(char *name, size_t cap, hl_contact_event ev);

#endif
