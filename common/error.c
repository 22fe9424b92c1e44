/* Text for the HL_E_* codes, kept as a table indexed by the code. */
#include "error.h"

static const char *const messages[] = {
	[0] = "success",
	[-HL_E_INTERNAL] = "internal error",
	[-HL_E_NOMEM] = "out of memory",
	[-HL_E_MALFORMED] = "malformed input",
	[-HL_E_CRYPTO] = "message authentication failed",
	[-HL_E_REPLAY] = "replayed or out-of-window frame",
	[-HL_E_TOOBIG] = "input too large",
	[-HL_E_VERSION] = "protocol version mismatch",
	[-HL_E_CONNECT] = "cannot connect to the broker",
	[-HL_E_PIN] = "the broker's key does not match the pinned fingerprint",
	[-HL_E_AUTH] = "login refused",
	[-HL_E_PERM] = "permission denied",
	[-HL_E_NOTFOUND] = "not found",
	[-HL_E_EXISTS] = "already exists",
	[-HL_E_SESSION] = "session unknown to the broker",
	[-HL_E_TIMEOUT] = "timed out",
	[-HL_E_INVALID] = "invalid argument",
	[-HL_E_IO] = "input/output error",
	[-HL_E_THROTTLED] = "too many failed attempts; try again later",
	[-HL_E_STATE] = "not possible in the current state",
	[-HL_E_CLOSED] = "closed",
	[-HL_E_DISABLED] = "the account is disabled",
};

const char *hl_strerror(int err)
{
	int i = -err;
	if (i < 0 || i >= (int)(sizeof messages / sizeof messages[0]) || !messages[i])
		return "unknown error";
	return messages[i];
}
