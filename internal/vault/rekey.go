package vault

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tasrih/tasrih/internal/i18n"
)

// A re-key replaces the data key: every secret from before it (passphrase,
// recovery code, keyring key, an old vault.json, the backup and MAC keys)
// opens nothing written after it. The store is copied under the new key
// into DIR/.rekey/store by the caller (store.ReencryptAndClose), then the
// swap is journaled:
//
//	DIR/.rekey/store       the new store, complete and verified
//	DIR/.rekey/vault.json  the new vault.json (new data key)
//	DIR/.rekey/COMMIT      written last, fsynced: the commit point
//
// Before COMMIT exists, DIR/store and DIR/vault.json are untouched and an
// interrupted re-key is undone (DIR/.rekey removed). Once it exists, the
// swap is finished: DIR/store moves to DIR/.rekey/old-store, the new store
// and vault.json move into place, the old store is overwritten and removed.
// Every step can be repeated, so a kill at any moment leaves a folder that
// the next Open (RecoverRekey) brings to the old or the new state, never in
// between. The whole operation holds an OS lock on DIR/.rekey.lock, so two
// processes never run it (or its recovery) at once.
const (
	rekeyDirName  = ".rekey"
	rekeyLockName = ".rekey.lock"
	commitName    = "COMMIT"
	oldStoreName  = "old-store"
)

var errLockHeld = errors.New("vault: re-key lock held")

// ErrRekeyBusy is in the chain of vault.rekey_busy.
var ErrRekeyBusy = errors.New("vault: a re-key is running")

// CodeRekeyBusy is the code of the error given while another process
// re-keys the same folder.
const CodeRekeyBusy = "vault.rekey_busy"

func errRekeyBusy() error {
	return i18n.Wrap(ErrRekeyBusy, CodeRekeyBusy, i18n.Text{
		FR: "un changement de clé est en cours sur ce dossier de données dans un autre programme : attendez qu'il se termine",
		AR: "تغيير المفتاح جارٍ على مجلد البيانات هذا في برنامج آخر: انتظر حتى ينتهي",
		EN: "another program is re-keying this data folder: wait until it finishes",
	})
}

func errNewPassphraseRequired() error {
	return i18n.Wrap(ErrReauth, "vault.new_passphrase_required", i18n.Text{
		FR: "le code de secours a servi : choisissez une nouvelle phrase de passe",
		AR: "استُعمل رمز الاسترداد: اختر عبارة مرور جديدة",
		EN: "the recovery code has been used: choose a new passphrase",
	}).WithField("passphrase")
}

// RekeyStoreDir is where the caller writes the store re-encrypted under the
// new key during a re-key of dir.
func RekeyStoreDir(dir string) string { return filepath.Join(dir, rekeyDirName, storeDirName) }

// folderLock is the OS lock of DIR/.rekey.lock (released with the process).
type folderLock struct{ f *os.File }

func lockFolder(dir string) (*folderLock, error) {
	f, err := os.OpenFile(filepath.Join(dir, rekeyLockName), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, errIO(err)
	}
	if err := tryLock(f); err != nil {
		f.Close()
		if errors.Is(err, errLockHeld) {
			return nil, errRekeyBusy()
		}
		return nil, errIO(err)
	}
	return &folderLock{f: f}, nil
}

// HoldFolder takes the folder's re-key lock for a short operation — a
// process opening the store of an already unlocked vault — and returns its
// release. While a re-key or a restore of dir runs in another process
// (between its copy and its swap the old store is closed, and opening it
// would write into data about to be replaced) it gives vault.rekey_busy. A
// re-key or restore interrupted since this process unlocked is finished or
// undone first, as Open does: the store then opened is the one in force.
func HoldFolder(dir string) (release func(), err error) {
	l, err := lockFolder(dir)
	if err != nil {
		return nil, err
	}
	if err := recoverLocked(dir); err != nil {
		l.release()
		return nil, err
	}
	return l.release, nil
}

func (l *folderLock) release() {
	if l != nil && l.f != nil {
		l.f.Close() // closing the descriptor releases the lock
		l.f = nil
	}
}

