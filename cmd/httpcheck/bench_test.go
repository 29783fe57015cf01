package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// typicalRequest returns the i'th of a set of browser-like requests of
// about 400 to 600 bytes.
func typicalRequest(i int) []byte {
	methods := []string{"GET", "GET", "GET", "POST", "HEAD"}
	m := methods[i%len(methods)]
	s := fmt.Sprintf("%s /app/v%d/items/%d?page=%d&sort=name HTTP/1.1\r\n", m, i%3, i, i%17) +
		"Host: www.example.com\r\n" +
		"User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/119.0\r\n" +
		"Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n" +
		"Accept-Language: en-US,en;q=0.5\r\n" +
		"Accept-Encoding: gzip, deflate\r\n" +
		fmt.Sprintf("Cookie: session=%08x; theme=dark\r\n", i*2654435761) +
		"Cache-Control: max-age=0\r\n" +
		"If-Modified-Since: Sat, 29 Oct 1994 19:43:31 GMT\r\n" +
		"Connection: keep-alive\r\n"
	if m == "POST" {
		body := fmt.Sprintf("name=item%d&count=%d", i, i%100)
		s += fmt.Sprintf("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	} else {
		s += "\r\n"
	}
	return []byte(s)
}

// benchDir writes n typical requests as files in a tree of 100 directories.
func benchDir(b *testing.B, n int) (dir string, bytes int64) {
	dir = b.TempDir()
	for i := range n {
		d := filepath.Join(dir, fmt.Sprintf("d%02d", i%100))
		if err := os.MkdirAll(d, 0o755); err != nil {
			b.Fatal(err)
		}
		req := typicalRequest(i)
		bytes += int64(len(req))
		if err := os.WriteFile(filepath.Join(d, fmt.Sprintf("r%05d.http", i)), req, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir, bytes
}

// BenchmarkValidateDir compares, over a directory of 10,000 typical
// requests, parsing alone (the files already in memory) with reading and
// parsing (walking the tree and reading each file) and with the whole
// command (JSON output to io.Discard). Each reports ns/file.
//
//	go test -run '^$' -bench ValidateDir -benchtime 5x ./cmd/httpcheck/
func BenchmarkValidateDir(b *testing.B) {
	const n = 10000
	dir, total := benchDir(b, n)
	var files []string
	var datas [][]byte
	forEachFile(dir, func(p string) {
		files = append(files, p)
		d, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		datas = append(datas, d)
	}, func(err error) { b.Fatal(err) })
	if len(files) != n {
		b.Fatalf("%d files", len(files))
	}
	c := &checker{}
	perFile := func(b *testing.B) {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/file")
		b.ReportMetric(0, "ns/op")
	}
	b.Run("parse", func(b *testing.B) {
		b.SetBytes(total)
		b.ReportAllocs()
		for b.Loop() {
			for i, d := range datas {
				if r := c.validate(files[i], d); !r.Valid() {
					b.Fatalf("%s: %+v", files[i], r.Errors)
				}
			}
		}
		perFile(b)
	})
	b.Run("read+parse", func(b *testing.B) {
		b.SetBytes(total)
		b.ReportAllocs()
		for b.Loop() {
			err := forEachFile(dir, func(p string) {
				d, err := os.ReadFile(p)
				if err != nil {
					b.Fatal(err)
				}
				if r := c.validate(p, d); !r.Valid() {
					b.Fatalf("%s: %+v", p, r.Errors)
				}
			}, func(err error) { b.Fatal(err) })
			if err != nil {
				b.Fatal(err)
			}
		}
		perFile(b)
	})
	b.Run("command", func(b *testing.B) {
		b.SetBytes(total)
		b.ReportAllocs()
		for b.Loop() {
			if code := run([]string{"-json", dir}, nil, io.Discard, io.Discard); code != 0 {
				b.Fatalf("exit status %d", code)
			}
		}
		perFile(b)
	})
}
