// Command httpfuzz runs a differential fuzzing campaign of the generated
// RFC 2616 parsers against their oracles, on all cores, and writes a
// report.
//
// In the flow of abnfc
//
//	parser ─▶ fuzz (targets, oracles, classifier, generator) ─▶ cmd/httpfuzz (campaigns, reports)
//
// Usage:
//
//	httpfuzz [-duration 1m | -execs N] [-workers N] [-targets request,date,...]
//	         [-corpus corpus] [-seeds-jsonl ../shared/corpora] [-out httpfuzz-report]
//	         [-seed N] [-server=true] [-save] [-interval D]
//
// Workers generate inputs (grammar samples and near-misses, assembled
// messages, mutations with framing repair) for the targets in turn and
// check each against all the target's oracles. A new behaviour (verdict,
// error rule and disagreement key, see fuzz.Result.Behaviour) joins the
// mutation pool. Each new discrepancy, deduplicated by (target, oracles
// that disagree, class), is minimized by delta debugging over header lines
// and then bytes.
//
// Progress is one line, rewritten in place on a terminal (execs/s, the
// size of the workers' mutation pools, behaviours seen, discrepancies by
// class) and plain log lines otherwise, every -interval (default 1s on a
// terminal, 10s otherwise). Without -seed the seed comes from the clock;
// the first log line gives it. -duration bounds how long the
// workers run and -execs how many checks they make, exactly (-execs
// alone has no time limit; with both, the first reached ends the
// campaign, and a log line says so when -duration ended it); minimizing
// the findings still queued when they stop can take a little longer, and
// its checks are not counted. SIGINT (Ctrl-C) or SIGTERM ends the
// campaign early: its report is written as at the end, and says it was
// interrupted; a second signal stops the process at once (a campaign
// does not resume: the next one starts again from -corpus). -seed makes
// the generated inputs reproducible only with -workers 1 and -execs: more
// workers, or a -duration, interleave differently from run to run. The
// report directory is made, and checked to be writable, before the
// campaign starts. At the end it holds summary.txt (each case's input as
// a Go string literal), report.json and report.html (side-by-side escaped
// and hex views of each minimized case; a case whose input, checked
// again, did not give the same disagreements, such as the loopback
// server timing out on a loaded machine, is shown as found, not
// minimized, and marked so: "flaky" in report.json), and crashers/<target>/ this
// campaign's unexplained inputs (an earlier campaign's, its regress-*
// files, are removed; other files there, such as go-fuzz's own crashers
// in its workdir, are left alone); -save also
// copies those into corpus/<target>/ as regressions, which go test
// replays. A target named twice in -targets runs once. Seeds come from
// -corpus (corpus/<target>/): a -corpus given that is not a directory is
// misuse, as is the default when it is there but not a directory; the
// default, missing when httpfuzz runs outside the repository, is noted
// and the campaign starts from generated inputs, and so is a corpus with
// no directory for any of the targets (-corpus corpus/date where
// -corpus corpus was meant). A corpus entry
// that is not a regular file (a FIFO, a link to a device) or is longer
// than 1 MiB is an error. The request and response targets are also
// seeded with the messages of the peers' test suites, read where they
// are kept as JSON lines (-seeds-jsonl, files or directories of .jsonl,
// comma-separated; by default ../shared/corpora, which holds llhttp's,
// Http11Probe's and HTTP Garden's, noted and skipped when absent; see
// fuzz.ReadSeedsJSONL for the form; at most 256 MiB of messages in all;
// a log line counts the messages taken).
//
// Exit status: 0 when every disagreement has a divergence class, 1 when
// some has none (an unexplained finding, in crashers/), 2 on misuse (arguments,
// -duration 0 with -execs 0, a negative -duration, -execs or -workers,
// more than 1024 workers, an -interval other than 0 below 100ms, an empty
// -out, an unknown target, a missing -corpus or -seeds-jsonl) or I/O
// errors, each with its reason.
package main
