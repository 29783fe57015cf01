package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldenCases run httpcheck over testdata/in; each writes
// testdata/golden/NAME.txt (human output) and NAME.json (-json), both
// starting with the command line and ending with the exit status.
var goldenCases = []struct {
	name string
	args []string
	code int
}{
	// §5.1 Request-Line, §4.1 pipelined messages, §4.4 Content-Length body.
	{"request-valid", []string{"request-valid.http"}, 0},
	{"request-line-space", []string{"request-line-space.http"}, 1},                                           // §5.1: exactly one SP
	{"request-line-space-tolerant", []string{"-allow", "tolerant-start-line", "request-line-space.http"}, 0}, // §19.3
	{"request-line-version", []string{"request-line-version.http"}, 1},                                       // §3.1
	{"request-line-target", []string{"request-line-target.http"}, 1},                                         // §5.1.2
	{"absolute-uri", []string{"absolute-uri.http"}, 0},                                                       // §5.2: the host is the target's
	{"tolerant-start-line", []string{"tolerant-start-line.http"}, 1},
	{"tolerant-start-line-lenient", []string{"-mode", "lenient", "tolerant-start-line.http"}, 0},
	// §19.3's runs of white space, then a byte off the grammar: its
	// position in the line as received (it was 1:1 with the position in
	// the fields joined by single SPs in the message).
	{"tolerant-start-line-fragment", []string{"-allow", "tolerant-start-line", "tolerant-start-line-fragment.http"}, 1},
	// §6.1 Status-Line, §4.4 rules 1 and 5, §10.3.5 304.
	{"status-valid", []string{"status-valid.http"}, 0},
	{"status-bad", []string{"status-bad.http"}, 1},
	{"status-as-request", []string{"-request", "status-valid.http"}, 1},
	// §14: headers checked against their own grammars.
	{"header-date", []string{"header-date.http"}, 1},                     // §14.18, §3.3.1
	{"header-content-length", []string{"header-content-length.http"}, 1}, // §14.13
	{"header-qvalue", []string{"header-qvalue.http"}, 1},                 // §14.4, §3.9
	{"header-name-space", []string{"header-name-space.http"}, 1},         // §4.2 field-name is a token
	{"header-nul", []string{"header-nul.http"}, 1},                       // §2.2 TEXT excludes CTLs
	{"non-ascii", []string{"non-ascii.http"}, 0},                         // §2.2 TEXT includes octets 128-255; JSON shows invalid UTF-8 as U+FFFD
	// §4.2 duplicates, §14.23 Host.
	{"duplicate-host", []string{"duplicate-host.http"}, 1},
	{"duplicate-content-length", []string{"duplicate-content-length.http"}, 1},
	{"duplicate-content-length-allowed", []string{"-allow", "duplicate-content-length", "duplicate-content-length.http"}, 0},
	{"missing-host", []string{"missing-host.http"}, 1},
	// RFC 7230 §3.2.4: white space before the colon (the CL.TE smuggling
	// of "Transfer-Encoding : chunked", which net/http reads as a field
	// of another name); §2.1's implied LWS admits it when allowed, and
	// then §4.4 refuses Content-Length with Transfer-Encoding.
	{"space-before-colon", []string{"space-before-colon.http"}, 1},
	{"space-before-colon-allowed", []string{"-allow", "space-before-colon", "space-before-colon.http"}, 1},
	{"space-before-colon-allowed-cl-te", []string{"-allow", "space-before-colon,cl-with-te", "space-before-colon.http"}, 1},
	// §4.4 Content-Length with Transfer-Encoding, §3.6 codings.
	{"cl-te", []string{"cl-te.http"}, 1},
	{"cl-te-allowed", []string{"-allow", "cl-with-te", "cl-te.http"}, 0},
	{"te-not-chunked", []string{"te-not-chunked.http"}, 1},
	// §3.6.1 chunked bodies.
	{"chunked-valid", []string{"chunked-valid.http"}, 0},
	{"chunked-bad-size", []string{"chunked-bad-size.http"}, 1},
	{"chunked-truncated", []string{"chunked-truncated.http"}, 1},
	// §2.2 CRLF, §19.3 bare LF, §4.1 leading empty lines, §2.2 folding.
	{"bare-lf", []string{"bare-lf.http"}, 1},
	{"bare-lf-allowed", []string{"-allow", "bare-lf", "bare-lf.http"}, 0},
	{"bare-cr", []string{"bare-cr.http"}, 1},
	{"leading-empty-lines", []string{"leading-empty-lines.http"}, 1},
	{"leading-empty-lines-allowed", []string{"-allow", "leading-empty-lines", "leading-empty-lines.http"}, 0},
	{"folding", []string{"folding.http"}, 0},
	{"folding-rejected", []string{"-reject-folding", "folding.http"}, 1},
	// Inputs that end inside a message.
	{"incomplete-head", []string{"incomplete-head.http"}, 1},
	{"body-truncated", []string{"body-truncated.http"}, 1},
	// §19.2 multipart/byteranges framing; a response to HEAD has no body.
	{"byteranges", []string{"byteranges.http"}, 0},
	{"byteranges-no-crlf", []string{"byteranges-no-crlf.http"}, 0},
	{"head-response", []string{"-head", "byteranges.http"}, 1},
	// §10.1.2: the protocol switches right after the empty line that
	// ends a 101 response; the WebSocket frames after it were read as
	// the head of a next response, never complete.
	{"switching-protocols", []string{"switching-protocols.http"}, 0},
	// §9.9, §14.42: after a CONNECT request, or one with Upgrade and
	// "upgrade" in Connection, the rest may be another protocol's: a
	// note, not an error (the TLS and WebSocket bytes were read as the
	// next request).
	{"connect", []string{"connect.http"}, 0},
	{"upgrade", []string{"upgrade.http"}, 0},
	// §8.1.2.1, §14.10, §19.6.2: nothing follows a message that closes
	// the connection.
	{"data-after-close", []string{"data-after-close.http"}, 1},
	{"data-after-close-allowed", []string{"-allow", "data-after-close", "data-after-close.http"}, 0},
	{"data-after-close-lenient", []string{"-mode", "lenient", "data-after-close.http"}, 0},
	{"http10-pipelined", []string{"http10-pipelined.http"}, 1},
	{"empty", []string{"empty.http"}, 0},
	// Directories are walked recursively, dot files skipped; limits.
	{"dir", []string{"dir"}, 1},
	{"dir-link", []string{"dir-link"}, 1}, // a symbolic link named on the command line is followed
	{"several", []string{"request-valid.http", "status-valid.http", "missing-host.http"}, 1},
	{"max-headers", []string{"-max-headers", "2", "request-valid.http"}, 1},
	// -pair: each final response answers the next request (§8.1.2.2).
	// A response to HEAD has no body though it has Content-Length (§4.4
	// rule 1), 100 (Continue) is interim (§8.2.3, §10.1.1), a 407 to
	// CONNECT keeps the connection HTTP, and a 101 to a request with
	// Upgrade ends both inputs' HTTP (§10.1.2).
	{"pair", []string{"-pair", "pair-requests.http", "pair-responses.http"}, 0},
	// §8.1.2.1: a response with Connection: close ends the exchange; the
	// response after it is an error, the request after the one it
	// answers is not answered (§8.1.4).
	{"pair-close", []string{"-pair", "pair-close-requests.http", "pair-close-responses.http"}, 1},
	// The same responses alone: the 200 to HEAD is read with a body of
	// 1234 bytes, and the input ends inside it.
	{"pair-close-unpaired", []string{"-response", "pair-close-responses.http"}, 1},
}

