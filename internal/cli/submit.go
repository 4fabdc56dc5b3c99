package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/keyring"
	"github.com/tasrih/tasrih/internal/platform/api"
	"github.com/tasrih/tasrih/internal/platform/client"
	"github.com/tasrih/tasrih/internal/platform/credentials"
	platformlogin "github.com/tasrih/tasrih/internal/platform/login"
	"github.com/tasrih/tasrih/internal/platform/outbox"
	"github.com/tasrih/tasrih/internal/store"
)

func init() {
	register("submit", "soumet la déclaration prête d'un mois à la plateforme (file d'attente « exactement une fois »)", runSubmit)
}

// Environment variables of submit (for scripts).
const (
	envPlatformLogin    = "TASRIH_PLATFORM_LOGIN"
	envPlatformPassword = "TASRIH_PLATFORM_PASSWORD"
	envOTP              = "TASRIH_OTP"
)

// platformKeyring is the keyring of the platform passwords (nil: the OS
// keyring); tests replace it.
var platformKeyring keyring.Keyring

var (
	msgSubmitArgs = i18n.Text{
		FR: "--affiliation et --period sont obligatoires",
		AR: "الخياران --affiliation و--period إلزاميان",
		EN: "--affiliation and --period are required",
	}
	msgBadAffiliation = i18n.Text{
		FR: "--affiliation « %s » : 7 chiffres attendus",
		AR: "--affiliation « %s »: المنتظر 7 أرقام",
		EN: "--affiliation %q: 7 digits expected",
	}
	msgBadPeriod = i18n.Text{
		FR: "--period « %s » : période AAAAMM attendue (p. ex. 202601)",
		AR: "--period « %s »: المنتظر فترة بصيغة AAAAMM (مثلاً 202601)",
		EN: "--period %q: a period YYYYMM is expected (e.g. 202601)",
	}
	msgBadProfileFlag = i18n.Text{
		FR: "--profile « %s » : sandbox, manual ou remote:<nom>",
		AR: "--profile « %s »: sandbox أو manual أو remote:<الاسم>",
		EN: "--profile %q: sandbox, manual or remote:<name>",
	}
	msgSubmitNoEmployer = i18n.Text{
		FR: "aucun employeur d'affiliation %s dans ces données",
		AR: "لا يوجد مشغل برقم الانخراط %s في هذه البيانات",
		EN: "no employer with affiliation %s in this data",
	}
	msgNothingToSubmit = i18n.Text{
		FR: "aucune déclaration prête pour %s : générez-la et validez-la d'abord",
		AR: "لا يوجد تصريح جاهز لـ%s: أنشئه وصادق عليه أولاً",
		EN: "no ready declaration for %s: generate and validate it first",
	}
	msgNothingRejected = i18n.Text{
		FR: "--resubmit : aucune déclaration refusée pour %s",
		AR: "--resubmit: لا يوجد تصريح مرفوض لـ%s",
		EN: "--resubmit: no refused declaration for %s",
	}
	msgNoLogin = i18n.Text{
		FR: "identifiant de la plateforme inconnu : donnez --login ou %s",
		AR: "اسم المستخدم في المنصة غير معروف: أعط --login أو %s",
		EN: "platform login unknown: give --login or %s",
	}
	msgNoOTP = i18n.Text{
		FR: "aucun code à usage unique : tapez-le à l'invite, ou définissez %s",
		AR: "لا يوجد رمز مؤقت: اكتبه عند الطلب أو عرّف %s",
		EN: "no one-time code: type it at the prompt, or set %s",
	}
	msgInterrupted = i18n.Text{
		FR: "interrompu : la soumission reste dans la file d'attente et reprendra au prochain « tasrih submit » ou dans l'application",
		AR: "توقف: يبقى الإرسال في قائمة الانتظار وسيُستأنف عند « tasrih submit » المقبل أو في التطبيق",
		EN: "interrupted: the submission stays in the outbox and resumes at the next \"tasrih submit\" or in the app",
	}
	msgPollFlag = i18n.Text{
		FR: "--poll « %s » : une durée d'au moins 10ms est attendue (p. ex. 5s)",
		AR: "--poll « %s »: المنتظر مدة لا تقل عن 10ms (مثلاً 5s)",
		EN: "--poll %q: a duration of at least 10ms is expected (e.g. 5s)",
	}

	txtAlreadyAccepted = i18n.Text{
		FR: "%s est déjà acceptée par la plateforme (accusé n° %s).",
		AR: "%s مقبول مسبقاً من طرف المنصة (وصل رقم %s).",
		EN: "%s is already accepted by the platform (acknowledgement no. %s).",
	}
	txtSubmitHeader = i18n.Text{
		FR: "%s — %s — mode de dépôt %s\nSoumission %s, clé d'idempotence %s%s",
		AR: "%s — %s — طريقة الإيداع %s\nالإرسال %s، مفتاح عدم التكرار %s%s",
		EN: "%s — %s — profile %s\nSubmission %s, idempotency key %s%s",
	}
	txtResumed         = i18n.Text{FR: " (reprise)", AR: " (استئناف)", EN: " (resumed)"}
	txtLoginPrompt     = i18n.Text{FR: "Identifiant de la plateforme : ", AR: "اسم المستخدم في المنصة: ", EN: "Platform login: "}
	txtPasswordPrompt  = i18n.Text{FR: "Mot de passe de la plateforme (%s) : ", AR: "كلمة مرور المنصة (%s): ", EN: "Platform password (%s): "}
	txtOTPPrompt       = i18n.Text{FR: "Code à usage unique envoyé par %s à %s : ", AR: "الرمز المؤقت المرسل عبر %s إلى %s: ", EN: "One-time code sent by %s to %s: "}
	txtKeyringPassword = i18n.Text{
		FR: "Mot de passe non lu dans le trousseau (%s).",
		AR: "لم تُقرأ كلمة المرور من سلسلة المفاتيح (%s).",
		EN: "Password not read from the keyring (%s).",
	}
	txtPasswordSaved = i18n.Text{
		FR: "Mot de passe enregistré dans le trousseau de cet ordinateur.",
		AR: "حُفظت كلمة المرور في سلسلة مفاتيح هذا الحاسوب.",
		EN: "Password saved in this computer's keyring.",
	}
	txtPasswordNotSaved = i18n.Text{
		FR: "Attention : mot de passe non enregistré (%s).",
		AR: "تنبيه: لم تُحفظ كلمة المرور (%s).",
		EN: "Warning: password not saved (%s).",
	}
	txtLoggedIn   = i18n.Text{FR: "Connecté à la plateforme.", AR: "تم الاتصال بالمنصة.", EN: "Logged in to the platform."}
	txtLoginAgain = i18n.Text{
		FR: "La plateforme demande une nouvelle connexion (%s).",
		AR: "تطلب المنصة تسجيل دخول جديداً (%s).",
		EN: "The platform asks for a new login (%s).",
	}
	txtSentNoWait = i18n.Text{
		FR: "Déclaration déposée : la plateforme la traite. Suivez-la avec « tasrih submit … --wait » ou dans l'application.",
		AR: "تم إيداع التصريح: المنصة تعالجه. تابعه بالأمر « tasrih submit … --wait » أو في التطبيق.",
		EN: "Declaration deposited: the platform is processing it. Follow it with \"tasrih submit … --wait\" or in the app.",
	}
	txtAcceptedSummary = i18n.Text{
		FR: "Acceptée — accusé de réception n° %s, référence de paiement %s, montant dû %s",
		AR: "مقبول — وصل الاستلام رقم %s، مرجع الأداء %s، المبلغ المستحق %s",
		EN: "Accepted — acknowledgement no. %s, payment reference %s, amount due %s",
	}
	txtBranch        = i18n.Text{FR: "  %-4s base %s × %s %% = %s", AR: "  %-4s الأساس %s × %s %% = %s", EN: "  %-4s base %s × %s %% = %s"}
	txtControlReport = i18n.Text{FR: "Compte rendu de contrôle de la plateforme :", AR: "تقرير المراقبة من المنصة:", EN: "Control report of the platform:"}
	txtResubmitHint  = i18n.Text{
		FR: "Corrigez la déclaration, ou relancez une nouvelle soumission de ce fichier avec --resubmit.",
		AR: "صحح التصريح، أو أطلق إرسالاً جديداً لهذا الملف بالخيار --resubmit.",
		EN: "Fix the declaration, or start a new submission of this file with --resubmit.",
	}
)

