package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/abnfc/abnfc/internal/bounded"
	"github.com/abnfc/abnfc/parser"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// leniency is one name -allow takes, for one parser.Options field or one
// rule of httpcheck's own (field "").
type leniency struct {
	name, field, what string
	set               func(*checker)
}

// leniencies are the names -allow takes, sorted.
var leniencies = []leniency{
	{"bare-lf", "AllowBareLF", "LF without CR ends a line (§19.3)", func(c *checker) { c.opts.AllowBareLF = true }},
	{"cl-with-te", "AllowContentLengthWithTE", "Content-Length with Transfer-Encoding; Content-Length is ignored (§4.4)", func(c *checker) { c.opts.AllowContentLengthWithTE = true }},
	{"data-after-close", "", "bytes after a message that closes the connection, read as more messages (§8.1.2.1, §14.10)", func(c *checker) { c.afterClose = true }},
	{"duplicate-content-length", "AllowDuplicateContentLength", "repeated Content-Length fields with one value (§4.2)", func(c *checker) { c.opts.AllowDuplicateContentLength = true }},
	{"invalid-dates", "AllowInvalidDates", "a value that is not an HTTP-date in Expires, If-Modified-Since, If-Unmodified-Since (§14.21, §14.25, §14.28)", func(c *checker) { c.opts.AllowInvalidDates = true }},
	{"leading-empty-lines", "AllowLeadingEmptyLines", "empty lines before a request line (§4.1)", func(c *checker) { c.opts.AllowLeadingEmptyLines = true }},
	{"space-before-colon", "AllowSpaceBeforeColon", "white space between a field-name and its colon (§2.1's implied LWS; RFC 7230 §3.2.4 forbids it)", func(c *checker) { c.opts.AllowSpaceBeforeColon = true }},
	{"tolerant-start-line", "AllowTolerantStartLine", "runs of SP or HT between start-line fields (§19.3)", func(c *checker) { c.opts.AllowTolerantStartLine = true }},
}

// leniencyNames returns the names -allow takes, sorted.
func leniencyNames() []string {
	names := make([]string, len(leniencies))
	for i, l := range leniencies {
		names[i] = l.name
	}
	return names
}

// lookupLeniency returns the leniency called name, or nil.
func lookupLeniency(name string) *leniency {
	for i := range leniencies {
		if leniencies[i].name == name {
			return &leniencies[i]
		}
	}
	return nil
}

// lenientChecker returns the checker of -mode lenient: every leniency.
func lenientChecker() checker {
	var c checker
	for _, l := range leniencies {
		l.set(&c)
	}
	return c
}

// lenientOptions returns the parser.Options of -mode lenient: every
// leniency of parser.Options.
func lenientOptions() parser.Options { return lenientChecker().opts }

// config is the parsed command line.
type config struct {
	checker
	json bool
	// pair validates inputs[0], requests, and inputs[1], the responses
	// to them, as one exchange (-pair).
	pairMode bool
	listen   string
	srv      serverLimits
	inputs   []string
	// maxInput bounds each file or standard input read whole (-max-input).
	maxInput int64
}

const usageLine = `usage: httpcheck [flags] [FILE|DIR|-]...
       httpcheck [flags] -pair REQUESTS RESPONSES
       httpcheck [flags] -listen ADDR`

