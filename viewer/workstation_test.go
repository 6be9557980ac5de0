package viewer

import "testing"

// TestErrorsKeyWithoutFailures: E with no file that failed to load says
// so in the status bar instead of doing nothing visible.
func TestErrorsKeyWithoutFailures(t *testing.T) {
	v, q, _ := newTestViewer(t, 1100, 560)
	openFixtures(t, v, q, hsgFixtures())
	if len(v.ErrorLines()) != 0 || !v.errorsBtn.Hidden {
		t.Fatalf("the fixtures failed to load: %q", v.ErrorLines())
	}
	v.TypedRune('e')
	if v.errorsPanel.Visible() {
		t.Error("E showed an empty errors panel")
	}
	if got := v.status.Text; got != "No file failed to load" {
		t.Errorf("status %q", got)
	}
}
