package main

import (
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"strings"

	"github.com/abnfc/abnfc/grammar/ref"
	"github.com/abnfc/abnfc/grammar/sample"
)

// runSample implements
//
//	abnfc sample -grammar PATH|rfc2616 [-dialect D] -rule NAME [-n 100] [-seed 1]
//	             [-coverage] [-nearmiss] [-dir DIR] [-maxdepth N] [-maxrepeat N] [-maxsize N]
//
// It prints one sample per line, escaped with sample.Escape (Go string
// escapes without the surrounding quotes: strconv.Unquote of the line in
// double quotes gives the bytes back). With -nearmiss each sample is
// followed by its near-misses, one per line, indented by a tab:
//
//	<TAB>LABEL in|out|unknown ESCAPED-INPUT
//
// where in/out is the reference parser's verdict, and unknown says that
// it gave up at one of its limits (ref.Limits): the error goes to standard
// error, the other samples and near-misses are still written, and the
// exit status is 2. With -coverage the
// samples are the covering set of sample.Sampler.Coverage instead of -n
// random ones, and the coverage summary goes to standard error. With -dir
// nothing is printed per sample: each is written raw to DIR as
// sample-0001.bin, and each near-miss as nearmiss-0001-KIND-in.bin,
// -out.bin or -unknown.bin (numbered across all samples; KIND is the label without its
// offset, with bytes other than letters, digits, "+" and "-" written as
// _XX in hex); -dir writes at most maxDirFiles files and maxDirBytes
// bytes in all, and stops with an error (exit 2) before the first file
// past either, leaving those written. -n is at most maxSamples;
// -maxdepth, -maxrepeat and -maxsize must be at least 1, -maxdepth at
// most maxSampleDepth and -maxsize at most sample.MaxInput.
func runSample(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("sample", stderr)
	var gf grammarFlags
	gf.register(fs)
	rule := fs.String("rule", "", "the rule to sample (required)")
	n := fs.Int("n", 100, fmt.Sprintf("number of random samples, 0 to %d (ignored with -coverage)", maxSamples))
	seed := fs.Int64("seed", 1, "random seed: equal seeds give equal output")
	coverage := fs.Bool("coverage", false, "generate samples until every alternative and 2-path of the grammar is covered, and report the coverage on standard error")
	nearmiss := fs.Bool("nearmiss", false, "after each sample, list its near-misses (single edits) with the reference parser's verdict")
	dir := fs.String("dir", "", fmt.Sprintf("write each sample and near-miss raw to its own file in `DIR` instead of printing them;\nat most %d files and %d bytes (1 GiB) in all, or the command stops with an error", maxDirFiles, maxDirBytes))
	maxDepth := fs.Int("maxdepth", sample.DefaultMaxDepth, fmt.Sprintf("rule nesting up to which choices are random, at most %d; deeper, the shortest expansion is taken", maxSampleDepth))
	maxRepeat := fs.Int("maxrepeat", sample.DefaultMaxRepeat, "iterations of a repetition: at most max(its minimum, N), and never more than its maximum")
	maxSize := fs.Int("maxsize", sample.DefaultMaxSize, fmt.Sprintf("soft target for the length of a sample, in bytes, at most %d (the reference parser's input limit)", sample.MaxInput))
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *rule == "" {
		return exit(stderr, usageError{"-rule is required"})
	}
	if fs.NArg() > 0 {
		return exit(stderr, usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))})
	}
	if *n < 0 || *n > maxSamples {
		return exit(stderr, usageError{fmt.Sprintf("-n must be between 0 and %d", maxSamples)})
	}
	// Package sample reads a zero option as its default, which is not what
	// 0 means by these flags' help; refuse it rather than ignore it.
	if *maxDepth < 1 || *maxRepeat < 1 || *maxSize < 1 {
		return exit(stderr, usageError{"-maxdepth, -maxrepeat and -maxsize must be at least 1"})
	}
	if *maxDepth > maxSampleDepth {
		return exit(stderr, usageError{fmt.Sprintf("-maxdepth must be at most %d", maxSampleDepth)})
	}
	if *maxSize > sample.MaxInput {
		return exit(stderr, usageError{fmt.Sprintf("-maxsize must be at most %d (the reference parser's input limit)", sample.MaxInput)})
	}
	g, code, ok := gf.loadRule(*rule, stderr)
	if !ok {
		return code
	}
	s, err := sample.New(g, *rule, sample.Options{Seed: *seed, MaxDepth: *maxDepth, MaxRepeat: *maxRepeat, MaxSize: *maxSize, Limits: sampleLimits})
	if err != nil {
		return grammarError(stderr, err)
	}
	if *nearmiss {
		if _, err := s.Parser(); err != nil {
			return grammarError(stderr, err)
		}
	}

	// ds holds the covering set; random samples are made one at a time
	// as they are written, so that memory does not grow with -n.
	var ds []*sample.Derivation
	count := *n
	code = 0
	if *coverage {
		var rep sample.CoverageReport
		ds, rep, err = s.Coverage()
		fmt.Fprintf(stderr, "coverage of %s: %v\n", s.Rule(), rep)
		for _, name := range rep.Impossible {
			fmt.Fprintf(stderr, "impossible: %s\n", name)
		}
		if err != nil {
			fmt.Fprintf(stderr, "abnfc: %v\n", err)
			code = 1
			if _, ok := err.(*sample.WorkError); ok {
				code = 2 // the sampler gave up at its limit
			}
		}
		count = len(ds)
	}

	if *dir != "" {
		if err := os.MkdirAll(*dir, 0o755); err != nil {
			return exit(stderr, err)
		}
	}
	r := rand.New(rand.NewSource(*seed))
	var out strings.Builder
	files, misses := 0, 0
	var size int64 // bytes written to -dir
	write := func(name string, b []byte) error {
		if files >= maxDirFiles {
			return fmt.Errorf("-dir writes at most %d files (samples and near-misses together): stopped after %d files in %s, before %s; lower -n", maxDirFiles, files, *dir, name)
		}
		if size+int64(len(b)) > maxDirBytes {
			return fmt.Errorf("-dir writes at most %d bytes: stopped before %s (%d bytes), after %d files of %d bytes in %s; lower -n or -maxsize", maxDirBytes, name, len(b), files, size, *dir)
		}
		files++
		size += int64(len(b))
		return os.WriteFile(filepath.Join(*dir, name), b, 0o644)
	}
	for i := 0; i < count; i++ {
		if out.Len() > 1<<16 {
			if _, err := io.WriteString(stdout, out.String()); err != nil {
				return exit(stderr, fmt.Errorf("writing the output: %w", err))
			}
			out.Reset()
		}
		var d *sample.Derivation
		if *coverage {
			d = ds[i]
		} else {
			var err error
			if d, err = s.NextDerivation(); err != nil {
				// The sampler gave up at its limit (sample.MaxWork), as
				// the reference parser does at its own: exit 2.
				io.WriteString(stdout, out.String())
				return exit(stderr, err)
			}
		}
		if *dir != "" {
			if err := write(fmt.Sprintf("sample-%04d.bin", i+1), d.Bytes); err != nil {
				return exit(stderr, err)
			}
		} else {
			out.WriteString(sample.Escape(d.Bytes))
			out.WriteByte('\n')
		}
		if !*nearmiss {
			continue
		}
		for _, m := range s.NearMisses(d, r, nil) {
			misses++
			verdict := "out"
			if m.InLanguage {
				verdict = "in"
			}
			if m.Err != nil {
				// The reference parser gave up: say so, not "out".
				verdict = "unknown"
				fmt.Fprintf(stderr, "abnfc: near-miss %s of sample %d: %v\n", m.Label, i+1, m.Err)
				code = 2
			}
			if *dir != "" {
				if err := write(fmt.Sprintf("nearmiss-%04d-%s-%s.bin", misses, fileSafe(m.Kind()), verdict), m.Input); err != nil {
					return exit(stderr, err)
				}
			} else {
				fmt.Fprintf(&out, "\t%s %s %s\n", m.Label, verdict, sample.Escape(m.Input))
			}
		}
	}
	if *dir != "" {
		fmt.Fprintf(&out, "wrote %d files to %s\n", files, *dir)
	}
	if _, err := io.WriteString(stdout, out.String()); err != nil {
		return exit(stderr, fmt.Errorf("writing the output: %w", err))
	}
	return code
}