// parseArgs parses the command line. It returns a usage error for misuse
// and flag.ErrHelp for -h.
func parseArgs(args []string, stderr io.Writer) (*config, error) {
	c := &config{}
	fset := flag.NewFlagSet("httpcheck", flag.ContinueOnError)
	fset.SetOutput(stderr)
	mode := fset.String("mode", "strict", "`strict`: RFC 2616 with its errata, the message rules of §4.1, §4.2, §4.4, §8.1 and §14.23\nand every §14 header's own grammar (parser.Options{}); lenient: every leniency below")
	var allow []string // each -allow's value: the flag may be repeated
	fset.Func("allow", "comma-separated `leniencies` to turn on one by one (listed below); may be repeated", func(v string) error {
		allow = append(allow, v)
		return nil
	})
	fset.BoolVar(&c.opts.RejectFolding, "reject-folding", false, "reject header values folded over several lines (RFC 7230 §3.2.4)")
	fset.IntVar(&c.opts.MaxStartLine, "max-start-line", 0, "longest start line in `bytes`, at most 1048576 (0: the parser's default, 8190)")
	fset.IntVar(&c.opts.MaxHeaderBytes, "max-header-bytes", 0, "most `bytes` of a head's header fields, the empty line ending them included (not the start line),\nat most 1048576 (0: the parser's default, 65536)")
	fset.IntVar(&c.opts.MaxHeaders, "max-headers", 0, "most header fields in a message (0: the parser's default, 100)")
	req := fset.Bool("request", false, "every message is a request (default: a message starting with \"HTTP/\" is a response)")
	resp := fset.Bool("response", false, "every message is a response")
	fset.BoolVar(&c.head, "head", false, "responses answer HEAD requests, so they have no body (§4.4); by default a response answers another method")
	fset.Int64Var(&c.maxInput, "max-input", 64<<20, "largest file or standard input read, in `bytes`, at most 1073741824; a larger one is an I/O error")
	fset.BoolVar(&c.pairMode, "pair", false, "take two inputs, the requests and the responses of one connection, and validate them\nas one exchange: each final response answers the next request (§8.1.2.2), framed by\nits method (§4.4, §9.9)")
	fset.BoolVar(&c.json, "json", false, "write one JSON object per input (JSON Lines) instead of diagnostics")
	fset.StringVar(&c.listen, "listen", "", "serve HTTP on `ADDR` (such as 127.0.0.1:8080) and validate every request received")
	fset.IntVar(&c.srv.MaxConns, "max-conns", 64, "with -listen: most connections served at once; each holds up to 244 KiB of buffers\n(more with larger -max-start-line or -max-header-bytes) and all of them at most 1 GiB,\nso at most 4297 with the default head limits")
	fset.IntVar(&c.srv.MaxRequests, "max-requests", 100, "with -listen: most requests on one connection")
	fset.Int64Var(&c.srv.MaxBody, "max-body", 1<<20, "with -listen: most body `bytes` read from one request, more gets 413 (9223372036854775807: no limit)")
	fset.DurationVar(&c.srv.ReadTimeout, "read-timeout", 10*time.Second, "with -listen: time to read each request, head and body, 0 (no limit) or at least 100ms; one cut short gets 408,\nbut a head already invalid gets 400 within about 0.5 s")
	fset.DurationVar(&c.srv.WriteTimeout, "write-timeout", 10*time.Second, "with -listen: time to write each response, 0 (no limit) or at least 100ms")
	fset.Usage = func() {
		w := fset.Output()
		fmt.Fprintf(w, "%s\n\n", usageLine)
		fmt.Fprint(w, `httpcheck validates HTTP/1.x messages against RFC 2616 and says where and
why they break it. Each input (a file, a directory walked recursively, or
standard input when there is none or "-") holds one or more pipelined
messages, read as raw bytes. Validation of an input stops at its first error.

Flags:
`)
		fset.PrintDefaults()
		fmt.Fprintf(w, "\nLeniencies (-allow NAME,...; -mode lenient turns on all):\n")
		for _, l := range leniencies {
			owner := "httpcheck's own rule"
			if l.field != "" {
				owner = "parser.Options." + l.field
			}
			fmt.Fprintf(w, "  %-25s %s (%s)\n", l.name, l.what, owner)
		}
		fmt.Fprint(w, `
A response is taken to answer a request other than HEAD (§4.4) unless -head.
The bytes after a 101 (Switching Protocols) response (§10.1.2), a CONNECT
request (§9.9) or a request with Upgrade and "upgrade" in Connection
(§14.42) may be another protocol's: they are not validated, and a note says
how many there are. Bytes after a message that closes the connection
(Connection: close; HTTP/1.0 without keep-alive) are an error (§8.1.2.1)
unless -allow data-after-close.

With -pair, the two inputs are the requests and the responses of one
connection (its two directions, as a capture gives them). The requests are
validated as with -request; each final response answers the next request in
order (§8.1.2.2) and is framed by its method (§4.4: no body after HEAD; §9.9:
none in a 2xx to CONNECT), while 1xx responses other than 101 are interim
(§10.1). A response with no request left, a 100 (Continue) to an HTTP/1.0
request (§8.2.3) or another 1xx to one, 101 too (§10.1), a 101 to a request
without Upgrade (§10.1.2, §14.42), and a transfer-coding in a response to an
HTTP/1.0 request (§3.6) are errors. A 2xx to CONNECT or a 101 to a request with Upgrade ends both
inputs' HTTP (a note says how many bytes are left); another answer keeps the
connection HTTP, and the requests after it are validated. A response that
closes the connection ends the exchange; the requests after the one it
answers, or those left when the responses end, are noted as not answered.
REQUESTS and RESPONSES may be two directories, one per direction: each file
of the first (walked as above) is paired with the file of the same relative
path in the second; a file without its twin is an I/O error.

With -listen, each request received is validated from the raw bytes of its
connection and answered with 200 or 400 and the diagnostics, as JSON when its
Accept field names application/json (with a qvalue above 0 and not below
text/plain's, §14.1); one that -read-timeout cuts short gets 408 (but a head
whose bytes so far are already invalid gets 400 within about 0.5 s: while a
head is incomplete, the server parses what it holds every 0.5 s), one with an
expectation other than 100-continue 417 (§14.20), and one with a body longer
than -max-body 413 (instead of 100 Continue when Content-Length says so); a
valid CONNECT gets 501 (§5.1.1: httpcheck opens no tunnel) and the connection
closes. Pipelined requests are answered in order; the connection closes after
an invalid request, one that is not persistent (Connection: close; HTTP/1.0
without keep-alive) or -max-requests.
SIGINT or SIGTERM shuts the server down gracefully.

With -json, each input gives one line:
  {"file", "valid", "messages": [{"kind", "valid", "offset", "method", "target",
   "version", "status", "reason", "headers": [[name, value]...], "host",
   "body_length", "trailer": [[name, value]...], "keep_alive", "answers"}...], "errors": [{"offset",
   "line", "col", "rule", "section", "message"}...], "unvalidated": {"offset", "line",
   "col", "length", "after", "section"}, "unanswered": {"offset", "line", "col",
   "count", "why", "section"}}
  ("trailer" only for a chunked body with trailer fields; "unvalidated" only when
  bytes after a protocol switch are left; "answers" only with -pair: the offset
  of the request a response answers; "unanswered" only with -pair, for requests
  without a response; an input that cannot be read has a line with "io_error",
  why, and no messages)

Output: file:line:col: [rule] message (RFC 2616 §x.y), the offending line and
a caret, and a summary line per input; colour only on a terminal without
NO_COLOR. Exit status: 0 all inputs valid, 1 some invalid, 2 misuse or I/O error.
`)
	}
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, usageError{""} // the flag package has said why
	}
	switch *mode {
	case "strict":
	case "lenient":
		lim, fold := c.opts, c.opts.RejectFolding
		c.opts, c.afterClose = lenientOptions(), true
		c.opts.MaxStartLine, c.opts.MaxHeaderBytes, c.opts.MaxHeaders = lim.MaxStartLine, lim.MaxHeaderBytes, lim.MaxHeaders
		c.opts.RejectFolding = fold
	default:
		return nil, usageError{fmt.Sprintf("unknown -mode %q: strict or lenient", *mode)}
	}
	for _, a := range allow {
		if a == "" {
			continue
		}
		for n := range strings.SplitSeq(a, ",") {
			n = strings.TrimSpace(n)
			l := lookupLeniency(n)
			if l == nil {
				return nil, usageError{fmt.Sprintf("unknown leniency %q in -allow; valid names: %s", n, strings.Join(leniencyNames(), ", "))}
			}
			l.set(&c.checker)
		}
	}
	switch {
	case *req && *resp:
		return nil, usageError{"-request and -response exclude each other"}
	case *req:
		c.kind = kindRequest
	case *resp:
		c.kind = kindResponse
	}
	c.inputs = fset.Args()
	if c.pairMode {
		for _, f := range []struct {
			set  bool
			name string
		}{{*req, "-request"}, {*resp, "-response"}, {c.head, "-head"}, {flagGiven(fset, "listen"), "-listen"}} {
			if f.set {
				return nil, usageError{"-pair excludes " + f.name + ": the requests input is read as requests, the responses input as responses answering them"}
			}
		}
		if len(c.inputs) == 2 && c.inputs[0] == "-" && c.inputs[1] == "-" {
			return nil, usageError{"-pair reads standard input for one input at most"}
		}
		if len(c.inputs) != 2 {
			return nil, usageError{fmt.Sprintf("-pair takes two inputs, REQUESTS and RESPONSES, not %d", len(c.inputs))}
		}
	}
	if !c.pairMode && countStdin(c.inputs) > 1 {
		// Read whole by the first "-", standard input is empty for the
		// others, which were reported valid, with no message.
		return nil, usageError{`standard input ("-") is read once: name it at most once`}
	}
	if c.listen == "" && flagGiven(fset, "listen") {
		return nil, usageError{"-listen needs an address, such as 127.0.0.1:8080"}
	}
	// The flags of file mode would do nothing with -listen: say so, as
	// -pair does of those it excludes.
	if flagGiven(fset, "listen") {
		for _, name := range []string{"json", "request", "response", "head", "max-input"} {
			if flagGiven(fset, name) {
				return nil, usageError{"-listen excludes -" + name + ": the server reads requests from connections, and answers in JSON when a request's Accept asks for it"}
			}
		}
	}
	if c.listen != "" && len(c.inputs) > 0 {
		return nil, usageError{"-listen takes no inputs"}
	}
	if slices.Contains(c.inputs, "") {
		return nil, usageError{`an input is named "": name a file, a directory, or - for standard input`}
	}
	if c.srv.MaxRequests < 1 || c.srv.MaxBody < 0 {
		return nil, usageError{"-max-requests must be at least 1, -max-body at least 0"}
	}
	// A timeout of a few nanoseconds has passed before the first read:
	// a request already in the socket was dropped unanswered, as if its
	// connection had been idle.
	if bad := func(d time.Duration) bool { return d < 0 || d > 0 && d < minTimeout }; bad(c.srv.ReadTimeout) || bad(c.srv.WriteTimeout) {
		return nil, usageError{fmt.Sprintf("-read-timeout and -write-timeout must be 0 (no limit) or at least %v", minTimeout)}
	}
	if c.maxInput < 1 || c.maxInput > maxInputLimit {
		return nil, usageError{fmt.Sprintf("-max-input must be between 1 and %d", maxInputLimit)}
	}
	if c.opts.MaxStartLine < 0 || c.opts.MaxHeaderBytes < 0 || c.opts.MaxHeaders < 0 {
		return nil, usageError{"-max-start-line, -max-header-bytes and -max-headers must be at least 0 (0: the parser's default)"}
	}
	if c.opts.MaxStartLine > maxHeadLimit || c.opts.MaxHeaderBytes > maxHeadLimit {
		return nil, usageError{fmt.Sprintf("-max-start-line and -max-header-bytes must be at most %d", maxHeadLimit)}
	}
	// After the head limits, which connBuffers needs in their bounds.
	if per := connBuffers(&c.opts); c.srv.MaxConns < 1 || c.srv.MaxConns > maxConnBuffers/per {
		line, head := headLimits(&c.opts)
		return nil, usageError{fmt.Sprintf("-max-conns must be between 1 and %d: each connection holds up to %d bytes of buffers with -max-start-line %d and -max-header-bytes %d, and all of them at most %d (1 GiB)", maxConnBuffers/per, per, line, head, maxConnBuffers)}
	}
	return c, nil
}

