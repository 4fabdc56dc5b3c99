package api

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tasrih/tasrih/internal/i18n"
)

// Code is a stable error code of the contract (the "code" of an ErrorBody).
type Code string

// Error codes answered by the platform.
const (
	CodeInvalidCredentials  Code = "invalid_credentials"  // 401 login
	CodeTooManyAttempts     Code = "too_many_attempts"    // 429 login, with Retry-After
	CodeInvalidOTP          Code = "invalid_otp"          // 401 otp
	CodeChallengeExpired    Code = "challenge_expired"    // 401 otp: dead after 3 wrong codes or too late
	CodeNotPublished        Code = "not_published"        // 404 préétabli
	CodeNotMandated         Code = "not_mandated"         // 403 affiliation of another account
	CodeIdempotencyConflict Code = "idempotency_conflict" // 409 same key, other bytes
	CodeDigestMismatch      Code = "digest_mismatch"      // 400 Content-SHA256 ≠ body
	CodePrincipalMissing    Code = "principal_missing"    // 409 complementary before principal
	CodeAlreadyDeclared     Code = "already_declared"     // 409 second principal
	CodeTooLarge            Code = "too_large"            // 413 > MaxDepositSize
	CodeTokenExpired        Code = "token_expired"        // 401 any call: log in again
	CodeMaintenance         Code = "maintenance"          // 503 with Retry-After
	CodeUnknownAffiliation  Code = "unknown_affiliation"  // 404 affiliation unknown to the platform
	CodeNotFound            Code = "not_found"            // 404 deposit or path
	CodeBadRequest          Code = "bad_request"          // 400 malformed request
	CodeInternal            Code = "internal"             // 500, retryable
)

// Error codes made by the client itself (never answered by a server).
const (
	CodeNetwork     Code = "network"      // no answer: connection refused or dropped, timeout
	CodeCanceled    Code = "canceled"     // the caller's context was cancelled
	CodeBadResponse Code = "bad_response" // a 2xx answer the client cannot read
)

// Codes lists every code of the contract and of the client.
var Codes = []Code{
	CodeInvalidCredentials, CodeTooManyAttempts, CodeInvalidOTP, CodeChallengeExpired,
	CodeNotPublished, CodeNotMandated, CodeIdempotencyConflict, CodeDigestMismatch,
	CodePrincipalMissing, CodeAlreadyDeclared, CodeTooLarge, CodeTokenExpired, CodeMaintenance,
	CodeUnknownAffiliation, CodeNotFound, CodeBadRequest, CodeInternal,
	CodeNetwork, CodeCanceled, CodeBadResponse,
}

// HTTPStatus is the status a server answers with code c (0 for the client's
// own codes).
func (c Code) HTTPStatus() int {
	switch c {
	case CodeInvalidCredentials, CodeInvalidOTP, CodeChallengeExpired, CodeTokenExpired:
		return http.StatusUnauthorized
	case CodeTooManyAttempts:
		return http.StatusTooManyRequests
	case CodeNotPublished, CodeUnknownAffiliation, CodeNotFound:
		return http.StatusNotFound
	case CodeNotMandated:
		return http.StatusForbidden
	case CodeIdempotencyConflict, CodePrincipalMissing, CodeAlreadyDeclared:
		return http.StatusConflict
	case CodeDigestMismatch, CodeBadRequest:
		return http.StatusBadRequest
	case CodeTooLarge:
		return http.StatusRequestEntityTooLarge
	case CodeMaintenance:
		return http.StatusServiceUnavailable
	case CodeInternal:
		return http.StatusInternalServerError
	}
	return 0
}

// I18nCode is the i18n code of c: "platform.<code>".
func (c Code) I18nCode() string { return "platform." + string(c) }

