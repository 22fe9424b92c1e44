/* What hotline-sim's people say: customers' questions by menu topic and
 * language, their follow-ups, and agents' replies. */
#ifndef HL_SIM_PHRASE_H
#define HL_SIM_PHRASE_H

#include <stdint.h>

/* A customer's first line for the menu item `item` (matched to a topic by
 * its id or label: enquiry, lookup, service, after-sales, complaint; any
 * other gets a general question), in Chinese when `zh`, picked by `r`.
 * Static storage. */
const char *hl_sim_phrase_question(uint64_t r, const char *item, int zh);

/* A customer's later line, in Chinese when `zh`, picked by `r`. */
const char *hl_sim_phrase_followup(uint64_t r, int zh);

/* An agent's reply, in Chinese when `zh`, picked by `r`. */
const char *hl_sim_phrase_reply(uint64_t r, int zh);

#endif
