/* The floor's alerts: thresholds from broker.ini's [alerts], conditions
 * evaluated on the module's tick (at most once a second) and as ratings
 * arrive, alerts kept in table `alert` with their opened and closed
 * times, published to the floor topic, listed and acknowledged. */
#ifndef HL_ALERTS_H
#define HL_ALERTS_H

#include "broker.h"
#include "store_contact.h"

/* The hook for ratings: `row` is a contact as just written. A CSAT of 1-2
 * or an NPS of 0-6 opens an alert (once per conversation and kind) when
 * configured. Call it after every write of a contact row (figures.c
 * does). */
void hl_alerts_on_contact(hl_broker *b, const hl_store_contact *row);

/* The module (module.h): table `alert`, the [alerts] section, the tick,
 * and the requests floor alerts and floor alerts ack. */
extern const hl_module hl_mod_alerts;

#endif
