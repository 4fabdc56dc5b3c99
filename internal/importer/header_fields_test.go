package importer

import "testing"

func TestFieldKey(t *testing.T) {
	cases := map[string]string{
		"N° d'affiliation":         "affiliation",
		"Nº affiliation":           "affiliation",
		"Numéro d'immatriculation": "immatriculation",
		"DATE DE NAISSANCE":        "date_naissance",
		"Salaire brut (MAD)":       "salaire_brut",
		"Nombre d'enfants":         "enfants",
		"RIB/IBAN":                 "rib_iban",
		"  Prénom ":                "prenom",
		"\ufeffnom":                "nom",
		"N°":                       "",
	}
	for in, want := range cases {
		if got := fieldKey(in); got != want {
			t.Errorf("fieldKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHeaderMapping(t *testing.T) {
	cases := []struct {
		spec   sheetSpec
		header string
		field  string // "" = ignored
	}{
		// Employers.
		{employerSpec(), "affiliation", "affiliation"},
		{employerSpec(), "n_affiliation", "affiliation"},
		{employerSpec(), "N° d'affiliation", "affiliation"},
		{employerSpec(), "Raison sociale", "name"},
		{employerSpec(), "raison_sociale", "name"},
		{employerSpec(), "Company name", "name"},
		{employerSpec(), "Nom", "name"},
		{employerSpec(), "ICE", "ice"},
		{employerSpec(), "IF", "if"},
		{employerSpec(), "Identifiant fiscal", "if"},
		{employerSpec(), "RC", "rc"},
		{employerSpec(), "Registre de commerce", "rc"},
		{employerSpec(), "Activité", "activity"},
		{employerSpec(), "Activity", "activity"},
		{employerSpec(), "Adresse", "address"},
		{employerSpec(), "Address", "address"},
		{employerSpec(), "Ville", "city"},
		{employerSpec(), "City", "city"},
		{employerSpec(), "Code postal", "postal_code"},
		{employerSpec(), "postal_code", "postal_code"},
		{employerSpec(), "Agence", "agency"},
		{employerSpec(), "Agency", "agency"},
		{employerSpec(), "Téléphone", ""},
		{employerSpec(), "Observations", ""},
		// Employees.
		{employeeSpec(), "Affiliation", "affiliation"},
		{employeeSpec(), "N° affiliation employeur", "affiliation"},
		{employeeSpec(), "Immatriculation", "immatriculation"},
		{employeeSpec(), "N° CNSS", "immatriculation"},
		{employeeSpec(), "Matricule CNSS", "immatriculation"},
		{employeeSpec(), "CIN", "cin"},
		{employeeSpec(), "N° CIN", "cin"},
		{employeeSpec(), "CNIE", "cin"},
		{employeeSpec(), "Nom", "last_name"},
		{employeeSpec(), "last_name", "last_name"},
		{employeeSpec(), "Last name", "last_name"},
		{employeeSpec(), "Prénom", "first_name"},
		{employeeSpec(), "First name", "first_name"},
		{employeeSpec(), "Date de naissance", "birth_date"},
		{employeeSpec(), "date_naissance", "birth_date"},
		{employeeSpec(), "Birth date", "birth_date"},
		{employeeSpec(), "Date of birth", "birth_date"},
		{employeeSpec(), "Date d'embauche", "hire_date"},
		{employeeSpec(), "hire_date", "hire_date"},
		{employeeSpec(), "Date de sortie", "exit_date"},
		{employeeSpec(), "exit_date", "exit_date"},
		{employeeSpec(), "Fonction", "job_title"},
		{employeeSpec(), "Poste", "job_title"},
		{employeeSpec(), "Job title", "job_title"},
		{employeeSpec(), "Salaire", "monthly_gross"},
		{employeeSpec(), "Salaire brut", "monthly_gross"},
		{employeeSpec(), "salaire_brut", "monthly_gross"},
		{employeeSpec(), "Salaire brut mensuel (DH)", "monthly_gross"},
		{employeeSpec(), "Gross", "monthly_gross"},
		{employeeSpec(), "Enfants", "children"},
		{employeeSpec(), "Nombre d'enfants", "children"},
		{employeeSpec(), "Children", "children"},
		{employeeSpec(), "RIB", "rib"},
		{employeeSpec(), "IBAN", "rib"},
		{employeeSpec(), "RIB / IBAN", "rib"},
		{employeeSpec(), "Email", ""},
		{employeeSpec(), "Situation familiale", ""},
		{employeeSpec(), "N°", ""},
	}
	for _, tc := range cases {
		got, ok := tc.spec.aliases.field(tc.header)
		if got != tc.field || ok != (tc.field != "") {
			t.Errorf("%q → %q (%v), want %q", tc.header, got, ok, tc.field)
		}
	}
}

func TestAliasCollisionPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("no panic on an alias shared by two fields")
		}
	}()
	newAliasSet(map[string][]string{"a": {"N° x"}, "b": {"x"}})
}
