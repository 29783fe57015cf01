//go:build unix

package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// fifo returns a named pipe that yields n bytes of 'x' to its reader: a
// file whose size (0) says nothing of what reading it gives, as for
// /dev/zero or a pipe.
func fifo(t *testing.T, n int) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	go func() {
		f, err := os.OpenFile(p, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer f.Close()
		f.Write(bytes.Repeat([]byte("x"), n)) // EPIPE once the reader stops
	}()
	return p
}

// TestBoundedReads checks that inputs whose size Stat does not tell are
// read only up to the command's limit.
func TestBoundedReads(t *testing.T) {
	tests := []struct {
		name   string
		args   func(in string) []string
		n      int
		code   int
		stderr string
	}{
		{"match fifo over the limit", func(in string) []string {
			return []string{"match", "-grammar", "testdata/good.abnf", "-rule", "greeting", in}
		}, 1<<20 + 1, 2, "input longer than the limit of 1048576 bytes"},
		{"extract fifo over the limit", func(in string) []string {
			return []string{"extract", in}
		}, maxRFCText + 1, 2, "input longer than the limit of 16777216 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args(fifo(t, tt.n)), &stdout, &stderr)
			if code != tt.code || !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("exit %d, stderr %q; want exit %d, stderr containing %q", code, stderr.String(), tt.code, tt.stderr)
			}
		})
	}
}

// TestGrammarDirNonRegular checks that -grammar DIR reads only the
// regular .abnf files of DIR: a directory named x.abnf used to fail the
// command, and a FIFO named x.abnf (with no writer) to block it for ever.
func TestGrammarDirNonRegular(t *testing.T) {
	good, err := os.ReadFile("testdata/good.abnf")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		make func(path string) error // makes DIR/NAME.abnf
	}{
		{"directory", func(p string) error { return os.Mkdir(p, 0o755) }},
		{"fifo", func(p string) error { return syscall.Mkfifo(p, 0o600) }},
		{"link to a directory", func(p string) error { return os.Symlink(".", p) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "good.abnf"), good, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := tt.make(filepath.Join(dir, "odd.abnf")); err != nil {
				t.Skip(err)
			}
			done := make(chan int, 1)
			var stdout, stderr bytes.Buffer
			go func() { done <- run([]string{"check", "-grammar", dir}, &stdout, &stderr) }()
			select {
			case code := <-done:
				if code != 0 || !strings.Contains(stdout.String(), "ok: 2 rules") {
					t.Errorf("exit %d, stdout %q, stderr %q; want exit 0, ok: 2 rules", code, stdout.String(), stderr.String())
				}
			case <-time.After(10 * time.Second):
				t.Fatal("check -grammar DIR still running after 10s")
			}
		})
	}
}

