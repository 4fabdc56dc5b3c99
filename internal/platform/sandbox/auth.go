package sandbox

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	badger "github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/tasrih/tasrih/internal/platform/api"
)

// InboxMessage is a one-time code "sent" by the sandbox.
type InboxMessage struct {
	Login       string         `json:"login"`
	Channel     api.OTPChannel `json:"channel"`
	Destination string         `json:"destination"` // masked
	Code        string         `json:"code"`
	ChallengeID string         `json:"challenge_id"`
	SentAt      time.Time      `json:"sent_at" ts_type:"string"`
	Text        string         `json:"text"`
}

// accountState is the runtime state of a seeded account.
type accountState struct {
	Failures    int            `json:"failures"`
	LockedUntil time.Time      `json:"locked_until"`
	Inbox       []InboxMessage `json:"inbox"` // newest first
}

type challenge struct {
	Login     string    `json:"login"`
	Code      string    `json:"code"`
	ExpiresAt time.Time `json:"expires_at"`
	Tries     int       `json:"tries"`
	Dead      bool      `json:"dead"`
}

type session struct {
	Login     string    `json:"login"`
	ExpiresAt time.Time `json:"expires_at"`
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported systems
	}
	return hex.EncodeToString(b)
}

func equalSecret(a, b string) bool {
	ha, hb := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
	return subtle.ConstantTimeCompare(ha[:], hb[:]) == 1
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	var req api.LoginRequest
	if e := decodeJSON(r, &req); e != nil {
		writeError(w, e)
		return
	}
	if req.Login == "" || len(req.Login) > 128 || req.Password == "" || len(req.Password) > 256 {
		writeError(w, badRequest("login and password are required (128 and 256 bytes at most)"))
		return
	}
	ch, e := s.login(req.Login, req.Password)
	if e != nil {
		writeError(w, e)
		return
	}
	writeJSON(w, http.StatusOK, ch)
}

func (s *Server) login(login, password string) (api.Challenge, *api.Error) {
	now := s.now().UTC()
	acc := s.accounts[login]
	if acc == nil {
		// Unknown logins are counted in memory, and answer like a wrong password.
		s.mu.Lock()
		defer s.mu.Unlock()
		if len(s.failures) > 10_000 {
			clear(s.failures)
		}
		s.failures[login]++
		if s.failures[login] >= MaxPasswordFailures {
			e := api.New(api.CodeTooManyAttempts, "too many failed logins")
			e.RetryAfter = LockoutDuration
			return api.Challenge{}, e
		}
		return api.Challenge{}, api.New(api.CodeInvalidCredentials, "wrong login or password")
	}
	unlock := s.locks.lock("login:" + login)
	defer unlock()
	var st accountState
	var out api.Challenge
	var failure *api.Error
	err := s.update(func(txn *badger.Txn) error {
		failure, st = nil, accountState{}
		if _, err := getJSON(txn, kAccount(login), &st); err != nil {
			return err
		}
		if now.Before(st.LockedUntil) {
			failure = api.New(api.CodeTooManyAttempts, "login locked after repeated failures")
			failure.RetryAfter = st.LockedUntil.Sub(now)
			return nil
		}
		if !equalSecret(password, acc.Password) {
			st.Failures++
			failure = api.New(api.CodeInvalidCredentials, "wrong login or password")
			if st.Failures >= MaxPasswordFailures {
				st.Failures, st.LockedUntil = 0, now.Add(LockoutDuration)
				failure = api.New(api.CodeTooManyAttempts, "login locked after repeated failures")
				failure.RetryAfter = LockoutDuration
			}
			return setJSON(txn, kAccount(login), &st)
		}
		st.Failures = 0
		id := uuid.NewString()
		code := fmt.Sprintf("%06d", s.rng.int64n(1_000_000))
		c := challenge{Login: login, Code: code, ExpiresAt: now.Add(ChallengeTTL)}
		if err := setJSON(txn, kChallenge(id), &c); err != nil {
			return err
		}
		dest := maskDestination(acc.OTPChannel, acc.OTPDestination)
		msg := InboxMessage{Login: login, Channel: acc.OTPChannel, Destination: dest, Code: code, ChallengeID: id, SentAt: now,
			Text: fmt.Sprintf("Tasrih (bac à sable / بيئة التجربة / sandbox) : %s", code)}
		st.Inbox = append([]InboxMessage{msg}, st.Inbox[:min(len(st.Inbox), inboxSize-1)]...)
		out = api.Challenge{ChallengeID: id, OTPChannel: acc.OTPChannel, OTPDestination: dest, ExpiresIn: int(ChallengeTTL / time.Second)}
		return setJSON(txn, kAccount(login), &st)
	})
	if err != nil {
		return api.Challenge{}, s.internal(err)
	}
	if failure != nil {
		return api.Challenge{}, failure
	}
	msg := st.Inbox[0]
	if s.opt.LogOTP {
		s.log.Info("sandbox inbox: one-time code sent", "login", login, "channel", string(msg.Channel),
			"destination", msg.Destination, "code", msg.Code)
	}
	if s.opt.OnOTP != nil {
		s.opt.OnOTP(msg)
	}
	return out, nil
}

func (s *Server) handleOTP(w http.ResponseWriter, r *http.Request) {
	var req api.OTPRequest
	if e := decodeJSON(r, &req); e != nil {
		writeError(w, e)
		return
	}
	if req.ChallengeID == "" || len(req.ChallengeID) > 64 || len(req.Code) > 16 {
		writeError(w, badRequest("challenge_id and code are required"))
		return
	}
	sess, e := s.verifyOTP(req.ChallengeID, req.Code)
	if e != nil {
		writeError(w, e)
		return
	}
	writeJSON(w, http.StatusOK, sess)
}

