package desktop

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/firm"
	"github.com/tasrih/tasrih/internal/firm/objstore"
	"github.com/tasrih/tasrih/internal/firm/s3test"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/store"
)

// seat is one person of a firm: a Core on its own data folder, unlocked,
// with its firm keys made.
type seat struct {
	*env
	f    *Firm
	name string
}

func newSeat(t *testing.T, name string, mod ...func(*Options)) *seat {
	t.Helper()
	mods := append([]func(*Options){func(o *Options) { o.NoSandbox = true }}, mod...)
	e := newEnv(t, mods...)
	if _, err := e.core.Create(testPassphrase, false); err != nil {
		t.Fatal(err)
	}
	s := &seat{env: e, f: e.core.Firm(), name: name}
	st, err := s.f.NewSeat(name)
	if err != nil || !st.HasSeat || st.SetUp || !strings.HasPrefix(st.Invitation, "tasrih-seat1:") {
		t.Fatalf("new seat %s: %+v %v", name, st, err)
	}
	return s
}

func (s *seat) status(t *testing.T) FirmStatus {
	t.Helper()
	st, err := s.f.Status()
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func (s *seat) sync(t *testing.T) SyncResult {
	t.Helper()
	res, err := s.f.Sync(context.Background(), nil)
	if err != nil {
		t.Fatalf("%s sync: %v", s.name, err)
	}
	return res
}

func (s *seat) employee(t *testing.T, er, id string) domain.Employee {
	t.Helper()
	var out domain.Employee
	s.session(t, func(ss *Session) {
		var err error
		if out, err = ss.Store.Employees().Get(er, id); err != nil {
			t.Fatalf("%s: employee: %v", s.name, err)
		}
	})
	return out
}

func (s *seat) rename(t *testing.T, er, id, last string) {
	t.Helper()
	s.session(t, func(ss *Session) {
		e, err := ss.Store.Employees().Get(er, id)
		if err != nil {
			t.Fatal(err)
		}
		e.LastName = last
		if _, err := ss.Store.Employees().Update(e); err != nil {
			t.Fatal(err)
		}
	})
}

// firmOf founds a firm on the real S3 server with a founder and the other
// seats invited and joined.
func firmOf(t *testing.T, names ...string) []*seat {
	t.Helper()
	return firmWith(t, nil, names...)
}

func firmWith(t *testing.T, mod func(*Options), names ...string) []*seat {
	t.Helper()
	srv := s3test.Require(t)
	_, bucket := srv.NewBucket(t)
	set := FirmSettings{Endpoint: srv.Endpoint, Bucket: bucket, AccessKey: srv.AccessKey}
	ctx := context.Background()
	seats := make([]*seat, len(names))
	for i, n := range names {
		if mod != nil {
			seats[i] = newSeat(t, n, mod)
		} else {
			seats[i] = newSeat(t, n)
		}
	}
	founder := seats[0]
	st, err := founder.f.Create(ctx, set, srv.SecretKey)
	if err != nil || !st.SetUp || !st.Founder || !st.Reachable {
		t.Fatalf("create: %+v %v", st, err)
	}
	for _, s := range seats[1:] {
		// Joining before the invitation is refused.
		if _, err := s.f.Join(ctx, set, srv.SecretKey, st.Ref); i18n.Code(err) != firm.CodeNotMember {
			t.Fatalf("join before the invitation: %v", err)
		}
		if _, err := founder.f.Invite(ctx, s.status(t).Invitation); err != nil {
			t.Fatal(err)
		}
		js, err := s.f.Join(ctx, set, srv.SecretKey, st.Ref)
		if err != nil || !js.SetUp || js.Founder {
			t.Fatalf("join %s: %+v %v", s.name, js, err)
		}
	}
	return seats
}

// employerWith creates an employer with n employees on s.
func employerWith(t *testing.T, s *seat, n int) (string, []string) {
	t.Helper()
	var er string
	var ids []string
	s.session(t, func(ss *Session) {
		e, err := ss.Store.Employers().Create(domain.Employer{Affiliation: "1234567", Name: "Atlas Cabinet SARL"})
		if err != nil {
			t.Fatal(err)
		}
		er = e.ID
		for i := 1; i <= n; i++ {
			em, err := ss.Store.Employees().Create(domain.Employee{EmployerID: er, Immatriculation: decltest.Immat(i), LastName: "NOM"})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, em.ID)
		}
	})
	return er, ids
}

