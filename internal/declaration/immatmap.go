package declaration

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
