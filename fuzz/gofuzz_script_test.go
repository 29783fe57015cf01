//go:build unix

package fuzz_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestGoFuzzScriptStopsOnTerm checks that gofuzz.sh, sent SIGTERM on its
// own (kill PID, not the process group), stops the fuzzers and exits at
// once rather than when -duration is up: a trapped signal does not
// interrupt a foreground sleep. The instrumented binary is a stand-in (an
// empty file newer than the sources, so it is not rebuilt); the
// coordinator runs all the same.
func TestGoFuzzScriptStopsOnTerm(t *testing.T) {
	if testing.Short() {
		t.Skip("builds go-fuzz and runs the script for some seconds")
	}
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip(err)
	}
	work := t.TempDir()
	if err := os.WriteFile(filepath.Join(work, "fuzz-date.zip"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(sh, "gofuzz.sh", "-duration", "120", "-procs", "1", "-workdir", work)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	// A process group of its own, so that a failing run's fuzzers can be
	// stopped by the test.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pgid := cmd.Process.Pid
	t.Cleanup(func() { syscall.Kill(-pgid, syscall.SIGKILL) })
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	// Wait for the coordinator to be up (the script builds go-fuzz first).
	log := filepath.Join(work, "coordinator.log")
	for deadline := time.Now().Add(90 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		if fi, err := os.Stat(log); err == nil && fi.Size() > 0 {
			break
		}
		select {
		case err := <-done:
			t.Fatalf("gofuzz.sh ended before its coordinator ran (%v): %s", err, out.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no coordinator after 90 s: %s", out.String())
		}
	}
	time.Sleep(3 * time.Second) // the worker starts 2 s after it
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		syscall.Kill(-pgid, syscall.SIGKILL)
		<-done
		t.Fatalf("gofuzz.sh still running 10 s after SIGTERM (its -duration is 120 s): %s", out.String())
	}
	// Its fuzzers are stopped too: nothing writes the coordinator's log.
	fi, err := os.Stat(log)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(4 * time.Second) // the coordinator logs every 3 s
	if fi2, err := os.Stat(log); err != nil || fi2.Size() != fi.Size() {
		t.Errorf("the coordinator still writes its log after gofuzz.sh ended")
	}
}

// TestGoFuzzScriptRebuildsStale: gofuzz.sh rebuilds the instrumented
// binary when any package of the module that the entry points build from
// is newer than it, internal ones too, and reuses it otherwise; a target
// may be named in any case, and an unknown one is misuse. It looked at
// fuzz/ and parser/ only, and so fuzzed old code after a change to
// internal/httplist (an audit).
func TestGoFuzzScriptRebuildsStale(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip(err)
	}
	work := t.TempDir()
	bin := filepath.Join(work, "fuzz-date.zip")
	plan := func(args ...string) (string, int) {
		t.Helper()
		return runScript(t, "", []string{"GOFUZZ_SH_PLAN=1"}, sh, append([]string{"gofuzz.sh", "-workdir", work}, args...)...)
	}
	if out, code := plan("-target", "date"); code != 0 || out != "plan: build FuzzDate" {
		t.Errorf("no binary: %q, exit %d; want plan: build FuzzDate", out, code)
	}
	// A binary newer than every source is reused.
	if err := os.WriteFile(bin, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	future := time.Now().Add(time.Hour)
	if err := os.Chtimes(bin, future, future); err != nil {
		t.Fatal(err)
	}
	if out, _ := plan("-target", "Date"); out != "plan: reuse FuzzDate" {
		t.Errorf("fresh binary: %q; want plan: reuse FuzzDate", out)
	}
	// One older than a file of internal/httplist alone is rebuilt: that
	// file's time is set past the binary's for the test, and put back.
	src := filepath.Join("..", "internal", "httplist", "httplist.go")
	fi, err := os.Stat(src)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chtimes(src, fi.ModTime(), fi.ModTime()) })
	later := future.Add(time.Hour)
	if err := os.Chtimes(src, later, later); err != nil {
		t.Fatal(err)
	}
	if out, _ := plan("-target", "Date"); out != "plan: build FuzzDate" {
		t.Errorf("binary older than internal/httplist: %q; want plan: build FuzzDate", out)
	}
	if out, code := plan("-target", "nosuch"); code != 2 || !strings.Contains(out, "targets: Request") {
		t.Errorf("unknown target: %q, exit %d; want usage, exit 2", out, code)
	}
}

