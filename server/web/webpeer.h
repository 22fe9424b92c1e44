/* A web visitor's address, with and without its port. */
#ifndef HL_WEBPEER_H
#define HL_WEBPEER_H

#include <stddef.h>

#include <nng/nng.h>

/* Writes stream `s`'s peer as "ADDR:PORT" or "[ADDR6]:PORT" into out, or
 * "web" when nng cannot say. */
void hl_webpeer_of(nng_stream *s, char *out, size_t cap);

/* The source address of a peer "ADDR:PORT" or "[ADDR6]:PORT", without the
 * port, into out (cut to cap). Pure. */
void hl_webpeer_addr(const char *peer, char *out, size_t cap);

#endif
