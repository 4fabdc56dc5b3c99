package vault

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"time"
)

// Options tune Create, Open and what an Unlocked does. The zero value is
// right for the application.
type Options struct {
	// Params are the Argon2id parameters of new passphrase and recovery-code
	// wraps (Create, ChangePassphrase, NewRecoveryCode). Zero: calibrated
	// once per process on this machine (Calibrate(DefaultTarget)). Values
	// below FloorParams are refused (tests lower the floor only through
	// UseCheapKDFForTests).
	Params Params
	// Keyring is the OS keyring; nil means OSKeyring.
	Keyring Keyring
	// KeyringTimeout bounds every keyring call; 0 means
	// DefaultKeyringTimeout.
	KeyringTimeout time.Duration
	// Now gives the creation time; nil means time.Now.
	Now func() time.Time
}

func (o Options) keyring() Keyring {
	if o.Keyring == nil {
		return OSKeyring{}
	}
	return o.Keyring
}

func (o Options) now() time.Time {
	if o.Now == nil {
		return time.Now()
	}
	return o.Now()
}

// Method tells how an Unlocked was obtained.
type Method string

// The ways to get an Unlocked.
const (
	MethodCreated    Method = "created"
	MethodPassphrase Method = "passphrase"
	MethodRecovery   Method = "recovery"
	MethodKeyring    Method = "keyring"
)

// Info describes a vault without any secret (for the CLI and the UI).
type Info struct {
	Dir           string    `json:"dir"`
	ID            string    `json:"id"`
	FormatVersion int       `json:"formatVersion"`
	CreatedAt     time.Time `json:"createdAt" ts_type:"string"`
	// Remembered: vault.json holds a keyring wrap (the keyring itself may
	// still have lost the key: UnlockKeyring tells).
	Remembered  bool `json:"remembered"`
	HasRecovery bool `json:"hasRecovery"`
	// RecoveryUsed: the recovery code has unlocked this vault and is spent;
	// until a new passphrase is set (Rekey), the UI keeps asking for one.
	RecoveryUsed bool   `json:"recoveryUsed"`
	Params       Params `json:"params"`
}

func (h *header) info(dir string) Info {
	created, _ := time.Parse(time.RFC3339, h.CreatedAt) // checked when read
	return Info{
		Dir:           dir,
		ID:            h.ID,
		FormatVersion: h.Version,
		CreatedAt:     created,
		Remembered:    h.Keyring != nil,
		HasRecovery:   h.Recovery != nil,
		RecoveryUsed:  h.RecoveryUsed,
		Params:        h.Passphrase.Params,
	}
}

// Vault is a vault.json read from disk, still locked. It is immutable and
// safe for concurrent use.
type Vault struct {
	dir  string
	opts Options
	h    *header
	sum  [sha256.Size]byte // of the bytes read
}

// Create makes a new vault in dir (created 0700 if missing): a random data
// key wrapped by passphrase and by a fresh recovery code, written to
// dir/vault.json. It returns the vault unlocked and the recovery code, to be
// shown once: it is not stored anywhere in clear.
//
// The passphrase must pass CheckPassphrase. Create refuses a dir that
// already holds a vault.json, or a store without its vault.json.
func Create(dir, passphrase string, opts Options) (*Unlocked, string, error) {
	if err := CheckPassphrase(passphrase); err != nil {
		return nil, "", err
	}
	params, err := opts.pick()
	if err != nil {
		return nil, "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, "", errIO(err)
	}
	if _, err := os.Lstat(FilePath(dir)); err == nil {
		return nil, "", errExists(dir)
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, "", errIO(err)
	}
	if nonEmptyDir(StoreDir(dir)) {
		return nil, "", errOrphanStore(dir)
	}

	u := &Unlocked{dir: dir, opts: opts, method: MethodCreated}
	copy(u.dataKey[:], randomBytes(keySize))
	h := &header{
		Format:    formatName,
		Version:   formatVersion,
		ID:        hex.EncodeToString(randomBytes(idSize)),
		CreatedAt: opts.now().UTC().Truncate(time.Second).Format(time.RFC3339),
	}
	pass := normPassphrase(passphrase)
	h.Passphrase = sealKDF(pass, params, &u.dataKey, h.aad(slotPassphrase))
	clear(pass)
	code := newRecoveryCode()
	rc, err := normalizeRecoveryCode(code)
	if err != nil {
		panic("vault: generated recovery code does not parse") // a bug, caught by tests
	}
	h.Recovery = sealKDF(rc, params, &u.dataKey, h.aad(slotRecovery))
	clear(rc)
	deriveKeys(&u.dataKey, &u.keys)
	h.seal(&u.keys.MAC)
	b := h.encode()
	if err := writeFileAtomic(dir, b); err != nil {
		u.Lock()
		return nil, "", err
	}
	u.h, u.sum = h, sha256.Sum256(b)
	return u, code, nil
}

