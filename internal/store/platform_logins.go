package store

import (
	"errors"
	"sort"
	"strings"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

// PlatformLogins is the list of logins known per platform profile (the
// passwords are in the OS keyring, never here).
type PlatformLogins struct{ scope }

// PlatformLogins returns the login repository of the store.
func (s *Store) PlatformLogins() PlatformLogins { return PlatformLogins{scope{s: s}} }

// PlatformLogins returns the login repository bound to tx.
func (tx *Tx) PlatformLogins() PlatformLogins { return PlatformLogins{scope{s: tx.s, tx: tx}} }

var msgLoginNotFound = i18n.Text{
	FR: "identifiant de connexion inconnu pour ce mode de dépôt",
	AR: "اسم المستخدم غير معروف لطريقة الإيداع هذه",
	EN: "unknown login for this submission profile",
}

// Add records login for profile, or marks a known one as just used. It
// returns the record.
func (r PlatformLogins) Add(profile domain.PlatformProfile, login string) (PlatformLogin, error) {
	pl := PlatformLogin{Profile: profile, Login: strings.TrimSpace(login)}
	if err := Validate(pl); err != nil {
		return PlatformLogin{}, err
	}
	err := r.update(func(tx *Tx) error {
		idx := tx.s.keyPlatformLoginIdx(pl.Profile, pl.Login)
		id, err := tx.getRaw(idx)
		switch {
		case errors.Is(err, errMissing):
			pl.ID = newID()
			pl.CreatedAt, pl.LastUsedAt = tx.now, tx.now
			if err := tx.putRaw(idx, []byte(pl.ID)); err != nil {
				return err
			}
			if err := tx.put(keyPlatformLogin(pl.ID), pl); err != nil {
				return err
			}
			_, err := tx.Audit(ActionPlatformLoginAdd, kindPlatformLogin, pl.ID, nil, pl)
			return err
		case err != nil:
			return err
		}
		if err := tx.get(keyPlatformLogin(string(id)), kindPlatformLogin, &pl); err != nil {
			if errors.Is(err, errMissing) {
				return errCorrupt(kindPlatformLogin, err)
			}
			return err
		}
		pl.LastUsedAt = tx.now
		return tx.put(keyPlatformLogin(pl.ID), pl)
	})
	if err != nil {
		return PlatformLogin{}, err
	}
	return pl, nil
}

// List returns the logins of profile, the most recently used first.
func (r PlatformLogins) List(profile domain.PlatformProfile) ([]PlatformLogin, error) {
	var out []PlatformLogin
	err := r.view(func(tx *Tx) error {
		return tx.scan([]byte(pPlatformLogin), false, func(_, val []byte) error {
			var pl PlatformLogin
			if err := jsonDecode(val, &pl, kindPlatformLogin); err != nil {
				return err
			}
			if pl.Profile == profile {
				out = append(out, pl)
			}
			return nil
		})
	})
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].LastUsedAt.Equal(out[j].LastUsedAt) {
			return out[i].LastUsedAt.After(out[j].LastUsedAt)
		}
		return out[i].Login < out[j].Login
	})
	return out, err
}

// Remove forgets login for profile (store.not_found if unknown).
func (r PlatformLogins) Remove(profile domain.PlatformProfile, login string) error {
	login = strings.TrimSpace(login)
	return r.update(func(tx *Tx) error {
		idx := tx.s.keyPlatformLoginIdx(profile, login)
		id, err := tx.getRaw(idx)
		if errors.Is(err, errMissing) {
			return i18n.Wrap(ErrNotFound, CodeNotFound, msgLoginNotFound)
		}
		if err != nil {
			return err
		}
		var pl PlatformLogin
		if err := tx.get(keyPlatformLogin(string(id)), kindPlatformLogin, &pl); err != nil && !errors.Is(err, errMissing) {
			return err
		}
		if err := tx.del(idx); err != nil {
			return err
		}
		if err := tx.del(keyPlatformLogin(string(id))); err != nil {
			return err
		}
		_, err = tx.Audit(ActionPlatformLoginRemove, kindPlatformLogin, string(id), pl, nil)
		return err
	})
}