func TestGolden(t *testing.T) {
	t.Chdir("testdata/in")
	for _, tc := range goldenCases {
		for _, js := range []bool{false, true} {
			name, ext := tc.name, ".txt"
			args := tc.args
			if js {
				ext = ".json"
				args = append([]string{"-json"}, args...)
			}
			t.Run(name+ext, func(t *testing.T) {
				var stdout, stderr bytes.Buffer
				code := run(args, strings.NewReader(""), &stdout, &stderr)
				if code != tc.code {
					t.Errorf("exit status %d, want %d; stderr:\n%s", code, tc.code, stderr.String())
				}
				if stderr.Len() > 0 {
					t.Errorf("stderr: %s", stderr.String())
				}
				if js {
					checkJSONLines(t, stdout.Bytes(), code)
				}
				got := "$ httpcheck " + strings.Join(args, " ") + "\n" + stdout.String() + "exit " + itoa(code) + "\n"
				golden(t, filepath.Join("..", "golden", name+ext), got)
			})
		}
	}
}

func itoa(n int) string { return string(rune('0' + n)) }

// checkJSONLines checks that out is JSON Lines of jsonInput whose
// validity agrees with the exit status.
func checkJSONLines(t *testing.T, out []byte, code int) {
	t.Helper()
	anyInvalid := false
	for line := range bytes.Lines(out) {
		var in jsonInput
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&in); err != nil {
			t.Fatalf("bad JSON line %q: %v", line, err)
		}
		valid := len(in.Errors) == 0
		for _, m := range in.Messages {
			valid = valid && m.Valid
		}
		if valid != in.Valid {
			t.Errorf("%s: valid=%v but messages and errors say %v", in.File, in.Valid, valid)
		}
		anyInvalid = anyInvalid || !in.Valid
	}
	if anyInvalid != (code == 1) {
		t.Errorf("exit status %d but an invalid input is %v", code, anyInvalid)
	}
}

