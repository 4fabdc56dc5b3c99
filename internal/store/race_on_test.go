//go:build race

package store

// raceEnabled: the race detector multiplies the cost of the crash loops and
// of the large bulk writes; under it they run smaller (still across several
// Badger transactions) so that `go test -race` stays well inside its timeout.
const raceEnabled = true
