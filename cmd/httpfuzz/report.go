package main

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/abnfc/abnfc/fuzz"
	"github.com/abnfc/abnfc/grammar/sample"
)

// report is what a campaign found, in the shape written to report.json.
type report struct {
	Seed int64 `json:"seed"`
	// Interrupted is set when a signal (SIGINT, SIGTERM) ended the
	// campaign before its -duration or -execs.
	Interrupted bool           `json:"interrupted,omitempty"`
	Execs       int64          `json:"execs"`
	Seconds     float64        `json:"seconds"`
	ExecsPerSec float64        `json:"execs_per_sec"`
	Behaviours  int            `json:"behaviours"`
	ByClass     map[string]int `json:"disagreements_by_class"`
	Cases       []reportCase   `json:"cases"`
}

type reportCase struct {
	Target        string              `json:"target"`
	Key           string              `json:"key"`
	Count         int                 `json:"count"`
	Unexplained   bool                `json:"unexplained"`
	Flaky         bool                `json:"flaky,omitempty"` // fuzz.Finding.Flaky
	Classes       []string            `json:"classes"`
	Input         []byte              `json:"input"`
	Original      []byte              `json:"original"`
	Escaped       string              `json:"escaped"`
	Verdict       string              `json:"verdict"`
	Disagreements []fuzz.Disagreement `json:"disagreements"`
}

func newReport(seed int64, st fuzz.Stats, fs []*fuzz.Finding) *report {
	r := &report{Seed: seed, Execs: st.Execs, Seconds: st.Elapsed.Seconds(), Behaviours: st.Behaviours, ByClass: map[string]int{}}
	if st.Elapsed > 0 {
		r.ExecsPerSec = float64(st.Execs) / st.Elapsed.Seconds()
	}
	for k, v := range st.ByClass {
		if k == "" {
			k = "UNEXPLAINED"
		}
		r.ByClass[k] = v
	}
	for _, f := range fs {
		c := reportCase{Target: f.Target, Key: f.Key, Count: f.Count, Unexplained: f.Result.Failed(), Flaky: f.Flaky, Input: f.Input, Original: f.Original,
			Escaped: sample.Escape(f.Input), Verdict: f.Result.Verdict, Disagreements: f.Result.Disagreements}
		for _, d := range f.Result.Disagreements {
			cl := d.Class
			if d.KnownBug != "" {
				cl = "bug:" + d.KnownBug
			} else if cl == "" {
				cl = "UNEXPLAINED"
			}
			if !contains(c.Classes, cl) {
				c.Classes = append(c.Classes, cl)
			}
		}
		r.Cases = append(r.Cases, c)
	}
	sort.SliceStable(r.Cases, func(i, j int) bool { return r.Cases[i].Unexplained && !r.Cases[j].Unexplained })
	return r
}

func (r *report) summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "seed %d: %d execs in %s (%.0f/s), %d behaviours, %d distinct discrepancies\n",
		r.Seed, r.Execs, time.Duration(r.Seconds*float64(time.Second)).Round(time.Millisecond), r.ExecsPerSec, r.Behaviours, len(r.Cases))
	if r.Interrupted {
		fmt.Fprintf(&b, "interrupted by a signal before -duration or -execs\n")
	}
	fmt.Fprintf(&b, "disagreements by class: %s\n", classLine(r.ByClass))
	for _, c := range r.Cases {
		mark := "  "
		if c.Unexplained {
			mark = "! "
		}
		flaky := ""
		if c.Flaky {
			flaky = " (not so when checked again: as found, not minimized)"
		}
		// Escaped is already the body of a Go string literal.
		fmt.Fprintf(&b, "%s%s ×%d [%s] \"%s\"%s\n", mark, c.Target, c.Count, strings.Join(c.Classes, ","), c.Escaped, flaky)
		for _, d := range c.Disagreements {
			fmt.Fprintf(&b, "\t%s\n", d)
		}
	}
	return b.String()
}

