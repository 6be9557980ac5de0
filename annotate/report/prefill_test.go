package report_test

import (
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/internal/fixture"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/annotate/wording"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/internal/testutil"
)

func TestPrefillFromSyntheticStudy(t *testing.T) {
	s, m := fixture.DemoStudy(t)
	r := report.NewReport("")
	res, err := r.Prefill(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Study.StudyInstanceUID != m.StudyInstanceUID {
		t.Errorf("study UID %q", r.Study.StudyInstanceUID)
	}
	wantPatient := report.Patient{ID: m.PatientID, Name: m.PatientName, BirthDate: wording.IsoDate(m.PatientBirthDate), Sex: report.SexFemale}
	if r.Patient.ID != wantPatient.ID || r.Patient.Name != wantPatient.Name || r.Patient.BirthDate != wantPatient.BirthDate || r.Patient.Sex != report.SexFemale {
		t.Errorf("patient %+v, want %+v", r.Patient, wantPatient)
	}
	if r.Study.AccessionNumber != m.AccessionNumber || r.Study.ReferringPhysician != "Nowak^Agnieszka^^Dr." ||
		!strings.HasPrefix(r.Study.StudyDateTime, "2026-03-12T09:38:12") {
		t.Errorf("study %+v", r.Study)
	}
	c := r.Technique.Contrast
	if c.Agent == nil || *c.Agent != (report.Code{System: report.SystemSCT, Code: "109219007", Display: "Iopamidol"}) ||
		c.ProductName != "Iopamidol 300" || c.Class != report.ContrastWaterSoluble || c.Source != report.ContrastFromDICOM ||
		c.ConcentrationMgIPerML == nil || *c.ConcentrationMgIPerML != 300 {
		t.Errorf("contrast %+v agent %+v", c, c.Agent)
	}
	// The volume is the largest recorded: each image holds the volume given so far.
	maxVol := 0.0
	for _, in := range s.Images {
		maxVol = max(maxVol, in.Contrast.VolumeMl)
	}
	if c.VolumeML == nil || *c.VolumeML != maxVol || maxVol == 0 {
		t.Errorf("volume %v, want %g", c.VolumeML, maxVol)
	}

	// No dose report: every image has its own irradiation event, so the
	// events are added (scout 1.9, four spots 1.4, the run 0.021 per
	// frame, the delayed film 8.6 dGy·cm²).
	d := r.Technique.Dose
	want := 1.9 + 4*1.4 + 4*0.021 + 8.6
	if d.Source != report.DoseFromImageHeader || d.DAPTotal == nil || d.DAPTotal.Unit != mark.UnitDGyCm2 ||
		math.Abs(*d.DAPTotal.Value-want) > 1e-9 || math.Abs(*d.DAPTotalGyCm2-want/10) > 1e-9 ||
		d.Method != "sum of 7 irradiation events" {
		t.Errorf("dose %+v %v %v, want %g dGy·cm²", d, *d.DAPTotal.Value, *d.DAPTotalGyCm2, want)
	}
	if r.Technique.SpotImageCount == nil || *r.Technique.SpotImageCount != 6 || r.Technique.CineRunCount == nil || *r.Technique.CineRunCount != 1 {
		t.Errorf("spots %v runs %v", r.Technique.SpotImageCount, r.Technique.CineRunCount)
	}

	di := r.Technique.DelayedImage
	tl := s.Timeline
	if !di.IsObtained() || di.MinutesAfterContrast == nil || *di.MinutesAfterContrast != 25 ||
		di.Determination != report.DeterminedByTimeOffset || string(di.Confidence) != string(tl.Delayed.Confidence) ||
		di.Image == nil || di.Image.SOPInstanceUID != m.Images[len(m.Images)-1].SOPInstanceUID {
		t.Errorf("delayed image %+v (timeline %+v)", di, tl.Delayed)
	}

	for _, p := range []string{"/patient/name", "/patient/id", "/study/accessionNumber", "/technique/contrast/volumeMl",
		"/technique/contrast/agent", "/technique/dose", "/technique/delayedImage/minutesAfterContrast"} {
		if !r.IsPrefilled(p) || !slices.Contains(res.Filled, p) {
			t.Errorf("%s not marked prefilled", p)
		}
	}
	if len(res.Kept) > 0 {
		t.Errorf("kept %v from an empty report", res.Kept)
	}
	checkPrefilledValid(t, r)
}

func TestPrefillKeepsEdits(t *testing.T) {
	s, _ := fixture.DemoStudy(t)
	r := report.NewReport(s.UID)
	if _, err := r.Prefill(s, nil); err != nil {
		t.Fatal(err)
	}
	// The user corrects the volume and the name, clears the accession.
	*r.Technique.Contrast.VolumeML = 12
	r.ClearPrefilled("/technique/contrast/volumeMl")
	r.Patient.Name = "Müller^Zoë"
	r.ClearPrefilled("/patient/name")
	r.Study.AccessionNumber = ""
	r.ClearPrefilled("/study/accessionNumber")
	// A prefilled value that DICOM would now give differently (as if the
	// study had changed) is refreshed only when asked.
	r.Technique.FluoroscopyTimeS = nil
	*r.Technique.SpotImageCount = 99

	for _, refresh := range []bool{false, true} {
		res, err := r.Prefill(s, &report.PrefillOptions{Refresh: refresh})
		if err != nil {
			t.Fatal(err)
		}
		if *r.Technique.Contrast.VolumeML != 12 || r.Patient.Name != "Müller^Zoë" {
			t.Errorf("refresh %v: edits overwritten: volume %v name %q", refresh, *r.Technique.Contrast.VolumeML, r.Patient.Name)
		}
		if r.IsPrefilled("/technique/contrast/volumeMl") || r.IsPrefilled("/patient/name") {
			t.Error("edited values marked prefilled again")
		}
		if !slices.Contains(res.Kept, "/technique/contrast/volumeMl") || !slices.Contains(res.Kept, "/patient/name") {
			t.Errorf("kept %v", res.Kept)
		}
		if got := *r.Technique.SpotImageCount; refresh && got != 6 || !refresh && got != 99 {
			t.Errorf("refresh %v: spot count %d", refresh, got)
		}
		if r.Study.AccessionNumber == "" {
			t.Error("an emptied value was not filled")
		}
	}

	r.Study.StudyInstanceUID = "1.2.3"
	if _, err := r.Prefill(s, nil); err == nil {
		t.Error("prefilled from another study")
	}
}

func TestPrefillDoseFromRDSR(t *testing.T) {
	path := testutil.File(t, filepath.Join("sr_doc", "RDSR_RF_Siemens_ArtisZee.dcm"))
	c, err := dicomio.Open([]string{path}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s := c.Studies[0]
	r := report.NewReport(s.UID)
	r.Technique.FluoroscopyTimeS = new(30.0) // entered by the user: kept
	res, err := r.Prefill(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	d := r.Technique.Dose
	// Siemens writes "Gym2"; the value keeps its unit, as Gy.m2.
	if d.Source != report.DoseFromRDSR || d.DAPTotal == nil || *d.DAPTotal.Value != 1.6e-5 || d.DAPTotal.Unit != mark.UnitGyM2 ||
		*d.DAPTotalGyCm2 != 0.16 || d.AirKermaRefPointMGy == nil || *d.AirKermaRefPointMGy != 2.52 ||
		d.Method != "Dose Area Product Total" {
		t.Errorf("dose %+v", d)
	}
	if *r.Technique.FluoroscopyTimeS != 30 || !slices.Contains(res.Kept, "/technique/fluoroscopyTimeS") {
		t.Errorf("fluoroscopy time %v, kept %v", *r.Technique.FluoroscopyTimeS, res.Kept)
	}
	r.Technique.FluoroscopyTimeS = nil
	r.Prefill(s, nil)
	if r.Technique.FluoroscopyTimeS == nil || *r.Technique.FluoroscopyTimeS != 28 {
		t.Errorf("fluoroscopy time %v", r.Technique.FluoroscopyTimeS)
	}
	checkPrefilledValid(t, r)
}

func TestPrefillRefusesSigned(t *testing.T) {
	s, _ := fixture.DemoStudy(t)
	r := exampleReport()
	r.Study.StudyInstanceUID = s.UID
	if err := assess.Sign(r, report.Person{Name: "Dr X"}, fixture.T0); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Prefill(s, nil); err == nil {
		t.Error("prefilled a signed report")
	}
}

// checkPrefilledValid reports validation issues in what Prefill fills
// (the findings are left empty for the user).
func checkPrefilledValid(t *testing.T, r *report.Report) {
	t.Helper()
	for _, i := range assess.Validate(r) {
		if i.Rule != "" {
			continue // the rules judge the content, here a real file's
		}
		for _, p := range []string{"/patient", "/study", "/technique", "/prefilled"} {
			if strings.HasPrefix(i.Path, p) {
				t.Errorf("prefilled report: %v", i)
			}
		}
	}
}

func exampleReport() *report.Report { return assess.ExampleReport(fixture.ExampleInput()) }
