// Package decltest generates realistic, valid préétablis and payrolls of any
// size for tests, benchmarks and the sandbox platform's demo data. The data
// is synthetic and deterministic for a given seed.
package decltest

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/domain"
)

// Immat returns a 9-digit immatriculation with a valid check digit made from
// the 8-digit number n (the first digit is unused by the check).
func Immat(n int) string {
	s := fmt.Sprintf("%08d", n%100_000_000)
	d := func(i int) int { return int(s[i-1] - '0') } // C1…C8
	sum := 2*(d(2)+d(4)+d(6)+d(8)) + d(3) + d(5) + d(7)
	return s + string(rune('0'+(10-sum%10)%10))
}

// Affiliation returns a 7-digit affiliation number with a valid check digit
// made from the 6-digit number n.
func Affiliation(n int) string {
	s := fmt.Sprintf("%06d", n%1_000_000)
	d := func(i int) int { return int(s[i-1] - '0') }
	sum := 2*(d(2)+d(4)+d(6)) + d(1) + d(3) + d(5)
	return s + string(rune('0'+(10-sum%10)%10))
}

var (
	lastNames  = []string{"ALAMI", "BENNANI", "IDRISSI", "EL FASSI", "BERRADA", "TAZI", "CHRAIBI", "OUAZZANI", "AMRANI", "SQALLI", "FILALI", "LAHLOU", "BENJELLOUN", "SEBTI", "KETTANI", "ZIANI"}
	firstNames = []string{"AHMED", "SARA", "OMAR", "FATIMA", "YOUSSEF", "KHADIJA", "MEHDI", "SALMA", "HAMZA", "NADIA", "KARIM", "AMINA", "RACHID", "LAILA", "ANAS", "HIND"}
)

// Name returns a deterministic "LASTNAME FIRSTNAME" for index i.
func Name(i int) (last, first string) {
	return lastNames[i%len(lastNames)], firstNames[(i/len(lastNames))%len(firstNames)]
}

// Preetabli builds a valid préétabli of n employees for affiliation aff and
// period p. Employees get family allowances now and then.
func Preetabli(aff string, p domain.Period, n int, seed uint64) *cnssfile.Preetabli {
	r := rand.New(rand.NewPCG(seed, 7))
	x := &cnssfile.Preetabli{
		Header: cnssfile.Header{TransferID: aff + fmt.Sprintf("%02d%02d001", p.Year%100, int(p.Month)), Cat: "A0"},
		Employer: cnssfile.Employer{Affiliation: aff, Period: p, Name: "SOCIETE DE DEMONSTRATION SARL",
			Activity: "SERVICES", Address: "12 BOULEVARD MOHAMMED V", City: "CASABLANCA", PostalCode: "20000",
			Agency: "01", IssueDate: domain.DateOf(p.Next().First()), DueDate: domain.Date{Year: p.Next().Year, Month: p.Next().Month, Day: 10}},
		Totals: cnssfile.PreTotals{Affiliation: aff, Period: p},
	}
	for i := 0; i < n; i++ {
		last, first := Name(i)
		in := cnssfile.Insured{Affiliation: aff, Period: p, Immat: Immat(10_000_000 + i*7919), Name: last + " " + first}
		if r.IntN(4) == 0 {
			in.Children = 1 + r.IntN(4)
			in.AFToPay = domain.Money(30000 * min(in.Children, 3))
			in.AFNet = in.AFToPay
		}
		x.Insured = append(x.Insured, in)
		x.Totals.Count++
		x.Totals.Children += int64(in.Children)
		x.Totals.AFToPay += in.AFToPay
		x.Totals.AFNet += in.AFNet
		var v int64
		fmt.Sscan(in.Immat, &v)
		x.Totals.ImmatSum += v
	}
	return x
}

// PreetabliBytes encodes Preetabli(aff, p, n, seed).
func PreetabliBytes(aff string, p domain.Period, n int, seed uint64) []byte {
	b, err := cnssfile.AppendPreetabli(nil, Preetabli(aff, p, n, seed))
	if err != nil {
		panic(err)
	}
	return b
}

// PayrollCSV returns a valid payroll CSV for the préétabli: most employees
// work a full month, a few leave (SO) or take unpaid leave (CS), and
// `entrants` new people are paid, some of them not yet registered.
func PayrollCSV(pre *cnssfile.Preetabli, entrants int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 11))
	var b strings.Builder
	b.Grow((len(pre.Insured) + entrants + 1) * 48)
	b.WriteString("immatriculation;cin;nom;prenom;jours;salaire;situation\n")
	for _, in := range pre.Insured {
		last, first, _ := strings.Cut(in.Name, " ")
		switch k := r.IntN(100); {
		case k < 2:
			fmt.Fprintf(&b, "%s;;%s;%s;0;0;SO\n", in.Immat, last, first)
		case k < 3:
			fmt.Fprintf(&b, "%s;;%s;%s;0;0;CS\n", in.Immat, last, first)
		default:
			gross := domain.Money(350000 + r.IntN(1500000))
			fmt.Fprintf(&b, "%s;;%s;%s;26;%s;\n", in.Immat, last, first, strings.ReplaceAll(gross.String(), " ", ""))
		}
	}
	for i := 0; i < entrants; i++ {
		last, first := Name(i + 7)
		immat, cin := Immat(50_000_000+i*104729), ""
		if i%5 == 0 {
			immat, cin = "", fmt.Sprintf("BK%06d", 100000+i)
		}
		gross := domain.Money(400000 + r.IntN(600000))
		fmt.Fprintf(&b, "%s;%s;%s;%s;%d;%s;\n", immat, cin, last, first, 20+r.IntN(7), strings.ReplaceAll(gross.String(), " ", ""))
	}
	return []byte(b.String())
}
