package desktop

import (
	"bytes"
	"context"
	"encoding/json"
	"path"
	"strconv"
	"strings"

	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/params"
	"github.com/tasrih/tasrih/internal/receipt"
	"github.com/tasrih/tasrih/internal/store"
)

// EffectiveDeadline is the deadline of employer er for period p: the
// employer's own override (an extension entered for this employer), else
// the legal due date moved by the CNSS's period-wide extension, if any. ext
// describes the extension applied (nil: none).
// exts is st.DeadlineExtensions() or tx.DeadlineExtensions().
func EffectiveDeadline(exts store.DeadlineExtensions, tab *params.Table, er domain.Employer, p domain.Period) (legal, due domain.Date, ext *receipt.Extension, err error) {
	dl, err := exts.Effective(tab, er, p)
	if err != nil || !dl.Extended {
		return dl.Legal, dl.Legal, nil, err
	}
	return dl.Legal, dl.Due, &receipt.Extension{Date: dl.Due, Reference: dl.Reference}, nil
}

// Evidence gathers the outage evidence of one declaration: its facts, the
// deadline with any extension, every deposit attempt, the acceptance, and
// the raw files (the declaration file, the platform's answers, the manual
// control report, the screenshots).
func Evidence(st *store.Store, tab *params.Table, declarationID string, lang i18n.Lang) (receipt.Evidence, []receipt.RawFile, error) {
	var ev receipt.Evidence
	var raw []receipt.RawFile
	err := st.View(func(tx *store.Tx) error {
		d, er, err := declAndEmployer(tx, declarationID)
		if err != nil {
			return err
		}
		parsed, _ := declaration.Validate(d.Bytes, declaration.Options{Params: tab})
		if parsed == nil {
			return errUnreadable()
		}
		_, _, tot := receipt.Facts(&parsed.Decl)
		legal, _, ext, err := EffectiveDeadline(tx.DeadlineExtensions(), tab, er, d.Period)
		if err != nil {
			return err
		}
		ev = receipt.Evidence{Employer: receipt.Employer{Affiliation: er.Affiliation, Name: er.Name, ICE: er.ICE},
			Period: d.Period, Kind: declaration.Kind(d.Kind), Sequence: d.Sequence, FileName: d.FileName, SHA256: d.SHA256,
			Totals: tot, DueDate: legal, Extension: ext, Lang: lang}
		raw = append(raw, receipt.RawFile{Name: safeName(d.FileName), Data: d.Bytes})
		atts, err := tx.DepositAttempts().List(d.ID)
		if err != nil {
			return err
		}
		for i, a := range atts {
			ra := receipt.Attempt{At: a.At, Channel: string(a.Channel), Action: a.Action, Outcome: string(a.Outcome),
				Answer: a.Answer, Note: a.Note, Operator: a.Operator}
			if a.HasScreenshot {
				shot, err := tx.DepositAttempts().Screenshot(d.ID, a.ID)
				if err != nil {
					return err
				}
				ext := ".png"
				if len(shot) > 2 && shot[0] == 0xFF && shot[1] == 0xD8 {
					ext = ".jpg"
				}
				ra.Screenshot = "captures/tentative-" + strconv.Itoa(i+1) + ext
				raw = append(raw, receipt.RawFile{Name: ra.Screenshot, Data: shot})
			}
			ev.Attempts = append(ev.Attempts, ra)
		}
		subs, err := tx.Submissions().ListByDeclaration(d.ID)
		if err != nil {
			return err
		}
		for _, sub := range subs {
			res, err := tx.DepositResults().Get(sub.ID)
			if err != nil {
				continue // no final answer for this submission
			}
			b, err := json.MarshalIndent(res, "", "  ")
			if err != nil {
				return err
			}
			raw = append(raw, receipt.RawFile{Name: "reponses-plateforme/" + res.DepositID + ".json", Data: append(b, '\n')})
			if res.Status == store.DepositAccepted {
				ev.Accepted = &receipt.Accepted{AcknowledgementNumber: res.AcknowledgementNumber, PaymentReference: res.PaymentReference, At: res.ProcessedAt}
			}
			ev.Sandbox = ev.Sandbox || sub.Profile == domain.ProfileSandbox
		}
		if d.Status == store.StatusManual {
			if md, err := tx.ManualDeposits().Get(d.ID); err == nil {
				ev.Accepted = &receipt.Accepted{AcknowledgementNumber: md.DepositReference, PaymentReference: md.PaymentReference,
					At: md.DepositDate.Time(), Manual: true}
				if len(md.ControlReportPDF) > 0 {
					raw = append(raw, receipt.RawFile{Name: "rapport-de-controle.pdf", Data: md.ControlReportPDF})
				}
			}
		}
		return nil
	})
	return ev, raw, err
}

// safeName keeps the base of a file name, as an archive entry.
func safeName(name string) string {
	b := path.Base(strings.ReplaceAll(name, "\\", "/"))
	if b == "." || b == "/" || b == ".." || b == "" {
		return "declaration.txt"
	}
	return b
}

// EvidencePack returns the evidence archive (receipt.EvidenceZIP) of one
// declaration.
func EvidencePack(ctx context.Context, st *store.Store, tab *params.Table, declarationID string, lang i18n.Lang) ([]byte, error) {
	ev, raw, err := Evidence(st, tab, declarationID, lang)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := receipt.EvidenceZIP(ctx, &b, ev, raw); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// EvidenceBatch writes one archive with the evidence pack of every
// declaration of period p for the employers ids (none: all), one
// "<affiliation>/<file>-preuve.zip" entry each: the portfolio's batch.
func (s *Session) EvidenceBatch(ctx context.Context, w *bytes.Buffer, p domain.Period, ids []string, lang i18n.Lang) (int, error) {
	ers, err := s.employersOf(ids)
	if err != nil {
		return 0, err
	}
	var items []receipt.Item
	for _, er := range ers {
		decls, err := s.Store.Declarations().List(er.ID, p)
		if err != nil {
			return 0, err
		}
		for _, d := range decls {
			id := d.ID
			name := strings.TrimSuffix(receipt.EntryName(er.Affiliation, d.FileName, "preuve"), ".pdf") + ".zip"
			items = append(items, receipt.Item{Name: name, PDF: func(ctx context.Context) ([]byte, error) {
				return EvidencePack(ctx, s.Store, s.Params, id, lang)
			}})
		}
	}
	return len(items), receipt.ExportZIP(ctx, w, items, nil)
}
