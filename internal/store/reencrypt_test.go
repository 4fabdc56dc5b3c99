package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
)

// TestOpenAfterKillDuringMemtableCreation: a process killed between the
// creation and the sizing of a memtable file leaves an empty *.mem file;
// the store must still open, with its data.
func TestOpenAfterKillDuringMemtableCreation(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, testKey, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	e := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "00099.mem"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	// The same for a value-log file (the next one Badger would create).
	vlogs, _ := filepath.Glob(filepath.Join(dir, "*.vlog"))
	if len(vlogs) == 0 {
		t.Fatal("no value log")
	}
	if err := os.WriteFile(filepath.Join(dir, "000099.vlog"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s2 := openAt(t, dir)
	if got := must[domain.Employer](t)(s2.Employers().Get(e.ID)); got.Affiliation != e.Affiliation {
		t.Fatal("data lost")
	}
}

func exportBytes(t *testing.T, s *Store) []byte {
	t.Helper()
	var b bytes.Buffer
	if _, err := s.Export(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestReencryptAndClose: the copy holds every record, opens only with the
// new key, and the source is closed; writes waiting meanwhile fail cleanly.
func TestReencryptAndClose(t *testing.T) {
	s := openAt(t, t.TempDir())
	for i := range 700 {
		must[domain.Employer](t)(s.Employers().Create(sampleEmployer(i + 1)))
	}
	want := exportBytes(t, s)
	dst := filepath.Join(t.TempDir(), "copy")
	var last, calls int64
	n, err := s.ReencryptAndClose(context.Background(), dst, otherKey, func(done, total int64) {
		if done < last || done > total {
			t.Errorf("progress %d/%d after %d", done, total, last)
		}
		last = done
		calls++
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 || calls < 3 {
		t.Fatalf("%d records, %d progress calls", n, calls)
	}
	_, err = s.Employers().List()
	wantCode(t, err, CodeClosed)
	if _, err := Open(dst, testKey, testOptions()); !errors.Is(err, ErrWrongKey) {
		t.Fatalf("copy opened with the old key: %v", err)
	}
	c, err := Open(dst, otherKey, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if got := exportBytes(t, c); !bytes.Equal(got, want) {
		t.Fatal("the copy differs from the source")
	}
	if _, broken, err := c.VerifyAudit(); err != nil || broken >= 0 {
		t.Fatalf("audit of the copy: %d %v", broken, err)
	}
}

// TestReencryptCancelled: a cancelled copy leaves the source open and
// writable.
func TestReencryptCancelled(t *testing.T) {
	s := openAt(t, t.TempDir())
	for i := range 600 {
		must[domain.Employer](t)(s.Employers().Create(sampleEmployer(i + 1)))
	}
	ctx, cancel := context.WithCancel(context.Background())
	_, err := s.ReencryptAndClose(ctx, filepath.Join(t.TempDir(), "copy"), otherKey, func(done, _ int64) {
		if done > 0 {
			cancel()
		}
	})
	wantCode(t, err, CodeCancelled)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("%v", err)
	}
	must[domain.Employer](t)(s.Employers().Create(sampleEmployer(999)))
	_, err = s.ReencryptAndClose(context.Background(), t.TempDir(), otherKey[:3], nil)
	wantCode(t, err, CodeBadKey)
}

// TestReencryptRefusesNonEmpty: the destination must be fresh.
func TestReencryptRefusesNonEmpty(t *testing.T) {
	s := openAt(t, t.TempDir())
	dst := t.TempDir()
	os.WriteFile(filepath.Join(dst, "x"), []byte("x"), 0o600)
	if _, err := s.ReencryptAndClose(context.Background(), dst, otherKey, nil); err == nil {
		t.Fatal("non-empty destination accepted")
	}
	must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
}

// BenchmarkReencrypt measures the heavy part of a re-key on the
// 300-employer / 20 000-employee portfolio: the streamed copy under a new
// key and the full read-back check (target with the rest of the re-key:
// < 10 s, < 250 MB peak RSS).
func BenchmarkReencrypt(b *testing.B) {
	dir := portfolio(b)
	b.ReportAllocs()
	peakOK := resetPeak()
	var records int64
	for b.Loop() {
		b.StopTimer()
		s, err := Open(dir, testKey, testOptions())
		if err != nil {
			b.Fatal(err)
		}
		dst := filepath.Join(b.TempDir(), "copy")
		b.StartTimer()
		records, err = s.ReencryptAndClose(context.Background(), dst, otherKey, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		os.RemoveAll(dst)
		b.StartTimer()
	}
	b.ReportMetric(float64(records), "records")
	reportMemory(b, peakOK)
}
