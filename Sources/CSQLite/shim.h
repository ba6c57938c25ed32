#ifndef QUIVER_CSQLITE_SHIM_H
#define QUIVER_CSQLITE_SHIM_H
#include <sqlite3.h>
// SQLITE_TRANSIENT is a macro Swift cannot import.
static inline void (*quiver_sqlite_transient(void))(void *) { return SQLITE_TRANSIENT; }
static inline int quiver_sqlite3_db_config_int(sqlite3 *db, int op, int v, int *out) { return sqlite3_db_config(db, op, v, out); }
// sqlite3_config is variadic, which Swift cannot call. Turns off SQLite's memory statistics: with them on
// (the default of Debian's build) every allocation takes a process-wide mutex. Must run before
// sqlite3_initialize (the first open); returns SQLITE_MISUSE after it.
static inline int quiver_sqlite3_disable_memstatus(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }
#endif
