/* The floor's counts kept current as contacts change: today's per queue,
 * per agent and per 15-minute interval, rebuilt from the stored contacts
 * at start and at midnight, intervals written to the store as they close.
 * No request scans the day's contacts. */
#ifndef HL_FIGURES_H
#define HL_FIGURES_H

#include <stdint.h>

#include "broker.h"
#include "figcount.h"
#include "store_chat.h"

typedef struct hl_figures hl_figures;

/* Counts today's stored contacts once (after the router has loaded the
 * queues) and writes today's intervals, in the open transaction. Returns 0
 * or a negative code. */
int hl_figures_open(hl_broker *b);

/* Writes the intervals changed since the last write (the open one too),
 * in the open transaction, and frees the counts. NULL-safe. */
void hl_figures_close(hl_broker *b);

/* The hook: `row` is a contact as just written to the store. Its old
 * counts come out and its new ones go in, and the alerts see its rating
 * (alerts.h). Call it after every write of a contact row. */
void hl_figures_on_contact(hl_broker *b, const hl_store_contact *row);

/* Timers: at each interval's end the changed intervals are written; at
 * midnight the day's are written and the counts start over. Returns the
 * next deadline. */
int64_t hl_figures_tick(hl_broker *b, int64_t now_ms);

/* Today's counts as of `now_ms` (starting a new day first if `now_ms` is
 * past the counted one). Never NULL once open. */
hl_figcount *hl_figures_counts(hl_broker *b, int64_t now_ms);

/* The module (module.h): counts kept current, intervals written as they
 * close. */
extern const hl_module hl_mod_figures;

#endif
