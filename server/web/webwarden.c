/* Caps and timeouts for the web port's sockets that nng's HTTP server
 * holds: found in /proc/self/fd, shut down (never closed: nng owns the
 * descriptor and closes it when it sees the end). */
#define _GNU_SOURCE
#include "webwarden.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"

struct seen {
	ino_t ino;
	int64_t first;   /* when the warden first saw it */
};

struct sock {
	int fd;
	ino_t ino;
	int64_t first;
	char peer[64];   /* ADDR:PORT, as web.c names WebSockets */
	char addr[48];
	int kill;
};

struct hl_webwarden {
	int port;
	DIR *dir;        /* /proc/self/fd, kept open: no descriptor is needed to look */
	int spare;       /* a slot to check a socket through, kept open */
	int null;        /* what the slot holds between checks */
	struct seen *seen;
	size_t nseen;
};

int hl_webwarden_new(hl_webwarden **out, int port)
{
	hl_webwarden *ww = calloc(1, sizeof *ww);

	if (!ww)
		return HL_E_NOMEM;
	ww->port = port;
	ww->spare = ww->null = -1;
	if (!(ww->dir = opendir("/proc/self/fd")) ||
	    (ww->null = open("/dev/null", O_RDONLY | O_CLOEXEC)) < 0 ||
	    (ww->spare = fcntl(ww->null, F_DUPFD_CLOEXEC, 0)) < 0) {
		hl_webwarden_free(ww);
		*out = NULL;
		return HL_E_IO;
	}
	*out = ww;
	return 0;
}

void hl_webwarden_free(hl_webwarden *ww)
{
	if (!ww)
		return;
	if (ww->dir)
		closedir(ww->dir);
	if (ww->spare >= 0)
		close(ww->spare);
	if (ww->null >= 0)
		close(ww->null);
	free(ww->seen);
	free(ww);
}

/* "ADDR:PORT" / "[ADDR6]:PORT" and "ADDR" of a peer. */
static int name_of(const struct sockaddr_storage *ss, char *peer, size_t pcap, char *addr,
		   size_t acap)
{
	char a[INET6_ADDRSTRLEN];

	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)ss;
		inet_ntop(AF_INET, &in->sin_addr, a, sizeof a);
		snprintf(peer, pcap, "%s:%u", a, ntohs(in->sin_port));
	} else if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)ss;
		inet_ntop(AF_INET6, &in6->sin6_addr, a, sizeof a);
		snprintf(peer, pcap, "[%s]:%u", a, ntohs(in6->sin6_port));
	} else {
		return -1;
	}
	snprintf(addr, acap, "%s", a);
	return 0;
}

static int local_port(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return ntohs(((const struct sockaddr_in *)(const void *)ss)->sin_port);
	if (ss->ss_family == AF_INET6)
		return ntohs(((const struct sockaddr_in6 *)(const void *)ss)->sin6_port);
	return -1;
}

/* A connection to the web port on descriptor `fd`: fills *s, returns 0. */
static int web_socket(hl_webwarden *ww, int fd, struct sock *s)
{
	struct sockaddr_storage me, peer;
	socklen_t ml = sizeof me, pl = sizeof peer;
	struct stat st;

	if (fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode))
		return -1;
	if (getsockname(fd, (struct sockaddr *)&me, &ml) != 0 || local_port(&me) != ww->port)
		return -1;
	/* The listening socket has no peer. */
	if (getpeername(fd, (struct sockaddr *)&peer, &pl) != 0)
		return -1;
	s->fd = fd;
	s->ino = st.st_ino;
	s->kill = 0;
	return name_of(&peer, s->peer, sizeof s->peer, s->addr, sizeof s->addr);
}

/* Shuts down the socket on `fd` if it is still the one with inode `ino`.
 * The check and the shutdown go through the warden's own slot, so a
 * descriptor closed and reused meanwhile is never touched. */
