package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/abnfc/abnfc/internal/httplist"
	"github.com/abnfc/abnfc/parser"
)

// -pair validates two inputs, the requests and the responses of one
// connection (its two directions, as a capture gives them), as one
// exchange: each final response answers the next request in order (RFC
// 2616 §8.1.2.2: "A server MUST send its responses to those requests in
// the same order that the requests were received"), so its framing is
// the one that request's method gives it (§4.4 rule 1: no body after
// HEAD; §9.9: none in a 2xx to CONNECT, after which the connection is a
// tunnel), and the answer decides whether a request that asks to switch
// protocols (CONNECT, Upgrade) ends the connection's HTTP.

// request is what the pairing keeps of a valid request until its final
// response.
type request struct {
	// Offset is where the request starts in the requests input.
	Offset int
	Method string
	// Upgrade is parser.Message.Upgrade: the request asks to switch
	// protocols (§14.42).
	Upgrade      bool
	Major, Minor int
}

// http10 reports whether r is an HTTP/1.0 (or earlier) request.
func (r *request) http10() bool { return http10(r.Major, r.Minor) }

// switches reports whether r may hand the connection to another protocol,
// depending on its answer: CONNECT (§9.9) or Upgrade (§14.42).
func (r *request) switches() bool { return r.Method == "CONNECT" || r.Upgrade }

// unanswered is a note on an input of requests: Count requests, from the
// one at Offset on, have no response in the responses input, for the
// reason Why gives (RFC 2616 §Section, "" when none says).
type unanswered struct {
	Offset, Count int
	Line, Col     int
	Why, Section  string
}

// pairing is the state of one -pair run: a stream over each input, and
// the request the next response answers.
type pairing struct {
	reqs, resps *stream
	// cur is the request that the next response answers; nil when the
	// next request is not read yet.
	cur *request
	// waiting is set while the requests stream is held after cur, a
	// request that switches: what follows it is HTTP only if the answer
	// is not 101 to Upgrade or 2xx to CONNECT.
	waiting bool
	// closedAt is the offset of the response after which the server
	// closed the connection, or -1.
	closedAt int
}

// pairCounts are the number of messages, and of valid ones, of each
// input of a pair.
type pairCounts struct {
	reqs, reqsValid, resps, respsValid int
}

// pair validates reqs.Data, the requests of a connection (as -request
// does), and resps.Data, its responses, as one exchange; their messages
// go to eachReq and eachResp, their errors and notes to reqs and resps.
// The exchange rules:
//
//   - a final response answers the next request; a 1xx response other
//     than 101 is interim and answers none (§10.1); a response with no
//     request left is an error (§8.1.2.2);
//   - a 100 (Continue) to an HTTP/1.0 request is an error (§8.2.3), and
//     so is any other 1xx, 101 too (§10.1);
//   - a 2xx to CONNECT makes the rest of both inputs a tunnel (§9.9), a
//     101 to a request with Upgrade another protocol (§10.1.2): neither
//     rest is validated; a 101 to a request without Upgrade is an error
//     (§10.1.2, §14.42); any other answer keeps the connection HTTP;
//   - a response that closes the connection ends the exchange: bytes
//     after it are an error as for one input (§8.1.2.1), the requests
//     after the one it answered are noted as unanswered (§8.1.4);
//   - requests left when the responses end are noted as unanswered (a
//     capture may have been cut).
//
// An input whose validation stops at an error is validated on alone: the
// other direction's messages after that point are not paired.
func (c *checker) pair(reqs, resps *result, eachReq, eachResp func(message)) pairCounts {
	rc, sc := *c, *c
	rc.kind, sc.kind = kindRequest, kindResponse
	rc.head, sc.head = false, false
	p := &pairing{reqs: rc.newStream(reqs, reqs.Data, eachReq), resps: sc.newStream(resps, resps.Data, eachResp), closedAt: -1}
	defer p.reqs.release()
	defer p.resps.release()
	p.exchange()
	p.finish()
	return pairCounts{p.reqs.count, p.reqs.valid, p.resps.count, p.resps.valid}
}

