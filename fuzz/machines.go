package fuzz

import (
	"errors"
	"fmt"
	"math/rand"

	"github.com/abnfc/abnfc/parser"
)

// machine is the streaming form every generated rule has: a *XMachine
// of package parser, fed its input in chunks of any size.
type machine interface {
	Reset()
	Write(p []byte) (int, error)
	Close() error
	Offset() int
	Prefix() int
	SetHandler(h parser.Handler)
}

// machines holds the machine of each rule of parser.Rules, by rule name
// (TestMachinesComplete keeps it in step with the generated types).
var machines = map[string]func() machine{
	"Request-Line":        func() machine { return new(parser.RequestLineMachine) },
	"Status-Line":         func() machine { return new(parser.StatusLineMachine) },
	"message-head":        func() machine { return new(parser.MessageHeadMachine) },
	"message-header":      func() machine { return new(parser.MessageHeaderMachine) },
	"field-name":          func() machine { return new(parser.FieldNameMachine) },
	"field-value":         func() machine { return new(parser.FieldValueMachine) },
	"Chunked-Body":        func() machine { return new(parser.ChunkedBodyMachine) },
	"chunk-size":          func() machine { return new(parser.ChunkSizeMachine) },
	"chunk-extension":     func() machine { return new(parser.ChunkExtensionMachine) },
	"qvalue":              func() machine { return new(parser.QvalueMachine) },
	"HTTP-date":           func() machine { return new(parser.HTTPDateMachine) },
	"ranges-specifier":    func() machine { return new(parser.RangesSpecifierMachine) },
	"content-range-spec":  func() machine { return new(parser.ContentRangeSpecMachine) },
	"media-type":          func() machine { return new(parser.MediaTypeMachine) },
	"Accept":              func() machine { return new(parser.AcceptMachine) },
	"Accept-Charset":      func() machine { return new(parser.AcceptCharsetMachine) },
	"Accept-Encoding":     func() machine { return new(parser.AcceptEncodingMachine) },
	"Accept-Language":     func() machine { return new(parser.AcceptLanguageMachine) },
	"Accept-Ranges":       func() machine { return new(parser.AcceptRangesMachine) },
	"Age":                 func() machine { return new(parser.AgeMachine) },
	"Allow":               func() machine { return new(parser.AllowMachine) },
	"Authorization":       func() machine { return new(parser.AuthorizationMachine) },
	"Cache-Control":       func() machine { return new(parser.CacheControlMachine) },
	"Connection":          func() machine { return new(parser.ConnectionMachine) },
	"Content-Encoding":    func() machine { return new(parser.ContentEncodingMachine) },
	"Content-Language":    func() machine { return new(parser.ContentLanguageMachine) },
	"Content-Length":      func() machine { return new(parser.ContentLengthMachine) },
	"Content-Location":    func() machine { return new(parser.ContentLocationMachine) },
	"Content-MD5":         func() machine { return new(parser.ContentMD5Machine) },
	"Content-Range":       func() machine { return new(parser.ContentRangeMachine) },
	"Content-Type":        func() machine { return new(parser.ContentTypeMachine) },
	"Date":                func() machine { return new(parser.DateMachine) },
	"ETag":                func() machine { return new(parser.ETagMachine) },
	"Expect":              func() machine { return new(parser.ExpectMachine) },
	"Expires":             func() machine { return new(parser.ExpiresMachine) },
	"From":                func() machine { return new(parser.FromMachine) },
	"Host":                func() machine { return new(parser.HostMachine) },
	"If-Match":            func() machine { return new(parser.IfMatchMachine) },
	"If-Modified-Since":   func() machine { return new(parser.IfModifiedSinceMachine) },
	"If-None-Match":       func() machine { return new(parser.IfNoneMatchMachine) },
	"If-Range":            func() machine { return new(parser.IfRangeMachine) },
	"If-Unmodified-Since": func() machine { return new(parser.IfUnmodifiedSinceMachine) },
	"Last-Modified":       func() machine { return new(parser.LastModifiedMachine) },
	"Location":            func() machine { return new(parser.LocationMachine) },
	"Max-Forwards":        func() machine { return new(parser.MaxForwardsMachine) },
	"Pragma":              func() machine { return new(parser.PragmaMachine) },
	"Proxy-Authenticate":  func() machine { return new(parser.ProxyAuthenticateMachine) },
	"Proxy-Authorization": func() machine { return new(parser.ProxyAuthorizationMachine) },
	"Range":               func() machine { return new(parser.RangeMachine) },
	"Referer":             func() machine { return new(parser.RefererMachine) },
	"Retry-After":         func() machine { return new(parser.RetryAfterMachine) },
	"Server":              func() machine { return new(parser.ServerMachine) },
	"TE":                  func() machine { return new(parser.TEMachine) },
	"Trailer":             func() machine { return new(parser.TrailerMachine) },
	"Transfer-Encoding":   func() machine { return new(parser.TransferEncodingMachine) },
	"Upgrade":             func() machine { return new(parser.UpgradeMachine) },
	"User-Agent":          func() machine { return new(parser.UserAgentMachine) },
	"Vary":                func() machine { return new(parser.VaryMachine) },
	"Via":                 func() machine { return new(parser.ViaMachine) },
	"Warning":             func() machine { return new(parser.WarningMachine) },
	"WWW-Authenticate":    func() machine { return new(parser.WWWAuthenticateMachine) },
}

