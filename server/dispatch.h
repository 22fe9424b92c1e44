/* Turning one decrypted request into a handler call: parse, check login and
 * role against the request table, answer. */
#ifndef HL_DISPATCH_H
#define HL_DISPATCH_H

#include "broker.h"

/* Handles `req` on the loop; consumes it (replies now or later). */
void hl_dispatch(hl_broker *b, hl_net_req *req);

#endif
