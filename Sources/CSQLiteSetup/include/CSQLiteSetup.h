#ifndef HANDOFF_CSQLITESETUP_H
#define HANDOFF_CSQLITESETUP_H

/// Puts SQLite in multi-thread mode (no mutex per call on a connection) and turns off its memory
/// statistics (a global mutex per allocation), and reads URI file names (for `immutable=1`), before the
/// process opens its first connection. Returns 1 when all took effect; 0 when SQLite was already initialized (then nothing changes).
int handoff_sqlite_setup(void);

#endif
