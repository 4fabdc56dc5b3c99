// Package encdb is the one place that opens an encrypted Badger database:
// the application store (internal/store) and the sandbox platform
// (internal/platform/sandbox) both go through it.
//
// It owns the Badger settings of security.md ("Badger"): Options returns
// them, Open applies them (after removing the empty memtable files a crash
// can leave) and sorts Badger's opening errors into ErrWrongKey (the data was
// created with another key) and ErrLocked (the folder is open elsewhere), so
// each caller only maps those two to its own user-facing codes. Logger is the
// redacting Badger logger: warnings and errors only, with every argument that
// could carry a key or a value printed as "‹redacted›".
package encdb
