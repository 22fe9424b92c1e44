/* Queues (skill groups): add, change and list them. */
#ifndef HL_QUEUE_H
#define HL_QUEUE_H

#include "broker.h"

int hl_queue_add(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);
int hl_queue_set(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);
int hl_queue_list(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);

/* The module (module.h): the queue requests. */
extern const hl_module hl_mod_queue;

#endif
