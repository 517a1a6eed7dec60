/// What only an instance admin does: the verified badge over HTTP (`AdminRoutes`, on the account
/// service), and the command line's backup, restore and list of what is due. It has no service of
/// its own: the badge's rule belongs to the account service, and the command line's jobs are
/// `Backup` and `DueReport`. Admin owns no table: `DueStore` counts the rows past their time in the
/// features' tables with the sweepers' conditions, `BackupStore` copies the SQLite database.
package pastel.admin;