// golden compares got with the file, or rewrites it with -update.
func golden(t *testing.T, file, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run with -update to accept):\n--- got\n%s\n--- want\n%s", file, got, want)
	}
}

// TestGoldenOrphans fails when a golden file has no case.
func TestGoldenOrphans(t *testing.T) {
	names := map[string]bool{}
	for _, tc := range goldenCases {
		names[tc.name+".txt"], names[tc.name+".json"] = true, true
	}
	files, _ := filepath.Glob("testdata/golden/*")
	for _, f := range files {
		if !names[filepath.Base(f)] {
			t.Errorf("orphaned golden file %s", f)
		}
	}
}

func TestStdin(t *testing.T) {
	in := "GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\n\r\n"
	for _, args := range [][]string{nil, {"-"}} {
		var stdout, stderr bytes.Buffer
		code := run(args, strings.NewReader(in), &stdout, &stderr)
		want := "<stdin>:4:1: [Host] an HTTP/1.1 request must have a Host header field (RFC 2616 §14.23)\n" +
			"    4 | GET /b HTTP/1.1\\r\\n\n" +
			"      | ^\n" +
			"<stdin>: invalid: 2 messages, 1 valid, 1 error\n"
		if code != 1 || stdout.String() != want {
			t.Errorf("run(%q) = %d\n%s\nwant 1\n%s", args, code, stdout.String(), want)
		}
	}
}

