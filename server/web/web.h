/* The customer web chat's network side: nng's HTTP server for the page and
 * a WebSocket of newline-separated JSON lines; lines go to the loop, within
 * budgets of memory and of connections. */
#ifndef HL_WEB_H
#define HL_WEB_H

#include <stddef.h>
#include <stdint.h>

typedef struct hl_web hl_web;
typedef struct hl_loop hl_loop;

#define HL_WEB_LINE_MAX (16 * 1024)  /* longest line a visitor may send */

enum { HL_WEB_OPEN = 1, HL_WEB_LINE = 2, HL_WEB_CLOSE = 3, HL_WEB_TOOBIG = 4 };

/* What the loop receives (as HL_ITEM_WEB); hand a LINE to hl_web_item_done
 * once handled, then free with hl_web_item_free. */
typedef struct hl_web_item {
	int kind;
	uint64_t conn;
	char *data;          /* LINE: the line without its newline, NUL-terminated */
	size_t len;
	char peer[64];
} hl_web_item;

/* Caps on connections (the [web] section of the broker's configuration;
 * docs/operations.md §10). */
typedef struct hl_web_limits {
	int max_conns;        /* web connections in all (HTTP and WebSocket) */
	int max_per_addr;     /* web connections from one source address */
	int fd_reserve;       /* descriptors kept free for the agents' port */
	int http_timeout_ms;  /* a connection that is not a WebSocket lives this long */
	int hello_timeout_ms; /* a WebSocket that sent no hello is closed after this */
	int addr_rate_factor; /* multiplies every per-address rate limit (webrate.c):
			       * for visitors who share few addresses (a NAT, a
			       * load test from one machine) */
} hl_web_limits;

/* Fills the defaults. */
void hl_web_limits_default(hl_web_limits *l);

/* Serves `root`/index.html, chat.js and chat.css at `url` (http://host:port)
 * and the WebSocket at /chat; posts items to `loop` with kind `item_kind`.
 * Returns 0 or HL_E_CONNECT with the reason on stderr. */
int hl_web_open(hl_web **out, const char *url, const char *root, const hl_web_limits *lim,
		hl_loop *loop, int item_kind);

/* Queues one line (a newline is added) to connection `conn`; any thread.
 * Returns 0, or HL_E_CLOSED if the connection is gone (or was closed for
 * reading nothing while its queue grew past its budget). */
int hl_web_send(hl_web *w, uint64_t conn, const char *line, size_t len);

/* Closes a connection after what is queued to it. */
void hl_web_close_conn(hl_web *w, uint64_t conn);

/* The connection said hello: it is no longer closed by the hello timeout. */
void hl_web_conn_greeted(hl_web *w, uint64_t conn);

/* The loop is done with `it`: its line no longer counts against the
 * connection's and the total budget, and a paused reader may go on. */
void hl_web_item_done(hl_web *w, const hl_web_item *it);

/* Frees connections that are gone; call from the loop now and then (not
 * from a callback). */
void hl_web_reap(hl_web *w);

/* Stops serving and frees everything. */
void hl_web_close(hl_web *w);

void hl_web_item_free(hl_web_item *it);

#endif
