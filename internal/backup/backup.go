package backup

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"filippo.io/age"

	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/store"
	"github.com/tasrih/tasrih/internal/vault"
)

// FormatVersion is the version of the backup file format.
const FormatVersion = 1

const magic = "TASRIH-BACKUP 1\n"

// Limits applied when reading a backup.
const (
	MaxVaultJSON = 64 << 10
	MaxManifest  = 16 << 10
	// DefaultMaxSize bounds the backup file and the decrypted stream.
	DefaultMaxSize = 4 << 30
)

// ageWorkFactor is the scrypt work factor of the age recipient: the
// passphrase is a random 256-bit key, so the work factor adds nothing but
// time; age's minimum sensible value keeps backups fast.
const ageWorkFactor = 10

// Manifest describes a backup; it is inside the encrypted payload.
type Manifest struct {
	FormatVersion   int       `json:"format_version"`
	SchemaVersion   int       `json:"schema_version"`
	VaultID         string    `json:"vault_id"`
	CreatedAt       time.Time `json:"created_at" ts_type:"string"`
	Records         int64     `json:"records"`
	StreamBytes     int64     `json:"stream_bytes"`
	StreamSHA256    string    `json:"stream_sha256"`
	VaultJSONSHA256 string    `json:"vault_json_sha256"`
	Reason          string    `json:"reason,omitempty"`
}

// Error codes.
const (
	CodeNotBackup = "backup.not_backup"
	CodeCorrupt   = "backup.corrupt"
	CodeTooLarge  = "backup.too_large"
	CodeVersion   = "backup.version"
	CodeIO        = "backup.io"
)

// ErrCorrupt is in the chain of every error about a damaged or tampered backup.
var ErrCorrupt = errors.New("backup: corrupt")

var (
	msgNotBackup = i18n.Text{
		FR: "ce fichier n'est pas une sauvegarde Tasrih",
		AR: "هذا الملف ليس نسخة احتياطية لتصريح",
		EN: "this file is not a Tasrih backup",
	}
	msgCorrupt = i18n.Text{
		FR: "sauvegarde endommagée ou modifiée (%s) : elle n'a pas été restaurée, vos données actuelles sont intactes",
		AR: "النسخة الاحتياطية تالفة أو معدلة (%s): لم تُسترجع، وبياناتك الحالية سليمة",
		EN: "damaged or altered backup (%s): it was not restored, your current data is intact",
	}
	msgTooLarge = i18n.Text{
		FR: "sauvegarde trop grande (plus de %d Mo)",
		AR: "النسخة الاحتياطية كبيرة جداً (أكثر من %d م.ب)",
		EN: "backup too large (over %d MB)",
	}
	msgVersion = i18n.Text{
		FR: "sauvegarde au format %d, que cette version de Tasrih ne sait pas lire : mettez Tasrih à jour",
		AR: "نسخة احتياطية بالصيغة %d التي لا يقرؤها هذا الإصدار من تصريح: حدّث تصريح",
		EN: "backup in format %d, which this version of Tasrih cannot read: update Tasrih",
	}
	msgIO = i18n.Text{
		FR: "sauvegarde : %s",
		AR: "النسخة الاحتياطية: %s",
		EN: "backup: %s",
	}
)

func corrupt(detail string) error {
	return i18n.Wrap(fmt.Errorf("%w: %s", ErrCorrupt, detail), CodeCorrupt, msgCorrupt, detail)
}

func ioErr(err error) error {
	var ue *i18n.Error
	if errors.As(err, &ue) {
		return err
	}
	return i18n.Wrap(err, CodeIO, msgIO, err.Error())
}

func agePassphrase(k [32]byte) string { return base64.RawStdEncoding.EncodeToString(k[:]) }

// Source is what a backup is made of: the vault file, the Backup sub-key and
// the open store.
type Source struct {
	VaultJSON []byte
	BackupKey [32]byte
	Store     *store.Store
	VaultID   string
	Reason    string    // "manual", "submission", "migration", "exit"
	Now       time.Time // zero: time.Now()
}

// Write writes a backup of src to w and returns its manifest
// (WriteContext without progress or cancellation).
func Write(w io.Writer, src Source) (Manifest, error) {
	return WriteContext(context.Background(), w, src, nil)
}

