/* The numbered schema migrations of the broker's database. */
#ifndef HL_MIGRATE_H
#define HL_MIGRATE_H

#include <stddef.h>
#include <sqlite3.h>

/* Number of migrations this build knows; the newest schema version. */
int hl_migrate_latest(void);

/* Applies migrations after the database's user_version up to `target`,
 * each in its own transaction that also sets user_version. Returns 0 or
 * HL_E_IO (message on stderr); a database newer than this build is
 * refused with HL_E_VERSION. */
int hl_migrate_run(sqlite3 *db, int target);

/* Brings module `name`'s own tables up to date: `steps[i]` takes its
 * schema from version i to i + 1, tracked per module in `module_schema`.
 * Runs inside the caller's transaction (the broker's open), so a broker
 * that fails to start leaves no half-made tables. Returns 0, HL_E_VERSION
 * when the database is newer than this build, or HL_E_IO (logged). */
int hl_migrate_module(sqlite3 *db, const char *name, const char *const *steps, size_t n);

#endif
