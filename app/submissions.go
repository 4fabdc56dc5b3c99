package app

import (
	"github.com/tasrih/tasrih/internal/desktop"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/platform/api"
	"github.com/tasrih/tasrih/internal/platform/manual"
	"github.com/tasrih/tasrih/internal/platform/sandbox"
	"github.com/tasrih/tasrih/internal/store"
)

// Submissions is the bound service of the deposit: platform profiles (the
// embedded sandbox by default), login with a one-time code, the outbox, and
// the manual deposit on damancom.ma. Events: outbox:event (outbox.Event),
// outbox:login_required {profile}, sandbox:otp {login},
// receipt:created {receipt_id, declaration_id}.
type Submissions struct {
	svc *Services
}

// SubmitOutcome is the answer of Submit and Batch.SubmitReady.
type SubmitOutcome struct {
	Results []SubmitResult `json:"results"`
	// SnapshotPath is the snapshot taken before submitting ("" if none).
	SnapshotPath string `json:"snapshot_path"`
	// SnapshotError is why that snapshot failed (the submission went on).
	SnapshotError *ErrorPayload `json:"snapshot_error"`
}

// SubmitResult is the outcome of one declaration.
type SubmitResult struct {
	DeclarationID string            `json:"declaration_id"`
	Submission    *store.Submission `json:"submission"`
	// Created is false when it was already in the outbox (same submission).
	Created bool `json:"created"`
	// Error is why it was refused (null: queued).
	Error *ErrorPayload `json:"error"`
}

// Challenge is the answer of Login: where the one-time code was sent.
type Challenge struct {
	OTPChannel     api.OTPChannel `json:"otp_channel"`
	OTPDestination string         `json:"otp_destination"` // masked
	ExpiresIn      int            `json:"expires_in"`      // seconds
}

// ManualEvidenceInput is what the user brings back from damancom.ma.
type ManualEvidenceInput struct {
	DepositReference string `json:"deposit_reference"`
	// DepositDate is "AAAAMMJJ".
	DepositDate      string `json:"deposit_date"`
	PaymentReference string `json:"payment_reference"`
	// ControlReportToken is the token of the control-report PDF chosen with
	// ChooseControlReport ("" : none).
	ControlReportToken string `json:"control_report_token"`
}

// Profiles lists the platform profiles: sandbox (with its demo account),
// the remote ones in use, manual.
func (s *Submissions) Profiles() ([]desktop.Profile, error) {
	var out []desktop.Profile
	err := s.svc.Core.Use(func(ss *desktop.Session) error {
		out = ss.Profiles(s.svc.sandboxDemo())
		return nil
	})
	return nonNil(out), err
}

// Login sends login and password (empty: the one kept in the OS keyring) to
// the platform of profile, which sends a one-time code; remember keeps a
// typed password in the OS keyring.
func (s *Submissions) Login(profile, login, password string, remember bool) (Challenge, error) {
	pr, err := parseProfile(profile)
	if err != nil {
		return Challenge{}, err
	}
	var out Challenge
	err = s.svc.Core.Use(func(ss *desktop.Session) error {
		ctx, cancel := ss.CallContext()
		defer cancel()
		ch, err := ss.Login(ctx, pr, login, password, remember)
		out = Challenge{OTPChannel: ch.OTPChannel, OTPDestination: ch.OTPDestination, ExpiresIn: ch.ExpiresIn}
		return err
	})
	return out, err
}

// VerifyOTP sends the one-time code; the parked submissions of the profile
// then resume.
func (s *Submissions) VerifyOTP(profile, code string) error {
	pr, err := parseProfile(profile)
	if err != nil {
		return err
	}
	return s.svc.Core.Use(func(ss *desktop.Session) error {
		ctx, cancel := ss.CallContext()
		defer cancel()
		return ss.VerifyOTP(ctx, pr, code)
	})
}

// SandboxInbox returns the one-time codes the embedded sandbox sent to
// login, newest first (training platform only).
func (s *Submissions) SandboxInbox(login string) ([]sandbox.InboxMessage, error) {
	var out []sandbox.InboxMessage
	err := s.svc.Core.Use(func(ss *desktop.Session) (err error) { out, err = ss.SandboxInbox(login); return err })
	return nonNil(out), err
}

// Submit puts a declaration in the outbox with profile ("" : the
// employer's), after a snapshot when the settings ask for one.
func (s *Submissions) Submit(declarationID, profile string) (SubmitOutcome, error) {
	return s.submit([]string{declarationID}, profile)
}

func (s *Submissions) submit(ids []string, profile string) (SubmitOutcome, error) {
	var pr domain.PlatformProfile
	if profile != "" {
		var err error
		if pr, err = parseProfile(profile); err != nil {
			return SubmitOutcome{}, err
		}
	}
	o, err := s.svc.Core.Submit(ids, pr)
	if err != nil {
		return SubmitOutcome{}, err
	}
	lang := s.svc.lang()
	out := SubmitOutcome{Results: []SubmitResult{}, SnapshotPath: o.SnapshotPath}
	if o.SnapshotErr != nil {
		out.SnapshotError = formatError(o.SnapshotErr, lang)
	}
	for _, r := range o.Results {
		sr := SubmitResult{DeclarationID: r.DeclarationID, Submission: r.Submission, Created: r.Created}
		if r.Err != nil {
			sr.Error = formatError(r.Err, lang)
		}
		out.Results = append(out.Results, sr)
	}
	return out, nil
}

