package fuzz

import "bytes"

// Minimize shrinks data while keep(data) stays true: delta debugging
// (ddmin) first over header lines, then over bytes, with a bound of
// maxTries calls of keep. keep(data) must be true on entry.
func Minimize(data []byte, keep func([]byte) bool, maxTries int) []byte {
	tries := 0
	k := func(b []byte) bool {
		if tries >= maxTries {
			return false
		}
		tries++
		return keep(b)
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	if len(lines) > 2 {
		lines = ddmin(lines, func(ls [][]byte) bool { return k(bytes.Join(ls, nil)) })
		data = bytes.Join(lines, nil)
	}
	units := make([][]byte, len(data))
	for i := range data {
		units[i] = data[i : i+1]
	}
	return bytes.Join(ddmin(units, func(us [][]byte) bool { return k(bytes.Join(us, nil)) }), nil)
}

// ddmin is Zeller's delta debugging: it removes chunks of units, halving
// the chunk size, while test holds.
func ddmin(units [][]byte, test func([][]byte) bool) [][]byte {
	n := 2
	for len(units) >= 2 {
		chunk := (len(units) + n - 1) / n
		reduced := false
		for start := 0; start < len(units); start += chunk {
			end := min(start+chunk, len(units))
			cand := append(append([][]byte{}, units[:start]...), units[end:]...)
			if len(cand) > 0 && test(cand) {
				units, n, reduced = cand, max(n-1, 2), true
				break
			}
		}
		if !reduced {
			if n >= len(units) {
				break
			}
			n = min(n*2, len(units))
		}
	}
	return units
}
