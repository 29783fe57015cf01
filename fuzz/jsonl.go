package fuzz

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Limits of ReadSeedsJSONL: a test set's file, and one of its lines (the
// largest of ../shared/corpora is about 1 MiB, its longest line 230 KB).
const (
	MaxJSONLFile = 64 << 20
	MaxJSONLLine = 16 << 20
)

// ReadSeedsJSONL reads the messages of a test set kept as JSON lines, the
// form of the peers' suites in ../shared/corpora (llhttp's cases,
// Http11Probe's, HTTP Garden's payloads): one object a line, whose
// "raw_b64" is a message in base64, or whose "steps" each have one (the
// requests of one connection, in order, taken here as one stream; a step
// without bytes is left out), and whose "kind" is "request" or "response"
// (HTTP Garden's payloads, which have none, are requests). A line that
// is not an object, or has neither "raw_b64" nor "steps", is an error;
// a blank line is left out. It returns the
// messages by the target that takes them, "request" or "response". An
// input longer than MaxCorpusFile is left out, as ReadCorpus refuses it.
// Errors name the file and line.
func ReadSeedsJSONL(path string) (map[string][][]byte, error) {
	// The type first: opening a FIFO without a writer blocks (as
	// readCorpusFile does; the file's own Stat below holds if it was
	// swapped in between).
	if fi, err := os.Stat(path); err != nil {
		return nil, err
	} else if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file (%v)", path, fi.Mode().Type())
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil {
		return nil, err
	} else if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file (%v)", path, fi.Mode().Type())
	} else if fi.Size() > MaxJSONLFile {
		return nil, fmt.Errorf("%s: %d bytes, more than %d", path, fi.Size(), MaxJSONLFile)
	}
	out := map[string][][]byte{}
	sc := bufio.NewScanner(io.LimitReader(f, MaxJSONLFile))
	sc.Buffer(nil, MaxJSONLLine+1) // the line and its LF: a line of MaxJSONLLine bytes is taken
	line := 1
	for ; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if len(text) == 0 {
			continue
		}
		// Each line is one object: null, [] or "x" had been taken as an
		// object without a message and left out unsaid, or refused by a
		// message naming a Go type.
		if text[0] != '{' {
			return nil, fmt.Errorf("%s:%d: not a JSON object: %s", path, line, excerpt(text))
		}
		// The fields as given, to tell a key set to null (a step's
		// message left out) from one that is not there.
		var c struct {
			Kind  string
			Raw   json.RawMessage `json:"raw_b64"`
			Steps json.RawMessage
		}
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, line, err)
		}
		if c.Raw == nil && c.Steps == nil {
			return nil, fmt.Errorf("%s:%d: neither raw_b64 nor steps: no message", path, line)
		}
		var raw *string
		var steps []struct {
			Raw *string `json:"raw_b64"`
		}
		if c.Raw != nil {
			if json.Unmarshal(c.Raw, &raw) != nil {
				return nil, fmt.Errorf("%s:%d: raw_b64 is %s: want a base64 string or null", path, line, excerpt(string(c.Raw)))
			}
		}
		if c.Steps != nil {
			if json.Unmarshal(c.Steps, &steps) != nil {
				return nil, fmt.Errorf("%s:%d: steps is %s: want an array of objects with raw_b64", path, line, excerpt(string(c.Steps)))
			}
		}
		target := "request"
		switch c.Kind {
		case "", "request":
		case "response":
			target = "response"
		default:
			return nil, fmt.Errorf("%s:%d: kind %q is neither request nor response", path, line, c.Kind)
		}
		raws := []*string{raw}
		for _, s := range steps {
			raws = append(raws, s.Raw)
		}
		var msg []byte
		for _, r := range raws {
			if r == nil {
				continue
			}
			b, err := base64.StdEncoding.DecodeString(*r)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: raw_b64: %v", path, line, err)
			}
			msg = append(msg, b...)
		}
		if len(msg) > 0 && len(msg) <= MaxCorpusFile {
			out[target] = append(out[target], msg)
		}
	}
	if err := sc.Err(); err == bufio.ErrTooLong {
		return nil, fmt.Errorf("%s:%d: a line of more than %d bytes (fuzz.MaxJSONLLine)", path, line, MaxJSONLLine)
	} else if err != nil {
		return nil, fmt.Errorf("%s:%d: %v", path, line, err)
	}
	return out, nil
}

// excerpt bounds a line quoted in an error to its first 40 bytes.
func excerpt(s string) string {
	if len(s) > 40 {
		return fmt.Sprintf("%q...", s[:40])
	}
	return fmt.Sprintf("%q", s)
}

// JSONLFiles lists the .jsonl files that path names: path itself if it is
// a file, else every .jsonl file below it, sorted.
func JSONLFiles(path string) ([]string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return []string{path}, nil
	}
	var out []string
	err = filepath.WalkDir(path, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && filepath.Ext(p) == ".jsonl" {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}