// Two seats: what one publishes the other sees; the dossier is read-only
// where it is not held; a hand-over moves the pen; an edit made without the
// lease becomes a proposal, shown, never merged, then sent by a person.
func TestFirmTwoSeats(t *testing.T) {
	seats := firmOf(t, "Karim", "Fatima")
	karim, fatima := seats[0], seats[1]
	ctx := context.Background()
	er, ids := employerWith(t, karim, 3)
	if err := karim.f.CheckEditable(er); err != nil {
		t.Fatalf("an employer that is no dossier is editable: %v", err)
	}
	row, err := karim.f.Share(ctx, er, []string{fatima.status(t).SeatID})
	if err != nil || !row.Mine || row.Applied == 0 || len(row.Seats) != 2 {
		t.Fatalf("share: %+v %v", row, err)
	}

	// Fatima sees the dossier, with the same ids, read-only.
	if res := fatima.sync(t); res.Applied == 0 {
		t.Fatalf("fatima applied nothing: %+v", res)
	}
	if got := fatima.employee(t, er, ids[1]); got.LastName != "NOM" || got.Immatriculation != decltest.Immat(2) {
		t.Fatalf("fatima's copy: %+v", got)
	}
	err = fatima.f.CheckEditable(er)
	if i18n.Code(err) != CodeFirmReadOnly || !errors.Is(err, ErrFirmReadOnly) || !strings.Contains(i18n.Message(err, i18n.FR), "Karim") {
		t.Fatalf("fatima may edit karim's dossier: %v", err)
	}
	// The check the edit methods make does not wait for a sync in progress
	// (which holds the firm service for its whole run).
	fatima.f.mu.Lock()
	done := make(chan error, 1)
	go func() {
		done <- fatima.core.Use(func(s *Session) error { return fatima.core.FirmEditable(s, er) })
	}()
	select {
	case err := <-done:
		if i18n.Code(err) != CodeFirmReadOnly {
			fatima.f.mu.Unlock()
			t.Fatalf("FirmEditable during a sync: %v", err)
		}
	case <-time.After(10 * time.Second):
		fatima.f.mu.Unlock()
		t.Fatal("an edit check waited for the sync in progress")
	}
	fatima.f.mu.Unlock()
	rows, err := fatima.f.Dossiers(ctx)
	if err != nil || len(rows) != 1 || rows[0].Mine || rows[0].HolderName != "Karim" || rows[0].EmployerName != "Atlas Cabinet SARL" || rows[0].Since.IsZero() {
		t.Fatalf("fatima's portfolio: %+v %v", rows, err)
	}

	// Karim's next edit reaches Fatima at her next sync, once.
	karim.rename(t, er, ids[0], "BENANI")
	if res := karim.sync(t); res.Published != 1 {
		t.Fatalf("karim published %d records, want 1 (the one changed)", res.Published)
	}
	if res := karim.sync(t); res.Published != 0 {
		t.Fatalf("a second sync published %d records", res.Published)
	}
	if res := fatima.sync(t); res.Applied != 1 {
		t.Fatalf("fatima applied %d changes, want 1", res.Applied)
	}
	if got := fatima.employee(t, er, ids[0]); got.LastName != "BENANI" {
		t.Fatalf("fatima's copy after the change: %s", got.LastName)
	}
	// Fatima's outbox bookkeeping on her copy is no change of hers: her
	// sync publishes nothing and proposes nothing.
	if res := fatima.sync(t); res.Published != 0 || res.Proposed != 0 {
		t.Fatalf("fatima published %d records and proposed %d of a dossier she does not hold", res.Published, res.Proposed)
	}
	if props, _ := fatima.f.Proposals(ctx, er); len(props) != 0 {
		t.Fatalf("fatima has proposals she never made: %+v", props)
	}

	// Hand-over: "Envoyer à Fatima pour dépôt".
	if _, err := karim.f.HandOver(ctx, er, fatima.status(t).SeatID); err != nil {
		t.Fatal(err)
	}
	if err := karim.f.CheckEditable(er); i18n.Code(err) != CodeFirmReadOnly {
		t.Fatalf("karim may still edit after the hand-over: %v", err)
	}
	fatima.sync(t)
	if err := fatima.f.CheckEditable(er); err != nil {
		t.Fatalf("fatima may not edit what was handed to her: %v", err)
	}
	rows, _ = fatima.f.Dossiers(ctx)
	if len(rows) != 1 || !rows[0].Mine {
		t.Fatalf("fatima's portfolio after the hand-over: %+v", rows)
	}

	// Karim edits without the lease (the desktop would have refused; say
	// he was offline and his copy did not know yet): a proposal.
	karim.rename(t, er, ids[2], "KARIM-HORS-LIGNE")
	_, err = karim.f.Publish(ctx, er)
	var conflict *firm.Conflict
	if i18n.Code(err) != firm.CodeConflict || !errors.As(err, &conflict) {
		t.Fatalf("publish without the lease: %v", err)
	}
	// Meanwhile Fatima changes the same employee and publishes.
	fatima.rename(t, er, ids[2], "FATIMA")
	if res := fatima.sync(t); res.Published != 1 {
		t.Fatalf("fatima published %d", res.Published)
	}
	// Karim's sync brings Fatima's version; his proposal stays, unmerged.
	karim.sync(t)
	if got := karim.employee(t, er, ids[2]); got.LastName != "FATIMA" {
		t.Fatalf("karim's copy: %s", got.LastName)
	}
	props, err := karim.f.Proposals(ctx, er)
	if err != nil || len(props) != 1 || props[0].Kinds[firm.KindEmployee] != 1 {
		t.Fatalf("karim's proposals: %+v %v", props, err)
	}
	rows, _ = karim.f.Dossiers(ctx)
	if len(rows) != 1 || rows[0].Proposals != 1 || rows[0].HolderName != "Fatima" {
		t.Fatalf("karim's portfolio: %+v", rows)
	}
	// Applying it needs the dossier: Fatima holds it.
	if _, err := karim.f.ApplyProposal(ctx, er, props[0].ID); i18n.Code(err) != firm.CodeLeaseHeld {
		t.Fatalf("apply a proposal while another holds the dossier: %v", err)
	}
	if _, err := fatima.f.Release(ctx, er); err != nil {
		t.Fatal(err)
	}
	if _, err := karim.f.ApplyProposal(ctx, er, props[0].ID); err != nil {
		t.Fatal(err)
	}
	if got := karim.employee(t, er, ids[2]); got.LastName != "KARIM-HORS-LIGNE" {
		t.Fatalf("karim's copy after applying his proposal: %s", got.LastName)
	}
	fatima.sync(t)
	if got := fatima.employee(t, er, ids[2]); got.LastName != "KARIM-HORS-LIGNE" {
		t.Fatalf("fatima's copy after karim's proposal: %s", got.LastName)
	}
	if props, _ := karim.f.Proposals(ctx, er); len(props) != 0 {
		t.Fatalf("proposal still listed after it was sent: %+v", props)
	}
	if err := karim.f.DiscardProposal(ctx, er, "nope"); i18n.Code(err) != CodeFirmNoProposal {
		t.Fatalf("discard an unknown proposal: %v", err)
	}
}

