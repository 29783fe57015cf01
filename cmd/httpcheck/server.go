package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/abnfc/abnfc/parser"
)

// serverLimits protect the server from its clients.
type serverLimits struct {
	// MaxConns is the most connections served at once; more wait in the
	// listen backlog.
	MaxConns int
	// MaxRequests is the most requests answered on one connection; the
	// last answer says "Connection: close".
	MaxRequests int
	// MaxBody is the most body bytes read from one request; a longer body
	// is answered with 413 and the connection closed, instead of 100
	// (Continue) when Content-Length says so.
	MaxBody int64
	// ReadTimeout bounds the time to read one request (head and body):
	// one cut short is answered with 408. WriteTimeout bounds the time to
	// write one response.
	ReadTimeout, WriteTimeout time.Duration
}

// gracePeriod is how long Serve waits for connections to finish after
// its context is done, before it closes them.
const gracePeriod = 5 * time.Second

// headStall is how long the read of a head waits for more bytes before
// the bytes so far are parsed (parser.Reader does so when its source
// times out, and reads on at the next ReadRequest): a head whose lines so
// far, ended or not, already break RFC 2616 is answered 400 then, as
// net/http answers a bad line once it is complete, not once -read-timeout
// has passed, for a client that sent it and waits for the answer; a head
// that may still become valid is waited for, headStall after headStall,
// until -read-timeout. Before the first byte of a head there is nothing
// to parse: an idle connection waits for it in one read (tapReader.wait).
const headStall = 500 * time.Millisecond

// errShutdown is readHead's error when the server shuts down before the
// read: the connection closes without an answer.
var errShutdown = errors.New("shutting down")

// server validates the requests it receives, from the raw bytes of each
// connection (parser.Reader over the net.Conn), and answers each with 200
// (valid) or 400 (invalid) and the diagnostics.
type server struct {
	checker
	limits serverLimits
	logf   func(format string, args ...any)

	mu    sync.Mutex
	conns map[*serverConn]struct{}
	// shutdown is set by interruptIdle: connections no longer go idle.
	shutdown bool

	// testHook, nil outside tests, is called with "idle" when a
	// connection has been marked idle, before it reads a request (once a
	// request, not at every headStall), with "head" when it has read a
	// request's head (or failed to), before it stops being idle, and
	// with "interrupted" when interruptIdle is done.
	testHook func(event string)
}

// serverConn is one connection being served. Its fields are guarded by
// server.mu.
type serverConn struct {
	net.Conn
	// idle reports that the connection waits for another request, so
	// shutting down may interrupt its read.
	idle bool
	// deadline is the read deadline of the request being read
	// (-read-timeout; its head is read headStall at a time);
	// interrupted reports that shutting down replaced the read's
	// deadline with now.
	deadline    time.Time
	interrupted bool
}

// Serve accepts connections on ln until ctx is done, then stops
// accepting, lets the requests being read finish (interrupting
// connections that wait for a next request) and returns when all
// connections are closed, or gracePeriod later after closing them. It
// closes ln.
func (s *server) Serve(ctx context.Context, ln net.Listener) error {
	s.mu.Lock()
	s.conns = make(map[*serverConn]struct{})
	s.shutdown = false
	s.mu.Unlock()
	stopped := make(chan struct{})
	defer close(stopped)
	go func() {
		select {
		case <-ctx.Done():
		case <-stopped:
		}
		ln.Close()
		s.interruptIdle()
	}()

	sem := make(chan struct{}, s.limits.MaxConns)
	var wg sync.WaitGroup
	var err error
	var pause time.Duration // after an accept that failed for want of resources
	for {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		c, aerr := ln.Accept()
		if aerr != nil {
			<-sem
			if ctx.Err() == nil {
				var ne net.Error
				if errors.As(aerr, &ne) && ne.Timeout() {
					continue
				}
				if outOfResources(aerr) {
					// Out of file descriptors or memory, for now: wait
					// for connections to end, as net/http does.
					pause = min(max(2*pause, 5*time.Millisecond), time.Second)
					if s.logf != nil {
						s.logf("%v; retrying in %v", aerr, pause)
					}
					select {
					case <-time.After(pause):
					case <-ctx.Done():
					}
					continue
				}
				err = aerr
			}
			break
		}
		pause = 0
		sc := &serverConn{Conn: c}
		s.track(sc, true)
		wg.Go(func() {
			defer func() { <-sem }()
			defer s.track(sc, false)
			defer sc.Close()
			s.serveConn(ctx, sc)
		})
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(gracePeriod):
		s.mu.Lock()
		for c := range s.conns {
			c.Close()
		}
		s.mu.Unlock()
		<-done
	}
	return err
}

