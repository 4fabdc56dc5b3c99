package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/tasrih/tasrih/internal/cli/cmdline"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/store"
	"github.com/tasrih/tasrih/internal/vault"
	"github.com/tasrih/tasrih/internal/workspace"
)

func init() {
	register("vault", "crée, vérifie le coffre chiffré, change sa phrase de passe, sa clé ou son code de secours (init, passwd, rekey, recovery, verify)", runVault)
	register("audit", "vérifie le journal d'audit chaîné (verify)", runAudit)
}

var (
	msgVaultSub = i18n.Text{
		FR: "sous-commande attendue : init, passwd, rekey, recovery ou verify",
		AR: "الأمر الفرعي المنتظر: init أو passwd أو rekey أو recovery أو verify",
		EN: "expected a subcommand: init, passwd, rekey, recovery or verify",
	}
	msgAuditSub = i18n.Text{
		FR: "sous-commande attendue : verify ou acknowledge",
		AR: "الأمر الفرعي المنتظر: verify أو acknowledge",
		EN: "expected a subcommand: verify or acknowledge",
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
		FR: "Phrase de passe changée.\n\nCe que cela protège : l'ancienne phrase de passe n'ouvre plus ce fichier vault.json.\nCe que cela ne protège pas : la clé des données est la même, donc l'ancienne phrase de passe ouvre encore les données avec une ancienne copie de vault.json ou de toute sauvegarde. Si vous pensez qu'elle a fuité, changez la clé : « tasrih vault rekey ».",
		AR: "تم تغيير عبارة المرور.\n\nما يحميه ذلك: لم تعد عبارة المرور القديمة تفتح ملف vault.json هذا.\nما لا يحميه: مفتاح البيانات هو نفسه، فعبارة المرور القديمة تفتح البيانات مع نسخة قديمة من vault.json أو من أي نسخة احتياطية. إن ظننت أنها تسربت فغيّر المفتاح: « tasrih vault rekey ».",
		EN: "Passphrase changed.\n\nWhat this protects against: the old passphrase no longer opens this vault.json.\nWhat it does not: the data key is the same, so the old passphrase still opens the data with an old copy of vault.json or of any backup. If you think it leaked, change the key: \"tasrih vault rekey\".",
	}
	txtRekeyDone = i18n.Text{
		FR: "Clé des données changée : %d enregistrements rechiffrés et vérifiés.\n\nAucun secret d'avant (ancienne phrase de passe, ancien code de secours, ancienne clé du trousseau, ancienne copie de vault.json) n'ouvre plus ces données ni les sauvegardes faites à partir de maintenant. Les sauvegardes faites avant gardent leurs secrets d'alors : supprimez-les si ces secrets ont fuité.\n\nNouveau code de secours (notez-le et gardez-le en lieu sûr, il ne sera plus jamais affiché ; l'ancien ne fonctionne plus) :\n\n    %s",
		AR: "تم تغيير مفتاح البيانات: أُعيد تشفير %d تسجيلاً وتم التحقق منها.\n\nلم يعد أي سر سابق (عبارة المرور القديمة، رمز الاسترداد القديم، مفتاح سلسلة المفاتيح القديم، نسخة قديمة من vault.json) يفتح هذه البيانات ولا النسخ الاحتياطية المنجزة من الآن. النسخ الاحتياطية السابقة تحتفظ بأسرار وقتها: احذفها إن تسربت تلك الأسرار.\n\nرمز الاسترداد الجديد (دوّنه واحفظه في مكان آمن، لن يُعرض مرة أخرى؛ القديم لم يعد يعمل):\n\n    %s",
		EN: "Data key changed: %d records re-encrypted and verified.\n\nNo secret from before (old passphrase, old recovery code, old keyring key, old copy of vault.json) opens this data or the backups made from now on. Backups made before keep the secrets of their day: delete them if those secrets leaked.\n\nNew recovery code (write it down and keep it safe, it will never be shown again; the old one no longer works):\n\n    %s",
	}
	txtRekeyProgress = i18n.Text{
		FR: "Rechiffrement : %d %%",
		AR: "إعادة التشفير: %d %%",
		EN: "Re-encrypting: %d %%",
	}
	txtRekeyUnfinished = i18n.Text{
		FR: "La nouvelle clé est en place mais l'échange des dossiers n'a pas pu être terminé ; il le sera à la prochaine ouverture. Notez le nouveau code de secours :\n\n    %s",
		AR: "المفتاح الجديد في مكانه لكن تعذر إنهاء تبديل المجلدات؛ سيُنهى عند الفتح القادم. دوّن رمز الاسترداد الجديد:\n\n    %s",
		EN: "The new key is in place but swapping the folders could not be finished; it will be at the next opening. Write down the new recovery code:\n\n    %s",
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
		FR: "Journal d'audit rompu : entrée falsifiée, supprimée ou modifiée — le premier maillon brisé est l'entrée n° %d (sur %d). Les données ont été modifiées hors de Tasrih ; restaurez une sauvegarde.",
		AR: "سجل التدقيق مكسور: إدخال مزوّر أو محذوف أو معدّل — أول حلقة مكسورة هي الإدخال رقم %d (من %d). عُدّلت البيانات خارج تصريح؛ استرجع نسخة احتياطية.",
		EN: "Audit log broken: forged, removed or altered entry — the first broken link is entry #%d (of %d). The data was changed outside Tasrih; restore a backup.",
	}
	txtAckDone = i18n.Text{
		FR: "Retour en arrière pris en compte et consigné dans le journal d'audit ; les modifications sont de nouveau permises.",
		AR: "تم الإقرار بالتراجع وتسجيله في سجل التدقيق؛ التعديلات مسموح بها من جديد.",
		EN: "Rollback acknowledged and recorded in the audit log; changes are allowed again.",
	}
	txtAckNone = i18n.Text{
		FR: "Rien à prendre en compte : le journal d'audit correspond à ses ancres.",
		AR: "لا شيء للإقرار به: سجل التدقيق مطابق لمراسيه.",
		EN: "Nothing to acknowledge: the audit log matches its anchors.",
	}
)