func TestExitStatus(t *testing.T) {
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string // a part of it
	}{
		{"help", []string{"-h"}, 0, "-allow leniencies"},
		{"unknown flag", []string{"-nope"}, 2, "flag provided but not defined"},
		{"unknown mode", []string{"-mode", "loose"}, 2, `unknown -mode "loose"`},
		{"unknown leniency", []string{"-allow", "bare-lf,bare-cr"}, 2, `unknown leniency "bare-cr" in -allow; valid names: bare-lf, cl-with-te, data-after-close, duplicate-content-length, invalid-dates, leading-empty-lines, space-before-colon, tolerant-start-line`},
		{"request and response", []string{"-request", "-response"}, 2, "exclude each other"},
		{"listen with inputs", []string{"-listen", "127.0.0.1:0", "x"}, 2, "-listen takes no inputs"},
		// File mode's flags would do nothing with -listen (an audit).
		{"listen with -json", []string{"-listen", "127.0.0.1:0", "-json"}, 2, "-listen excludes -json"},
		{"listen with -head", []string{"-head", "-listen", "127.0.0.1:0"}, 2, "-listen excludes -head"},
		{"listen with -max-input", []string{"-listen", "127.0.0.1:0", "-max-input", "5"}, 2, "-listen excludes -max-input"},
		{"missing file", []string{"testdata/in/no-such-file"}, 2, "no such file"},
		{"missing and invalid", []string{"testdata/in/no-such-file", "testdata/in/bare-lf.http"}, 2, "no such file"},
		{"negative read timeout", []string{"-listen", "127.0.0.1:0", "-read-timeout", "-1s"}, 2, "-read-timeout and -write-timeout must be 0 (no limit) or at least 100ms"},
		{"negative write timeout", []string{"-listen", "127.0.0.1:0", "-write-timeout", "-1s"}, 2, "-read-timeout and -write-timeout must be 0 (no limit) or at least 100ms"},
		// A nanosecond has passed before the first read: the request was
		// dropped unanswered.
		{"read timeout of 1ns", []string{"-listen", "127.0.0.1:0", "-read-timeout", "1ns"}, 2, "-read-timeout and -write-timeout must be 0 (no limit) or at least 100ms"},
		{"write timeout under 100ms", []string{"-listen", "127.0.0.1:0", "-write-timeout", "99ms"}, 2, "-read-timeout and -write-timeout must be 0 (no limit) or at least 100ms"},
		{"negative max-headers", []string{"-max-headers", "-1", "testdata/in/request-valid.http"}, 2, "must be at least 0 (0: the parser's default)"},
		{"negative max-start-line", []string{"-max-start-line", "-5", "testdata/in/request-valid.http"}, 2, "must be at least 0 (0: the parser's default)"},
		{"negative max-body", []string{"-listen", "127.0.0.1:0", "-max-body", "-1"}, 2, "-max-body at least 0"},
		{"max-input 0", []string{"-max-input", "0", "testdata/in/request-valid.http"}, 2, "-max-input must be between 1 and 1073741824"},
		// Inputs are read whole: -max-input 9223372036854775807 on
		// /dev/zero filled memory.
		{"max-input above the bound", []string{"-max-input", "1073741825", "testdata/in/request-valid.http"}, 2, "-max-input must be between 1 and 1073741824"},
		{"max-input at the int64 limit", []string{"-max-input", "9223372036854775807", "testdata/in/request-valid.http"}, 2, "-max-input must be between 1 and 1073741824"},
		// With -listen each connection's buffer is their sum: the
		// largest int made the first connection panic.
		{"max-header-bytes above the bound", []string{"-max-header-bytes", "1048577", "testdata/in/request-valid.http"}, 2, "-max-start-line and -max-header-bytes must be at most 1048576"},
		{"max-start-line at the int64 limit", []string{"-max-start-line", "9223372036854775807", "testdata/in/request-valid.http"}, 2, "-max-start-line and -max-header-bytes must be at most 1048576"},
		{"max-header-bytes at the bound", []string{"-max-header-bytes", "1048576", "-max-start-line", "1048576", "testdata/in/request-valid.http"}, 0, ""},
		// With -listen every connection holds its buffers (about 244 KiB
		// with the default head limits), so -max-conns 1000000000 let
		// clients take hundreds of GiB: all of them at most 1 GiB.
		{"max-conns 0", []string{"-max-conns", "0", "testdata/in/request-valid.http"}, 2, "-max-conns must be between 1 and 4297"},
		{"max-conns above the bound", []string{"-max-conns", "4298", "testdata/in/request-valid.http"}, 2, "-max-conns must be between 1 and 4297: each connection holds up to 249850 bytes of buffers with -max-start-line 8190 and -max-header-bytes 65536, and all of them at most 1073741824 (1 GiB)"},
		{"max-conns at the int64 limit", []string{"-max-conns", "9223372036854775807", "testdata/in/request-valid.http"}, 2, "-max-conns must be between 1 and 4297"},
		{"max-conns above the bound with larger heads", []string{"-max-conns", "336", "-max-header-bytes", "1048576", "testdata/in/request-valid.http"}, 2, "-max-conns must be between 1 and 335: each connection holds up to 3198970 bytes of buffers with -max-start-line 8190 and -max-header-bytes 1048576,"},
		{"max-conns above the bound with the largest heads", []string{"-max-conns", "170", "-max-header-bytes", "1048576", "-max-start-line", "1048576", "testdata/in/request-valid.http"}, 2, "-max-conns must be between 1 and 169: each connection holds up to 6320128 bytes of buffers with -max-start-line 1048576 and -max-header-bytes 1048576,"},
		{"max-conns at the bound", []string{"-max-conns", "4297", "testdata/in/request-valid.http"}, 0, ""},
		{"max-conns at the bound with the largest heads", []string{"-max-conns", "169", "-max-header-bytes", "1048576", "-max-start-line", "1048576", "testdata/in/request-valid.http"}, 0, ""},
		{"zero max-requests", []string{"-max-requests", "0", "testdata/in/request-valid.http"}, 2, "-max-requests must be at least 1"},
		{"empty listen address", []string{"-listen", ""}, 2, "-listen needs an address"},
		{"empty input name", []string{""}, 2, `an input is named ""`},
		// Standard input is read whole by the first "-": the second
		// was reported as a valid input with no message.
		{"standard input twice", []string{"-", "-"}, 2, `standard input ("-") is read once`},
		{"standard input twice among files", []string{"-", "testdata/in/request-valid.http", "-"}, 2, `standard input ("-") is read once`},
		{"file over max-input", []string{"-max-input", "10", "testdata/in/request-valid.http"}, 2, "reading testdata/in/request-valid.http: input longer than the limit of 10 bytes (-max-input)"},
		{"stdin over max-input", []string{"-max-input", "10", "-"}, 2, "reading standard input: input longer than the limit of 10 bytes (-max-input)"},
		// The largest limit still reads the input (max+1 once wrapped
		// at the int64 limit, and every input read as empty was valid).
		{"max-input at the bound", []string{"-max-input", "1073741824", "testdata/in/bare-lf.http"}, 1, ""},
		{"valid", []string{"testdata/in/request-valid.http"}, 0, ""},
		{"invalid", []string{"testdata/in/bare-lf.http", "testdata/in/request-valid.http"}, 1, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tc.args, strings.NewReader("GET / HTTP/1.1\r\nHost: a\r\n\r\n"), &stdout, &stderr)
			if code != tc.code || !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("run(%q) = %d, stderr %q; want %d, stderr containing %q", tc.args, code, stderr.String(), tc.code, tc.stderr)
			}
		})
	}
}

