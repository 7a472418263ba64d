/* SQLite's function table, set by the entry point (ext.c) from the host
 * that loads the extension; every call to SQLite goes through it. */
#include "ext.h"

SQLITE_EXTENSION_INIT1