// Error is a failed call to the platform: the code answered (or made by the
// client for network errors), the HTTP status (0 without an answer), whether
// the same call may be sent again as is, the server's Retry-After and the
// server's own message (for logs; users get Text). Err is the cause of a
// client-side error (network, context).
//
// For errors.As, an *Error is also an *i18n.Error with the code
// "platform.<code>" and a real message in each language.
type Error struct {
	Code       Code
	Status     int
	Retryable  bool
	RetryAfter time.Duration
	Message    string
	Err        error
}

// Error returns the French message.
func (e *Error) Error() string { return e.In(i18n.FR) }

// In returns the message for the user in l.
func (e *Error) In(l i18n.Lang) string { return e.I18n().In(l) }

// Unwrap returns the cause (network or context error), if any.
func (e *Error) Unwrap() error { return e.Err }

// As lets errors.As see an *Error as an *i18n.Error.
func (e *Error) As(target any) bool {
	if p, ok := target.(**i18n.Error); ok {
		*p = e.I18n()
		return true
	}
	return false
}

// I18n returns e as a user-facing error with the code "platform.<code>".
func (e *Error) I18n() *i18n.Error {
	code := e.Code.I18nCode()
	switch e.Code {
	case CodeTooManyAttempts, CodeMaintenance, CodeInternal, CodeNetwork:
		if e.RetryAfter > 0 {
			return &i18n.Error{Code: code, Msg: msgRetryIn[e.Code], Args: []any{durationText(e.RetryAfter)}, Err: e.Err}
		}
	case CodeBadRequest:
		if e.Message != "" {
			return &i18n.Error{Code: code, Msg: msgBadRequestDetail, Args: []any{e.Message}, Err: e.Err}
		}
	}
	if m, ok := messages[e.Code]; ok {
		return &i18n.Error{Code: code, Msg: m, Err: e.Err}
	}
	return &i18n.Error{Code: code, Msg: msgUnknown, Args: []any{string(e.Code), e.Status, e.Message}, Err: e.Err}
}

var _ error = (*Error)(nil)

// New returns the error a server answers with code c and a message for logs.
// Retryable is set from the code (5xx, 429).
func New(c Code, message string) *Error {
	st := c.HTTPStatus()
	return &Error{Code: c, Status: st, Message: message, Retryable: st >= 500 || st == http.StatusTooManyRequests}
}

// Body returns the ErrorBody of e.
func (e *Error) Body() ErrorBody {
	return ErrorBody{Error: ErrorDetail{Code: e.Code, Message: e.Message, Retryable: e.Retryable}}
}

// IsRetryable reports whether the call that returned err may be sent again as
// is: an *Error marked retryable (5xx, 429, 503 maintenance, network errors),
// or a network error. A cancelled context is not retryable.
func IsRetryable(err error) bool {
	if err == nil {
		return false
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Retryable
	}
	if errors.Is(err, context.Canceled) {
		return false
	}
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, context.DeadlineExceeded)
}

// RetryAfter returns the Retry-After delay of err (0 when none).
func RetryAfter(err error) time.Duration {
	var e *Error
	if errors.As(err, &e) {
		return e.RetryAfter
	}
	return 0
}

// CodeOf returns the platform code of err ("" if err is no *Error).
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// ParseRetryAfter reads a Retry-After header: delay-seconds or an HTTP date
// (relative to now). It returns 0 for an empty, negative or malformed value.
func ParseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 {
			return 0
		}
		if n > 86400 {
			n = 86400 // a day at most: a broken server must not park the outbox for years
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return min(d, 24*time.Hour)
		}
	}
	return 0
}

// FormatRetryAfter writes d as a Retry-After value (whole seconds, at least 1).
func FormatRetryAfter(d time.Duration) string {
	s := int64((d + time.Second - 1) / time.Second)
	return strconv.FormatInt(max(s, 1), 10)
}

var (
	txtSeconds = i18n.Text{FR: "%d s", AR: "%d ثانية", EN: "%d s"}
	txtMinutes = i18n.Text{FR: "%d min", AR: "%d دقيقة", EN: "%d min"}
)

