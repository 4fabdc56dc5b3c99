package cli

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

// sparse creates a file of size bytes that occupies no disk space: reading it
// would take seconds and the memory of its size, so a command that answers
// at once has checked the size before reading.
func sparse(t *testing.T, name string, size int64) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return p
}

func TestCNSSFilesAreBounded(t *testing.T) {
	huge := sparse(t, "AFFEBDS_1234567_202601.txt", 8<<30)
	hugeDS := sparse(t, dsFileName, 8<<30)
	for _, tc := range []struct {
		name string
		args []string
		lang string
		want string
	}{
		{"declare, préétabli", []string{"declare", "--preetabli", huge, "--payroll", vectorPay}, "fr", "trop grand pour un fichier CNSS"},
		{"validate, DS", []string{"validate", hugeDS}, "en", "too large for a CNSS file"},
		{"validate, préétabli", []string{"validate", vectorGold, "--preetabli", huge}, "ar", "أكبر من أن يكون ملفاً للصندوق"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			args := append(tc.args, "--lang", tc.lang)
			if tc.args[0] == "declare" {
				args = append(args, "--out", out)
			}
			code, stdout, stderr := run(t, args...)
			if code != ExitUsage || stdout != "" || !strings.Contains(stderr, tc.want) || !strings.Contains(stderr, "8192.0") {
				t.Errorf("exit %d\nstdout %q\nstderr %q", code, stdout, stderr)
			}
			if names := dirFiles(t, out); len(names) != 0 {
				t.Errorf("files written: %v", names)
			}
		})
	}
}

func TestCNSSFileLimitEdges(t *testing.T) {
	gold := mustRead(t, vectorGold)
	defer func(old int64) { maxDeclarationFile = old }(maxDeclarationFile)
	// Exactly at the limit: read; one byte over: refused.
	maxDeclarationFile = int64(len(gold))
	if code, stdout, stderr := run(t, "validate", vectorGold); code != ExitOK {
		t.Errorf("at the limit: exit %d\n%s%s", code, stdout, stderr)
	}
	maxDeclarationFile = int64(len(gold)) - 1
	if code, _, stderr := run(t, "validate", vectorGold); code != ExitUsage || !strings.Contains(stderr, dsFileName) {
		t.Errorf("one byte over: exit %d\n%s", code, stderr)
	}
	// A device has no size: it is read up to the limit, then refused.
	if _, err := os.Stat("/dev/zero"); err == nil {
		maxDeclarationFile = 4096
		if code, _, stderr := run(t, "validate", "/dev/zero"); code != ExitUsage || !strings.Contains(stderr, "> 4096 o") {
			t.Errorf("/dev/zero: exit %d\n%s", code, stderr)
		}
	}
}

// TestReadAtMost tries readAtMost the ways a file can lie about its size:
// it grew or shrank since its size was taken, it is a pipe read in small
// pieces, it is exactly at the limit or one byte over, it fails midway.
func TestReadAtMost(t *testing.T) {
	data := []byte(strings.Repeat("0123456789", 1000)) // 10 000 bytes
	for _, tc := range []struct {
		name        string
		r           func() io.Reader
		size, limit int64
		want        int   // bytes read (limit+1 when over the limit)
		err         error // wanted error
	}{
		{"exact size", func() io.Reader { return bytes.NewReader(data) }, 10_000, 1 << 20, 10_000, nil},
		{"grew since stat", func() io.Reader { return bytes.NewReader(data) }, 100, 1 << 20, 10_000, nil},
		{"shrank since stat", func() io.Reader { return bytes.NewReader(data) }, 50_000, 1 << 20, 10_000, nil},
		{"pipe, unknown size", func() io.Reader { return iotest.HalfReader(bytes.NewReader(data)) }, 0, 1 << 20, 10_000, nil},
		{"one byte at a time", func() io.Reader { return iotest.OneByteReader(bytes.NewReader(data)) }, 0, 1 << 20, 10_000, nil},
		{"at the limit", func() io.Reader { return bytes.NewReader(data) }, 10_000, 10_000, 10_000, nil},
		{"one byte over", func() io.Reader { return bytes.NewReader(data) }, 9_999, 9_999, 10_000, nil},
		{"endless, unknown size", func() io.Reader { return iotest.HalfReader(zeros{}) }, 0, 4096, 4097, nil},
		{"endless, size given", func() io.Reader { return zeros{} }, 4096, 4096, 4097, nil},
		{"data then error", func() io.Reader {
			return iotest.DataErrReader(io.MultiReader(bytes.NewReader(data), iotest.ErrReader(errBroken)))
		}, 10_000, 1 << 20, 0, errBroken},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readAtMost(tc.r(), tc.size, tc.limit)
			if !errors.Is(err, tc.err) {
				t.Fatalf("error %v, want %v", err, tc.err)
			}
			if tc.err != nil {
				return
			}
			if len(got) != tc.want {
				t.Errorf("read %d bytes, want %d", len(got), tc.want)
			}
			want := data[:min(tc.want, len(data))]
			if strings.HasPrefix(tc.name, "endless") {
				want = make([]byte, tc.want)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("read the wrong bytes")
			}
		})
	}
	if s := bufString(nil); s != "" {
		t.Errorf("bufString(nil) = %q", s)
	}
}

var errBroken = errors.New("disk broken")

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
