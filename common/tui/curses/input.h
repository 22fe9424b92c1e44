/* Reading the keyboard and mouse under ncursesw into hl_tui_event: keys
 * with Alt as ESC-prefix, modified arrows, bracketed paste and clicks. */
#ifndef HL_TUI_INPUT_H
#define HL_TUI_INPUT_H

#include "../keys.h"

/* Prepares input (hl_tui_screen_init calls it): key definitions for
 * the sequences terminfo lacks, mouse reporting with
 * HL_TUI_SCREEN_MOUSE, bracketed paste with HL_TUI_SCREEN_PASTE. */
void hl_tui_input_setup(unsigned flags);

/* Turns paste and mouse reporting off again (hl_tui_screen_end). */
void hl_tui_input_teardown(void);

/* Waits up to timeout_ms (negative: until something happens) for the
 * next event and fills *ev. Returns 0, or HL_E_IO when the terminal is
 * gone. A paste's text stays valid until the next call. */
int hl_tui_input_read(hl_tui_event *ev, int timeout_ms);

#endif
