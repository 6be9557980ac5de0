package viewer

import (
	"context"
	"image"
	"image/draw"
	"time"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/resize"
	"github.com/hsgview/hsgview/viewer/thumbs"
)

// makeThumbnails renders the pictures of the thumbnails list in the background, one
// after another, until ctx is cancelled. It starts when start is closed
// (the panes' first images are on screen: thumbnails must not delay them)
// or after thumbnailDelay at the latest. It may be called from any
// goroutine.
func makeThumbnails(ctx context.Context, b *bridge, list []*thumbs.Thumbnail, start <-chan struct{}) {
	ins := make([]*dicomio.Instance, len(list))
	for i, t := range list {
		ins[i] = t.Entry().Instance
		b.Begin()
	}
	go func() {
		select {
		case <-start:
		case <-ctx.Done():
		case <-time.After(thumbnailDelay):
		}
		for i, t := range list {
			if ctx.Err() != nil {
				b.End()
				continue
			}
			img, problem := thumbnailImage(ins[i])
			b.thumbnail(t, img, problem)
		}
	}()
}

// thumbnailDelay bounds how long thumbnails wait for the panes.
const thumbnailDelay = 500 * time.Millisecond

// thumbnailImage renders the default frame of in with its default window
// and shrinks it with a box filter (imaging is used here only, never in
// the window/level path).
func thumbnailImage(in *dicomio.Instance) (*image.RGBA, string) {
	if !in.Decodable {
		return nil, in.Problem
	}
	r, err := in.Render(in.DefaultFrame(), dicomio.RenderOptions{RGBA: true})
	if err != nil {
		return nil, err.Error()
	}
	t := resize.Fit(r.Image, thumbs.Pixels, thumbs.Pixels*thumbs.ImageH/thumbs.Width)
	if rgba, ok := t.(*image.RGBA); ok {
		return rgba, ""
	}
	out := image.NewRGBA(t.Bounds())
	draw.Draw(out, out.Bounds(), t, t.Bounds().Min, draw.Src)
	return out, ""
}