// stateText names the submission states for people.
var stateText = map[store.SubmissionState]i18n.Text{
	store.SubQueued:     {FR: "en file d'attente", AR: "في قائمة الانتظار", EN: "queued"},
	store.SubSending:    {FR: "envoi (tentative %d)", AR: "إرسال (المحاولة %d)", EN: "sending (attempt %d)"},
	store.SubReceived:   {FR: "reçue par la plateforme (dépôt %s)", AR: "توصلت به المنصة (الإيداع %s)", EN: "received by the platform (deposit %s)"},
	store.SubProcessing: {FR: "en cours de traitement", AR: "قيد المعالجة", EN: "processing"},
	store.SubAccepted:   {FR: "acceptée", AR: "مقبول", EN: "accepted"},
	store.SubRejected:   {FR: "rejetée", AR: "مرفوض", EN: "rejected"},
	store.SubFailed:     {FR: "refusée définitivement", AR: "مرفوض نهائياً", EN: "definitively refused"},
	store.SubCancelled:  {FR: "annulée", AR: "ملغى", EN: "cancelled"},
}

var txtRetry = i18n.Text{
	FR: "nouvel essai à %s (tentative %d) : %s",
	AR: "محاولة جديدة على الساعة %s (المحاولة %d): %s",
	EN: "new try at %s (attempt %d): %s",
}

