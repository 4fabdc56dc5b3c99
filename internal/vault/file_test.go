package vault

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	gokeyring "github.com/zalando/go-keyring"

	"github.com/tasrih/tasrih/internal/i18n"
)

// goldenSecrets are the secrets and sub-keys of testdata/v1.json.
type goldenSecrets struct {
	Passphrase   string `json:"passphrase"`
	RecoveryCode string `json:"recovery_code"`
	StoreKey     string `json:"store_key"`
	BackupKey    string `json:"backup_key"`
	MACKey       string `json:"mac_key"`
}

// TestGoldenV1 pins the format: a vault.json written by this version (with
// cheap test parameters) must open forever with the same secrets and give
// the same sub-keys — else every existing store becomes unreadable.
// go test -run TestGoldenV1 -update rewrites it (and the fuzz seeds).
func TestGoldenV1(t *testing.T) {
	UseCheapKDFForTests(t)
	const vaultFile, secretsFile = "testdata/v1.json", "testdata/v1.secrets.json"
	if *update {
		dir := t.TempDir()
		u, code, err := Create(dir, testPass, Options{})
		if err != nil {
			t.Fatal(err)
		}
		k, _ := u.Keys()
		b, _ := json.MarshalIndent(goldenSecrets{testPass, code,
			hex.EncodeToString(k.Store[:]), hex.EncodeToString(k.Backup[:]), hex.EncodeToString(k.MAC[:])}, "", "  ")
		writeTestdata(t, secretsFile, append(b, '\n'))
		writeTestdata(t, vaultFile, readVaultFile(t, dir))
		writeFuzzSeeds(t, readVaultFile(t, dir))
	}
	var s goldenSecrets
	sb, err := os.ReadFile(secretsFile)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(sb, &s); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	vb, err := os.ReadFile(vaultFile)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(FilePath(dir), vb, 0o600); err != nil {
		t.Fatal(err)
	}
	v := mustOpen(t, dir, Options{})
	for name, unlock := range map[string]func() (*Unlocked, error){
		"passphrase": func() (*Unlocked, error) { return v.UnlockPassphrase(s.Passphrase) },
		"recovery":   func() (*Unlocked, error) { return v.UnlockRecovery(s.RecoveryCode) },
	} {
		u, err := unlock()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		k, _ := u.Keys()
		if hex.EncodeToString(k.Store[:]) != s.StoreKey || hex.EncodeToString(k.Backup[:]) != s.BackupKey ||
			hex.EncodeToString(k.MAC[:]) != s.MACKey {
			t.Fatalf("%s: sub-keys differ from the golden ones", name)
		}
	}
	// Encoding is stable: re-encoding what was read gives the same bytes.
	h, err := parseHeader(vb)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(h.encode(), vb) {
		t.Fatal("re-encoding testdata/v1.json changes it")
	}
}

