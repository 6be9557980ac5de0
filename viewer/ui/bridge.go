package ui

import (
	"sync/atomic"
	"time"
)

// Bridge carries results from background goroutines to the Fyne
// goroutine. Every goroutine → UI hop of hsgview goes through the one
// Bridge of a window: the window's typed deliveries (viewer/bridge.go)
// and the report panel's (viewer/reportui/bridge.go) are methods that end
// in Post. Everything else either runs on the Fyne goroutine (callbacks,
// widget methods) or never touches widgets (decoding, windowing,
// thumbnails, the cine scheduler, saving and PDF layout).
//
// The closures passed to Do and Post only assign results and refresh;
// they never decode, window, scale or write files, because the same loop
// paints the window.
type Bridge struct {
	// Do runs fn on the Fyne goroutine without waiting: fyne.Do in the
	// application, a queue drained by the test goroutine in tests.
	Do func(fn func())
	// busy counts background jobs whose result has not been handed to
	// Do yet (tests wait for it to reach zero).
	busy atomic.Int64
}

// Begin records a background job that will end with a Post (or End).
// It may be called from any goroutine.
func (b *Bridge) Begin() { b.busy.Add(1) }

// End records a job that finished without posting.
func (b *Bridge) End() { b.busy.Add(-1) }

// Busy returns the number of jobs begun and not yet posted or ended.
func (b *Bridge) Busy() int64 { return b.busy.Load() }

// Post hands fn to the Fyne goroutine and ends one job.
func (b *Bridge) Post(fn func()) {
	b.Do(fn)
	b.End()
}

// After runs fn on the Fyne goroutine once d has passed. (Not counted as
// a job: tests need not wait for timers.)
func (b *Bridge) After(d time.Duration, fn func()) {
	time.AfterFunc(d, func() { b.Do(fn) })
}

// Later runs fn on the Fyne goroutine once the event being handled is
// over. A text field opened while the driver still handles a click
// would lose the focus the driver takes away when the click ends.
func (b *Bridge) Later(fn func()) { b.Do(fn) }
