// Command iconsizes writes the application icon in the hicolor theme's
// sizes, scaled from the 512×512 assets/icon.png with Catmull-Rom:
//
//	go run ./packaging/iconsizes -out DIR
//
// writes DIR/NxN/apps/org.hsgview.hsgview.png for each size, the layout
// of /usr/share/icons/hicolor.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"

	"golang.org/x/image/draw"

	"github.com/hsgview/hsgview/assets"
)

// sizes are the hicolor sizes desktops look up for application icons.
var sizes = []int{16, 22, 24, 32, 48, 64, 128, 256, 512}

func main() {
	out := flag.String("out", "", "hicolor folder to write into")
	name := flag.String("name", "org.hsgview.hsgview", "icon name (the desktop entry's Icon=)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: iconsizes -out DIR [-name NAME]")
		os.Exit(2)
	}
	if err := write(*out, *name); err != nil {
		fmt.Fprintln(os.Stderr, "iconsizes:", err)
		os.Exit(1)
	}
}

func write(dir, name string) error {
	src, err := png.Decode(bytes.NewReader(assets.Icon))
	if err != nil {
		return fmt.Errorf("assets/icon.png: %w", err)
	}
	if b := src.Bounds(); b.Dx() != b.Dy() {
		return fmt.Errorf("assets/icon.png is %dx%d, not square", b.Dx(), b.Dy())
	}
	for _, n := range sizes {
		dst := image.NewNRGBA(image.Rect(0, 0, n, n))
		if n == src.Bounds().Dx() {
			draw.Copy(dst, image.Point{}, src, src.Bounds(), draw.Src, nil)
		} else {
			draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
		}
		p := filepath.Join(dir, fmt.Sprintf("%dx%d", n, n), "apps", name+".png")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, dst); err != nil {
			return err
		}
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}