func writeTestdata(t *testing.T, name string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeFuzzSeeds writes the seed corpus of FuzzReadVault from a real file.
func writeFuzzSeeds(t *testing.T, valid []byte) {
	t.Helper()
	dir := filepath.Join("testdata", "fuzz", "FuzzReadVault")
	os.RemoveAll(dir)
	seeds := map[string][]byte{
		"valid":          valid,
		"truncated-half": valid[:len(valid)/2],
		"empty":          {},
		"null":           []byte("null"),
		"huge-memory":    bytes.Replace(valid, []byte(`"memory_kib": 64`), []byte(`"memory_kib": 1073741824`), 1),
		"huge-time":      bytes.Replace(valid, []byte(`"time": 1`), []byte(`"time": 1000000000`), 1),
		"unknown-field":  bytes.Replace(valid, []byte(`"format"`), []byte(`"x": 1, "format"`), 1),
		"no-recovery":    withoutKey(t, valid, "recovery"),
		"trailing":       append(bytes.Clone(valid), "{}"...),
	}
	for name, b := range seeds {
		writeTestdata(t, filepath.Join(dir, name), fmt.Appendf(nil, "go test fuzz v1\n[]byte(%q)\n", b))
	}
}

func withoutKey(t testing.TB, b []byte, key string) []byte {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, key)
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// FuzzReadVault feeds the reader arbitrary bytes: it must never panic, and
// whatever it accepts must re-encode to something it reads back the same;
// an accepted file is then tried with the golden secrets, which must never
// panic either.
func FuzzReadVault(f *testing.F) {
	UseCheapKDFForTests(f)
	if b, err := os.ReadFile("testdata/v1.json"); err == nil {
		f.Add(b)
	}
	var s goldenSecrets
	if b, err := os.ReadFile("testdata/v1.secrets.json"); err == nil {
		json.Unmarshal(b, &s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := parseHeader(b)
		if err != nil {
			if h != nil {
				t.Fatal("header with an error")
			}
			return
		}
		again, err := parseHeader(h.encode())
		if err != nil {
			t.Fatalf("re-encoded header refused: %v", err)
		}
		if !bytes.Equal(again.encode(), h.encode()) {
			t.Fatal("encoding is not stable")
		}
		// Unlock only when cheap: the fuzzer may pick up to the ceiling.
		if uint64(h.Passphrase.Time)*uint64(h.Passphrase.MemoryKiB) > 1024 {
			return
		}
		v := &Vault{h: h} // unlocking never writes
		if u, err := v.UnlockPassphrase(s.Passphrase); err == nil {
			u.Lock()
		}
		if h.Recovery != nil && uint64(h.Recovery.Time)*uint64(h.Recovery.MemoryKiB) <= 1024 {
			if u, err := v.UnlockRecovery(s.RecoveryCode); err == nil {
				u.Lock()
			}
		}
	})
}

// mutation is one change to a vault.json decoded as generic JSON.
type mutation struct {
	name  string
	apply func(m map[string]any)
}

// leafMutations returns, for every leaf of the JSON object, a change of its
// value that keeps its type (a flipped bit in base64 bytes, a number + 1, a
// changed character), plus the removal of every key.
func leafMutations(t *testing.T, m map[string]any) []mutation {
	var out []mutation
	var walk func(path []string, obj map[string]any)
	walk = func(path []string, obj map[string]any) {
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := append(append([]string{}, path...), k)
			name := strings.Join(p, ".")
			get := func(m map[string]any) map[string]any {
				for _, q := range p[:len(p)-1] {
					m = m[q].(map[string]any)
				}
				return m
			}
			out = append(out, mutation{"remove " + name, func(m map[string]any) { delete(get(m), k) }})
			switch v := obj[k].(type) {
			case map[string]any:
				walk(p, v)
			case float64:
				out = append(out, mutation{name + " +1", func(m map[string]any) { get(m)[k] = v + 1 }})
			case string:
				raw, err := base64.StdEncoding.DecodeString(v)
				if err == nil && len(raw) > 0 && k != "id" && k != "format" && k != "kdf" && k != "created_at" {
					for _, at := range []int{0, len(raw) - 1} {
						out = append(out, mutation{fmt.Sprintf("%s bit flip at %d", name, at), func(m map[string]any) {
							c := bytes.Clone(raw)
							c[at] ^= 0x01
							get(m)[k] = base64.StdEncoding.EncodeToString(c)
						}})
					}
					continue
				}
				if k == "created_at" {
					out = append(out, mutation{name + " another year", func(m map[string]any) {
						c := []byte(v)
						c[3] = '0' + (c[3]-'0'+1)%10
						get(m)[k] = string(c)
					}})
					continue
				}
				out = append(out, mutation{name + " last character", func(m map[string]any) {
					c := []byte(v)
					switch last := c[len(c)-1]; {
					case last == '0':
						c[len(c)-1] = '1'
					case last >= '1' && last <= '9' || last >= 'a' && last <= 'f':
						c[len(c)-1] = last - 1
					default:
						c[len(c)-1] = 'a'
					}
					get(m)[k] = string(c)
				}})
			default:
				t.Fatalf("unexpected JSON leaf %s: %T", name, v)
			}
		}
	}
	walk(nil, m)
	return out
}