// The seat's keys and the firm store's secret never reach a plain file of
// the data folder; after a lock and unlock the seat is still set up (its
// state lives in the encrypted store) and syncs.
func TestFirmNothingInClear(t *testing.T) {
	srv := s3test.Require(t)
	seats := firmOf(t, "Karim", "Fatima")
	karim := seats[0]
	ctx := context.Background()
	er, _ := employerWith(t, karim, 2)
	if _, err := karim.f.Share(ctx, er, nil); err != nil {
		t.Fatal(err)
	}
	var secretSeat string
	karim.session(t, func(ss *Session) {
		b, err := ss.Store.FirmState()
		if err != nil || !bytes.Contains(b, []byte("tasrih-seat-secret1:")) {
			t.Fatalf("the seat's keys are not in the store: %v", err)
		}
		i := bytes.Index(b, []byte("tasrih-seat-secret1:"))
		secretSeat = string(b[i : i+60])
	})
	if err := karim.core.Lock(ReasonUser); err != nil {
		t.Fatal(err)
	}
	needles := map[string][]byte{
		"S3 secret key": []byte(srv.SecretKey), "seat secret": []byte(secretSeat),
		"employer name": []byte("Atlas Cabinet SARL"),
	}
	err := filepath.WalkDir(karim.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for what, n := range needles {
			if bytes.Contains(b, n) {
				t.Errorf("%s found in %s", what, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if karim.kr.Len() != 1 {
		t.Errorf("keyring holds %d secrets, want the store's secret key only", karim.kr.Len())
	}
	if err := karim.core.UnlockPassphrase(testPassphrase); err != nil {
		t.Fatal(err)
	}
	if st := karim.status(t); !st.SetUp || !st.Founder || st.Dossiers != 1 {
		t.Fatalf("status after unlock: %+v", st)
	}
	karim.sync(t)
	// Without the keyring's secret, the seat says what to do.
	karim.kr.Clear()
	if err := karim.core.Lock(ReasonUser); err != nil {
		t.Fatal(err)
	}
	if err := karim.core.UnlockPassphrase(testPassphrase); err != nil {
		t.Fatal(err)
	}
	if _, err := karim.f.Sync(ctx, nil); i18n.Code(err) != CodeFirmNoSecret {
		t.Fatalf("sync without the secret key: %v", err)
	}
}

// A store that ignores conditional writes is refused at setup, with the
// firm package's message, and nothing is kept; bad settings are refused
// before any call.
func TestFirmSetupRefusals(t *testing.T) {
	mem := objstore.NewMem()
	mem.IgnoreConditions = true
	s := newSeat(t, "Karim")
	s.core.SetFirmOptions(FirmOptions{OpenStore: func(objstore.Config) (objstore.Store, error) { return mem, nil }})
	ctx := context.Background()
	good := FirmSettings{Endpoint: "http://127.0.0.1:9", Bucket: "cabinet", AccessKey: "AK"}
	for _, tc := range []struct {
		name   string
		set    FirmSettings
		secret string
		field  string
	}{
		{"no endpoint", FirmSettings{Bucket: "b", AccessKey: "a"}, "s", "endpoint"},
		{"ftp endpoint", FirmSettings{Endpoint: "ftp://nas/", Bucket: "b", AccessKey: "a"}, "s", "endpoint"},
		{"no bucket", FirmSettings{Endpoint: "http://nas:8333", AccessKey: "a"}, "s", "bucket"},
		{"no access key", FirmSettings{Endpoint: "http://nas:8333", Bucket: "b"}, "s", "access_key"},
		{"no secret", good, "", "secret_key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.f.Create(ctx, tc.set, tc.secret)
			var ie *i18n.Error
			if i18n.Code(err) != CodeFirmSettings || !errors.As(err, &ie) || ie.Field != tc.field {
				t.Fatalf("err %v, want %s on %s", err, CodeFirmSettings, tc.field)
			}
		})
	}
	_, err := s.f.Create(ctx, good, "secret")
	if i18n.Code(err) != firm.CodeNoConditional {
		t.Fatalf("a store without conditional writes: %v", err)
	}
	for _, l := range []i18n.Lang{i18n.FR, i18n.AR, i18n.EN} {
		if msg := i18n.Message(err, l); msg == "" || msg == firm.CodeNoConditional {
			t.Errorf("no %s message: %q", l, msg)
		}
	}
	if st := s.status(t); st.SetUp || st.Ref != "" {
		t.Fatalf("set up on a store that was refused: %+v", st)
	}
	if s.kr.Len() != 0 {
		t.Fatalf("the secret was kept for a refused store")
	}
	if _, err := s.f.Sync(ctx, nil); i18n.Code(err) != CodeFirmNotSetUp {
		t.Fatalf("sync before setup: %v", err)
	}
	if _, err := s.f.Join(ctx, good, "secret", "tasrih-firm1:AAAA"); i18n.Code(err) != firm.CodeBadSeat {
		t.Fatalf("join with a bad reference: %v", err)
	}
	// On a store that honours them, the same seat can set up.
	mem.IgnoreConditions = false
	if st, err := s.f.Create(ctx, good, "secret"); err != nil || !st.SetUp {
		t.Fatalf("create: %+v %v", st, err)
	}
	if _, err := s.f.Create(ctx, good, "secret"); i18n.Code(err) != CodeFirmSetUp {
		t.Fatalf("a second setup: %v", err)
	}
}

// A dossier travels as a bundle file to one seat, named by its invitation
// line: opened there with its ids, refused by any other seat, and a
// replayed (older or the same) bundle is refused.
func TestFirmBundleRoundTrip(t *testing.T) {
	karim, fatima, omar := newSeat(t, "Karim"), newSeat(t, "Fatima"), newSeat(t, "Omar")
	er, ids := employerWith(t, karim, 2)
	first, err := karim.f.ExportBundle(er, fatima.status(t).Invitation)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(first, []byte("Atlas Cabinet")) || bytes.Contains(first, []byte(decltest.Immat(1))) {
		t.Fatal("the bundle carries names or numbers in clear")
	}
	if _, err := omar.f.ImportBundle(first, karim.status(t).Invitation); i18n.Code(err) != firm.CodeBadBundle {
		t.Fatalf("a bundle opened by another seat: %v", err)
	}
	if _, err := fatima.f.ImportBundle(first, omar.status(t).Invitation); i18n.Code(err) != firm.CodeBadBundle {
		t.Fatalf("a bundle said to come from another sender: %v", err)
	}
	got, err := fatima.f.ImportBundle(first, karim.status(t).Invitation)
	if err != nil || got != er {
		t.Fatalf("import: %q %v", got, err)
	}
	if e := fatima.employee(t, er, ids[1]); e.Immatriculation != decltest.Immat(2) {
		t.Fatalf("fatima's copy: %+v", e)
	}
	// Karim's audit entries about the dossier came with it, as his.
	kID := karim.status(t).SeatID
	j := fatima.journal(t, er)
	if len(j) == 0 {
		t.Fatal("the bundle carried no audit entry")
	}
	for _, e := range j {
		if e.Writer != kID || e.WriterName != "Karim" || e.Action == store.ActionFirmApply {
			t.Fatalf("fatima's journal after the bundle: %+v", e)
		}
	}
	karim.rename(t, er, ids[0], "SECOND")
	second, err := karim.f.ExportBundle(er, fatima.status(t).Invitation)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fatima.f.ImportBundle(second, karim.status(t).Invitation); err != nil {
		t.Fatal(err)
	}
	if e := fatima.employee(t, er, ids[0]); e.LastName != "SECOND" {
		t.Fatalf("after the second bundle: %s", e.LastName)
	}
	// The second bundle repeats the first one's entries (kept once) and
	// brings the rename's.
	j2 := fatima.journal(t, er)
	updates := 0
	for _, e := range j2 {
		if e.Action == "employee.update" {
			updates++
		}
	}
	if len(j2) != len(j)+1 || updates != 1 {
		t.Fatalf("journal after the second bundle: %d entries (was %d), %d updates", len(j2), len(j), updates)
	}
	for name, b := range map[string][]byte{"older": first, "same": second} {
		if _, err := fatima.f.ImportBundle(b, karim.status(t).Invitation); i18n.Code(err) != firm.CodeRollback {
			t.Fatalf("%s bundle imported again: %v", name, err)
		}
	}
	if e := fatima.employee(t, er, ids[0]); e.LastName != "SECOND" {
		t.Fatalf("a replayed bundle changed the copy: %s", e.LastName)
	}
	if _, err := karim.f.ExportBundle(er, "not a seat"); i18n.Code(err) != firm.CodeBadSeat {
		t.Fatalf("export to nobody: %v", err)
	}
}

// The access list: a seat not on a dossier sees nothing of it; granted
// later (by the founder, while another seat holds it), it reads the whole
// history, and the holder keeps the pen.
func TestFirmGrantLater(t *testing.T) {
	seats := firmOf(t, "Karim", "Fatima", "Omar")
	karim, fatima, omar := seats[0], seats[1], seats[2]
	ctx := context.Background()
	er, ids := employerWith(t, karim, 2)
	if _, err := karim.f.Share(ctx, er, []string{fatima.status(t).SeatID}); err != nil {
		t.Fatal(err)
	}
	if _, err := karim.f.HandOver(ctx, er, fatima.status(t).SeatID); err != nil {
		t.Fatal(err)
	}
	fatima.sync(t)
	fatima.rename(t, er, ids[0], "PAR-FATIMA")
	fatima.sync(t)
	if res := omar.sync(t); res.Applied != 0 {
		t.Fatalf("omar applied %d changes of a dossier he is not on", res.Applied)
	}
	if rows, _ := omar.f.Dossiers(ctx); len(rows) != 0 {
		t.Fatalf("omar's portfolio: %+v", rows)
	}
	row, err := karim.f.Share(ctx, er, []string{omar.status(t).SeatID})
	if err != nil || len(row.Seats) != 3 {
		t.Fatalf("grant: %+v %v", row, err)
	}
	omar.sync(t)
	if got := omar.employee(t, er, ids[0]); got.LastName != "PAR-FATIMA" {
		t.Fatalf("omar's copy: %s", got.LastName)
	}
	if err := omar.f.CheckEditable(er); i18n.Code(err) != CodeFirmReadOnly {
		t.Fatalf("omar may edit fatima's dossier: %v", err)
	}
	// Fatima still holds it and writes on.
	fatima.rename(t, er, ids[1], "ENCORE")
	if res := fatima.sync(t); res.Published != 1 {
		t.Fatalf("fatima published %d after the grant", res.Published)
	}
	omar.sync(t)
	if got := omar.employee(t, er, ids[1]); got.LastName != "ENCORE" {
		t.Fatalf("omar's copy after fatima's next change: %s", got.LastName)
	}
}

// A proposal discarded puts back, on the seat that made it, the records it
// changed as the dossier has them (without waiting for them to change
// remotely); a record made on this seat only stays; an unknown proposal is
// refused; a store that cannot be read keeps the proposal.
func TestFirmDiscardProposalRestoresTheDossier(t *testing.T) {
	seats := firmOf(t, "Karim", "Fatima")
	karim, fatima := seats[0], seats[1]
	ctx := context.Background()
	er, ids := employerWith(t, karim, 2)
	if _, err := karim.f.Share(ctx, er, []string{fatima.status(t).SeatID}); err != nil {
		t.Fatal(err)
	}
	karim.rename(t, er, ids[0], "VERSION-DOSSIER")
	if _, err := karim.f.Publish(ctx, er); err != nil {
		t.Fatal(err)
	}
	fatima.sync(t)
	before := fatima.employee(t, er, ids[0])
	if before.LastName != "VERSION-DOSSIER" {
		t.Fatalf("fatima's copy: %s", before.LastName)
	}
	// Fatima edits without the lease (offline): a proposal.
	fatima.rename(t, er, ids[0], "HORS-BAIL")
	if res, err := fatima.f.Sync(ctx, nil); err != nil || res.Proposed != 1 || res.Published != 0 {
		t.Fatalf("sync of an edit without the lease: %+v %v", res, err)
	}
	// Keeping changes as a proposal is not a failed call: the store answered.
	if st := fatima.status(t); st.LastError != "" || !st.Reachable {
		t.Fatalf("a sync that only made a proposal is marked failed: %q reachable=%v", st.LastError, st.Reachable)
	}
	props, err := fatima.f.Proposals(ctx, er)
	if err != nil || len(props) != 1 {
		t.Fatalf("fatima's proposals: %+v %v", props, err)
	}
	if err := fatima.f.DiscardProposal(ctx, er, "nope"); i18n.Code(err) != CodeFirmNoProposal {
		t.Fatalf("discard an unknown proposal: %v", err)
	}
	if err := fatima.f.DiscardProposal(ctx, er, props[0].ID); err != nil {
		t.Fatal(err)
	}
	after := fatima.employee(t, er, ids[0])
	if after.LastName != "VERSION-DOSSIER" || !after.UpdatedAt.Equal(before.UpdatedAt) {
		t.Fatalf("fatima's copy after the discard: %s (updated %v, was %v)", after.LastName, after.UpdatedAt, before.UpdatedAt)
	}
	if props, _ := fatima.f.Proposals(ctx, er); len(props) != 0 {
		t.Fatalf("proposal still listed after the discard: %+v", props)
	}
	// Nothing left to send: the restored record is the dossier's again.
	if res := fatima.sync(t); res.Proposed != 0 || res.Published != 0 {
		t.Fatalf("fatima's sync after the discard: %+v", res)
	}
	if got := karim.employee(t, er, ids[0]); got.LastName != "VERSION-DOSSIER" {
		t.Fatalf("karim's copy: %s", got.LastName)
	}
	if got := fatima.employee(t, er, ids[1]); got.LastName == "HORS-BAIL" {
		t.Fatal("another employee changed")
	}
}

// A seat that already has an employer with the affiliation number of an
// incoming dossier: the sync of the other dossiers goes through and is not
// an error; the dossier's row says, in three languages, which local
// employer is in the way and what to do; once it is out of the way, the
// next sync receives the dossier and the row is an ordinary one.
func TestFirmAffiliationClash(t *testing.T) {
	seats := firmOf(t, "Karim", "Fatima")
	karim, fatima := seats[0], seats[1]
	ctx := context.Background()
	fid := fatima.status(t).SeatID
	er, _ := employerWith(t, karim, 1)
	var other, mine string
	karim.session(t, func(ss *Session) {
		e, err := ss.Store.Employers().Create(domain.Employer{Affiliation: "7654321", Name: "Souss Conseil SARL"})
		if err != nil {
			t.Fatal(err)
		}
		other = e.ID
	})
	fatima.session(t, func(ss *Session) {
		e, err := ss.Store.Employers().Create(domain.Employer{Affiliation: "1234567", Name: "Atlas Doublon Local"})
		if err != nil {
			t.Fatal(err)
		}
		mine = e.ID
	})
	for _, id := range []string{er, other} {
		if _, err := karim.f.Share(ctx, id, []string{fid}); err != nil {
			t.Fatal(err)
		}
	}
	res, err := fatima.f.Sync(ctx, nil)
	if err != nil || res.Clashes != 1 || res.Applied == 0 {
		t.Fatalf("fatima's sync with a clash: %+v %v", res, err)
	}
	if st := fatima.status(t); st.LastError != "" {
		t.Fatalf("the sync is marked failed: %s", st.LastError)
	}
	rows, err := fatima.f.Dossiers(ctx)
	if err != nil || len(rows) != 2 {
		t.Fatalf("fatima's rows: %+v %v", rows, err)
	}
	var clash, ok FirmDossier
	for _, r := range rows {
		if r.Clash != "" {
			clash = r
		} else {
			ok = r
		}
	}
	if ok.EmployerID != other || ok.EmployerName != "Souss Conseil SARL" {
		t.Fatalf("the other dossier: %+v", ok)
	}
	if clash.Clash != CodeFirmAffiliationClash || clash.ClashWith != mine || clash.EmployerID != "" || clash.HolderName != "Karim" {
		t.Fatalf("the clashing dossier's row: %+v", clash)
	}
	for _, m := range []string{clash.ClashMessage.FR, clash.ClashMessage.AR, clash.ClashMessage.EN} {
		if !strings.Contains(m, "Atlas Doublon Local") {
			t.Fatalf("clash message %q does not name the local employer", m)
		}
	}
	// Nothing of karim's dossier landed here; fatima's employer is intact.
	fatima.session(t, func(ss *Session) {
		if _, err := ss.Store.Employers().Get(er); err == nil {
			t.Fatal("karim's employer was written despite the clash")
		}
		if e, err := ss.Store.Employers().Get(mine); err != nil || e.Name != "Atlas Doublon Local" {
			t.Fatalf("fatima's employer: %+v %v", e, err)
		}
	})
	// Still there at the next sync; gone once the local duplicate is.
	if res := fatima.sync(t); res.Clashes != 1 {
		t.Fatalf("second sync: %+v", res)
	}
	fatima.session(t, func(ss *Session) {
		if err := ss.Store.Employers().Delete(mine); err != nil {
			t.Fatal(err)
		}
	})
	if res := fatima.sync(t); res.Clashes != 0 || res.Applied == 0 {
		t.Fatalf("sync once out of the way: %+v", res)
	}
	rows, _ = fatima.f.Dossiers(ctx)
	if len(rows) != 2 || rows[0].Clash != "" || rows[1].Clash != "" {
		t.Fatalf("rows once received: %+v", rows)
	}
	fatima.session(t, func(ss *Session) {
		if e, err := ss.Store.Employers().Get(er); err != nil || e.Name != "Atlas Cabinet SARL" {
			t.Fatalf("karim's employer here: %+v %v", e, err)
		}
	})
}

// An employee erased on one seat (law 09-08) is erased on the others: the
// erasure travels as a tombstone, is applied once, and echoes nowhere.
func TestFirmErasureTravels(t *testing.T) {
	seats := firmOf(t, "Karim", "Fatima", "Youssef")
	karim := seats[0]
	ctx := context.Background()
	er, ids := employerWith(t, karim, 2)
	if _, err := karim.f.Share(ctx, er, []string{seats[1].status(t).SeatID, seats[2].status(t).SeatID}); err != nil {
		t.Fatal(err)
	}
	for _, s := range seats[1:] {
		s.sync(t)
		s.employee(t, er, ids[0]) // there before
	}
	karim.session(t, func(ss *Session) {
		if err := ss.Store.Employees().Erase(er, ids[0]); err != nil {
			t.Fatal(err)
		}
	})
	if res := karim.sync(t); res.Published != 1 {
		t.Fatalf("karim published %d records for the erasure", res.Published)
	}
	for _, s := range seats[1:] {
		if res := s.sync(t); res.Applied != 1 || res.Published != 0 || res.Proposed != 0 {
			t.Fatalf("%s's sync: %+v", s.name, res)
		}
		s.session(t, func(ss *Session) {
			if _, err := ss.Store.Employees().Get(er, ids[0]); !store.IsNotFound(err) {
				t.Fatalf("%s still has the erased employee: %v", s.name, err)
			}
			if _, err := ss.Store.Employees().Get(er, ids[1]); err != nil {
				t.Fatalf("%s lost the other employee: %v", s.name, err)
			}
		})
	}
	// No echo: nothing left to send anywhere.
	for _, s := range seats {
		if res := s.sync(t); res.Published != 0 || res.Proposed != 0 {
			t.Fatalf("%s sends again after the erasure: %+v", s.name, res)
		}
		if props, err := s.f.Proposals(ctx, er); err != nil || len(props) != 0 {
			t.Fatalf("%s keeps the erasure as a proposal: %+v %v", s.name, props, err)
		}
	}
}

// A tombstone is honoured for an employee only, and only with its
// employer: a forged deletion of anything else is refused, nothing written.
func TestFirmTombstonesRefused(t *testing.T) {
	s := newSeat(t, "Karim")
	er, ids := employerWith(t, s, 1)
	tb := []byte(`{"employer_id":"` + er + `"}`)
	for name, r := range map[string]firm.Record{
		"employer":         {Kind: firm.KindEmployer, Key: er, Value: tb, Deleted: true},
		"declaration":      {Kind: firm.KindDeclaration, Key: "x", Value: tb, Deleted: true},
		"submission":       {Kind: firm.KindSubmission, Key: "x", Value: tb, Deleted: true},
		"no employer":      {Kind: firm.KindEmployee, Key: ids[0], Deleted: true},
		"empty employer":   {Kind: firm.KindEmployee, Key: ids[0], Value: []byte(`{"employer_id":""}`), Deleted: true},
		"garbage employer": {Kind: firm.KindEmployee, Key: ids[0], Value: []byte(`{`), Deleted: true},
	} {
		s.session(t, func(ss *Session) {
			err := ss.Store.Update(func(tx *store.Tx) error { _, err := applyRecords(tx, []firm.Record{r}, "self", ""); return err })
			if err == nil {
				t.Errorf("%s: tombstone applied", name)
			}
		})
	}
	s.employee(t, er, ids[0]) // still there
	s.session(t, func(ss *Session) {
		if _, err := ss.Store.Employers().Get(er); err != nil {
			t.Fatalf("employer gone: %v", err)
		}
	})
}
