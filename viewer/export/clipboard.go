package export

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"

	"fyne.io/fyne/v2/lang"
)

// Why an external program: Fyne 2.7's fyne.Clipboard holds text only
// (Content and SetContent take strings), as does the GLFW clipboard under
// it, and Fyne has no image clipboard. Offering an image means owning the
// clipboard and answering every paste with the image/png target until
// something else is copied. Rather than link an X11 or Wayland client
// library (cgo) and serve those requests from the viewer, hsgview hands
// the PNG to the desktop's own clipboard tool, which stays in the
// background as the owner: wl-copy (package wl-clipboard) under Wayland,
// xclip under X11. Without one the user is told, in one line, what to
// install; export to a file still works.

// A clipTool is a program that puts its standard input on the clipboard.
type clipTool struct {
	name string
	args []string
}

// ErrNoClipboardTool says that no program to put an image on the
// clipboard was found.
var ErrNoClipboardTool = errors.New("no clipboard tool")

// findClipTool chooses the clipboard program for the session described
// by getenv, among those lookPath finds.
func findClipTool(goos string, getenv func(string) string, lookPath func(string) (string, error)) (clipTool, error) {
	if goos != "linux" && !strings.HasSuffix(goos, "bsd") {
		return clipTool{}, fmt.Errorf("%w: %s", ErrNoClipboardTool, lang.L("Copying an image is not supported on this system: export it as a PNG instead"))
	}
	has := func(name string) bool { _, err := lookPath(name); return err == nil }
	if getenv("WAYLAND_DISPLAY") != "" && has("wl-copy") {
		return clipTool{"wl-copy", []string{"--type", "image/png"}}, nil
	}
	if getenv("DISPLAY") != "" && has("xclip") {
		return clipTool{"xclip", []string{"-selection", "clipboard", "-t", "image/png", "-i"}}, nil
	}
	return clipTool{}, fmt.Errorf("%w: %s", ErrNoClipboardTool, lang.L("Copying an image needs xclip (X11) or wl-clipboard (Wayland): install one, or export the image as a PNG"))
}

// CopyPNG puts the PNG image data on the system clipboard (see the
// comment above for how). It blocks until the clipboard program has
// taken the data: call it off the Fyne goroutine.
func CopyPNG(data []byte) error {
	if len(data) == 0 {
		return errors.New("export: copy: no image")
	}
	tool, err := findClipTool(runtime.GOOS, os.Getenv, exec.LookPath)
	if err != nil {
		return err
	}
	cmd := exec.Command(tool.name, tool.args...)
	cmd.Stdin = bytes.NewReader(data)
	// No pipes for its output: the background process xclip leaves to
	// own the clipboard keeps them open, and Wait would wait for it.
	cmd.Stdout, cmd.Stderr = nil, nil
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w", tool.name, err)
	}
	return nil
}
