package main

import (
	"context"
	"encoding/json"
	"errors"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/abnfc/abnfc/fuzz"
)

// TestSelectTargets checks the -targets flag.
func TestSelectTargets(t *testing.T) {
	tests := []struct {
		name, list string
		want       int
		wantErr    bool
	}{
		{"all", "", len(fuzz.Targets), false},
		{"two", "date,range", 2, false},
		{"unknown", "date,nope", 0, true},
		{"named twice", "request,request", 1, false},
		{"spaces", " date , range", 2, false},
		{"empty name", "date,", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := selectTargets(tt.list, false)
			if (err != nil) != tt.wantErr || len(got) != tt.want {
				t.Errorf("selectTargets(%q) = %d targets, %v; want %d, error %v", tt.list, len(got), err, tt.want, tt.wantErr)
			}
		})
	}
}

// TestCampaignReport runs a short campaign (no server) and checks the
// three report files.
func TestCampaignReport(t *testing.T) {
	tgs, err := selectTargets("date,qvalue,range,header", false)
	if err != nil {
		t.Fatal(err)
	}
	seeds := map[string][][]byte{"date": {[]byte("Sun, 06 Nov 1994 08:49:37 GMT")}, "range": {[]byte("bytes=0-1"), []byte("bytes=-5")}}
	fs, st := fuzz.Run(context.Background(), fuzz.CampaignConfig{Targets: tgs, Execs: 400, Workers: 3, Seed: 1, Seeds: seeds})
	if st.Execs != 400 {
		t.Errorf("execs = %d, want 400 (-execs is a bound, not a hint)", st.Execs)
	}
	// Three workers, each with the three seeds and what it added.
	if st.Corpus < 3*3+1 || st.Corpus == st.Behaviours {
		t.Errorf("corpus = %d, behaviours = %d: the corpus is the workers' pools, seeds included", st.Corpus, st.Behaviours)
	}
	if len(fs) == 0 {
		t.Fatal("no findings: the date, qvalue and range targets always show divergence classes")
	}
	dir := t.TempDir()
	rep := newReport(1, st, fs)
	if err := rep.write(dir); err != nil {
		t.Fatal(err)
	}
	var back report
	j, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(j, &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Cases) != len(fs) || back.Execs != st.Execs {
		t.Errorf("report.json: %d cases, %d execs; want %d, %d", len(back.Cases), back.Execs, len(fs), st.Execs)
	}
	html, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<h3>hex</h3>", "<h3>escaped</h3>", "00000000  "} {
		if !strings.Contains(string(html), want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	sum, err := os.ReadFile(filepath.Join(dir, "summary.txt"))
	if err != nil || !strings.Contains(string(sum), "disagreements by class") {
		t.Errorf("summary.txt: %v %q", err, sum)
	}
}

// TestReportEscapes checks that hostile bytes are escaped in the HTML.
func TestReportEscapes(t *testing.T) {
	f := &fuzz.Finding{Target: "request", Key: "k", Input: []byte("<script>\x00\r\n"), Count: 1,
		Result: fuzz.Result{Target: "request", Verdict: "error", Disagreements: []fuzz.Disagreement{{Oracle: fuzz.OracleNetHTTP, Field: "verdict", Ours: "<b>", Theirs: "x"}}}}
	dir := t.TempDir()
	if err := newReport(1, fuzz.Stats{}, []*fuzz.Finding{f}).write(dir); err != nil {
		t.Fatal(err)
	}
	html, _ := os.ReadFile(filepath.Join(dir, "report.html"))
	if strings.Contains(string(html), "<script>") || strings.Contains(string(html), "<b>\"") {
		t.Errorf("report.html does not escape the input:\n%s", html)
	}
}

// TestSummaryQuotes: each case's input in summary.txt is a Go string
// literal of its bytes, escaped once.
func TestSummaryQuotes(t *testing.T) {
	in := []byte("HTTP/1.1 200\n\n\"\\\x00\xff")
	f := &fuzz.Finding{Target: "response", Key: "k", Input: in, Count: 1, Result: fuzz.Result{Target: "response"}}
	sum := newReport(1, fuzz.Stats{}, []*fuzz.Finding{f}).summary()
	line := strings.Split(sum, "\n")[2]
	lit := line[strings.Index(line, "] ")+2:]
	got, err := strconv.Unquote(lit)
	if err != nil || got != string(in) {
		t.Errorf("summary line %q: the literal unquotes to %q, %v; want %q", line, got, err, in)
	}
}

// TestCheckLimits: negative limits are misuse (exit status 2), not "no
// limit".
func TestCheckLimits(t *testing.T) {
	tests := []struct {
		name     string
		duration time.Duration
		execs    int64
		workers  int
		interval time.Duration
		ok       bool
	}{
		{"defaults", 30 * time.Second, 0, 2, 0, true},
		{"execs only", 0, 100, 0, 0, true},
		{"negative duration", -time.Second, 0, 2, 0, false},
		{"negative execs", 0, -5, 2, 0, false},
		{"negative workers", time.Second, 0, -3, 0, false},
		{"most workers", time.Second, 0, 1024, 0, true},
		{"too many workers", time.Second, 0, 100000000, 0, false},
		{"negative interval", time.Second, 0, 2, -time.Second, false},
		{"tiny interval", time.Second, 0, 2, time.Nanosecond, false},
		{"shortest interval", time.Second, 0, 2, 100 * time.Millisecond, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := checkLimits(tt.duration, tt.execs, tt.workers, tt.interval); (err == nil) != tt.ok {
				t.Errorf("checkLimits(%v, %d, %d, %v) = %v, want ok %v", tt.duration, tt.execs, tt.workers, tt.interval, err, tt.ok)
			}
		})
	}
}

