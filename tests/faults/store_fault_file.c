/* The store's fault seam for the test-only broker (hotline-broker-faults):
 * while the file named by HL_TEST_FAIL_WRITES_FILE exists, every write the
 * store runs fails. Linked in place of server/store/store_fault.c, so the
 * installed broker has no way to fail a write on purpose. */
#include <stdlib.h>
#include <unistd.h>

#include "store_fault.h"

int hl_store_fault_write(void)
{
	const char *path = getenv("HL_TEST_FAIL_WRITES_FILE");

	return path && path[0] && access(path, F_OK) == 0;
}
