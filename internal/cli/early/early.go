// Package early starts the first work of `tasrih declare` and `tasrih
// validate` while the program is still initialising its libraries: reading
// the préétabli, DS and DSC files their command line names, and checking
// the préétabli.
//
// A Go program initialises its packages one after the other before main
// runs; the spreadsheet library of the importer alone takes 2–4 ms, the
// whole initialisation 5–9 ms. Go initialises packages in the order of
// their import paths, each once its imports are: this package imports
// neither the importer nor its spreadsheet library, so it starts before
// them (cli.TestHeadlessBinaryEarlyReads checks it on the built binary),
// and its reads run on the other CPU while the main goroutine initialises
// the rest.
//
// Nothing here decides anything for the commands. A file is read only if
// it is a regular file of at most declaration.MaxFileSize bytes; a command
// that finds no early read for a path, or one that failed, reads the file
// itself and reports what its own read finds. What an early read gives is
// exactly what the command's read would have given (the same bytes, the
// same declaration.ReadPreetabliString).
package early

import (
	"flag"
	"io"
	"os"
	"sync"

	"github.com/tasrih/tasrih/internal/boundedread"
	"github.com/tasrih/tasrih/internal/cli/cmdline"
	"github.com/tasrih/tasrih/internal/declaration"
)

func init() {
	if len(os.Args) > 1 {
		Start(os.Args[1:], os.Getenv)
	}
}

// read is one file being read, or read.
type read struct {
	done chan struct{}
	data []byte // nil when the read failed or was not made
	// pre and rep are the préétabli checked, when the file was named as one
	pre *declaration.Preetabli
	rep *declaration.Report
}

var (
	mu    sync.Mutex
	reads = map[string]*read{}
)

// Start reads the command line args (without the program's name) as
// `tasrih declare` or `tasrih validate` would, and starts reading the CNSS
// files it names (and checking the préétabli) on other goroutines; it also
// sets the garbage collector as the command will (TuneGC). Any other
// command, or a command line the command would refuse, starts nothing.
func Start(args []string, getenv func(string) string) {
	if len(args) == 0 {
		return
	}
	var pre string
	var files []string
	fs := flag.NewFlagSet("", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	switch args[0] {
	case "declare":
		var c cmdline.Declare
		c.Register(fs)
		pos, err := cmdline.ParseInterleaved(fs, args[1:])
		if err != nil || len(pos) > 0 || c.Preetabli == "" || c.Payroll == "" {
			return
		}
		pre, files = c.Preetabli, []string{c.Previous}
		TuneGC(InputSize(c.Preetabli, c.Payroll, c.Previous), getenv)
	case "validate":
		var c cmdline.Validate
		c.Register(fs)
		pos, err := cmdline.ParseInterleaved(fs, args[1:])
		if err != nil || len(pos) != 1 {
			return
		}
		pre, files = c.Preetabli, []string{pos[0], c.Previous}
		TuneGC(InputSize(pos[0], c.Preetabli, c.Previous), getenv)
	default:
		return
	}
	mu.Lock()
	defer mu.Unlock()
	if pre != "" {
		start(pre, true)
	}
	for _, f := range files {
		if f != "" && reads[f] == nil {
			start(f, false)
		}
	}
}

// start starts reading path (and checking it as a préétabli); mu is held.
func start(path string, preetabli bool) {
	r := &read{done: make(chan struct{})}
	reads[path] = r
	go func() {
		defer close(r.done)
		r.data = readRegular(path, declaration.MaxFileSize)
		if preetabli && r.data != nil {
			r.pre, r.rep = declaration.ReadPreetabliString(boundedread.String(r.data))
		}
	}()
}

// readRegular reads path if it is a regular file of at most limit bytes,
// and returns nil otherwise or if anything fails. It never blocks on a
// pipe or a device: those are left to the command (the open does not wait
// for a writer even if the path became a pipe since it was looked at).
func readRegular(path string, limit int64) []byte {
	if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() || st.Size() > limit {
		return nil
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openNoWait, 0)
	if err != nil {
		return nil
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() > limit {
		return nil
	}
	data, err := boundedread.Read(f, st.Size(), limit)
	if err != nil || int64(len(data)) > limit {
		return nil
	}
	return data
}

// lookup waits for the early read of path, if one was started.
func lookup(path string) *read {
	mu.Lock()
	r := reads[path]
	mu.Unlock()
	if r == nil {
		return nil
	}
	<-r.done
	return r
}

// File returns the bytes of the CNSS file at path as read at start, and
// false when no read of path was started, it failed, or it gave more than
// limit bytes (the caller then reads the file itself and reports what it
// finds). The bytes are shared: they must not be written.
func File(path string, limit int64) ([]byte, bool) {
	r := lookup(path)
	if r == nil || r.data == nil || int64(len(r.data)) > limit {
		return nil, false
	}
	return r.data, true
}

// Preetabli returns the préétabli at path read and checked at start
// (declaration.ReadPreetabliString), or nil when it was not, or its file
// has more than limit bytes (the caller reads and checks it itself).
func Preetabli(path string, limit int64) (*declaration.Preetabli, *declaration.Report) {
	r := lookup(path)
	if r == nil || r.pre == nil || int64(len(r.data)) > limit {
		return nil, nil
	}
	return r.pre, r.rep
}
