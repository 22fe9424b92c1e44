/* The state directory's lock: two brokers writing one database would each
 * believe it owns every fact, so the second one is refused at start. */
#include "statelock.h"

#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "error.h"

int hl_statelock_take(const char *dir)
{
	char path[4096], buf[32];
	ssize_t n;
	int fd;

	snprintf(path, sizeof path, "%s/broker.lock", dir);
	/* O_CLOEXEC: a child of the broker must not inherit the lock. */
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0) {
		hl_log(HL_LOG_ERROR, "cannot open %s: %s%s", path, strerror(errno),
			errno == ENOENT ? "; run 'hotline-broker init' first" : "");
		return HL_E_IO;
	}
	/* flock, not fcntl locks: they belong to the open file, not the
	 * process, and are released by the kernel however the broker ends. */
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		int err = errno;
		n = pread(fd, buf, sizeof buf - 1, 0);
		buf[n > 0 ? n : 0] = 0;
		close(fd);
		if (err == EWOULDBLOCK) {
			hl_log(HL_LOG_ERROR, "another hotline-broker (PID %ld) is running "
				"on %s; stop it first, or give this one another --state\n",
				strtol(buf, NULL, 10), dir);
			return HL_E_EXISTS;
		}
		hl_log(HL_LOG_ERROR, "cannot lock %s: %s", path, strerror(err));
		return HL_E_IO;
	}
	n = snprintf(buf, sizeof buf, "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) != 0 || pwrite(fd, buf, (size_t)n, 0) != n)
		hl_log(HL_LOG_WARN, "cannot write the PID into %s", path);
	return fd;
}
