/* One statement run from the cache: bound by a format, stepped, reset and
 * its failure logged, so a store function is its SQL and a few lines. */
#ifndef HL_STORE_ROW_H
#define HL_STORE_ROW_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

/* The format names each `?` of the statement in order, one letter each:
 *   i  int                 l  int64_t            u  uint64_t (stored signed)
 *   t  const char * (NULL binds NULL)            b  const void *, size_t (a blob)
 *   r  const hl_store_field *, size_t n, const void *record: n `?`s bound
 *      from the record's fields, in the table's order
 * Text and blobs are bound without a copy: they must outlive the call.
 * A format that does not match the arguments is a bug in the caller. */

/* One column of a record (a struct), for binding it and reading it back
 * with one table. Types as in the format: i int, l int64_t, u uint64_t,
 * t a char array of `cap` bytes, b a byte array of `cap` bytes whose length
 * is the size_t at `len_off`. */
typedef struct hl_store_field {
	char type;
	size_t off, cap, len_off;
} hl_store_field;

/* Reads columns from `first` on into the record's fields, in order; a
 * blob longer than its field reads as empty. */
void hl_store_read_fields(sqlite3_stmt *s, int first, const hl_store_field *f, size_t n,
			  void *record);

/* Runs a statement that returns no rows. Returns 0, HL_E_EXISTS when a
 * UNIQUE or PRIMARY KEY constraint refused it, or HL_E_IO (logged with its
 * SQL). Every failure but a duplicate fails the turn (hl_store_step). */
int hl_store_exec(hl_store *st, const char *sql, const char *fmt, ...);

/* Reads one row: `row` is called with the statement on it and `arg`. */
typedef int (*hl_store_row_fn)(sqlite3_stmt *s, void *arg);

/* Runs a query, calling `row` for each row in order until it returns
 * non-zero; text read from the row is valid during the call only.
 * Returns 0, or HL_E_IO (logged; the turn fails). */
int hl_store_each(hl_store *st, const char *sql, hl_store_row_fn row, void *arg,
		  const char *fmt, ...);

/* Runs a query for its first row only and calls `row` (NULL: none) on it.
 * Returns 0, HL_E_NOTFOUND when there is no row, HL_E_IO (logged; the turn
 * fails), or the negative error `row` returned. */
int hl_store_one(hl_store *st, const char *sql, hl_store_row_fn row, void *arg,
		 const char *fmt, ...);

/* A row reader for hl_store_one: column 0 into the int64_t at `arg`. */
int hl_store_row_int64(sqlite3_stmt *s, void *arg);

/* Copies text column `col` into `dst` (NULL reads as ""), truncating to
 * `cap`. */
void hl_store_col_text(sqlite3_stmt *s, int col, char *dst, size_t cap);

/* The rowid of the last row inserted, and how many rows the last write
 * changed, on this store's connection. */
int64_t hl_store_last_id(hl_store *st);
int hl_store_changes(hl_store *st);

#endif
