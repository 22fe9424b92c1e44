/* The end of a contact's time with an agent: conversation end, transfer
 * to a queue or an agent, abandon, and the grace requeue. */
#ifndef HL_ROUTE_HANDLE_H
#define HL_ROUTE_HANDLE_H

#include <stdint.h>

#include "route_int.h"

/* Timer handler: the contact's agent stayed away past the grace period. */
void route_contact_on_grace(hl_route *r, uint32_t ci, int64_t at, hl_route_out *out);

#endif
