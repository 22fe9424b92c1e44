/* hotline-ctl's interface language (gettext), for what it renders. */
#ifndef HL_CTL_LANG_H
#define HL_CTL_LANG_H

/* Takes the locale's language for messages (LANG, LC_ALL, LANGUAGE) and
 * binds the catalogue; once per process, later calls do nothing. */
void hl_ctl_lang_init(void);

/* The msgid in the locale's language (itself when untranslated). */
const char *hl_ctl_tr(const char *msgid) __attribute__((format_arg(1)));

#endif
