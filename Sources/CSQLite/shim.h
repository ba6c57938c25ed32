#ifndef QUIVER_CSQLITE_SHIM_H
#define QUIVER_CSQLITE_SHIM_H
#include <sqlite3.h>
// SQLITE_TRANSIENT is a macro Swift cannot import.
static inline void (*quiver_sqlite_transient(void))(void *) { return SQLITE_TRANSIENT; }
static inline int quiver_sqlite3_db_config_int(sqlite3 *db, int op, int v, int *out) { return sqlite3_db_config(db, op, v, out); }
#endif