// outOfResources reports whether an accept failed for want of file
// descriptors (the process's or the system's) or memory, which ending
// connections gives back.
func outOfResources(err error) bool {
	for _, errno := range []syscall.Errno{syscall.EMFILE, syscall.ENFILE, syscall.ENOBUFS, syscall.ENOMEM} {
		if errors.Is(err, errno) {
			return true
		}
	}
	return false
}

func (s *server) track(c *serverConn, add bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if add {
		s.conns[c] = struct{}{}
	} else {
		delete(s.conns, c)
	}
}

// setIdle marks c as waiting for a request whose read deadline is
// deadline (zero: none), and sets the deadline of the next read to readBy
// (deadline, or one nearer); it reports false when the server is shutting
// down, so c should close instead. Both happen under s.mu, as
// interruptIdle does, so an interruption can come neither between them
// nor unseen: either setIdle sees shutdown, or interruptIdle sees c idle
// with its deadline set and replaces it.
func (s *server) setIdle(ctx context.Context, c *serverConn, deadline, readBy time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.shutdown || ctx.Err() != nil {
		return false
	}
	c.idle, c.deadline, c.interrupted = true, deadline, false
	c.SetReadDeadline(readBy)
	return true
}

// setBusy marks c as no longer idle, once ReadRequest has returned, and
// reports whether shutting down interrupted c's read. It sets the read
// deadline back to the request's (the head was read by a nearer one,
// headStall away, or shutting down replaced it after the head was read),
// so the body can still be read: requests being read get the grace
// period.
func (s *server) setBusy(c *serverConn) (interrupted bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c.idle = false
	c.SetReadDeadline(c.deadline)
	return c.interrupted
}

// interruptIdle makes the reads of connections waiting for a next request
// fail at once, and keeps connections from going idle from then on.
func (s *server) interruptIdle() {
	s.mu.Lock()
	s.shutdown = true
	for c := range s.conns {
		if c.idle {
			c.interrupted = true
			c.SetReadDeadline(time.Now())
		}
	}
	s.mu.Unlock()
	s.hook("interrupted")
}

// hook calls s.testHook, if set, with event.
func (s *server) hook(event string) {
	if s.testHook != nil {
		s.testHook(event)
	}
}