// countStdin returns how many of inputs name standard input ("-").
func countStdin(inputs []string) int {
	n := 0
	for _, in := range inputs {
		if in == "-" {
			n++
		}
	}
	return n
}

// minTimeout is the shortest -read-timeout and -write-timeout, as
// httpfuzz's shortest -interval.
const minTimeout = 100 * time.Millisecond

// maxInputLimit bounds -max-input: inputs are read whole into memory, so
// the limit is memory, and 1 GiB is far past any HTTP message file.
const maxInputLimit = 1 << 30

// maxHeadLimit bounds -max-start-line and -max-header-bytes: with -listen
// every connection's parser.Reader holds a buffer of their sum, made when
// the connection is accepted (-max-header-bytes 9223372036854775807 made
// it panic).
const maxHeadLimit = 1 << 20

// maxConnBuffers bounds -max-conns: with -listen every connection holds
// the buffers connBuffers counts, so -max-conns times them is at most
// 1 GiB, as -max-input bounds one input read whole. That is 4297
// connections with the default head limits and 169 with both at
// maxHeadLimit (-max-conns 1000000000 let clients take hundreds of GiB).
const maxConnBuffers = 1 << 30

// flagGiven reports whether the flag name was set on the command line.
func flagGiven(fset *flag.FlagSet, name string) bool {
	given := false
	fset.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

// usageError reports misuse: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// run is the command: it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, err := parseArgs(args, stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		if ue, ok := err.(usageError); ok && ue.msg != "" {
			fmt.Fprintf(stderr, "httpcheck: %s\n%s\nRun 'httpcheck -h' for the flags.\n", ue.msg, usageLine)
		}
		return 2
	}
	if cfg.listen != "" {
		return serveMain(cfg, stderr)
	}
	st := style{}
	if !cfg.json && useColour(stdout, os.Getenv) {
		st = colour
	}
	bw := bufio.NewWriter(stdout)
	code := 0
	report := func(name string, data []byte) {
		// The messages are counted, not kept (millions of small ones
		// took memory many times the input's size), and written with
		// -json from a second pass, once the line's "valid" is known.
		r := &result{Name: name, Data: data}
		n, valid := cfg.scan(r, data, func(message) {})
		if cfg.json {
			err := writeJSONStream(bw, r, func(each func(message)) {
				cfg.scan(&result{Data: data}, data, each)
			})
			if err != nil {
				fmt.Fprintf(stderr, "httpcheck: %s\n", printable(err.Error()))
				code = 2
			}
		} else {
			writeText(bw, r, n, valid, st)
		}
		if !r.Valid() && code == 0 {
			code = 1
		}
	}
	ioErr := func(name string, err error) { code = reportIOError(cfg, bw, stderr, name, err) }
	if cfg.pairMode {
		return pairMain(cfg, stdin, bw, stderr, st)
	}
	inputs := cfg.inputs
	if len(inputs) == 0 {
		inputs = []string{"-"}
	}
	for _, in := range inputs {
		if in == "-" {
			name, data, err := readStdin(stdin, cfg.maxInput)
			if err != nil {
				ioErr(name, err)
				continue
			}
			report(name, data)
			continue
		}
		err := forEachFile(in, func(path string) {
			data, err := readFile(path, cfg.maxInput)
			if err != nil {
				ioErr(path, err)
				return
			}
			report(path, data)
		}, func(err error) { ioErr(walkErrorName(err, in), err) })
		if err != nil {
			ioErr(in, err)
		}
	}
	return flushed(bw, stderr, code)
}

