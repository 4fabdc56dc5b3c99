package decltest
import ("testing"; "github.com/tasrih/tasrih/internal/domain")
func TestX(t *testing.T){ for i:=0;i<1000;i++ { if !domain.ImmatriculationCheckOK(Immat(10_000_000+i*7919)) || !domain.AffiliationCheckOK(Affiliation(i*37)) {t.Fatal(i)} } ; if Immat(12345678) != "123456785" || Affiliation(123456) != "1234567" {t.Fatal(Immat(12345678), Affiliation(123456))}}