var affRE = regexp.MustCompile(`^[0-9]{7}$`)

type submitOpts struct {
	aff, periodS, profileS, login, url string
	wait, resubmit, remember           bool
	poll                               time.Duration
}

func runSubmit(env *Env) int {
	var o submitOpts
	dir, l, pos, code := storeFlags(env, "submit", "--affiliation AFFILIATION --period AAAAMM [--data DOSSIER] [--profile sandbox|remote:<nom>] [--wait] [--login IDENTIFIANT] [--platform-url URL] [--resubmit] [--remember-password] [--lang fr|ar|en]", func(fs *flagSet) {
		fs.StringVar(&o.aff, "affiliation", "", "numéro d'affiliation CNSS de l'employeur (7 chiffres)")
		fs.StringVar(&o.periodS, "period", "", "période déclarée AAAAMM")
		fs.StringVar(&o.profileS, "profile", "", "mode de dépôt : sandbox ou remote:<nom> (par défaut celui de l'employeur)")
		fs.BoolVar(&o.wait, "wait", false, "attendre la réponse de la plateforme (acceptée ou rejetée)")
		fs.StringVar(&o.login, "login", "", "identifiant de la plateforme (sinon "+envPlatformLogin+", sinon le dernier utilisé)")
		fs.StringVar(&o.url, "platform-url", "", "adresse de la plateforme de ce mode de dépôt (sinon "+outbox.EnvSandboxURL+" pour sandbox, "+outbox.EnvRemoteURLPrefix+"<NOM> pour remote:<nom>)")
		fs.BoolVar(&o.resubmit, "resubmit", false, "nouvelle soumission (nouvelle clé) d'une déclaration refusée définitivement")
		fs.BoolVar(&o.remember, "remember-password", false, "enregistrer le mot de passe tapé dans le trousseau de cet ordinateur")
		fs.DurationVar(&o.poll, "poll", outbox.DefaultPollInterval, "intervalle entre deux interrogations de la plateforme")
	})
	if code >= 0 {
		return code
	}
	if len(pos) > 0 {
		return usageError(env, l, i18n.New("cli.args", msgExtraArgs, pos[0]))
	}
	if o.aff == "" || o.periodS == "" {
		return usageError(env, l, i18n.New("cli.args", msgSubmitArgs))
	}
	if !affRE.MatchString(o.aff) {
		return usageError(env, l, i18n.New("cli.args", msgBadAffiliation, o.aff))
	}
	per, err := domain.ParsePeriod(o.periodS)
	if err != nil || len(o.periodS) != 6 {
		return usageError(env, l, i18n.New("cli.args", msgBadPeriod, o.periodS))
	}
	var profile domain.PlatformProfile
	if o.profileS != "" {
		p, ok := domain.ParsePlatformProfile(o.profileS)
		if !ok {
			return usageError(env, l, i18n.New("cli.args", msgBadProfileFlag, o.profileS))
		}
		profile = p
	}
	if o.poll < 10*time.Millisecond {
		return usageError(env, l, i18n.New("cli.args", msgPollFlag, o.poll.String()))
	}

	ws, err := openWorkspace(env, l, dir)
	if err != nil {
		return usageError(env, l, err)
	}
	defer ws.Close()
	st := ws.Store
	er, err := st.Employers().FindByAffiliation(o.aff)
	if store.IsNotFound(err) {
		return usageError(env, l, i18n.New("cli.no_employer", msgSubmitNoEmployer, o.aff))
	} else if err != nil {
		return usageError(env, l, err)
	}
	if profile == "" {
		profile = er.PlatformProfile
	}
	if profile == domain.ProfileManual {
		return usageError(env, l, i18n.New(outbox.CodeManualProfile, msgSubmitManual))
	}
	ep := outbox.LoadEndpoints(env.Getenv, dir, profile.RemoteName()) // environment first, then the profiles saved in the data folder
	if o.url != "" {
		if profile.IsRemote() {
			ep.Remote[profile.RemoteName()] = o.url
		} else {
			ep.Sandbox = o.url
		}
	}
	if _, err := ep.Dialer(client.Options{})(profile); err != nil {
		return usageError(env, l, err) // no address, or a refused one: nothing was queued
	}

	// Only our submission's events, and login requests of its profile, reach
	// the loop below (the worker also carries the other pending submissions
	// of the store).
	events := make(chan outbox.Event, 1024)
	var mine mineFilter
	w := outbox.New(st, outbox.Options{
		Dialer: ep.Dialer(client.Options{}),
		OnEvent: func(ev outbox.Event) {
			if mine.keep(ev) {
				events <- ev
			}
		},
		PollInterval: o.poll,
	})
	defer w.Stop()

	label := er.Name + " (" + er.Affiliation + ")"
	sub, created, d, code := pickAndQueue(env, l, st, w, er, per, profile, o.resubmit)
	if code >= 0 {
		return code
	}
	mine.set(sub)
	resumed := ""
	if !created {
		resumed = txtResumed.In(l)
	}
	fmt.Fprintln(env.Stdout, txtSubmitHeader.Format(l, label, d.FileName, string(sub.Profile), sub.ID, sub.IdempotencyKey, resumed))
	printEvent(env.Stdout, l, outbox.Event{Kind: outbox.EventState, State: sub.State, Attempt: sub.Attempts, DepositID: sub.DepositID, At: time.Now()})

	cr := credentials.New(st, credentials.Options{Keyring: platformKeyring})
	sec := newSecrets(env, l)
	if err := submitLogin(env, l, w, cr, sec, sub.Profile, &o); err != nil {
		return usageError(env, l, err)
	}
	if err := w.Start(env.Ctx); err != nil {
		return usageError(env, l, err)
	}
	for {
		select {
		case <-env.Ctx.Done():
			w.Stop()
			return usageError(env, l, i18n.New("cli.interrupted", msgInterrupted))
		case ev := <-events:
			if ev.SubmissionID == sub.ID {
				printEvent(env.Stdout, l, ev)
			}
			switch {
			case ev.Kind == outbox.EventLoginRequired:
				if ev.Error != nil && ev.Error.Code != outbox.CodeLoginRequired {
					fmt.Fprintln(env.Stderr, txtLoginAgain.Format(l, ev.Error.Message.In(l)))
				}
				if w.HasSession(sub.Profile) {
					continue
				}
				o.login = firstNonEmpty(o.login, env.Getenv(envPlatformLogin))
				if err := submitLogin(env, l, w, cr, sec, sub.Profile, &o); err != nil {
					w.Stop()
					return usageError(env, l, err)
				}
			case ev.Kind != outbox.EventState || ev.SubmissionID != sub.ID:
			case ev.State == store.SubAccepted:
				w.Stop()
				printResult(env.Stdout, l, st, ev.SubmissionID, true)
				return ExitOK
			case ev.State == store.SubRejected:
				w.Stop()
				printResult(env.Stdout, l, st, ev.SubmissionID, false)
				fmt.Fprintln(env.Stdout, txtResubmitHint.In(l))
				return ExitFindings
			case ev.State == store.SubFailed:
				w.Stop()
				fmt.Fprintln(env.Stdout, txtResubmitHint.In(l))
				return ExitFindings
			case (ev.State == store.SubReceived || ev.State == store.SubProcessing) && !o.wait:
				w.Stop()
				fmt.Fprintln(env.Stdout, txtSentNoWait.In(l))
				return ExitOK
			}
		}
	}
}

