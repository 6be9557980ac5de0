package cli

import (
	"testing"

	"github.com/hsgview/hsgview/internal/testutil"
)

// Timeline cases a reviewer built that the first fixtures did not cover.

// A Contrast/Bolus Start Time just after midnight, recorded on a scout
// taken just before it: T0 is on the next day, not 24 h earlier.
func TestInfoContrastStartAfterMidnight(t *testing.T) {
	cb := testutil.Attrs{"(0018,1042)": "TM [000100]"}
	dir := writeStudy(t, []fixture{
		{"scout.dcm", merge(series(1, "scout"), acq("20240310", "235700"), cb)},
		{"s1.dcm", merge(series(2, "spot"), acq("20240311", "000200"), cb)},
		{"s2.dcm", merge(series(2, "spot"), acq("20240311", "000400"), cb)},
		{"s3.dcm", merge(series(2, "spot"), acq("20240311", "000600"), cb)},
		{"dx.dcm", merge(series(3, "pelvis"), acq("20240311", "002600"), testutil.Attrs{"(0008,0060)": "CS [DX]"})},
	})
	doc, _ := runInfoJSON(t, dir)
	s := doc.Studies[0]
	if s.T0 == nil || *s.T0 != "2024-03-11T00:01:00.000Z" || s.T0Source != "ContrastBolusStartTime" {
		t.Fatalf("t0 %v (%s)", deref2(s.T0), s.T0Source)
	}
	if im := imageBy(t, s, "scout.dcm"); im.Phase != "scout" {
		t.Errorf("scout: %s", im.Phase)
	}
	if s.Delayed == nil || s.Delayed.SOPInstanceUID != imageBy(t, s, "dx.dcm").SOPInstanceUID || !(abs(num(s.Delayed.MinutesFromT0)-25) <= 0.01) {
		t.Errorf("delayed %+v", s.Delayed)
	}
}

// A scout followed by a pause as long as a delay, then the injection run
// and the delayed film: the scout is recognised, T0 is the first spot,
// and the film at +25 min, not a spot, is the delayed image. A lone image
// after such a pause, on the other hand, is the delayed film.
func TestInfoScoutLongPause(t *testing.T) {
	dir := writeStudy(t, []fixture{
		{"a.dcm", merge(series(1, "HSG"), acq("20240312", "084800"))},
		{"b.dcm", merge(series(1, "HSG"), acq("20240312", "090000"))},
		{"c.dcm", merge(series(1, "HSG"), acq("20240312", "090100"))},
		{"d.dcm", merge(series(1, "HSG"), acq("20240312", "090300"))},
		{"e.dcm", merge(series(1, "HSG"), acq("20240312", "092500"))},
	})
	doc, _ := runInfoJSON(t, dir)
	s := doc.Studies[0]
	if im := imageBy(t, s, "a.dcm"); im.Phase != "scout" {
		t.Errorf("first image: %s, want scout", im.Phase)
	}
	for _, f := range []string{"b.dcm", "c.dcm", "d.dcm"} {
		if im := imageBy(t, s, f); im.Phase != "immediate" {
			t.Errorf("%s: %s, want immediate", f, im.Phase)
		}
	}
	if s.Delayed == nil || s.Delayed.SOPInstanceUID != imageBy(t, s, "e.dcm").SOPInstanceUID || !(abs(num(s.Delayed.MinutesFromT0)-25) <= 0.01) {
		t.Errorf("delayed %+v", s.Delayed)
	}

	dir = writeStudy(t, []fixture{
		{"a.dcm", merge(series(1, "HSG"), acq("20240312", "090000"))},
		{"e.dcm", merge(series(1, "HSG"), acq("20240312", "092500"))},
	})
	doc, _ = runInfoJSON(t, dir)
	s = doc.Studies[0]
	if im := imageBy(t, s, "a.dcm"); im.Phase != "immediate" {
		t.Errorf("two images: first is %s, want immediate", im.Phase)
	}
	if s.Delayed == nil || s.Delayed.SOPInstanceUID != imageBy(t, s, "e.dcm").SOPInstanceUID {
		t.Errorf("two images: delayed %+v", s.Delayed)
	}
}

