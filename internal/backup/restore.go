package backup

import (
	"context"
	"io"
	"os"

	"github.com/tasrih/tasrih/internal/anchor"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/store"
	"github.com/tasrih/tasrih/internal/vault"
)

// Restored describes a restored backup.
type Restored struct {
	Manifest Manifest   `json:"manifest"`
	Vault    vault.Info `json:"vault"`
	Records  int64      `json:"records"`
	Audit    int        `json:"audit"` // audit entries verified in the restored store
	// Previous is the folder of dataDir (previous-<time>) that keeps the
	// replaced data, "" when there was none. Every restore makes a new one;
	// none is deleted automatically.
	Previous string `json:"previous"`
}

var msgAuditBroken = i18n.Text{
	FR: "la sauvegarde contient un journal d'audit rompu (entrée n° %d) : elle n'a pas été restaurée",
	AR: "تحتوي النسخة الاحتياطية على سجل تدقيق مكسور (الإدخال رقم %d): لم تُسترجع",
	EN: "the backup holds a broken audit log (entry #%d): it was not restored",
}

// Restore replaces the data of dataDir (its vault.json and store) with the
// backup at path. unlockFn unlocks the backup's own vault (with the
// passphrase or the recovery code that was valid when the backup was made).
// The store of dataDir must be closed. Nothing of dataDir changes unless the
// backup was fully decrypted, verified twice, loaded into a fresh store that
// opens and whose audit chain is intact; the previous data is then kept as
// dataDir/previous-<time>/ until the user removes it. The store must not be
// open (backup.in_use); the swap is journaled (vault.BeginRestore): a kill
// at any moment leaves the old or the restored data, finished at the next
// open, never a folder without its vault.
func Restore(path, dataDir string, maxSize int64, unlockFn func(v *vault.Vault) (*vault.Unlocked, error)) (Restored, error) {
	return RestoreContext(context.Background(), path, dataDir, maxSize, unlockFn, nil)
}

// RestoreContext is Restore with progress and cancellation: progress gets
// (done, total) bytes of the backup's data, read twice (the check, then the
// load); a cancelled ctx stops it before the swap (backup.cancelled,
// errors.Is ctx.Err()) and nothing changes. Once the swap has begun it
// completes.
func RestoreContext(ctx context.Context, path, dataDir string, maxSize int64, unlockFn func(v *vault.Vault) (*vault.Unlocked, error), progress func(done, total int64)) (res Restored, err error) {
	defer func() {
		if res.Previous == "" {
			err = cancelled(ctx, err, msgCancelled)
		}
	}()
	b, err := Open(path, maxSize)
	if err != nil {
		return Restored{}, err
	}
	keys, info, err := b.Unlock(unlockFn)
	if err != nil {
		return Restored{}, err
	}
	defer keys.Zero()
	mt := &meter{ctx: ctx, progress: progress, step: 256 << 10, total: -1}
	wrap := func(base int64) func(io.Reader) io.Reader {
		return func(r io.Reader) io.Reader { return &progressReader{m: mt, r: r, base: base} }
	}
	if st, err := os.Stat(path); err == nil {
		mt.total = 2 * st.Size() // refined by the manifest below
	}
	m, err := b.verify(keys.Backup, wrap(0))
	if err != nil {
		return Restored{}, err
	}
	mt.total = 2 * m.StreamBytes
	// The journaled swap (vault.BeginRestore): the folder lock is held from
	// here to the end, an interrupted restore is finished or undone at the
	// next open, and the replaced data is kept in previous-<time>/.
	if store.InUse(vault.StoreDir(dataDir)) {
		return Restored{}, errInUse(dataDir)
	}
	sw, err := vault.BeginRestore(dataDir)
	if err != nil {
		return Restored{}, err
	}
	defer sw.Abort()

	// Second pass: decrypt again into a fresh store, checking the stream as
	// it goes (the file could have changed since the first pass).
	r, closeFn, err := b.payloadReader(keys.Backup)
	if err != nil {
		return Restored{}, err
	}
	m2, br, err := readManifest(r)
	if err != nil || m2 != m {
		closeFn()
		return Restored{}, corrupt("le fichier a changé pendant la restauration")
	}
	tee := &hashingReader{r: wrap(m.StreamBytes)(br)}
	n, err := store.ImportInto(sw.StoreDir(), keys.Store[:], tee)
	closeFn()
	if err != nil {
		return Restored{}, err
	}
	if n != m.Records || !tee.matches(m) {
		return Restored{}, corrupt("contenu différent du manifeste")
	}
	// Check the new store: it opens with the backup's key, and its audit
	// chain is intact.
	local := anchor.For(info.Remembered)
	prevAnchor, _ := local.Load(ctx, info.ID, &keys.MAC)
	st, err := store.Open(sw.StoreDir(), keys.Store[:], store.Options{})
	if err != nil {
		return Restored{}, err
	}
	entries, broken, err := st.VerifyAudit()
	if err == nil && broken < 0 {
		// A restore goes back in time on purpose: it is audited in the
		// restored store, and the local anchor is reset to that entry below,
		// so the rollback detector (package anchor, store.Options.Anchors)
		// does not report it.
		err = st.Update(func(tx *store.Tx) error {
			_, err := tx.Audit(store.ActionBackupRestore, store.EntityBackup, info.ID, prevAnchor.AuditHead, m)
			return err
		})
	}
	var head store.AuditHead
	if err == nil && broken < 0 {
		head, err = st.AuditHead()
	}
	if err == nil && broken < 0 {
		// Before the swap: either side of it satisfies the local anchor.
		err = local.SaveRestore(ctx, info.ID, &keys.MAC, prevAnchor.AuditHead, head)
	}
	st.Close()
	if err != nil {
		return Restored{}, err
	}
	if broken >= 0 {
		return Restored{}, i18n.Wrap(ErrCorrupt, CodeCorrupt, msgAuditBroken, broken)
	}
	if err := ctx.Err(); err != nil { // the last chance to cancel
		return Restored{}, err
	}
	// Last check before the swap: nobody opened the data meanwhile (a new
	// opener is held off by the folder lock: vault.rekey_busy).
	if store.InUse(vault.StoreDir(dataDir)) {
		return Restored{}, errInUse(dataDir)
	}
	prev, err := sw.Commit(b.VaultJSON)
	if err != nil && !sw.Committed() {
		return Restored{}, err
	}
	// Reset the local anchor to the restored head (the backup's vault.json
	// carries its own, older or equal). Best effort: if it fails, the next
	// open reports a rollback the user can acknowledge.
	_ = local.Save(context.WithoutCancel(ctx), info.ID, &keys.MAC, head)
	return Restored{Manifest: m, Vault: info, Records: n, Audit: entries, Previous: prev}, err
}

// CodeInUse is the code of a restore refused because the data is open.
const CodeInUse = "backup.in_use"

var msgInUse = i18n.Text{
	FR: "les données de %s sont ouvertes par un autre programme Tasrih : fermez-le, puis restaurez",
	AR: "بيانات %s مفتوحة في برنامج تصريح آخر: أغلقه ثم استرجع",
	EN: "the data in %s is open in another Tasrih program: close it, then restore",
}

func errInUse(dir string) error { return i18n.New(CodeInUse, msgInUse, dir) }

type hashingReader struct {
	r interface{ Read([]byte) (int, error) }
	h hasher
	n int64
}

func (h *hashingReader) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	if n > 0 {
		h.h.write(p[:n])
		h.n += int64(n)
	}
	return n, err
}

func (h *hashingReader) matches(m Manifest) bool {
	return h.n == m.StreamBytes && h.h.hex() == m.StreamSHA256
}
