//go:build !unix

package early

// openNoWait: opening a file does not wait for a writer here.
const openNoWait = 0
