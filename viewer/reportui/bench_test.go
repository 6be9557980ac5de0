package reportui

import (
	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/viewer/forminput"
	"testing"
)

// benchPanel opens the demo study (its draft: marks, key images, five
// impression sentences) with the findings panel shown.
func benchPanel(b *testing.B) (*testHost, *testQueue, *reportPanel) {
	b.Helper()
	dir, err := demoDir()
	if err != nil {
		b.Fatal(err)
	}
	v, q, _ := newTestHost(b, 1400, 900)
	v.Open(b, []string{dir})
	q.settle(b)
	v.showReportPanel(true)
	q.settle(b)
	return v, q, v.ReportPanel()
}

// BenchmarkPanelChoice is what a choice costs on the Fyne goroutine: the
// change applied, the impression regenerated, the report validated and
// every field of the panel brought up to date. The save runs in the
// background and is not counted (see BenchmarkPanelChoiceSaved).
func BenchmarkPanelChoice(b *testing.B) {
	_, q, p := benchPanel(b)
	sel := rightSpill(p)
	i := 0
	for b.Loop() {
		sel.SetSelected(spillChoices[i%2 == 0])
		i++
		if i%64 == 0 {
			b.StopTimer()
			q.settle(b)
			b.StartTimer()
		}
	}
	b.StopTimer()
	q.settle(b)
}

// BenchmarkPanelChoiceSaved is a choice until it is on disk: the above
// plus the atomic write of the draft by the worker goroutine.
func BenchmarkPanelChoiceSaved(b *testing.B) {
	v, q, p := benchPanel(b)
	sel := rightSpill(p)
	i := 0
	for b.Loop() {
		sel.SetSelected(spillChoices[i%2 == 0])
		i++
		q.settle(b)
	}
	if v.Report().Report().Tubes.Right.Spill == "" || v.Report().saveErr != nil {
		b.Fatal("not saved")
	}
}

// BenchmarkReportDerived is the report's share of a change: impression
// regenerated, validated, stale sentences found.
func BenchmarkReportDerived(b *testing.B) {
	v, _, _ := benchPanel(b)
	r := cloneReport(v.Report().Report())
	for b.Loop() {
		assess.RefreshImpression(r)
		_ = assess.Validate(r)
		_ = assess.ImpressionStale(r)
	}
}

// spillChoices are the two spill values the benchmarks alternate.
var spillChoices = map[bool]string{true: "Loculated", false: "Free, prompt"}

// rightSpill returns the right tube's spill choice of the panel.
func rightSpill(p *reportPanel) *forminput.Choice {
	var sel *forminput.Choice
	p.form.walk(func(fd *field) {
		if fd.path == "/tubes/right/spill" {
			sel = fd.focus.(*forminput.Choice)
		}
	})
	return sel
}