func durationText(d time.Duration) *i18n.Error {
	s := int64((d + time.Second - 1) / time.Second)
	if s < 120 {
		return i18n.New("", txtSeconds, s)
	}
	return i18n.New("", txtMinutes, (s+59)/60)
}

var msgUnknown = i18n.Text{
	FR: "la plateforme a répondu l'erreur « %s » (HTTP %d) : %s",
	AR: "أجابت المنصة بالخطأ « %s » (HTTP %d): %s",
	EN: "the platform answered error %q (HTTP %d): %s",
}

var msgBadRequestDetail = i18n.Text{
	FR: "requête refusée par la plateforme : %s",
	AR: "رفضت المنصة الطلب: %s",
	EN: "request refused by the platform: %s",
}

var msgRetryIn = map[Code]i18n.Text{
	CodeTooManyAttempts: {
		FR: "trop de tentatives de connexion : réessayez dans %s",
		AR: "محاولات كثيرة جداً لتسجيل الدخول: أعد المحاولة بعد %s",
		EN: "too many login attempts: try again in %s",
	},
	CodeMaintenance: {
		FR: "la plateforme est en maintenance : nouvel essai possible dans %s",
		AR: "المنصة في طور الصيانة: يمكن إعادة المحاولة بعد %s",
		EN: "the platform is under maintenance: try again in %s",
	},
	CodeInternal: {
		FR: "erreur interne de la plateforme : nouvel essai possible dans %s",
		AR: "خطأ داخلي في المنصة: يمكن إعادة المحاولة بعد %s",
		EN: "internal error of the platform: try again in %s",
	},
	CodeNetwork: {
		FR: "la plateforme ne répond pas : nouvel essai possible dans %s",
		AR: "المنصة لا تجيب: يمكن إعادة المحاولة بعد %s",
		EN: "the platform does not answer: try again in %s",
	},
}