var msgSubmitManual = i18n.Text{
	FR: "cet employeur dépose à la main sur damancom.ma : utilisez « tasrih manual export » puis « tasrih manual record »",
	AR: "هذا المشغل يودع يدوياً على damancom.ma: استعمل « tasrih manual export » ثم « tasrih manual record »",
	EN: "this employer deposits by hand on damancom.ma: use \"tasrih manual export\" then \"tasrih manual record\"",
}

// pickAndQueue finds the declaration to submit and puts it in the outbox:
// a declaration of the period with a submission still pending is resumed;
// else the latest ready one is enqueued (--resubmit: the latest refused one
// is submitted again under a new key). code ≥ 0 ends the command.
func pickAndQueue(env *Env, l i18n.Lang, st *store.Store, w *outbox.Worker, er domain.Employer, per domain.Period, profile domain.PlatformProfile, resubmit bool) (store.Submission, bool, store.Declaration, int) {
	decls, err := st.Declarations().List(er.ID, per)
	if err != nil {
		return store.Submission{}, false, store.Declaration{}, usageError(env, l, err)
	}
	what := er.Affiliation + " " + per.Label(l)
	var ready, refused, accepted *store.Declaration
	for i := len(decls) - 1; i >= 0; i-- {
		d := decls[i]
		subs, err := st.Submissions().ListByDeclaration(d.ID)
		if err != nil {
			return store.Submission{}, false, d, usageError(env, l, err)
		}
		for _, s := range subs {
			if !s.State.Terminal() && !resubmit {
				return s, false, d, -1
			}
		}
		switch {
		case d.Status == store.StatusReady && ready == nil:
			ready = &decls[i]
		case d.Status == store.StatusRejected && refused == nil:
			refused = &decls[i]
		case d.Status == store.StatusAccepted && accepted == nil:
			accepted = &decls[i]
		}
	}
	if resubmit {
		if refused == nil {
			return store.Submission{}, false, store.Declaration{}, usageError(env, l, i18n.New("cli.nothing", msgNothingRejected, what))
		}
		s, err := w.Resubmit(refused.ID)
		if err != nil {
			return s, false, *refused, usageError(env, l, err)
		}
		return s, true, *refused, -1
	}
	if ready == nil {
		if accepted != nil {
			ack := ""
			if subs, _ := st.Submissions().ListByDeclaration(accepted.ID); len(subs) > 0 {
				ack = subs[len(subs)-1].AcknowledgementNumber
			}
			fmt.Fprintln(env.Stdout, txtAlreadyAccepted.Format(l, accepted.FileName, ack))
			return store.Submission{}, false, *accepted, ExitOK
		}
		return store.Submission{}, false, store.Declaration{}, usageError(env, l, i18n.New("cli.nothing", msgNothingToSubmit, what))
	}
	s, created, err := w.Enqueue(ready.ID, profile)
	if err != nil {
		return s, false, *ready, usageError(env, l, err)
	}
	return s, created, *ready, -1
}