// TestWriteCrashers: crashers/ holds this campaign's unexplained inputs
// only, and a write that fails is an error.
func TestWriteCrashers(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, "crashers", "date", "regress-old")
	if err := os.MkdirAll(filepath.Dir(stale), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stale, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := &fuzz.Finding{Target: "request", Key: "k", Input: []byte("GET"), Count: 1,
		Result: fuzz.Result{Target: "request", Disagreements: []fuzz.Disagreement{{Oracle: fuzz.OracleNetHTTP, Field: "verdict"}}}}
	explained := &fuzz.Finding{Target: "date", Key: "d", Input: []byte("x"), Count: 1,
		Result: fuzz.Result{Target: "date", Disagreements: []fuzz.Disagreement{{Oracle: fuzz.OracleNetHTTP, Field: "verdict", Class: "some-class"}}}}
	n, err := writeCrashers(dir, []*fuzz.Finding{bad, explained}, false, "")
	if err != nil || n != 1 {
		t.Fatalf("writeCrashers = %d, %v; want 1, nil", n, err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("a crasher of an earlier campaign is still there: %v", err)
	}
	got, _ := filepath.Glob(filepath.Join(dir, "crashers", "*", "*"))
	if len(got) != 1 || !strings.Contains(got[0], filepath.Join("crashers", "request", "regress-")) {
		t.Errorf("crashers = %q, want one file under crashers/request/", got)
	}
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := writeCrashers(file, []*fuzz.Finding{bad}, false, ""); err == nil {
		t.Error("writeCrashers into a file: no error")
	}
}

// TestMain runs main itself when asked (HTTPFUZZ_MAIN=1, the arguments in
// HTTPFUZZ_ARGS), so that TestBadOutFailsFirst can watch the command exit.
func TestMain(m *testing.M) {
	if os.Getenv("HTTPFUZZ_MAIN") == "1" {
		os.Args = append([]string{"httpfuzz"}, strings.Fields(os.Getenv("HTTPFUZZ_ARGS"))...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// exitsAtOnce runs httpfuzz with args (a campaign of an hour on the date
// target, without the server, unless args say otherwise) and checks that
// it exits with status 2 and output containing want, well before the
// campaign could have run.
func exitsAtOnce(t *testing.T, args, want string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "HTTPFUZZ_MAIN=1", "HTTPFUZZ_ARGS=-duration 1h -targets date -server=false "+args)
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 2 || !strings.Contains(string(out), want) {
		t.Errorf("httpfuzz %s: %v, %s; want exit status 2 at once with %q", args, err, out, want)
	}
}

// TestBadOutFailsFirst: a -out that cannot be a directory fails at once
// (exit status 2), not after the campaign it would have lost.
func TestBadOutFailsFirst(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	exitsAtOnce(t, "-out "+file, "not a directory")
}

// TestUnwritableOutFailsFirst: an existing directory that cannot be
// written in (/proc, even for root) fails at once too; it failed after
// the campaign, losing its findings (an audit, with -out /sys).
func TestUnwritableOutFailsFirst(t *testing.T) {
	if fi, err := os.Stat("/proc"); err != nil || !fi.IsDir() {
		t.Skip("no /proc here: nothing to test an unwritable directory with")
	}
	exitsAtOnce(t, "-out /proc", "-out /proc: ")
}

// TestSignalWritesReport: SIGTERM (timeout, docker stop, a CI's cancel)
// ends a campaign as Ctrl-C does, with its report, which says it was
// interrupted; SIGTERM had killed it, leaving an earlier report in place.
func TestSignalWritesReport(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "HTTPFUZZ_MAIN=1", "HTTPFUZZ_ARGS=-duration 1h -targets date -server=false -workers 1 -out "+dir)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("httpfuzz after SIGTERM: %v, %s; want exit status 0 with a report", err, out.String())
	}
	sum, err := os.ReadFile(filepath.Join(dir, "summary.txt"))
	if err != nil || !strings.Contains(string(sum), "interrupted by a signal") {
		t.Errorf("summary.txt: %v, %q; want a report that says it was interrupted", err, sum)
	}
}

// TestUsageReasons: misuse is exit status 2 with the reason, before any
// campaign.
func TestUsageReasons(t *testing.T) {
	for _, tc := range []struct {
		name, args, want string
	}{
		{"extra argument", "-duration 1h stray", `unexpected argument "stray"`},
		{"no limit", "-duration 0 -execs 0", "would run for ever"},
		{"missing corpus", "-duration 1h -targets date -server=false -corpus /nonexistent/corpus", "-corpus /nonexistent/corpus: not a directory"},
		// These used to run a campaign: -interval -1s as the default,
		// -interval 1ns printing progress at every tick, -out= failing
		// after it with "mkdir : no such file or directory".
		{"negative interval", "-execs 1 -targets date -server=false -interval -1s", "-interval -1s: want 0 (the default) or at least 100ms"},
		{"tiny interval", "-execs 1 -targets date -server=false -interval 1ns", "-interval 1ns: want 0 (the default) or at least 100ms"},
		{"empty out", "-execs 1 -targets date -server=false -out=", "-out is empty"},
		{"missing test set", "-execs 1 -targets request -server=false -seeds-jsonl /nonexistent/sets", "-seeds-jsonl: stat /nonexistent/sets: no such file or directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
			args := tc.args
			if !strings.Contains(args, "-out") {
				args += " -out " + t.TempDir()
			}
			cmd.Env = append(os.Environ(), "HTTPFUZZ_MAIN=1", "HTTPFUZZ_ARGS="+args)
			out, err := cmd.CombinedOutput()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 2 || !strings.Contains(string(out), tc.want) {
				t.Errorf("httpfuzz %s: %v, %s; want exit status 2 with %q", tc.args, err, out, tc.want)
			}
		})
	}
}