func (s *Server) verifyOTP(id, code string) (api.Session, *api.Error) {
	now := s.now().UTC()
	unlock := s.locks.lock("challenge:" + id)
	defer unlock()
	var out api.Session
	var failure *api.Error
	err := s.update(func(txn *badger.Txn) error {
		failure = nil
		var c challenge
		ok, err := getJSON(txn, kChallenge(id), &c)
		if err != nil {
			return err
		}
		if !ok || c.Dead || !now.Before(c.ExpiresAt) {
			failure = api.New(api.CodeChallengeExpired, "challenge expired, refused or unknown: log in again")
			return nil
		}
		if !equalSecret(code, c.Code) {
			c.Tries++
			failure = api.New(api.CodeInvalidOTP, "wrong one-time code")
			if c.Tries >= MaxOTPTries {
				c.Dead = true
				failure = api.New(api.CodeChallengeExpired, "three wrong codes: the challenge is dead, log in again")
			}
			return setJSON(txn, kChallenge(id), &c)
		}
		if err := txn.Delete(kChallenge(id)); err != nil {
			return err
		}
		tok := randomHex(32)
		if err := setJSON(txn, kToken(tok), &session{Login: c.Login, ExpiresAt: now.Add(s.seed.TokenTTL)}); err != nil {
			return err
		}
		out = api.Session{AccessToken: tok, ExpiresIn: int(s.seed.TokenTTL / time.Second), Affiliations: s.affiliationsOf(c.Login)}
		return nil
	})
	if err != nil {
		return api.Session{}, s.internal(err)
	}
	if failure != nil {
		return api.Session{}, failure
	}
	return out, nil
}

func (s *Server) affiliationsOf(login string) []api.Affiliation {
	out := []api.Affiliation{}
	if acc := s.accounts[login]; acc != nil {
		for _, m := range acc.Mandates {
			out = append(out, api.Affiliation{Affiliation: m.Affiliation, Name: s.employers[m.Affiliation].Name, Role: m.Role})
		}
	}
	return out
}

type authedHandler func(w http.ResponseWriter, r *http.Request, login string)

// auth checks the bearer token: missing, unknown or expired → 401 token_expired.
func (s *Server) auth(next authedHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		h := r.Header.Get(api.HeaderAuthorization)
		tok, ok := strings.CutPrefix(h, "Bearer ")
		if !ok || tok == "" || len(tok) > 256 {
			writeError(w, api.New(api.CodeTokenExpired, "no valid session: log in again"))
			return
		}
		var sess session
		var found bool
		err := s.db.View(func(txn *badger.Txn) error {
			var err error
			found, err = getJSON(txn, kToken(tok), &sess)
			return err
		})
		if err != nil {
			writeError(w, s.internal(err))
			return
		}
		if !found || !s.now().Before(sess.ExpiresAt) {
			writeError(w, api.New(api.CodeTokenExpired, "session expired: log in again"))
			return
		}
		next(w, r, sess.Login)
	}
}

func (s *Server) handleAffiliations(w http.ResponseWriter, r *http.Request, login string) {
	writeJSON(w, http.StatusOK, s.affiliationsOf(login))
}

// checkMandate answers unknown_affiliation (404) or not_mandated (403).
func (s *Server) checkMandate(login, aff string) *api.Error {
	if s.employers[aff] == nil {
		return api.New(api.CodeUnknownAffiliation, "unknown affiliation")
	}
	if _, ok := s.mandates[login][aff]; !ok {
		return api.New(api.CodeNotMandated, "this account has no mandate for this affiliation")
	}
	return nil
}

// Inbox returns the live one-time codes sent to login, newest first: those
// whose challenge is neither expired, nor dead, nor used. A code already
// used or expired is of no use to its owner and must not be readable.
func (s *Server) Inbox(login string) ([]InboxMessage, error) {
	out := []InboxMessage{}
	if s.accounts[login] == nil {
		return out, nil
	}
	now := s.now()
	err := s.db.View(func(txn *badger.Txn) error {
		var st accountState
		if _, err := getJSON(txn, kAccount(login), &st); err != nil {
			return err
		}
		for _, m := range st.Inbox {
			var c challenge
			ok, err := getJSON(txn, kChallenge(m.ChallengeID), &c)
			if err != nil {
				return err
			}
			if ok && !c.Dead && now.Before(c.ExpiresAt) && c.Login == login {
				out = append(out, m)
			}
		}
		return nil
	})
	if err != nil {
		return nil, ioErr(err)
	}
	return out, nil
}

// handleInbox is GET /sandbox/v1/inbox?login=L: off unless Options.InboxToken
// is set, and then only with "Authorization: Bearer <InboxToken>".
func (s *Server) handleInbox(w http.ResponseWriter, r *http.Request) {
	if s.opt.InboxToken == "" {
		writeError(w, api.New(api.CodeNotFound, "the HTTP inbox is off: the app reads its codes itself"))
		return
	}
	tok, ok := strings.CutPrefix(r.Header.Get(api.HeaderAuthorization), "Bearer ")
	if !ok || !equalSecret(tok, s.opt.InboxToken) {
		e := api.New(api.CodeTokenExpired, "the inbox needs the token printed when the sandbox started")
		writeError(w, e)
		return
	}
	login := r.URL.Query().Get("login")
	if login == "" || len(login) > 128 {
		writeError(w, badRequest("login is required"))
		return
	}
	msgs, err := s.Inbox(login)
	if err != nil {
		writeError(w, s.internal(err))
		return
	}
	writeJSON(w, http.StatusOK, msgs)
}

// NewInboxToken returns a random token for Options.InboxToken.
func NewInboxToken() string { return randomHex(16) }

var errStop = errors.New("stop")