// submitLogin opens a session for profile through the one login flow
// (internal/platform/login): login from --login, TASRIH_PLATFORM_LOGIN, the
// last one used or the prompt; password from the keyring,
// TASRIH_PLATFORM_PASSWORD or the prompt; one-time code from TASRIH_OTP or
// the prompt (three tries at the prompt). --remember-password saves a typed
// password once the session is open.
func submitLogin(env *Env, l i18n.Lang, w *outbox.Worker, cr *credentials.Credentials, sec *secrets, profile domain.PlatformProfile, o *submitOpts) error {
	if w.HasSession(profile) {
		return nil
	}
	login := firstNonEmpty(o.login, env.Getenv(envPlatformLogin))
	if login == "" {
		if known, err := cr.Logins(profile); err == nil && len(known) > 0 {
			login = known[0]
		}
	}
	if login == "" {
		s, err := sec.readLine(txtLoginPrompt)
		if err != nil || strings.TrimSpace(s) == "" {
			return i18n.New("cli.no_login", msgNoLogin, envPlatformLogin)
		}
		login = strings.TrimSpace(s)
	}
	o.login = login
	f := platformlogin.Flow{Platform: w, Keyring: cr}
	return f.Run(env.Ctx, platformlogin.Request{Profile: profile, Login: login, Remember: o.remember},
		cliPrompter{env: env, l: l, sec: sec})
}

