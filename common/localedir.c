/* The catalogue directory of hotline-agent and hotline-ctl, found one way. */
#include "localedir.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *hl_localedir(void)
{
	const char *dir = getenv("HOTLINE_LOCALEDIR");
	char exe[PATH_MAX];
	ssize_t n;

	if (dir && dir[0])
		return dir;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = 0;
		if (strncmp(exe, HL_BUILD_DIR "/", strlen(HL_BUILD_DIR) + 1) == 0)
			return HL_BUILD_LOCALEDIR;
	}
	return HL_LOCALEDIR;
}
