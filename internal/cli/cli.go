// Package cli implements hsgview's command-line sub-commands: info,
// render, demo, dump, codecs, report, validate, sign, impression, dose,
// pacs and library. It has no GUI dependency, so the
// commands and their tests run on machines without a display or cgo.
package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/hsgview/hsgview/dicomio/dicomtext"
)

// Exit statuses.
const (
	ExitOK      = 0 // success
	ExitPartial = 1 // some files failed but the rest loaded (or the command failed)
	ExitUsage   = 2 // usage error
)

type command struct {
	name, args, help string
	run              func(e *env, args []string) int
}

// env carries the output streams of one invocation.
type env struct {
	stdout, stderr io.Writer
}

// errorf prints a one-line error. The message is escaped: it may quote
// DICOM values and file names, whose control characters must not reach
// the terminal.
func (e *env) errorf(format string, a ...any) {
	fmt.Fprintf(e.stderr, "hsgview: %s\n", dicomtext.Escape(fmt.Sprintf(format, a...)))
}

var commands []command

func init() {
	commands = []command{
		{"info", "[--json] PATH...", "list studies, images in time order, HSG phases and unreadable files", runInfo},
		{"render", "PATH --sop UID [--frame N] [--window C,W] [--draft DRAFT.json] [--rotate DEG] [--flip h|v|hv] [--invert] [--sides] --out FILE.png", "write one frame as an 8-bit PNG as the viewer shows it (with --draft, --sides and the turn: as the viewer exports it)", runRender},
		{"demo", "--out DIR", "write the synthetic HSG demo study and an example report draft", runDemo},
		{"dump", "FILE", "print a file's header as hsgview parses it", runDump},
		{"codecs", "", "list the transfer syntaxes this build decodes", runCodecs},
		{"report", "--study PATH --draft DRAFT.json --out REPORT.pdf [--lang en|ru] [--paper A4|Letter] [--dicom OUT.dcm]", "write the PDF report of a draft, in its language or --lang (and a DICOM Encapsulated PDF)", runReport},
		{"validate", "--study PATH DRAFT.json", "list what stops a draft from being signed (error: …) and what to check (warning: …); exit 1 when an error blocks signing", runValidate},
		{"sign", "--study PATH --draft DRAFT.json --by NAME", "sign a draft in place, or refuse with the errors that block it", runSign},
		{"dose", "[--json] [--lang en|ru] [--study UID] [--settings FILE] PATH...", "print the patient dose: totals and events of the dose report (else the image headers), reference levels and effective dose", runDose},
		{"pacs", "--server URL [--user U --password-file F | --token-file F] [--ca F] find|get|send …", "search, retrieve from and send to a PACS over DICOMweb", runPacs},
		{"library", "[--library DIR] import [--copy|--reference] PATH... | list [--json] [--status S] [--search TEXT] | show STUDY_UID | remove STUDY_UID | audit [--csv]", "the study library: import, worklist, study, remove, audit log", runLibrary},
		{"impression", "[--lang en|ru] DRAFT.json", "print the impression generated from a draft's findings, one sentence per line, in the draft's language or the one --lang names", runImpression},
	}
}

// Run executes a sub-command. handled is false when args do not name one,
// in which case the caller starts the GUI with args as paths.
func Run(args []string, stdout, stderr io.Writer) (code int, handled bool) {
	e := &env{stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		return 0, false
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return ExitOK, true
	case "version", "--version":
		fmt.Fprintln(stdout, "hsgview", Version)
		return ExitOK, true
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(e, args[1:]), true
		}
	}
	if strings.HasPrefix(args[0], "-") {
		e.errorf("unknown option %s", args[0])
		usage(stderr)
		return ExitUsage, true
	}
	// The viewer opens what exists and lists the rest as errors; when
	// nothing named exists, it is a mistyped command or path.
	for _, a := range args {
		if _, err := os.Stat(a); err == nil {
			return 0, false
		}
	}
	e.errorf("%s: no such command, file or folder", strings.Join(args, ", "))
	usage(stderr)
	return ExitUsage, true
}

// Version is set at build time with -ldflags "-X github.com/hsgview/hsgview/internal/cli.Version=…".
var Version = "0.1.0-dev"

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: hsgview [PATH...]            open files, folders, a DICOMDIR or a zip in the viewer")
	fmt.Fprintln(w, "                                    (the bundled demo study when no path is given)")
	for _, c := range commands {
		fmt.Fprintf(w, "       hsgview %s %s\n           %s\n", c.name, c.args, c.help)
	}
	fmt.Fprintln(w, "exit status: 0 success, 1 some files failed (the rest loaded), 2 usage error")
}

// parseInterleaved parses flags that may appear before, between or after
// positional arguments ("render PATH --sop X").
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func newFlags(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}