// List returns the submissions of a declaration, oldest first.
func (s *Submissions) List(declarationID string) ([]store.Submission, error) {
	var out []store.Submission
	err := s.svc.Core.Use(func(ss *desktop.Session) (err error) {
		out, err = ss.Store.Submissions().ListByDeclaration(declarationID)
		return err
	})
	return nonNil(out), err
}

// Pending returns every submission still in the outbox, oldest first.
func (s *Submissions) Pending() ([]store.Submission, error) {
	var out []store.Submission
	err := s.svc.Core.Use(func(ss *desktop.Session) (err error) { out, err = ss.Store.Submissions().ListPending(); return err })
	return nonNil(out), err
}

// Result returns the platform's definitive answer of a submission
// (store.not_found before it).
func (s *Submissions) Result(submissionID string) (store.DepositResult, error) {
	var out store.DepositResult
	err := s.svc.Core.Use(func(ss *desktop.Session) (err error) {
		out, err = ss.Store.DepositResults().Get(submissionID)
		return err
	})
	return out, err
}

// Resubmit starts a new submission (new idempotency key) after a definitive
// rejection or failure.
func (s *Submissions) Resubmit(declarationID string) (store.Submission, error) {
	var out store.Submission
	err := s.svc.Core.Use(func(ss *desktop.Session) (err error) {
		if err = s.svc.Core.FirmEditableDeclaration(ss, declarationID); err != nil {
			return err
		}
		out, err = ss.Outbox.Resubmit(declarationID)
		return err
	})
	return out, err
}

// Cancel withdraws a queued submission before its first send (the
// declaration is ready again); outbox.cancel_refused once it was sent.
func (s *Submissions) Cancel(submissionID string) (store.Submission, error) {
	var out store.Submission
	err := s.svc.Core.Use(func(ss *desktop.Session) (err error) {
		if err = s.svc.Core.FirmEditableSubmission(ss, submissionID); err != nil {
			return err
		}
		out, err = ss.Outbox.Cancel(submissionID)
		return err
	})
	return out, err
}

// ChooseExportFolder asks for the folder where ManualExport writes the file:
// its token and its name (empty when cancelled).
func (s *Submissions) ChooseExportFolder() (Chosen, error) {
	p, err := s.svc.shell.OpenDirectory(FileDialog{Title: "Dossier d'export pour le dépôt sur damancom.ma"})
	return s.svc.paths.issue(choiceExportFolder, p, err)
}

// ManualExport writes the declaration file, under its official name, into
// the folder chosen with ChooseExportFolder (its token, single use) for a
// deposit by hand, and returns its path.
func (s *Submissions) ManualExport(declarationID, token string) (string, error) {
	folder, err := s.svc.paths.take(choiceExportFolder, token)
	if err != nil {
		return "", err
	}
	var out string
	err = s.svc.Core.Use(func(ss *desktop.Session) (err error) { out, err = ss.Manual.Export(declarationID, folder); return err })
	return out, err
}

// OpenPortal opens damancom.ma in the system browser.
func (s *Submissions) OpenPortal() { s.svc.shell.OpenURL(manual.PortalURL) }

// ChooseControlReport asks for the control-report PDF downloaded from the
// portal: its token for RecordManual and its name (empty when cancelled).
func (s *Submissions) ChooseControlReport() (Chosen, error) {
	p, err := s.svc.shell.OpenFile(FileDialog{Title: "Rapport de contrôle (PDF)", Filters: [][2]string{{"PDF", "*.pdf;*.PDF"}}})
	return s.svc.paths.issue(choiceControlReport, p, err)
}

// RecordManual records the evidence of a manual deposit: the declaration's
// status becomes manual and its receipt is made (receipt:created).
func (s *Submissions) RecordManual(declarationID string, ev ManualEvidenceInput) (store.ManualDeposit, error) {
	date, err := desktop.ParseDate(ev.DepositDate)
	if err != nil {
		return store.ManualDeposit{}, err
	}
	in := manual.Evidence{DepositReference: ev.DepositReference, DepositDate: date, PaymentReference: ev.PaymentReference}
	if ev.ControlReportToken != "" {
		path, err := s.svc.paths.take(choiceControlReport, ev.ControlReportToken)
		if err != nil {
			return store.ManualDeposit{}, err
		}
		if in.ControlReportPDF, err = desktop.ReadFile(path, manual.MaxControlReportPDF); err != nil {
			return store.ManualDeposit{}, err
		}
	}
	var out store.ManualDeposit
	err = s.svc.Core.Use(func(ss *desktop.Session) (err error) {
		if err = s.svc.Core.FirmEditableDeclaration(ss, declarationID); err != nil {
			return err
		}
		out, err = ss.Manual.RecordEvidence(declarationID, in)
		return err
	})
	out.ControlReportPDF = nil
	return out, err
}
