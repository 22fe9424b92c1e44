/* Configured codes: the Not Ready reasons and wrap-up codes an agent may
 * choose (admins add and remove them), and the check that refuses any
 * other code. */
#ifndef HL_CODE_H
#define HL_CODE_H

#include <stddef.h>

#include "broker.h"

#define HL_CODE_NOT_READY "not_ready"
#define HL_CODE_WRAP_UP "wrap_up"

int hl_code_add(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);
int hl_code_list(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);
int hl_code_remove(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);

/* Returns 0 when `id` is a configured code of `kind`; else HL_E_INVALID
 * with `err` naming the configured ones and how to add one (or HL_E_IO). */
int hl_code_check(hl_broker *b, const char *kind, const char *id, char *err, size_t cap);

/* Every configured code as protobuf messages in `a` (for a snapshot). */
void hl_code_collect(hl_broker *b, hl_arena *a, Hotline__ReasonCode ***out, size_t *n);

/* The module (module.h): the code requests and the snapshot's codes. */
extern const hl_module hl_mod_code;

#endif
