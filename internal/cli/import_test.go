package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/vault"
)

func TestImportCommands(t *testing.T) {
	vault.UseCheapKDFForTests(t)
	dir := t.TempDir()
	env := map[string]string{envPassphrase: testPass}
	if code, o, e := runWith(t, env, "", "vault", "init", "--data", dir); code != ExitOK {
		t.Fatalf("init: %s %s", o, e)
	}
	employers := writeTemp(t, "employeurs.csv", "affiliation;raison_sociale;ville;remarques\n1234567;Société Exemple SARL;Casablanca;client depuis 2019\n2703892;Atlas Services;Rabat;\n")
	code, o, e := runWith(t, env, "", "import", "employers", employers, "--data", dir)
	if code != ExitOK || !strings.Contains(o, "2 créé(s)") || !strings.Contains(o, "remarques") {
		t.Fatalf("import employers: %d\n%s%s", code, o, e)
	}
	employees := writeTemp(t, "salaries.csv", "immatriculation;cin;nom;prenom;salaire\n123456785;BK123456;Alami;Ahmed;8000\n187654325;A654321;Bennani;Sara;6 500,00\n")
	if code, o, e = runWith(t, env, "", "import", "employees", employees, "--employer", "1234567", "--data", dir); code != ExitOK || !strings.Contains(o, "2 créé(s)") {
		t.Fatalf("import employees: %d\n%s%s", code, o, e)
	}
	// Re-importing changes nothing and never duplicates.
	if code, o, _ = runWith(t, env, "", "import", "employees", employees, "--employer", "1234567", "--data", dir); code != ExitOK || !strings.Contains(o, "2 inchangé(s)") {
		t.Errorf("re-import: %d\n%s", code, o)
	}
	// A row in error: nothing written, exit 1, the row and column named.
	bad := writeTemp(t, "bad.csv", "immatriculation;cin;nom;prenom;salaire\n112233441;BK999;Idrissi;Omar;4500\n143890989;XX;Tazi;Salma;-5\n")
	code, o, _ = runWith(t, env, "", "import", "employees", bad, "--employer", "1234567", "--data", dir)
	if code != ExitFindings || !strings.Contains(o, "Rien n'a été importé") || !strings.Contains(o, "3") {
		t.Errorf("error row: %d\n%s", code, o)
	}
	if code, o, _ = runWith(t, env, "", "import", "employees", bad, "--employer", "1234567", "--data", dir, "--dry-run", "--lang", "en"); code != ExitFindings || !strings.Contains(o, "in error") {
		t.Errorf("dry run: %d\n%s", code, o)
	}
	if code, o, _ = runWith(t, env, "", "import", "employees", bad, "--employer", "1234567", "--data", dir, "--skip-errors"); code != ExitOK || !strings.Contains(o, "1 créé(s)") {
		t.Errorf("skip errors: %d\n%s", code, o)
	}
	if code, _, e = runWith(t, env, "", "import", "employees", employees, "--employer", "9999999", "--data", dir); code != ExitUsage || !strings.Contains(e, "9999999") {
		t.Errorf("unknown employer: %d %s", code, e)
	}
	if code, _, _ = runWith(t, env, "", "import", "payslips", employees); code != ExitUsage {
		t.Errorf("unknown kind: %d", code)
	}
}

// A file over the import limit is refused from its size, unread: a sparse
// 1 GiB file costs nothing to make and would cost 1 GiB to read.
func TestImportRefusesHugeFileUnread(t *testing.T) {
	path := filepath.Join(t.TempDir(), "énorme.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	code, _, e := runWith(t, nil, "", "import", "employees", path, "--data", t.TempDir())
	if code != ExitUsage || !strings.Contains(e, "64 Mo") {
		t.Fatalf("%d %s", code, e)
	}
}
