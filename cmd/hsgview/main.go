// Command hsgview is an offline DICOM viewer and structured-reporting tool
// for hysterosalpingography.
package main

import (
	"os"

	_ "github.com/hsgview/hsgview/internal/cleanlocale" // first: before Fyne reads the locale
	"github.com/hsgview/hsgview/internal/cli"
)

func main() {
	info := currentBuildInfo()
	// Reports and DICOM output name the same version as --version.
	cli.Version = info.Version
	if isVersionRequest(os.Args[1:]) {
		printVersion(os.Stdout, info)
		os.Exit(cli.ExitOK)
	}
	// "--library DIR" before the paths chooses the GUI's study library.
	if rest, dir, err := libraryFlag(os.Args[1:]); err == nil && dir != "" {
		if code, handled := cli.Run(rest, os.Stdout, os.Stderr); handled {
			os.Exit(code)
		}
		os.Exit(runGUI(os.Args[1:], info))
	}
	if code, handled := cli.Run(os.Args[1:], os.Stdout, os.Stderr); handled {
		os.Exit(code)
	}
	os.Exit(runGUI(os.Args[1:], info))
}