static void shut(hl_webwarden *ww, int fd, ino_t ino)
{
	struct stat st;

	if (dup2(fd, ww->spare) < 0)
		return;
	if (fstat(ww->spare, &st) == 0 && st.st_ino == ino && S_ISSOCK(st.st_mode))
		shutdown(ww->spare, SHUT_RDWR);
	dup2(ww->null, ww->spare);
}

static int by_ino(const void *a, const void *b)
{
	ino_t x = ((const struct seen *)a)->ino, y = ((const struct seen *)b)->ino;
	return x < y ? -1 : x > y;
}

/* Oldest first; ties by descriptor (lower came first). */
static int by_age(const void *a, const void *b)
{
	const struct sock *x = a, *y = b;
	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return x->fd - y->fd;
}

static int by_addr(const void *a, const void *b)
{
	const struct sock *x = a, *y = b;
	int c = strcmp(x->addr, y->addr);
	return c ? c : by_age(a, b);
}

void hl_webwarden_sweep(hl_webwarden *ww, const hl_web_limits *lim, int64_t now,
			int (*is_ws)(void *arg, const char *peer), void *arg)
{
	struct sock *socks = NULL;
	struct seen *seen;
	size_t n = 0, cap = 0, alive, nfds = 0;
	struct dirent *e;
	struct rlimit rl;

	if (!ww)
		return;
	rewinddir(ww->dir);
	while ((e = readdir(ww->dir))) {
		struct sock s;
		if (e->d_name[0] == '.')
			continue;
		nfds++;
		if (web_socket(ww, atoi(e->d_name), &s) < 0)
			continue;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 256;
			void *p = realloc(socks, nc * sizeof *socks);
			if (!p)
				break;
			socks = p;
			cap = nc;
		}
		socks[n++] = s;
	}
	/* When each was first seen, carried from the last sweep. */
	if (!(seen = calloc(n + 1, sizeof *seen))) {
		free(socks);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		struct seen key = {.ino = socks[i].ino}, *old = NULL;
		if (ww->nseen)
			old = bsearch(&key, ww->seen, ww->nseen, sizeof *ww->seen, by_ino);
		socks[i].first = old ? old->first : now;
		seen[i].ino = socks[i].ino;
		seen[i].first = socks[i].first;
	}
	if (n)
		qsort(seen, n, sizeof *seen, by_ino);
	free(ww->seen);
	ww->seen = seen;
	ww->nseen = n;

	/* Not a WebSocket after the HTTP timeout: headers never finished, a
	 * handshake that stalls, a slow request, an idle keep-alive. */
	for (size_t i = 0; i < n; i++)
		if (now - socks[i].first > lim->http_timeout_ms && !is_ws(arg, socks[i].peer))
			socks[i].kill = 1;
	/* Per address: the newest over the cap. */
	if (n)
		qsort(socks, n, sizeof *socks, by_addr);
	for (size_t i = 0, run = 0; i < n; i++) {
		run = i && strcmp(socks[i].addr, socks[i - 1].addr) == 0 ? run + 1 : 1;
		if ((int)run > lim->max_per_addr)
			socks[i].kill = 1;
	}
	/* In all, and within the descriptors the agents' port needs: the
	 * newest go first, so visitors already talking stay. */
	if (n)
		qsort(socks, n, sizeof *socks, by_age);
	alive = 0;
	for (size_t i = 0; i < n; i++)
		if (!socks[i].kill && (int)++alive > lim->max_conns)
			socks[i].kill = 1;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
		long over = (long)nfds - ((long)rl.rlim_cur - lim->fd_reserve);
		for (size_t i = 0; i < n; i++)
			over -= socks[i].kill;  /* those go already */
		for (size_t i = n; i-- > 0 && over > 0;) {
			if (!socks[i].kill) {
				socks[i].kill = 1;
				over--;
			}
		}
	}
	for (size_t i = 0; i < n; i++)
		if (socks[i].kill)
			shut(ww, socks[i].fd, socks[i].ino);
	free(socks);
}