// serveConn reads the pipelined requests of c in order and answers each.
func (s *server) serveConn(ctx context.Context, c *serverConn) {
	tap := &tapReader{r: c, keep: tapKeep(&s.opts)}
	rd := parser.NewReader(tap, &s.opts)
	bw := bufio.NewWriterSize(c, answerBuffer)
	var m parser.Message
	for n := 1; ; n++ {
		var deadline time.Time
		if s.limits.ReadTimeout > 0 {
			deadline = time.Now().Add(s.limits.ReadTimeout)
		}
		start := int(rd.Offset()) // as file mode's offsets: where the parse starts
		interrupted, err := s.readHead(ctx, c, tap, rd, &m, deadline)
		name := fmt.Sprintf("request %d", n)
		if err != nil {
			var e *parser.Error
			if !errors.As(err, &e) {
				// io.EOF between requests, a reset, a shutdown: no
				// answer. -read-timeout (not headStall: readHead
				// reads on after it) gets 408 once part of the
				// request has arrived; before that the connection is
				// idle, and a 408 could cross the client's next request.
				if isTimeout(err) && !interrupted && (int(rd.Offset()) > start || len(rd.Buffered()) > 0) {
					end, line, col := heldEnd(rd)
					r := &result{Name: name, Messages: []message{{Kind: parser.Request, Offset: start}},
						Errors: []diag{{Offset: end, Line: line, Col: col, Rule: "Request", Section: "10.4.9", Msg: fmt.Sprintf("the head was not received in full within %v (-read-timeout)", s.limits.ReadTimeout)}}}
					s.timedOut(c, bw, r, sniffAcceptJSON(tap, &parser.Error{Offset: end}), false)
				}
				return
			}
			r := &result{Name: name, Messages: []message{{Kind: parser.Request, Offset: start}}}
			d, snippet := connDiag(e, tap)
			r.Errors = append(r.Errors, d)
			ok := s.answer(c, bw, r, 400, snippet, sniffAcceptJSON(tap, e), "close", false)
			s.log(c, r, 400, ok)
			lingerClose(c)
			return
		}
		msg := copyMessage(newMessage(&m, start))
		wantJSON := acceptsJSON(m.Header("Accept"))
		isHead := string(m.Method) == "HEAD"
		// §19.6.2: an HTTP/1.0 client's connection persists only when
		// the answer says "keep-alive" too. (§3.1: the version's numbers,
		// not its spelling: "Leading zeros MUST be ignored".)
		is10 := http10(m.Major, m.Minor)
		if m.UnknownExpect {
			// §14.20: "The server MUST respond with a 417 (Expectation
			// Failed) status if any of the expectations cannot be met",
			// at once and without 100 (Continue), even with
			// 100-continue among them: that client waits for one of
			// them before it sends the body. The body is not read, so
			// the connection is closed.
			d := diag{Offset: start, Rule: "Expect", Section: "14.20", Msg: "an expectation other than 100-continue cannot be met"}
			atField(&d, rd, &m, "Expect")
			r := &result{Name: name, Messages: []message{msg}, Errors: []diag{d}}
			ok := s.answer(c, bw, r, 417, snippet(d, tap), wantJSON, "close", isHead)
			s.log(c, r, 417, ok)
			lingerClose(c)
			return
		}
		if m.Expect100 && m.Body == parser.BodyLength && m.ContentLength > s.limits.MaxBody {
			// §10.4.14, 413: "The server is refusing to process a request
			// because the request entity is larger than the server is
			// willing or able to process." Said instead of 100
			// (Continue), which lets a client learn "if the origin
			// server is willing to accept the request (based on the
			// request headers) before the client sends the request
			// body" (§8.2.3). It is not read, so the connection is
			// closed. A client that did not ask is sending the body
			// already: that is read up to -max-body, below, so that it
			// is still reading the answer when the connection closes
			// after a body a little too long.
			d := bodyTooLong(int(rd.Offset()), s.limits.MaxBody, fmt.Sprintf(": Content-Length is %d", m.ContentLength))
			atField(&d, rd, &m, "Content-Length")
			r := &result{Name: name, Messages: []message{msg}, Errors: []diag{d}}
			ok := s.answer(c, bw, r, 413, snippet(d, tap), wantJSON, "close", isHead)
			s.log(c, r, 413, ok)
			lingerClose(c)
			return
		}
		if m.Expect100 {
			// §8.2.3: the client may wait for this before sending the body
			// (Expect100 is false in an HTTP/1.0 or earlier request).
			s.writeDeadline(c)
			bw.WriteString("HTTP/1.1 100 Continue\r\n\r\n")
			if bw.Flush() != nil {
				return
			}
		}
		// One byte past -max-body tells a longer body, short of the
		// largest int64, where the limit is no limit.
		bodyStart := int(rd.Offset())
		body, err := io.CopyN(io.Discard, rd.Body(), min(s.limits.MaxBody, math.MaxInt64-1)+1)
		msg.BodyLength = body
		for _, f := range rd.Trailer() { // a chunked body's, read to its end (§3.6.1)
			msg.Trailer = append(msg.Trailer, [2][]byte{bytes.Clone(f.Name), bytes.Clone(f.Value)})
		}
		r := &result{Name: name}
		snippet := ""
		code := 200
		switch {
		case body > s.limits.MaxBody: // §10.4.14, as above
			msg.BodyLength = s.limits.MaxBody
			// At the first byte past -max-body when Content-Length
			// frames the body; else (the chunked decoder reads ahead)
			// at the body's start.
			off := bodyStart
			if m.Body == parser.BodyLength {
				off += int(s.limits.MaxBody)
			}
			r.Errors = append(r.Errors, bodyTooLong(off, s.limits.MaxBody, ""))
			code = 413
		case err != nil && err != io.EOF:
			var e *parser.Error
			if !errors.As(err, &e) {
				if isTimeout(err) { // -read-timeout: the head has arrived
					r.Messages = []message{msg}
					r.Errors = append(r.Errors, diag{Offset: int(rd.Offset()), Rule: "message-body", Section: "10.4.9", Msg: fmt.Sprintf("the body was not received in full within %v (-read-timeout)", s.limits.ReadTimeout)})
					s.timedOut(c, bw, r, wantJSON, isHead)
				}
				return // a reset, or the grace period's end
			}
			d, sn := connDiag(e, tap)
			r.Errors, snippet = append(r.Errors, d), sn
		default:
			msg.Valid = true
		}
		r.Messages = []message{msg}
		// A valid CONNECT asks for a tunnel (§9.9), which httpcheck, an
		// origin server that does not implement the method, answers 501
		// (Not Implemented, §5.1.1: "if the method is unrecognized or not
		// implemented by the origin server"), with the report; a 2xx
		// would tell the client the tunnel is open. The client may have
		// sent tunnel data after the request already, so the connection
		// closes.
		connect := string(msg.Method) == "CONNECT"
		keep := msg.Valid && m.KeepAlive && n < s.limits.MaxRequests && ctx.Err() == nil && !connect
		switch {
		case !r.Valid() && code == 200:
			code = 400
		case connect && code == 200:
			code = 501
		}
		conn := "close"
		switch {
		case keep && is10:
			conn = "keep-alive"
		case keep:
			conn = "" // §8.1.2.1: HTTP/1.1 persists unless "close"
		}
		ok := s.answer(c, bw, r, code, snippet, wantJSON, conn, isHead)
		s.log(c, r, code, ok)
		if !ok {
			return
		}
		if !keep {
			// After an invalid request, or with requests pipelined
			// behind this one, the client may still be sending.
			lingerClose(c)
			return
		}
	}
}

