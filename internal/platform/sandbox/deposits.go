package sandbox

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	badger "github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/params"
	"github.com/tasrih/tasrih/internal/platform/api"
)

// depositRecord is a deposit as stored: the API view plus what the sandbox
// needs to process it.
type depositRecord struct {
	api.Deposit
	Login        string    `json:"login"`
	ProcessingAt time.Time `json:"processing_at"` // received → processing
	DueAt        time.Time `json:"due_at"`        // processing → accepted/rejected
}

type idemEntry struct {
	DepositID string `json:"deposit_id"`
	SHA256    string `json:"sha256"`
}

// maxControlItems bounds the control report of a deposit.
const maxControlItems = 1000

func (s *Server) handleDeposit(w http.ResponseWriter, r *http.Request, login string) {
	aff := r.PathValue("aff")
	if e := s.checkMandate(login, aff); e != nil {
		writeError(w, e)
		return
	}
	per, e := s.publishedPeriod(r.PathValue("period"))
	if e != nil {
		writeError(w, e)
		return
	}
	q := r.URL.Query()
	kind := api.Kind(q.Get("kind"))
	seq := 0
	if v := q.Get("sequence"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || len(v) > 1 {
			writeError(w, badRequest("sequence: 0 for a principal declaration, 1 to 9 for a complementary one"))
			return
		}
		seq = n
	}
	switch {
	case !kind.Valid():
		writeError(w, badRequest("kind: principal or complementary"))
		return
	case kind == api.KindPrincipal && seq != 0, kind == api.KindComplementary && (seq < 1 || seq > 9):
		writeError(w, badRequest("sequence: 0 for a principal declaration, 1 to 9 for a complementary one"))
		return
	}
	key := r.Header.Get(api.HeaderIdempotencyKey)
	if _, err := uuid.Parse(key); err != nil || len(key) != 36 {
		writeError(w, badRequest("Idempotency-Key: a UUID is required"))
		return
	}
	key = strings.ToLower(key)
	digest := strings.ToLower(r.Header.Get(api.HeaderContentSHA256))
	if b, err := hex.DecodeString(digest); err != nil || len(b) != sha256.Size {
		writeError(w, badRequest("Content-SHA256: the hex SHA-256 of the body is required"))
		return
	}
	if r.ContentLength > api.MaxDepositSize {
		writeError(w, api.New(api.CodeTooLarge, "declaration larger than 20 MiB"))
		return
	}
	// At most MaxBodyReaders bodies are read at once, and memory grows with
	// the bytes that arrive, never with the length announced: 100 sockets
	// announcing 20 MiB and sending nothing cost nothing.
	if e := s.acquireBody(r); e != nil {
		writeError(w, e)
		return
	}
	var buf bytes.Buffer
	_, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, api.MaxDepositSize))
	s.releaseBody()
	body := buf.Bytes()
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			writeError(w, api.New(api.CodeTooLarge, "declaration larger than 20 MiB"))
			return
		}
		writeError(w, badRequest("unreadable body"))
		return
	}
	if len(body) == 0 {
		writeError(w, badRequest("empty body: the declaration file is required"))
		return
	}
	sum := sha256.Sum256(body)
	if hex.EncodeToString(sum[:]) != digest {
		writeError(w, api.New(api.CodeDigestMismatch, "Content-SHA256 does not match the body"))
		return
	}
	rec, status, e := s.deposit(login, aff, per, kind, seq, key, digest, body)
	if e != nil {
		writeError(w, e)
		return
	}
	if s.rng.chance(s.currentFaults().DropAfterCommit) {
		s.dropConnection(w)
		return
	}
	writeJSON(w, status, api.DepositReceived{DepositID: rec.DepositID, Status: rec.Status, ReceivedAt: rec.ReceivedAt, SHA256: rec.SHA256})
}

// dropConnection closes the client's connection without an answer
// (fault injection, after the deposit was committed).
func (s *Server) dropConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler) // not hijackable (HTTP/2): abort the stream
	}
	conn.Close()
}

