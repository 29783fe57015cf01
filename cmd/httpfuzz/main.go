package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/abnfc/abnfc/fuzz"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("httpfuzz: ")
	duration := flag.Duration("duration", 30*time.Second, "how long the workers run (0: no limit, and none with -execs alone); minimizing the last findings may take a little longer")
	execs := flag.Int64("execs", 0, "stop after exactly this many checks (0: no limit)")
	workers := flag.Int("workers", runtime.NumCPU(), "parallel workers (0: one per CPU; at most 1024)")
	targets := flag.String("targets", "", "comma-separated targets (default all: "+strings.Join(targetNames(), ",")+")")
	corpus := flag.String("corpus", "corpus", "seed corpus directory (one subdirectory per target)")
	jsonl := flag.String("seeds-jsonl", defaultJSONL, "comma-separated .jsonl test sets, or directories of them, whose messages seed the request and response targets\n(the peers' suites in ../shared/corpora; the default may be absent)")
	out := flag.String("out", "httpfuzz-report", "report directory")
	seed := flag.Int64("seed", 0, "random seed (default: from the clock; the first log line gives it)")
	server := flag.Bool("server", true, "use the loopback http.Server oracle for requests")
	save := flag.Bool("save", false, "save unexplained discrepancies into the corpus as regressions")
	interval := flag.Duration("interval", 0, "progress interval, at least 100ms (default 1s on a terminal, 10s otherwise)")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: httpfuzz [flags]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	*duration = campaignDuration(*duration, flagSet("duration"), flagSet("execs"))
	switch {
	case flag.NArg() > 0:
		log.Printf("unexpected argument %q: httpfuzz takes flags only", flag.Arg(0))
		flag.Usage()
		os.Exit(2)
	case *duration == 0 && *execs == 0:
		log.Print("-duration 0 and -execs 0 would run for ever: give one a limit")
		flag.Usage()
		os.Exit(2)
	}
	if err := checkLimits(*duration, *execs, *workers, *interval); err != nil {
		log.Print(err)
		os.Exit(2)
	}
	if *out == "" {
		log.Print("-out is empty: name the report directory")
		os.Exit(2)
	}
	if *workers == 0 {
		*workers = runtime.NumCPU()
	}
	// Not the flag's default value, which -h would print as if it were
	// a fixed default.
	if !flagSet("seed") {
		*seed = time.Now().UnixNano()
	}
	tgs, err := selectTargets(*targets, *server)
	if err != nil {
		log.Print(err)
		os.Exit(2)
	}
	// The report directory is made before the campaign, so that a bad
	// -out fails at once and not after an hour of fuzzing.
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Print(err)
		os.Exit(2)
	}
	// And one it cannot write in fails at once too (MkdirAll passes an
	// existing directory such as /sys).
	if f, err := os.CreateTemp(*out, ".httpfuzz-*"); err != nil {
		log.Printf("-out %s: %v", *out, err)
		os.Exit(2)
	} else {
		f.Close()
		os.Remove(f.Name())
	}
	// And so does a report file or crashers/ there that cannot be written.
	if err := checkReportDir(*out); err != nil {
		log.Printf("-out %s: %v", *out, err)
		os.Exit(2)
	}
	seeds, err := corpusSeeds(*corpus, flagSet("corpus"), tgs)
	if err != nil {
		log.Print(err)
		os.Exit(2)
	}
	if err := addJSONLSeeds(seeds, *jsonl, flagSet("seeds-jsonl"), tgs); err != nil {
		log.Print(err)
		os.Exit(2)
	}
	tty := isTerminal(os.Stderr)
	if *interval == 0 {
		*interval = 10 * time.Second
		if tty {
			*interval = time.Second
		}
	}
	// SIGINT (Ctrl-C) and SIGTERM (timeout, docker stop, a CI's cancel)
	// end the campaign early, and its report is written as usual. Once one
	// has, the signals' default comes back: a second Ctrl-C stops the
	// process at once, minimizing or not.
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	go func() {
		<-ctx.Done()
		cancel()
	}()
	log.Printf("seed %d, %d workers, targets %s", *seed, *workers, strings.Join(names(tgs), ","))
	p := &progress{tty: tty}
	findings, st := fuzz.Run(ctx, fuzz.CampaignConfig{
		Targets: tgs, Duration: *duration, Execs: *execs, Workers: *workers, Seed: *seed,
		Seeds: seeds, Progress: p.show, Interval: *interval,
	})
	p.done()
	if *execs > 0 && st.Execs < *execs && ctx.Err() == nil {
		log.Printf("-duration %v ended the campaign after %d of -execs %d checks", *duration, st.Execs, *execs)
	}
	if err := fuzz.StopServer(); err != nil {
		log.Print(err)
	}
	rep := newReport(*seed, st, findings)
	rep.Interrupted = ctx.Err() != nil
	if err := rep.write(*out); err != nil {
		log.Print(err)
		os.Exit(2)
	}
	fmt.Print(rep.summary())
	unexplained, err := writeCrashers(*out, findings, *save, *corpus)
	if err != nil {
		log.Print(err)
		os.Exit(2)
	}
	log.Printf("report in %s (summary.txt, report.json, report.html)", *out)
	if unexplained > 0 {
		os.Exit(1)
	}
}