// reportIOError reports the input named name, which could not be read
// (or, with -pair, paired): on stderr, and with -json as its line too
// (writeJSONIOError), so that every input has one. It returns 2, the
// exit status of an I/O error.
func reportIOError(cfg *config, bw *bufio.Writer, stderr io.Writer, name string, err error) int {
	if cfg.json {
		writeJSONIOError(bw, name, err)
	}
	bw.Flush()
	fmt.Fprintf(stderr, "httpcheck: %s\n", printable(err.Error()))
	return 2
}

// walkErrorName is the input an error of forEachFile's walk below dir is
// about: its *fs.PathError's path (WalkDir's errors are), else dir.
func walkErrorName(err error, dir string) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Path
	}
	return dir
}

// flushed flushes bw and returns code, or 2 when the output could not be
// written (which it reports on stderr).
func flushed(bw *bufio.Writer, stderr io.Writer, code int) int {
	if err := bw.Flush(); err != nil {
		fmt.Fprintf(stderr, "httpcheck: writing the output: %v\n", err)
		return 2
	}
	return code
}

// readStdin reads standard input whole, as readInput does, and returns
// the name diagnostics give it.
func readStdin(stdin io.Reader, max int64) (name string, data []byte, err error) {
	data, err = readInput(stdin, max)
	if err != nil {
		err = fmt.Errorf("reading standard input: %w", err)
	}
	return "<stdin>", data, err
}

