package main

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"github.com/hsgview/hsgview/library"
	"github.com/hsgview/hsgview/viewer"
	"github.com/hsgview/hsgview/viewer/pacsui"
	"github.com/hsgview/hsgview/viewer/ui"
	"github.com/hsgview/hsgview/viewer/worklist"
)

// libraryFlag takes a leading "--library DIR" (or --library=DIR) off the
// GUI's arguments. The library command parses its own.
func libraryFlag(args []string) (rest []string, dir string, err error) {
	if len(args) == 0 {
		return args, "", nil
	}
	switch a := args[0]; {
	case a == "--library" || a == "-library":
		if len(args) < 2 {
			return nil, "", fmt.Errorf("--library needs a folder")
		}
		return args[2:], args[1], nil
	case strings.HasPrefix(a, "--library="):
		return args[1:], strings.TrimPrefix(a, "--library="), nil
	}
	return args, "", nil
}

// startLibrary opens the study library off the UI goroutine (the first
// start copies the old drafts folder in), then builds the window: the
// study list when no paths were given, else the study view on paths with
// an offer to import them. When the library cannot be opened, the error
// is shown and the viewer works on paths as before the library.
func startLibrary(w fyne.Window, dir string, paths []string) {
	go func() {
		var lib *library.Library
		var err error
		if dir == "" {
			dir, err = library.DefaultDir()
		}
		if err == nil {
			lib, err = library.Open(dir, nil)
		}
		fyne.Do(func() {
			if err != nil {
				v := viewer.New(w, viewer.Options{Demo: demoStudy})
				dialog.ShowError(fmt.Errorf(lang.L("the study library (%s) could not be opened; studies open from their paths only: %w"), dir, err), w)
				if len(paths) == 0 {
					v.OpenDemo()
				} else {
					v.Open(paths)
				}
				return
			}
			b := &ui.Bridge{Do: fyne.Do}
			sh := worklist.NewShell(w, lib, b, demoStudy)
			v := viewer.New(w, sh.ViewerOptions(viewer.Options{Demo: demoStudy}))
			sh.SetViewer(v)
			// The PACS tab beside the study list: a retrieved study goes
			// into the library and opens.
			sh.Screen().AddTab(lang.L("PACS"), pacsui.New(pacsui.Options{Window: w, Bridge: b, Library: lib,
				Retrieved: func(r pacsui.Retrieved) {
					if r.InLibrary {
						sh.OpenStudy(r.StudyUID)
					} else {
						v.Open(r.Files)
					}
				}}))
			if len(paths) == 0 {
				// A library with no study yet (a first start) shows the
				// bundled demo study, without adding its fictitious
				// patient to the library; otherwise the study list.
				if pg, err := lib.Worklist(context.Background(), library.Query{Limit: 1}); err == nil && pg.Total == 0 {
					sh.ShowStudyView()
					v.OpenDemo()
					return
				}
				sh.ShowList()
				return
			}
			v.Open(paths)
			sh.OfferImport(paths)
		})
	}()
}
