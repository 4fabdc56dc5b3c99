package boundedread

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// TestRead tries Read the ways a file can lie about its size:
// it grew or shrank since its size was taken, it is a pipe read in small
// pieces, it is exactly at the limit or one byte over, it fails midway.
func TestRead(t *testing.T) {
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
			got, err := Read(tc.r(), tc.size, tc.limit)
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
	if s := String(nil); s != "" {
		t.Errorf("String(nil) = %q", s)
	}
}

var errBroken = errors.New("disk broken")

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