var messages = map[Code]i18n.Text{
	CodeInvalidCredentials: {
		FR: "identifiant ou mot de passe incorrect",
		AR: "اسم المستخدم أو كلمة المرور غير صحيحة",
		EN: "wrong login or password",
	},
	CodeTooManyAttempts: {
		FR: "trop de tentatives de connexion : réessayez plus tard",
		AR: "محاولات كثيرة جداً لتسجيل الدخول: أعد المحاولة لاحقاً",
		EN: "too many login attempts: try again later",
	},
	CodeInvalidOTP: {
		FR: "code à usage unique incorrect : vérifiez le dernier code reçu",
		AR: "الرمز المؤقت غير صحيح: تحقق من آخر رمز توصلت به",
		EN: "wrong one-time code: check the latest code you received",
	},
	CodeChallengeExpired: {
		FR: "le code à usage unique a expiré ou a été refusé trop de fois : reconnectez-vous pour en recevoir un nouveau",
		AR: "انتهت صلاحية الرمز المؤقت أو رُفض مرات كثيرة: أعد تسجيل الدخول لتتلقى رمزاً جديداً",
		EN: "the one-time code expired or was refused too many times: log in again to receive a new one",
	},
	CodeNotPublished: {
		FR: "la plateforme n'a pas encore publié le préétabli de cette période",
		AR: "لم تنشر المنصة بعد الملف المعد مسبقاً لهذه الفترة",
		EN: "the platform has not published the préétabli of this period yet",
	},
	CodeNotMandated: {
		FR: "ce compte n'est pas mandaté pour cette affiliation",
		AR: "هذا الحساب غير مفوَّض لهذا الانخراط",
		EN: "this account holds no mandate for this affiliation",
	},
	CodeIdempotencyConflict: {
		FR: "la plateforme a déjà reçu un autre fichier sous la même clé de dépôt : ce dépôt ne peut pas être renvoyé tel quel",
		AR: "سبق للمنصة أن توصلت بملف آخر بنفس مفتاح الإيداع: لا يمكن إعادة إرسال هذا الإيداع كما هو",
		EN: "the platform already received another file under the same deposit key: this deposit cannot be sent again as is",
	},
	CodeDigestMismatch: {
		FR: "le fichier reçu par la plateforme ne correspond pas à son empreinte SHA-256 : il a été altéré en route",
		AR: "الملف الذي توصلت به المنصة لا يطابق بصمته SHA-256: تعرض للتغيير أثناء الإرسال",
		EN: "the file the platform received does not match its SHA-256 digest: it was altered in transit",
	},
	CodePrincipalMissing: {
		FR: "déclaration complémentaire refusée : la déclaration principale de cette période n'a pas encore été déposée",
		AR: "رُفض التصريح التكميلي: لم يُودَع بعد التصريح الرئيسي لهذه الفترة",
		EN: "complementary declaration refused: the principal declaration of this period has not been deposited yet",
	},
	CodeAlreadyDeclared: {
		FR: "une déclaration principale de cette période est déjà déposée (reçue, en traitement ou acceptée) : déclarez les entrants oubliés dans une déclaration complémentaire",
		AR: "سبق إيداع تصريح رئيسي لهذه الفترة (مستلم أو قيد المعالجة أو مقبول): صرّح بالوافدين المنسيين في تصريح تكميلي",
		EN: "a principal declaration of this period is already deposited (received, processing or accepted): declare forgotten entrants in a complementary declaration",
	},
	CodeTooLarge: {
		FR: "fichier trop volumineux pour la plateforme (20 Mio au plus)",
		AR: "الملف كبير جداً بالنسبة للمنصة (20 ميغابايت على الأكثر)",
		EN: "file too large for the platform (20 MiB at most)",
	},
	CodeTokenExpired: {
		FR: "session expirée : reconnectez-vous (un nouveau code à usage unique vous sera envoyé)",
		AR: "انتهت الجلسة: أعد تسجيل الدخول (سيُرسل إليك رمز مؤقت جديد)",
		EN: "session expired: log in again (a new one-time code will be sent to you)",
	},
	CodeMaintenance: {
		FR: "la plateforme est en maintenance : réessayez plus tard",
		AR: "المنصة في طور الصيانة: أعد المحاولة لاحقاً",
		EN: "the platform is under maintenance: try again later",
	},
	CodeUnknownAffiliation: {
		FR: "numéro d'affiliation inconnu de la plateforme",
		AR: "رقم الانخراط غير معروف لدى المنصة",
		EN: "affiliation number unknown to the platform",
	},
	CodeNotFound: {
		FR: "introuvable sur la plateforme (dépôt ou adresse inconnus)",
		AR: "غير موجود على المنصة (إيداع أو عنوان غير معروف)",
		EN: "not found on the platform (unknown deposit or address)",
	},
	CodeBadRequest: {
		FR: "requête refusée par la plateforme",
		AR: "رفضت المنصة الطلب",
		EN: "request refused by the platform",
	},
	CodeInternal: {
		FR: "erreur interne de la plateforme : réessayez plus tard",
		AR: "خطأ داخلي في المنصة: أعد المحاولة لاحقاً",
		EN: "internal error of the platform: try again later",
	},
	CodeNetwork: {
		FR: "la plateforme ne répond pas : vérifiez la connexion Internet, un nouvel essai est possible",
		AR: "المنصة لا تجيب: تحقق من الاتصال بالإنترنت، يمكن إعادة المحاولة",
		EN: "the platform does not answer: check the Internet connection, the call can be tried again",
	},
	CodeCanceled: {
		FR: "opération annulée",
		AR: "أُلغيت العملية",
		EN: "operation cancelled",
	},
	CodeBadResponse: {
		FR: "réponse illisible de la plateforme",
		AR: "جواب غير مقروء من المنصة",
		EN: "unreadable answer from the platform",
	},
}

// String is a short technical form for logs: code, status and the server's
// message (never a secret: servers do not echo them).
func (e *Error) String() string {
	return fmt.Sprintf("%s (HTTP %d): %s", e.Code, e.Status, e.Message)
}
