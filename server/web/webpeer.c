/* A web visitor's address: read from nng's stream as "ADDR:PORT" or
 * "[ADDR6]:PORT" (as webwarden.c names sockets), and without its port for
 * the caps and rate limits per source address. */
#include "webpeer.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

void hl_webpeer_addr(const char *peer, char *out, size_t cap)
{
	const char *colon = strrchr(peer, ':');
	size_t n = colon ? (size_t)(colon - peer) : strlen(peer);

	if (n >= 2 && peer[0] == '[' && peer[n - 1] == ']') {
		peer++;
		n -= 2;
	}
	if (n >= cap)
		n = cap - 1;
	memcpy(out, peer, n);
	out[n] = 0;
}

void hl_webpeer_of(nng_stream *s, char *out, size_t cap)
{
	nng_sockaddr sa;
	char a[INET6_ADDRSTRLEN];

	snprintf(out, cap, "web");
	if (nng_stream_get_addr(s, NNG_OPT_REMADDR, &sa) != 0)
		return;
	if (sa.s_family == NNG_AF_INET) {
		inet_ntop(AF_INET, &sa.s_in.sa_addr, a, sizeof a);
		snprintf(out, cap, "%s:%u", a, ntohs(sa.s_in.sa_port));
	} else if (sa.s_family == NNG_AF_INET6) {
		inet_ntop(AF_INET6, sa.s_in6.sa_addr, a, sizeof a);
		snprintf(out, cap, "[%s]:%u", a, ntohs(sa.s_in6.sa_port));
	}
}
