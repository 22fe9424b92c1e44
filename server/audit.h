/* The audit log's request: list entries and verify the chain. */
#ifndef HL_AUDIT_H
#define HL_AUDIT_H

#include "broker.h"

int hl_audit_list(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);

/* The module (module.h): the audit list request. */
extern const hl_module hl_mod_audit;

#endif
