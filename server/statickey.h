/* The broker's static key pair in the state directory. */
#ifndef HL_STATICKEY_H
#define HL_STATICKEY_H

#include <stdint.h>

/* Creates DIR/broker.key (mode 0600) with a fresh X25519 key pair. Refuses
 * to overwrite one (HL_E_EXISTS). Returns 0 or a negative code, with the
 * reason on stderr. */
int hl_statickey_create(const char *dir, uint8_t pub[32]);

/* Loads DIR/broker.key. Returns 0, HL_E_IO (missing or unreadable) or
 * HL_E_MALFORMED, with the reason on stderr. */
int hl_statickey_load(const char *dir, uint8_t priv[32], uint8_t pub[32]);

#endif
