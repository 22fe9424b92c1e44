/* The broker's log lines: time, level, then the text, written with one
 * write(2) so lines from the loop, nng's and the hashing threads never mix. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *const level_names[] = {
	[HL_LOG_INFO] = "INFO ",
	[HL_LOG_WARN] = "WARN ",
	[HL_LOG_ERROR] = "ERROR",
	[HL_LOG_FATAL] = "FATAL",
};

void hl_log(hl_log_level level, const char *fmt, ...)
{
	char line[2048], zone[8];
	struct timespec ts;
	struct tm tm;
	size_t n;
	va_list ap;

	/* The log reads the clock itself: it is presentation, not a domain
	 * decision, and must say when a line was written. */
	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	n = strftime(line, sizeof line, "%Y-%m-%dT%H:%M:%S", &tm);
	strftime(zone, sizeof zone, "%z", &tm);
	n += (size_t)snprintf(line + n, sizeof line - n, ".%03ld%s %s hotline-broker: ",
			      ts.tv_nsec / 1000000, zone,
			      level_names[level <= HL_LOG_FATAL ? level : HL_LOG_ERROR]);
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof line - n, fmt, ap);
	va_end(ap);
	n = strlen(line);
	if (n > sizeof line - 2)
		n = sizeof line - 2;  /* a cut line still ends with its newline */
	line[n++] = '\n';
	/* One write: a partial one on a full pipe is not retried, the log
	 * must never block the loop for long. */
	if (write(STDERR_FILENO, line, n) < 0)
		return;
}
