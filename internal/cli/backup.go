package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/tasrih/tasrih/internal/backup"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/store"
	"github.com/tasrih/tasrih/internal/vault"
	"github.com/tasrih/tasrih/internal/workspace"
)

func init() {
	register("backup", "sauvegarde chiffrée des données ou restauration (create, restore)", runBackup)
}

var (
	msgBackupSub = i18n.Text{
		FR: "sous-commande attendue : create ou restore",
		AR: "الأمر الفرعي المنتظر: create أو restore",
		EN: "expected a subcommand: create or restore",
	}
	msgRestoreArgs = i18n.Text{
		FR: "indiquez le fichier de sauvegarde à restaurer",
		AR: "حدد ملف النسخة الاحتياطية المراد استرجاعه",
		EN: "give the backup file to restore",
	}
	msgRestoreConfirm = i18n.Text{
		FR: "%s contient déjà des données : ajoutez --yes pour les remplacer par la sauvegarde (elles seront gardées dans %s/previous-…)",
		AR: "يحتوي %s على بيانات: أضف --yes لاستبدالها بالنسخة الاحتياطية (ستُحفظ في %s/previous-…)",
		EN: "%s already holds data: add --yes to replace it with the backup (it will be kept in %s/previous-…)",
	}
	msgInUse = i18n.Text{
		FR: "les données de %s sont ouvertes par Tasrih : fermez l'application avant de restaurer",
		AR: "بيانات %s مفتوحة في تصريح: أغلق التطبيق قبل الاسترجاع",
		EN: "the data in %s is open in Tasrih: close the application before restoring",
	}
	txtBackupDone = i18n.Text{
		FR: "Sauvegarde écrite : %s\n%d enregistrements, %s ; chiffrée (age), lisible avec la phrase de passe ou le code de secours de ce coffre.",
		AR: "تمت كتابة النسخة الاحتياطية: %s\n%d تسجيلاً، %s؛ مشفرة (age)، تُقرأ بعبارة المرور أو رمز الاسترداد لهذه الخزنة.",
		EN: "Backup written: %s\n%d records, %s; encrypted (age), readable with this vault's passphrase or recovery code.",
	}
	txtRestoreProgress = i18n.Text{
		FR: "Restauration : %d %%",
		AR: "الاسترجاع: %d %%",
		EN: "Restoring: %d %%",
	}
	txtBackupProgress = i18n.Text{
		FR: "Sauvegarde : %d %%",
		AR: "النسخ الاحتياطي: %d %%",
		EN: "Backing up: %d %%",
	}
	txtRestorePrevious = i18n.Text{
		FR: "Les données remplacées sont gardées dans %s (supprimez ce dossier vous-même quand vous n'en avez plus besoin).",
		AR: "البيانات المستبدلة محفوظة في %s (احذف هذا المجلد بنفسك حين لا تحتاجه).",
		EN: "The replaced data is kept in %s (remove that folder yourself when you no longer need it).",
	}
	txtRestoreDone = i18n.Text{
		FR: "Sauvegarde du %s restaurée dans %s : %d enregistrements vérifiés, journal d'audit intact (%d entrées).",
		AR: "تم استرجاع النسخة الاحتياطية بتاريخ %s في %s: %d تسجيلاً تم التحقق منها، سجل التدقيق سليم (%d إدخال).",
		EN: "Backup of %s restored into %s: %d records verified, audit log intact (%d entries).",
	}
)

func runBackup(env *Env) int {
	return dispatch(env, "backup", msgBackupSub, map[string]func(*Env) int{"create": backupCreate, "restore": backupRestore})
}

func backupCreate(env *Env) int {
	var out *string
	dir, l, _, code := storeFlags(env, "backup create", "[--data DOSSIER] [--out FICHIER_OU_DOSSIER] [--lang fr|ar|en]", func(fs *flagSet) {
		out = fs.String("out", ".", "fichier ou dossier où écrire la sauvegarde")
	})
	if code >= 0 {
		return code
	}
	w, err := openWorkspace(env, l, dir)
	if err != nil {
		return usageError(env, l, err)
	}
	defer w.Close()
	src, err := w.BackupSource("manual")
	if err != nil {
		return usageError(env, l, err)
	}
	path := *out
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		id := src.VaultID
		if len(id) > 8 {
			id = id[:8]
		}
		path = filepath.Join(path, fmt.Sprintf("tasrih-%s-%s%s", id, time.Now().UTC().Format("20060102T150405Z"), backup.SnapshotExt))
	}
	// Ctrl-C (env.Ctx) stops it: no file and no temporary file are left.
	if err := backup.WriteFileContext(env.Ctx, path, src, percent(env, l, txtBackupProgress)); err != nil {
		return usageError(env, l, err)
	}
	b, err := backup.Open(path, 0)
	if err != nil {
		return usageError(env, l, err)
	}
	m, err := b.Verify(src.BackupKey)
	if err != nil {
		return usageError(env, l, err)
	}
	st, _ := os.Stat(path)
	fmt.Fprintln(env.Stdout, txtBackupDone.Format(l, path, m.Records, humanSize(st.Size())))
	return ExitOK
}

func backupRestore(env *Env) int {
	var yes, recovery *bool
	dir, l, args, code := storeFlags(env, "backup restore", "FICHIER [--data DOSSIER] [--recovery] [--yes] [--lang fr|ar|en]", func(fs *flagSet) {
		yes = fs.Bool("yes", false, "remplacer les données existantes sans autre confirmation")
		recovery = fs.Bool("recovery", false, "déverrouiller la sauvegarde avec le code de secours")
	})
	if code >= 0 {
		return code
	}
	if len(args) != 1 {
		return usageError(env, l, i18n.New("cli.args", msgRestoreArgs))
	}
	if workspace.Exists(dir) && !*yes {
		return usageError(env, l, i18n.New("cli.confirm", msgRestoreConfirm, dir, dir))
	}
	if store.InUse(vault.StoreDir(dir)) {
		return usageError(env, l, i18n.New("cli.in_use", msgInUse, dir))
	}
	s := newSecrets(env, l)
	progress := percent(env, l, txtRestoreProgress)
	res, err := backup.RestoreContext(env.Ctx, args[0], dir, 0, func(v *vault.Vault) (*vault.Unlocked, error) {
		if *recovery {
			c, err := s.read(envRecoveryCode, txtRecoveryPrompt)
			if err != nil {
				return nil, err
			}
			return v.UnlockRecovery(c)
		}
		p, err := s.read(envPassphrase, txtPassPrompt)
		if err != nil {
			return nil, err
		}
		return v.UnlockPassphrase(p)
	}, progress)
	if err != nil {
		return usageError(env, l, err)
	}
	if res.Previous != "" {
		fmt.Fprintln(env.Stdout, txtRestorePrevious.Format(l, filepath.Join(dir, res.Previous)))
	}
	fmt.Fprintln(env.Stdout, txtRestoreDone.Format(l, res.Manifest.CreatedAt.Local().Format("02/01/2006 15:04"), dir, res.Records, res.Audit))
	return ExitOK
}

// percent returns a progress callback that prints txt (one %d, the
// percentage) on stderr at every tenth.
func percent(env *Env, l i18n.Lang, txt i18n.Text) func(done, total int64) {
	last := -1
	return func(done, total int64) {
		if total <= 0 {
			return
		}
		if pct := int(min(done*100/total, 100)); pct/10 != last/10 {
			last = pct
			fmt.Fprintln(env.Stderr, txt.Format(l, pct))
		}
	}
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f Mo", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f ko", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d o", n)
}
