package cli

import (
	"fmt"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/dicomtext"
)

// runDump prints the header of one file as parsed by hsgview.
func runDump(e *env, args []string) int {
	if len(args) != 1 {
		fmt.Fprintln(e.stderr, "usage: hsgview dump FILE")
		return ExitUsage
	}
	in, err := dicomio.OpenFile(args[0])
	if err != nil {
		e.errorf("%v", err)
		return ExitPartial
	}
	fmt.Fprintf(e.stdout, "# transfer syntax %s\n", dicomtext.Escape(in.TransferSyntax))
	if err := in.Header().Dump(e.stdout); err != nil {
		return ExitPartial
	}
	return ExitOK
}
