package declaration

import (
	"strconv"

	"github.com/tasrih/tasrih/internal/domain"
)

// immatMap maps immatriculations to V. A 9-digit immatriculation, the
// only kind a well-formed file holds, is keyed by its value (a uint32: a
// map of integers hashes and compares far faster than one of strings, and
// every line of a file is looked up several times); any other text (a
// malformed field, a blank) is keyed as a string, so that the map means
// exactly what a map[string]V would.
type immatMap[V any] struct {
	num   map[uint32]V
	other map[string]V
}

func newImmatMap[V any](n int) immatMap[V] {
	return immatMap[V]{num: make(map[uint32]V, n)}
}

// immatKey returns the value of a 9-digit immatriculation; ok is false for
// any other string.
func immatKey(s string) (uint32, bool) {
	if len(s) != 9 {
		return 0, false
	}
	var v uint32
	for i := 0; i < 9; i++ {
		d := s[i] - '0'
		if d > 9 {
			return 0, false
		}
		v = v*10 + uint32(d)
	}
	return v, true
}

func (m *immatMap[V]) get(s string) (V, bool) {
	if k, ok := immatKey(s); ok {
		v, found := m.num[k]
		return v, found
	}
	v, found := m.other[s]
	return v, found
}

func (m *immatMap[V]) set(s string, v V) {
	if k, ok := immatKey(s); ok {
		if m.num == nil {
			m.num = map[uint32]V{}
		}
		m.num[k] = v
		return
	}
	if m.other == nil {
		m.other = map[string]V{}
	}
	m.other[s] = v
}

// fastPaths enables the shortcuts of the record checks (an employee looked
// up at the position the préétabli's order predicts before the index, the
// 9-digit immatriculation read without strconv). Every shortcut gives the
// answer of the general path it skips; the differential tests turn them off
// to compare the two on random and altered files.
var fastPaths = true

// immatInt is the value of an immatriculation as strconv.ParseInt(s, 10, 64)
// reads it, 0 when it cannot: the 9-digit case, the only one of a
// well-formed file, without strconv (ParseInt of 9 ASCII digits is their
// value).
func immatInt(s string) int64 {
	if k, ok := immatKey(s); ok && fastPaths {
		return int64(k)
	}
	v, _ := strconv.ParseInt(s, 10, 64)
	return v
}

// normalRank is the control-sum rank of the normal situation, the one of
// nearly every line.
var normalRank = domain.SitNormal.Rank()

// situationRank is s.Rank() without a map lookup for the normal situation.
func situationRank(s domain.Situation) int64 {
	if s == domain.SitNormal && fastPaths {
		return normalRank
	}
	return s.Rank()
}

// situationValid is s.Valid() without a map lookup for the normal situation.
func situationValid(s domain.Situation) bool {
	return (s == domain.SitNormal && fastPaths) || s.Valid()
}

// immatCheckFails reports a 9-digit immatriculation whose check digit is
// wrong (ID-IMMATRICULATION): ImmatriculationCheckOK is false for any other
// shape, so it is asked first and the shape only when it fails.
func immatCheckFails(s string) bool {
	return !domain.ImmatriculationCheckOK(s) && domain.ImmatriculationShapeOK(s)
}
