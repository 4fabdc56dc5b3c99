package vault

import (
	"strings"
)

// Recovery codes: 6 groups of 5 characters from a 32-symbol alphabet without
// the ambiguous 0/O, 1/I (150 bits), shown as XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX.
const (
	recoveryAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
	recoveryGroups   = 6
	recoveryGroupLen = 5
	recoveryLen      = recoveryGroups * recoveryGroupLen
)

// newRecoveryCode returns a fresh code in its display form.
func newRecoveryCode() string {
	raw := randomBytes(recoveryLen)
	defer clear(raw)
	var sb strings.Builder
	for i, b := range raw {
		if i > 0 && i%recoveryGroupLen == 0 {
			sb.WriteByte('-')
		}
		sb.WriteByte(recoveryAlphabet[b&31]) // 256 is a multiple of 32: uniform
	}
	return sb.String()
}

// normalizeRecoveryCode accepts a code with or without dashes or spaces, in
// any case, and returns its 30 canonical characters (the Argon2id input).
func normalizeRecoveryCode(code string) ([]byte, error) {
	if len(code) > 4*recoveryLen {
		return nil, errRecoveryFormat()
	}
	out := make([]byte, 0, recoveryLen)
	for _, r := range code {
		switch {
		case r == '-' || r == ' ' || r == '\t' || r == '\u00a0' || r == '\u202f' || r == '\n' || r == '\r':
			continue
		case r >= 'a' && r <= 'z':
			r -= 'a' - 'A'
		}
		if r > 0x7f || !strings.ContainsRune(recoveryAlphabet, r) || len(out) == recoveryLen {
			clear(out)
			return nil, errRecoveryFormat()
		}
		out = append(out, byte(r))
	}
	if len(out) != recoveryLen {
		clear(out)
		return nil, errRecoveryFormat()
	}
	return out, nil
}