// sampleLimits are the reference parser's limits for -nearmiss verdicts
// (the defaults); a variable so that tests can lower them.
var sampleLimits = ref.DefaultLimits

// maxSamples bounds -n: memory stays flat as samples are written as they
// are made, but time grows with -n (a million samples of a small rule
// take seconds), and -dir writes a file per sample.
const maxSamples = 1_000_000

// maxDirFiles and maxDirBytes bound what -dir writes in all, samples and
// near-misses together: -n bounds the samples, but with -nearmiss each
// sample writes up to 18 more files, and with -maxsize at its bound each
// file may be over 1 MiB (-n 1000000 -nearmiss asked for millions of
// files, -n 1000000 -maxsize 1048576 for a TiB). The files stay at -n's
// bound; the bytes at 1 GiB, as a grammar input or an httpcheck input is
// bounded. They are variables so that tests can lower them.
var (
	maxDirFiles       = maxSamples
	maxDirBytes int64 = 1 << 30
)

// maxSampleDepth bounds -maxdepth. The sampler recurses through the nodes
// of each rule reference up to the depth limit, so the stack grows with
// it: on a recursive rule with -maxsize at its bound, -maxdepth 100000
// took 230 MB, 10000 under 100 MB.
const maxSampleDepth = 10_000

// fileSafe spells a near-miss kind for a file name.
func fileSafe(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "_%02X", c)
		}
	}
	return b.String()
}
