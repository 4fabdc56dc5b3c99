//go:build linux

package cli

import (
	"bytes"
	"errors"
	"os"
	"strconv"
	"strings"
)

// scrubEnviron overwrites with zeros the values of the given variables in
// the process's initial environment block (between env_start and env_end of
// /proc/self/stat), which /proc/PID/environ shows and os.Unsetenv does not
// touch. Go copied the environment at start-up; libc's getenv then sees
// the variable empty.
func scrubEnviron(keys []string) error {
	stat, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return err
	}
	// Fields after the command name (which may hold spaces) start at
	// field 3; env_start and env_end are fields 50 and 51.
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return errors.New("unreadable /proc/self/stat")
	}
	f := strings.Fields(string(stat[i+1:]))
	if len(f) < 49 {
		return errors.New("/proc/self/stat too short")
	}
	start, err1 := strconv.ParseInt(f[47], 10, 64)
	end, err2 := strconv.ParseInt(f[48], 10, 64)
	if err1 != nil || err2 != nil || end <= start || end-start > 1<<24 {
		return errors.New("no environment block")
	}
	mem, err := os.OpenFile("/proc/self/mem", os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer mem.Close()
	block := make([]byte, end-start)
	if _, err := mem.ReadAt(block, start); err != nil {
		return err
	}
	changed := false
	off := 0
	for _, entry := range bytes.Split(block, []byte{0}) {
		for _, k := range keys {
			if bytes.HasPrefix(entry, []byte(k+"=")) && len(entry) > len(k)+1 {
				clear(block[off+len(k)+1 : off+len(entry)])
				changed = true
			}
		}
		off += len(entry) + 1
	}
	if !changed {
		return nil
	}
	_, err = mem.WriteAt(block, start)
	clear(block)
	return err
}
