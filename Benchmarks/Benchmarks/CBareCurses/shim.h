// ncursesw for the bare frame benchmark, kept apart from the product's own shim so the benchmark
// measures ncurses alone. The wide-character API is switched on before the header is read (SwiftPM
// drops pkg-config's -D flags); macros Swift cannot import become inline functions.
#ifndef BARE_CURSES_SHIM_H
#define BARE_CURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline attr_t bare_a_normal(void) { return A_NORMAL; }
static inline attr_t bare_a_bold(void) { return A_BOLD; }
static inline attr_t bare_a_dim(void) { return A_DIM; }
static inline attr_t bare_a_reverse(void) { return A_REVERSE; }
static inline attr_t bare_a_underline(void) { return A_UNDERLINE; }
static inline WINDOW *bare_stdscr(void) { return stdscr; }
static inline int bare_colors(void) { return COLORS; }
static inline int bare_color_pairs(void) { return COLOR_PAIRS; }
// Columns a character takes; glibc declares wcwidth only for X/Open builds, which Swift's C modules are not.
extern int wcwidth(wchar_t);
static inline int bare_wcwidth(wchar_t c) { return wcwidth(c); }
#endif
