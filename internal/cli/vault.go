package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/store"
	"github.com/tasrih/tasrih/internal/vault"
	"github.com/tasrih/tasrih/internal/workspace"
)

func init() {
	register("vault", "crée, vérifie le coffre chiffré ou change sa phrase de passe (init, passwd, verify)", runVault)
	register("audit", "vérifie le journal d'audit chaîné (verify)", runAudit)
}

var (
	msgVaultSub = i18n.Text{
		FR: "sous-commande attendue : init, passwd ou verify",
		AR: "الأمر الفرعي المنتظر: init أو passwd أو verify",
		EN: "expected a subcommand: init, passwd or verify",
	}
	msgAuditSub = i18n.Text{
		FR: "sous-commande attendue : verify",
		AR: "الأمر الفرعي المنتظر: verify",
		EN: "expected a subcommand: verify",
	}
	txtCreated = i18n.Text{
		FR: "Coffre créé dans %s.\n\nCode de secours (notez-le et gardez-le en lieu sûr, il ne sera plus jamais affiché) :\n\n    %s\n\nIl permet de rouvrir le coffre si vous oubliez la phrase de passe.",
		AR: "تم إنشاء الخزنة في %s.\n\nرمز الاسترداد (دوّنه واحفظه في مكان آمن، لن يُعرض مرة أخرى):\n\n    %s\n\nيتيح إعادة فتح الخزنة إذا نسيت عبارة المرور.",
		EN: "Vault created in %s.\n\nRecovery code (write it down and keep it safe, it will never be shown again):\n\n    %s\n\nIt reopens the vault if you forget the passphrase.",
	}
	txtRemembered = i18n.Text{
		FR: "La clé est mémorisée dans le trousseau de cet ordinateur.",
		AR: "تم حفظ المفتاح في سلسلة مفاتيح هذا الحاسوب.",
		EN: "The key is remembered in this computer's keyring.",
	}
	txtNotRemembered = i18n.Text{
		FR: "Attention : la clé n'a pas pu être mémorisée dans le trousseau (%s) ; la phrase de passe sera demandée.",
		AR: "تنبيه: تعذر حفظ المفتاح في سلسلة المفاتيح (%s)؛ ستُطلب عبارة المرور.",
		EN: "Warning: the key could not be remembered in the keyring (%s); the passphrase will be asked.",
	}
	txtPasswdDone = i18n.Text{
		FR: "Phrase de passe changée.",
		AR: "تم تغيير عبارة المرور.",
		EN: "Passphrase changed.",
	}
	txtVerifyOK = i18n.Text{
		FR: "Coffre %s : déverrouillé, base ouverte (schéma %d), %d employeur(s), journal d'audit intact (%d entrées).",
		AR: "الخزنة %s: مفتوحة، قاعدة البيانات مفتوحة (المخطط %d)، %d مشغل، سجل التدقيق سليم (%d إدخال).",
		EN: "Vault %s: unlocked, store open (schema %d), %d employer(s), audit log intact (%d entries).",
	}
	txtAuditOK = i18n.Text{
		FR: "Journal d'audit intact : %d entrées chaînées.",
		AR: "سجل التدقيق سليم: %d إدخالاً متسلسلاً.",
		EN: "Audit log intact: %d chained entries.",
	}
	txtAuditBroken = i18n.Text{
		FR: "Journal d'audit rompu : le premier maillon brisé est l'entrée n° %d (sur %d). Les données ont été modifiées hors de Tasrih ; restaurez une sauvegarde.",
		AR: "سجل التدقيق مكسور: أول حلقة مكسورة هي الإدخال رقم %d (من %d). عُدّلت البيانات خارج تصريح؛ استرجع نسخة احتياطية.",
		EN: "Audit log broken: the first broken link is entry #%d (of %d). The data was changed outside Tasrih; restore a backup.",
	}
)

func runVault(env *Env) int {
	return dispatch(env, "vault", msgVaultSub, map[string]func(*Env) int{"init": vaultInit, "passwd": vaultPasswd, "verify": vaultVerify})
}

