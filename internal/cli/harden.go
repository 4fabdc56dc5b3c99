package cli

import (
	"fmt"
)

// secretEnv lists the environment variables that hold secrets.
var secretEnv = []string{envPassphrase, envNewPassphrase, envRecoveryCode, envPlatformPassword, envOTP}

// protect is called before any secret is read (newSecrets): every command
// that unlocks a vault, creates one, restores a backup or logs in to a
// platform goes through it. Once per command, it
//
//   - hardens the process (Env.Harden: vault.Harden in the real process,
//     not dumpable and no core file: other processes of the user can no
//     longer read its memory, /proc/PID/mem or /proc/PID/environ);
//   - takes the TASRIH_* secret variables out of the environment
//     (Env.Unsetenv): the command keeps their values in memory, children
//     and later getenv calls no longer see them, and the process's
//     initial environment block (what /proc/PID/environ shows) is
//     overwritten where they were (Env.ScrubEnviron, Linux).
//
// Tests that call RunEnv without these hooks keep their process as is.
func (env *Env) protect() {
	if env.protected {
		return
	}
	env.protected = true
	if env.Harden != nil {
		if err := env.Harden(); err != nil {
			fmt.Fprintln(env.Stderr, "tasrih : durcissement du processus impossible :", err)
		}
	}
	if env.Unsetenv == nil {
		return
	}
	get := env.Getenv
	saved := map[string]string{}
	for _, k := range secretEnv {
		if v := get(k); v != "" {
			saved[k] = v
			_ = env.Unsetenv(k)
		}
	}
	if len(saved) > 0 && env.ScrubEnviron {
		_ = scrubEnviron(secretEnv)
	}
	env.Getenv = func(k string) string {
		if v, ok := saved[k]; ok {
			return v
		}
		return get(k)
	}
}
