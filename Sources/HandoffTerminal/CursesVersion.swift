import CNcurses

/// The ncurses library this binary runs against, for `--version`-style reports and bug reports.
public enum CursesVersion {
    public static var text: String { String(cString: curses_version()) }
}