func nonEmptyDir(dir string) bool {
	f, err := os.Open(dir)
	if err != nil {
		return false
	}
	defer f.Close()
	_, err = f.Readdirnames(1)
	return err != io.EOF
}

// Open reads dir/vault.json strictly. A missing file gives vault.not_found
// (errors.Is ErrNotFound); a damaged one vault.corrupt, vault.too_large,
// vault.kdf_params or vault.version_unsupported.
//
// Open first finishes or undoes a re-key that was interrupted (RecoverRekey).
func Open(dir string, opts Options) (*Vault, error) {
	if err := RecoverRekey(dir); err != nil {
		return nil, err
	}
	b, err := readFile(dir)
	if err != nil {
		return nil, err
	}
	h, err := parseHeader(b)
	if err != nil {
		return nil, err
	}
	return &Vault{dir: dir, opts: opts, h: h, sum: sha256.Sum256(b)}, nil
}

// Info describes the vault.
func (v *Vault) Info() Info { return v.h.info(v.dir) }

// UnlockPassphrase unlocks with the passphrase (one Argon2id derivation,
// about 0.5–1 s). A wrong passphrase gives vault.wrong_secret.
func (v *Vault) UnlockPassphrase(passphrase string) (*Unlocked, error) {
	pass := normPassphrase(passphrase)
	defer clear(pass)
	k, ok := openKDF(pass, v.h.Passphrase, v.h.aad(slotPassphrase))
	if !ok {
		return nil, errWrongSecret()
	}
	return v.unlocked(k, MethodPassphrase)
}

// UnlockRecovery unlocks with the recovery code, accepted with or without
// dashes or spaces, in any case. A malformed code gives
// vault.recovery_format, a wrong one vault.wrong_secret. The code is
// single-use: the unlock marks it spent in vault.json (Info().RecoveryUsed)
// and the caller must then set a new passphrase with BeginRekey, which
// issues a new code under a new data key, so the old code opens nothing
// current, not even with an old vault.json put back. Until then the code
// still unlocks (a crash before the new passphrase is set must not lock the
// user out).
func (v *Vault) UnlockRecovery(code string) (*Unlocked, error) {
	rc, err := normalizeRecoveryCode(code)
	if err != nil {
		return nil, err
	}
	defer clear(rc)
	if v.h.Recovery == nil {
		return nil, errWrongSecret()
	}
	k, ok := openKDF(rc, v.h.Recovery, v.h.aad(slotRecovery))
	if !ok {
		return nil, errWrongSecret()
	}
	u, err := v.unlocked(k, MethodRecovery)
	if err != nil {
		return nil, err
	}
	// The code is spent: say so in vault.json (authenticated), so that the
	// request for a new passphrase survives a restart.
	u.mu.Lock()
	defer u.mu.Unlock()
	if !u.h.RecoveryUsed {
		nh := u.h.clone()
		nh.RecoveryUsed = true
		if err := u.commit(nh); err != nil {
			clear(u.dataKey[:])
			u.keys.Zero()
			u.locked = true
			return nil, err
		}
	}
	return u, nil
}

// UnlockKeyring unlocks with the key kept in the OS keyring (microseconds
// once the keyring answers). It gives vault.not_remembered when this vault
// was never remembered, keyring.unavailable on a timeout, a missing entry or
// no keyring service; both are errors.Is ErrKeyringUnavailable and mean "ask
// for the passphrase".
func (v *Vault) UnlockKeyring(ctx context.Context) (*Unlocked, error) {
	if v.h.Keyring == nil {
		return nil, errNotRemembered()
	}
	kr := v.opts.keyring()
	s, err := keyringCall(ctx, v.opts.KeyringTimeout, func() (string, error) {
		return kr.Get(KeyringService, v.h.ID)
	})
	if err != nil {
		return nil, errKeyringUnavailable(err)
	}
	kek, err := decodeKEK(s)
	if err != nil {
		return nil, errKeyringUnavailable(err)
	}
	defer clear(kek)
	k, ok := openKey(kek, v.h.Keyring, v.h.aad(slotKeyring))
	if !ok {
		return nil, errKeyringUnavailable(errors.New("the keyring key does not open this vault"))
	}
	return v.unlocked(k, MethodKeyring)
}

// unlocked checks the header MAC with the unwrapped key and returns the
// Unlocked. k is consumed (zeroed).
func (v *Vault) unlocked(k *[keySize]byte, m Method) (*Unlocked, error) {
	defer clear(k[:])
	u := &Unlocked{dir: v.dir, opts: v.opts, h: v.h.clone(), sum: v.sum, method: m}
	u.dataKey = *k
	deriveKeys(&u.dataKey, &u.keys)
	if !u.h.verify(&u.keys.MAC) {
		u.Lock()
		return nil, errTampered()
	}
	return u, nil
}
