package backup

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/store"
	"github.com/tasrih/tasrih/internal/vault"
)

// Restored describes a restored backup.
type Restored struct {
	Manifest Manifest
	Vault    vault.Info
	Records  int64
	Audit    int // audit entries verified in the restored store
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
// dataDir/previous-<time>/ until the next restore.
func Restore(path, dataDir string, maxSize int64, unlockFn func(v *vault.Vault) (*vault.Unlocked, error)) (Restored, error) {
	b, err := Open(path, maxSize)
	if err != nil {
		return Restored{}, err
	}
	keys, info, err := b.Unlock(unlockFn)
	if err != nil {
		return Restored{}, err
	}
	defer keys.Zero()
	m, err := b.Verify(keys.Backup)
	if err != nil {
		return Restored{}, err
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return Restored{}, ioErr(err)
	}
	stage, err := os.MkdirTemp(dataDir, ".restore-")
	if err != nil {
		return Restored{}, ioErr(err)
	}
	defer os.RemoveAll(stage)

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
	tee := &hashingReader{r: br}
	n, err := store.ImportInto(vault.StoreDir(stage), keys.Store[:], tee)
	closeFn()
	if err != nil {
		return Restored{}, err
	}
	if n != m.Records || !tee.matches(m) {
		return Restored{}, corrupt("contenu différent du manifeste")
	}
	if err := os.WriteFile(vault.FilePath(stage), b.VaultJSON, 0o600); err != nil {
		return Restored{}, ioErr(err)
	}
	// Check the new store: it opens with the backup's key, and its audit
	// chain is intact.
	st, err := store.Open(vault.StoreDir(stage), keys.Store[:], store.Options{})
	if err != nil {
		return Restored{}, err
	}
	entries, broken, err := st.VerifyAudit()
	st.Close()
	if err != nil {
		return Restored{}, err
	}
	if broken >= 0 {
		return Restored{}, i18n.Wrap(ErrCorrupt, CodeCorrupt, msgAuditBroken, broken)
	}
	if err := swap(dataDir, stage); err != nil {
		return Restored{}, err
	}
	return Restored{Manifest: m, Vault: info, Records: n, Audit: entries}, nil
}

// swap moves the current vault.json and store of dataDir aside into
// previous-<time>/ and the staged ones into place, rolling back on failure.
func swap(dataDir, stage string) error {
	prev := filepath.Join(dataDir, "previous-"+time.Now().UTC().Format("20060102T150405"))
	// Only the newest previous copy is kept.
	if old, _ := filepath.Glob(filepath.Join(dataDir, "previous-*")); len(old) > 0 {
		for _, o := range old {
			os.RemoveAll(o)
		}
	}
	if err := os.Mkdir(prev, 0o700); err != nil {
		return ioErr(err)
	}
	type move struct{ from, to string }
	var done []move
	rollback := func(err error) error {
		for i := len(done) - 1; i >= 0; i-- {
			os.Rename(done[i].to, done[i].from)
		}
		return ioErr(fmt.Errorf("échange des données : %w", err))
	}
	steps := []move{
		{vault.FilePath(dataDir), vault.FilePath(prev)},
		{vault.StoreDir(dataDir), vault.StoreDir(prev)},
		{vault.FilePath(stage), vault.FilePath(dataDir)},
		{vault.StoreDir(stage), vault.StoreDir(dataDir)},
	}
	for i, s := range steps {
		if _, err := os.Stat(s.from); os.IsNotExist(err) && i < 2 {
			continue // nothing to move aside (restore into an empty folder)
		}
		if err := os.Rename(s.from, s.to); err != nil {
			return rollback(err)
		}
		done = append(done, s)
	}
	if d, err := os.Open(dataDir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

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
