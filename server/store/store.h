/* The broker's SQLite store: open, pragmas, migrations, group commit. */
#ifndef HL_STORE_H
#define HL_STORE_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

typedef struct hl_store hl_store;

/* Opens (creating if needed) the database at `path` in WAL mode with
 * synchronous=FULL and runs every pending migration. Returns 0 and sets
 * *out, or HL_E_IO with a message written to stderr. */
int hl_store_open(const char *path, hl_store **out);

/* Like hl_store_open but stops migrating at `version` (tests build a
 * previous-version database with it). */
int hl_store_open_at(const char *path, int version, hl_store **out);

/* Opens the existing database at `path` read-only (SQLITE_OPEN_READONLY),
 * for a read worker (readpool.h): no pragmas, no migrations. The file is in
 * WAL mode already (the broker's own connection set it), so this
 * connection's reads never block the broker's writes nor wait for them.
 * hl_store_begin/commit here bracket one read transaction (a consistent
 * snapshot) instead of a write. Returns 0 and sets *out, or HL_E_IO. */
int hl_store_open_readonly(const char *path, hl_store **out);

/* Closes the database; NULL is ignored. */
void hl_store_close(hl_store *st);

/* The schema version the database is at, and the newest this build knows. */
int hl_store_version(hl_store *st);
int hl_store_latest_version(void);

/* Opens the loop turn: its first statement begins one transaction that
 * hl_store_commit ends, so a turn that touches nothing costs nothing.
 * Returns 0. */
int hl_store_begin(hl_store *st);

/* Commits the turn's transaction if one began. A state change must be
 * committed before its reply leaves. Returns 0, or HL_E_IO if the commit,
 * the turn's BEGIN or any statement of the turn failed (the turn is then
 * rolled back, all of it). */
int hl_store_commit(hl_store *st);

/* Ends the turn's transaction without keeping anything of it (a turn
 * failed elsewhere, or a close that must not write). */
void hl_store_rollback(hl_store *st);

/* Returns a prepared statement for `sql`, cached by the string's address
 * (pass string literals, or text that outlives the store), reset and with
 * bindings cleared. The store owns it; the cache grows with each new
 * address. Returns NULL (and logs) if it does not prepare, or if a
 * statement of this turn has already failed (the turn fails: nothing more
 * is run). */
sqlite3_stmt *hl_store_stmt(hl_store *st, const char *sql);

/* How many statements the cache holds. */
size_t hl_store_stmt_count(hl_store *st);

/* Steps `s` once and returns SQLite's code. Any failure but a duplicate
 * (a UNIQUE or PRIMARY KEY constraint) marks the turn failed (logged): the rest of the turn's
 * statements are refused and hl_store_commit rolls it back and reports it.
 * Use it for every step, reads included, so no failure goes unseen. */
int hl_store_step(hl_store *st, sqlite3_stmt *s);

/* Runs a statement that returns no rows; returns 0 or HL_E_IO
 * (HL_E_EXISTS on a duplicate). As hl_store_step, a failure
 * fails the turn even if the caller drops the code. */
int hl_store_step_done(hl_store *st, sqlite3_stmt *s);

/* 1 when a statement of the open turn has failed (hl_store_step), else 0.
 * The turn's replies must then not claim success. */
int hl_store_turn_failed(const hl_store *st);

/* The raw handle, for modules in store/ only. */
sqlite3 *hl_store_db(hl_store *st);

/* Reads and writes the `meta` key/value table. Get copies into `buf`
 * (returns 0, or HL_E_NOTFOUND). */
int hl_store_meta_get(hl_store *st, const char *key, char *buf, size_t cap);
int hl_store_meta_set(hl_store *st, const char *key, const char *value);

#endif
