/* Benchmark shim (LD_PRELOAD into the broker): counts SQLite statements and
 * commits, fsync/fdatasync calls and bytes written to files, in a small
 * shared file a benchmark reads before and after its window. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <sqlite3.h>

/* The counters, in this order, as little-endian uint64 in the file named
 * by HL_COUNTSHIM (bench_lib.sh reads them by these names). */
enum {
	C_STEPS,          /* every sqlite3_step call */
	C_STMTS,          /* statement executions: the first step after a reset */
	C_EXECS,          /* sqlite3_exec calls (BEGIN, COMMIT, pragmas) */
	C_COMMITS,        /* transactions committed, from the commit hook */
	C_FSYNCS,         /* fsync calls */
	C_FDATASYNCS,     /* fdatasync calls */
	C_PWRITES,        /* pwrite and pwrite64 calls */
	C_PWRITE_BYTES,
	C_FILE_WRITES,    /* write calls on regular files */
	C_FILE_WRITE_BYTES,
	C_N
};

static const char *const names[C_N] = {
	"steps", "stmts", "execs", "commits", "fsyncs", "fdatasyncs",
	"pwrites", "pwrite_bytes", "file_writes", "file_write_bytes",
};

/* Until the shared file is mapped (or without one), counts go here. */
static _Atomic uint64_t local[C_N];
static _Atomic uint64_t *ctr = local;

/* sqlite3_exec steps its statements itself; those are counted as the exec. */
static __thread int in_exec;

static void count(int which, uint64_t by)
{
	atomic_fetch_add_explicit(&ctr[which], by, memory_order_relaxed);
}

__attribute__((constructor)) static void shim_init(void)
{
	const char *path = getenv("HL_COUNTSHIM");
	int fd;
	void *m;

	if (!path || !path[0])
		return;
	/* The raw syscalls' wrappers here are ours: open and ftruncate are
	 * not counted, so calling them is safe. */
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return;
	if (ftruncate(fd, (off_t)(C_N * sizeof(uint64_t))) == 0 &&
	    (m = mmap(NULL, C_N * sizeof(uint64_t), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)) !=
		    MAP_FAILED)
		ctr = m;
	close(fd);
}

/* Totals on stderr at exit when HL_COUNTSHIM_PRINT is set. */
__attribute__((destructor)) static void shim_fini(void)
{
	if (!getenv("HL_COUNTSHIM_PRINT"))
		return;
	for (int i = 0; i < C_N; i++)
		fprintf(stderr, "countshim %s %llu\n", names[i],
			(unsigned long long)atomic_load(&ctr[i]));
}

#define REAL(name) \
	static __typeof__(name) *real_##name; \
	if (!real_##name) \
		real_##name = (__typeof__(name) *)dlsym(RTLD_NEXT, #name)

/* --- SQLite --- */

typedef struct hook {
	int (*app)(void *);
	void *arg;
} hook;

/* Our commit hook, calling the application's when it set one: a nonzero
 * answer turns the commit into a rollback, which is then not counted. */
static int on_commit(void *p)
{
	hook *h = p;
	int rc = h->app ? h->app(h->arg) : 0;

	if (!rc)
		count(C_COMMITS, 1);
	return rc;
}

/* One hook record per connection, kept for the process's life (the broker
 * opens a handful of connections). */
static void watch(sqlite3 *db)
{
	REAL(sqlite3_commit_hook);
	hook *h = calloc(1, sizeof *h);

	if (db && h && real_sqlite3_commit_hook)
		real_sqlite3_commit_hook(db, on_commit, h);
}

int sqlite3_open_v2(const char *file, sqlite3 **db, int flags, const char *vfs)
{
	REAL(sqlite3_open_v2);
	int rc = real_sqlite3_open_v2(file, db, flags, vfs);

	if (rc == SQLITE_OK)
		watch(*db);
	return rc;
}

int sqlite3_open(const char *file, sqlite3 **db)
{
	REAL(sqlite3_open);
	int rc = real_sqlite3_open(file, db);

	if (rc == SQLITE_OK)
		watch(*db);
	return rc;
}

void *sqlite3_commit_hook(sqlite3 *db, int (*cb)(void *), void *arg)
{
	REAL(sqlite3_commit_hook);
	hook *h = calloc(1, sizeof *h);

	/* The application's hook runs inside ours. */
	if (!h)
		return real_sqlite3_commit_hook(db, cb, arg);
	h->app = cb;
	h->arg = arg;
	return real_sqlite3_commit_hook(db, on_commit, h);
}

int sqlite3_step(sqlite3_stmt *s)
{
	REAL(sqlite3_step);

	if (!in_exec) {
		count(C_STEPS, 1);
		if (!sqlite3_stmt_busy(s))
			count(C_STMTS, 1);
	}
	return real_sqlite3_step(s);
}

int sqlite3_exec(sqlite3 *db, const char *sql, int (*cb)(void *, int, char **, char **), void *arg,
		 char **err)
{
	REAL(sqlite3_exec);
	int rc;

	count(C_EXECS, 1);
	in_exec++;
	rc = real_sqlite3_exec(db, sql, cb, arg, err);
	in_exec--;
	return rc;
}

/* --- the file system --- */

int fsync(int fd)
{
	REAL(fsync);
	count(C_FSYNCS, 1);
	return real_fsync(fd);
}

int fdatasync(int fd)
{
	REAL(fdatasync);
	count(C_FDATASYNCS, 1);
	return real_fdatasync(fd);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	REAL(pwrite);
	ssize_t r = real_pwrite(fd, buf, n, off);

	count(C_PWRITES, 1);
	if (r > 0)
		count(C_PWRITE_BYTES, (uint64_t)r);
	return r;
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off64_t off)
{
	REAL(pwrite64);
	ssize_t r = real_pwrite64(fd, buf, n, off);

	count(C_PWRITES, 1);
	if (r > 0)
		count(C_PWRITE_BYTES, (uint64_t)r);
	return r;
}

ssize_t write(int fd, const void *buf, size_t n)
{
	REAL(write);
	ssize_t r = real_write(fd, buf, n);
	struct stat sb;

	/* Sockets and pipes (nng, the log on stderr) are not file writes. */
	if (r > 0 && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode)) {
		count(C_FILE_WRITES, 1);
		count(C_FILE_WRITE_BYTES, (uint64_t)r);
	}
	return r;
}
