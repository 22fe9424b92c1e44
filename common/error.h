/* Error codes shared by every Hotline module, and their human-readable text. */
#ifndef HL_ERROR_H
#define HL_ERROR_H

/* Functions return 0 on success or one of these negative codes. The numbers
 * are stored and sent, so they are append-only. */
enum {
	HL_OK = 0,
	HL_E_INTERNAL = -1,   /* a bug or an unexpected library failure */
	HL_E_NOMEM = -2,      /* out of memory */
	HL_E_MALFORMED = -3,  /* bytes from outside do not parse */
	HL_E_CRYPTO = -4,     /* authentication of a message failed */
	HL_E_REPLAY = -5,     /* a frame was seen before or is too old */
	HL_E_TOOBIG = -6,     /* input exceeds a documented limit */
	HL_E_VERSION = -7,    /* protocol versions differ */
	HL_E_CONNECT = -8,    /* cannot reach the peer */
	HL_E_PIN = -9,        /* the broker's key does not match the pin */
	HL_E_AUTH = -10,      /* login refused */
	HL_E_PERM = -11,      /* the role may not do this */
	HL_E_NOTFOUND = -12,  /* no such object */
	HL_E_EXISTS = -13,    /* the object exists already */
	HL_E_SESSION = -14,   /* the broker does not know this session */
	HL_E_TIMEOUT = -15,   /* no answer in time */
	HL_E_INVALID = -16,   /* a request's arguments are not acceptable */
	HL_E_IO = -17,        /* a file or database operation failed */
	HL_E_THROTTLED = -18, /* too many failures: try again later */
	HL_E_STATE = -19,     /* the request does not fit the current state */
	HL_E_CLOSED = -20,    /* the connection or object is closed */
	HL_E_DISABLED = -21,  /* the account is disabled */
};

/* Returns a static English sentence describing code `err`; never NULL. */
const char *hl_strerror(int err);

#endif
