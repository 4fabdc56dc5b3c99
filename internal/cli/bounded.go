package cli

import (
	"io"
	"os"
	"unsafe"

	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/i18n"
)

// maxDeclarationFile bounds the préétabli, DS and DSC files the commands read
// (a variable so that a test can lower it).
var maxDeclarationFile int64 = declaration.MaxFileSize

// readCNSSFile reads a préétabli, DS or DSC file into a string (the engine
// reads text). The size is checked on the open file before anything is
// read; a pipe or device is read up to the limit and refused beyond it.
func readCNSSFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", i18n.Wrap(err, "cli.read", msgRead, path, osReason(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "", i18n.Wrap(err, "cli.read", msgRead, path, osReason(err))
	}
	if st.IsDir() {
		return "", i18n.New("cli.read", msgRead, path, i18n.Text{FR: "c'est un dossier", AR: "إنه مجلد", EN: "it is a folder"})
	}
	size := int64(0)
	if st.Mode().IsRegular() {
		if err := declaration.SizeError(path, st.Size(), maxDeclarationFile); err != nil {
			return "", err
		}
		size = st.Size()
	}
	buf, err := readAtMost(f, size, maxDeclarationFile)
	if err != nil {
		return "", i18n.Wrap(err, "cli.read", msgRead, path, osReason(err))
	}
	if int64(len(buf)) > maxDeclarationFile {
		return "", declaration.SizeError(path, -1, maxDeclarationFile)
	}
	return bufString(buf), nil
}

// readAtMost reads r to its end, or to limit+1 bytes, straight into one
// buffer of size+1 bytes (size: the expected length, 0 when unknown; one
// byte more shows that a file grew since its size was taken, as a read of
// exactly size bytes cannot). Unlike io.Copy, nothing goes through an
// intermediate buffer: a 2.7 MB DS is one read system call and one copy
// from the page cache.
func readAtMost(r io.Reader, size, limit int64) ([]byte, error) {
	buf := make([]byte, 0, min(size, limit)+1)
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

// bufString returns the text of buf without copying it: buf is never used
// again by the caller (readCNSSFile drops it), so the string is as
// immutable as any other. A copy of the file would cost a second pass over
// megabytes and as much memory again; the engine's strings share the text.
func bufString(buf []byte) string {
	if len(buf) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(buf), len(buf))
}
