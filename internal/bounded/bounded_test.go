package bounded

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestReadAll: up to max bytes are read whole; one more is over; a max of
// math.MaxInt64 reads all (max+1 had wrapped to a negative limit, which
// read nothing).
func TestReadAll(t *testing.T) {
	for _, tc := range []struct {
		name     string
		in       string
		max      int64
		want     string
		wantOver bool
	}{
		{"under", "abc", 4, "abc", false},
		{"at", "abcd", 4, "abcd", false},
		{"over", "abcde", 4, "", true},
		{"no limit", "abcde", math.MaxInt64, "abcde", false},
		{"empty", "", 0, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, over, err := ReadAll(strings.NewReader(tc.in), tc.max)
			if err != nil || over != tc.wantOver || string(b) != tc.want {
				t.Errorf("ReadAll = %q, %v, %v; want %q, %v", b, over, err, tc.want, tc.wantOver)
			}
		})
	}
}

// zeros is an endless input, as /dev/zero.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// TestReadAllMemory: past the limit nothing is kept (io.ReadAll's pieces
// and its final copy had taken twice the limit: 2.1 GB on /dev/zero under
// 1 GiB), and a regular file is read into one buffer of its size.
func TestReadAllMemory(t *testing.T) {
	const max = 3<<20 + 5
	b, over, err := ReadAll(zeros{}, max)
	if err != nil || !over || b != nil {
		t.Fatalf("ReadAll(zeros) = %d bytes, %v, %v; want nil, true, nil", len(b), over, err)
	}
	p := filepath.Join(t.TempDir(), "f")
	data := strings.Repeat("x", 100_000)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, limit := range []int64{1 << 30, 100_000} {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		b, over, err = ReadAll(f, limit)
		f.Close()
		if err != nil || over || string(b) != data {
			t.Fatalf("ReadAll(file, %d) = %d bytes, %v, %v", limit, len(b), over, err)
		}
		if cap(b) != len(data)+1 {
			t.Errorf("cap %d for a file of %d bytes, want %d", cap(b), len(data), len(data)+1)
		}
	}
	// Over the limit by a byte, and longer than a piece.
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if b, over, err := ReadAll(f, 99_999); err != nil || !over || b != nil {
		t.Errorf("ReadAll(file, 99999) = %d bytes, %v, %v; want nil, true, nil", len(b), over, err)
	}
	long := strings.Repeat("y", 300_000)
	if b, over, err := ReadAll(strings.NewReader(long), 1<<20); err != nil || over || string(b) != long {
		t.Errorf("ReadAll(300000 bytes) = %d bytes, %v, %v", len(b), over, err)
	}
}

// liar is a file whose Stat says it holds size bytes while Read gives
// data, as a /proc file (size 0) or a file appended to meanwhile.
type liar struct {
	r    *strings.Reader
	size int64
}

func (l liar) Read(p []byte) (int, error) { return l.r.Read(p) }
func (l liar) Stat() (os.FileInfo, error) { return liarInfo(l.size), nil }

type liarInfo int64

func (liarInfo) Name() string       { return "liar" }
func (s liarInfo) Size() int64      { return int64(s) }
func (liarInfo) Mode() os.FileMode  { return 0o644 }
func (liarInfo) ModTime() time.Time { return time.Time{} }
func (liarInfo) IsDir() bool        { return false }
func (liarInfo) Sys() any           { return nil }

// TestReadAllLongerThanStat: a regular file that holds more than its
// size says is read whole. The buffer of size+1 bytes was handed on full
// to a loop that read into an empty slice for ever (httpcheck and abnfc
// match hung on /proc/version).
func TestReadAllLongerThanStat(t *testing.T) {
	// within fails the test when f does not return in 10 s.
	within := func(name string, f func()) {
		done := make(chan struct{})
		go func() {
			defer close(done)
			f()
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: ReadAll did not return", name)
		}
	}
	data := strings.Repeat("z", 5000)
	for _, size := range []int64{0, 3, 14, 15, 100} {
		within(fmt.Sprint("size ", size), func() {
			b, over, err := ReadAll(liar{strings.NewReader(data), size}, 1<<20)
			if err != nil || over || string(b) != data {
				t.Errorf("size %d: ReadAll = %d bytes, %v, %v; want all %d", size, len(b), over, err, len(data))
			}
		})
	}
	if f, err := os.Open("/proc/self/stat"); err == nil {
		defer f.Close()
		within("/proc/self/stat", func() {
			if b, over, err := ReadAll(f, 1<<20); err != nil || over || len(b) == 0 {
				t.Errorf("/proc/self/stat: %d bytes, %v, %v", len(b), over, err)
			}
		})
	}
}