// readHead reads the next request's head from c into m, by deadline
// (-read-timeout's; zero: none), and reports whether shutting down
// interrupted the read. It reads headStall at a time: when such a read
// deadline passes, rd parses the bytes of the head it holds and returns
// their *parser.Error if no later byte could make them valid (the error
// the complete head would give), which readHead returns at once, for a
// 400; else it reads on, until deadline, whose timeout it returns. It
// returns errShutdown when the server shuts down before a read. When rd
// holds nothing of the head yet, its first bytes are waited for in one
// read by deadline (tap.wait), so an idle connection does not wake up
// every headStall; the error of that read (the client closed, deadline
// passed, shutting down interrupted it) is returned as it is. Only that
// wait is idle: once a byte of the head has arrived (or rd holds bytes of
// a pipelined request), shutting down lets the head be read, within
// gracePeriod.
func (s *server) readHead(ctx context.Context, c *serverConn, tap *tapReader, rd *parser.Reader, m *parser.Message, deadline time.Time) (interrupted bool, err error) {
	if !s.setIdle(ctx, c, deadline, deadline) {
		return false, errShutdown
	}
	s.hook("idle")
	if len(rd.Buffered()) == 0 {
		if err := tap.wait(); err != nil {
			s.hook("head")
			return s.setBusy(c), err
		}
	}
	// A byte of the request has arrived: c is reading one, not waiting
	// for one, so it is not idle, and shutting down lets it finish
	// (gracePeriod), as it does a body.
	for {
		readBy, last := time.Now().Add(headStall), false
		if !deadline.IsZero() && !readBy.Before(deadline) {
			readBy, last = deadline, true
		}
		s.setReading(c, deadline, readBy)
		err = rd.ReadRequest(m)
		if !last && isTimeout(err) {
			// headStall has passed, and the head so far may still
			// become valid: read on (rd keeps its bytes).
			continue
		}
		s.hook("head")
		return s.setBusy(c), err
	}
}

