#include <sqlite3.h>
#include "CSQLiteSetup.h"

// sqlite3_config is variadic, which Swift cannot call; hence this file.
int handoff_sqlite_setup(void) {
    int threading = sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    int statistics = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    // URI file names, for `immutable=1`: how a read-only WAL database in a folder nobody may write is read.
    int uri = sqlite3_config(SQLITE_CONFIG_URI, 1);
    return threading == SQLITE_OK && statistics == SQLITE_OK && uri == SQLITE_OK;
}