// WriteContext writes a backup of src to w and returns its manifest. The
// store stream is exported twice (once to count and hash it for the
// manifest, which precedes it, once to encrypt it) within consistent read
// transactions; it fails if the store changed in between. progress, when not
// nil, gets (done, total) records, both passes counted (total is twice the
// records; done grows to total). A cancelled ctx stops it
// (backup.cancelled, in the chain of ctx.Err()) at the next record, and at
// the latest before the end of the age stream is written: what w received
// is then not a backup (WriteFile and Snapshot remove it).
func WriteContext(ctx context.Context, w io.Writer, src Source, progress func(done, total int64)) (m Manifest, err error) {
	defer func() { err = cancelled(ctx, err, msgWriteCancelled) }()
	if len(src.VaultJSON) == 0 || len(src.VaultJSON) > MaxVaultJSON {
		return Manifest{}, ioErr(fmt.Errorf("vault.json of %d bytes", len(src.VaultJSON)))
	}
	if err := ctx.Err(); err != nil {
		return Manifest{}, err
	}
	schema, err := src.Store.SchemaVersion()
	if err != nil {
		return Manifest{}, err
	}
	mt := &meter{ctx: ctx, progress: progress, total: -1}
	pass := func(base int64, second bool) func(n, total int64) error {
		return func(n, total int64) error {
			if mt.total < 0 {
				mt.total = 2 * total
				mt.step = max(1, total/200)
			}
			return mt.at(min(base+n, mt.total), second && n == total)
		}
	}
	h := sha256.New()
	cw := &countWriter{w: h}
	n, err := src.Store.ExportCounted(cw, pass(0, false))
	if err != nil {
		return Manifest{}, err
	}
	now := src.Now
	if now.IsZero() {
		now = time.Now()
	}
	vsum := sha256.Sum256(src.VaultJSON)
	m = Manifest{FormatVersion: FormatVersion, SchemaVersion: schema, VaultID: src.VaultID, CreatedAt: now.UTC(),
		Records: n, StreamBytes: cw.n, StreamSHA256: hex.EncodeToString(h.Sum(nil)),
		VaultJSONSHA256: hex.EncodeToString(vsum[:]), Reason: src.Reason}

	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%svault %d\n", magic, len(src.VaultJSON))
	bw.Write(src.VaultJSON)
	bw.WriteByte('\n')
	rcpt, err := age.NewScryptRecipient(agePassphrase(src.BackupKey))
	if err != nil {
		return Manifest{}, ioErr(err)
	}
	rcpt.SetWorkFactor(ageWorkFactor)
	aw, err := age.Encrypt(bw, rcpt)
	if err != nil {
		return Manifest{}, ioErr(err)
	}
	mj, _ := json.Marshal(m)
	var hdr [binary.MaxVarintLen64]byte
	aw.Write(hdr[:binary.PutUvarint(hdr[:], uint64(len(mj)))])
	aw.Write(mj)
	h2 := sha256.New()
	cw2 := &countWriter{w: io.MultiWriter(aw, h2)}
	n2, err := src.Store.ExportCounted(cw2, pass(n, true))
	if err != nil {
		return Manifest{}, err
	}
	if n2 != n || cw2.n != cw.n || hex.EncodeToString(h2.Sum(nil)) != m.StreamSHA256 {
		return Manifest{}, ioErr(errors.New("the data changed while the backup was written; try again"))
	}
	// The last chance to cancel: the age stream is not closed yet, so what
	// was written is not a readable backup.
	if err := ctx.Err(); err != nil {
		return Manifest{}, err
	}
	if err := aw.Close(); err != nil {
		return Manifest{}, ioErr(err)
	}
	if err := bw.Flush(); err != nil {
		return Manifest{}, ioErr(err)
	}
	return m, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// File is an opened backup file: its clear header read and checked.
type File struct {
	path      string
	VaultJSON []byte
	payload   int64 // offset of the age ciphertext
	size      int64
	maxSize   int64
}

// Open reads the clear header of the backup at path, refusing files larger
// than maxSize (0: DefaultMaxSize).
func Open(path string, maxSize int64) (*File, error) {
	if maxSize <= 0 {
		maxSize = DefaultMaxSize
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, ioErr(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, ioErr(err)
	}
	if st.Size() > maxSize {
		return nil, i18n.New(CodeTooLarge, msgTooLarge, maxSize>>20)
	}
	br := bufio.NewReaderSize(f, 4096)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		if err == nil && strings.HasPrefix(string(head), "TASRIH-BACKUP ") {
			v, _ := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(string(head), "TASRIH-BACKUP ")))
			return nil, i18n.New(CodeVersion, msgVersion, v)
		}
		return nil, i18n.Wrap(ErrCorrupt, CodeNotBackup, msgNotBackup)
	}
	line, err := br.ReadString('\n')
	if err != nil || len(line) > 32 || !strings.HasPrefix(line, "vault ") {
		return nil, corrupt("en-tête")
	}
	n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(line, "vault "), "\n"))
	if err != nil || n <= 0 || n > MaxVaultJSON {
		return nil, corrupt("taille de vault.json")
	}
	vj := make([]byte, n+1)
	if _, err := io.ReadFull(br, vj); err != nil || vj[n] != '\n' {
		return nil, corrupt("vault.json tronqué")
	}
	off := int64(len(magic) + len(line) + n + 1)
	return &File{path: path, VaultJSON: vj[:n], payload: off, size: st.Size(), maxSize: maxSize}, nil
}

