package export

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os/exec"
	"strings"
	"testing"

	"github.com/hsgview/hsgview/viewer/internal/fixture"
)

func TestFindClipTool(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	look := func(have ...string) func(string) (string, error) {
		return func(name string) (string, error) {
			for _, h := range have {
				if h == name {
					return "/usr/bin/" + name, nil
				}
			}
			return "", exec.ErrNotFound
		}
	}
	for _, c := range []struct {
		name, goos string
		env        func(string) string
		look       func(string) (string, error)
		want       string // tool, or the start of the error's message
	}{
		{"wayland", "linux", env("WAYLAND_DISPLAY", "wayland-0", "DISPLAY", ":0"), look("wl-copy", "xclip"), "wl-copy"},
		{"xwayland without wl-copy", "linux", env("WAYLAND_DISPLAY", "wayland-0", "DISPLAY", ":0"), look("xclip"), "xclip"},
		{"x11", "linux", env("DISPLAY", ":0"), look("xclip", "wl-copy"), "xclip"},
		{"x11 without xclip", "linux", env("DISPLAY", ":0"), look("xsel"), "no clipboard tool: Copying an image needs xclip (X11) or wl-clipboard (Wayland)"},
		{"no display", "linux", env(), look("xclip"), "no clipboard tool: Copying an image needs xclip"},
		{"windows", "windows", env(), look(), "no clipboard tool: Copying an image is not supported on this system"},
	} {
		tool, err := findClipTool(c.goos, c.env, c.look)
		got := tool.name
		if err != nil {
			got = err.Error()
			if !errors.Is(err, ErrNoClipboardTool) || strings.Contains(got, "\n") {
				t.Errorf("%s: error %q is not one line of ErrNoClipboardTool", c.name, got)
			}
		}
		if !strings.HasPrefix(got, c.want) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	if tool, _ := findClipTool("linux", env("DISPLAY", ":0"), look("xclip")); strings.Join(tool.args, " ") != "-selection clipboard -t image/png -i" {
		t.Errorf("xclip %q", tool.args)
	}
}

// testPNG returns a small PNG.
func testPNG(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 7, 5))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	img.Set(3, 2, color.RGBA{255, 224, 102, 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestCopyPNGXclip puts a PNG on the X11 clipboard with xclip and reads
// it back as image/png, byte for byte. It needs an X server (DISPLAY,
// Xvfb in CI) and xclip.
func TestCopyPNGXclip(t *testing.T) {
	fixture.X11Clipboard(t)
	data := testPNG(t)
	if err := CopyPNG(data); err != nil {
		t.Fatal(err)
	}
	targets, err := exec.Command("xclip", "-selection", "clipboard", "-o", "-t", "TARGETS").Output()
	if err != nil || !strings.Contains(string(targets), "image/png") {
		t.Errorf("clipboard targets %q (%v), want image/png", targets, err)
	}
	got, err := exec.Command("xclip", "-selection", "clipboard", "-o", "-t", "image/png").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, data) {
		t.Errorf("read back %d bytes, copied %d", len(got), len(data))
	}
	if err := CopyPNG(nil); err == nil {
		t.Error("no error for no image")
	}
}
