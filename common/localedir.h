/* Where the gettext catalogues are, for the clients that speak Chinese. */
#ifndef HL_LOCALEDIR_H
#define HL_LOCALEDIR_H

/* The catalogue directory: $HOTLINE_LOCALEDIR when set; the build tree's
 * when the running binary lives in the build tree (so a fresh build speaks
 * Chinese without installing); else the installed one. Static storage or
 * the environment's. */
const char *hl_localedir(void);

#endif
