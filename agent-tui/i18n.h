/* Interface strings through gettext (text domain "hotline"): _() marks and
 * translates a string, N_() only marks one for a table translated later. */
#ifndef HL_AGENT_I18N_H
#define HL_AGENT_I18N_H

#include <libintl.h>

#define HL_TEXTDOMAIN "hotline"

#define _(s) dgettext(HL_TEXTDOMAIN, s)
#define N_(s) (s)

#endif
