/* hotline-ctl's text tables, aligned by display columns. */
#ifndef HL_CTL_TABLE_H
#define HL_CTL_TABLE_H

#include <stdio.h>

#define HL_CTL_TABLE_COLS 24

typedef struct hl_ctl_table hl_ctl_table;

/* A table of ncols columns (at most HL_CTL_TABLE_COLS) under `headers`,
 * which must outlive it; a header starting with '>' right-aligns its
 * column (the '>' is not shown). Returns NULL when memory runs out; every
 * other function accepts NULL and does nothing. */
hl_ctl_table *hl_ctl_table_new(int ncols, const char *const *headers);

/* Limits column `col` to `width` display columns: longer cells are cut
 * and end in "…". */
void hl_ctl_table_limit(hl_ctl_table *t, int col, int width);

/* Keeps each printed line within `total` display columns by narrowing
 * column `col` (its cells cut with "…"), never below 4 columns. */
void hl_ctl_table_fit(hl_ctl_table *t, int total, int col);

/* Appends the next cell (printf-style), row by row; control characters
 * in it are shown as U+FFFD. */
void hl_ctl_table_add(hl_ctl_table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints the header and the rows to f, each column as wide as its widest
 * cell in display columns (Chinese characters count two), two spaces
 * between columns, no trailing spaces. */
void hl_ctl_table_print(hl_ctl_table *t, FILE *f);

void hl_ctl_table_free(hl_ctl_table *t);

#endif