// reportFiles are the files write writes in the report directory.
var reportFiles = []string{"summary.txt", "report.json", "report.html"}

// checkReportDir reports, before a campaign, what would make write or
// writeCrashers fail after it in dir: a report file that is there but is
// not a regular file or cannot be opened for writing, or a crashers that
// is not a directory.
func checkReportDir(dir string) error {
	for _, name := range reportFiles {
		p := filepath.Join(dir, name)
		fi, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("%s: not a regular file (%v), where the report is written", p, fi.Mode().Type())
		}
		f, err := os.OpenFile(p, os.O_WRONLY, 0) // no O_TRUNC: the old report stays until the new one
		if err != nil {
			return err
		}
		f.Close()
	}
	p := filepath.Join(dir, "crashers")
	if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
		return fmt.Errorf("%s: not a directory, where unexplained findings are written", p)
	}
	return nil
}

func (r *report) write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, reportFiles[0]), []byte(r.summary()), 0o644); err != nil {
		return err
	}
	j, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, reportFiles[1]), j, 0o644); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(dir, reportFiles[2]))
	if err != nil {
		return err
	}
	if err := page.Execute(f, r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"hex":     func(b []byte) string { return hex.Dump(b) },
	"escaped": escapedLines,
	"summary": func(r *report) string { return r.summary() },
}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>httpfuzz report</title>
<style>
body{font-family:sans-serif;margin:1em 2em}
pre{background:#f6f6f6;padding:.5em;overflow-x:auto;font-size:12px;margin:0}
.case{border:1px solid #ccc;margin:1em 0;padding:.5em}
.bad{border-color:#c00;background:#fff4f4}
.side{display:grid;grid-template-columns:1fr 1fr;gap:1em}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px;text-align:left}
</style></head><body>
<h1>httpfuzz report</h1>
<p>seed {{.Seed}}, {{.Execs}} execs in {{printf "%.1f" .Seconds}} s ({{printf "%.0f" .ExecsPerSec}}/s), {{.Behaviours}} behaviours, {{len .Cases}} distinct discrepancies.</p>
<table><tr><th>class</th><th>disagreements</th></tr>{{range $k, $v := .ByClass}}<tr><td>{{$k}}</td><td>{{$v}}</td></tr>{{end}}</table>
{{range $i, $c := .Cases}}
<div class="case{{if $c.Unexplained}} bad{{end}}" id="case{{$i}}">
<h2>{{$c.Target}} ×{{$c.Count}}: {{range $c.Classes}}<code>{{.}}</code> {{end}}</h2>
<p>key <code>{{$c.Key}}</code>; our verdict {{$c.Verdict}}; {{len $c.Input}} bytes {{if $c.Flaky}}(not so when checked again: as found, not minimized){{else}}(minimized from {{len $c.Original}}){{end}}</p>
<table><tr><th>oracle</th><th>field</th><th>ours</th><th>theirs</th><th>class</th></tr>
{{range $c.Disagreements}}<tr><td>{{.Oracle}}</td><td>{{.Field}}</td><td><code>{{.Ours}}</code></td><td><code>{{.Theirs}}</code></td><td>{{if .KnownBug}}parser bug {{.KnownBug}}{{else if .Class}}{{.Class}}{{else}}<b>UNEXPLAINED</b>{{end}}</td></tr>{{end}}
</table>
<div class="side"><div><h3>escaped</h3><pre>{{escaped $c.Input}}</pre></div><div><h3>hex</h3><pre>{{hex $c.Input}}</pre></div></div>
</div>
{{end}}
<h2>summary</h2><pre>{{summary .}}</pre>
</body></html>
`))

// escapedLines shows b with Go escapes, one line per LF.
func escapedLines(b []byte) string {
	var out []string
	for _, l := range strings.SplitAfter(string(b), "\n") {
		if l != "" {
			out = append(out, sample.Escape([]byte(l)))
		}
	}
	return strings.Join(out, "\n")
}