// TestHelpNamesEveryFlag checks that -h explains every flag.
func TestHelpNamesEveryFlag(t *testing.T) {
	var stdout, stderr bytes.Buffer
	run([]string{"-h"}, nil, &stdout, &stderr)
	for _, f := range []string{"mode", "allow", "reject-folding", "max-start-line", "max-header-bytes", "max-headers", "request", "response", "head", "pair", "json", "listen", "max-conns", "max-requests", "max-body", "read-timeout", "write-timeout", "max-input"} {
		if !strings.Contains(stderr.String(), "  -"+f+" ") && !strings.Contains(stderr.String(), "  -"+f+"\n") {
			t.Errorf("-h does not explain -%s:\n%s", f, stderr.String())
		}
	}
}

func TestLenientSetsEveryAllow(t *testing.T) {
	cfg, err := parseArgs([]string{"-mode", "lenient"}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	o := cfg.opts
	if !o.AllowBareLF || !o.AllowLeadingEmptyLines || !o.AllowTolerantStartLine || !o.AllowContentLengthWithTE || !o.AllowDuplicateContentLength || !o.AllowSpaceBeforeColon || !o.AllowInvalidDates || o.RejectFolding {
		t.Errorf("-mode lenient gives %+v", o)
	}
}

func TestShowLine(t *testing.T) {
	for _, tc := range []struct {
		name  string
		data  string
		off   int
		line  string
		caret int
	}{
		{"plain", "GET / HTTP/1.1\r\n", 4, `GET / HTTP/1.1\r\n`, 4},
		{"escapes widen", "A:\t\x00\xffB\r\n", 5, `A:\t\x00\xffB\r\n`, 12},
		{"at the LF", "ab\ncd\n", 2, `ab\n`, 2},
		{"second line", "ab\ncd\n", 4, `cd\n`, 1},
		{"end of input", "ab", 2, `ab`, 2},
		{"long line", strings.Repeat("x", 200) + "!" + strings.Repeat("y", 200), 200, "..." + strings.Repeat("x", 48) + "!" + strings.Repeat("y", 47) + "...", 51},
	} {
		t.Run(tc.name, func(t *testing.T) {
			line, caret := showLine([]byte(tc.data), tc.off)
			if line != tc.line || caret != tc.caret {
				t.Errorf("showLine = %q, %d; want %q, %d", line, caret, tc.line, tc.caret)
			}
		})
	}
}

func TestColour(t *testing.T) {
	env := func(v string) func(string) string { return func(string) string { return v } }
	if useColour(&bytes.Buffer{}, env("")) {
		t.Error("colour on a buffer")
	}
	f, err := os.Open(os.DevNull) // a character device
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if !useColour(f, env("")) {
		t.Error("no colour on a character device")
	}
	if useColour(f, env("1")) {
		t.Error("colour with NO_COLOR=1")
	}
	var out bytes.Buffer
	r := (&checker{}).validate("x", []byte("GET / HTTP/1.1\r\n\r\n"))
	writeHuman(&out, r, colour)
	if !strings.Contains(out.String(), "\x1b[31m[Host]\x1b[0m") || !strings.Contains(out.String(), "\x1b[31minvalid\x1b[0m") {
		t.Errorf("no colour in %q", out.String())
	}
}

// TestWalkGoesOn: a directory that cannot be read is an I/O error (exit
// status 2), and the walk goes on with the rest of the tree; it stopped
// there, so the files after it were never validated and an invalid one
// among them went unreported. The directory is one whose path is longer
// than PATH_MAX, so that it fails for root too (permissions would not).
func TestWalkGoesOn(t *testing.T) {
	dir := t.TempDir()
	r, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	name := strings.Repeat("d", 250)
	for depth := 0; depth < 20; depth++ { // 20*251 bytes: past PATH_MAX (4096)
		if err := r.Mkdir(name, 0o755); err != nil {
			t.Fatal(err)
		}
		sub, err := r.OpenRoot(name)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		r = sub
	}
	r.Close()
	if err := os.WriteFile(filepath.Join(dir, "e.http"), []byte("GET / HTTP/1.1\r\n\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "f.http"), []byte("GET / HTTP/1.1\r\nHost: a\r\n\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{dir}, strings.NewReader(""), &stdout, &stderr)
	if code != 2 || !strings.Contains(stderr.String(), "file name too long") {
		t.Errorf("exit status %d, stderr %q; want 2 and the unreadable directory", code, stderr.String())
	}
	for _, want := range []string{"e.http: invalid: 1 message", "f.http: ok: 1 message"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout.String())
		}
	}
}

