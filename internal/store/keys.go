package store

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"

	"github.com/tasrih/tasrih/internal/domain"
)

// Key prefixes (see the layout in doc.go).
const (
	pEmployer      = "er/"
	pEmployerCount = "ec/"
	pAffIdx        = "xa/"
	pEmployee      = "ee/"
	pImmIdx        = "xi/"
	pCINIdx        = "xc/"
	pHistory       = "eh/"
	pPreetabli     = "pe/"
	pLines         = "ml/"
	pSummary       = "ps/"
	pDecl          = "dc/"
	pDeclIdx       = "dx/"
	pSub           = "sb/"
	pSubIdx        = "sx/"
	pIdem          = "sk/"
	pReceipt       = "rc/"
	pReceiptIdx    = "rx/"
	pAudit         = "au/"
)

var (
	keySchema    = []byte("m/schema")
	keyIdxKey    = []byte("m/idxkey")
	keyAuditHead = []byte("m/audit")
)

func k(parts ...string) []byte {
	n := 0
	for _, p := range parts {
		n += len(p) + 1
	}
	b := make([]byte, 0, n)
	for i, p := range parts {
		if i > 0 && b[len(b)-1] != '/' {
			b = append(b, '/')
		}
		b = append(b, p...)
	}
	return b
}

func prefix(parts ...string) []byte {
	b := k(parts...)
	if b[len(b)-1] != '/' {
		b = append(b, '/')
	}
	return b
}

func keyEmployer(id string) []byte                   { return k(pEmployer, id) }
func keyEmployerCount(id string) []byte              { return k(pEmployerCount, id) }
func keyEmployee(er, id string) []byte               { return k(pEmployee, er, id) }
func keyPreetabli(er string, p domain.Period) []byte { return k(pPreetabli, er, p.String()) }
func keyLines(er string, p domain.Period) []byte     { return k(pLines, er, p.String()) }
func keySummary(er string, p domain.Period) []byte   { return k(pSummary, er, p.String()) }
func keyDecl(id string) []byte                       { return k(pDecl, id) }
func keyDeclIdx(er string, p domain.Period, id string) []byte {
	return k(pDeclIdx, er, p.String(), id)
}
func keySub(id string) []byte              { return k(pSub, id) }
func keySubIdx(decl, id string) []byte     { return k(pSubIdx, decl, id) }
func keyIdem(key string) []byte            { return k(pIdem, key) }
func keyReceipt(id string) []byte          { return k(pReceipt, id) }
func keyReceiptIdx(decl, id string) []byte { return k(pReceiptIdx, decl, id) }

func keyHistory(er, ee string, seq uint64) []byte {
	b := prefix(pHistory, er, ee)
	return binary.BigEndian.AppendUint64(b, seq)
}

func keyAudit(seq uint64) []byte {
	return binary.BigEndian.AppendUint64([]byte(pAudit), seq)
}

// mac returns the opaque index token of a sensitive value (affiliation,
// immatriculation, CIN): HMAC-SHA256 under the store's index key, with the
// index name as domain separation, truncated to 128 bits, base64url.
func (s *Store) mac(index, value string) string {
	h := hmac.New(sha256.New, s.idxKey)
	h.Write([]byte(index))
	h.Write([]byte{0})
	h.Write([]byte(value))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:16])
}

func (s *Store) keyAffIdx(aff string) []byte { return k(pAffIdx, s.mac("affiliation", aff)) }
func (s *Store) keyImmIdx(er, imm string) []byte {
	return k(pImmIdx, er, s.mac("immatriculation", imm))
}
func (s *Store) keyCINIdx(er, cin string) []byte { return k(pCINIdx, er, s.mac("cin", cin)) }
