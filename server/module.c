/* The broker's walk over its modules: open, close, timers, end-of-turn
 * writes, the snapshot and the configuration, each in list order. */
#include "module.h"

#include <string.h>

#include "custchan.h"
#include "error.h"
#include "log.h"
#include "migrate.h"
#include "store.h"

/* A module's slot is its place in the list: at most HL_MODULES_MAX, and a
 * short scan (a dozen pointers) finds it. */
static int slot_of(const hl_module *m)
{
	for (size_t i = 0; i < hl_modules_n && i < HL_MODULES_MAX; i++)
		if (hl_modules[i] == m)
			return (int)i;
	return -1;
}

void *hl_module_state(const hl_broker *b, const hl_module *m)
{
	int i = slot_of(m);

	return i < 0 ? NULL : b->mod_state[i];
}

void hl_module_set_state(hl_broker *b, const hl_module *m, void *state)
{
	int i = slot_of(m);

	if (i >= 0)
		b->mod_state[i] = state;
}

int hl_modules_open(hl_broker *b)
{
	int rc;

	if (hl_modules_n > HL_MODULES_MAX) {
		hl_log(HL_LOG_ERROR, "%zu modules listed; the broker has room for %d "
		       "(raise HL_MODULES_MAX in broker.h)", hl_modules_n, HL_MODULES_MAX);
		return HL_E_INTERNAL;
	}
	if ((rc = hl_requests_check()) < 0)
		return rc;
	for (b->mods_open = 0; b->mods_open < hl_modules_n;) {
		const hl_module *m = hl_modules[b->mods_open++];
		/* Counted before it opens: a failed open is closed too. */
		if ((rc = hl_migrate_module(hl_store_db(b->st), m->name, m->schema,
					    m->n_schema)) < 0) {
			hl_modules_close(b);
			return rc;
		}
		if (m->open && (rc = m->open(b)) < 0) {
			hl_log(HL_LOG_ERROR, "module %s did not open: %s", m->name, hl_strerror(rc));
			hl_modules_close(b);
			return rc;
		}
	}
	return 0;
}

void hl_modules_close(hl_broker *b)
{
	/* Reverse order: a module may use those listed before it until it
	 * is closed. */
	while (b->mods_open > 0) {
		const hl_module *m = hl_modules[--b->mods_open];
		if (m->close)
			m->close(b);
	}
}

int64_t hl_modules_tick(hl_broker *b, int64_t now)
{
	int64_t next = INT64_MAX, t;

	for (size_t i = 0; i < b->mods_open; i++)
		if (hl_modules[i]->tick && (t = hl_modules[i]->tick(b, now)) < next)
			next = t;
	return next;
}

void hl_modules_flush(hl_broker *b)
{
	for (size_t i = b->mods_open; i > 0; i--)
		if (hl_modules[i - 1]->flush)
			hl_modules[i - 1]->flush(b);
}

void hl_modules_snapshot(hl_broker *b, const hl_session *s, hl_arena *a, Hotline__Snapshot *snap)
{
	for (size_t i = 0; i < hl_modules_n; i++)
		if (hl_modules[i]->snapshot)
			hl_modules[i]->snapshot(b, s, a, snap);
}

void hl_modules_config_defaults(void)
{
	for (size_t i = 0; i < hl_modules_n; i++)
		if (hl_modules[i]->config_defaults)
			hl_modules[i]->config_defaults();
}

int hl_modules_config(const char *section, const char *name, const char *value)
{
	int owned = 0;

	for (size_t i = 0; i < hl_modules_n; i++) {
		const hl_module *m = hl_modules[i];
		if (!m->config_section || strcmp(m->config_section, section) != 0)
			continue;
		owned = 1;
		if (m->config_key && m->config_key(name, value))
			return 1;
	}
	return owned ? 0 : -1;
}

const hl_custchan_ops *hl_modules_channel(const char *name)
{
	for (size_t i = 0; i < hl_modules_n; i++) {
		const hl_custchan_ops *ch = hl_modules[i]->channel;
		if (ch && (!name || strcmp(ch->name, name) == 0))
			return ch;
	}
	return NULL;
}
