// Package boundedread reads a whole input into memory without ever reading
// more than a limit: the one bounded reader of the project (the CNSS files
// of the CLI, the payroll and spreadsheets of the importer).
package boundedread

import (
	"io"
	"unsafe"
)

// Read reads r to its end, or to limit+1 bytes, straight into one buffer
// of size+1 bytes (size: the expected length, 0 or less when unknown; one
// byte more shows that a file grew since its size was taken, as a read of
// exactly size bytes cannot). A result longer than limit means r holds more
// than limit bytes. Unlike io.Copy or io.ReadAll, nothing goes through an
// intermediate buffer: a 2.7 MB file is one read system call and one copy
// from the page cache.
func Read(r io.Reader, size, limit int64) ([]byte, error) {
	buf := make([]byte, 0, min(max(size, 0), limit)+1)
	for int64(len(buf)) <= limit {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // let append pick the growth
		}
		room := buf[len(buf):min(int64(cap(buf)), limit+1)]
		n, err := r.Read(room)
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
	return buf, nil
}

// String returns the text of buf without copying it, for a buffer Read
// returned and that nothing else holds or writes: a file kept as a string
// (the engine's records, the payroll's rows share it) costs one copy of the
// file, not two.
func String(buf []byte) string {
	if len(buf) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(buf), len(buf))
}
