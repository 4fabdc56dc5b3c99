package cli

import (
	"fmt"
	"log/slog"
	"net"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/tasrih/tasrih/internal/cli/cmdline"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/platform/client"
	"github.com/tasrih/tasrih/internal/platform/sandbox"
	"github.com/tasrih/tasrih/internal/workspace"
)

func init() {
	register("sandbox", "lance la plateforme de dépôt d'entraînement (bac à sable, sans valeur légale)", runSandbox)
}

var (
	msgSandboxAddr = i18n.Text{
		FR: "adresse « %s » refusée : le bac à sable n'écoute que sur cet ordinateur (127.0.0.1, ::1 ou localhost, p. ex. 127.0.0.1:8787)",
		AR: "العنوان « %s » مرفوض: بيئة التجربة لا تستمع إلا على هذا الحاسوب (127.0.0.1 أو ::1 أو localhost، مثلاً 127.0.0.1:8787)",
		EN: "address %q refused: the sandbox only listens on this computer (127.0.0.1, ::1 or localhost, e.g. 127.0.0.1:8787)",
	}
	msgSandboxDuration = i18n.Text{
		FR: "--%s « %s » : une durée est attendue, p. ex. 2s, 500ms, 15m",
		AR: "--%s « %s »: المنتظر مدة، مثلاً 2s أو 500ms أو 15m",
		EN: "--%s %q: a duration is expected, e.g. 2s, 500ms, 15m",
	}
	msgSandboxRange = i18n.Text{
		FR: "--%s %s : hors des limites (%s)",
		AR: "--%s %s: خارج الحدود (%s)",
		EN: "--%s %s: out of range (%s)",
	}
	txtSandboxBanner = i18n.Text{
		FR: "Bac à sable Tasrih — plateforme d'entraînement, AUCUNE VALEUR LÉGALE\nAdresse : %s\nDonnées : %s (clé dans %s : formation et tests uniquement)\nTraitement des dépôts : %s ; durée des sessions : %s",
		AR: "بيئة تجربة تصريح — منصة للتدريب، بدون أي قيمة قانونية\nالعنوان: %s\nالبيانات: %s (المفتاح في %s: للتدريب والاختبار فقط)\nمعالجة الإيداعات: %s؛ مدة الجلسات: %s",
		EN: "Tasrih sandbox — training platform, NO LEGAL VALUE\nAddress: %s\nData: %s (key in %s: training and tests only)\nDeposit processing: %s; session lifetime: %s",
	}
	txtSandboxDemo = i18n.Text{
		FR: "Compte de démonstration : identifiant %s, mot de passe %s (affiliations %s) ; second compte %s / %s (%s)",
		AR: "حساب العرض: اسم المستخدم %s، كلمة المرور %s (الانخراطات %s)؛ حساب ثانٍ %s / %s (%s)",
		EN: "Demo account: login %s, password %s (affiliations %s); second account %s / %s (%s)",
	}
	txtSandboxAccounts = i18n.Text{
		FR: "Comptes du fichier d'amorçage : %s",
		AR: "حسابات ملف التهيئة: %s",
		EN: "Seed file accounts: %s",
	}
	txtSandboxOTP = i18n.Text{
		FR: "Codes à usage unique : ce journal (sortie d'erreur), ou GET %s/sandbox/v1/inbox?login=<identifiant> avec l'en-tête « Authorization: Bearer %s » (jeton valable jusqu'à l'arrêt)",
		AR: "الرموز المؤقتة: هذا السجل (مخرج الأخطاء)، أو GET %s/sandbox/v1/inbox?login=<اسم المستخدم> مع الترويسة « Authorization: Bearer %s » (رمز صالح حتى الإيقاف)",
		EN: "One-time codes: this log (standard error), or GET %s/sandbox/v1/inbox?login=<login> with the header \"Authorization: Bearer %s\" (token valid until the sandbox stops)",
	}
	txtSandboxFaults = i18n.Text{
		FR: "Pannes injectées : %s",
		AR: "الأعطال المحقونة: %s",
		EN: "Injected faults: %s",
	}
	txtSandboxStop = i18n.Text{
		FR: "Ctrl+C pour arrêter.",
		AR: "Ctrl+C للإيقاف.",
		EN: "Ctrl+C to stop.",
	}
	txtSandboxStopped = i18n.Text{
		FR: "Bac à sable arrêté ; les dépôts en cours seront traités au prochain lancement.",
		AR: "توقفت بيئة التجربة؛ ستُعالَج الإيداعات الجارية عند التشغيل المقبل.",
		EN: "Sandbox stopped; deposits in progress will be processed at the next start.",
	}
)