// RecoverRekey brings a data folder left by an interrupted re-key to a
// consistent state: back to the old key if the new one was not committed,
// forward to the new one if it was. It does nothing when no re-key was
// interrupted, and gives vault.rekey_busy while another process re-keys.
// Open calls it.
//
// It also removes what older interrupted operations left: temporary
// vault.json files (never renamed, so never in force) older than a few
// minutes, .restore-* staging folders of older versions, empty previous-…
// folders.
func RecoverRekey(dir string) error {
	if _, err := os.Lstat(filepath.Join(dir, rekeyDirName)); errors.Is(err, os.ErrNotExist) {
		if hasLeftovers(dir) {
			if l, err := lockFolder(dir); err == nil {
				cleanLeftovers(dir)
				l.release()
			}
		}
		return nil
	}
	l, err := lockFolder(dir)
	if err != nil {
		return err
	}
	defer l.release()
	cleanLeftovers(dir)
	return recoverLocked(dir)
}

// Pending reports whether dir holds an unfinished re-key or restore (which
// the next Open finishes or undoes): such a folder is never "without a
// vault".
func Pending(dir string) bool { return exists(filepath.Join(dir, rekeyDirName)) }

// tmpMaxAge is the age after which a temporary vault.json is a leftover (a
// live writer renames it within milliseconds).
const tmpMaxAge = 10 * time.Minute

func leftovers(dir string) []string {
	var out []string
	for _, pat := range []string{"." + FileName + ".*.tmp", ".restore-*", PreviousPrefix + "*"} {
		m, _ := filepath.Glob(filepath.Join(dir, pat))
		for _, p := range m {
			fi, err := os.Lstat(p)
			if err != nil {
				continue
			}
			switch {
			case strings.HasSuffix(p, ".tmp"):
				if time.Since(fi.ModTime()) > tmpMaxAge {
					out = append(out, p)
				}
			case strings.HasPrefix(filepath.Base(p), PreviousPrefix):
				if fi.IsDir() && !nonEmptyDir(p) {
					out = append(out, p)
				}
			default:
				out = append(out, p)
			}
		}
	}
	return out
}

func hasLeftovers(dir string) bool { return len(leftovers(dir)) > 0 }

func cleanLeftovers(dir string) {
	for _, p := range leftovers(dir) {
		os.RemoveAll(p)
	}
}

