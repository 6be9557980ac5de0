package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/hsgview/hsgview/internal/cli"
)

// Set at build time by the packaging scripts:
//
//	go build -ldflags "-X main.version=0.1.0 -X main.commit=$(git rev-parse HEAD)" ./cmd/hsgview
//
// The variables live in package main so the flags do not name the module
// path. When they are empty, the module version and the VCS revision that
// the go command records (go install …@version, go build in a clone) are
// used instead.
var (
	version string
	commit  string
)

// buildInfo is what --version prints and the About dialog shows.
type buildInfo struct {
	Version   string // "0.1.0", "v0.2.0" or cli.Version's default
	Commit    string // full or short revision, "+dirty" when modified; "unknown" when not recorded
	GoVersion string // "go1.26.8"
	Platform  string // "linux/amd64"
}

func currentBuildInfo() buildInfo {
	info := buildInfo{Version: version, Commit: commit, GoVersion: runtime.Version(),
		Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if info.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			info.Version = bi.Main.Version
		}
		if info.Commit == "" {
			var rev string
			var dirty bool
			for _, s := range bi.Settings {
				switch s.Key {
				case "vcs.revision":
					rev = s.Value
				case "vcs.modified":
					dirty = s.Value == "true"
				}
			}
			if rev != "" && dirty {
				rev += "+dirty"
			}
			info.Commit = rev
		}
	}
	if info.Version == "" {
		info.Version = cli.Version
	}
	if info.Commit == "" {
		info.Commit = "unknown"
	}
	return info
}

// isVersionRequest reports whether args ask only for the version.
func isVersionRequest(args []string) bool {
	return len(args) == 1 && (args[0] == "--version" || args[0] == "-version" || args[0] == "version")
}

func printVersion(w io.Writer, info buildInfo) {
	fmt.Fprintf(w, "hsgview %s\ncommit %s\nbuilt with %s for %s\n", info.Version, info.Commit, info.GoVersion, info.Platform)
}

// shortCommit shortens a full revision for display, keeping "+dirty".
func shortCommit(c string) string {
	rev, dirty, _ := strings.Cut(c, "+")
	if len(rev) == 40 {
		rev = rev[:12]
	}
	if dirty != "" {
		rev += "+" + dirty
	}
	return rev
}
