/* The customer web chat's network side: nng's HTTP server for the page and
 * a WebSocket of newline-separated JSON lines; lines go to the loop. */
#ifndef HL_WEB_H
#define HL_WEB_H

#include <stddef.h>
#include <stdint.h>

typedef struct hl_web hl_web;
typedef struct hl_loop hl_loop;

#define HL_WEB_LINE_MAX (16 * 1024)  /* longest line a visitor may send */

enum { HL_WEB_OPEN = 1, HL_WEB_LINE = 2, HL_WEB_CLOSE = 3, HL_WEB_TOOBIG = 4 };

/* What the loop receives (as HL_ITEM_WEB); free with hl_web_item_free. */
typedef struct hl_web_item {
	int kind;
	uint64_t conn;
	char *data;          /* LINE: the line without its newline, NUL-terminated */
	size_t len;
	char peer[48];
} hl_web_item;

/* Serves `root`/index.html, chat.js and chat.css at `url` (http://host:port)
 * and the WebSocket at /chat; posts items to `loop` with kind `item_kind`.
 * Returns 0 or HL_E_CONNECT with the reason on stderr. */
int hl_web_open(hl_web **out, const char *url, const char *root, hl_loop *loop, int item_kind);

/* Queues one line (a newline is added) to connection `conn`; any thread.
 * Returns 0, or HL_E_CLOSED if the connection is gone. */
int hl_web_send(hl_web *w, uint64_t conn, const char *line, size_t len);

/* Closes a connection after what is queued to it. */
void hl_web_close_conn(hl_web *w, uint64_t conn);

/* Frees connections that are gone; call from the loop now and then (not
 * from a callback). */
void hl_web_reap(hl_web *w);

/* Stops serving and frees everything. */
void hl_web_close(hl_web *w);

void hl_web_item_free(hl_web_item *it);

#endif
