/* The broker's log: one line per event on stderr, each with its time and
 * level, so a floor's operator can line it up with what people saw. */
#ifndef HL_LOG_H
#define HL_LOG_H

typedef enum hl_log_level {
	HL_LOG_INFO,   /* what happened in the normal course: start, logins, resumes */
	HL_LOG_WARN,   /* worth a look: refusals, throttling, an agent gone */
	HL_LOG_ERROR,  /* something failed and a person should act */
	HL_LOG_FATAL,  /* the broker stops */
} hl_log_level;

/* Writes "2026-12-04T16:50:01.123+0800 WARN  hotline-broker: " and the
 * formatted text, and a newline, as one write to stderr. Any thread. */
void hl_log(hl_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