// TestWriteCrashersKeepsOtherFiles: -out may name a directory that holds
// a crashers/ of something else (go-fuzz's workdir, gofuzz.sh, keeps its
// crashers there): writeCrashers removes only the regressions an earlier
// campaign of httpfuzz wrote (crashers/<target>/regress-*), not the
// whole directory.
func TestWriteCrashersKeepsOtherFiles(t *testing.T) {
	dir := t.TempDir()
	keep := []string{
		filepath.Join(dir, "crashers", "0123abcd"),
		filepath.Join(dir, "crashers", "0123abcd.output"),
		filepath.Join(dir, "crashers", "request", "notes.txt"),
	}
	stale := filepath.Join(dir, "crashers", "request", "regress-old")
	for _, p := range append(keep, stale) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bad := &fuzz.Finding{Target: "response", Key: "k", Input: []byte("HTTP"), Count: 1,
		Result: fuzz.Result{Target: "response", Disagreements: []fuzz.Disagreement{{Oracle: fuzz.OracleNetHTTPResp, Field: "verdict"}}}}
	if n, err := writeCrashers(dir, []*fuzz.Finding{bad}, false, ""); err != nil || n != 1 {
		t.Fatalf("writeCrashers = %d, %v; want 1, nil", n, err)
	}
	for _, p := range keep {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("a file httpfuzz did not write is gone: %v", err)
		}
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("an earlier campaign's crasher is still there: %v", err)
	}
}

