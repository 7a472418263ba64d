/* libleadsieve_sqlite.so: leadsieve in SQLite.  `.load libleadsieve_sqlite`
 * (or sqlite3_load_extension) finds this entry point by the file's name. */
#include "ext.h"

/* The one symbol the module exports (the build hides the rest). */
__attribute__((visibility("default"))) int
sqlite3_leadsievesqlite_init(sqlite3 *db, char **err, const sqlite3_api_routines *api);

int sqlite3_leadsievesqlite_init(sqlite3 *db, char **err, const sqlite3_api_routines *api)
{
    SQLITE_EXTENSION_INIT2(api);
    int rc = ls_sq_register_functions(db);
    if (rc == SQLITE_OK)
        rc = ls_sq_register_explain(db);
    if (rc == SQLITE_OK)
        rc = ls_sq_register_leads(db);
    if (rc != SQLITE_OK && err)
        *err = sqlite3_mprintf("leadsieve: registering its functions failed: %s",
                               sqlite3_errstr(rc));
    return rc;
}
