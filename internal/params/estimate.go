package params

import (
	"math"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

// The contribution branches, in the order of an Estimate.
const (
	BranchPS  = "PS"  // prestations sociales (short and long term, job loss)
	BranchAF  = "AF"  // allocations familiales
	BranchAMO = "AMO" // assurance maladie obligatoire
	BranchTFP = "TFP" // taxe de formation professionnelle
)

// BranchLabels names each branch in the three languages.
var BranchLabels = map[string]i18n.Text{
	BranchPS:  {FR: "Prestations sociales", AR: "التعويضات الاجتماعية", EN: "Social benefits"},
	BranchAF:  {FR: "Allocations familiales", AR: "التعويضات العائلية", EN: "Family allowances"},
	BranchAMO: {FR: "Assurance maladie obligatoire (AMO)", AR: "التأمين الإجباري الأساسي عن المرض", EN: "Compulsory health insurance (AMO)"},
	BranchTFP: {FR: "Taxe de formation professionnelle", AR: "رسم التكوين المهني", EN: "Vocational training tax"},
}

// EstimateNote labels every figure of this package for the user.
var EstimateNote = i18n.Text{
	FR: "Estimation indicative : seul le décompte émis par la CNSS fait foi.",
	AR: "تقدير إرشادي: الكشف الصادر عن الصندوق الوطني للضمان الاجتماعي هو وحده المعتمد.",
	EN: "Indicative estimate: only the statement issued by CNSS is authoritative.",
}

// BranchEstimate is the contribution of one branch.
type BranchEstimate struct {
	Branch       string       `json:"branch"`
	Label        i18n.Text    `json:"label"`
	Base         domain.Money `json:"base"`
	EmployerRate int64        `json:"employer_rate"` // hundredths of a percent
	EmployeeRate int64        `json:"employee_rate"`
	Employer     domain.Money `json:"employer"`
	Employee     domain.Money `json:"employee"`
}

// Estimate is the contribution estimate of a declaration.
type Estimate struct {
	Branches []BranchEstimate `json:"branches"`
	Employer domain.Money     `json:"employer"`
	Employee domain.Money     `json:"employee"`
	Total    domain.Money     `json:"total"`
}

// AMOEmployerRate is the employer's AMO rate: the full rate (2,26 % + 1,85 %
// solidarity) or, for employers with group medical cover from before March 2006,
// the solidarity part only.
func (p Params) AMOEmployerRate(solidarityOnly bool) int64 {
	if solidarityOnly {
		return p.AMO.EmployerSolidarity
	}
	return p.AMO.Employer + p.AMO.EmployerSolidarity
}

// AMOEmployeeRate is the employee's AMO rate: 0 when the employer pays the
// solidarity part only.
func (p Params) AMOEmployeeRate(solidarityOnly bool) int64 {
	if solidarityOnly {
		return 0
	}
	return p.AMO.Employee
}

// Estimate computes the contributions on a declaration's total real salary and
// total capped salary (B06 N_T_Salaire_Reel and N_T_Salaire_Plaf): for each
// branch and each part, round_half_up(base × rate) to the centime, then sums.
// PS is on the capped salary, AF, AMO and TFP on the real salary. With
// amoSolidarityOnly the employer pays only the AMO solidarity part and the
// 2,26 % parts are not due. It is an estimate (EstimateNote).
func (p Params) Estimate(real, capped domain.Money, amoSolidarityOnly bool) Estimate {
	br := []BranchEstimate{
		{Branch: BranchPS, Base: capped, EmployerRate: p.PS.Employer, EmployeeRate: p.PS.Employee},
		{Branch: BranchAF, Base: real, EmployerRate: p.AF.Employer, EmployeeRate: p.AF.Employee},
		{Branch: BranchAMO, Base: real, EmployerRate: p.AMOEmployerRate(amoSolidarityOnly), EmployeeRate: p.AMOEmployeeRate(amoSolidarityOnly)},
		{Branch: BranchTFP, Base: real, EmployerRate: p.TFP.Employer, EmployeeRate: p.TFP.Employee},
	}
	var e Estimate
	for i := range br {
		b := &br[i]
		b.Label = BranchLabels[b.Branch]
		b.Employer = b.Base.MulRate(b.EmployerRate)
		b.Employee = b.Base.MulRate(b.EmployeeRate)
		e.Employer += b.Employer
		e.Employee += b.Employee
	}
	e.Branches = br
	e.Total = e.Employer + e.Employee
	return e
}

// BelowMinimum is the SAL-MINIMUM test (cnss-edi.md §7): real ≤ SMIG_monthly /
// MaxDays × (days − 1), computed exactly as real × MaxDays ≤ SMIG_monthly ×
// (days − 1). It is false when days ≤ 1.
func (p Params) BelowMinimum(days int, real domain.Money) bool {
	if days <= 1 || p.MaxDays <= 0 {
		return false
	}
	md := int64(p.MaxDays)
	if int64(real) > math.MaxInt64/md {
		return false // far above any minimum
	}
	return int64(real)*md <= int64(p.SMIGMonthly)*int64(days-1)
}