// pull validates the next request and makes it cur; it reports false when
// there is none: the requests input has ended, stopped at an error, or is
// held after a request that switches.
func (p *pairing) pull() bool {
	if p.waiting || !p.reqs.next(nil) {
		return false
	}
	m := p.reqs.m
	p.cur = &request{
		Offset: p.reqs.start, Method: string(m.Method),
		Upgrade: m.Upgrade, Major: m.Major, Minor: m.Minor,
	}
	if p.cur.switches() {
		p.waiting = true // follow or resume, once the answer is known
	} else {
		p.reqs.checkClose()
	}
	return true
}

// resume lets the requests stream go on after the request it was held
// at, whose answer kept the connection HTTP.
func (p *pairing) resume() {
	if p.waiting {
		p.waiting = false
		p.reqs.checkClose()
	}
}

// at is "name:line:col" of offset off in r's input.
func at(r *result, off int) string {
	line, col := lineCol(r.Data, off)
	return fmt.Sprintf("%s:%d:%d", printable(r.Name), line, col)
}

// exchange pairs each response with the request it answers, until the
// responses end or stop.
func (p *pairing) exchange() {
	reqs, resps := p.reqs.res, p.resps.res
	for {
		if p.cur == nil {
			p.pull()
		}
		var method []byte
		p.resps.answers = -1
		if p.cur != nil {
			method, p.resps.answers = []byte(p.cur.Method), p.cur.Offset
		}
		if !p.resps.next(method) {
			return
		}
		m, off := p.resps.m, p.resps.start
		if p.cur == nil {
			if len(reqs.Errors) > 0 {
				// The requests stopped at an error: the rest of
				// the responses are validated alone.
				p.resps.follow()
				continue
			}
			// §8.1.2.2: one response per request, in their order.
			resps.addError(off, "pipelining", "8.1.2.2", fmt.Sprintf("a response with no request left to answer: %s holds %s, and \"A server MUST send its responses to those requests in the same order that the requests were received\", one each", reqs.Name, plural(p.reqs.valid, "valid request")))
			p.resps.done = true
			return
		}
		r := p.cur
		if i := codedTE(m); i >= 0 && r.http10() && m.Status/100 != 1 && m.Body != parser.BodyNone {
			// §3.6: "A server MUST NOT send transfer-codings to an
			// HTTP/1.0 client" (which cannot decode them; §19.4.6).
			resps.addError(off+m.Headers[i].Offset, "Transfer-Encoding", "3.6", fmt.Sprintf("a transfer-coding in a response to an HTTP/1.0 request (%s): \"A server MUST NOT send transfer-codings to an HTTP/1.0 client\"", at(reqs, r.Offset)))
			p.resps.done = true
			return
		}
		switch {
		case m.Status == 100 && r.http10():
			resps.addError(off, "Expect", "8.2.3", fmt.Sprintf("a 100 (Continue) response to an HTTP/1.0 request (%s): an origin server \"MUST NOT send a 100 (Continue) response if such a request comes from an HTTP/1.0 (or earlier) client\"", at(reqs, r.Offset)))
			p.resps.done = true
			return
		case m.Status/100 == 1 && r.http10():
			// 101 too: an HTTP/1.0 request asks for no switch
			// (parser.Message.Upgrade).
			resps.addError(off, "Status-Code", "10.1", fmt.Sprintf("a %d response to an HTTP/1.0 request (%s): \"Since HTTP/1.0 did not define any 1xx status codes, servers MUST NOT send a 1xx response to an HTTP/1.0 client except under experimental conditions\"", m.Status, at(reqs, r.Offset)))
			p.resps.done = true
			return
		case m.Status/100 == 1 && m.Status != 101:
			// §10.1: "A client MUST be prepared to accept one or
			// more 1xx status responses prior to a regular
			// response": interim, r is still to be answered.
		case m.Status == 101:
			if !r.Upgrade {
				resps.addError(off, "Upgrade", "10.1.2", fmt.Sprintf("a 101 (Switching Protocols) response to a request without Upgrade (%s): \"The server will switch protocols to those defined by the response's Upgrade header field\", which answers the protocols the request's Upgrade field asks for (§14.42)", at(reqs, r.Offset)))
				p.resps.done = true
				return
			}
			// §10.1.2: the switch is made "immediately after the
			// empty line which terminates the 101 response", and
			// the client's bytes after its request are the new
			// protocol's too.
			p.cur = nil
			p.resps.handOver(fmt.Sprintf("a 101 (Switching Protocols) response to the request with Upgrade at %s: the connection carries the protocol its Upgrade field names", at(reqs, r.Offset)), "10.1.2")
			p.reqs.handOver(fmt.Sprintf("a request with Upgrade answered 101 (Switching Protocols) at %s: the connection carries the protocol its Upgrade field names", at(resps, off)), "10.1.2")
			return
		case r.Method == "CONNECT" && m.Status/100 == 2:
			// §9.9, RFC 2817 §5.2: after a 2xx to CONNECT the
			// connection is a tunnel, both ways.
			p.cur = nil
			p.resps.handOver(fmt.Sprintf("a %d response to the CONNECT request at %s: the connection is a tunnel", m.Status, at(reqs, r.Offset)), "9.9")
			p.reqs.handOver(fmt.Sprintf("a CONNECT request answered %d at %s: the connection is a tunnel", m.Status, at(resps, off)), "9.9")
			return
		default:
			// A final response that keeps the connection HTTP,
			// whatever r asked for.
			p.cur = nil
			p.resume()
		}
		if !m.KeepAlive && !p.resps.c.afterClose {
			// §8.1.2.1: the server closes the connection after
			// this response; bytes after it are an error.
			p.closedAt = off
			p.resps.checkClose()
			p.resps.done = true
			return
		}
	}
}

