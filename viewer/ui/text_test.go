package ui

import "testing"

func TestOneLine(t *testing.T) {
	if got := OneLine("  Left  tube\n\tpatent "); got != "Left tube patent" {
		t.Errorf("OneLine: %q", got)
	}
}
