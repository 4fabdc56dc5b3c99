// Package cli implements the headless subcommands of the tasrih binary
// (declare, validate, sandbox, vault, import, backup, audit, version…).
//
// Each subcommand lives in its own file and registers itself with register in an
// init function. Exit status: 0 done/valid, 1 blocking findings, 2 usage or I/O error.
package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/vault"
)

// Exit statuses shared by every subcommand.
const (
	ExitOK       = 0
	ExitFindings = 1
	ExitUsage    = 2
)

// Env is what a subcommand may touch: its arguments and standard streams, and
// the process environment through Getenv (tests inject their own).
type Env struct {
	Ctx    context.Context
	Args   []string
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// Harden, Unsetenv and ScrubEnviron protect the process before a secret
	// is read (see protect): Run sets them to vault.Harden, os.Unsetenv and
	// true; nil or false (tests calling RunEnv) leaves the process as is.
	Harden       func() error
	Unsetenv     func(string) error
	ScrubEnviron bool
	// TuneGC lets a one-shot command run without garbage collection
	// (tuneGC); Run sets it, tests calling RunEnv leave the process's
	// collector as it is.
	TuneGC bool

	protected bool
}

type command struct {
	summary string
	run     func(env *Env) int
}

var commands = map[string]command{}

// register adds a subcommand; called from init functions.
func register(name, summary string, run func(env *Env) int) {
	if _, dup := commands[name]; dup {
		panic("cli: duplicate command " + name)
	}
	commands[name] = command{summary: summary, run: run}
}

// IsCommand reports whether name is a subcommand (main uses it to decide between
// the desktop window and the headless path).
func IsCommand(name string) bool {
	if name == "help" || name == "-h" || name == "--help" {
		return true
	}
	_, ok := commands[name]
	return ok
}

// Run runs the subcommand args[0] with args[1:] and returns the exit status.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return RunEnv(&Env{Ctx: ctx, Args: args, Stdin: stdin, Stdout: stdout, Stderr: stderr, Getenv: os.Getenv,
		Harden: vault.Harden, Unsetenv: os.Unsetenv, ScrubEnviron: true, TuneGC: true})
}

// RunEnv is Run with an explicit environment.
func RunEnv(env *Env) int {
	if env.Ctx == nil {
		env.Ctx = context.Background()
	}
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	if len(env.Args) == 0 || env.Args[0] == "help" || env.Args[0] == "-h" || env.Args[0] == "--help" {
		usage(env.Stdout)
		if len(env.Args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	cmd, ok := commands[env.Args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "tasrih: commande inconnue « %s »\n", env.Args[0])
		usage(env.Stderr)
		return ExitUsage
	}
	sub := *env
	sub.Args = env.Args[1:]
	return cmd.run(&sub)
}

func usage(w io.Writer) {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("Usage : tasrih [commande] [options]\nSans commande, tasrih ouvre l'application de bureau.\n\nCommandes :\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  %-10s %s\n", n, commands[n].summary)
	}
	b.WriteString("\n« tasrih <commande> -h » détaille les options d'une commande.\n")
	io.WriteString(w, b.String())
}

// dispatch runs the subcommand env.Args[0] of a command group ("vault init",
// "backup create"…), or prints msg and returns ExitUsage.
func dispatch(env *Env, group string, msg i18n.Text, subs map[string]func(*Env) int) int {
	if len(env.Args) > 0 {
		if run, ok := subs[env.Args[0]]; ok {
			sub := *env
			sub.Args = env.Args[1:]
			return run(&sub)
		}
	}
	fmt.Fprintf(env.Stderr, "tasrih %s : %s\n", group, msg.In(i18n.FR))
	return ExitUsage
}