func runVault(env *Env) int {
	return dispatch(env, "vault", msgVaultSub, map[string]func(*Env) int{"init": vaultInit, "passwd": vaultPasswd, "rekey": vaultRekey, "recovery": vaultRecovery, "verify": vaultVerify})
}

// storeFlags parses --data and --lang for the commands that use the store.
func storeFlags(env *Env, name, usage string, extra func(*flagSet)) (dir string, l i18n.Lang, pos []string, code int) {
	fs := newFlags(env, name, usage)
	data := fs.String("data", "", "dossier des données (par défaut le dossier de données de l'utilisateur)")
	lang := fs.String("lang", "fr", "langue des messages : fr, ar ou en")
	if extra != nil {
		extra(fs)
	}
	pos, err := cmdline.ParseInterleaved(fs, env.Args)
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

// vaultPasswd changes the passphrase. With --recovery (forgotten
// passphrase) the recovery code is spent: the change is a re-key, which
// issues a new code under a new data key. --rekey re-keys as well after a
// normal change (suspected leak).
func vaultPasswd(env *Env) int {
	var recovery, rekey *bool
	dir, l, _, code := storeFlags(env, "vault passwd", "[--data DOSSIER] [--recovery] [--rekey] [--lang fr|ar|en]", func(fs *flagSet) {
		recovery = fs.Bool("recovery", false, "déverrouiller avec le code de secours (phrase de passe oubliée) ; le code est alors remplacé")
		rekey = fs.Bool("rekey", false, "changer aussi la clé des données (ancienne phrase de passe peut-être connue d'un tiers)")
	})
	if code >= 0 {
		return code
	}
	var current string
	u, err := unlock(env, l, dir, unlockOptions{recovery: *recovery, noKeyring: true, passphrase: &current})
	if err != nil {
		return usageError(env, l, err)
	}
	next, err := newSecrets(env, l).readNew(envNewPassphrase)
	if err != nil {
		u.Lock()
		return usageError(env, l, err)
	}
	if *recovery || *rekey {
		return rekeyWorkspace(env, l, dir, u, current, next)
	}
	defer u.Lock()
	if err := u.ChangePassphrase(current, next); err != nil {
		return usageError(env, l, err)
	}
	fmt.Fprintln(env.Stdout, txtPasswdDone.In(l))
	return ExitOK
}

// vaultRekey replaces the data key (the passphrase is kept unless
// --new-passphrase) and prints the new recovery code.
func vaultRekey(env *Env) int {
	var newPass *bool
	dir, l, _, code := storeFlags(env, "vault rekey", "[--data DOSSIER] [--new-passphrase] [--lang fr|ar|en]", func(fs *flagSet) {
		newPass = fs.Bool("new-passphrase", false, "choisir aussi une nouvelle phrase de passe")
	})
	if code >= 0 {
		return code
	}
	return rekeyCommand(env, l, dir, *newPass)
}

// vaultRecovery rotates the recovery code. The old code must stop working
// even against an old copy of vault.json, so this is a re-key keeping the
// passphrase.
func vaultRecovery(env *Env) int {
	dir, l, _, code := storeFlags(env, "vault recovery", "[--data DOSSIER] [--lang fr|ar|en]", nil)
	if code >= 0 {
		return code
	}
	return rekeyCommand(env, l, dir, false)
}

func rekeyCommand(env *Env, l i18n.Lang, dir string, newPass bool) int {
	var current string
	u, err := unlock(env, l, dir, unlockOptions{noKeyring: true, passphrase: &current})
	if err != nil {
		return usageError(env, l, err)
	}
	next := ""
	if newPass {
		if next, err = newSecrets(env, l).readNew(envNewPassphrase); err != nil {
			u.Lock()
			return usageError(env, l, err)
		}
	}
	return rekeyWorkspace(env, l, dir, u, current, next)
}

// rekeyWorkspace opens the store of u and re-keys it, showing progress on
// standard error (Ctrl+C cancels: nothing changes).
func rekeyWorkspace(env *Env, l i18n.Lang, dir string, u *vault.Unlocked, current, next string) int {
	w, err := workspace.Open(dir, u, store.Options{})
	if err != nil {
		u.Lock()
		return usageError(env, l, err)
	}
	defer w.Close()
	last := -1
	var records int64
	code, err := w.Rekey(env.Ctx, current, next, func(done, total int64) {
		records = total / 2
		pct := 100
		if total > 0 {
			pct = int(done * 100 / total)
		}
		if pct/10 != last/10 {
			last = pct
			fmt.Fprintln(env.Stderr, txtRekeyProgress.Format(l, pct))
		}
	})
	if err != nil {
		if code != "" {
			fmt.Fprintln(env.Stdout, txtRekeyUnfinished.Format(l, code))
		}
		return usageError(env, l, err)
	}
	fmt.Fprintln(env.Stdout, txtRekeyDone.Format(l, records, code))
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
	n, code := reportAudit(env, l, w)
	if code != ExitOK {
		return code
	}
	fmt.Fprintln(env.Stdout, txtVerifyOK.Format(l, dir, schema, len(emps), n))
	return ExitOK
}

func runAudit(env *Env) int {
	return dispatch(env, "audit", msgAuditSub, map[string]func(*Env) int{"verify": auditVerify, "acknowledge": auditAcknowledge})
}

// reportAudit prints what is wrong with the audit trail of w: a rollback
// or truncation detected against the anchors at open (store.Rollback), and
// a broken chain (a forged, removed or altered entry). It returns
// ExitFindings if anything is, ExitOK otherwise.
func reportAudit(env *Env, l i18n.Lang, w *workspace.Workspace) (entries, exit int) {
	code := ExitOK
	if r := w.Store.Rollback(); r != nil {
		fmt.Fprintln(env.Stdout, i18n.Message(r.Error(), l))
		code = ExitFindings
	}
	n, broken, err := w.Store.VerifyAudit()
	if err != nil {
		return 0, usageError(env, l, err)
	}
	if broken >= 0 {
		fmt.Fprintln(env.Stdout, txtAuditBroken.Format(l, broken, n))
		code = ExitFindings
	}
	return n, code
}

// auditAcknowledge accepts a rollback detected at open (audited), so that
// changes are allowed again.
func auditAcknowledge(env *Env) int {
	dir, l, _, code := storeFlags(env, "audit acknowledge", "[--data DOSSIER] [--lang fr|ar|en]", nil)
	if code >= 0 {
		return code
	}
	w, err := openWorkspace(env, l, dir)
	if err != nil {
		return usageError(env, l, err)
	}
	defer w.Close()
	if w.Store.Rollback() == nil {
		fmt.Fprintln(env.Stdout, txtAckNone.In(l))
		return ExitOK
	}
	fmt.Fprintln(env.Stdout, i18n.Message(w.Store.Rollback().Error(), l))
	if err := w.Store.AcknowledgeRollback(); err != nil {
		return usageError(env, l, err)
	}
	fmt.Fprintln(env.Stdout, txtAckDone.In(l))
	return ExitOK
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
	n, code := reportAudit(env, l, w)
	if code != ExitOK {
		return code
	}
	fmt.Fprintln(env.Stdout, txtAuditOK.Format(l, n))
	return ExitOK
}
