package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/abnfc/abnfc/parser"
)

// TestDriverAgreesWithReader runs every input of testdata/in through
// httpcheck's in-memory driver (checker.validate) and through
// parser.Reader, strictly and leniently, and checks that they find the same
// messages, body lengths and first error (offset, line:col in the
// stream, rule, section): the
// driver repeats Reader's framing only to know where each message starts.
// FuzzDriverAgreesWithReader checks the same on any input.
func TestDriverAgreesWithReader(t *testing.T) {
	var files []string
	if err := forEachFile("testdata/in", func(p string) { files = append(files, p) }, func(err error) { t.Fatal(err) }); err != nil {
		t.Fatal(err)
	}
	for _, mode := range agreeModes {
		for _, f := range files {
			t.Run(mode.name+"/"+filepath.Base(f), func(t *testing.T) {
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				driverAgrees(t, &mode.c, data)
			})
		}
	}
}

// agreeModes are the checkers the driver and Reader are compared under.
var agreeModes = []struct {
	name string
	c    checker
}{{"strict", checker{}}, {"lenient", lenientChecker()}}

// FuzzDriverAgreesWithReader holds the driver to parser.Reader on any
// input, strictly and leniently (seeds: testdata/in; a panic of either
// fails it too).
func FuzzDriverAgreesWithReader(f *testing.F) {
	addInputs(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, mode := range agreeModes {
			driverAgrees(t, &mode.c, data)
			// -json writes a line from a second pass over the
			// messages (writeJSONStream): the same line as of the
			// result kept whole.
			r := mode.c.validate("input", data)
			var whole, stream bytes.Buffer
			if err := writeJSON(&whole, r); err != nil {
				t.Fatal(err)
			}
			if err := writeJSONStream(&stream, r, func(each func(message)) { mode.c.scan(&result{Data: data}, data, each) }); err != nil {
				t.Fatal(err)
			}
			if whole.String() != stream.String() {
				t.Errorf("-json line:\nstream %s\nwhole  %s", stream.Bytes(), whole.Bytes())
			}
		}
	})
}

// addInputs adds every file of testdata/in to f's seed corpus.
func addInputs(f *testing.F) {
	f.Helper()
	if err := forEachFile("testdata/in", func(p string) {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}, func(err error) { f.Fatal(err) }); err != nil {
		f.Fatal(err)
	}
}

// driverAgrees checks that c's driver and parser.Reader under c's
// options read data alike: the same body lengths and the same first
// error, but for the driver's own rules (another protocol after a
// message, data after close), which it applies where Reader's user would.
func driverAgrees(t *testing.T, c *checker, data []byte) {
	t.Helper()
	var err error
	// Every message has the kind of the first, as for a Reader, which is
	// told the kind of each message (the driver, by default, looks at
	// each one's first bytes).
	response := c.isResponse(data)
	one := *c
	one.kind = kindRequest
	if response {
		one.kind = kindResponse
	}
	c = &one
	got := c.validate("input", data)

	// The same through parser.Reader.
	rd := parser.NewReader(bytes.NewReader(data), &c.opts)
	var m parser.Message
	var lengths []int64
	var rerr *parser.Error
	closedAt := int64(-1)
	for {
		if response {
			err = rd.ReadResponse(&m, nil)
		} else {
			err = rd.ReadRequest(&m)
		}
		if err == io.EOF {
			break
		}
		if err == nil {
			var n int64
			n, err = io.Copy(io.Discard, rd.Body())
			lengths = append(lengths, n)
			if err == nil && (response && m.Status == 101 || !response && (string(m.Method) == "CONNECT" || m.Upgrade)) {
				break // §10.1.2, §9.9, §14.42: another protocol may follow
			}
			if err == nil && !m.KeepAlive && !c.afterClose && rd.Offset() < int64(len(data)) {
				// §8.1.2.1: the driver's own rule, at
				// the first byte after the message.
				closedAt = rd.Offset()
				break
			}
		}
		if err != nil {
			if !errors.As(err, &rerr) {
				t.Fatalf("Reader: %v", err)
			}
			break
		}
	}

	var glengths []int64
	for _, msg := range got.Messages {
		if msg.Valid || len(msg.Version) > 0 { // a head that parsed
			glengths = append(glengths, msg.BodyLength)
		}
	}
	if !slices.Equal(glengths, lengths) {
		t.Errorf("body lengths: driver %v, Reader %v", glengths, lengths)
	}
	switch {
	case closedAt >= 0:
		if len(got.Errors) == 0 || got.Errors[0].Offset != int(closedAt) || got.Errors[0].Rule != "Connection" {
			t.Errorf("errors: driver %+v, want data after close at %d", got.Errors, closedAt)
		}
	case rerr == nil && len(got.Errors) == 0:
	case rerr == nil || len(got.Errors) == 0:
		t.Errorf("errors: driver %+v, Reader %v", got.Errors, rerr)
	default:
		d := got.Errors[0]
		if d.Offset != rerr.Offset || d.Line != rerr.Line || d.Col != rerr.Col || d.Rule != rerr.Rule || d.Section != rerr.Section {
			t.Errorf("driver: %d %d:%d [%s] §%s %s\nReader: %d %d:%d [%s] §%s %s", d.Offset, d.Line, d.Col, d.Rule, d.Section, d.Msg, rerr.Offset, rerr.Line, rerr.Col, rerr.Rule, rerr.Section, rerr.Msg)
		}
	}
}