// corpusSeeds reads the seeds of tgs from the corpus directory dir, one
// subdirectory per target. A dir given by hand (byHand) must be a
// directory; the default may be missing (run from outside the
// repository, the campaign starts from generated inputs), but not be
// something else. A dir with no subdirectory for any of tgs is said to
// be one (-corpus corpus/date for -corpus corpus gave no seeds unsaid);
// it may be a new one for -save to fill.
func corpusSeeds(dir string, byHand bool, tgs []fuzz.Target) (map[string][][]byte, error) {
	seeds := map[string][][]byte{}
	fi, err := os.Stat(dir)
	switch {
	case err != nil && !byHand && os.IsNotExist(err):
		log.Printf("no seed corpus at %s (run from the repository root, or set -corpus): starting from generated inputs", dir)
		return seeds, nil
	case err != nil || !fi.IsDir():
		return nil, fmt.Errorf("-corpus %s: not a directory", dir)
	}
	found := false
	for _, t := range tgs {
		if fi, err := os.Stat(filepath.Join(dir, t.Name)); err == nil && fi.IsDir() {
			found = true
		}
		files, err := fuzz.ReadCorpus(dir, t.Name)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			seeds[t.Name] = append(seeds[t.Name], f.Data)
		}
	}
	if !found {
		log.Printf("-corpus %s has no directory of any target's seeds (%s/<target>/): starting from generated inputs", dir, dir)
	}
	return seeds, nil
}

// campaignDuration is the -duration of a campaign: d, but no limit when
// -execs is given alone, which asks for exactly that many checks (the
// default 30s had ended such a campaign early, unnoticed).
func campaignDuration(d time.Duration, durationSet, execsSet bool) time.Duration {
	if execsSet && !durationSet {
		return 0
	}
	return d
}

