/* One broker per state directory: an exclusive lock on DIR/broker.lock. */
#ifndef HL_STATELOCK_H
#define HL_STATELOCK_H

/* Takes the lock on DIR/broker.lock (creating it, mode 0600) and writes this
 * process's PID into it. Returns the open descriptor, which holds the lock
 * until it is closed or the process ends; or HL_E_EXISTS when another
 * process holds it (naming its PID on stderr), or HL_E_IO. */
int hl_statelock_take(const char *dir);

#endif
