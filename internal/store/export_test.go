package store

import (
	"bytes"
	"errors"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
)

func TestInUse(t *testing.T) {
	dir := t.TempDir()
	if InUse(dir) {
		t.Fatal("empty dir in use")
	}
	s := openAt(t, dir)
	if !InUse(dir) {
		t.Fatal("open store not in use")
	}
	s.Close()
	if InUse(dir) {
		t.Fatal("closed store in use")
	}
	if _, err := Open(dir, testKey, testOptions()); err != nil {
		t.Fatalf("reopen after probe: %v", err)
	}
}

func TestExportImport(t *testing.T) {
	s := openTest(t)
	er := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	for i := 0; i < 50; i++ {
		must[domain.Employee](t)(s.Employees().Create(sampleEmployee(er.ID, i)))
	}
	var buf bytes.Buffer
	n, err := s.Export(&buf)
	if err != nil || n == 0 {
		t.Fatalf("export: %d %v", n, err)
	}
	dir := t.TempDir() + "/restored"
	m, err := ImportInto(dir, testKey, bytes.NewReader(buf.Bytes()))
	if err != nil || m != n {
		t.Fatalf("import: %d/%d %v", m, n, err)
	}
	r := openAt(t, dir)
	if got := must[[]domain.Employee](t)(r.Employees().List(er.ID)); len(got) != 50 {
		t.Errorf("%d employees restored", len(got))
	}
	if _, broken, err := r.VerifyAudit(); err != nil || broken != -1 {
		t.Errorf("audit: %d %v", broken, err)
	}
	// Malformed streams are refused without allocating what they announce.
	for name, data := range map[string][]byte{
		"huge key":      {0xff, 0xff, 0xff, 0xff, 0x0f},
		"huge value":    append([]byte{1, 'k'}, 0xff, 0xff, 0xff, 0xff, 0x7f),
		"truncated":     buf.Bytes()[:buf.Len()/2],
		"empty key":     {0, 1, 'v'},
		"missing value": {1, 'k'},
	} {
		if _, err := ImportInto(t.TempDir()+"/x", testKey, bytes.NewReader(data)); !errors.Is(err, ErrBadStream) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := ImportInto(dir, testKey, bytes.NewReader(buf.Bytes())); err == nil {
		t.Error("import into a non-empty folder")
	}
}
