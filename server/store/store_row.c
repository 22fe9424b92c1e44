/* One statement run from the cache: bind by a format, step, reset, log. */
#include "store_row.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "log.h"

/* Field `f` of a record, as `type`: writable (AT) or read only (RO). */
#define AT(rec, f, type) ((type *)(void *)((char *)(rec) + (f)->off))
#define RO(rec, f, type) ((const type *)(const void *)((const char *)(rec) + (f)->off))

/* Binds a record's fields from column `col` on; returns the next column. */
static int bind_fields(sqlite3_stmt *s, int col, const hl_store_field *f, size_t n,
		       const void *record)
{
	const char *r = record;

	for (size_t i = 0; i < n; i++, f++, col++) {
		if (f->type == 'i')
			sqlite3_bind_int(s, col, *RO(r, f, int));
		else if (f->type == 'l')
			sqlite3_bind_int64(s, col, *RO(r, f, int64_t));
		else if (f->type == 'u')
			sqlite3_bind_int64(s, col, (sqlite3_int64)*RO(r, f, uint64_t));
		else if (f->type == 't')
			sqlite3_bind_text(s, col, RO(r, f, char), -1, SQLITE_STATIC);
		else
			sqlite3_bind_blob(s, col, RO(r, f, char),
					  (int)*(const size_t *)(const void *)(r + f->len_off),
					  SQLITE_STATIC);
	}
	return col;
}

void hl_store_read_fields(sqlite3_stmt *s, int col, const hl_store_field *f, size_t n,
			  void *record)
{
	int len;

	for (size_t i = 0; i < n; i++, f++, col++) {
		if (f->type == 'i')
			*AT(record, f, int) = sqlite3_column_int(s, col);
		else if (f->type == 'l')
			*AT(record, f, int64_t) = sqlite3_column_int64(s, col);
		else if (f->type == 'u')
			*AT(record, f, uint64_t) = (uint64_t)sqlite3_column_int64(s, col);
		else if (f->type == 't')
			hl_store_col_text(s, col, AT(record, f, char), f->cap);
		else {
			len = sqlite3_column_bytes(s, col);
			if (len < 0 || (size_t)len > f->cap)
				len = 0;
			if (len > 0)
				memcpy(AT(record, f, char), sqlite3_column_blob(s, col), (size_t)len);
			*(size_t *)(void *)((char *)record + f->len_off) = (size_t)len;
		}
	}
}

/* Prepares `sql` from the cache and binds the format's arguments. NULL if
 * it does not prepare (the cache logged why) or the format is unknown. */
static sqlite3_stmt *bound(hl_store *st, const char *sql, const char *fmt, va_list ap)
{
	sqlite3_stmt *s = hl_store_stmt(st, sql);
	const hl_store_field *fields;
	const void *blob;
	size_t n;
	int col = 1;

	if (!s)
		return NULL;
	for (const char *f = fmt; *f; f++) {
		switch (*f) {
		case 'r':
			fields = va_arg(ap, const hl_store_field *);
			n = va_arg(ap, size_t);
			col = bind_fields(s, col, fields, n, va_arg(ap, const void *));
			continue;
		case 'i':
			sqlite3_bind_int(s, col, va_arg(ap, int));
			break;
		case 'l':
			sqlite3_bind_int64(s, col, va_arg(ap, int64_t));
			break;
		case 'u':
			sqlite3_bind_int64(s, col, (sqlite3_int64)va_arg(ap, uint64_t));
			break;
		case 't':
			sqlite3_bind_text(s, col, va_arg(ap, const char *), -1, SQLITE_STATIC);
			break;
		case 'b':
			blob = va_arg(ap, const void *);
			sqlite3_bind_blob(s, col, blob, (int)va_arg(ap, size_t), SQLITE_STATIC);
			break;
		default:
			hl_log(HL_LOG_ERROR, "store: bad bind format '%s' for %s", fmt, sql);
			return NULL;
		}
		col++;
	}
	/* A format short of the statement's parameters would bind NULLs
	 * silently: refuse it, so the first test that runs it fails. */
	if (col - 1 != sqlite3_bind_parameter_count(s)) {
		hl_log(HL_LOG_ERROR, "store: format '%s' binds %d of %d parameters of %s", fmt,
		       col - 1, sqlite3_bind_parameter_count(s), sql);
		return NULL;
	}
	return s;
}

int hl_store_exec(hl_store *st, const char *sql, const char *fmt, ...)
{
	sqlite3_stmt *s;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	s = bound(st, sql, fmt, ap);
	va_end(ap);
	if (!s)
		return HL_E_IO;
	rc = hl_store_step_done(st, s);
	/* A statement left mid-way would hold a read snapshot until the commit. */
	sqlite3_reset(s);
	return rc;
}

/* Runs `sql` bound by `fmt`, calling row for each row (`max` rows at most,
 * 0 for all). Returns how many rows were read, or HL_E_IO; *stop is row's
 * last answer. */
static int rows(hl_store *st, const char *sql, hl_store_row_fn row, void *arg, int max,
		int *stop, const char *fmt, va_list ap)
{
	sqlite3_stmt *s = bound(st, sql, fmt, ap);
	int rc, n = 0;

	*stop = 0;
	if (!s)
		return HL_E_IO;
	/* hl_store_step logs a failure and fails the turn with it. */
	while ((rc = hl_store_step(st, s)) == SQLITE_ROW) {
		n++;
		if ((row && (*stop = row(s, arg))) || n == max)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		n = HL_E_IO;
	sqlite3_reset(s);
	return n;
}

int hl_store_each(hl_store *st, const char *sql, hl_store_row_fn row, void *arg,
		  const char *fmt, ...)
{
	va_list ap;
	int n, stop;

	va_start(ap, fmt);
	n = rows(st, sql, row, arg, 0, &stop, fmt, ap);
	va_end(ap);
	return n < 0 ? n : 0;
}

int hl_store_one(hl_store *st, const char *sql, hl_store_row_fn row, void *arg,
		 const char *fmt, ...)
{
	va_list ap;
	int n, stop;

	va_start(ap, fmt);
	n = rows(st, sql, row, arg, 1, &stop, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return n < 0 ? n : HL_E_NOTFOUND;
	return stop < 0 ? stop : 0;
}

int hl_store_row_int64(sqlite3_stmt *s, void *arg)
{
	*(int64_t *)arg = sqlite3_column_int64(s, 0);
	return 0;
}

void hl_store_col_text(sqlite3_stmt *s, int col, char *dst, size_t cap)
{
	const unsigned char *t = sqlite3_column_text(s, col);

	snprintf(dst, cap, "%s", t ? (const char *)t : "");
}

int64_t hl_store_last_id(hl_store *st)
{
	return sqlite3_last_insert_rowid(hl_store_db(st));
}

int hl_store_changes(hl_store *st)
{
	return sqlite3_changes(hl_store_db(st));
}