// finish validates the requests the responses left, alone, and notes
// those that had no final response: all of them after a response that
// closed the connection, and otherwise only if the responses ended
// without an error (after one, the pairing stopped).
func (p *pairing) finish() {
	first, n := -1, 0
	if p.cur != nil {
		first, n = p.cur.Offset, 1
		p.cur = nil
	}
	for {
		if p.waiting {
			// The answer is unknown: the rest may be another
			// protocol's, as for the requests alone.
			p.waiting = false
			p.reqs.follow()
		}
		if !p.pull() {
			break
		}
		if first < 0 {
			first = p.cur.Offset
		}
		n++
		p.cur = nil
	}
	if n == 0 {
		return
	}
	u := &unanswered{Offset: first, Count: n}
	u.Line, u.Col = lineCol(p.reqs.res.Data, first)
	switch {
	case p.closedAt >= 0:
		// §8.1.4: "A client, server, or proxy MAY close the
		// transport connection at any time"; the client must retry.
		u.Why, u.Section = "the server closed the connection after its response at "+at(p.resps.res, p.closedAt), "8.1.4"
	case len(p.resps.res.Errors) == 0:
		u.Why = p.resps.res.Name + " ends first (a capture may have been cut)"
	default:
		return
	}
	p.reqs.res.Unanswered = u
}

// pairMain is run for -pair: it validates cfg.inputs[0] and [1] as the
// requests and the responses of one connection and writes their reports,
// the requests' first, to bw. Two directories are walked as file mode
// walks one (pairDirs), and each file of the first is paired with the
// file of the same relative path in the second. It returns the exit
// status.
func pairMain(cfg *config, stdin io.Reader, bw *bufio.Writer, stderr io.Writer, st style) int {
	dirs := 0
	for _, in := range cfg.inputs {
		if in != "-" && isDir(in) {
			dirs++
		}
	}
	switch dirs {
	case 1:
		// A path that is not there is an input that cannot be read, not
		// a file beside a directory.
		for _, in := range cfg.inputs {
			if in == "-" {
				continue
			}
			if _, err := os.Stat(in); err != nil {
				return reportIOError(cfg, bw, stderr, in, err)
			}
		}
		fmt.Fprintf(stderr, "httpcheck: -pair takes two files or two directories, not one of each: %s, %s\n", cfg.inputs[0], cfg.inputs[1])
		return 2
	case 2:
		return pairDirs(cfg, bw, stderr, st)
	}
	var data [2][]byte
	var names [2]string
	for i, in := range cfg.inputs {
		var err error
		if in == "-" {
			names[i], data[i], err = readStdin(stdin, cfg.maxInput)
		} else {
			names[i] = in
			data[i], err = readFile(in, cfg.maxInput)
		}
		if err != nil {
			return reportIOError(cfg, bw, stderr, names[i], err)
		}
	}
	code := pairOne(cfg, names, data, bw, stderr, st)
	return flushed(bw, stderr, code)
}