// heldEnd returns the connection offset just past the bytes rd holds,
// consumed or buffered, and its line and column: where a head that
// -read-timeout cut short ends, as a head's diagnostics count them.
func heldEnd(rd *parser.Reader) (off, line, col int) {
	line, col = rd.Position(rd.Offset())
	for _, c := range rd.Buffered() {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return int(rd.Offset()) + len(rd.Buffered()), line, col
}

// setReading marks c, whose request's first bytes have arrived, as not
// idle, so shutting down does not interrupt it, and sets the read
// deadline of the next read to readBy (deadline, the request's, or one
// nearer). It undoes an interruption that came after c's first bytes.
func (s *server) setReading(c *serverConn, deadline, readBy time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c.idle, c.deadline, c.interrupted = false, deadline, false
	c.SetReadDeadline(readBy)
}

// atField places d at the first field of m named name (as
// Header.Known spells it), m being the head rd read last: its offset in
// the connection, line and column. Without such a field d is unchanged.
func atField(d *diag, rd *parser.Reader, m *parser.Message, name string) {
	for _, h := range m.Headers {
		if k, _, _ := h.Known(); k == name {
			off := rd.Offset() - int64(m.HeadLen) + int64(h.Offset)
			d.Offset = int(off)
			d.Line, d.Col = rd.Position(off)
			return
		}
	}
}

// bodyTooLong is the error of a body longer than -max-body, answered with 413
// Request Entity Too Large (§10.4.14), at offset off of the connection;
// more tells why it is known.
func bodyTooLong(off int, maxBody int64, more string) diag {
	return diag{Offset: off, Rule: "message-body", Section: "10.4.14", Msg: fmt.Sprintf("body longer than %d bytes (-max-body)%s", maxBody, more)}
}

// tapKeep is what a connection's tapReader keeps: more than
// parser.Reader's buffer (head and start line limits and 4 KiB), so the
// bytes of an error in a head are in it.
func tapKeep(o *parser.Options) int {
	return max(o.MaxHeaderBytes, 64<<10) + max(o.MaxStartLine, 8190) + 8<<10
}

// answerBuffer is the size of a connection's bufio.Writer for answers.
const answerBuffer = 4096

// connBuffers is the most bytes the buffers of one connection hold
// (-max-conns bounds their sum): parser.Reader's, which parser.NewReader
// makes to hold the longest start line and head and 4 KiB more; the
// tap's, at most twice tapKeep, and its earlyRead bytes read ahead; and
// the answers' bufio.Writer. What a
// request's fields and its answer take beside them is bounded by the head
// and -max-headers (about 7 KiB more for the default limits, measured).
func connBuffers(o *parser.Options) int {
	line, head := headLimits(o)
	return line + head + 4096 + 2*tapKeep(o) + earlyRead + answerBuffer
}

// headLimits returns the parser's limits on a start line and a head
// (0 in o: its defaults, 8190 and 65536).
func headLimits(o *parser.Options) (line, head int) {
	return cmp.Or(o.MaxStartLine, 8190), cmp.Or(o.MaxHeaderBytes, 64<<10)
}

// timedOut answers a request that -read-timeout cut short with 408
// Request Timeout (RFC 2616 §10.4.9, RFC 9110 §15.5.9) and closes c: the
// rest of the request may still come, so the framing is lost. isHead
// leaves out the body, for a HEAD request (§9.4).
func (s *server) timedOut(c net.Conn, bw *bufio.Writer, r *result, wantJSON, isHead bool) {
	ok := s.answer(c, bw, r, 408, "", wantJSON, "close", isHead)
	s.log(c, r, 408, ok)
	lingerClose(c)
}

// isTimeout reports whether err is a read deadline's expiry.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// writeDeadline bounds the next write by -write-timeout (0: no bound).
func (s *server) writeDeadline(c net.Conn) {
	if s.limits.WriteTimeout > 0 {
		c.SetWriteDeadline(time.Now().Add(s.limits.WriteTimeout))
	} else {
		c.SetWriteDeadline(time.Time{})
	}
}

// log reports a request on the server's log with the status code of its
// answer, or that the answer could not be written (answered false).
func (s *server) log(c net.Conn, r *result, code int, answered bool) {
	if s.logf == nil {
		return
	}
	if !answered {
		s.logf("%s %s: the answer could not be written (-write-timeout, or the client went away)", c.RemoteAddr(), r.Name)
		return
	}
	if r.Valid() {
		m := r.Messages[0]
		s.logf("%s %s: %d %s %s", c.RemoteAddr(), r.Name, code, escape(m.Method), escape(m.Target))
		return
	}
	s.logf("%s %s: %d %s", c.RemoteAddr(), r.Name, code, formatMsg(r.Errors[0], style{}))
}

// copyMessage copies the byte slices of m, which point into the Reader's
// buffer and change when the body is read.
func copyMessage(m message) message {
	cp := func(b []byte) []byte { return append([]byte(nil), b...) }
	m.Method, m.Target, m.Version, m.Reason = cp(m.Method), cp(m.Target), cp(m.Version), cp(m.Reason)
	for i, h := range m.Headers {
		m.Headers[i] = [2][]byte{cp(h[0]), cp(h[1])}
	}
	for i, f := range m.Trailer {
		m.Trailer[i] = [2][]byte{cp(f[0]), cp(f[1])}
	}
	return m
}

// connDiag converts an error of parser.Reader, whose Offset, Line and Col
// count from the start of the connection. It also returns the offending
// line with a caret, from the bytes the tap kept, numbered with Line (or
// marked "body" should an error have no line).
func connDiag(e *parser.Error, tap *tapReader) (diag, string) {
	d := diag{Offset: e.Offset, Line: e.Line, Col: e.Col, Rule: e.Rule, Section: e.Section, Msg: trimOffset(e.Msg)}
	return d, snippet(d, tap)
}

// snippet is the line of the connection holding d, with a caret under
// d's column, from the bytes tap kept; "" when they are gone.
func snippet(d diag, tap *tapReader) string {
	rel := d.Offset - int(tap.base)
	if rel < 0 || rel > len(tap.buf) {
		return ""
	}
	label := "body"
	if d.Line > 0 {
		label = strconv.Itoa(d.Line)
	}
	var b strings.Builder
	writeLine(&b, tap.buf, rel, label, style{})
	return b.String()
}

// answer writes the response for r with status code (200, 400, 408, 413,
// 417 or 501), with the diagnostics as text (with snippet, the offending line,
// after the error) or JSON, and conn, if not empty, as its Connection
// field ("close", or "keep-alive" to an HTTP/1.0 client). For HEAD it
// writes the head only (§9.4). It reports whether the write succeeded.
func (s *server) answer(c net.Conn, bw *bufio.Writer, r *result, code int, snippet string, wantJSON bool, conn string, isHead bool) bool {
	var body bytes.Buffer
	ctype := "text/plain; charset=utf-8"
	if wantJSON {
		ctype = "application/json"
		writeJSON(&body, r)
	} else {
		writeServerText(&body, r, code, snippet)
	}
	status := fmt.Sprintf("%d %s", code, statusText[code])
	s.writeDeadline(c)
	// §14.18: "Origin servers MUST include a Date header field in all
	// responses" but 100, 101 and server errors; §3.3.1: in the
	// rfc1123-date format, always in GMT.
	fmt.Fprintf(bw, "HTTP/1.1 %s\r\nDate: %s\r\nContent-Type: %s\r\n", status, time.Now().UTC().Format(dateFormat), ctype)
	fmt.Fprintf(bw, "Content-Length: %d\r\n", body.Len())
	if conn != "" {
		fmt.Fprintf(bw, "Connection: %s\r\n", conn)
	}
	bw.WriteString("\r\n")
	if !isHead {
		bw.Write(body.Bytes())
	}
	return bw.Flush() == nil
}

// dateFormat is RFC 2616's rfc1123-date (§3.3.1) as a time layout, for
// times in UTC.
const dateFormat = "Mon, 02 Jan 2006 15:04:05 GMT"

// statusText holds the reason phrases of the answers.
var statusText = map[int]string{200: "OK", 400: "Bad Request", 408: "Request Timeout", 413: "Request Entity Too Large", 417: "Expectation Failed", 501: "Not Implemented"}

// writeServerText writes the text answer: the diagnostics, positioned as
// "connection:line:col" in the bytes received on the connection (as
// parser.Reader counts them), then one summary line.
func writeServerText(w io.Writer, r *result, code int, snippet string) {
	for _, d := range r.Errors {
		writeDiag(w, "connection", nil, d, style{})
		io.WriteString(w, snippet)
	}
	if r.Valid() {
		m := r.Messages[0]
		fmt.Fprintf(w, "%s: ok: %s %s %s, %s, body %d bytes\n", r.Name, escape(m.Method), escape(m.Target), escape(m.Version), plural(len(m.Headers), "header field"), m.BodyLength)
		return
	}
	switch code {
	case 408:
		fmt.Fprintf(w, "%s: timed out\n", r.Name)
		return
	case 413:
		fmt.Fprintf(w, "%s: body too long\n", r.Name)
		return
	case 417:
		fmt.Fprintf(w, "%s: expectation failed\n", r.Name)
		return
	}
	fmt.Fprintf(w, "%s: invalid\n", r.Name)
}

// escape shows bytes as showLine does.
func escape(b []byte) string {
	var sb strings.Builder
	for _, c := range b {
		sb.WriteString(escapeByte(c))
	}
	return sb.String()
}

// acceptsJSON reports whether an Accept field value (RFC 2616 §14.1)
// names application/json with a qvalue above 0 and not below the one it
// gives text/plain, the other answer (by its most specific range:
// text/plain, text/* or */*; 0 if none). So "application/json;q=0", which
// §14.1 calls "not acceptable", gets text, as does a client that prefers
// text/plain or anything (*/*) by its qvalues; without qvalues, naming
// application/json is enough. A qvalue that does not parse counts as 1.
func acceptsJSON(accept []byte) bool {
	jsonQ, textQ, textRank := -1, 0, -1
	for len(accept) > 0 {
		var el []byte
		el, accept = nextElement(accept)
		mt, params, _ := bytes.Cut(el, []byte(";"))
		mt = bytes.TrimSpace(mt)
		q := 1000
		for len(params) > 0 {
			var p []byte
			p, params, _ = bytes.Cut(params, []byte(";"))
			name, value, _ := bytes.Cut(bytes.TrimSpace(p), []byte("="))
			if len(name) == 1 && (name[0] == 'q' || name[0] == 'Q') {
				if v, err := parser.ParseQValue(bytes.TrimSpace(value)); err == nil {
					q = v
				}
				break
			}
		}
		rank := -1
		switch {
		case bytes.EqualFold(mt, []byte("application/json")):
			jsonQ = q
		case bytes.EqualFold(mt, []byte("text/plain")):
			rank = 2
		case bytes.EqualFold(mt, []byte("text/*")):
			rank = 1
		case bytes.Equal(mt, []byte("*/*")):
			rank = 0
		}
		if rank > textRank {
			textQ, textRank = q, rank
		}
	}
	return jsonQ > 0 && jsonQ >= textQ
}

// nextElement splits the first element off a comma-separated list (§2.1),
// with commas inside quoted strings (a media-range's parameters) kept.
func nextElement(b []byte) (el, rest []byte) {
	quoted := false
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '\\' && quoted:
			i++
		case c == '"':
			quoted = !quoted
		case c == ',' && !quoted:
			return b[:i], b[i+1:]
		}
	}
	return b, nil
}

