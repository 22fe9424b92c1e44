/* The numbered schema migrations of the broker's database. */
#ifndef HL_MIGRATE_H
#define HL_MIGRATE_H

#include <sqlite3.h>

/* Number of migrations this build knows; the newest schema version. */
int hl_migrate_latest(void);

/* Applies migrations after the database's user_version up to `target`,
 * each in its own transaction that also sets user_version. Returns 0 or
 * HL_E_IO (message on stderr); a database newer than this build is
 * refused with HL_E_VERSION. */
int hl_migrate_run(sqlite3 *db, int target);

#endif