// TestTampered changes every field of a vault.json in turn: the reader
// refuses the file, or every way to unlock fails; the MAC makes even a field
// no secret depends on (created_at, the other wraps) fail.
func TestTampered(t *testing.T) {
	gokeyring.MockInit()
	dir, u, code := newTestVault(t, Options{})
	if err := u.Remember(bg); err != nil {
		t.Fatal(err)
	}
	orig := readVaultFile(t, dir)
	var base map[string]any
	if err := json.Unmarshal(orig, &base); err != nil {
		t.Fatal(err)
	}
	muts := append(leafMutations(t, base),
		mutation{"unknown field", func(m map[string]any) { m["extra"] = true }},
		mutation{"unknown field in a wrap", func(m map[string]any) { m["passphrase"].(map[string]any)["extra"] = 1 }},
		mutation{"recovery wrap copied into passphrase", func(m map[string]any) { m["passphrase"] = m["recovery"] }},
	)
	if len(muts) < 40 {
		t.Fatalf("only %d mutations", len(muts))
	}
	macOnly := 0
	for _, mu := range muts {
		t.Run(mu.name, func(t *testing.T) {
			var m map[string]any
			json.Unmarshal(orig, &m)
			mu.apply(m)
			b, err := json.MarshalIndent(m, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			tdir := t.TempDir()
			if err := os.WriteFile(FilePath(tdir), b, 0o600); err != nil {
				t.Fatal(err)
			}
			v, err := Open(tdir, Options{})
			if err != nil {
				wantCode(t, err, CodeCorrupt, CodeKDFParams, CodeUnsupported)
				t.Logf("open: %s", i18n.Code(err))
				return
			}
			tampered := false
			for name, unlock := range map[string]func() (*Unlocked, error){
				"passphrase": func() (*Unlocked, error) { return v.UnlockPassphrase(testPass) },
				"recovery":   func() (*Unlocked, error) { return v.UnlockRecovery(code) },
				"keyring":    func() (*Unlocked, error) { return v.UnlockKeyring(bg) },
			} {
				got, err := unlock()
				if err == nil || got != nil {
					t.Fatalf("%s unlock of a tampered file succeeded", name)
				}
				wantCode(t, err, CodeWrongSecret, CodeTampered, CodeKeyringUnavailable, CodeNotRemembered)
				t.Logf("%s: %s", name, i18n.Code(err))
				tampered = tampered || i18n.Code(err) == CodeTampered
			}
			if tampered {
				macOnly++
			}
			unchanged(t, tdir, b)
		})
	}
	if macOnly == 0 {
		t.Fatal("no mutation was caught by the MAC alone")
	}
}

func TestTruncatedEveryLength(t *testing.T) {
	gokeyring.MockInit()
	dir, u, _ := newTestVault(t, Options{})
	if err := u.Remember(bg); err != nil {
		t.Fatal(err)
	}
	full := readVaultFile(t, dir)
	for i := range len(full) {
		h, err := parseHeader(full[:i])
		if i == len(full)-1 && bytes.Equal(full[:i], bytes.TrimRight(full, "\n")) {
			if err != nil {
				t.Fatalf("file without its final newline refused: %v", err)
			}
			continue
		}
		if h != nil {
			t.Fatalf("prefix of %d bytes accepted", i)
		}
		wantCode(t, err, CodeCorrupt)
	}
}

func TestGarbage(t *testing.T) {
	UseCheapKDFForTests(t)
	valid, err := os.ReadFile("testdata/v1.json")
	if err != nil {
		t.Fatal(err)
	}
	rnd := make([]byte, 4096)
	for i := range rnd {
		rnd[i] = byte(i*7919 + i/13)
	}
	repl := func(old, new string) []byte {
		if !bytes.Contains(valid, []byte(old)) {
			t.Fatalf("testdata/v1.json has no %q", old)
		}
		return bytes.Replace(valid, []byte(old), []byte(new), 1)
	}
	var parsed struct{ ID string }
	if err := json.Unmarshal(valid, &parsed); err != nil || len(parsed.ID) != 32 {
		t.Fatalf("testdata/v1.json id: %v", err)
	}
	id := parsed.ID
	for _, tc := range []struct {
		name  string
		input []byte
		code  string
	}{
		{"empty", nil, CodeCorrupt},
		{"binary", rnd, CodeCorrupt},
		{"null", []byte("null"), CodeCorrupt},
		{"array", []byte("[1,2]"), CodeCorrupt},
		{"empty object", []byte("{}"), CodeCorrupt},
		{"string", []byte(`"tasrih-vault"`), CodeCorrupt},
		{"deep nesting", []byte(strings.Repeat("[", 60000)), CodeCorrupt},
		{"two objects", append(bytes.Clone(valid), valid...), CodeCorrupt},
		{"BOM", append([]byte("\xef\xbb\xbf"), valid...), CodeCorrupt},
		{"other format", repl(`"tasrih-vault"`, `"age-encryption.org/v1"`), CodeCorrupt},
		{"version 2", repl(`"version": 1`, `"version": 2`), CodeUnsupported},
		{"version 0", repl(`"version": 1`, `"version": 0`), CodeCorrupt},
		{"version -1", repl(`"version": 1`, `"version": -1`), CodeCorrupt},
		{"version huge", repl(`"version": 1`, `"version": 1e300`), CodeCorrupt},
		{"id upper case", repl(id, strings.ToUpper(id)), CodeCorrupt},
		{"id short", repl(id, id[2:]), CodeCorrupt},
		{"id not hex", repl(id, "zz"+id[2:]), CodeCorrupt},
		{"created_at not a date", repl(`"created_at": "`, `"created_at": "x`), CodeCorrupt},
		{"kdf argon2i", repl(`"argon2id"`, `"argon2i"`), CodeCorrupt},
		{"salt short", repl(`"salt": "`, `"salt": "AAAA`), CodeCorrupt},
		{"salt not base64", repl(`"salt": "`, `"salt": "!`), CodeCorrupt},
		{"passphrase null", setKey(t, valid, "passphrase", "null"), CodeCorrupt},
		{"no passphrase", withoutKey(t, valid, "passphrase"), CodeCorrupt},
		{"keyring wrap empty", setKey(t, valid, "keyring", "{}"), CodeCorrupt},
		{"recovery wrap a string", setKey(t, valid, "recovery", `"x"`), CodeCorrupt},
		{"mac short", setKey(t, valid, "mac", `"AAAA"`), CodeCorrupt},
		{"mac missing", withoutKey(t, valid, "mac"), CodeCorrupt},
		{"memory 1 TiB in KiB", repl(`"memory_kib": 64`, `"memory_kib": 1073741824`), CodeKDFParams},
		{"memory 1 TiB in bytes", repl(`"memory_kib": 64`, `"memory_kib": 1099511627776`), CodeCorrupt},
		{"memory negative", repl(`"memory_kib": 64`, `"memory_kib": -64`), CodeCorrupt},
		{"time 1e9", repl(`"time": 1`, `"time": 1000000000`), CodeKDFParams},
		{"time 101", repl(`"time": 1`, `"time": 101`), CodeKDFParams},
		{"time 0", repl(`"time": 1`, `"time": 0`), CodeKDFParams},
		{"time fractional", repl(`"time": 1`, `"time": 1.5`), CodeCorrupt},
		{"threads 0", repl(`"threads": 1`, `"threads": 0`), CodeKDFParams},
		{"threads 255", repl(`"threads": 1`, `"threads": 255`), CodeKDFParams},
		{"threads 256", repl(`"threads": 1`, `"threads": 256`), CodeCorrupt},
		{"cost above the bound", bytes.Replace(repl(`"memory_kib": 64`, `"memory_kib": 524288`), []byte(`"time": 1`), []byte(`"time": 100`), 1), CodeKDFParams},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, err := parseHeader(tc.input)
			if h != nil {
				t.Fatal("accepted")
			}
			wantCode(t, err, tc.code)
		})
	}
}

