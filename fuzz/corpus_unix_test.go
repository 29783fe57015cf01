//go:build unix && !gofuzz

package fuzz_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/abnfc/abnfc/fuzz"
)

// TestReadCorpusBounded: a corpus entry that is not a regular file, or
// is longer than fuzz.MaxCorpusFile, is an error naming it, at once: a
// FIFO used to block ReadCorpus for ever (httpfuzz -corpus hung before
// its campaign) and a link to /dev/zero to fill memory.
func TestReadCorpusBounded(t *testing.T) {
	tests := []struct {
		name  string
		make  func(p string) error // makes corpus/date/odd
		want  string               // in the error; "" for none
		files int                  // read, when there is no error
	}{
		{"fifo", func(p string) error { return syscall.Mkfifo(p, 0o600) }, "not a regular file", 0},
		{"link to /dev/zero", func(p string) error { return os.Symlink("/dev/zero", p) }, "not a regular file", 0},
		{"too long", func(p string) error { return os.WriteFile(p, bytes.Repeat([]byte("x"), fuzz.MaxCorpusFile+1), 0o644) }, "longer than the limit of 1048576 bytes", 0},
		{"at the limit", func(p string) error { return os.WriteFile(p, bytes.Repeat([]byte("x"), fuzz.MaxCorpusFile), 0o644) }, "", 2},
		{"link to a directory", func(p string) error { return os.Symlink(".", p) }, "", 1},
		{"empty file", func(p string) error { return os.WriteFile(p, nil, 0o644) }, "", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.Mkdir(filepath.Join(dir, "date"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "date", "a-seed"), []byte("Sun, 06 Nov 1994 08:49:37 GMT"), 0o644); err != nil {
				t.Fatal(err)
			}
			odd := filepath.Join(dir, "date", "odd")
			if err := tt.make(odd); err != nil {
				t.Skip(err)
			}
			type result struct {
				files []fuzz.CorpusFile
				err   error
			}
			done := make(chan result, 1)
			go func() {
				files, err := fuzz.ReadCorpus(dir, "date")
				done <- result{files, err}
			}()
			var r result
			select {
			case r = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("ReadCorpus still running after 10s")
			}
			if tt.want != "" {
				if r.err == nil || !strings.Contains(r.err.Error(), tt.want) || !strings.Contains(r.err.Error(), odd) {
					t.Errorf("ReadCorpus: %d files, error %v; want an error naming %s with %q", len(r.files), r.err, odd, tt.want)
				}
				return
			}
			if r.err != nil {
				t.Fatalf("ReadCorpus: %v", r.err)
			}
			if len(r.files) != tt.files || r.files[0].Path != filepath.Join(dir, "date", "a-seed") {
				t.Errorf("ReadCorpus: %d files, first %q; want %d, the seed first", len(r.files), r.files[0].Path, tt.files)
			}
		})
	}
}

// TestReadSeedsJSONLFIFO: a FIFO given to -seeds-jsonl (or named
// *.jsonl in its directory) is an error at once; opening it first
// blocked httpfuzz for ever before its campaign.
func TestReadSeedsJSONLFIFO(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.jsonl")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := fuzz.ReadSeedsJSONL(p)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("err = %v, want not a regular file", err)
		}
	case <-time.After(10 * time.Second):
		// Unblock the open so that the goroutine ends.
		if f, err := os.OpenFile(p, os.O_WRONLY, 0); err == nil {
			f.Close()
		}
		t.Fatal("ReadSeedsJSONL blocked on a FIFO")
	}
}