// TestSaveMakesCorpusDir: -save makes corpus/<target>/ when it is missing
// (a target without seeds, or httpfuzz run outside the repository with
// the default -corpus), rather than failing with exit status 2 after the
// whole campaign and saving nothing.
func TestSaveMakesCorpusDir(t *testing.T) {
	dir := t.TempDir()
	bad := &fuzz.Finding{Target: "response", Key: "k", Input: []byte("HTTP"), Count: 1,
		Result: fuzz.Result{Target: "response", Disagreements: []fuzz.Disagreement{{Oracle: fuzz.OracleNetHTTPResp, Field: "verdict"}}}}
	corpus := filepath.Join(dir, "corpus") // no corpus/response
	if n, err := writeCrashers(filepath.Join(dir, "out"), []*fuzz.Finding{bad}, true, corpus); err != nil || n != 1 {
		t.Fatalf("writeCrashers = %d, %v; want 1, nil", n, err)
	}
	if got, _ := filepath.Glob(filepath.Join(corpus, "response", "regress-*")); len(got) != 1 {
		t.Errorf("saved regressions = %q, want one in corpus/response", got)
	}
}

// TestHelpSeedDefault: -h prints no default for -seed, which comes from
// the clock; a flag default of time.Now() printed the moment -h ran as
// if it were a fixed seed.
func TestHelpSeedDefault(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "HTTPFUZZ_MAIN=1", "HTTPFUZZ_ARGS=-h")
	out, _ := cmd.CombinedOutput()
	i := strings.Index(string(out), "-seed")
	if i < 0 {
		t.Fatalf("httpfuzz -h: no -seed in\n%s", out)
	}
	line, _, _ := strings.Cut(string(out[i:]), "\n  -")
	if strings.Contains(line, "(default 1") || !strings.Contains(line, "from the clock") {
		t.Errorf("httpfuzz -h, -seed: %q; want no numeric default, \"from the clock\"", line)
	}
}

// TestAddJSONLSeeds: the messages of a test set seed the selected targets
// that take them (requests and responses apart); a missing default is no
// error, a missing path given by hand is.
func TestAddJSONLSeeds(t *testing.T) {
	dir := t.TempDir()
	set := `{"kind":"request","raw_b64":"R0VUIC8gSFRUUC8xLjENCg0K"}
{"kind":"response","raw_b64":"SFRUUC8xLjEgMjAwIE9LDQoNCg=="}
`
	if err := os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte(set), 0o644); err != nil {
		t.Fatal(err)
	}
	req, _ := fuzz.TargetByName("request")
	date, _ := fuzz.TargetByName("date")
	seeds := map[string][][]byte{}
	if err := addJSONLSeeds(seeds, dir, true, []fuzz.Target{req, date}); err != nil {
		t.Fatal(err)
	}
	if got := seeds["request"]; len(got) != 1 || string(got[0]) != "GET / HTTP/1.1\r\n\r\n" {
		t.Errorf("request seeds %q", got)
	}
	if len(seeds["response"]) != 0 || len(seeds["date"]) != 0 {
		t.Errorf("seeds for targets not selected or not taking them: %q", seeds)
	}
	missing := filepath.Join(dir, "none")
	if err := addJSONLSeeds(seeds, missing, false, []fuzz.Target{req}); err != nil {
		t.Errorf("missing default: %v", err)
	}
	if err := addJSONLSeeds(seeds, missing, true, []fuzz.Target{req}); err == nil {
		t.Error("missing path given by hand: no error")
	}
	// All sets together are bounded (here to fewer bytes than the one
	// request of a.jsonl).
	defer func(n int) { maxJSONLSeeds = n }(maxJSONLSeeds)
	maxJSONLSeeds = 10
	if err := addJSONLSeeds(map[string][][]byte{}, dir, true, []fuzz.Target{req}); err == nil || !strings.Contains(err.Error(), "more than 10 bytes") {
		t.Errorf("past the bound: %v", err)
	}
}

