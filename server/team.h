/* Teams (班组): the requests that add and list them. */
#ifndef HL_TEAM_H
#define HL_TEAM_H

#include "broker.h"

/* Collects every team as wire Teams in `a`. */
void hl_team_collect(hl_broker *b, hl_arena *a, Hotline__Team ***out, size_t *n);

int hl_team_add(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);
int hl_team_list(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);

/* The module (module.h): the team requests. */
extern const hl_module hl_mod_team;

#endif
