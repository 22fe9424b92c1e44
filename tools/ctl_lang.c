/* hotline-ctl in the locale's language where it renders for people: the
 * system lines of transcripts, through the gettext catalogue ("hotline"). */
#include "ctl_lang.h"

#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TEXTDOMAIN "hotline"

void hl_ctl_lang_init(void)
{
	static int done;
	const char *dir = getenv("HOTLINE_LOCALEDIR");
	char exe[PATH_MAX];
	ssize_t n;

	if (done++)
		return;
	/* Messages and the character set only: numbers in --json and tables
	 * keep the C locale's decimal point. */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	if (!dir || !dir[0]) {
		dir = HL_LOCALEDIR;
		/* Run from the build tree, it reads the catalogues built there. */
		n = readlink("/proc/self/exe", exe, sizeof exe - 1);
		if (n > 0) {
			exe[n] = 0;
			if (strncmp(exe, HL_BUILD_DIR "/", strlen(HL_BUILD_DIR) + 1) == 0)
				dir = HL_BUILD_LOCALEDIR;
		}
	}
	bindtextdomain(TEXTDOMAIN, dir);
	bind_textdomain_codeset(TEXTDOMAIN, "UTF-8");
}

const char *hl_ctl_tr(const char *msgid)
{
	return dgettext(TEXTDOMAIN, msgid);
}
