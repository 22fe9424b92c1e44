/* The broker's network side: the REP socket, its contexts, handshakes and
 * sealing; hands decrypted requests to the domain loop. */
#ifndef HL_NET_H
#define HL_NET_H

#include <stddef.h>
#include <stdint.h>

typedef struct hl_net hl_net;

/* A decrypted request waiting for its reply. The loop owns it from delivery
 * until it passes it to hl_net_reply (exactly once). */
typedef struct hl_net_req {
	struct hl_net_req *next;  /* free for the loop's lists */
	uint64_t sid;             /* the Noise session it came on */
	uint8_t *data;            /* plaintext, owned by the request */
	size_t len;
	char peer[48];            /* "127.0.0.1" or "local" */
} hl_net_req;

/* Called on an nng thread for each decrypted request. */
typedef void (*hl_net_deliver_fn)(void *arg, hl_net_req *r);

/* Opens the REP socket with static private key `s_priv`. Requests go to
 * `fn(arg, r)`. Returns 0 or a negative code. */
int hl_net_open(hl_net **out, const uint8_t s_priv[32], hl_net_deliver_fn fn, void *arg);

/* Listens on `url` (tcp:// or ipc://). Returns 0, or HL_E_CONNECT with the
 * reason written to stderr. */
int hl_net_listen(hl_net *n, const char *url);

/* Seals `len` bytes of reply plaintext for `r`, sends it and frees `r`. If
 * the session is gone, only frees. May be called from any thread. */
void hl_net_reply(hl_net *n, hl_net_req *r, const uint8_t *pt, size_t len);

/* Forgets a Noise session (its frames are then answered "session unknown"). */
void hl_net_forget(hl_net *n, uint64_t sid);

/* Drops Noise sessions idle since before `before_ms` (a wall-clock time). */
void hl_net_sweep(hl_net *n, int64_t before_ms);

/* Counts for the log: live sessions, workers. */
void hl_net_counts(hl_net *n, int *sessions, int *workers);

/* Closes the socket and frees everything; pending requests are dropped. */
void hl_net_close(hl_net *n);

#endif
