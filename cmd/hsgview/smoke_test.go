package main

import (
	"bufio"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSmokeGUI builds the real binary, imports the demo study into a new
// library (hsgview demo, hsgview library import), starts the GUI under
// Xvfb on that library (it opens on the study list), presses Enter to open
// the selected study, waits for the images, takes a screenshot of the
// screen and checks that the window is there and shows pictures: not
// blank, both panes of the hanging protocol filled. It skips when Xvfb,
// xdotool or ImageMagick's import are missing.
func TestSmokeGUI(t *testing.T) {
	if testing.Short() {
		t.Skip("GUI smoke test skipped in -short mode")
	}
	tools := map[string]string{}
	for _, name := range []string{"Xvfb", "xdotool", "import"} {
		p, err := exec.LookPath(name)
		if err != nil {
			t.Skipf("%s not installed, so no X server can be started for the GUI smoke test (Debian: xvfb xdotool imagemagick)", name)
		}
		tools[name] = p
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found: cannot build the binary")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "hsgview")
	build := exec.Command(goTool, "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	display := startXvfb(t, tools["Xvfb"])

	home := filepath.Join(tmp, "home")
	for _, d := range []string{home, filepath.Join(home, "cache"), filepath.Join(home, "config")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	env := append(os.Environ(), "DISPLAY="+display, "LANG=en_US.UTF-8", "HOME="+home,
		"XDG_CACHE_HOME="+filepath.Join(home, "cache"), "XDG_CONFIG_HOME="+filepath.Join(home, "config"))
	lib, demoDir := filepath.Join(tmp, "library"), filepath.Join(tmp, "demo")
	for _, args := range [][]string{{"demo", "--out", demoDir}, {"library", "--library", lib, "import", "--copy", demoDir}} {
		c := exec.Command(bin, args...)
		c.Env = env
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatalf("hsgview %v: %v\n%s", args, err, out)
		}
	}
	logPath := filepath.Join(tmp, "hsgview.log")
	logf, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer logf.Close()
	app := exec.Command(bin, "--library", lib)
	app.Env, app.Stdout, app.Stderr = env, logf, logf
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	defer func() {
		app.Process.Kill()
		<-exited
	}()
	appLog := func() string { b, _ := os.ReadFile(logPath); return string(b) }

	// The window appears.
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	search := exec.CommandContext(ctx, tools["xdotool"], "search", "--sync", "--onlyvisible", "--name", "hsgview")
	search.Env = env
	found, err := search.Output()
	if err != nil || strings.TrimSpace(string(found)) == "" {
		t.Fatalf("no hsgview window: %v\napp log:\n%s", err, appLog())
	}
	// The window carries the application icon (a.SetIcon), which the
	// window manager reads from _NET_WM_ICON.
	if xprop, err := exec.LookPath("xprop"); err != nil {
		t.Log("xprop not installed (Debian: x11-utils): window icon not checked")
	} else if !windowHasIcon(t, xprop, env, strings.Fields(string(found))) {
		t.Errorf("no hsgview window has _NET_WM_ICON set")
	}

	// The list opens (title "hsgview – studies") with the newest study
	// selected: Enter opens it (the title becomes the study's). Then poll
	// screenshots until both panes hold a picture.
	wid := strings.Fields(string(found))[0]
	for i := 0; ; i++ {
		name := exec.Command(tools["xdotool"], "getwindowname", wid)
		name.Env = env
		out, _ := name.Output()
		if title := string(out); strings.Contains(title, "hsgview – ") && !strings.Contains(title, "studies") {
			break
		}
		if i == 60 {
			t.Fatalf("the study was not opened from the list (title %q)\napp log:\n%s", out, appLog())
		}
		if strings.Contains(string(out), "studies") {
			key := exec.Command(tools["xdotool"], "key", "--window", wid, "Return")
			key.Env = env
			key.Run()
		}
		time.Sleep(time.Second)
	}
	shot := filepath.Join(t.ArtifactDir(), "smoke.png")
	deadline := time.Now().Add(90 * time.Second)
	var problem string
	for {
		select {
		case err := <-exited:
			t.Fatalf("hsgview exited: %v\napp log:\n%s", err, appLog())
		default:
		}
		imp := exec.Command(tools["import"], "-window", "root", shot)
		imp.Env = env
		if out, err := imp.CombinedOutput(); err != nil {
			t.Fatalf("import: %v\n%s", err, out)
		}
		problem = checkScreenshot(t, shot)
		if problem == "" || time.Now().After(deadline) {
			break
		}
		time.Sleep(time.Second)
	}
	if problem != "" {
		t.Fatalf("screenshot %s: %s\napp log:\n%s", shot, problem, appLog())
	}
	t.Logf("screenshot: %s", shot)
	if l := appLog(); strings.Contains(l, "Error in Fyne call thread") || strings.Contains(l, "panic") {
		t.Errorf("app log:\n%s", l)
	}
}

// windowHasIcon reports whether one of the windows has a non-empty
// _NET_WM_ICON (Fyne sets it shortly after mapping the window).
func windowHasIcon(t *testing.T, xprop string, env, ids []string) bool {
	t.Helper()
	for try := 0; try < 50; try++ {
		for _, id := range ids {
			cmd := exec.Command(xprop, "-id", id, "_NET_WM_ICON")
			cmd.Env = env
			out, _ := cmd.Output()
			// "_NET_WM_ICON(CARDINAL) = \tIcon (64 x 64): …" when set,
			// "_NET_WM_ICON:  not found." when not.
			if strings.HasPrefix(string(out), "_NET_WM_ICON(CARDINAL) =") {
				return true
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return false
}

// startXvfb starts a virtual X server on a free display and returns its
// name; it skips the test when none can start.
func startXvfb(t *testing.T, xvfb string) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cmd := exec.Command(xvfb, "-displayfd", "3", "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		w.Close()
		t.Skipf("Xvfb cannot start: %v", err)
	}
	w.Close()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-done
	})
	num := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		num <- strings.TrimSpace(line)
	}()
	select {
	case n := <-num:
		if n == "" {
			t.Skip("Xvfb did not start (no display number reported)")
		}
		return ":" + n
	case err := <-done:
		t.Skipf("Xvfb exited at start: %v", err)
	case <-time.After(20 * time.Second):
		t.Skip("Xvfb did not report a display within 20 s")
	}
	return ""
}

// checkScreenshot returns "" when the screen shows the viewer with two
// image panes, or what is wrong.
func checkScreenshot(t *testing.T, path string) string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	b := img.Bounds()
	if s := lumaStats(img, b); s.levels < 32 || s.stddev < 10 {
		return fmt.Sprintf("blank screen (%d grey levels, σ %.1f)", s.levels, s.stddev)
	}
	// The window opens at 1500×920 at the top-left; the panes lie right
	// of the thumbnail strip. Both halves of the pane area must show an
	// image, not a black pane with a message.
	for _, half := range []image.Rectangle{image.Rect(300, 250, 800, 700), image.Rect(1000, 250, 1450, 700)} {
		if s := lumaStats(img, half.Intersect(b)); s.levels < 32 || s.stddev < 8 {
			return fmt.Sprintf("no picture in the pane at %v (%d grey levels, σ %.1f)", half, s.levels, s.stddev)
		}
	}
	return ""
}

type stats struct {
	levels int
	stddev float64
}

func lumaStats(img image.Image, r image.Rectangle) stats {
	var hist [256]int
	var sum, sum2, n float64
	for y := r.Min.Y; y < r.Max.Y; y += 2 {
		for x := r.Min.X; x < r.Max.X; x += 2 {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			l := (299*cr + 587*cg + 114*cb) / 1000 >> 8
			hist[l]++
			sum += float64(l)
			sum2 += float64(l) * float64(l)
			n++
		}
	}
	var s stats
	for _, c := range hist {
		if c > 0 {
			s.levels++
		}
	}
	if n > 0 {
		m := sum / n
		s.stddev = sqrt(sum2/n - m*m)
	}
	return s
}

func sqrt(v float64) float64 {
	if v <= 0 {
		return 0
	}
	x := v
	for range 30 {
		x = (x + v/x) / 2
	}
	return x
}
