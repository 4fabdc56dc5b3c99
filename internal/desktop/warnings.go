package desktop

import (
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

// Warning is something worth saying about a record without refusing it.
type Warning struct {
	Field string
	Code  string
	Msg   i18n.Text
}

// CodeAffiliationCheck: the affiliation number's 7th digit is not its check digit.
const CodeAffiliationCheck = "employer.affiliation_check"

var msgAffiliationCheck = i18n.Text{
	FR: "le dernier chiffre ne correspond pas à la clé de contrôle d'un numéro d'affiliation CNSS : vérifiez le numéro (il est enregistré quand même)",
	AR: "الرقم الأخير لا يطابق مفتاح المراقبة لرقم الانخراط في الضمان الاجتماعي: تحقق من الرقم (يُحفظ رغم ذلك)",
	EN: "the last digit does not match the check digit of a CNSS affiliation number: check the number (it is saved anyway)",
}

// EmployerWarnings returns what is worth saying about an employer without
// refusing it: an affiliation number of the right shape whose check digit
// does not match (most often a typo; the CNSS has issued a few such numbers,
// so saving is not refused).
func EmployerWarnings(e domain.Employer) []Warning {
	var out []Warning
	if domain.AffiliationShapeOK(e.Affiliation) && !domain.AffiliationCheckOK(e.Affiliation) {
		out = append(out, Warning{Field: "affiliation", Code: CodeAffiliationCheck, Msg: msgAffiliationCheck})
	}
	return out
}
