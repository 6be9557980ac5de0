package demo

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/synth"
	"github.com/hsgview/hsgview/l10n"
)

// demoRoles maps the phantom's image roles to the report's key image roles.
var demoRoles = map[string]report.KeyImageRole{
	synth.RoleEarlyFilling:   report.RoleEarlyFilling,
	synth.RoleFullDistension: report.RoleFullDistension,
	synth.RoleTubalFilling:   report.RoleTubalFillingLeft,
	synth.RoleSpill:          report.RoleSpill,
	synth.RoleDelayed:        report.RoleDelayed,
}

// WriteDemo writes the synthetic HSG study (dicomio/synth, default
// options) under dir and an example report draft for it as
// dir/report-draft.json: realistic findings (right tube patent, left
// hydrosalpinx), marks placed on the phantom's hydrosalpinx, key images,
// and the header values prefilled from the generated files. The viewer's
// bundled demo is the same study.
func WriteDemo(dir string) (*report.Report, error) { return WriteDemoIn(dir, l10n.EN) }

// WriteDemoIn is WriteDemo with the draft written in the language lang
// ("en", "ru"; see l10n.Lang): its impression and recommendations in that
// language, as a radiologist working in it would start the report.
func WriteDemoIn(dir, lang string) (*report.Report, error) {
	opt := synth.Options{}
	st, err := synth.Generate(dir, opt)
	if err != nil {
		return nil, err
	}
	coll, err := dicomio.Open([]string{filepath.Join(dir, "HSG")}, nil)
	if err != nil {
		return nil, err
	}
	defer coll.Close()
	if len(coll.Studies) != 1 || len(coll.Errors) > 0 {
		return nil, fmt.Errorf("generated study did not load cleanly (%d studies, errors %v)", len(coll.Studies), coll.Errors)
	}
	study := coll.Studies[0]
	in := report.ExampleInput{
		StudyUID:       st.StudyInstanceUID,
		Accession:      st.AccessionNumber,
		StudyDateTime:  study.Time.Format(time.RFC3339),
		PatientID:      st.PatientID,
		PatientName:    st.PatientName,
		BirthDate:      st.PatientBirthDate,
		Sex:            report.Sex(st.PatientSex),
		DelayedMinutes: st.Images[len(st.Images)-1].MinutesFromT0,
		CreatedAt:      st.T0.Add(30 * time.Minute),
	}
	for _, im := range st.Images {
		role, ok := demoRoles[im.Role]
		if !ok {
			continue
		}
		inst := coll.Find(im.SOPInstanceUID)
		ref := mark.ImageRefOf(inst, 0)
		mins := im.MinutesFromT0
		in.KeyImages = append(in.KeyImages, report.KeyImage{Image: ref, Role: role, MinutesFromContrastStart: &mins})
		if im.Role == synth.RoleSpill {
			// The marks go on the free-spill image, the last spot image.
			in.MarkImage = ref
			if in.Hydrosalpinx, err = synth.HydrosalpinxDiameter(opt, im.Role); err != nil {
				return nil, err
			}
			in.PixelSpacingMM = inst.Calibration.Spacing[1]
			in.SpacingSource = mark.SpacingSource(inst.Calibration.Source)
		}
	}
	r := assess.ExampleReport(in)
	// What the files can tell is left to Prefill, so the draft agrees
	// with the study: the delayed image as the timeline found it.
	d := &r.Technique.DelayedImage
	d.MinutesAfterContrast, d.Determination, d.Confidence, d.Image = nil, "", "", nil
	// The example's header values are replaced by what the files say.
	if _, err := r.Prefill(study, &report.PrefillOptions{Refresh: true}); err != nil {
		return nil, err
	}
	if l10n.Lang(lang) == l10n.RU {
		// The example's free text, as a Russian radiologist types it.
		r.Clinical.IndicationText = "Первичное бесплодие в течение 2 лет."
		for i := range r.Annotations {
			if r.Annotations[i].Label == "L hydrosalpinx" {
				r.Annotations[i].Label = "Гидросальпинкс слева"
			}
		}
	}
	if _, err := assess.SetLanguage(r, lang); err != nil { // refreshes the impression
		return nil, err
	}
	if err := r.WriteFile(filepath.Join(dir, "report-draft.json")); err != nil {
		return nil, err
	}
	return r, nil
}