// cliPrompter is the login flow's Prompter of the command line: the
// terminal, or the environment variables when there is none.
type cliPrompter struct {
	env *Env
	l   i18n.Lang
	sec *secrets
}

func (p cliPrompter) Password(_ context.Context, login string, why error) (string, bool, error) {
	if p.env.Getenv(envPlatformPassword) == "" {
		fmt.Fprintln(p.env.Stderr, txtKeyringPassword.Format(p.l, i18n.Message(why, p.l)))
	}
	pw, err := p.sec.read(envPlatformPassword, i18n.Text{
		FR: fmt.Sprintf(txtPasswordPrompt.FR, login), AR: fmt.Sprintf(txtPasswordPrompt.AR, login), EN: fmt.Sprintf(txtPasswordPrompt.EN, login)})
	return pw, false, err // --remember-password is in the Request
}

func (p cliPrompter) Code(_ context.Context, ch api.Challenge, retry error) (string, error) {
	if retry != nil {
		if p.env.Getenv(envOTP) != "" {
			return "", retry // the variable's code was wrong: asking again would send it again
		}
		fmt.Fprintln(p.env.Stderr, i18n.Message(retry, p.l))
	}
	code, err := p.sec.read(envOTP, i18n.Text{
		FR: fmt.Sprintf(txtOTPPrompt.FR, ch.OTPChannel, ch.OTPDestination),
		AR: fmt.Sprintf(txtOTPPrompt.AR, ch.OTPChannel, ch.OTPDestination),
		EN: fmt.Sprintf(txtOTPPrompt.EN, ch.OTPChannel, ch.OTPDestination),
	})
	if i18n.Code(err) == "cli.no_secret" {
		return "", i18n.New("cli.no_secret", msgNoOTP, envOTP)
	}
	return code, err
}