// deposit stores a new deposit or finds the one of the same Idempotency-Key.
func (s *Server) deposit(login, aff string, per domain.Period, kind api.Kind, seq int, key, digest string, body []byte) (depositRecord, int, *api.Error) {
	// A key names one deposit whoever sends it (a UUID: no scope is needed),
	// not one per login: a retry after the user logged in with another
	// account mandated for the same employer finds the deposit the first
	// attempt made; the same key for another affiliation is a conflict.
	unlockKey := s.locks.lock("idem:" + key)
	defer unlockKey()
	var idem idemEntry
	var found bool
	var rec depositRecord
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		if found, err = getJSON(txn, kIdem(key), &idem); err != nil || !found {
			return err
		}
		_, err = getJSON(txn, kDeposit(idem.DepositID), &rec)
		return err
	})
	if err != nil {
		return rec, 0, s.internal(err)
	}
	if found {
		if idem.SHA256 != digest {
			return rec, 0, api.New(api.CodeIdempotencyConflict, "this Idempotency-Key was used for another file")
		}
		if rec.Affiliation != aff || rec.Period != per || rec.Kind != kind || rec.Sequence != seq {
			return rec, 0, api.New(api.CodeIdempotencyConflict, "this Idempotency-Key was used for another deposit")
		}
		return rec, http.StatusOK, nil
	}

	unlockSlot := s.locks.lock("slot:" + aff + per.String())
	defer unlockSlot()
	deps, err := s.listDeposits(aff, &per)
	if err != nil {
		return rec, 0, s.internal(err)
	}
	principal, sameSeq := false, false
	for _, d := range deps {
		if d.Status == api.StatusRejected {
			continue
		}
		if d.Kind == api.KindPrincipal {
			principal = true
		}
		if d.Kind == kind && d.Sequence == seq {
			sameSeq = true
		}
	}
	switch {
	case kind == api.KindComplementary && !principal:
		return rec, 0, api.New(api.CodePrincipalMissing, "no principal declaration received or accepted for this period")
	case sameSeq:
		return rec, 0, api.New(api.CodeAlreadyDeclared, "a declaration of this kind and sequence is already received, processing or accepted")
	}
	now := s.now().UTC().Truncate(time.Millisecond)
	delay := s.seed.ProcessingDelay
	rec = depositRecord{
		Deposit: api.Deposit{DepositID: uuid.NewString(), Affiliation: aff, Period: per, Kind: kind, Sequence: seq,
			Status: api.StatusReceived, ReceivedAt: now, SHA256: digest, ControlReport: []api.ControlItem{}},
		Login: login, ProcessingAt: now.Add(delay / 2), DueAt: now.Add(delay),
	}
	err = s.update(func(txn *badger.Txn) error {
		if err := setJSON(txn, kDeposit(rec.DepositID), &rec); err != nil {
			return err
		}
		if err := txn.Set(kBody(rec.DepositID), body); err != nil {
			return err
		}
		if err := setJSON(txn, kIdem(key), &idemEntry{DepositID: rec.DepositID, SHA256: digest}); err != nil {
			return err
		}
		return txn.Set(kIndex(aff, per.String(), rec.DepositID), nil)
	})
	if err != nil {
		return rec, 0, s.internal(err)
	}
	s.schedule(rec.DepositID, rec.ProcessingAt)
	return rec, http.StatusAccepted, nil
}

func (s *Server) handleGetDeposit(w http.ResponseWriter, r *http.Request, login string) {
	id := r.PathValue("id")
	if _, err := uuid.Parse(id); err != nil || len(id) != 36 {
		writeError(w, api.New(api.CodeNotFound, "unknown deposit"))
		return
	}
	rec, found, err := s.advance(id)
	if err != nil {
		writeError(w, s.internal(err))
		return
	}
	if !found {
		writeError(w, api.New(api.CodeNotFound, "unknown deposit"))
		return
	}
	if _, ok := s.mandates[login][rec.Affiliation]; !ok {
		writeError(w, api.New(api.CodeNotFound, "unknown deposit")) // never reveal another account's deposit
		return
	}
	writeJSON(w, http.StatusOK, rec.Deposit)
}

