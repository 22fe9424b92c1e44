/* The web port's descriptors, watched from outside nng: nng's HTTP server
 * accepts connections and holds them until a request is complete, with no
 * timeout and no hook to refuse one. The warden finds those sockets among
 * the process's descriptors and shuts down the ones over a cap or a
 * timeout; nng then sees them end and closes them itself. */
#ifndef HL_WEBWARDEN_H
#define HL_WEBWARDEN_H

#include <stdint.h>

#include "web.h"

typedef struct hl_webwarden hl_webwarden;

/* Watches connections to local TCP port `port`. Returns 0, or HL_E_IO
 * when /proc/self/fd cannot be read (the warden then does nothing). */
int hl_webwarden_new(hl_webwarden **out, int port);
void hl_webwarden_free(hl_webwarden *ww);

/* Looks at every socket of the web port once, at `now` (monotonic ms), and
 * shuts down: those that are not WebSockets (is_ws(arg, "ADDR:PORT") == 0)
 * and older than lim->http_timeout_ms; the newest over lim->max_per_addr
 * from one address; the newest over lim->max_conns; and the newest while
 * fewer than lim->fd_reserve descriptors are free under RLIMIT_NOFILE. */
void hl_webwarden_sweep(hl_webwarden *ww, const hl_web_limits *lim, int64_t now,
			int (*is_ws)(void *arg, const char *peer), void *arg);

#endif
