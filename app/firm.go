package app

import (
	"context"

	"github.com/tasrih/tasrih/internal/desktop"
)

// Firm is the bound service of the firm mode (the "Cabinet" screen and the
// portfolio's dossier column): this seat, the firm's store, its seats, the
// dossiers' leases, sync, proposals and bundle files. Events:
// firm:sync_progress {op_id, done, total}, firm:sync_done {op_id, result,
// cancelled, error_code}. The store's secret key is passed once (Create,
// Join) and kept in the OS keyring; no method returns it.
type Firm struct {
	svc *Services
}

// Path kinds of the bundle dialogs.
const (
	choiceBundleExport = "bundle-export" // Firm.ExportBundle
	choiceBundleImport = "bundle-import" // Firm.ImportBundle
)

// maxBundle bounds a bundle file read from disk.
const maxBundle = 256 << 20

func (f *Firm) firm() *desktop.Firm { return f.svc.Core.Firm() }

func callCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), desktop.CallTimeout)
}

// Status returns this seat's firm mode, without calling the store.
func (f *Firm) Status() (desktop.FirmStatus, error) { return f.firm().Status() }

// NewSeat makes this seat's keys for the person name (once) and returns its
// invitation line to give to the firm's founder.
func (f *Firm) NewSeat(name string) (desktop.FirmStatus, error) { return f.firm().NewSeat(name) }

// Create founds the firm on the store of settings (this seat is its
// founder); the store must honour conditional writes.
func (f *Firm) Create(settings desktop.FirmSettings, secretKey string) (desktop.FirmStatus, error) {
	ctx, cancel := callCtx()
	defer cancel()
	return f.firm().Create(ctx, settings, secretKey)
}

// Join joins the firm whose reference line the founder gave.
func (f *Firm) Join(settings desktop.FirmSettings, secretKey, ref string) (desktop.FirmStatus, error) {
	ctx, cancel := callCtx()
	defer cancel()
	return f.firm().Join(ctx, settings, secretKey, ref)
}

// Invite adds the seat of an invitation line (founder only).
func (f *Firm) Invite(invitation string) (desktop.FirmStatus, error) {
	ctx, cancel := callCtx()
	defer cancel()
	return f.firm().Invite(ctx, invitation)
}

// Revoke removes a seat (founder only); its dossiers are re-keyed.
func (f *Firm) Revoke(seatID string) (desktop.FirmStatus, error) {
	ctx, cancel := callCtx()
	defer cancel()
	return f.firm().Revoke(ctx, seatID)
}

// Dossiers lists the firm's dossiers on this seat with their holders.
func (f *Firm) Dossiers() ([]desktop.FirmDossier, error) {
	ctx, cancel := callCtx()
	defer cancel()
	out, err := f.firm().Dossiers(ctx)
	return nonNil(out), err
}

// Share makes an employer a dossier of the firm, readable by seats.
func (f *Firm) Share(employerID string, seats []string) (desktop.FirmDossier, error) {
	ctx, cancel := callCtx()
	defer cancel()
	return f.firm().Share(ctx, employerID, seats)
}

// Take makes this seat the editor of the employer's dossier.
func (f *Firm) Take(employerID string) (desktop.FirmDossier, error) {
	ctx, cancel := callCtx()
	defer cancel()
	return f.firm().Take(ctx, employerID)
}

// HandOver sends the dossier to another seat ("Envoyer à Fatima pour dépôt").
func (f *Firm) HandOver(employerID, seatID string) (desktop.FirmDossier, error) {
	ctx, cancel := callCtx()
	defer cancel()
	return f.firm().HandOver(ctx, employerID, seatID)
}

// Release frees the dossier.
func (f *Firm) Release(employerID string) (desktop.FirmDossier, error) {
	ctx, cancel := callCtx()
	defer cancel()
	return f.firm().Release(ctx, employerID)
}

// StartSync synchronises in the background; it returns the op_id of the
// firm:sync_progress and firm:sync_done events.
func (f *Firm) StartSync() (string, error) { return f.svc.Core.StartFirmSync() }

// CancelSync stops a running sync; false when opID is unknown.
func (f *Firm) CancelSync(opID string) bool { return f.svc.Core.Ops().Cancel(opID) }

// Proposals lists the changes kept on this seat for the employer's dossier.
func (f *Firm) Proposals(employerID string) ([]desktop.FirmProposal, error) {
	ctx, cancel := callCtx()
	defer cancel()
	out, err := f.firm().Proposals(ctx, employerID)
	return nonNil(out), err
}

// Journal lists the audit entries the other seats wrote about the
// employer's dossier, each with its writer.
func (f *Firm) Journal(employerID string) ([]desktop.FirmJournalRow, error) {
	return f.firm().Journal(employerID)
}

// ApplyProposal takes the dossier and sends the proposal.
func (f *Firm) ApplyProposal(employerID, proposalID string) (desktop.FirmDossier, error) {
	ctx, cancel := callCtx()
	defer cancel()
	return f.firm().ApplyProposal(ctx, employerID, proposalID)
}

// DiscardProposal drops the proposal.
func (f *Firm) DiscardProposal(employerID, proposalID string) error {
	ctx, cancel := callCtx()
	defer cancel()
	return f.firm().DiscardProposal(ctx, employerID, proposalID)
}

func bundleDialog(title string) FileDialog {
	return FileDialog{Title: title, DefaultName: "dossier.tasrih-bundle", Filters: [][2]string{{"Dossier Tasrih", "*.tasrih-bundle"}}}
}

// ChooseBundleExport asks where to write a bundle file: its token for
// ExportBundle.
func (f *Firm) ChooseBundleExport() (Chosen, error) {
	p, err := f.svc.shell.SaveFile(bundleDialog("Exporter le dossier"))
	return f.svc.paths.issue(choiceBundleExport, p, err)
}

// ExportBundle writes the employer's dossier, sealed for the seat to (its
// invitation line or seat id), to the file chosen with ChooseBundleExport.
func (f *Firm) ExportBundle(employerID, to, token string) error {
	path, err := f.svc.paths.take(choiceBundleExport, token)
	if err != nil {
		return err
	}
	b, err := f.firm().ExportBundle(employerID, to)
	if err != nil {
		return err
	}
	return desktop.WriteFileAtomic(path, b)
}

// ChooseBundleImport asks for a bundle file: its token for ImportBundle.
func (f *Firm) ChooseBundleImport() (Chosen, error) {
	p, err := f.svc.shell.OpenFile(bundleDialog("Importer un dossier"))
	return f.svc.paths.issue(choiceBundleImport, p, err)
}

// ImportBundle opens the bundle chosen with ChooseBundleImport, sent by
// from (an invitation line or seat id), and returns the employer's id.
func (f *Firm) ImportBundle(token, from string) (string, error) {
	path, err := f.svc.paths.take(choiceBundleImport, token)
	if err != nil {
		return "", err
	}
	b, err := desktop.ReadFile(path, maxBundle)
	if err != nil {
		return "", err
	}
	return f.firm().ImportBundle(b, from)
}