func recoverLocked(dir string) error {
	stage := filepath.Join(dir, rekeyDirName)
	if _, err := os.Lstat(stage); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if exists(filepath.Join(stage, commitName)) {
		return finishRekey(dir)
	}
	// Not committed: the old store and vault.json were never touched.
	if err := os.RemoveAll(stage); err != nil {
		return errIO(err)
	}
	return syncDir(dir)
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// finishRekey performs the committed swap; each step is skipped when it was
// already done, so it can run again after a kill.
func finishRekey(dir string) error {
	stage := filepath.Join(dir, rekeyDirName)
	newStore := filepath.Join(stage, storeDirName)
	oldStore := filepath.Join(stage, oldStoreName)
	if exists(newStore) {
		if exists(StoreDir(dir)) {
			if exists(oldStore) {
				return errIO(errors.New("re-key: the old store was set aside already, yet a store is in place"))
			}
			if err := os.Rename(StoreDir(dir), oldStore); err != nil {
				return errIO(err)
			}
		}
		if err := os.Rename(newStore, StoreDir(dir)); err != nil {
			return errIO(err)
		}
		if err := syncDir(stage); err != nil {
			return err
		}
		if err := syncDir(dir); err != nil {
			return err
		}
	}
	keep := keepName(stage)
	oldVault := filepath.Join(stage, "old-"+FileName)
	if newVault := FilePath(stage); exists(newVault) {
		if keep != "" && exists(FilePath(dir)) && !exists(oldVault) {
			// A hard link keeps the old vault.json while the new one is
			// renamed over it (a copy where links are not supported).
			if err := os.Link(FilePath(dir), oldVault); err != nil {
				if err := copyFileSync(FilePath(dir), oldVault); err != nil {
					return errIO(err)
				}
			}
			if err := syncDir(stage); err != nil {
				return err
			}
		}
		if err := os.Rename(newVault, FilePath(dir)); err != nil {
			return errIO(err)
		}
		if err := syncDir(dir); err != nil {
			return err
		}
	}
	if keep != "" {
		prev := filepath.Join(dir, keep)
		if err := os.MkdirAll(prev, 0o700); err != nil {
			return errIO(err)
		}
		for _, m := range [][2]string{{oldStore, StoreDir(prev)}, {oldVault, FilePath(prev)}} {
			if exists(m[0]) {
				if err := os.Rename(m[0], m[1]); err != nil {
					return errIO(err)
				}
			}
		}
		if err := syncDir(prev); err != nil {
			return err
		}
		if err := syncDir(dir); err != nil {
			return err
		}
	} else if err := wipeTree(oldStore); err != nil {
		return err
	}
	if err := os.RemoveAll(stage); err != nil {
		return errIO(err)
	}
	return syncDir(dir)
}

// keepName is the folder (under the data folder) where a committed restore
// keeps the previous data, "" for a re-key (the old store is wiped).
func keepName(stage string) string {
	b, err := os.ReadFile(filepath.Join(stage, commitName))
	if err != nil {
		return ""
	}
	name, ok := strings.CutPrefix(strings.TrimSpace(string(b)), "keep ")
	if !ok || !validKeepName(name) {
		return ""
	}
	return name
}

func validKeepName(name string) bool {
	return strings.HasPrefix(name, PreviousPrefix) && !strings.ContainsAny(name, `/\`) && name != "." && name != ".." && len(name) < 100
}

func copyFileSync(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// wipeTree overwrites every regular file under root with zeros (fsynced)
// before removing it. Best effort against a later reading of the disk: SSD
// wear levelling, copy-on-write file systems and backups of the disk may
// still keep the old encrypted blocks, which only the old key can open.
func wipeTree(root string) error {
	if !exists(root) {
		return nil
	}
	zeros := make([]byte, 1<<20)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		f, err := os.OpenFile(p, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return err
		}
		for left := st.Size(); left > 0; {
			n := min(left, int64(len(zeros)))
			if _, err := f.Write(zeros[:n]); err != nil {
				return err
			}
			left -= n
		}
		return f.Sync()
	})
	if err != nil {
		return errIO(err)
	}
	if err := os.RemoveAll(root); err != nil {
		return errIO(err)
	}
	return nil
}

// Rekey is a re-key in progress: a new data key, the vault.json that wraps
// it (under the chosen passphrase and a new recovery code, without keyring
// wrap) and the folder lock. Write the store under Keys().Store into
// RekeyStoreDir, then Commit; Abort (always safe to defer) undoes an
// uncommitted re-key.
type Rekey struct {
	u         *Unlocked
	lock      *folderLock
	dataKey   [keySize]byte
	keys      Keys
	h         *header
	code      string
	done      bool
	committed bool
}

// BeginRekey prepares a re-key. current is the current passphrase or the
// recovery code (forgotten passphrase), checked (vault.wrong_secret); it may
// be empty only when the vault was unlocked with the recovery code. next is
// the passphrase of the new key: empty keeps current (not allowed when the
// recovery code authenticates: vault.new_passphrase_required), otherwise it
// must pass CheckPassphrase.
// It takes the folder's re-key lock (vault.rekey_busy) and clears what an
// interrupted re-key left.
func (u *Unlocked) BeginRekey(current, next string) (*Rekey, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.locked {
		return nil, errLocked()
	}
	pass := next
	switch {
	case current == "" && u.method != MethodRecovery:
		return nil, errReauth()
	case current == "" && next == "":
		return nil, errNewPassphraseRequired()
	case current != "":
		byCode, ok := u.checkCurrent(current)
		if !ok {
			return nil, errWrongSecret()
		}
		if next == "" {
			if byCode {
				return nil, errNewPassphraseRequired()
			}
			pass = current
		}
	}
	if next != "" {
		if err := CheckPassphrase(next); err != nil {
			return nil, err
		}
	}
	params, err := u.opts.pick()
	if err != nil {
		return nil, err
	}
	l, err := lockFolder(u.dir)
	if err != nil {
		return nil, err
	}
	if err := recoverLocked(u.dir); err != nil {
		l.release()
		return nil, err
	}
	cur, err := readFile(u.dir)
	if err != nil {
		l.release()
		return nil, err
	}
	if sha256.Sum256(cur) != u.sum {
		l.release()
		return nil, errChanged()
	}
	if err := os.Mkdir(filepath.Join(u.dir, rekeyDirName), 0o700); err != nil {
		l.release()
		return nil, errIO(err)
	}
	r := &Rekey{u: u, lock: l}
	copy(r.dataKey[:], randomBytes(keySize))
	deriveKeys(&r.dataKey, &r.keys)
	nh := u.h.clone()
	nh.Keyring, nh.RecoveryUsed = nil, false
	p := normPassphrase(pass)
	nh.Passphrase = sealKDF(p, params, &r.dataKey, nh.aad(slotPassphrase))
	clear(p)
	r.code = newRecoveryCode()
	rc, err := normalizeRecoveryCode(r.code)
	if err != nil {
		panic("vault: generated recovery code does not parse")
	}
	nh.Recovery = sealKDF(rc, params, &r.dataKey, nh.aad(slotRecovery))
	clear(rc)
	nh.seal(&r.keys.MAC)
	r.h = nh
	return r, nil
}

// checkCurrent checks current against the passphrase wrap, then (when it
// has the shape of one) against the recovery-code wrap: a user who forgot
// the passphrase may give the code instead. byCode tells which one matched.
// Called with u.mu held.
func (u *Unlocked) checkCurrent(current string) (byCode, ok bool) {
	opens := func(k *[keySize]byte, good bool) bool {
		if !good {
			return false
		}
		same := subtle.ConstantTimeCompare(k[:], u.dataKey[:]) == 1
		clear(k[:])
		return same
	}
	cur := normPassphrase(current)
	k, good := openKDF(cur, u.h.Passphrase, u.h.aad(slotPassphrase))
	clear(cur)
	if opens(k, good) {
		return false, true
	}
	rc, err := normalizeRecoveryCode(current)
	if err != nil || u.h.Recovery == nil {
		return false, false
	}
	k, good = openKDF(rc, u.h.Recovery, u.h.aad(slotRecovery))
	clear(rc)
	return true, opens(k, good)
}

// Keys returns a heap copy of the new sub-keys (Store for the new store),
// owned by the caller, who zeroes it when done.
func (r *Rekey) Keys() *Keys { return r.keys.clone() }

// StoreDir is where the new store must be written (RekeyStoreDir).
func (r *Rekey) StoreDir() string { return RekeyStoreDir(r.u.dir) }

// Committed reports whether Commit passed the commit point: from then on
// the new key is the vault's, even if Commit returned an error (the next
// Open finishes the swap).
func (r *Rekey) Committed() bool { return r.committed }

// Commit writes the new vault.json beside the new store, marks the re-key
// committed, swaps both into place and removes the old store (overwritten
// first). The Unlocked then holds the new key (Method passphrase) and the
// new recovery code is returned: show it once. The store must be closed and
// RekeyStoreDir complete and verified.
func (r *Rekey) Commit() (string, error) {
	if r.done {
		return "", errIO(errors.New("re-key already finished"))
	}
	u := r.u
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.locked {
		return "", errLocked()
	}
	stage := filepath.Join(u.dir, rekeyDirName)
	if !exists(filepath.Join(stage, storeDirName)) {
		return "", errIO(errors.New("re-key: the new store is missing"))
	}
	cur, err := readFile(u.dir)
	if err != nil {
		return "", err
	}
	if sha256.Sum256(cur) != u.sum {
		return "", errChanged()
	}
	b := r.h.encode()
	if err := writeFileAtomic(stage, b); err != nil {
		return "", err
	}
	if err := writeCommit(stage, ""); err != nil {
		return "", err
	}
	r.committed = true
	// From here on the new key is the vault's.
	u.dataKey = r.dataKey
	u.keys = r.keys
	u.h, u.sum, u.method = r.h, sha256.Sum256(b), MethodPassphrase
	ferr := finishRekey(u.dir)
	code := r.code
	r.finish()
	return code, ferr
}

func writeCommit(stage, keep string) error {
	p := filepath.Join(stage, commitName)
	f, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return errIO(err)
	}
	line := "rekey\n"
	if keep != "" {
		line = "keep " + keep + "\n"
	}
	if _, err := f.Write([]byte(line)); err != nil {
		f.Close()
		return errIO(err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return errIO(err)
	}
	if err := f.Close(); err != nil {
		return errIO(err)
	}
	return syncDir(stage)
}

// Abort undoes a re-key that was not committed (the staged store and
// vault.json are removed; the old key stays the vault's) and releases the
// lock. After Commit it does nothing.
func (r *Rekey) Abort() error {
	if r.done {
		return nil
	}
	defer r.finish()
	if r.committed {
		return nil
	}
	if err := os.RemoveAll(filepath.Join(r.u.dir, rekeyDirName)); err != nil {
		return errIO(err)
	}
	return syncDir(r.u.dir)
}

func (r *Rekey) finish() {
	r.done = true
	clear(r.dataKey[:])
	r.keys.Zero()
	r.code = ""
	r.lock.release()
}

// PreviousPrefix starts the name of the folders where restores keep the
// data they replaced (DIR/previous-<time>/, a data folder of its own).
const PreviousPrefix = "previous-"

// Restore is the journaled swap of a restore: the same stage, commit point
// and recovery as a re-key, but the replaced vault.json and store are kept
// in DIR/previous-<time>/ instead of being wiped. BeginRestore takes the
// folder's lock (vault.rekey_busy while a re-key or another restore runs);
// write the restored store into StoreDir, then Commit with the restored
// vault.json; Abort (safe to defer) undoes an uncommitted restore.
type Restore struct {
	dir       string
	lock      *folderLock
	done      bool
	committed bool
}

// BeginRestore prepares the restore of a backup into dir (created 0700 if
// missing), clearing what an interrupted re-key or restore left.
func BeginRestore(dir string) (*Restore, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, errIO(err)
	}
	l, err := lockFolder(dir)
	if err != nil {
		return nil, err
	}
	if err := recoverLocked(dir); err != nil {
		l.release()
		return nil, err
	}
	if err := os.Mkdir(filepath.Join(dir, rekeyDirName), 0o700); err != nil {
		l.release()
		return nil, errIO(err)
	}
	return &Restore{dir: dir, lock: l}, nil
}

// StoreDir is where the restored store must be written.
func (r *Restore) StoreDir() string { return RekeyStoreDir(r.dir) }

// Committed reports whether Commit passed the commit point.
func (r *Restore) Committed() bool { return r.committed }

// Commit writes vaultJSON (the backup's vault.json, already authenticated
// by the caller) beside the restored store, marks the restore committed and
// swaps: the current vault.json and store go to DIR/previous-<time>/ (a new
// folder for every restore: none is ever deleted here), the restored ones
// into place. It returns the name of the previous-… folder ("" when the
// data folder held no data).
func (r *Restore) Commit(vaultJSON []byte) (string, error) {
	if r.done {
		return "", errIO(errors.New("restore already finished"))
	}
	defer r.finish()
	stage := filepath.Join(r.dir, rekeyDirName)
	if !exists(filepath.Join(stage, storeDirName)) {
		return "", errIO(errors.New("restore: the restored store is missing"))
	}
	keep := ""
	if exists(FilePath(r.dir)) || exists(StoreDir(r.dir)) {
		base := PreviousPrefix + time.Now().UTC().Format("20060102T150405")
		keep = base
		for i := 2; exists(filepath.Join(r.dir, keep)); i++ {
			keep = fmt.Sprintf("%s-%d", base, i)
		}
	}
	if err := writeFileAtomic(stage, vaultJSON); err != nil {
		return "", err
	}
	if err := writeCommit(stage, keep); err != nil {
		return "", err
	}
	r.committed = true
	return keep, finishRekey(r.dir)
}

// Abort undoes an uncommitted restore and releases the lock.
func (r *Restore) Abort() error {
	if r.done {
		return nil
	}
	defer r.finish()
	if r.committed {
		return nil
	}
	if err := os.RemoveAll(filepath.Join(r.dir, rekeyDirName)); err != nil {
		return errIO(err)
	}
	return syncDir(r.dir)
}

func (r *Restore) finish() {
	r.done = true
	r.lock.release()
}