// payloadReader decrypts the age payload of the file with the Backup key.
func (b *File) payloadReader(key [32]byte) (io.Reader, func() error, error) {
	f, err := os.Open(b.path)
	if err != nil {
		return nil, nil, ioErr(err)
	}
	if _, err := f.Seek(b.payload, io.SeekStart); err != nil {
		f.Close()
		return nil, nil, ioErr(err)
	}
	id, err := age.NewScryptIdentity(agePassphrase(key))
	if err != nil {
		f.Close()
		return nil, nil, ioErr(err)
	}
	id.SetMaxWorkFactor(ageWorkFactor)
	r, err := age.Decrypt(bufio.NewReader(io.LimitReader(f, b.maxSize)), id)
	if err != nil {
		f.Close()
		return nil, nil, corrupt("chiffrement : " + err.Error())
	}
	return r, f.Close, nil
}

// readManifest reads the length-prefixed manifest at the start of the payload.
func readManifest(r io.Reader) (Manifest, *bufio.Reader, error) {
	br := bufio.NewReaderSize(r, 256<<10)
	n, err := binary.ReadUvarint(br)
	if err != nil || n == 0 || n > MaxManifest {
		return Manifest{}, nil, corrupt("manifeste")
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(br, b); err != nil {
		return Manifest{}, nil, corrupt("manifeste tronqué")
	}
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return Manifest{}, nil, corrupt("manifeste illisible")
	}
	if m.FormatVersion != FormatVersion {
		return Manifest{}, nil, i18n.New(CodeVersion, msgVersion, m.FormatVersion)
	}
	return m, br, nil
}

// checkStream reads the stream to its end and checks it against m.
func (b *File) checkStream(m Manifest, r io.Reader) error {
	h := sha256.New()
	n, err := io.Copy(h, io.LimitReader(r, b.maxSize+1))
	if err != nil {
		return corrupt("flux : " + err.Error())
	}
	if n > b.maxSize {
		return i18n.New(CodeTooLarge, msgTooLarge, b.maxSize>>20)
	}
	if n != m.StreamBytes || hex.EncodeToString(h.Sum(nil)) != m.StreamSHA256 {
		return corrupt("empreinte des données")
	}
	return nil
}

// Verify decrypts and checks the whole backup with the Backup key of its
// vault: the manifest, the binding to vault.json, the size and the SHA-256
// of the data. It writes nothing.
func (b *File) Verify(key [32]byte) (Manifest, error) {
	return b.verify(key, nil)
}

// verify is Verify with the decrypted data stream passed through wrap (for
// progress and cancellation) when not nil.
func (b *File) verify(key [32]byte, wrap func(io.Reader) io.Reader) (Manifest, error) {
	r, closeFn, err := b.payloadReader(key)
	if err != nil {
		return Manifest{}, err
	}
	defer closeFn()
	m, br, err := readManifest(r)
	if err != nil {
		return Manifest{}, err
	}
	vsum := sha256.Sum256(b.VaultJSON)
	if m.VaultJSONSHA256 != hex.EncodeToString(vsum[:]) {
		return Manifest{}, corrupt("vault.json ne correspond pas au manifeste")
	}
	var data io.Reader = br
	if wrap != nil {
		data = wrap(br)
	}
	if err := b.checkStream(m, data); err != nil {
		return Manifest{}, err
	}
	return m, nil
}

// Unlock opens the vault carried by the backup (in a temporary folder that is
// removed before returning) with unlockFn and returns a copy of its keys,
// which the caller zeroes when done.
func (b *File) Unlock(unlockFn func(v *vault.Vault) (*vault.Unlocked, error)) (*vault.Keys, vault.Info, error) {
	tmp, err := os.MkdirTemp("", "tasrih-restore-vault-")
	if err != nil {
		return nil, vault.Info{}, ioErr(err)
	}
	defer os.RemoveAll(tmp)
	if err := os.WriteFile(filepath.Join(tmp, vault.FileName), b.VaultJSON, 0o600); err != nil {
		return nil, vault.Info{}, ioErr(err)
	}
	v, err := vault.Open(tmp, vault.Options{})
	if err != nil {
		return nil, vault.Info{}, err
	}
	u, err := unlockFn(v)
	if err != nil {
		return nil, vault.Info{}, err
	}
	defer u.Lock()
	k, err := u.Keys()
	return k, v.Info(), err
}
