// Package s3test gives the firm mode's tests (internal/firm, internal/desktop) the real S3 server that
// `make test-firm` (build/scripts/s3server.sh run) starts on loopback: its
// address and credentials come from the environment; without them the tests
// skip, so a plain `go test ./...` stays fast.
package s3test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/firm/objstore"
)

// The variables s3server.sh sets.
const (
	EnvEndpoint  = "TASRIH_S3_ENDPOINT"
	EnvAccessKey = "TASRIH_S3_ACCESS_KEY"
	EnvSecretKey = "TASRIH_S3_SECRET_KEY"
	EnvDir       = "TASRIH_S3_DIR"
	EnvScript    = "TASRIH_S3_SCRIPT"
)

// Server is the running test server.
type Server struct {
	Endpoint, AccessKey, SecretKey string
	dir, script                    string
}

// Require returns the server, or skips tb with the way to get one.
func Require(tb testing.TB) *Server {
	tb.Helper()
	ep := os.Getenv(EnvEndpoint)
	if ep == "" {
		tb.Skipf("no S3 server: %s is not set (run `make test-firm`, which builds and starts SeaweedFS on loopback)", EnvEndpoint)
	}
	u, err := url.Parse(ep)
	if err != nil || (u.Hostname() != "127.0.0.1" && u.Hostname() != "localhost") {
		tb.Fatalf("%s=%q: the firm tests only talk to a server on loopback", EnvEndpoint, ep)
	}
	return &Server{
		Endpoint:  ep,
		AccessKey: os.Getenv(EnvAccessKey),
		SecretKey: os.Getenv(EnvSecretKey),
		dir:       os.Getenv(EnvDir),
		script:    os.Getenv(EnvScript),
	}
}

// Config returns a store configuration for bucket on the server.
func (s *Server) Config(bucket string) objstore.Config {
	return objstore.Config{Endpoint: s.Endpoint, Bucket: bucket, AccessKey: s.AccessKey, SecretKey: s.SecretKey}
}

// NewBucket returns a store on the test bucket (created once per test
// process; each firm lives under its own random prefix, so tests do not
// see one another's objects) and the bucket's name. One bucket, because
// the server gives each bucket volumes of its own and runs out of them.
func (s *Server) NewBucket(tb testing.TB) (*objstore.S3, string) {
	tb.Helper()
	bucketOnce.Do(func() {
		var b [6]byte
		if _, err := rand.Read(b[:]); err != nil {
			bucketErr = err
			return
		}
		bucketName = "t" + hex.EncodeToString(b[:])
		st, err := objstore.Open(s.Config(bucketName))
		if err != nil {
			bucketErr = err
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		bucketErr = st.EnsureBucket(ctx)
	})
	if bucketErr != nil {
		tb.Fatalf("create bucket: %v", bucketErr)
	}
	st, err := objstore.Open(s.Config(bucketName))
	if err != nil {
		tb.Fatal(err)
	}
	return st, bucketName
}

var (
	bucketOnce sync.Once
	bucketName string
	bucketErr  error
)

// DataDir is the folder where the server keeps its data on disk.
func (s *Server) DataDir(tb testing.TB) string {
	tb.Helper()
	if s.dir == "" {
		tb.Skipf("%s is not set: the server's data folder is unknown", EnvDir)
	}
	return filepath.Join(s.dir, "data")
}

// Stop stops the server (by the pid the script recorded).
func (s *Server) Stop(tb testing.TB) {
	tb.Helper()
	s.ctl(tb, "stop")
}

// Start starts the server again on the same ports and data, and waits
// until an object can be written and read back (the S3 port answers a
// little before the volume server is back).
func (s *Server) Start(tb testing.TB) {
	tb.Helper()
	s.ctl(tb, "start")
	st, bucket := s.NewBucket(tb)
	deadline := time.Now().Add(90 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		_, err := st.Put(ctx, "ready-probe", []byte("ok"), objstore.Cond{})
		if err == nil {
			_, _, err = st.Get(ctx, "ready-probe")
		}
		cancel()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			tb.Fatalf("the server restarted but bucket %s does not answer: %v", bucket, err)
		}
		time.Sleep(500 * time.Millisecond)
	}
}

func (s *Server) ctl(tb testing.TB, verb string) {
	tb.Helper()
	if s.dir == "" || s.script == "" {
		tb.Skipf("%s/%s are not set: cannot %s the server", EnvDir, EnvScript, verb)
	}
	out, err := exec.Command(s.script, verb, s.dir).CombinedOutput()
	if err != nil {
		tb.Fatalf("s3server.sh %s: %v\n%s", verb, err, out)
	}
	if verb == "start" && !strings.HasPrefix(strings.TrimSpace(string(out)), s.Endpoint) {
		tb.Fatalf("s3server.sh start answered %q, want %s", out, s.Endpoint)
	}
}
