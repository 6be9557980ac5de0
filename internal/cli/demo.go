package cli

import (
	"fmt"

	"github.com/hsgview/hsgview/internal/demo"
)

func runDemo(e *env, args []string) int {
	fs := newFlags(e, "demo")
	out := fs.String("out", "", "folder to write the study and report-draft.json into")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return ExitUsage
	}
	if *out == "" || len(pos) > 0 {
		e.errorf("demo: need --out DIR")
		fmt.Fprintln(e.stderr, "usage: hsgview demo --out DIR")
		return ExitUsage
	}
	if _, err := demo.WriteDemo(*out); err != nil {
		e.errorf("demo: %v", err)
		return ExitPartial
	}
	fmt.Fprintf(e.stdout, "demo study and report-draft.json written to %s\n", *out)
	return ExitOK
}
