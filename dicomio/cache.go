package dicomio

import (
	"container/list"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
)

// A FrameCache keeps decoded frames within a byte budget, evicting the
// least recently used. Concurrent requests for the same frame decode it
// once. It is safe for concurrent use.
type FrameCache struct {
	budget int64

	mu      sync.Mutex
	used    int64
	lru     *list.List // of *cacheEntry, front = most recent
	entries map[frameKey]*list.Element
	loading map[frameKey]*loadCall
}

type frameKey struct {
	in *Instance
	i  int
}

type cacheEntry struct {
	key frameKey
	f   *Frame
}

type loadCall struct {
	done chan struct{}
	f    *Frame
	err  error
}

// NewFrameCache returns a cache holding at most budget bytes of frames.
func NewFrameCache(budget int64) *FrameCache {
	return &FrameCache{budget: budget, lru: list.New(), entries: map[frameKey]*list.Element{}, loading: map[frameKey]*loadCall{}}
}

// Get returns frame i of in, decoding it on a miss.
func (c *FrameCache) Get(in *Instance, i int) (*Frame, error) {
	k := frameKey{in, i}
	c.mu.Lock()
	if e, ok := c.entries[k]; ok {
		c.lru.MoveToFront(e)
		c.mu.Unlock()
		return e.Value.(*cacheEntry).f, nil
	}
	if call, ok := c.loading[k]; ok {
		c.mu.Unlock()
		<-call.done
		return call.f, call.err
	}
	call := &loadCall{done: make(chan struct{})}
	c.loading[k] = call
	c.mu.Unlock()

	call.f, call.err = in.Frame(i)

	c.mu.Lock()
	delete(c.loading, k)
	if call.err == nil {
		c.add(k, call.f)
	}
	c.mu.Unlock()
	close(call.done)
	return call.f, call.err
}

// Cached returns frame i of in if it is in the cache, without decoding.
func (c *FrameCache) Cached(in *Instance, i int) *Frame {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[frameKey{in, i}]; ok {
		return e.Value.(*cacheEntry).f
	}
	return nil
}

func (c *FrameCache) add(k frameKey, f *Frame) {
	size := int64(len(f.Data))
	if size > c.budget {
		return
	}
	c.entries[k] = c.lru.PushFront(&cacheEntry{k, f})
	c.used += size
	for c.used > c.budget {
		e := c.lru.Back()
		ce := e.Value.(*cacheEntry)
		c.lru.Remove(e)
		delete(c.entries, ce.key)
		c.used -= int64(len(ce.f.Data))
	}
}

// Prefetch decodes frames from..to-1 of in in the background order given,
// stopping when ctx is done or the budget would evict frames just loaded.
func (c *FrameCache) Prefetch(ctx context.Context, in *Instance, frames []int) {
	for _, i := range frames {
		if ctx.Err() != nil {
			return
		}
		c.Get(in, i)
	}
}

// Used returns the bytes held.
func (c *FrameCache) Used() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.used
}

// ReadFrames decodes every frame of in. Native little-endian pixel data is
// read with one allocation the size of the pixel data, so that holding all
// frames costs no more than the pixel bytes.
func (in *Instance) ReadFrames() ([]*Frame, error) {
	if !in.HasPixels || !in.Decodable {
		return nil, fmt.Errorf("%s: %s", in.Path, in.Problem)
	}
	n := in.AvailableFrames()
	if err := in.checkRunBudget(n); err != nil {
		return nil, fmt.Errorf("%s: %w", in.Path, err)
	}
	frames := make([]*Frame, n)
	ra, size, c, err := in.open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", in.Path, err)
	}
	defer c.Close()
	p := in.Pixel
	simple := in.header.pixel.length >= 0 && p.BitsAllocated >= 8 && in.header.bo == binary.LittleEndian &&
		!(p.SamplesPerPixel == 3 && (p.PlanarConfiguration == 1 || p.Photometric == "YBR_FULL_422"))
	if simple {
		fb, err := in.codecInfo().FrameBytes()
		if err != nil {
			return nil, err
		}
		all := make([]byte, fb*n)
		if k, err := ra.ReadAt(all, in.header.pixel.offset); k < len(all) {
			if err == nil {
				err = io.ErrUnexpectedEOF
			}
			return nil, fmt.Errorf("%s: %w", in.Path, err)
		}
		for i := range frames {
			frames[i] = &Frame{Index: i, Rows: p.Rows, Columns: p.Columns, Samples: p.SamplesPerPixel,
				Bits: p.BitsAllocated, Photometric: p.Photometric, Data: all[i*fb : (i+1)*fb : (i+1)*fb]}
		}
		return frames, nil
	}
	// Frames decode independently: spread them over the CPUs, into one
	// allocation for all of them (no per-frame garbage).
	fb, err := in.codecInfo().FrameBytes()
	if err != nil {
		return nil, err
	}
	slab := make([]byte, fb*len(frames))
	errs := make([]error, len(frames))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(in.limits().Workers, runtime.GOMAXPROCS(0), len(frames)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(frames) {
					return
				}
				buf := slab[i*fb : (i+1)*fb : (i+1)*fb]
				if in.header.pixel.length >= 0 {
					frames[i], errs[i] = in.nativeFrame(ra, size, i, buf)
				} else {
					frames[i], errs[i] = in.encapsulatedFrame(ra, size, i, buf)
				}
			}
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("%s: frame %d: %w", in.Path, i+1, err)
		}
	}
	return frames, nil
}
