package fuzz

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// The loopback server oracle: a real http.Server on 127.0.0.1, port 0,
// started on first use and stopped by StopServer. Each check opens one
// connection, writes the input, half-closes, and reads every response
// until the server closes (bounded by serverTimeout).

const serverTimeout = 2 * time.Second

var (
	srvMu   sync.Mutex
	srv     *http.Server
	srvAddr string
)

// serverHandler reads the body to EOF and answers 200 with the request as
// JSON, or 422 with the body error.
func serverHandler(w http.ResponseWriter, req *http.Request) {
	b, err := io.ReadAll(req.Body)
	if err != nil {
		// In a header too: a response to HEAD has no body.
		w.Header().Set("Connection", "close")
		w.Header().Set("X-Err", strings.ToValidUTF8(strings.Map(printable, err.Error()), "?"))
		w.WriteHeader(422)
		io.WriteString(w, err.Error())
		return
	}
	m := Msg{Method: req.Method, Target: req.RequestURI, Version: req.Proto, Host: req.Host, Body: string(b), KeepAlive: !req.Close}
	// The request goes back in a header, gob and base64 (exact bytes,
	// and no body, so responses to HEAD read the same).
	var buf bytes.Buffer
	gob.NewEncoder(&buf).Encode(m)
	w.Header().Set("X-Msg", base64.StdEncoding.EncodeToString(buf.Bytes()))
	w.Header().Set("Content-Length", "0")
}

// startServer starts the server if it is not running and returns its
// address.
func startServer() (string, error) {
	srvMu.Lock()
	defer srvMu.Unlock()
	if srv != nil {
		return srvAddr, nil
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	s := &http.Server{Handler: http.HandlerFunc(serverHandler), DisableGeneralOptionsHandler: true, ReadTimeout: serverTimeout, WriteTimeout: serverTimeout, ErrorLog: nullLogger()}
	go s.Serve(ln)
	srv, srvAddr = s, ln.Addr().String()
	return srvAddr, nil
}

// StopServer shuts the loopback server down (tests call it at the end;
// the next check starts a new one).
func StopServer() error {
	srvMu.Lock()
	defer srvMu.Unlock()
	if srv == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), serverTimeout)
	defer cancel()
	err := srv.Shutdown(ctx)
	srv = nil
	return err
}

// ServeOnce sends data to the loopback server on a new connection and
// returns what the server made of it: the requests it handled and, as
// the verdict, "ok" when every response was 200, "error" with the status
// of the first rejection, or "incomplete" when the server closed without
// answering the rest.
func ServeOnce(data []byte) (Outcome, error) {
	addr, err := startServer()
	if err != nil {
		return Outcome{}, err
	}
	c, err := net.DialTimeout("tcp", addr, serverTimeout)
	if err != nil {
		return Outcome{}, err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(serverTimeout))
	go func() {
		c.Write(data)
		c.(*net.TCPConn).CloseWrite()
	}()
	var o Outcome
	br := bufio.NewReader(c)
	for len(o.Messages) < maxMessages {
		// The server closed the connection after its last answer (or
		// without one, for an empty input): compareServer decides what
		// that says. ReadResponse would call it io.ErrUnexpectedEOF.
		if _, err := br.Peek(1); err == io.EOF {
			o.Verdict = "ok?"
			return o, nil
		}
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				return o, err
			}
			o.Verdict = "incomplete"
			if len(o.Messages) > 0 {
				o.Verdict = "ok?" // closed after answering: decided by compareServer
			}
			return o, nil
		}
		if resp.StatusCode/100 == 1 {
			continue
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		switch resp.StatusCode {
		case 200:
			var m Msg
			raw, err := base64.StdEncoding.DecodeString(resp.Header.Get("X-Msg"))
			if err == nil {
				err = gob.NewDecoder(bytes.NewReader(raw)).Decode(&m)
			}
			if err != nil {
				return o, fmt.Errorf("decoding the server's answer: %w", err)
			}
			o.Messages = append(o.Messages, m)
		case 422:
			// The handler read the head and failed in the body.
			o.Verdict, o.Err, o.ErrRule = "error", resp.Header.Get("X-Err"), "message-body"
			if strings.Contains(o.Err, "unexpected EOF") {
				o.Verdict = "incomplete"
			}
			return o, nil
		default:
			o.Verdict, o.Err = "error", resp.Status+" "+firstLine(b)
			return o, nil
		}
	}
	o.Verdict = "ok"
	return o, nil
}

func firstLine(b []byte) string {
	s := string(b)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// compareServer compares the server's outcome with ours. The server stops
// after a request that closes the connection, so our messages are cut
// there; a connection closed without an answer matches our "ok" when all
// our messages were answered, else "incomplete".
func compareServer(r *Result, data []byte, our, their Outcome) {
	cut := our
	for i, m := range our.Messages {
		if !m.KeepAlive {
			cut.Messages = our.Messages[:i+1]
			cut.Verdict, cut.Err = "ok", ""
			break
		}
	}
	if their.Verdict == "ok?" {
		// Closed after its last answer: it read every request it saw
		// as complete (ok), or found the stream ending inside one.
		their.Verdict = "incomplete"
		if len(their.Messages) >= len(cut.Messages) && (cut.Verdict == "ok" || len(their.Messages) > len(cut.Messages)) {
			their.Verdict = "ok"
		}
	}
	compareOutcomes(r, OracleServer, data, cut, their, []string{"method", "target", "version", "host", "body"}, func(f string) string {
		return Classify("request", OracleServer, f, data, cut, their)
	})
}

func nullLogger() *log.Logger { return log.New(io.Discard, "", 0) }

// printable replaces control characters, which a header cannot carry.
func printable(r rune) rune {
	if r < ' ' || r == 0x7f {
		return '?'
	}
	return r
}
