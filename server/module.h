/* Broker modules: each domain is one const descriptor — its name, what it
 * does when the broker opens and closes, on the loop's timers and at the
 * end of a turn, its part of a session's snapshot, its INI section and its
 * requests. The broker iterates the list (modules.c) and names no domain. */
#ifndef HL_MODULE_H
#define HL_MODULE_H

#include <stddef.h>
#include <stdint.h>

#include "broker.h"
#include "requests.h"



typedef struct hl_custchan_ops hl_custchan_ops;

struct hl_module {
	const char *name;   /* one word, as logs and docs name it: "chat" */

	/* Broker start, in list order, inside one transaction; `b->now_ms` is
	 * set. Keeps its state with hl_module_set_state. Returns 0 or a
	 * negative code (having logged why); the broker then closes it and
	 * the modules opened before it, and does not start. NULL: nothing to
	 * open. */
	int (*open)(hl_broker *b);
	/* Broker stop, in reverse list order, inside one transaction (the loop
	 * no longer runs). Frees its state; also called after a failed open
	 * of a later module, so it must accept what open left. */
	void (*close)(hl_broker *b);
	/* End of every loop turn, in list order, before the flushes: fires what
	 * is due at `now`; returns its next deadline (INT64_MAX: none). */
	int64_t (*tick)(hl_broker *b, int64_t now);
	/* End of every loop turn, in reverse list order, after every tick and
	 * before the commit: writes what the turn changed, frees what ended.
	 * (Reverse, so a domain's flush may still emit to the sessions, which
	 * come first in the list and answer polls last.) */
	void (*flush)(hl_broker *b);
	/* Fills this module's part of the snapshot a session starts with, in
	 * list order (a later part may read an earlier one). Strings and
	 * arrays in `a`. */
	void (*snapshot)(hl_broker *b, const hl_session *s, hl_arena *a,
			 Hotline__Snapshot *snap);

	/* Its section of broker.ini, or NULL. `config_defaults` resets its
	 * settings (before the file is read); `config_key` takes one key of the
	 * section: 1 when it is its key with a value in range (stored), else 0
	 * (the broker then reports the key and does not start). The settings
	 * are the module's file-static state: there is one configuration per
	 * process. */
	const char *config_section;
	void (*config_defaults)(void);
	int (*config_key)(const char *name, const char *value);

	/* Its own tables: `schema[i]` is the SQL taking them from version i to
	 * i + 1 (append, never edit). Applied before its open, in the same
	 * transaction, tracked per module (store/migrate.h). NULL: none. */
	const char *const *schema;
	size_t n_schema;

	/* A customer channel this module carries (custchan.h), or NULL. */
	const hl_custchan_ops *channel;

	/* Its requests (requests.h); the broker's table is the join of these. */
	const hl_request_desc *requests;
	size_t n_requests;
};

/* The list, in order (modules.c); `hl_modules_n` entries. */
extern const hl_module *const hl_modules[];
extern const size_t hl_modules_n;

/* The state `m` keeps in broker `b` (set by its open), or NULL. */
void *hl_module_state(const hl_broker *b, const hl_module *m);

/* Sets the state `m` keeps in `b`. */
void hl_module_set_state(hl_broker *b, const hl_module *m, void *state);

/* Opens every module in order; on failure closes those opened, in
 * reverse. Returns 0 or the failing module's code. */
int hl_modules_open(hl_broker *b);

/* Closes every opened module, in reverse order. */
void hl_modules_close(hl_broker *b);

/* Ticks every module; returns the earliest next deadline. */
int64_t hl_modules_tick(hl_broker *b, int64_t now);

/* Flushes every module (reverse order). */
void hl_modules_flush(hl_broker *b);

/* Builds the snapshot for session `s`: every module's part, in order. */
void hl_modules_snapshot(hl_broker *b, const hl_session *s, hl_arena *a, Hotline__Snapshot *snap);

/* Resets every module's settings to its defaults. */
void hl_modules_config_defaults(void);

/* One key of broker.ini for the modules: 1 when a module of `section`
 * took it, 0 when modules own the section but none took the key (unknown
 * or out of range), -1 when no module owns the section. */
int hl_modules_config(const char *section, const char *name, const char *value);

/* The channel named `name` ("web"), the first listed for NULL, or NULL. */
const hl_custchan_ops *hl_modules_channel(const char *name);

#endif
