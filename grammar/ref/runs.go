package ref

// runs holds a sequence of runs (slices) of T, run k for k = 0, 1, ...,
// in chunks that double in size up to runChunk elements (a small parse
// needs small ones): a run never straddles two chunks, so get returns a slice of one, and growing never copies what is
// stored (an append-grown array had cost five times its final size in
// copies, and twice it at the copy). A chart of 1 MiB has a million sets
// of a few items each: a slice of its own for each had cost more than the
// items, two headers and the rounding up of small arrays.
type runs[T any] struct {
	chunks [][]T
	// loc[k] is where run k starts: chunk<<32 | offset. A run ends where
	// the next starts, or at the end of its chunk if the next starts a
	// new one.
	loc []uint64
}

// runChunk is the size, in elements, that chunks grow to; a longer run
// has a chunk of its own size.
const runChunk = 1 << 16

// newRuns returns runs for n runs.
func newRuns[T any](n int) runs[T] {
	return runs[T]{loc: make([]uint64, n+1)}
}

// add stores xs as run k; runs are added in order, and every run after
// the last one added is empty.
func (r *runs[T]) add(k int, xs []T) {
	last := len(r.chunks) - 1
	if last < 0 || cap(r.chunks[last])-len(r.chunks[last]) < len(xs) {
		size := 256
		if last >= 0 {
			size = min(runChunk, 2*cap(r.chunks[last]))
		}
		r.chunks = append(r.chunks, make([]T, 0, max(size, len(xs))))
		last++
		r.loc[k] = uint64(last) << 32
	}
	r.chunks[last] = append(r.chunks[last], xs...)
	end := uint64(last)<<32 | uint64(len(r.chunks[last]))
	if k+1 < len(r.loc) {
		r.loc[k+1] = end
	}
}

// close leaves the runs after k empty.
func (r *runs[T]) close(k int) {
	for j := k + 2; j < len(r.loc); j++ {
		r.loc[j] = r.loc[k+1]
	}
}

// get returns run k.
func (r *runs[T]) get(k int) []T {
	a, b := r.loc[k], r.loc[k+1]
	if len(r.chunks) == 0 {
		return nil
	}
	ch := r.chunks[a>>32]
	end := len(ch)
	if b>>32 == a>>32 {
		end = int(uint32(b))
	}
	return ch[uint32(a):end]
}

// vec is a sequence of T indexed by int32, in chunks of a fixed size so
// that growing never copies a full chunk; only the first grows by append,
// from small, so that a small parse needs little. pushRun keeps a run of
// elements in one chunk (leaving the rest of the last one unused if need
// be), so that run can return it as a slice.
type vec[T any] struct {
	chunks [][]T
	size   int32 // the chunk size, at least the longest run
}

func newVec[T any](size int) vec[T] { return vec[T]{size: int32(size)} }

// at returns element i.
func (v *vec[T]) at(i int32) *T { return &v.chunks[i/v.size][i%v.size] }

// push appends x and returns its index.
func (v *vec[T]) push(x T) int32 {
	return v.pushRun([]T{x})
}

// pushRun appends xs, in one chunk, and returns the index of the first.
func (v *vec[T]) pushRun(xs []T) int32 {
	last := len(v.chunks) - 1
	if last < 0 || len(v.chunks[last])+len(xs) > int(v.size) {
		size := int(v.size)
		if last < 0 {
			size = min(size, max(256, len(xs)))
		}
		v.chunks = append(v.chunks, make([]T, 0, size))
		last++
	}
	i := int32(last)*v.size + int32(len(v.chunks[last]))
	v.chunks[last] = append(v.chunks[last], xs...)
	return i
}

// run returns the n elements from i, which pushRun stored.
func (v *vec[T]) run(i, n int32) []T {
	if n == 0 {
		return nil
	}
	return v.chunks[i/v.size][i%v.size : i%v.size+n]
}
