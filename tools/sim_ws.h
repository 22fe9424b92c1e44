/* A small line-oriented WebSocket client on nng streams, for hotline-sim's
 * customers: connect, send one line, receive lines through a callback, and
 * reconnect with backoff when the connection drops. */
#ifndef HL_SIM_WS_H
#define HL_SIM_WS_H

#include <stddef.h>

typedef struct hl_sim_ws hl_sim_ws;

/* What the callback is told. */
enum {
	HL_SIM_WS_UP = 1,    /* connected (again): the peer knows nothing of us yet */
	HL_SIM_WS_LINE = 2,  /* one line, without its "\n", NUL-terminated */
	HL_SIM_WS_DOWN = 3,  /* the connection is gone; a new one is being dialled */
	HL_SIM_WS_TOOLONG = 4, /* a line over the limit was dropped */
};

/* Called on one of nng's threads, never two at once for one connection and
 * never after hl_sim_ws_close returns. `line` is valid only during the call
 * (NULL but for HL_SIM_WS_LINE). It must not call hl_sim_ws_close. */
typedef void (*hl_sim_ws_fn)(void *arg, int what, const char *line, size_t len);

typedef struct hl_sim_ws_opts {
	const char *url;        /* ws://host:port/path */
	hl_sim_ws_fn fn;
	void *arg;
	size_t max_line;        /* longest line accepted; 0: 64 KiB */
	int backoff_min_ms;     /* first redial delay; 0: 100 */
	int backoff_max_ms;     /* cap of the doubling; 0: 3000 */
	unsigned seed;          /* jitter of the redial delays */
} hl_sim_ws_opts;

/* Allocates a connection and starts dialling; the callback reports
 * HL_SIM_WS_UP once connected, and it keeps redialling until closed.
 * Returns 0 with *out, HL_E_INVALID (bad URL) or HL_E_NOMEM. */
int hl_sim_ws_open(hl_sim_ws **out, const hl_sim_ws_opts *o);

/* Queues `len` bytes and a "\n" as one text message. Returns 0, or
 * HL_E_CLOSED when not connected (nothing is queued: the caller sends it
 * again after the next HL_SIM_WS_UP), or HL_E_NOMEM. A line accepted here
 * can still be lost if the connection drops before it leaves. */
int hl_sim_ws_send(hl_sim_ws *w, const char *line, size_t len);

/* Closes the connection, waits for callbacks in progress to finish, and
 * frees everything. NULL is ignored. Not from the callback. */
void hl_sim_ws_close(hl_sim_ws *w);

#endif