// readFile reads the file at path whole, failing when it holds more than
// max bytes: the bytes read count, not the size Stat gives, which is 0
// for /dev/zero and pipes.
func readFile(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := readInput(f, max)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return b, nil
}

// readInput reads r to its end, failing once it has read more than max
// bytes.
func readInput(r io.Reader, max int64) ([]byte, error) {
	b, over, err := bounded.ReadAll(r, max)
	if err == nil && over {
		err = tooLong(max)
	}
	return b, err
}

func tooLong(max int64) error {
	return fmt.Errorf("input longer than the limit of %d bytes (-max-input)", max)
}

// forEachFile calls f for path if it is a file, or for every regular file
// under it in lexical order if it is a directory (or a symbolic link to
// one), skipping names that start with "." below path. Symbolic links
// inside directories are not followed. A directory below path that cannot
// be read is passed to fail, and the walk goes on with the rest; the
// error it returns is path's own.
func forEachFile(path string, f func(string), fail func(error)) error {
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		if fi, err := os.Stat(path); err == nil && fi.IsDir() {
			path += string(filepath.Separator) // walk the directory a named link points to
		}
	}
	return filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if d == nil || p == path {
				return err
			}
			fail(err) // ReadDir of a directory below path failed
			return nil
		}
		if p != path && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() || (p == path && !d.IsDir()) {
			f(p)
		}
		return nil
	})
}

// serveMain runs the server until SIGINT or SIGTERM.
func serveMain(cfg *config, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ln, err := net.Listen("tcp", cfg.listen)
	if err != nil {
		fmt.Fprintf(stderr, "httpcheck: %s\n", printable(err.Error()))
		return 2
	}
	fmt.Fprintf(stderr, "httpcheck: listening on %s\n", ln.Addr())
	s := &server{checker: cfg.checker, limits: cfg.srv, logf: func(format string, args ...any) {
		fmt.Fprintf(stderr, "httpcheck: "+format+"\n", args...)
	}}
	if err := s.Serve(ctx, ln); err != nil {
		fmt.Fprintf(stderr, "httpcheck: %s\n", printable(err.Error()))
		return 2
	}
	fmt.Fprintf(stderr, "httpcheck: shut down\n")
	return 0
}
