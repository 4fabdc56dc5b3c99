package declaration

import (
	"math/rand/v2"
	"testing"
)

// immatMap means what a map[string]int means: the same answers on 100 000
// random operations over keys that are 9-digit immatriculations (leading
// zeros included), other lengths, blanks, letters, and bytes next to '0'
// and '9'.
func TestImmatMapIsAStringMap(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	const alphabet = "0123456789/: A"
	key := func() string {
		n := 9
		if r.IntN(4) == 0 {
			n = r.IntN(11)
		}
		b := make([]byte, n)
		for i := range b {
			if r.IntN(20) == 0 {
				b[i] = alphabet[r.IntN(len(alphabet))]
			} else {
				b[i] = '0' + byte(r.IntN(3)) // few digits: many collisions of equal keys
			}
		}
		return string(b)
	}
	ref := map[string]int{}
	var m immatMap[int]
	for i := range 100_000 {
		k := key()
		if r.IntN(2) == 0 {
			ref[k] = i
			m.set(k, i)
			continue
		}
		want, wok := ref[k]
		got, gok := m.get(k)
		if got != want || gok != wok {
			t.Fatalf("get(%q) = %d, %v; a map[string]int gives %d, %v", k, got, gok, want, wok)
		}
	}
	if len(m.num) == 0 || len(m.other) == 0 {
		t.Fatalf("one side never used: %d numeric keys, %d others", len(m.num), len(m.other))
	}
}