// heapWriter records the most heap in use at its writes, after a GC.
type heapWriter struct {
	writes int
	peak   uint64
}

func (w *heapWriter) Write(p []byte) (int, error) {
	if w.writes%64 == 0 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		w.peak = max(w.peak, ms.HeapAlloc)
	}
	w.writes++
	return len(p), nil
}

// TestManyMessagesMemory: an input of many small messages is validated
// and written with -json in memory near the input's size. Every message
// was kept, then the whole JSON line built before its first byte was
// written: a 64 MiB file of "GET / HTTP/1.0\r\n\r\n" took 4.8 GB (2.5 GB
// without -json), so -max-input bounded memory only by 75 times its value.
func TestManyMessagesMemory(t *testing.T) {
	msg := "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n" // §19.6.2: more may follow
	in := strings.Repeat(msg, 4<<20/len(msg))
	f := filepath.Join(t.TempDir(), "many.http")
	if err := os.WriteFile(f, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var out heapWriter
	var stderr bytes.Buffer
	if code := run([]string{"-json", f}, strings.NewReader(""), &out, &stderr); code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr.String())
	}
	if grew := int64(out.peak) - int64(base); grew > 4*int64(len(in)) {
		t.Errorf("heap grew by %d bytes for an input of %d: more than 4 times it", grew, len(in))
	}
}

