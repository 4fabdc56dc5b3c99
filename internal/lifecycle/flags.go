package lifecycle

// Flags are what the page needs to know about one declaration, computed
// here so that the screens render them instead of comparing statuses.
type Flags struct {
	// Frozen: the file and findings never change again.
	Frozen bool `json:"frozen"`
	// CanSubmit: the declaration may be put in the outbox now (Dépôt), or
	// submitted again after a refusal.
	CanSubmit bool `json:"can_submit"`
	// CanExport: its file may be exported for a deposit by hand.
	CanExport bool `json:"can_export"`
	// NeedsRegenerate: the month changed after generation (outdated).
	NeedsRegenerate bool `json:"needs_regenerate"`
	// Deposited: it reached the CNSS (platform or by hand).
	Deposited bool `json:"deposited"`
}

// DeclFlags returns the flags of a declaration in status s with the given
// number of blocking findings and whether it has a file.
func DeclFlags(s Status, errors int, hasFile bool) Flags {
	usable := errors == 0 && hasFile
	return Flags{
		Frozen:          s.Frozen(),
		CanSubmit:       usable && (s == Ready || s == Rejected),
		CanExport:       usable && s != Accepted && s != Outdated && s != Draft,
		NeedsRegenerate: s == Outdated,
		Deposited:       s.Deposited(),
	}
}

// Decl is the little a month needs of each declaration to compute its flags.
type Decl struct {
	Principal bool
	Status    Status
}

// MonthFlags are the flags of a month of one employer.
type MonthFlags struct {
	// Frozen: the principal declaration was transmitted (and not refused):
	// the grid is read-only.
	Frozen bool `json:"frozen"`
	// CanComplement: the principal declaration was deposited, so a
	// complementary one may be prepared for forgotten employees.
	CanComplement bool `json:"can_complement"`
	// NeedsRegenerate: the principal declaration is outdated.
	NeedsRegenerate bool `json:"needs_regenerate"`
}

// Month returns the flags of a month from its declarations.
func Month(decls []Decl) MonthFlags {
	var f MonthFlags
	for _, d := range decls {
		if !d.Principal {
			continue
		}
		if d.Status.Frozen() && d.Status != Rejected {
			f.Frozen = true
		}
		if d.Status.Deposited() {
			f.CanComplement = true
		}
		if d.Status == Outdated {
			f.NeedsRegenerate = true
		}
	}
	return f
}