// machineRun is what a machine made of one input.
type machineRun struct {
	written  int    // bytes the writes reported consumed, in all
	writeErr string // the first error a write returned
	offset   int    // Offset after the writes
	prefix   int    // Prefix after the writes
	closeErr string // Close's error
	again    string // a write and a Close after Close: the same error again
	calls    int    // calls of the Handler
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// countHandler counts the calls of a parser.Handler.
type countHandler struct{ n int }

func (h *countHandler) Start(int, int)    { h.n++ }
func (h *countHandler) Span(int, []byte)  { h.n++ }
func (h *countHandler) End(int, int, int) { h.n++ }

// runMachine feeds data to m in chunks of the sizes split gives (all of
// the rest when split is nil), stopping at the first error, as a caller
// does.
func runMachine(m machine, data []byte, split func(rest int) int) machineRun {
	var h countHandler
	m.SetHandler(&h)
	var run machineRun
	for rest := data; len(rest) > 0; {
		k := len(rest)
		if split != nil {
			k = split(len(rest))
		}
		n, err := m.Write(rest[:k])
		run.written += n
		if err != nil {
			run.writeErr = err.Error()
			break
		}
		if n != k {
			run.writeErr = fmt.Sprintf("wrote %d of %d bytes without an error", n, k)
			break
		}
		rest = rest[k:]
	}
	run.offset, run.prefix = m.Offset(), m.Prefix()
	cerr := m.Close()
	run.closeErr = errString(cerr)
	_, werr := m.Write([]byte{'x'})
	if cerr != nil && (errString(werr) != run.closeErr || errString(m.Close()) != run.closeErr) {
		run.again = fmt.Sprintf("after %v: Write %v, Close %v", cerr, werr, m.Close())
	}
	run.calls = h.n
	return run
}

// compareMachine checks the machine of rule on data, at any length:
// whole, one byte at a time and in random chunks, first as the zero
// value and then after Reset, it must give the same result, and that
// result must be the one-shot functions' (which compareRule holds to
// ref): Close fails exactly when Match does, with Validate's error,
// Prefix is Scan's longest prefix, Offset the bytes consumed (where
// the error is, after one), and no capture is reported (RFC 2616's
// grammar marks none).
func compareMachine(r *Result, rule string, data []byte) {
	mk, ok := machines[rule]
	f, fok := ruleFuncs(rule)
	if !ok || !fok {
		r.add(OracleStream, rule+".Machine", "no machine", "", "")
		return
	}
	want := machineRun{written: len(data), offset: len(data), prefix: -1, closeErr: errString(f.Validate(data))}
	if n, ok := f.Scan(data); ok {
		want.prefix = n
	}
	var se *parser.SyntaxError
	if err := f.Validate(data); err != nil && errors.As(err, &se) && se.Offset < len(data) {
		// The machine stops at the byte that cannot follow.
		want.written, want.offset, want.writeErr = se.Offset, se.Offset, want.closeErr
	}
	seed := int64(len(data))
	for _, c := range data {
		seed = seed*31 + int64(c)
	}
	rnd := rand.New(rand.NewSource(seed))
	m := mk()
	for i, split := range []func(int) int{
		nil,
		func(int) int { return 1 },
		func(rest int) int { return 1 + rnd.Intn(rest) },
	} {
		if i > 0 {
			m.Reset()
		}
		got := runMachine(m, data, split)
		if got != want {
			r.add(OracleStream, fmt.Sprintf("%s.Machine[%d]", rule, i), fmt.Sprintf("%+v", got), fmt.Sprintf("%+v", want), "")
		}
	}
}
