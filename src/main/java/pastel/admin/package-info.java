/// What only an instance admin does: the verified badge over HTTP (`AdminRoutes`, on the account
/// service), and the command line's backup, restore and list of what is due. Admin owns no
/// table: `DueStore` counts the rows past their time in the features' tables with the sweepers'
/// conditions, `BackupStore` copies the SQLite database.
package pastel.admin;
