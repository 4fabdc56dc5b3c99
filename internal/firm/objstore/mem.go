package objstore

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Mem is a Store in memory, with the same conditional-write semantics as
// S3: for tests of the layers above that need no server, and (with
// IgnoreConditions) to play a server that does not honour the conditions.
type Mem struct {
	// IgnoreConditions makes Put write unconditionally, as a server
	// without conditional-write support does.
	IgnoreConditions bool

	mu   sync.Mutex
	objs map[string][]byte
}

// NewMem returns an empty in-memory store.
func NewMem() *Mem { return &Mem{objs: map[string][]byte{}} }

func etagOf(b []byte) string {
	h := md5.Sum(b)
	return hex.EncodeToString(h[:])
}

// Get implements Store.
func (m *Mem) Get(ctx context.Context, key string) ([]byte, string, error) {
	if err := ctx.Err(); err != nil {
		return nil, "", err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.objs[key]
	if !ok {
		return nil, "", fmt.Errorf("%w (%s)", ErrNotFound, key)
	}
	return append([]byte(nil), b...), etagOf(b), nil
}

// Put implements Store.
func (m *Mem) Put(ctx context.Context, key string, data []byte, cond Cond) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	cur, exists := m.objs[key]
	if !m.IgnoreConditions {
		if cond.IfAbsent && exists {
			return "", ErrPrecondition
		}
		if cond.IfMatch != "" && (!exists || etagOf(cur) != strings.Trim(cond.IfMatch, `"`)) {
			return "", ErrPrecondition
		}
	}
	m.objs[key] = append([]byte(nil), data...)
	return etagOf(data), nil
}

// List implements Store.
func (m *Mem) List(ctx context.Context, prefix, startAfter string) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	var keys []string
	for k := range m.objs {
		if strings.HasPrefix(k, prefix) && k > startAfter {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys, nil
}

// Delete implements Store.
func (m *Mem) Delete(ctx context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.objs, key)
	return nil
}