// TestProgressFinalRate: the last progress line, which repeats the last
// tick's figures, gives the campaign's average rate, not 0/s (an audit).
func TestProgressFinalRate(t *testing.T) {
	var buf strings.Builder
	log.SetOutput(&buf)
	defer log.SetOutput(os.Stderr)
	p := &progress{}
	st := fuzz.Stats{Execs: 1000, Elapsed: time.Second}
	p.show(st)
	st2 := fuzz.Stats{Execs: 3000, Elapsed: 2 * time.Second}
	p.show(st2)
	p.show(st2) // the final line, as Run's end repeats the last tick
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 3 || !strings.Contains(lines[1], "(2000/s)") || !strings.Contains(lines[2], "(1500/s)") {
		t.Errorf("progress lines %q; want the rate since the last line (2000/s), then the average (1500/s)", lines)
	}
}

// TestBlockedReportFailsFirst: a report file in -out that is a
// directory, or a crashers that is a file, fails at once (exit status 2)
// too; it failed after the campaign, losing its report or findings (an
// audit).
func TestBlockedReportFailsFirst(t *testing.T) {
	for _, tc := range []struct {
		name, path string
		dir        bool // path is made a directory, else a file
		want       string
	}{
		{"report.html a directory", "report.html", true, "report.html: not a regular file"},
		{"summary.txt a directory", "summary.txt", true, "summary.txt: not a regular file"},
		{"crashers a file", "crashers", false, "crashers: not a directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			var err error
			if tc.dir {
				err = os.Mkdir(filepath.Join(out, tc.path), 0o755)
			} else {
				err = os.WriteFile(filepath.Join(out, tc.path), nil, 0o644)
			}
			if err != nil {
				t.Fatal(err)
			}
			exitsAtOnce(t, "-out "+out, tc.want)
		})
	}
}

// TestCampaignDuration: -execs alone runs exactly that many checks, with
// no time limit; the default -duration of 30s had ended such a campaign
// early without a word (an audit: -execs 100000000 stopped at 1.3 M).
func TestCampaignDuration(t *testing.T) {
	for _, tc := range []struct {
		name                  string
		d                     time.Duration
		durationSet, execsSet bool
		want                  time.Duration
	}{
		{"neither", 30 * time.Second, false, false, 30 * time.Second},
		{"execs alone", 30 * time.Second, false, true, 0},
		{"duration alone", time.Minute, true, false, time.Minute},
		{"both", time.Minute, true, true, time.Minute},
		{"both, duration 0", 0, true, true, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := campaignDuration(tc.d, tc.durationSet, tc.execsSet); got != tc.want {
				t.Errorf("campaignDuration(%v, %v, %v) = %v, want %v", tc.d, tc.durationSet, tc.execsSet, got, tc.want)
			}
		})
	}
}

// TestLastResultsKept: the result of every counted check reaches the
// collector, those finished as the campaign stops too. A worker chose at
// random between sending its result and the campaign's end, so with
// -execs 1 and many workers the one check's behaviour (or a finding) was
// often lost: "1 execs ... 0 behaviours" (an audit).
func TestLastResultsKept(t *testing.T) {
	tgs, err := selectTargets("date", false)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 40 {
		_, st := fuzz.Run(context.Background(), fuzz.CampaignConfig{Targets: tgs, Execs: 1, Workers: 64, Seed: int64(i)})
		if st.Execs != 1 || st.Behaviours != 1 {
			t.Fatalf("run %d: %d execs, %d behaviours; want 1 and 1", i, st.Execs, st.Behaviours)
		}
	}
}

// logged returns what f logs.
func logged(t *testing.T, f func()) string {
	t.Helper()
	var b strings.Builder
	log.SetOutput(&b)
	defer log.SetOutput(os.Stderr)
	f()
	return b.String()
}