// flagSet reports whether the named flag was given on the command line.
func flagSet(name string) bool {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// maxWorkers bounds -workers. Each worker holds its own copy of the seed
// corpus and mutation pool, so memory grows with their number; far more
// workers than cores only share the same cores.
const maxWorkers = 1024

// minInterval bounds -interval from below: progress lines any more often
// would flood standard error (-interval 1ns printed one per tick).
const minInterval = 100 * time.Millisecond

// checkLimits rejects what the flags' docs do not give a meaning: a
// negative -duration, -execs or -workers, more than maxWorkers workers,
// or an -interval other than 0 (the default) below minInterval.
func checkLimits(duration time.Duration, execs int64, workers int, interval time.Duration) error {
	switch {
	case interval != 0 && interval < minInterval:
		return fmt.Errorf("-interval %v: want 0 (the default) or at least %v", interval, minInterval)
	case workers > maxWorkers:
		return fmt.Errorf("-workers %d: want at most %d", workers, maxWorkers)
	case duration < 0:
		return fmt.Errorf("-duration %v: want 0 (no limit) or more", duration)
	case execs < 0:
		return fmt.Errorf("-execs %d: want 0 (no limit) or more", execs)
	case workers < 0:
		return fmt.Errorf("-workers %d: want 0 (one per CPU) or more", workers)
	}
	return nil
}

// writeCrashers writes the unexplained findings into dir/crashers/<target>/
// (from which it first removes an earlier campaign's, the regress-* files
// of each target, so that they are this campaign's only; it leaves any
// other file, as -out may name a directory with a crashers/ of its own,
// go-fuzz's workdir) and, with save, into corpus/<target>/ as regressions.
// It returns how many there are.
func writeCrashers(dir string, findings []*fuzz.Finding, save bool, corpus string) (int, error) {
	crashers := filepath.Join(dir, "crashers")
	for _, t := range fuzz.Targets {
		old, err := filepath.Glob(filepath.Join(crashers, t.Name, "regress-*"))
		if err != nil {
			return 0, err
		}
		for _, p := range old {
			if err := os.Remove(p); err != nil {
				return 0, err
			}
		}
	}
	unexplained := 0
	for _, f := range findings {
		if !f.Result.Failed() {
			continue
		}
		unexplained++
		name := fmt.Sprintf("regress-%s-%s", sanitize(f.Key), shortHash(f.Input))
		if err := os.MkdirAll(filepath.Join(crashers, f.Target), 0o755); err != nil {
			return unexplained, err
		}
		if err := os.WriteFile(filepath.Join(crashers, f.Target, name), f.Input, 0o644); err != nil {
			return unexplained, err
		}
		if save {
			// A target without seeds, or the default -corpus missing
			// (httpfuzz run outside the repository), has no directory yet.
			if err := os.MkdirAll(filepath.Join(corpus, f.Target), 0o755); err != nil {
				return unexplained, err
			}
			if err := os.WriteFile(filepath.Join(corpus, f.Target, name), f.Input, 0o644); err != nil {
				return unexplained, err
			}
		}
	}
	return unexplained, nil
}

func targetNames() []string { return names(fuzz.Targets) }

func names(ts []fuzz.Target) []string {
	var n []string
	for _, t := range ts {
		n = append(n, t.Name)
	}
	return n
}

// selectTargets returns the targets named in list (all when empty), in
// the order of fuzz.Targets; a name given twice counts once.
func selectTargets(list string, server bool) ([]fuzz.Target, error) {
	var want []string
	if list != "" {
		for _, n := range strings.Split(list, ",") {
			n = strings.TrimSpace(n)
			if !contains(targetNames(), n) {
				return nil, fmt.Errorf("-targets %q: unknown target %q (have %s)", list, n, strings.Join(targetNames(), ","))
			}
			want = append(want, n)
		}
	}
	var out []fuzz.Target
	for _, t := range fuzz.Targets {
		if t.Name == "request" && !server {
			t.Check = func(b []byte) fuzz.Result { return fuzz.CheckRequestWith(b, fuzz.Options{}) }
		}
		if list == "" || contains(want, t.Name) {
			out = append(out, t)
		}
	}
	return out, nil
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if strings.TrimSpace(x) == s {
			return true
		}
	}
	return false
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progress shows the running totals: one line rewritten in place on a
// terminal, log lines otherwise.
type progress struct {
	tty  bool
	last int64
	at   time.Duration
	wide bool
}

func (p *progress) show(st fuzz.Stats) {
	// The rate since the last line; the final line, which repeats the
	// last tick's figures, gives the campaign's average instead of 0/s.
	rate := float64(st.Execs-p.last) / max((st.Elapsed-p.at).Seconds(), 1e-9)
	if st.Elapsed == p.at && st.Elapsed > 0 {
		rate = float64(st.Execs) / st.Elapsed.Seconds()
	}
	p.last, p.at = st.Execs, st.Elapsed
	line := fmt.Sprintf("%6s execs %d (%.0f/s) corpus %d behaviours %d unexplained %d | %s",
		st.Elapsed.Round(time.Second), st.Execs, rate, st.Corpus, st.Behaviours, st.Unexplained, classLine(st.ByClass))
	if p.tty {
		if len(line) > 200 {
			line = line[:200]
		}
		fmt.Fprintf(os.Stderr, "\r\x1b[K%s", line)
		p.wide = true
		return
	}
	log.Print(line)
}

func (p *progress) done() {
	if p.wide {
		fmt.Fprintln(os.Stderr)
	}
}

// classLine lists the classes by count, most first.
func classLine(m map[string]int) string {
	type kv struct {
		k string
		v int
	}
	var kvs []kv
	for k, v := range m {
		if k == "" {
			k = "UNEXPLAINED"
		}
		kvs = append(kvs, kv{k, v})
	}
	sort.Slice(kvs, func(i, j int) bool { return kvs[i].v > kvs[j].v || kvs[i].v == kvs[j].v && kvs[i].k < kvs[j].k })
	var b strings.Builder
	for _, x := range kvs {
		fmt.Fprintf(&b, "%s=%d ", x.k, x.v)
	}
	return strings.TrimSpace(b.String())
}

func shortHash(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:6])
}