// TestOSSFuzzStage: the copy oss-fuzz-build.sh builds from under
// OSS-Fuzz leaves, for each target, exactly one file in the fuzz
// package's directory holding the target's name, with the harness
// compile_native_go_fuzzer looks for there: it runs `grep -r -l -s FuzzX`
// over the directory and copies what it finds as one file name, then
// checks for "func FuzzX" with testing.F (google/oss-fuzz,
// infra/base-images/base-builder/compile_native_go_fuzzer). Over the
// repository itself that grep found four or five files (the docs, the
// scripts, the go-fuzz entry points), and the build failed (an audit, in
// simulation). The staged package must still build.
func TestOSSFuzzStage(t *testing.T) {
	if testing.Short() {
		t.Skip("copies the module and builds the staged package")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip(err)
	}
	stage := filepath.Join(t.TempDir(), "stage")
	if out, err := exec.Command(bash, "oss-fuzz-build.sh", "-stage", stage).CombinedOutput(); err != nil {
		t.Fatalf("oss-fuzz-build.sh -stage: %v\n%s", err, out)
	}
	dir := filepath.Join(stage, "fuzz")
	for _, name := range []string{"Request", "Response", "Header", "Chunked", "Date", "QValue", "Range", "Rule", "FastPath", "Spans"} {
		fn := "Fuzz" + name
		out, _ := exec.Command("grep", "-r", "-l", "-s", fn, dir).Output()
		files := strings.Fields(string(out))
		if len(files) != 1 || filepath.Base(files[0]) != "native_test.go" {
			t.Errorf("grep -r -l %s in the staged fuzz/: %q, want native_test.go alone", fn, files)
			continue
		}
		src, err := os.ReadFile(files[0])
		if err != nil || !strings.Contains(string(src), "func "+fn+"(f *testing.F)") {
			t.Errorf("%s: no func %s(f *testing.F): %v", files[0], fn, err)
		}
	}
	cmd := exec.Command("go", "vet", "./fuzz")
	cmd.Dir = stage
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("go vet of the staged package: %v\n%s", err, out)
	}
}

// TestScriptsRelativeWorkdir: a relative -workdir (gofuzz.sh) or WORK
// (oss-fuzz-build.sh -local) is the caller's, though each script runs
// its build from the module's root. gofuzz.sh copied the seeds into the
// caller's directory and then looked for its binary, and would have run
// the campaign, unseeded, in a directory of that name under the module
// (an audit: a fresh binary in the caller's directory planned a build).
// And oss-fuzz-build.sh -local takes a target in any case, as gofuzz.sh
// does, and refuses an unknown one before it builds anything.
func TestScriptsRelativeWorkdir(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip(err)
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip(err)
	}
	fuzzDir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	caller := t.TempDir()
	work := filepath.Join(caller, "wd")
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(work, "fuzz-date.zip")
	if err := os.WriteFile(bin, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	future := time.Now().Add(time.Hour)
	if err := os.Chtimes(bin, future, future); err != nil {
		t.Fatal(err)
	}
	run := func(env []string, name string, args ...string) (string, int) {
		t.Helper()
		return runScript(t, caller, env, name, args...)
	}
	gofuzz := filepath.Join(fuzzDir, "gofuzz.sh")
	if out, code := run([]string{"GOFUZZ_SH_PLAN=1"}, sh, gofuzz, "-target", "date", "-workdir", "wd"); code != 0 || out != "plan: reuse FuzzDate" {
		t.Errorf("gofuzz.sh -workdir wd (a fresh binary in it): %q, exit %d; want plan: reuse FuzzDate", out, code)
	}
	if seeds, _ := filepath.Glob(filepath.Join(work, "corpus", "*")); len(seeds) == 0 {
		t.Errorf("gofuzz.sh -workdir wd: no seeds in %s/corpus", work)
	}

	ossfuzz := filepath.Join(fuzzDir, "oss-fuzz-build.sh")
	for _, tc := range []struct {
		name, target string
		want         string
		code         int
	}{
		{"lower case", "date", "plan: FuzzDate in " + work, 0},
		{"mixed case", "qvalue", "plan: FuzzQValue in " + work, 0},
		{"unknown", "nosuch", "oss-fuzz-build.sh: no target nosuch (targets: Request Response Header Chunked Date QValue Range Rule FastPath Spans)", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, code := run([]string{"OSS_FUZZ_BUILD_PLAN=1", "WORK=wd"}, bash, ossfuzz, "-local", tc.target, "1")
			if code != tc.code || out != tc.want {
				t.Errorf("bash oss-fuzz-build.sh -local %s: %q, exit %d; want %q, exit %d", tc.target, out, code, tc.want, tc.code)
			}
		})
	}
}

// runScript runs name with args in dir (the test's own when ""), with
// env added to the environment, and returns its output, trimmed, and its
// exit status.
func runScript(t *testing.T, dir string, env []string, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out)), code
}