// TestCorpusSeeds: -corpus as the campaign reads it. A corpus with no
// directory for any target (-corpus corpus/date for -corpus corpus) is
// said to be one, and a default that is there but not a directory is an
// error, not "no seed corpus" followed by one (an audit).
func TestCorpusSeeds(t *testing.T) {
	date, _ := fuzz.TargetByName("date")
	tgs := []fuzz.Target{date}
	root := t.TempDir()
	corpus := filepath.Join(root, "corpus")
	if err := os.MkdirAll(filepath.Join(corpus, "date"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(corpus, "date", "a"), []byte("Sun, 06 Nov 1994 08:49:37 GMT"), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(root, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		dir    string
		byHand bool
		seeds  int
		err    string
		log    string
	}{
		{"corpus", corpus, true, 1, "", ""},
		{"missing default", filepath.Join(root, "none"), false, 0, "", "no seed corpus at"},
		{"missing by hand", filepath.Join(root, "none"), true, 0, "not a directory", ""},
		{"default a file", file, false, 0, "-corpus " + file + ": not a directory", ""},
		{"a target's directory", filepath.Join(corpus, "date"), true, 0, "", "has no directory of any target's seeds"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var seeds map[string][][]byte
			var err error
			out := logged(t, func() { seeds, err = corpusSeeds(tc.dir, tc.byHand, tgs) })
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one with %q", err, tc.err)
				}
				if out != "" {
					t.Errorf("logged %q besides the error", out)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(seeds["date"]) != tc.seeds {
				t.Errorf("%d seeds, want %d", len(seeds["date"]), tc.seeds)
			}
			if (tc.log == "") != (out == "") || !strings.Contains(out, tc.log) {
				t.Errorf("logged %q, want %q", out, tc.log)
			}
		})
	}
}

// TestJSONLSeedsCounted: the messages -seeds-jsonl adds are counted in a
// log line, so that a set of none for the targets (an empty file, a
// directory without .jsonl files) is not silent (an audit).
func TestJSONLSeedsCounted(t *testing.T) {
	req, _ := fuzz.TargetByName("request")
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.jsonl")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, list, want string }{
		{"empty file", empty, "-seeds-jsonl: 0 messages for the targets from 1 test sets"},
		{"no sets in the directory", t.TempDir(), "-seeds-jsonl: 0 messages for the targets from 0 test sets"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := logged(t, func() {
				if err := addJSONLSeeds(map[string][][]byte{}, tc.list, true, []fuzz.Target{req}); err != nil {
					t.Fatal(err)
				}
			})
			if !strings.Contains(out, tc.want) {
				t.Errorf("logged %q, want %q", out, tc.want)
			}
		})
	}
}

// TestFlakyFindingKept: a finding whose input, checked again, does not
// give its key (the server oracle timing out on a loaded machine) keeps
// the input and the check as found, marked flaky. It kept the second
// check, with no disagreement, so the counts said UNEXPLAINED and no
// case showed one (a campaign of session 21 at a load of 9).
func TestFlakyFindingKept(t *testing.T) {
	var calls atomic.Int64
	flaky := fuzz.Target{Name: "date", Rule: "HTTP-date", Check: func(b []byte) fuzz.Result {
		if calls.Add(1) > 1 {
			return fuzz.Result{Target: "date", Verdict: "ok"}
		}
		return fuzz.Result{Target: "date", Verdict: "ok", Disagreements: []fuzz.Disagreement{{Oracle: fuzz.OracleServer, Field: "setup", Theirs: "i/o timeout"}}}
	}}
	fs, st := fuzz.Run(context.Background(), fuzz.CampaignConfig{Targets: []fuzz.Target{flaky}, Execs: 1, Workers: 1, Seed: 1})
	if st.Unexplained != 1 || len(fs) != 1 {
		t.Fatalf("%d unexplained, %d findings; want 1 and 1", st.Unexplained, len(fs))
	}
	f := fs[0]
	if !f.Flaky || !f.Result.Failed() || string(f.Input) != string(f.Original) {
		t.Errorf("finding: flaky %v, failed %v, input %q from %q; want the input and check as found, marked flaky", f.Flaky, f.Result.Failed(), f.Input, f.Original)
	}
	sum := newReport(1, st, fs).summary()
	if !strings.Contains(sum, "! date ×1 [UNEXPLAINED]") || !strings.Contains(sum, "not so when checked again") {
		t.Errorf("summary:\n%s\nwant the case marked unexplained and flaky", sum)
	}
}
