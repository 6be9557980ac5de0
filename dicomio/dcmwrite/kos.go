package dcmwrite

import (
	"bytes"
	"cmp"
	"slices"

	"github.com/suyashkumar/dicom/pkg/tag"

	"github.com/hsgview/hsgview/annotate/report"
)

var (
	codeKOSDescription = Code{"113012", "DCM", "Key Object Description"}
	codeSource         = Code{"260753009", "SCT", "Source"}
)

// KOS returns the Key Object Selection document (TID 2010) of r's key
// images: one IMAGE item per image, with the chosen frames of a cine run
// in Referenced Frame Number, titled opt.KOSTitle ("For Referring
// Provider" by default).
func KOS(r *report.Report, opt Options) (Object, error) {
	if err := check(r, &opt); err != nil {
		return Object{}, err
	}
	st := opt.Study
	v := version(r)
	now := contentTime(r, &opt)
	obj := Object{Kind: "KOS", Name: "KOS.dcm", SOPClassUID: SOPClassKOS,
		SOPInstanceUID:    ObjectUID(r.ReportID, v, "kos", ""),
		SeriesInstanceUID: SeriesUID(r.ReportID, v, "kos")}
	title := cmp.Or(opt.KOSTitle, KOSForReferringProvider)
	root := &item{vt: "CONTAINER", concept: &title, template: "2010"}
	desc := "HSG key images"
	if !r.Status.Signed() {
		desc += " (draft report, not verified)"
	}
	root.add(textItem("CONTAINS", codeKOSDescription, desc))
	// Frames of one instance go into one item.
	var refs []imageRef
	frames := map[string][]int{}
	for _, k := range r.KeyImages {
		ir, err := resolve(st, k.Image.SOPInstanceUID, k.Image.FrameNumber)
		if err != nil {
			return Object{}, err
		}
		if _, seen := frames[ir.sop]; !seen {
			refs = append(refs, ir)
			frames[ir.sop] = nil
		}
		if ir.frame > 0 && !slices.Contains(frames[ir.sop], ir.frame) {
			frames[ir.sop] = append(frames[ir.sop], ir.frame)
		}
	}
	for _, ir := range refs {
		it := &item{rel: "CONTAINS", vt: "IMAGE", concept: &codeSource, image: &ir}
		fs := frames[ir.sop]
		slices.Sort(fs)
		it.frames = fs
		root.add(it)
	}
	var d DataSet
	header(&d, st, SOPClassKOS, obj.SOPInstanceUID, obj.SeriesInstanceUID, "KO", seriesNumberKOS+v, "HSG key images", now, opt.SoftwareVersion)
	d.Seq(tag.ReferencedPerformedProcedureStepSequence)
	d.Int(tag.InstanceNumber, 1)
	d.Str(tag.ContentDate, now.Format("20060102"))
	d.Str(tag.ContentTime, now.Format("150405"))
	d.Seq(tag.CurrentRequestedProcedureEvidenceSequence, evidence(st.UID, refs))
	root.elements(&d)
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		return Object{}, err
	}
	obj.Data = buf.Bytes()
	return obj, nil
}
