package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
	fs, st := fuzz.Run(context.Background(), fuzz.CampaignConfig{Targets: tgs, Execs: 400, Workers: 2, Seed: 1})
	if st.Execs < 400 {
		t.Errorf("execs = %d, want at least 400", st.Execs)
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
