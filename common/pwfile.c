/* Reads a password from a file, so it never appears in argv or the shell's
 * history. */
#include "pwfile.h"

#include <stdio.h>
#include <string.h>

#include "error.h"

int hl_pwfile_read(const char *path, char *buf, size_t cap)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return HL_E_IO;
	if (!fgets(buf, (int)cap, f)) {
		fclose(f);
		buf[0] = 0;
		return HL_E_INVALID;
	}
	fclose(f);
	n = strlen(buf);
	if (n == cap - 1 && buf[n - 1] != '\n')
		return HL_E_TOOBIG;
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = 0;
	return n ? 0 : HL_E_INVALID;
}
