/* The floor's alerts in the store: table `alert`, owned by the alerts
 * module (its schema is in server/alerts.c). */
#ifndef HL_STORE_ALERT_H
#define HL_STORE_ALERT_H

#include <stdint.h>

#include "store.h"

/* One alert row. Names as on the wire (Alert in hotline.proto). */
typedef struct hl_alert_row {
	int64_t id;
	char kind[16];
	char queue[65];
	char agent[65];
	char contact[24];
	char team[65];
	double value, threshold;
	int64_t opened_ms, closed_ms;   /* closed 0: open */
	char acked_by[65];
	int64_t acked_ms;
	char text[256];
} hl_alert_row;

/* Stores a new alert and sets `a->id`. Returns 0 or HL_E_IO. */
int hl_store_alert_insert(hl_store *st, hl_alert_row *a);

/* Closes alert `id` at `ms`. Returns 0 or HL_E_IO. */
int hl_store_alert_close(hl_store *st, int64_t id, int64_t ms);

/* Records who acknowledged alert `id` and when. Returns 0 or HL_E_IO. */
int hl_store_alert_ack(hl_store *st, int64_t id, const char *by, int64_t ms);

/* Calls `fn` for every open alert, oldest first, then (with
 * `closed_since` > 0) every alert closed at or after it. Stops at a
 * non-zero return. Returns 0 or HL_E_IO. */
int hl_store_alert_each(hl_store *st, int64_t closed_since,
			int (*fn)(const hl_alert_row *a, void *arg), void *arg);

/* 1 when an alert of `kind` about conversation `contact` was ever opened
 * (a rating raises one alert, once), 0 when not, or HL_E_IO. */
int hl_store_alert_rated(hl_store *st, const char *kind, const char *contact);

#endif