// setKey returns the JSON object b with key set to the raw JSON value.
func setKey(t testing.TB, b []byte, key, raw string) []byte {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	m[key] = json.RawMessage(raw)
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestOversize(t *testing.T) {
	UseCheapKDFForTests(t)
	valid, err := os.ReadFile("testdata/v1.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []int64{maxFileSize + 1, 100 << 20, 4 << 30} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			dir := t.TempDir()
			// A valid vault.json padded with spaces: only its size is wrong.
			f, err := os.Create(FilePath(dir))
			if err != nil {
				t.Fatal(err)
			}
			f.Write(valid)
			f.Write(bytes.Repeat([]byte(" "), maxFileSize+1-len(valid)))
			if err := f.Truncate(size); err != nil { // sparse beyond
				t.Fatal(err)
			}
			f.Close()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err = Open(dir, Options{})
			runtime.ReadMemStats(&after)
			wantCode(t, err, CodeTooLarge)
			if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
				t.Fatalf("reading allocated %d bytes", got)
			}
		})
	}
	_, err = parseHeader(bytes.Repeat([]byte(" "), maxFileSize+1))
	wantCode(t, err, CodeTooLarge)
}

// TestReaderAllocation: a file the reader refuses costs little memory even
// when it is as large as allowed.
func TestReaderAllocation(t *testing.T) {
	inputs := map[string][]byte{
		"long string": []byte(`{"format":"` + strings.Repeat("x", maxFileSize-20) + `"}`),
		"long base64": []byte(`{"mac":"` + strings.Repeat("A", maxFileSize-20) + `"}`),
		"many keys":   []byte("{" + strings.Repeat(`"a":1,`, maxFileSize/6-1) + `"b":1}`),
		"nesting":     []byte(strings.Repeat("[", maxFileSize)),
	}
	for name, in := range inputs {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := parseHeader(in)
		runtime.ReadMemStats(&after)
		wantCode(t, err, CodeCorrupt)
		if got := after.TotalAlloc - before.TotalAlloc; got > 4<<20 {
			t.Errorf("%s: reading %d bytes allocated %d", name, len(in), got)
		}
	}
}