func (s *Server) handleListDeposits(w http.ResponseWriter, r *http.Request, login string) {
	aff := r.PathValue("aff")
	if e := s.checkMandate(login, aff); e != nil {
		writeError(w, e)
		return
	}
	var per *domain.Period
	if v := r.URL.Query().Get("period"); v != "" {
		p, err := domain.ParsePeriod(v)
		if err != nil || len(v) != 6 {
			writeError(w, badRequest("period: AAAAMM expected"))
			return
		}
		per = &p
	}
	deps, err := s.listDeposits(aff, per)
	if err != nil {
		writeError(w, s.internal(err))
		return
	}
	out := make([]api.Deposit, 0, len(deps))
	for _, d := range deps {
		if !d.Status.Final() {
			if nd, ok, err := s.advance(d.DepositID); err == nil && ok {
				d = nd
			}
		}
		out = append(out, d.Deposit)
	}
	writeJSON(w, http.StatusOK, out)
}

// listDeposits returns the deposits of aff (of period per when not nil),
// oldest first.
func (s *Server) listDeposits(aff string, per *domain.Period) ([]depositRecord, error) {
	prefix := kIndexPrefix(aff)
	if per != nil {
		prefix = append(prefix, per.String()+"/"...)
	}
	var out []depositRecord
	err := s.db.View(func(txn *badger.Txn) error {
		o := badger.DefaultIteratorOptions
		o.PrefetchValues = false
		o.Prefix = prefix
		it := txn.NewIterator(o)
		defer it.Close()
		for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
			k := it.Item().Key()
			id := string(k[bytes.LastIndexByte(k, '/')+1:])
			var rec depositRecord
			ok, err := getJSON(txn, kDeposit(id), &rec)
			if err != nil {
				return err
			}
			if ok {
				out = append(out, rec)
			}
		}
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].ReceivedAt.Before(out[j].ReceivedAt) })
	return out, err
}

func (s *Server) depositBody(id string) ([]byte, error) {
	var body []byte
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		body, _, err = getBytes(txn, kBody(id))
		return err
	})
	return body, err
}

// advance moves a deposit along received → processing → accepted/rejected
// when its times have come, and returns it.
func (s *Server) advance(id string) (depositRecord, bool, error) {
	unlock := s.locks.lock("dep:" + id)
	defer unlock()
	var rec depositRecord
	var found bool
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		found, err = getJSON(txn, kDeposit(id), &rec)
		return err
	})
	if err != nil || !found || rec.Status.Final() {
		return rec, found, err
	}
	now := s.now().UTC()
	if rec.Status == api.StatusReceived && !now.Before(rec.ProcessingAt) {
		rec.Status = api.StatusProcessing
		if err := s.update(func(txn *badger.Txn) error { return setJSON(txn, kDeposit(id), &rec) }); err != nil {
			return rec, true, err
		}
	}
	if rec.Status == api.StatusProcessing && !now.Before(rec.DueAt) {
		if err := s.process(&rec, now); err != nil {
			return rec, true, err
		}
	}
	switch rec.Status {
	case api.StatusReceived:
		s.schedule(id, rec.ProcessingAt)
	case api.StatusProcessing:
		s.schedule(id, rec.DueAt)
	default:
		s.unschedule(id)
	}
	return rec, true, nil
}

