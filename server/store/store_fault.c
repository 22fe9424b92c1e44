/* The production side of the store's fault seam: writes never fail on
 * purpose. Kept alone in its file so a test binary can link its own. */
#include "store_fault.h"

int hl_store_fault_write(void)
{
	return 0;
}