// sniffAcceptJSON looks for an Accept field naming application/json in
// the head that failed with e, from the raw bytes the tap kept: best
// effort, as the head did not parse and parser.Reader does not say where
// it starts. It looks at the lines from the error's line back to an empty
// line (the end of the previous head) and forward to the empty line that
// ends this head.
func sniffAcceptJSON(tap *tapReader, e *parser.Error) bool {
	rel := e.Offset - int(tap.base)
	if rel < 0 || rel > len(tap.buf) {
		return false
	}
	b := tap.buf
	start := bytes.LastIndexByte(b[:rel], '\n') + 1
	accept := func(line []byte) bool {
		line = bytes.TrimRight(line, "\r")
		return len(line) > 7 && strings.EqualFold(string(line[:7]), "accept:") && acceptsJSON(line[7:])
	}
	// Back from the error's line.
	for end := start; end > 0; {
		i := bytes.LastIndexByte(b[:end-1], '\n') + 1
		line := bytes.TrimRight(b[i:end-1], "\r")
		if len(line) == 0 {
			break
		}
		if accept(line) {
			return true
		}
		end = i
	}
	// Forward from it.
	for line := range bytes.Lines(b[start:]) {
		if accept(line) {
			return true
		}
		if len(bytes.TrimRight(line, "\r\n")) == 0 {
			break
		}
	}
	return false
}

