/* Supervising a live conversation: listen in, whisper, barge in, take
 * over — requests for team leads (their own team) and supervisors. */
#ifndef HL_CHAT_SUPERVISE_H
#define HL_CHAT_SUPERVISE_H

#include "module.h"

/* The module (module.h): chat listen, whisper, barge and takeover. */
extern const hl_module hl_mod_supervise;

#endif
