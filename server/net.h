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

/* How many Noise sessions the broker keeps, and how it keeps sessions that
 * never logged in (pre-login) cheap: a handshake costs the sender one
 * replayable frame, so what it creates must not outlive a short wait or
 * crowd out anyone who logged in. */
typedef struct hl_net_limits {
	int sessions_max;       /* all sessions; pre-login ones give way first */
	int prelogin_per_peer;  /* pre-login sessions per address (IPv6: per /64);
				 * the oldest of the address gives way */
	int prelogin_ttl_ms;    /* a pre-login session lives this long at most */
} hl_net_limits;

/* The defaults: 100,000 sessions, 128 pre-login per address, 30 s. */
void hl_net_limits_default(hl_net_limits *l);

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

/* Sets the limits (before listening). */
void hl_net_set_limits(hl_net *n, const hl_net_limits *l);

/* Tells the network that session `sid` logged in or resumed: it is no
 * longer pre-login, so it keeps the normal idle time and is never evicted
 * to make room. Unknown sids are ignored. Any thread. */
void hl_net_mark_authed(hl_net *n, uint64_t sid);

/* Forgets a Noise session (its frames are then answered "session unknown"). */
void hl_net_forget(hl_net *n, uint64_t sid);

/* Drops Noise sessions idle since before `before_ms` (a wall-clock time),
 * and pre-login sessions older than the pre-login lifetime; logs how many
 * pre-login sessions expired or were evicted since the last sweep. */
void hl_net_sweep(hl_net *n, int64_t before_ms);

/* Counts for the log: live sessions, workers. */
void hl_net_counts(hl_net *n, int *sessions, int *workers);

/* Closes the socket and frees everything; pending requests are dropped. */
void hl_net_close(hl_net *n);

/* Waits until every reply handed to hl_net_reply has been sent, or
 * `max_ms` has passed (before a close that must not lose them). */
void hl_net_drain(hl_net *n, int max_ms);

#endif