// durationFlag is a duration option that remembers whether it was given.
type durationFlag struct {
	name string
	set  bool
	d    time.Duration
}

func (f *durationFlag) String() string { return "" }

func (f *durationFlag) Set(v string) error {
	d, err := time.ParseDuration(v)
	if err != nil {
		return i18n.New("cli.duration", msgSandboxDuration, f.name, v)
	}
	f.d, f.set = d, true
	return nil
}

func runSandbox(env *Env) int {
	fs := newFlags(env, "sandbox", "[--addr 127.0.0.1:8787] [--data DOSSIER] [--seed FICHIER] [--delay 2s] [--token-ttl 15m] [--latency 200ms] [--jitter 100ms] [--fail-rate 0.3] [--drop-after-commit 0.2] [--maintenance 10s/60s] [--maintenance-at 2026-02-01T10:00:00Z/15m] [--rng-seed N] [--lang fr|ar|en]")
	addr := fs.String("addr", "127.0.0.1:8787", "adresse d'écoute, sur cet ordinateur seulement (port 0 : un port libre)")
	data := fs.String("data", "", "dossier des données du bac à sable (par défaut sandbox-cli dans le dossier de données de l'utilisateur)")
	seedPath := fs.String("seed", "", "fichier d'amorçage JSON (comptes, mandats, préétablis) ; sans lui, le compte de démonstration")
	lang := fs.String("lang", "fr", "langue des messages : fr, ar ou en")
	delay := &durationFlag{name: "delay"}
	fs.Var(delay, "delay", "délai de traitement d'un dépôt (reçu → accepté/rejeté), 0s à 1h ; remplace celui du fichier d'amorçage (2s par défaut)")
	ttl := &durationFlag{name: "token-ttl"}
	fs.Var(ttl, "token-ttl", "durée de vie des sessions, 1s à 24h (15m par défaut)")
	latency := &durationFlag{name: "latency"}
	fs.Var(latency, "latency", "latence ajoutée à chaque appel /v1 (p. ex. 200ms)")
	jitter := &durationFlag{name: "jitter"}
	fs.Var(jitter, "jitter", "latence aléatoire supplémentaire, uniforme de 0 à cette durée")
	failRate := fs.Float64("fail-rate", 0, "part des appels /v1 qui répondent 500 internal (0 à 1)")
	dropRate := fs.Float64("drop-after-commit", 0, "part des dépôts dont la connexion est coupée APRÈS l'enregistrement (0 à 1)")
	maint := fs.String("maintenance", "", "maintenance périodique DURÉE/PÉRIODE, p. ex. 10s/60s : 10 s de 503 maintenance au début de chaque minute")
	var windows []sandbox.Window
	fs.Func("maintenance-at", "fenêtre de maintenance DÉBUT/DURÉE, p. ex. 2026-02-01T10:00:00Z/15m (répétable)", func(v string) error {
		w, err := sandbox.ParseWindow(v)
		if err == nil {
			windows = append(windows, w)
		}
		return err
	})
	rngSeed := fs.Uint64("rng-seed", 0, "graine des codes à usage unique et des pannes (0 : aléatoire), pour rejouer un scénario")
	args, err := cmdline.ParseInterleaved(fs, env.Args)
	if err != nil {
		return ExitUsage // the flag package printed the reason
	}
	l, err := i18n.ParseLang(*lang)
	if err != nil {
		return usageError(env, i18n.FR, err)
	}
	if len(args) > 0 {
		return usageError(env, l, i18n.New("cli.args", msgExtraArgs, args[0]))
	}
	host, _, err := net.SplitHostPort(*addr)
	if err != nil || !client.IsLoopback(host) {
		return usageError(env, l, i18n.New("cli.sandbox_addr", msgSandboxAddr, *addr))
	}

	var seed *sandbox.Seed
	if *seedPath != "" {
		if seed, err = sandbox.LoadSeed(*seedPath); err != nil {
			return usageError(env, l, err)
		}
	} else {
		seed = sandbox.DemoSeed()
	}
	if delay.set {
		if delay.d < 0 || delay.d > time.Hour {
			return usageError(env, l, i18n.New("cli.range", msgSandboxRange, "delay", delay.d, "0s – 1h"))
		}
		seed.ProcessingDelay = delay.d
	}
	if ttl.set {
		if ttl.d < time.Second || ttl.d > 24*time.Hour {
			return usageError(env, l, i18n.New("cli.range", msgSandboxRange, "token-ttl", ttl.d, "1s – 24h"))
		}
		seed.TokenTTL = ttl.d
	}
	m, err := sandbox.ParseMaintenance(*maint)
	if err != nil {
		return usageError(env, l, err)
	}
	m.Windows = windows
	faults := sandbox.Faults{Latency: latency.d, Jitter: jitter.d, FailRate: *failRate, DropAfterCommit: *dropRate, Maintenance: m}

	dir := *data
	if dir == "" {
		base, err := workspace.DefaultDir()
		if err != nil {
			return usageError(env, l, i18n.Wrap(err, "cli.read", msgRead, "$HOME", err.Error()))
		}
		dir = filepath.Join(base, "sandbox-cli")
	}
	key, err := sandbox.LoadOrCreateKey(dir)
	if err != nil {
		return usageError(env, l, err)
	}
	logger := slog.New(slog.NewTextHandler(env.Stderr, nil))
	// The HTTP inbox needs a token, new at every start, printed below: a
	// web page or another local user cannot read the codes.
	inboxToken := sandbox.NewInboxToken()
	srv, err := sandbox.New(sandbox.Options{Dir: dir, Key: key, Seed: seed, Faults: faults, RNGSeed: *rngSeed, Logger: logger, LogOTP: true,
		InboxToken: inboxToken})
	if err != nil {
		return usageError(env, l, err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		srv.Close()
		return usageError(env, l, i18n.Wrap(err, "cli.listen", i18n.Text{
			FR: "écoute sur %s impossible : %s", AR: "تعذر الاستماع على %s: %s", EN: "cannot listen on %s: %s",
		}, *addr, err.Error()))
	}
	base := "http://" + ln.Addr().String()
	fmt.Fprintln(env.Stdout, txtSandboxBanner.Format(l, base, dir, filepath.Join(dir, sandbox.KeyFile), seed.ProcessingDelay, seed.TokenTTL))
	if *seedPath == "" {
		var a1, a2 []string
		for _, m := range seed.Accounts[0].Mandates {
			a1 = append(a1, m.Affiliation)
		}
		for _, m := range seed.Accounts[1].Mandates {
			a2 = append(a2, m.Affiliation)
		}
		fmt.Fprintln(env.Stdout, txtSandboxDemo.Format(l, sandbox.DemoLogin, sandbox.DemoPassword, strings.Join(a1, ", "),
			sandbox.DemoLogin2, sandbox.DemoPassword2, strings.Join(a2, ", ")))
	} else {
		var logins []string
		for _, a := range seed.Accounts {
			logins = append(logins, a.Login)
		}
		fmt.Fprintln(env.Stdout, txtSandboxAccounts.Format(l, strings.Join(logins, ", ")))
	}
	fmt.Fprintln(env.Stdout, txtSandboxOTP.Format(l, base, inboxToken))
	if d := describeFaults(faults); d != "" {
		fmt.Fprintln(env.Stdout, txtSandboxFaults.Format(l, d))
	}
	fmt.Fprintln(env.Stdout, txtSandboxStop.In(l))

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case <-env.Ctx.Done():
	case err = <-served:
	}
	cerr := srv.Close()
	if err != nil {
		return usageError(env, l, err)
	}
	if cerr != nil {
		return usageError(env, l, cerr)
	}
	fmt.Fprintln(env.Stdout, txtSandboxStopped.In(l))
	return ExitOK
}

func describeFaults(f sandbox.Faults) string {
	var parts []string
	if f.Latency > 0 || f.Jitter > 0 {
		parts = append(parts, fmt.Sprintf("latency=%v+[0,%v)", f.Latency, f.Jitter))
	}
	if f.FailRate > 0 {
		parts = append(parts, "fail-rate="+strconv.FormatFloat(f.FailRate, 'g', -1, 64))
	}
	if f.DropAfterCommit > 0 {
		parts = append(parts, "drop-after-commit="+strconv.FormatFloat(f.DropAfterCommit, 'g', -1, 64))
	}
	if f.Maintenance.Every > 0 {
		parts = append(parts, fmt.Sprintf("maintenance=%v/%v", f.Maintenance.For, f.Maintenance.Every))
	}
	for _, w := range f.Maintenance.Windows {
		parts = append(parts, "maintenance-at="+w.From.UTC().Format(time.RFC3339)+"/"+w.To.Sub(w.From).String())
	}
	return strings.Join(parts, ", ")
}
