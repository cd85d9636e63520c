// The parts of ncursesw that Swift cannot import on its own: macros become inline functions, and the
// wide-character API is switched on before the header is read (SwiftPM drops pkg-config's -D flags).
#ifndef HANDOFF_CNCURSES_SHIM_H
#define HANDOFF_CNCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline attr_t handoff_a_normal(void) { return A_NORMAL; }
static inline attr_t handoff_a_bold(void) { return A_BOLD; }
static inline attr_t handoff_a_dim(void) { return A_DIM; }
static inline attr_t handoff_a_reverse(void) { return A_REVERSE; }
static inline attr_t handoff_a_underline(void) { return A_UNDERLINE; }
static inline attr_t handoff_a_italic(void) { return A_ITALIC; }
static inline WINDOW *handoff_stdscr(void) { return stdscr; }
static inline int handoff_colors(void) { return COLORS; }
static inline int handoff_color_pairs(void) { return COLOR_PAIRS; }
static inline int handoff_key_f(int n) { return KEY_F(n); }
static inline mmask_t handoff_all_mouse_events(void) { return ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION; }
static inline mmask_t handoff_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t handoff_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t handoff_button1_double_clicked(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t handoff_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t handoff_button5_pressed(void) { return BUTTON5_PRESSED; }
#endif
