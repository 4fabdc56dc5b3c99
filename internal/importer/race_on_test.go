//go:build race

package importer

// raceEnabled: the race detector keeps shadow memory for everything the test
// allocated (the hostile files are built in the child), so resident-memory
// bounds are only checked without it; the benchmarks report the real figures.
const raceEnabled = true