// TestAllowRepeated: -allow given more than once turns on the leniencies
// of every one; the last used to replace the others, silently.
func TestAllowRepeated(t *testing.T) {
	cfg, err := parseArgs([]string{"-allow", "bare-lf", "-allow", "cl-with-te,data-after-close"}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.opts.AllowBareLF || !cfg.opts.AllowContentLengthWithTE || !cfg.afterClose {
		t.Errorf("-allow bare-lf -allow cl-with-te,data-after-close: AllowBareLF %v, AllowContentLengthWithTE %v, data-after-close %v; want all true",
			cfg.opts.AllowBareLF, cfg.opts.AllowContentLengthWithTE, cfg.afterClose)
	}
}

// TestPrintableNames: a file name with a control character, an invalid
// UTF-8 byte or a bidirectional override is quoted in text output, so it
// cannot break a file:line:col line or drive a terminal (an audit found
// names printed raw); JSON keeps the name.
func TestPrintableNames(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"plain/name.http", "plain/name.http"},
		{"with space.http", "with space.http"},
		{"é.http", "é.http"},
		{"a\x1b[31mred", `"a\x1b[31mred"`},
		{"new\nline", `"new\nline"`},
		{"bad\xffbyte", `"bad\xffbyte"`},
		{"rtl\u202etxt.http", `"rtl\u202etxt.http"`},
	} {
		if got := printable(tt.in); got != tt.want {
			t.Errorf("printable(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
	dir := t.TempDir()
	name := filepath.Join(dir, "a\x1b[31m.http")
	if err := os.WriteFile(name, []byte("GET / HTTP/1.1\r\nHost: a\r\n\r\n"), 0o644); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	var stdout, stderr strings.Builder
	if code := run([]string{dir}, strings.NewReader(""), &stdout, &stderr); code != 0 || strings.Contains(stdout.String(), "\x1b") || !strings.Contains(stdout.String(), `a\x1b[31m.http": ok`) {
		t.Errorf("exit %d, stdout %q", code, stdout.String())
	}
	stdout.Reset()
	if run([]string{"-json", dir}, strings.NewReader(""), &stdout, &stderr); !strings.Contains(stdout.String(), `a\u001b[31m.http`) {
		t.Errorf("-json: %q, want the name escaped by JSON", stdout.String())
	}
}

// TestJSONIOError: with -json every input has a line, one that cannot be
// read too, with "io_error" (an audit found it missing: a consumer that
// matched lines to inputs lost one); exit status 2.
func TestJSONIOError(t *testing.T) {
	var stdout, stderr strings.Builder
	code := run([]string{"-json", "testdata/in/no-such-file", "testdata/in/request-valid.http"}, strings.NewReader(""), &stdout, &stderr)
	lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
	if code != 2 || len(lines) != 2 {
		t.Fatalf("exit %d, %d lines: %q", code, len(lines), stdout.String())
	}
	var first struct {
		File    string `json:"file"`
		Valid   bool   `json:"valid"`
		IOError string `json:"io_error"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first.File != "testdata/in/no-such-file" || first.Valid || !strings.Contains(first.IOError, "no such file") {
		t.Errorf("first line %+v", first)
	}
	if strings.Contains(lines[1], "io_error") {
		t.Errorf("a readable input's line has io_error: %s", lines[1])
	}
}

// TestEmptyLinesAtEnd: with -allow leading-empty-lines, CRLF after the
// last request is ignored (§4.1: "Certain buggy HTTP/1.0 client
// implementations generate extra CRLF's after a POST request"), as
// parser.Reader ends such a stream; an audit found it reported as a
// head the input ends inside. Strict, it is an error.
func TestEmptyLinesAtEnd(t *testing.T) {
	in := "POST / HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nab\r\n\r\n"
	for _, tt := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"-allow", "leading-empty-lines"}, 0, "<stdin>: ok: 1 message"},
		{nil, 1, "empty line before the request line"},
	} {
		var stdout, stderr strings.Builder
		code := run(tt.args, strings.NewReader(in), &stdout, &stderr)
		if code != tt.code || !strings.Contains(stdout.String(), tt.out) {
			t.Errorf("%q: exit %d, %q; want %d, %q", tt.args, code, stdout.String(), tt.code, tt.out)
		}
	}
}
