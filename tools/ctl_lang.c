/* hotline-ctl in the locale's language where it renders for people: the
 * system lines of transcripts, through the gettext catalogue ("hotline"). */
#include "ctl_lang.h"

#include <libintl.h>
#include <locale.h>

#include "localedir.h"

#define TEXTDOMAIN "hotline"

void hl_ctl_lang_init(void)
{
	static int done;

	if (done++)
		return;
	/* Messages and the character set only: numbers in --json and tables
	 * keep the C locale's decimal point. */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	bindtextdomain(TEXTDOMAIN, hl_localedir());
	bind_textdomain_codeset(TEXTDOMAIN, "UTF-8");
}

const char *hl_ctl_tr(const char *msgid)
{
	return dgettext(TEXTDOMAIN, msgid);
}