// lingerClose closes c after an error answer: it closes the writing side
// first and reads what the client still sends for a moment, so the client
// reads the answer before the connection is reset by unread data.
func lingerClose(c net.Conn) {
	if tc, ok := c.(interface{ CloseWrite() error }); ok {
		tc.CloseWrite()
	} else if sc, ok := c.(*serverConn); ok {
		if tc, ok := sc.Conn.(interface{ CloseWrite() error }); ok {
			tc.CloseWrite()
		}
	}
	c.SetReadDeadline(time.Now().Add(500 * time.Millisecond))
	io.CopyN(io.Discard, c, 256<<10)
	c.Close()
}

// tapReader keeps the last bytes read from a connection, so a diagnostic
// can show the offending line: parser.Reader does not give access to its
// buffer. buf holds the stream from offset base; it keeps at least keep
// bytes, and its capacity grows to 2*keep at most (connBuffers counts on
// it) while reads are shorter than keep, as parser.Reader's are.
type tapReader struct {
	r    io.Reader
	keep int
	buf  []byte
	base int64
	// early holds the bytes wait read ahead, which Read returns first;
	// earlyBuf is their buffer, of earlyRead bytes, made at the first
	// wait.
	early, earlyBuf []byte
}

// earlyRead is the most bytes tapReader.wait reads ahead.
const earlyRead = 4096

