package fuzz

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadSeedsJSONL reads test sets in the form of ../shared/corpora.
func TestReadSeedsJSONL(t *testing.T) {
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	big := b64(strings.Repeat("a", MaxCorpusFile+1))
	tests := []struct {
		name, set string
		want      map[string][]string
		err       string
	}{
		{"request and response", `{"kind":"request","raw_b64":"` + b64("GET / HTTP/1.1\r\n\r\n") + `"}` + "\n" + `{"kind":"response","raw_b64":"` + b64("HTTP/1.1 200 OK\r\n\r\n") + `"}`,
			map[string][]string{"request": {"GET / HTTP/1.1\r\n\r\n"}, "response": {"HTTP/1.1 200 OK\r\n\r\n"}}, ""},
		{"no kind is a request", `{"name":"x","raw_b64":"` + b64("A") + `"}`, map[string][]string{"request": {"A"}}, ""},
		{"steps are one stream, a step without bytes left out", `{"kind":"request","raw_b64":null,"steps":[{"raw_b64":"` + b64("A") + `"},{"raw_b64":null,"dynamic":true},{"raw_b64":"` + b64("B") + `"}]}`,
			map[string][]string{"request": {"AB"}}, ""},
		{"no bytes at all", `{"kind":"request","raw_b64":null}` + "\n\n", map[string][]string{}, ""},
		{"too long for a seed", `{"raw_b64":"` + big + `"}`, map[string][]string{}, ""},
		{"bad JSON", `{"raw_b64":` + "\n", nil, "set.jsonl:1: unexpected end of JSON input"},
		{"bad base64", `{"raw_b64":null}` + "\n" + `{"raw_b64":"!!"}`, nil, "set.jsonl:2: raw_b64: illegal base64 data at input byte 0"},
		// Each a line without a message, left out unsaid, or refused
		// naming a Go type (an audit).
		{"null", `{"raw_b64":"` + b64("A") + `"}` + "\nnull", nil, `set.jsonl:2: not a JSON object: "null"`},
		{"array", "[]", nil, `set.jsonl:1: not a JSON object: "[]"`},
		{"string", `"` + strings.Repeat("x", 50) + `"`, nil, `set.jsonl:1: not a JSON object: "\"` + strings.Repeat("x", 39) + `"...`},
		{"no message", `{}`, nil, "set.jsonl:1: neither raw_b64 nor steps: no message"},
		{"raw not a string", `{"raw_b64":1}`, nil, `set.jsonl:1: raw_b64 is "1": want a base64 string or null`},
		{"steps not an array", `{"steps":{"raw_b64":"QQ=="}}`, nil, `set.jsonl:1: steps is "{\"raw_b64\":\"QQ==\"}": want an array of objects with raw_b64`},
		{"bad kind", `{"kind":"trailer","raw_b64":""}`, nil, `set.jsonl:1: kind "trailer" is neither request nor response`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "set.jsonl")
			if err := os.WriteFile(p, []byte(tc.set), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := ReadSeedsJSONL(p)
			if tc.err != "" {
				if err == nil || !strings.HasSuffix(err.Error(), tc.err) {
					t.Fatalf("error %v, want one ending %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("targets %q, want %q", got, tc.want)
			}
			for target, msgs := range tc.want {
				if len(got[target]) != len(msgs) {
					t.Fatalf("%s: %q, want %q", target, got[target], msgs)
				}
				for i := range msgs {
					if string(got[target][i]) != msgs[i] {
						t.Errorf("%s[%d] = %q, want %q", target, i, got[target][i], msgs[i])
					}
				}
			}
		})
	}
	if _, err := ReadSeedsJSONL(t.TempDir()); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("a directory: %v", err)
	}
	// A line of MaxJSONLLine bytes is read (a JSON string of that
	// length less its quotes and braces; it was refused, the LF not
	// fitting the scanner's buffer), and one longer is an error naming
	// its line and the limit.
	exact := filepath.Join(t.TempDir(), "exact.jsonl")
	line := `{ "raw_b64": "` + strings.Repeat("A", MaxJSONLLine-len(`{ "raw_b64": ""}`)) + `"}` // base64 of a length divisible by 4
	if len(line) != MaxJSONLLine {
		t.Fatalf("the line has %d bytes", len(line))
	}
	if err := os.WriteFile(exact, []byte(line+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadSeedsJSONL(exact); err != nil {
		t.Errorf("a line of MaxJSONLLine bytes: %v", err)
	}
	long := filepath.Join(t.TempDir(), "long.jsonl")
	data := strings.Repeat(`{"raw_b64":"R0VU"}`+"\n", 3) + `{"raw_b64":"` + strings.Repeat("A", MaxJSONLLine) + `"}` + "\n"
	if err := os.WriteFile(long, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadSeedsJSONL(long); err == nil || !strings.Contains(err.Error(), "long.jsonl:4: a line of more than 16777216 bytes (fuzz.MaxJSONLLine)") {
		t.Errorf("a long line: %v", err)
	}
}

// TestSharedSeeds reads the peers' suites in ../shared/corpora (as in CI;
// skipped without them): every set has messages for the request target,
// and llhttp's for the response target too.
func TestSharedSeeds(t *testing.T) {
	files, err := JSONLFiles(filepath.Join("..", "..", "shared", "corpora"))
	if err != nil {
		t.Skipf("../shared/corpora: %v", err)
	}
	if len(files) < 3 {
		t.Fatalf("test sets %q, want llhttp's, Http11Probe's and HTTP Garden's", files)
	}
	for _, f := range files {
		got, err := ReadSeedsJSONL(f)
		if err != nil {
			t.Fatal(err)
		}
		if len(got["request"]) == 0 || strings.Contains(f, "llhttp") && len(got["response"]) == 0 {
			t.Errorf("%s: %d requests, %d responses", f, len(got["request"]), len(got["response"]))
		}
		t.Logf("%s: %d requests, %d responses", f, len(got["request"]), len(got["response"]))
	}
}
