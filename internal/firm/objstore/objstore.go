// Package objstore is the firm mode's view of an S3-compatible object store:
// whole objects read and written by key, writes that can be made conditional
// (create only if absent, replace only if the ETag still matches), and a
// check, run at setup, that the server really honours those conditions.
//
// Nothing here knows what the objects contain: the firm package seals them
// before they get here.
package objstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// Errors the callers switch on (wrapped in the firm package's i18n errors).
var (
	// ErrNotFound: no object under that key.
	ErrNotFound = errors.New("objstore: object not found")
	// ErrPrecondition: the conditional write was refused (HTTP 412): the
	// key already exists (IfAbsent) or its ETag changed (IfMatch).
	ErrPrecondition = errors.New("objstore: precondition failed")
	// ErrUnavailable: the store could not be reached or answered with a
	// server error; the operation may be retried.
	ErrUnavailable = errors.New("objstore: store unavailable")
	// ErrNoConditionalWrites: the server ignores If-None-Match / If-Match.
	ErrNoConditionalWrites = errors.New("objstore: the server does not honour conditional writes")
)

// Cond makes a Put conditional. The zero value writes unconditionally.
type Cond struct {
	// IfAbsent: create only if no object has the key (If-None-Match: *).
	IfAbsent bool
	// IfMatch: replace only if the current object's ETag is this one.
	IfMatch string
}

// Store is the object store as the firm package uses it.
type Store interface {
	// Get returns the object's bytes and ETag, or ErrNotFound.
	Get(ctx context.Context, key string) ([]byte, string, error)
	// Put writes the object under cond and returns its new ETag, or
	// ErrPrecondition when the condition does not hold.
	Put(ctx context.Context, key string, data []byte, cond Cond) (string, error)
	// List returns the keys that start with prefix and sort after
	// startAfter (all of them when it is ""), in lexical order.
	List(ctx context.Context, prefix, startAfter string) ([]string, error)
	// Delete removes the object (no error if it is absent).
	Delete(ctx context.Context, key string) error
}

// Config says where the store is. The secret key belongs in the OS keyring;
// it is passed here, never logged.
type Config struct {
	Endpoint  string // http(s)://host:port
	Bucket    string
	AccessKey string
	SecretKey string
	Region    string // "" → us-east-1
}

// S3 is a Store on an S3-compatible server.
type S3 struct {
	c      *minio.Client
	bucket string
}

// Open connects to the server described by cfg (no request is made yet).
func Open(cfg Config) (*S3, error) {
	u, err := url.Parse(cfg.Endpoint)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, fmt.Errorf("objstore: endpoint %q is not an http(s) URL", cfg.Endpoint)
	}
	if cfg.Bucket == "" {
		return nil, errors.New("objstore: no bucket")
	}
	region := cfg.Region
	if region == "" {
		region = "us-east-1"
	}
	tr := &http.Transport{
		Proxy:               nil, // the store is reached directly, never through a proxy from the environment
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConnsPerHost: 32,
		IdleConnTimeout:     30 * time.Second,
	}
	c, err := minio.New(u.Host, &minio.Options{
		Creds:        credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, ""),
		Secure:       u.Scheme == "https",
		Region:       region,
		BucketLookup: minio.BucketLookupPath,
		Transport:    tr,
		MaxRetries:   1,
	})
	if err != nil {
		return nil, fmt.Errorf("objstore: %w", err)
	}
	return &S3{c: c, bucket: cfg.Bucket}, nil
}

// EnsureBucket creates the bucket if it does not exist.
func (s *S3) EnsureBucket(ctx context.Context) error {
	ok, err := s.c.BucketExists(ctx, s.bucket)
	if err != nil {
		return classify(err)
	}
	if ok {
		return nil
	}
	if err := s.c.MakeBucket(ctx, s.bucket, minio.MakeBucketOptions{}); err != nil {
		if r := minio.ToErrorResponse(err); r.Code == "BucketAlreadyOwnedByYou" || r.Code == "BucketAlreadyExists" {
			return nil
		}
		return classify(err)
	}
	return nil
}