// isDir reports whether path names a directory (or a symbolic link to
// one).
func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// pairDirs validates every file under the directory cfg.inputs[0] with
// the file of the same path under cfg.inputs[1] as one exchange, in the
// lexical order of the first directory's walk (the walk of file mode:
// names starting with "." and files that are not regular are skipped). A
// file in one directory without its twin in the other is an I/O error
// (exit status 2), and the rest are paired on.
func pairDirs(cfg *config, bw *bufio.Writer, stderr io.Writer, st style) int {
	code := 0
	fail := func(name string, err error) { code = reportIOError(cfg, bw, stderr, name, err) }
	reqDir, respDir := cfg.inputs[0], cfg.inputs[1]
	seen := map[string]bool{}
	err := forEachFile(reqDir, func(path string) {
		rel, err := filepath.Rel(reqDir, path)
		if err != nil {
			fail(path, err)
			return
		}
		seen[rel] = true
		names := [2]string{path, filepath.Join(respDir, rel)}
		var data [2][]byte
		for i, name := range names {
			if i == 1 && !isRegular(name) {
				fail(name, fmt.Errorf("-pair: %s has no responses file %s", path, name))
				return
			}
			if data[i], err = readFile(name, cfg.maxInput); err != nil {
				fail(name, err)
				return
			}
		}
		if c := pairOne(cfg, names, data, bw, stderr, st); c > code {
			code = c
		}
	}, func(err error) { fail(walkErrorName(err, reqDir), err) })
	if err != nil {
		fail(reqDir, err)
	}
	err = forEachFile(respDir, func(path string) {
		rel, err := filepath.Rel(respDir, path)
		if err == nil && !seen[rel] {
			err = fmt.Errorf("-pair: %s has no requests file %s", path, filepath.Join(reqDir, rel))
		}
		if err != nil {
			fail(filepath.Join(reqDir, rel), err)
		}
	}, func(error) {}) // its read errors were the requests walk's to report, or are not ours
	if err != nil {
		fail(respDir, err)
	}
	return flushed(bw, stderr, code)
}

// isRegular reports whether path names a regular file, as the walk of a
// directory takes them (no symbolic link followed).
func isRegular(path string) bool {
	fi, err := os.Lstat(path)
	return err == nil && fi.Mode().IsRegular()
}

// pairOne validates data[0], the requests, and data[1], the responses,
// as one exchange, writes their reports to bw and returns the exit
// status (0 valid, 1 invalid, 2 when writing JSON failed).
func pairOne(cfg *config, names [2]string, data [2][]byte, bw *bufio.Writer, stderr io.Writer, st style) int {
	reqs := &result{Name: names[0], Data: data[0]}
	resps := &result{Name: names[1], Data: data[1]}
	n := cfg.pair(reqs, resps, func(message) {}, func(message) {})
	code := 0
	if !reqs.Valid() || !resps.Valid() {
		code = 1
	}
	if !cfg.json {
		for _, r := range []struct {
			res      *result
			n, valid int
		}{{reqs, n.reqs, n.reqsValid}, {resps, n.resps, n.respsValid}} {
			writeText(bw, r.res, r.n, r.valid, st)
		}
	} else {
		// Each line from a pass of its own, as run writes one input's
		// line from a second scan: the messages are not kept.
		none := func(message) {}
		err := writeJSONStream(bw, reqs, func(each func(message)) {
			cfg.checker.pair(&result{Name: reqs.Name, Data: data[0]}, &result{Name: resps.Name, Data: data[1]}, each, none)
		})
		if err == nil {
			err = writeJSONStream(bw, resps, func(each func(message)) {
				cfg.checker.pair(&result{Name: reqs.Name, Data: data[0]}, &result{Name: resps.Name, Data: data[1]}, none, each)
			})
		}
		if err != nil {
			fmt.Fprintf(stderr, "httpcheck: %s\n", printable(err.Error()))
			code = 2
		}
	}
	return code
}

// codedTE returns the index in m.Headers of the first Transfer-Encoding
// field that names a transfer-coding other than identity (§3.6), or -1.
// Elements are separated by commas outside quoted-strings (§2.2), as
// the parser reads them.
func codedTE(m *parser.Message) int {
	for i, h := range m.Headers {
		if !strings.EqualFold(string(h.Name), "Transfer-Encoding") {
			continue
		}
		for _, el := range httplist.Elements(string(h.Value)) {
			tok, _, _ := strings.Cut(el, ";")
			if tok = strings.Trim(tok, " \t\r\n"); tok != "" && !strings.EqualFold(tok, "identity") {
				return i
			}
		}
	}
	return -1
}
