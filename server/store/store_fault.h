/* A seam for tests that need writes to fail: the broker's build never fails
 * one; a test-only broker links its own version (tests/faults/). */
#ifndef HL_STORE_FAULT_H
#define HL_STORE_FAULT_H

/* 1 when the next write statement must fail as a broken disk would, else 0.
 * Called before every write the store runs. */
int hl_store_fault_write(void);

#endif