// Get implements Store.
func (s *S3) Get(ctx context.Context, key string) ([]byte, string, error) {
	obj, err := s.c.GetObject(ctx, s.bucket, key, minio.GetObjectOptions{})
	if err != nil {
		return nil, "", classify(err)
	}
	defer obj.Close()
	data, err := io.ReadAll(obj)
	if err != nil {
		return nil, "", classify(err)
	}
	st, err := obj.Stat()
	if err != nil {
		return nil, "", classify(err)
	}
	return data, st.ETag, nil
}

// Put implements Store.
func (s *S3) Put(ctx context.Context, key string, data []byte, cond Cond) (string, error) {
	opts := minio.PutObjectOptions{ContentType: "application/octet-stream", DisableMultipart: true}
	if cond.IfAbsent {
		opts.SetMatchETagExcept("*")
	}
	if cond.IfMatch != "" {
		opts.SetMatchETag(strings.Trim(cond.IfMatch, `"`))
	}
	info, err := s.c.PutObject(ctx, s.bucket, key, bytes.NewReader(data), int64(len(data)), opts)
	if err != nil {
		return "", classify(err)
	}
	return info.ETag, nil
}

// List implements Store.
func (s *S3) List(ctx context.Context, prefix, startAfter string) ([]string, error) {
	var keys []string
	for o := range s.c.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: prefix, Recursive: true, StartAfter: startAfter}) {
		if o.Err != nil {
			return nil, classify(o.Err)
		}
		if startAfter != "" && o.Key <= startAfter {
			continue
		}
		keys = append(keys, o.Key)
	}
	return keys, nil
}

// Delete implements Store.
func (s *S3) Delete(ctx context.Context, key string) error {
	return classify(s.c.RemoveObject(ctx, s.bucket, key, minio.RemoveObjectOptions{}))
}

func classify(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	r := minio.ToErrorResponse(err)
	switch {
	case r.StatusCode == http.StatusPreconditionFailed || r.Code == "PreconditionFailed":
		return fmt.Errorf("%w (%s)", ErrPrecondition, r.Code)
	case r.StatusCode == http.StatusNotFound || r.Code == "NoSuchKey":
		return fmt.Errorf("%w (%s)", ErrNotFound, r.Code)
	case r.StatusCode == 0 || r.StatusCode >= 500:
		return fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	return fmt.Errorf("objstore: %s (HTTP %d): %w", r.Code, r.StatusCode, err)
}

// CheckConditional writes a probe object under prefix and checks that the
// server refuses a create-if-absent on it and a replace with a wrong ETag,
// and accepts a replace with the right one. A server that ignores the
// conditions cannot carry leases or the dossiers' sequence numbers:
// ErrNoConditionalWrites. The probe is removed afterwards.
func CheckConditional(ctx context.Context, s Store, prefix string) error {
	key := prefix + "probe-" + fmt.Sprint(time.Now().UnixNano())
	defer s.Delete(context.WithoutCancel(ctx), key) //nolint:errcheck // best effort
	etag, err := s.Put(ctx, key, []byte("probe 1"), Cond{IfAbsent: true})
	if err != nil {
		return err
	}
	if _, err := s.Put(ctx, key, []byte("probe 2"), Cond{IfAbsent: true}); !errors.Is(err, ErrPrecondition) {
		if err != nil && !errors.Is(err, ErrPrecondition) {
			return err
		}
		return fmt.Errorf("%w: If-None-Match: * on an existing object was accepted", ErrNoConditionalWrites)
	}
	wrong := "0123456789abcdef0123456789abcdef"
	if wrong == strings.Trim(etag, `"`) {
		wrong = "fedcba9876543210fedcba9876543210"
	}
	if _, err := s.Put(ctx, key, []byte("probe 3"), Cond{IfMatch: wrong}); !errors.Is(err, ErrPrecondition) {
		if err != nil {
			return err
		}
		return fmt.Errorf("%w: If-Match with a wrong ETag was accepted", ErrNoConditionalWrites)
	}
	if _, err := s.Put(ctx, key, []byte("probe 4"), Cond{IfMatch: etag}); err != nil {
		if errors.Is(err, ErrPrecondition) {
			return fmt.Errorf("%w: If-Match with the current ETag was refused", ErrNoConditionalWrites)
		}
		return err
	}
	data, _, err := s.Get(ctx, key)
	if err != nil {
		return err
	}
	if string(data) != "probe 4" {
		return fmt.Errorf("%w: the object holds %q after the conditional writes", ErrNoConditionalWrites, data)
	}
	return nil
}