// The delayed film filed under its own study and accession, same patient:
// the fluoroscopy study names it as its delayed image, and the film's own
// study shows it as delayed from the same T0.
func TestInfoDelayedFilmInAnotherStudy(t *testing.T) {
	other := testutil.Attrs{"(0020,000d)": "UI [1.2.826.0.1.3680043.10.1078.2]", "(0008,0050)": "SH [ACC2]",
		"(0008,0060)": "CS [DX]", "(0008,0016)": "UI =DigitalXRayImageStorageForPresentation"}
	dir := writeStudy(t, []fixture{
		{"s1.dcm", merge(series(1, "spot"), acq("20240312", "100000"))},
		{"s2.dcm", merge(series(1, "spot"), acq("20240312", "100200"))},
		{"s3.dcm", merge(series(1, "spot"), acq("20240312", "100300"))},
		{"dx.dcm", merge(series(5, "Pelvis AP"), acq("20240312", "102100"), other)},
	})
	doc, code := runInfoJSON(t, dir)
	if code != ExitOK || len(doc.Studies) != 2 {
		t.Fatalf("exit %d, %d studies", code, len(doc.Studies))
	}
	var rf, dx studyJSON
	for _, s := range doc.Studies {
		if len(s.Images) == 3 {
			rf = s
		} else {
			dx = s
		}
	}
	film := imageBy(t, dx, "dx.dcm")
	if rf.Delayed == nil || rf.Delayed.SOPInstanceUID != film.SOPInstanceUID || rf.Delayed.StudyInstanceUID != dx.StudyInstanceUID ||
		!(abs(num(rf.Delayed.MinutesFromT0)-21) <= 0.01) {
		t.Errorf("fluoroscopy study's delayed: %+v", rf.Delayed)
	}
	if film.Phase != "delayed" || !(abs(num(film.MinutesFromT0)-21) <= 0.01) || dx.T0 == nil || rf.T0 == nil || *dx.T0 != *rf.T0 {
		t.Errorf("film: %s at %v min, t0 %v vs %v", film.Phase, deref(film.MinutesFromT0), deref2(dx.T0), deref2(rf.T0))
	}
	// Another patient's film at the same time is not taken.
	dir = writeStudy(t, []fixture{
		{"s1.dcm", merge(series(1, "spot"), acq("20240312", "100000"))},
		{"s2.dcm", merge(series(1, "spot"), acq("20240312", "100200"))},
		{"dx.dcm", merge(series(5, "Pelvis AP"), acq("20240312", "102100"), other, testutil.Attrs{"(0010,0020)": "LO [OTHER]"})},
	})
	doc, _ = runInfoJSON(t, dir)
	for _, s := range doc.Studies {
		if len(s.Images) == 2 && s.Delayed != nil {
			t.Errorf("another patient's film taken as delayed: %+v", s.Delayed)
		}
	}
}

// Acquisition Time without its date takes the Study Date; across midnight
// the images after it move to the next day, and the borrowed date lowers
// the confidence.
func TestInfoBorrowedDateAcrossMidnight(t *testing.T) {
	tm := func(t string) testutil.Attrs {
		return testutil.Attrs{"(0008,0032)": "TM [" + t + "]", "(0008,0020)": "DA [20240310]"}
	}
	dir := writeStudy(t, []fixture{
		{"a.dcm", merge(series(1, "spot"), tm("235000"))},
		{"b.dcm", merge(series(1, "spot"), tm("235200"))},
		{"c.dcm", merge(series(1, "spot"), tm("235500"))},
		{"dx.dcm", merge(series(2, "film"), tm("002000"), testutil.Attrs{"(0008,0060)": "CS [DX]"})},
	})
	doc, _ := runInfoJSON(t, dir)
	s := doc.Studies[0]
	film := imageBy(t, s, "dx.dcm")
	if film.Acquired == nil || *film.Acquired != "2024-03-11T00:20:00.000Z" || film.Phase != "delayed" {
		t.Errorf("film after midnight: %v %s", deref2(film.Acquired), film.Phase)
	}
	if im := imageBy(t, s, "a.dcm"); im.Confidence == "high" || im.TimeSource != "AcquisitionDate+Time" {
		t.Errorf("borrowed date: %s confidence, source %s", im.Confidence, im.TimeSource)
	}
	if s.Delayed == nil || !(abs(num(s.Delayed.MinutesFromT0)-30) <= 0.01) {
		t.Errorf("delayed %+v", s.Delayed)
	}
}

// Hints are words: a lateral view is not "late", a bare "post" film is.
func TestInfoHintWords(t *testing.T) {
	dir := writeStudy(t, []fixture{
		{"lat.dcm", series(1, "Pelvis lateral")},
		{"post.dcm", series(2, "Post film")},
	})
	doc, _ := runInfoJSON(t, dir)
	s := doc.Studies[0]
	if im := imageBy(t, s, "lat.dcm"); im.Phase == "delayed" {
		t.Errorf("a lateral view taken as delayed")
	}
	if im := imageBy(t, s, "post.dcm"); im.Phase != "delayed" {
		t.Errorf("post film: %s", im.Phase)
	}
	if s.Delayed == nil || s.Delayed.MinutesFromT0 != nil {
		t.Errorf("an untimed delayed image: %+v (minutes must be null)", s.Delayed)
	}
}

func deref2(p *string) any {
	if p == nil {
		return nil
	}
	return *p
}

// A Frame Increment Pointer naming a Frame Time Vector the file lacks:
// the Frame Time it has gives the rate, not the 15 fps default.
func TestInfoFramePointerToMissingVector(t *testing.T) {
	dir := writeStudy(t, []fixture{
		{"run.dcm", merge(series(1, "run"), acq("20240312", "100000"), testutil.Attrs{
			"(0028,0008)": "IS [3]", "(0028,0009)": "AT (0018,1065)", "(0018,1063)": "DS [50]"})},
	})
	doc, _ := runInfoJSON(t, dir)
	im := imageBy(t, doc.Studies[0], "run.dcm")
	if im.CineFPS == nil || *im.CineFPS != 20 || im.FPSSource != "FrameTime" {
		t.Errorf("fps %v from %s, want 20 from FrameTime", deref(im.CineFPS), im.FPSSource)
	}
}