// wait reads the source until it has bytes or an error, and keeps the
// bytes for the next Read. It returns the error only when no byte came
// (a net.Conn returns it again at the next read).
func (t *tapReader) wait() error {
	if len(t.early) > 0 {
		return nil
	}
	if t.earlyBuf == nil {
		t.earlyBuf = make([]byte, earlyRead)
	}
	n, err := t.r.Read(t.earlyBuf)
	t.early = t.earlyBuf[:n]
	if n > 0 {
		return nil
	}
	return err
}

func (t *tapReader) Read(p []byte) (int, error) {
	var n int
	var err error
	if len(t.early) > 0 {
		n = copy(p, t.early)
		t.early = t.early[n:]
	} else {
		n, err = t.r.Read(p)
	}
	if len(t.buf)+n > 2*t.keep {
		drop := len(t.buf) + n - t.keep
		drop = min(drop, len(t.buf))
		t.buf = append(t.buf[:0], t.buf[drop:]...)
		t.base += int64(drop)
	}
	if need := len(t.buf) + n; need > cap(t.buf) {
		// Doubling, as append would, but never past 2*keep.
		nb := make([]byte, len(t.buf), max(min(2*cap(t.buf), 2*t.keep), need, 4096))
		copy(nb, t.buf)
		t.buf = nb
	}
	t.buf = append(t.buf, p[:n]...)
	return n, err
}