// process validates the deposit with the project's rule catalogue against
// the préétabli the sandbox published, and stores the verdict.
func (s *Server) process(rec *depositRecord, now time.Time) error {
	body, err := s.depositBody(rec.DepositID)
	if err != nil {
		return err
	}
	pre, err := s.preetabli(rec.Affiliation, rec.Period)
	if err != nil {
		return err
	}
	preParsed, _ := declaration.ReadPreetabli(pre)
	parsed, rep := declaration.Validate(body, declaration.Options{Preetabli: preParsed})
	findings := append([]declaration.Finding(nil), rep.Findings...)
	findings = append(findings, s.intakeFindings(rec, parsed)...)
	if s.currentFaults().Reject {
		findings = append(findings, declaration.Finding{Rule: RuleReject, Severity: declaration.Error, Msg: msgRejectFault})
	}

	items := make([]api.ControlItem, 0, min(len(findings), maxControlItems))
	blocking := false
	for _, f := range findings {
		blocking = blocking || f.Blocking()
		if len(items) == maxControlItems {
			continue
		}
		msg := f.Message(i18n.FR)
		if f.Employee != "" {
			msg = f.Employee + " : " + msg
		}
		items = append(items, api.ControlItem{Rule: f.Rule, Severity: api.Severity(f.Severity), Line: f.Line, Field: f.Field, Message: msg})
	}
	processed := now.Truncate(time.Millisecond)
	rec.ControlReport, rec.ProcessedAt = items, &processed
	if blocking {
		rec.Status = api.StatusRejected
	} else {
		g := parsed.Decl.GrandTotals
		rec.Totals = &api.Totals{Employees: g.Count, Days: g.Days, Real: g.Real, Capped: g.Capped}
		rec.AmountDue = s.amountDue(rec.Affiliation, rec.Period, g.Real, g.Capped)
		rec.Status = api.StatusAccepted
	}
	s.counterMu.Lock() // the counter is the one key every verdict shares
	defer s.counterMu.Unlock()
	return s.update(func(txn *badger.Txn) error {
		if rec.Status == api.StatusAccepted {
			var n uint64
			if b, ok, err := getBytes(txn, kCounter()); err != nil {
				return err
			} else if ok {
				n, _ = strconv.ParseUint(string(b), 10, 64)
			}
			n++
			if err := txn.Set(kCounter(), []byte(strconv.FormatUint(n, 10))); err != nil {
				return err
			}
			rec.AcknowledgementNumber = fmt.Sprintf("SBX-%s-%07d", rec.Period, n)
			rec.PaymentReference = paymentReference(rec.Affiliation, rec.Period, n)
		}
		return setJSON(txn, kDeposit(rec.DepositID), rec)
	})
}

var (
	msgKindMismatch = i18n.Text{
		FR: "le fichier est %s mais il a été déposé comme %s",
		AR: "الملف %s لكنه أُودِع على أنه %s",
		EN: "the file is %s but was deposited as %s",
	}
	msgURLMismatch = i18n.Text{
		FR: "le fichier est pour l'affiliation %s, période %s, mais il a été déposé pour l'affiliation %s, période %s",
		AR: "الملف يخص الانخراط %s والفترة %s، لكنه أُودِع للانخراط %s والفترة %s",
		EN: "the file is for affiliation %s, period %s, but was deposited for affiliation %s, period %s",
	}
)

// intakeFindings checks that the file is what the call said: kind, sequence,
// affiliation and period.
func (s *Server) intakeFindings(rec *depositRecord, p *declaration.Parsed) []declaration.Finding {
	var out []declaration.Finding
	if p.HeaderLine > 0 && (api.Kind(p.Kind) != rec.Kind || p.Sequence != rec.Sequence) {
		out = append(out, declaration.Finding{Rule: declaration.FmtType, Severity: declaration.Error, Record: p.Decl.Header.Cat, Line: p.HeaderLine,
			Field: "L_Cat", Msg: msgKindMismatch, Args: []any{kindLabel(p.Sequence), kindLabel(rec.Sequence)}})
	}
	if e := p.Decl.Employer; p.EmployerLine > 0 && (e.Affiliation != rec.Affiliation || e.Period != rec.Period) {
		out = append(out, declaration.Finding{Rule: declaration.HdrConsistency, Severity: declaration.Error, Line: p.EmployerLine,
			Field: "N_Num_Affilie", Msg: msgURLMismatch, Args: []any{e.Affiliation, e.Period.String(), rec.Affiliation, rec.Period.String()}})
	}
	return out
}

func kindLabel(seq int) string {
	if seq == 0 {
		return "DS"
	}
	return fmt.Sprintf("DSC%d", seq)
}

// amountDue is the contribution per branch (employer and employee parts
// together) of the period's parameter table.
func (s *Server) amountDue(aff string, per domain.Period, real, capped domain.Money) *api.AmountDue {
	ps, err := params.Default().At(per)
	if err != nil {
		return nil
	}
	est := ps.Estimate(real, capped, s.employers[aff].AMOSolidarityOnly)
	out := &api.AmountDue{Total: est.Total, Branches: make([]api.BranchAmount, 0, len(est.Branches))}
	for _, b := range est.Branches {
		out.Branches = append(out.Branches, api.BranchAmount{Branch: b.Branch, Base: b.Base,
			Rate: b.EmployerRate + b.EmployeeRate, Amount: b.Employer + b.Employee})
	}
	return out
}

