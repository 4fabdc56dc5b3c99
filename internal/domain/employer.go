package domain

import (
	"strings"
	"time"
)

// PlatformProfile says how an employer's declarations are submitted
// (platform-api.md): "sandbox" (the default, training), "remote:<name>" (an API
// endpoint configured under that name) or "manual" (deposit on damancom.ma by hand).
type PlatformProfile string

// The fixed platform profiles and the prefix of remote ones.
const (
	ProfileSandbox      PlatformProfile = "sandbox"
	ProfileManual       PlatformProfile = "manual"
	ProfileRemotePrefix                 = "remote:"
)

// RemoteProfile returns the profile "remote:<name>".
func RemoteProfile(name string) PlatformProfile { return PlatformProfile(ProfileRemotePrefix + name) }

// ParsePlatformProfile accepts "sandbox", "manual" or "remote:<name>" where name
// is 1–40 characters among a–z, A–Z, 0–9, '-', '_' and '.'. The empty string is
// the sandbox. Surrounding spaces are ignored; anything else is refused (ok false).
func ParsePlatformProfile(s string) (PlatformProfile, bool) {
	s = strings.TrimSpace(s)
	switch PlatformProfile(s) {
	case "", ProfileSandbox:
		return ProfileSandbox, true
	case ProfileManual:
		return ProfileManual, true
	}
	name, ok := strings.CutPrefix(s, ProfileRemotePrefix)
	if !ok || !validProfileName(name) {
		return "", false
	}
	return RemoteProfile(name), true
}

func validProfileName(name string) bool {
	if len(name) < 1 || len(name) > 40 {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
		default:
			return false
		}
	}
	return true
}

// Valid reports whether p is a well-formed profile (the empty profile is not).
func (p PlatformProfile) Valid() bool {
	if p == "" {
		return false
	}
	q, ok := ParsePlatformProfile(string(p))
	return ok && q == p
}

// IsRemote reports whether p is a "remote:<name>" profile.
func (p PlatformProfile) IsRemote() bool { return strings.HasPrefix(string(p), ProfileRemotePrefix) }

// RemoteName returns the name of a remote profile, "" for the others.
func (p PlatformProfile) RemoteName() string {
	name, _ := strings.CutPrefix(string(p), ProfileRemotePrefix)
	if !p.IsRemote() {
		return ""
	}
	return name
}

// DeadlineOverride replaces the legal deadline of one period (the 10th of the
// following month) when CNSS extends it by communiqué.
type DeadlineOverride struct {
	Period Period `json:"period" validate:"period" ts_type:"string"`
	Date   Date   `json:"date" validate:"date" ts_type:"string"`
	Note   string `json:"note,omitempty" validate:"max=200"`
}

// Employer is an "affilié" of CNSS: one company whose monthly declarations the
// user prepares. The affiliation number is unique in a store. ID is an opaque
// identifier assigned by the store.
//
// Affiliation and Agency must have the right shape; a failing check digit on the
// affiliation number is accepted (the declaration rules report it as the warning
// ID-AFFILIATION) because CNSS-issued numbers are authoritative.
type Employer struct {
	ID                string             `json:"id"`
	Affiliation       string             `json:"affiliation" validate:"required,affiliation"`
	Name              string             `json:"name" validate:"required,max=120"`
	ICE               string             `json:"ice,omitempty" validate:"omitempty,ice"`
	IF                string             `json:"if,omitempty" validate:"omitempty,if"`
	RC                string             `json:"rc,omitempty" validate:"max=30"`
	Activity          string             `json:"activity,omitempty" validate:"max=120"`
	Address           string             `json:"address,omitempty" validate:"max=200"`
	City              string             `json:"city,omitempty" validate:"max=60"`
	PostalCode        string             `json:"postal_code,omitempty" validate:"omitempty,numeric,max=6"`
	Agency            string             `json:"agency,omitempty" validate:"omitempty,len=2,alphanum"`
	PlatformProfile   PlatformProfile    `json:"platform_profile" validate:"profile"`
	AMOSolidarityOnly bool               `json:"amo_solidarity_only"`
	DeadlineOverrides []DeadlineOverride `json:"deadline_overrides,omitempty" validate:"max=240,dive"`
	CreatedAt         time.Time          `json:"created_at,omitempty" ts_type:"string"` // omitempty: see UpdatedAt
	UpdatedAt         time.Time          `json:"updated_at,omitempty" ts_type:"string"` // set by the store; omitempty (no effect on a time in encoding/json) makes them optional in the generated TypeScript: the page sends a new record without them
}

// Normalize trims spaces, upper-cases the agency code, normalises the ICE and
// sets the default platform profile. It does not validate.
func (e *Employer) Normalize() {
	e.Affiliation = strings.TrimSpace(e.Affiliation)
	e.Name = strings.TrimSpace(e.Name)
	e.ICE = strings.TrimSpace(e.ICE)
	if ice, err := NormalizeICE(e.ICE); err == nil {
		e.ICE = ice
	}
	e.IF = strings.TrimSpace(e.IF)
	e.RC = strings.TrimSpace(e.RC)
	e.Activity = strings.TrimSpace(e.Activity)
	e.Address = strings.TrimSpace(e.Address)
	e.City = strings.TrimSpace(e.City)
	e.PostalCode = strings.TrimSpace(e.PostalCode)
	e.Agency = strings.ToUpper(strings.TrimSpace(e.Agency))
	if p, ok := ParsePlatformProfile(string(e.PlatformProfile)); ok {
		e.PlatformProfile = p
	}
	for i := range e.DeadlineOverrides {
		e.DeadlineOverrides[i].Note = strings.TrimSpace(e.DeadlineOverrides[i].Note)
	}
}

// Deadline returns the overridden deadline of period p, if any.
func (e *Employer) Deadline(p Period) (Date, bool) {
	for _, o := range e.DeadlineOverrides {
		if o.Period == p {
			return o.Date, true
		}
	}
	return Date{}, false
}

// DuplicateOverride returns the index of the first deadline override whose
// period already appeared earlier in the list, or -1.
func (e *Employer) DuplicateOverride() int {
	seen := make(map[Period]bool, len(e.DeadlineOverrides))
	for i, o := range e.DeadlineOverrides {
		if seen[o.Period] {
			return i
		}
		seen[o.Period] = true
	}
	return -1
}
