//go:build !gofuzz

package fuzz

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// Finding is a discrepancy found by a campaign, minimized.
type Finding struct {
	Target string
	// Key is the deduplication key (Result.Key): target, oracles and
	// classes.
	Key string
	// Input is the minimized input; Original the input as found.
	Input, Original []byte
	// Result is the check of Input.
	Result Result
	// Count is how many inputs had this key.
	Count int
	// Flaky reports that the input as found, checked again, did not give
	// Key (an oracle's timeout on a loaded machine): Input is then the
	// input as found and Result the first check's, not minimized, so
	// that the finding still shows what the campaign counted.
	Flaky bool
}

// Stats are the running totals of a campaign.
type Stats struct {
	// Execs counts the workers' checks; the checks spent minimizing a
	// finding are not counted.
	Execs int64
	// Corpus is the size of the mutation pools, seeds included, summed
	// over the workers (each keeps its own).
	Corpus      int
	Behaviours  int
	Unexplained int
	// ByClass counts disagreements by class ("" for unexplained).
	ByClass map[string]int
	// Elapsed is how long the workers ran. Minimizing the findings still
	// queued when they stop can take a little longer.
	Elapsed time.Duration
}

// CampaignConfig configures Run.
type CampaignConfig struct {
	Targets  []Target
	Duration time.Duration // 0: no limit
	Execs    int64         // 0: no limit
	Workers  int           // 0: runtime.NumCPU()
	Seed     int64
	// Seeds are the initial pool of each target (corpus files).
	Seeds map[string][][]byte
	// Progress is called about every Interval with the totals.
	Progress func(Stats)
	Interval time.Duration
	// MinimizeTries bounds the checks spent minimizing one finding.
	MinimizeTries int
}

type execResult struct {
	target Target
	data   []byte
	res    Result
}

// Run runs a campaign: workers generate inputs for the targets in turn,
// check them, and report results; an input with a behaviour new to its
// worker (Result.Behaviour) joins that worker's mutation pool; each new
// discrepancy key is minimized once, by the collecting goroutine. It returns the findings
// sorted by key and the final totals.
func Run(ctx context.Context, cfg CampaignConfig) ([]*Finding, Stats) {
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.NumCPU()
	}
	if cfg.Interval <= 0 {
		cfg.Interval = time.Second
	}
	if cfg.MinimizeTries <= 0 {
		cfg.MinimizeTries = 400
	}
	if cfg.Duration > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, cfg.Duration)
		defer cancel()
	}
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	// started reserves a check before it runs, so that no worker starts
	// one past cfg.Execs; execs counts those done.
	var started, execs atomic.Int64
	var pool atomic.Int64 // the sum of the workers' g.Pool()
	results := make(chan execResult, 256)
	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < cfg.Workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			g := NewGenerator(cfg.Seed + int64(w)*7919)
			for name, seeds := range cfg.Seeds {
				for _, s := range seeds {
					g.Add(name, s)
				}
			}
			inPool := g.Pool()
			pool.Add(int64(inPool))
			seen := map[string]bool{}
			for i := w; ; i++ {
				if ctx.Err() != nil {
					return
				}
				if cfg.Execs > 0 && started.Add(1) > cfg.Execs {
					stop()
					return
				}
				t := cfg.Targets[i%len(cfg.Targets)]
				data := g.Next(t.Name)
				r := t.Check(data)
				execs.Add(1)
				b := r.Behaviour()
				if !seen[b] {
					seen[b] = true
					g.Add(t.Name, data)
					n := g.Pool()
					pool.Add(int64(n - inPool))
					inPool = n
				}
				if !seen[b+"#sent"] || len(r.Disagreements) > 0 {
					seen[b+"#sent"] = true
					// Sent even once the campaign is stopping: the
					// check is counted, and the collector reads until
					// every worker has returned. A select on ctx.Done
					// here dropped the last checks' results at random
					// (a finding too) with more than one worker.
					results <- execResult{t, data, r}
				}
			}
		}(w)
	}
	var ran atomic.Int64 // how long the workers ran, once they all stopped
	go func() {
		wg.Wait()
		ran.Store(int64(time.Since(start)))
		close(results)
	}()

	st := Stats{ByClass: map[string]int{}}
	behaviours := map[string]bool{}
	findings := map[string]*Finding{}
	tick := time.NewTicker(cfg.Interval)
	defer tick.Stop()
	report := func() {
		st.Execs, st.Elapsed = execs.Load(), time.Since(start)
		if d := ran.Load(); d > 0 {
			st.Elapsed = time.Duration(d)
		}
		st.Corpus, st.Behaviours = int(pool.Load()), len(behaviours)
		if cfg.Progress != nil {
			cfg.Progress(st)
		}
	}
	for {
		select {
		case er, ok := <-results:
			if !ok {
				report()
				return sortFindings(findings), st
			}
			behaviours[er.res.Behaviour()] = true
			for _, d := range er.res.Disagreements {
				st.ByClass[d.Class]++
			}
			key := er.res.Key()
			if key == "" {
				continue
			}
			if f, ok := findings[key]; ok {
				f.Count++
				continue
			}
			if er.res.Failed() {
				st.Unexplained++
			}
			min := Minimize(er.data, func(b []byte) bool { return er.target.Check(b).Key() == key }, cfg.MinimizeTries)
			f := &Finding{Target: er.target.Name, Key: key, Input: min, Original: er.data, Result: er.target.Check(min), Count: 1}
			if f.Result.Key() != key {
				// Not so again: the finding had shown a check without
				// the disagreements its key and the counts speak of.
				f.Input, f.Result, f.Flaky = er.data, er.res, true
			}
			findings[key] = f
		case <-tick.C:
			report()
		}
	}
}

func sortFindings(m map[string]*Finding) []*Finding {
	out := make([]*Finding, 0, len(m))
	for _, f := range m {
		out = append(out, f)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Key < out[j-1].Key; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