// TestGenOutputDevice checks that gen -o onto a device neither reads it
// (to compare the old content) without end nor fails.
func TestGenOutputDevice(t *testing.T) {
	tests := []struct {
		out  string
		code int
	}{
		{"/dev/null", 0},
		{"/dev/zero", 0},
	}
	for _, tt := range tests {
		t.Run(tt.out, func(t *testing.T) {
			if _, err := os.Stat(tt.out); err != nil {
				t.Skip(err)
			}
			done := make(chan int, 1)
			var stdout, stderr bytes.Buffer
			go func() {
				done <- run([]string{"gen", "-grammar", "testdata/good.abnf", "-rules", "greeting", "-package", "p", "-o", tt.out}, &stdout, &stderr)
			}()
			select {
			case code := <-done:
				if code != tt.code {
					t.Errorf("exit %d, want %d; stderr %q", code, tt.code, stderr.String())
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("gen -o %s still running after 10s", tt.out)
			}
		})
	}
}

// TestSampleStreams checks that sample writes random samples as it makes
// them: with the largest -n, the first failed write stops it at once,
// where collecting all samples first would take memory and time.
func TestSampleStreams(t *testing.T) {
	tests := [][]string{
		{"sample", "-grammar", "testdata/good.abnf", "-rule", "greeting", "-n", "1000000"},
		{"sample", "-grammar", "testdata/good.abnf", "-rule", "greeting", "-n", "1000000", "-nearmiss"},
	}
	for _, args := range tests {
		t.Run(strings.Join(args[5:], " "), func(t *testing.T) {
			done := make(chan int, 1)
			var stderr bytes.Buffer
			go func() { done <- run(args, failWriter{}, &stderr) }()
			select {
			case code := <-done:
				if code != 2 {
					t.Errorf("exit %d, want 2; stderr %q", code, stderr.String())
				}
			case <-time.After(20 * time.Second):
				t.Fatal("sample still running after 20s")
			}
		})
	}
}

// TestGrammarDirTotal checks that -grammar DIR stops reading at the first
// file past syntax.MaxTotal (4 MiB) and reports it: a directory of many
// large files was read whole before the limit was checked.
func TestGrammarDirTotal(t *testing.T) {
	dir := t.TempDir()
	line := "; " + strings.Repeat("x", 1021) + "\n" // 1 KiB
	file := []byte("r = \"a\"\n" + strings.Repeat(line, 1000))
	const files = 64 // 64 MB in all
	for i := range files {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("g%02d.abnf", i)), file, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var stdout, stderr bytes.Buffer
	code := run([]string{"check", "-grammar", dir}, &stdout, &stderr)
	runtime.ReadMemStats(&after)
	if want := "g04.abnf:1:1: the grammar sources come to more than the limit"; code != 1 || !strings.Contains(stderr.String(), want) {
		t.Errorf("exit %d, stderr %q; want exit 1 and %q", code, stderr.String(), want)
	}
	if read := after.TotalAlloc - before.TotalAlloc; read > files*uint64(len(file))/2 {
		t.Errorf("allocated %d MB for %d files of %d bytes: the files past the limit were read", read>>20, files, len(file))
	}
}

// TestSampleDirBounds checks that sample -dir stops with an error at the
// first file past maxDirFiles or maxDirBytes (lowered here), having
// written no more than they allow: -n bounded the samples, but with
// -nearmiss -n 1000000 wrote millions of files, and with -maxsize at its
// bound a TiB.
func TestSampleDirBounds(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		files  int   // maxDirFiles
		bytes  int64 // maxDirBytes
		code   int
		stderr string
		wrote  int // files in the directory afterwards
	}{
		{"near-misses past the files", []string{"-n", "50", "-nearmiss"}, 100, 1 << 30, 2,
			"-dir writes at most 100 files (samples and near-misses together): stopped after 100 files", 100},
		{"samples past the files", []string{"-n", "11"}, 10, 1 << 30, 2,
			"-dir writes at most 10 files (samples and near-misses together): stopped after 10 files", 10},
		{"samples at the files", []string{"-n", "10"}, 10, 1 << 30, 0, "", 10},
		{"samples past the bytes", []string{"-n", "1000", "-maxsize", "1000", "-maxrepeat", "1000"}, 1000, 20000, 2,
			"-dir writes at most 20000 bytes: stopped before", -1},
		{"near-misses past the bytes", []string{"-n", "1000", "-nearmiss"}, 1 << 20, 1000, 2,
			"-dir writes at most 1000 bytes: stopped before", -1},
		{"within both", []string{"-n", "3", "-nearmiss"}, 1 << 20, 1 << 30, 0, "", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files, size := maxDirFiles, maxDirBytes
			maxDirFiles, maxDirBytes = tt.files, tt.bytes
			defer func() { maxDirFiles, maxDirBytes = files, size }()
			dir := t.TempDir()
			args := append([]string{"sample", "-grammar", "testdata/good.abnf", "-rule", "greeting", "-dir", dir}, tt.args...)
			var stdout, stderr bytes.Buffer
			code := run(args, &stdout, &stderr)
			if code != tt.code || !strings.Contains(stderr.String(), tt.stderr) || tt.code == 0 && stderr.Len() > 0 {
				t.Errorf("exit %d, stderr %q; want exit %d, stderr containing %q", code, stderr.String(), tt.code, tt.stderr)
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			var total int64
			for _, e := range entries {
				info, err := e.Info()
				if err != nil {
					t.Fatal(err)
				}
				total += info.Size()
			}
			if len(entries) > tt.files || total > tt.bytes {
				t.Errorf("wrote %d files of %d bytes, over the limits of %d files and %d bytes", len(entries), total, tt.files, tt.bytes)
			}
			if tt.wrote >= 0 && len(entries) != tt.wrote {
				t.Errorf("wrote %d files, want %d", len(entries), tt.wrote)
			}
			if tt.code == 0 && stdout.String() != fmt.Sprintf("wrote %d files to %s\n", len(entries), dir) {
				t.Errorf("stdout %q, want the count of %d files", stdout.String(), len(entries))
			}
		})
	}
}
