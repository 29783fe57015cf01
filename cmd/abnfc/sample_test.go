package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestSampleNearMissLimit: a near-miss the reference parser gives up on
// (here one byte over ref.Limits.MaxInput, after a sample of 1 MiB) is
// printed as "unknown", with the limit error on standard error and exit
// 2; it had been printed as "out", the verdict of a near-miss known to be
// outside the language.
func TestSampleNearMissLimit(t *testing.T) {
	dir := t.TempDir()
	gf := filepath.Join(dir, "g.abnf")
	if err := os.WriteFile(gf, []byte("r = 1024( 1024\"x\" )\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"sample", "-grammar", gf, "-rule", "r", "-n", "1", "-nearmiss", "-maxsize", "1048576"}, &stdout, &stderr)
	lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
	if len(lines) < 2 || len(lines[0]) != 1<<20 {
		t.Fatalf("exit %d, %d lines, the first of %d bytes; want a sample of 1 MiB and its near-misses; stderr %q", code, len(lines), len(lines[0]), stderr.String())
	}
	unknown := 0
	for _, l := range lines[1:] {
		f := strings.SplitN(strings.TrimPrefix(l, "\t"), " ", 3)
		if len(f) != 3 {
			t.Fatalf("near-miss line %.60q: want LABEL VERDICT INPUT", l)
		}
		in, err := strconv.Unquote(`"` + f[2] + `"`)
		if err != nil {
			t.Fatalf("near-miss %s: %v", f[0], err)
		}
		over := len(in) > 1<<20
		if over && f[1] != "unknown" {
			t.Errorf("near-miss %s over the input limit: verdict %s, want unknown", f[0], f[1])
		}
		if !over && f[1] == "unknown" {
			t.Errorf("near-miss %s within the input limit: verdict unknown", f[0])
		}
		if f[1] == "unknown" {
			unknown++
			want := fmt.Sprintf("abnfc: near-miss %s of sample 1: parse of rule r gave up: input of %d bytes is longer than the limit of 1048576 (ref.Limits.MaxInput)\n", f[0], len(in))
			if !strings.Contains(stderr.String(), want) {
				t.Errorf("stderr %q does not contain %q", stderr.String(), want)
			}
		}
	}
	if unknown == 0 || code != 2 {
		t.Errorf("exit %d with %d unknown verdicts; want exit 2 and at least one", code, unknown)
	}
}