// storeFlags parses --data and --lang for the commands that use the store.
func storeFlags(env *Env, name, usage string, extra func(*flagSet)) (dir string, l i18n.Lang, pos []string, code int) {
	fs := newFlags(env, name, usage)
	data := fs.String("data", "", "dossier des données (par défaut le dossier de données de l'utilisateur)")
	lang := fs.String("lang", "fr", "langue des messages : fr, ar ou en")
	if extra != nil {
		extra(fs)
	}
	pos, err := parseInterleaved(fs, env.Args)
	if err != nil {
		return "", i18n.FR, nil, ExitUsage
	}
	if l, err = i18n.ParseLang(*lang); err != nil {
		return "", i18n.FR, nil, usageError(env, i18n.FR, err)
	}
	if dir, err = dataDir(*data); err != nil {
		return "", l, nil, usageError(env, l, err)
	}
	return dir, l, pos, -1
}

func vaultInit(env *Env) int {
	var remember *bool
	dir, l, _, code := storeFlags(env, "vault init", "[--data DOSSIER] [--remember] [--lang fr|ar|en]", func(fs *flagSet) {
		remember = fs.Bool("remember", false, "mémoriser la clé dans le trousseau de cet ordinateur")
	})
	if code >= 0 {
		return code
	}
	p, err := newSecrets(env, l).readNew(envPassphrase)
	if err != nil {
		return usageError(env, l, err)
	}
	w, recovery, err := workspace.Create(dir, p, vault.Options{}, store.Options{})
	if err != nil {
		return usageError(env, l, err)
	}
	defer w.Close()
	fmt.Fprintln(env.Stdout, txtCreated.Format(l, dir, recovery))
	if *remember {
		ctx, cancel := context.WithTimeout(env.Ctx, 5*time.Second)
		defer cancel()
		if err := w.Vault.Remember(ctx); err != nil {
			fmt.Fprintln(env.Stderr, txtNotRemembered.Format(l, i18n.Message(err, l)))
		} else {
			fmt.Fprintln(env.Stdout, txtRemembered.In(l))
		}
	}
	return ExitOK
}

func vaultPasswd(env *Env) int {
	var recovery *bool
	dir, l, _, code := storeFlags(env, "vault passwd", "[--data DOSSIER] [--recovery] [--lang fr|ar|en]", func(fs *flagSet) {
		recovery = fs.Bool("recovery", false, "déverrouiller avec le code de secours (phrase de passe oubliée)")
	})
	if code >= 0 {
		return code
	}
	var current string
	u, err := unlock(env, l, dir, unlockOptions{recovery: *recovery, noKeyring: true, passphrase: &current})
	if err != nil {
		return usageError(env, l, err)
	}
	defer u.Lock()
	next, err := newSecrets(env, l).readNew(envNewPassphrase)
	if err != nil {
		return usageError(env, l, err)
	}
	if err := u.ChangePassphrase(current, next); err != nil {
		return usageError(env, l, err)
	}
	fmt.Fprintln(env.Stdout, txtPasswdDone.In(l))
	return ExitOK
}

func vaultVerify(env *Env) int {
	dir, l, _, code := storeFlags(env, "vault verify", "[--data DOSSIER] [--lang fr|ar|en]", nil)
	if code >= 0 {
		return code
	}
	w, err := openWorkspace(env, l, dir)
	if err != nil {
		return usageError(env, l, err)
	}
	defer w.Close()
	schema, err := w.Store.SchemaVersion()
	if err != nil {
		return usageError(env, l, err)
	}
	emps, err := w.Store.Employers().List()
	if err != nil {
		return usageError(env, l, err)
	}
	n, broken, err := w.Store.VerifyAudit()
	if err != nil {
		return usageError(env, l, err)
	}
	if broken >= 0 {
		fmt.Fprintln(env.Stdout, txtAuditBroken.Format(l, broken, n))
		return ExitFindings
	}
	fmt.Fprintln(env.Stdout, txtVerifyOK.Format(l, dir, schema, len(emps), n))
	return ExitOK
}

func runAudit(env *Env) int {
	return dispatch(env, "audit", msgAuditSub, map[string]func(*Env) int{"verify": auditVerify})
}

func auditVerify(env *Env) int {
	dir, l, _, code := storeFlags(env, "audit verify", "[--data DOSSIER] [--lang fr|ar|en]", nil)
	if code >= 0 {
		return code
	}
	w, err := openWorkspace(env, l, dir)
	if err != nil {
		return usageError(env, l, err)
	}
	defer w.Close()
	n, broken, err := w.Store.VerifyAudit()
	if err != nil {
		return usageError(env, l, err)
	}
	if broken >= 0 {
		fmt.Fprintln(env.Stdout, txtAuditBroken.Format(l, broken, n))
		return ExitFindings
	}
	fmt.Fprintln(env.Stdout, txtAuditOK.Format(l, n))
	return ExitOK
}