func (p cliPrompter) Tell(n platformlogin.Notice, err error) {
	switch n {
	case platformlogin.LoggedIn:
		fmt.Fprintln(p.env.Stderr, txtLoggedIn.In(p.l))
	case platformlogin.PasswordSaved:
		fmt.Fprintln(p.env.Stderr, txtPasswordSaved.In(p.l))
	case platformlogin.PasswordNotSaved:
		fmt.Fprintln(p.env.Stderr, txtPasswordNotSaved.Format(p.l, i18n.Message(err, p.l)))
	}
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// printEvent prints one change of the submission.
func printEvent(w io.Writer, l i18n.Lang, ev outbox.Event) {
	at := ev.At.Local().Format("15:04:05")
	var line string
	switch ev.Kind {
	case outbox.EventRetry:
		next := ev.NextAttemptAt.Local().Format("15:04:05")
		line = txtRetry.Format(l, next, ev.Attempt, ev.Error.Message.In(l))
	case outbox.EventLoginRequired:
		line = outboxLoginText.In(l)
	default:
		t := stateText[ev.State]
		switch ev.State {
		case store.SubSending:
			line = t.Format(l, ev.Attempt)
		case store.SubReceived:
			line = t.Format(l, ev.DepositID)
		default:
			line = t.In(l)
		}
		if ev.Error != nil {
			line += " : " + ev.Error.Message.In(l)
		}
	}
	fmt.Fprintf(w, "[%s] %s\n", at, line)
}

var outboxLoginText = i18n.Text{
	FR: "en attente d'une connexion à la plateforme",
	AR: "في انتظار تسجيل الدخول إلى المنصة",
	EN: "waiting for a login to the platform",
}

// printResult prints the platform's answer kept in the store.
func printResult(w io.Writer, l i18n.Lang, st *store.Store, subID string, accepted bool) {
	res, err := st.DepositResults().Get(subID)
	if err != nil {
		return
	}
	if accepted {
		fmt.Fprintln(w, txtAcceptedSummary.Format(l, res.AcknowledgementNumber, res.PaymentReference, res.AmountDue.FormatMAD()))
		for _, b := range res.Branches {
			fmt.Fprintln(w, txtBranch.Format(l, b.Branch, b.Base.String(), rateText(b.Rate), b.Amount.String()))
		}
	}
	if len(res.ControlReport) > 0 {
		fmt.Fprintln(w, txtControlReport.In(l))
		for _, f := range res.ControlReport {
			where := ""
			if f.Line > 0 {
				where = fmt.Sprintf(" %s %d", txtLine.In(l), f.Line)
			}
			if f.Field != "" {
				where += " " + f.Field
			}
			fmt.Fprintf(w, "  %s %s%s : %s\n", severityLabel(l, f.Severity), f.Rule, where, f.Message)
		}
	}
}

// rateText writes a rate in hundredths of a percent: 674 → "6,74".
func rateText(r int64) string { return fmt.Sprintf("%d,%02d", r/100, r%100) }

func severityLabel(l i18n.Lang, s string) string {
	switch s {
	case string(api.SeverityError):
		return i18n.Text{FR: "ERREUR", AR: "خطأ", EN: "ERROR"}.In(l)
	case string(api.SeverityWarning):
		return i18n.Text{FR: "avertissement", AR: "تنبيه", EN: "warning"}.In(l)
	}
	return s
}

// readLine reads one line that is not a secret (e.g. a login): the prompt is
// shown on a terminal, the line comes from standard input.
func (s *secrets) readLine(prompt i18n.Text) (string, error) {
	if f, ok := s.env.Stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(s.env.Stderr, prompt.In(s.lang))
	}
	if s.in == nil {
		if s.env.Stdin == nil {
			return "", io.EOF
		}
		s.in = bufio.NewReader(s.env.Stdin)
	}
	line, err := s.in.ReadString('\n')
	line = strings.TrimRight(line, "\r\n")
	if line != "" {
		return line, nil
	}
	if err == nil {
		err = io.EOF
	}
	return "", err
}

// mineFilter keeps the events of one submission and the login requests of
// its profile (another submission may meet an expired session first).
type mineFilter struct {
	mu      sync.Mutex
	id      string
	profile domain.PlatformProfile
}

func (m *mineFilter) set(s store.Submission) {
	m.mu.Lock()
	m.id, m.profile = s.ID, s.Profile
	m.mu.Unlock()
}

func (m *mineFilter) keep(ev outbox.Event) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.id != "" && (ev.SubmissionID == m.id || ev.Kind == outbox.EventLoginRequired && ev.Profile == m.profile)
}