// sanitize makes a key usable in a file name.
func sanitize(s string) string {
	s = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '_'
	}, s)
	if len(s) > 60 {
		s = s[:60]
	}
	return s
}

// defaultJSONL is -seeds-jsonl's default: the peers' suites beside the
// repository, for a campaign run from its root.
var defaultJSONL = filepath.Join("..", "shared", "corpora")

// maxJSONLSeeds bounds the bytes of the messages -seeds-jsonl adds, all
// sets together (each file is bounded by fuzz.MaxJSONLFile): the peers'
// suites hold about 1 MiB.
var maxJSONLSeeds = 256 << 20

// addJSONLSeeds adds the messages of the .jsonl test sets that list names
// (comma-separated files or directories) to the seeds of the selected
// targets that take them. A path given by hand must exist; the default
// may not, as on a clone without ../shared.
func addJSONLSeeds(seeds map[string][][]byte, list string, byHand bool, tgs []fuzz.Target) error {
	total, msgs, sets := 0, 0, 0
	for _, p := range strings.Split(list, ",") {
		if p == "" {
			continue
		}
		files, err := fuzz.JSONLFiles(p)
		if err != nil {
			if !byHand && os.IsNotExist(err) {
				log.Printf("no test sets at %s (-seeds-jsonl): the peers' suites are not used", p)
				continue
			}
			return fmt.Errorf("-seeds-jsonl: %v", err)
		}
		for _, f := range files {
			got, err := fuzz.ReadSeedsJSONL(f)
			if err != nil {
				return fmt.Errorf("-seeds-jsonl: %v", err)
			}
			sets++
			for _, t := range tgs {
				for _, m := range got[t.Name] {
					if total += len(m); total > maxJSONLSeeds {
						return fmt.Errorf("-seeds-jsonl: the messages of %s and the sets before it are more than %d bytes", f, maxJSONLSeeds)
					}
					seeds[t.Name] = append(seeds[t.Name], m)
					msgs++
				}
			}
		}
	}
	// Said, as a set of no messages for the targets run (an empty file,
	// a directory without .jsonl files) had added nothing unsaid.
	if sets > 0 || byHand {
		log.Printf("-seeds-jsonl: %d messages for the targets from %d test sets", msgs, sets)
	}
	return nil
}