// paymentReference is "SBX" + affiliation + period + 7-digit counter + 2
// check digits (97 − number mod 97, as a RIB key).
func paymentReference(aff string, per domain.Period, n uint64) string {
	digits := fmt.Sprintf("%s%s%07d", aff, per, n)
	v, _ := new(big.Int).SetString(digits+"00", 10)
	key := 97 - new(big.Int).Mod(v, big.NewInt(97)).Int64()
	return fmt.Sprintf("SBX%s%02d", digits, key)
}

// schedule and unschedule keep the worker's agenda.
func (s *Server) schedule(id string, at time.Time) {
	s.mu.Lock()
	s.pending[id] = at
	s.mu.Unlock()
	s.wake()
}

func (s *Server) unschedule(id string) {
	s.mu.Lock()
	delete(s.pending, id)
	s.mu.Unlock()
}

// loadPending rebuilds the agenda from the store (deposits not yet final).
func (s *Server) loadPending() error {
	return s.db.View(func(txn *badger.Txn) error {
		o := badger.DefaultIteratorOptions
		o.Prefix = []byte("d/")
		it := txn.NewIterator(o)
		defer it.Close()
		for it.Seek(o.Prefix); it.ValidForPrefix(o.Prefix); it.Next() {
			var rec depositRecord
			if err := it.Item().Value(func(b []byte) error { return json.Unmarshal(b, &rec) }); err != nil {
				return ioErr(err)
			}
			switch rec.Status {
			case api.StatusReceived:
				s.pending[rec.DepositID] = rec.ProcessingAt
			case api.StatusProcessing:
				s.pending[rec.DepositID] = rec.DueAt
			}
		}
		return nil
	})
}

// worker advances the deposits whose time has come, Workers at a time. It
// wakes up on a new deposit and, while deposits are pending, at least every
// 200 ms (so that a test clock moved forward is noticed).
func (s *Server) worker() {
	defer s.wg.Done()
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-s.ctx.Done():
			return
		case <-s.kick:
		case <-t.C:
		}
		if next, ok := s.dispatchDue(); ok {
			t.Reset(min(max(next, time.Millisecond), 200*time.Millisecond))
		} // else nothing pending: sleep until a deposit kicks
	}
}

// dispatchDue starts the due deposits and returns the wait until the next
// one (ok is false when nothing is pending).
func (s *Server) dispatchDue() (wait time.Duration, ok bool) {
	now := s.now()
	wait = 200 * time.Millisecond
	s.mu.Lock()
	defer s.mu.Unlock()
	ok = len(s.pending) > 0
	for id, at := range s.pending {
		if d := at.Sub(now); d > 0 {
			wait = min(wait, d)
			continue
		}
		if s.inflight[id] {
			continue
		}
		s.inflight[id] = true
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			select {
			case s.sem <- struct{}{}:
			case <-s.ctx.Done():
				s.mu.Lock()
				delete(s.inflight, id)
				s.mu.Unlock()
				return
			}
			_, _, err := s.advance(id)
			<-s.sem
			if err != nil {
				s.log.Warn("sandbox: deposit processing failed, retrying in 1 s", "deposit", id, "error", err.Error())
				s.mu.Lock()
				s.pending[id] = s.now().Add(time.Second)
				s.mu.Unlock()
			}
			s.mu.Lock()
			delete(s.inflight, id)
			s.mu.Unlock()
			s.wake()
		}()
	}
	return wait, ok
}

func (s *Server) wake() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// acquireBody takes one of the MaxBodyReaders slots, waiting up to bodyWait
// (then 503, retryable).
func (s *Server) acquireBody(r *http.Request) *api.Error {
	t := time.NewTimer(bodyWait)
	defer t.Stop()
	select {
	case s.bodies <- struct{}{}:
		return nil
	case <-t.C:
		e := api.New(api.CodeMaintenance, "sandbox busy: try again")
		e.RetryAfter = time.Second
		return e
	case <-r.Context().Done():
		return api.New(api.CodeBadRequest, "request abandoned")
	}
}

func (s *Server) releaseBody() { <-s.bodies }
