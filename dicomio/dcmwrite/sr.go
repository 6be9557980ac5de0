package dcmwrite

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/suyashkumar/dicom/pkg/tag"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
)

// Options control the report objects.
type Options struct {
	// Study is the report's study opened with dicomio: the patient and
	// study attributes are copied from its images, and every referenced
	// image must be in it. Required.
	Study *dicomio.Study
	// AllowDraft writes an unsigned report, marked UNVERIFIED and
	// PARTIAL in the SR. Without it an unsigned report is refused.
	AllowDraft bool
	// Time is the content date and time; the signature time if zero
	// (now for a draft).
	Time time.Time
	// Windows are the windows the radiologist set, by SOP Instance UID,
	// written into each GSPS; an image without one gets its file's
	// first window, else none.
	Windows map[string]dicomio.Window
	// KOSTitle is the title of the key object selection;
	// KOSForReferringProvider if zero.
	KOSTitle Code
	// Organization is the verifying organisation of a signed SR (type 1
	// when verified); "hsgview" if empty.
	Organization string
	// SoftwareVersion is written as Software Versions.
	SoftwareVersion string
}

// KOS document titles (CID 7010; dicom-sr-hsg.md §3).
var (
	KOSForReferringProvider = Code{"113002", "DCM", "For Referring Provider"}
	KOSOfInterest           = Code{"113000", "DCM", "Of Interest"}
)

// An Object is one DICOM file of the report.
type Object struct {
	Kind              string // "SR", "KOS" or "GSPS"
	Name              string // a file name: SR.dcm, KOS.dcm, GSPS_<image UID>.dcm
	SOPClassUID       string
	SOPInstanceUID    string
	SeriesInstanceUID string
	// Image is the SOP Instance UID of the image a GSPS presents.
	Image string
	Data  []byte // the Part 10 file
}

// ReportObjects returns the Comprehensive SR, the Key Object Selection
// (when the report has key images) and one GSPS per image with marks, for
// r, a signed report (or a draft with opt.AllowDraft). The Encapsulated
// PDF is written by the report command's PDF writer.
func ReportObjects(r *report.Report, opt Options) ([]Object, error) {
	sr, err := SR(r, opt)
	if err != nil {
		return nil, err
	}
	out := []Object{sr}
	if len(r.KeyImages) > 0 {
		kos, err := KOS(r, opt)
		if err != nil {
			return nil, err
		}
		out = append(out, kos)
	}
	ps, err := GSPS(r, opt)
	if err != nil {
		return nil, err
	}
	return append(out, ps...), nil
}

// Concept codes of the SR; docs/dicom-sr.md lists them with sources.
var (
	codeReportTitle     = Code{"18748-4", "LN", "Diagnostic Imaging Report"}
	codeLanguage        = Code{"121049", "DCM", "Language of Content Item and Descendants"}
	codeDeviceType      = Code{"122142", "DCM", "Acquisition Device Type"}
	codeRF              = Code{"RF", "DCM", "Radiofluoroscopy"}
	codeTargetRegion    = Code{"123014", "DCM", "Target Region"}
	codeUterusTubes     = Code{"110639002", "SCT", "Uterus and fallopian tubes"}
	codeObserverType    = Code{"121005", "DCM", "Observer Type"}
	codePerson          = Code{"121006", "DCM", "Person"}
	codeObserverName    = Code{"121008", "DCM", "Person Observer Name"}
	codeFindings        = Code{"59776-5", "LN", "Findings"}
	codeImpressions     = Code{"19005-8", "LN", "Impressions"}
	codeRecommendations = Code{"18783-1", "LN", "Recommendations"}
	codeFinding         = Code{"121071", "DCM", "Finding"}
	codeImpression      = Code{"121073", "DCM", "Impression"}
	codeRecommendation  = Code{"121075", "DCM", "Recommendation"}
	codeBestIllustr     = Code{"121080", "DCM", "Best illustration of finding"}
	codeSourceOfMeas    = Code{"121112", "DCM", "Source of Measurement"}
	codeLength          = Code{"410668003", "SCT", "Length"}
	codeArea            = Code{"42798000", "SCT", "Area"}
	codePath            = Code{"121055", "DCM", "Path"}
	codeMethod          = Code{"370129005", "SCT", "Measurement Method"}
	codeHydrosalpinx    = Code{"21711003", "SCT", "Hydrosalpinx"}
	codeMM              = Code{"mm", "UCUM", "millimeter"}
	codeMM2             = Code{"mm2", "UCUM", "square millimeter"}
)

// languages maps the report language to RFC 5646 codes.
var languages = map[string]Code{
	"en": {"en-US", "RFC5646", "English (US)"},
	"ru": {"ru-RU", "RFC5646", "Russian (Russia)"},
	"de": {"de-DE", "RFC5646", "German (Germany)"},
	"fr": {"fr-FR", "RFC5646", "French (France)"},
}

// item is an SR content item.
type item struct {
	rel, vt  string // relationship type (none for the root), value type
	concept  *Code
	text     string
	code     *Code
	value    float64
	units    Code
	pname    string
	image    *imageRef
	graphic  string
	points   []float64
	template string // TID of a CONTAINER
	frames   []int  // frames of an IMAGE that lists several
	children []*item
}

func (it *item) add(c ...*item) *item { it.children = append(it.children, c...); return it }

func textItem(rel string, c Code, s string) *item {
	return &item{rel: rel, vt: "TEXT", concept: &c, text: s}
}
func codeItem(rel string, c, v Code) *item { return &item{rel: rel, vt: "CODE", concept: &c, code: &v} }
func container(rel string, c Code) *item   { return &item{rel: rel, vt: "CONTAINER", concept: &c} }

// elements writes an item (and its children) into d.
func (it *item) elements(d *DataSet) {
	if it.rel != "" {
		d.Str(tag.RelationshipType, it.rel)
	}
	d.Str(tag.ValueType, it.vt)
	if it.concept != nil {
		d.Code(tag.ConceptNameCodeSequence, *it.concept)
	}
	switch it.vt {
	case "CONTAINER":
		d.Str(tag.ContinuityOfContent, "SEPARATE")
		if it.template != "" {
			var t DataSet
			t.Str(tag.MappingResource, "DCMR")
			t.Str(tag.TemplateIdentifier, it.template)
			d.Seq(tag.ContentTemplateSequence, &t)
		}
	case "TEXT":
		d.Str(tag.TextValue, cleanText(it.text, 10240))
	case "CODE":
		d.Code(tag.ConceptCodeSequence, *it.code)
	case "PNAME":
		d.Str(tag.PersonName, clean(it.pname, 64*5))
	case "NUM":
		var mv DataSet
		mv.Str(tag.NumericValue, ds(it.value))
		mv.Code(tag.MeasurementUnitsCodeSequence, it.units)
		d.Seq(tag.MeasuredValueSequence, &mv)
	case "IMAGE":
		if it.frames != nil {
			d.Seq(tag.ReferencedSOPSequence, it.image.framesItem(it.frames))
		} else {
			d.Seq(tag.ReferencedSOPSequence, it.image.sopItem())
		}
	case "SCOORD":
		fl := make([]float64, len(it.points))
		copy(fl, it.points)
		d.Put(tag.GraphicData, fl)
		d.Str(tag.GraphicType, it.graphic)
	}
	if len(it.children) > 0 {
		var kids []*DataSet
		for _, c := range it.children {
			var k DataSet
			c.elements(&k)
			kids = append(kids, &k)
		}
		d.Seq(tag.ContentSequence, kids...)
	}
}

// sopItem is the Referenced SOP Sequence item of an image reference.
func (r *imageRef) sopItem() *DataSet {
	var it DataSet
	it.Str(tag.ReferencedSOPClassUID, r.class)
	it.Str(tag.ReferencedSOPInstanceUID, r.sop)
	if r.frame > 0 {
		it.Put(tag.ReferencedFrameNumber, []string{strconv.Itoa(r.frame)})
	}
	return &it
}

// framesItem is a Referenced SOP Sequence item listing several frames.
func (r *imageRef) framesItem(frames []int) *DataSet {
	var it DataSet
	it.Str(tag.ReferencedSOPClassUID, r.class)
	it.Str(tag.ReferencedSOPInstanceUID, r.sop)
	if len(frames) > 0 && r.in != nil && r.in.Pixel.Frames > 1 {
		var fs []string
		for _, f := range frames {
			fs = append(fs, strconv.Itoa(f))
		}
		it.Put(tag.ReferencedFrameNumber, fs)
	}
	return &it
}

// ds formats a decimal string of at most 16 characters.
func ds(v float64) string {
	for prec := 10; prec > 0; prec-- {
		s := strconv.FormatFloat(v, 'g', prec, 64)
		if len(s) <= 16 {
			return s
		}
	}
	return "0"
}

// SR returns the Comprehensive SR (TID 2000) of r.
func SR(r *report.Report, opt Options) (Object, error) {
	if err := check(r, &opt); err != nil {
		return Object{}, err
	}
	st := opt.Study
	v := version(r)
	now := contentTime(r, &opt)
	obj := Object{Kind: "SR", Name: "SR.dcm", SOPClassUID: SOPClassComprehensiveSR,
		SOPInstanceUID:    ObjectUID(r.ReportID, v, "sr", ""),
		SeriesInstanceUID: SeriesUID(r.ReportID, v, "sr")}
	var refs []imageRef
	ref := func(img mark.ImageRef) (*imageRef, error) {
		ir, err := resolve(st, img.SOPInstanceUID, img.FrameNumber)
		if err != nil {
			return nil, err
		}
		refs = append(refs, ir)
		return &ir, nil
	}

	root := &item{vt: "CONTAINER", concept: &codeReportTitle, template: "2000"}
	root.add(codeItem("HAS CONCEPT MOD", codeDeviceType, codeRF))
	root.add(codeItem("HAS CONCEPT MOD", codeTargetRegion, codeUterusTubes))
	root.add(codeItem("HAS CONCEPT MOD", codeLanguage, cmp.Or(languages[r.Language], languages["en"])))
	root.add(codeItem("HAS OBS CONTEXT", codeObserverType, codePerson))
	if name := strings.TrimSpace(r.Author.Name); name != "" {
		root.add(&item{rel: "HAS OBS CONTEXT", vt: "PNAME", concept: &codeObserverName, pname: name})
	}

	// Findings: one TEXT per organ, the hydrosalpinx coded, each with its
	// key images and measurements as evidence.
	findings := container("CONTAINS", codeFindings)
	marks := map[string]mark.Annotation{}
	for _, a := range r.Annotations {
		marks[a.ID] = a
	}
	used := map[string]bool{}
	measurementsOf := func(ids []string) ([]*item, error) {
		var out []*item
		for _, id := range ids {
			a, ok := marks[id]
			if !ok || used[id] {
				continue
			}
			n, err := numItem(a, ref)
			if err != nil {
				return nil, err
			}
			if n != nil {
				used[id] = true
				out = append(out, n)
			}
		}
		return out, nil
	}
	keyImagesFor := func(roles ...report.KeyImageRole) ([]*item, error) {
		var out []*item
		for _, k := range r.KeyImages {
			if slices.Contains(roles, k.Role) {
				ir, err := ref(k.Image)
				if err != nil {
					return nil, err
				}
				out = append(out, &item{rel: "INFERRED FROM", vt: "IMAGE", concept: &codeBestIllustr, image: ir})
			}
		}
		return out, nil
	}
	if s := uterusText(&r.Uterus); s != "" {
		it := textItem("CONTAINS", codeFinding, s)
		imgs, err := keyImagesFor(report.RoleEarlyFilling, report.RoleFullDistension, report.RoleScout, report.RoleOblique, report.RoleFinding, report.RoleComplication)
		if err != nil {
			return Object{}, err
		}
		findings.add(it.add(imgs...))
	}
	for _, side := range []report.Side{report.Right, report.Left} {
		t := r.Tubes.Tube(side)
		if t == nil {
			continue
		}
		role := report.RoleTubalFillingRight
		if side == report.Left {
			role = report.RoleTubalFillingLeft
		}
		imgs, err := keyImagesFor(role)
		if err != nil {
			return Object{}, err
		}
		nums, err := measurementsOf(t.AnnotationIDs)
		if err != nil {
			return Object{}, err
		}
		if s := tubeText(side, t); s != "" {
			findings.add(textItem("CONTAINS", codeFinding, s).add(imgs...))
		}
		if t.Hydrosalpinx.IsPresent() {
			findings.add(codeItem("CONTAINS", codeFinding, codeHydrosalpinx).add(nums...))
		} else if len(nums) > 0 {
			findings.add(textItem("CONTAINS", codeFinding, sideName(side)+" tube: measurement").add(nums...))
		}
	}
	if imgs, err := keyImagesFor(report.RoleSpill, report.RoleDelayed); err != nil {
		return Object{}, err
	} else if len(imgs) > 0 {
		findings.add(textItem("CONTAINS", codeFinding, "Peritoneal spill and delayed images").add(imgs...))
	}
	// Other measured marks.
	for _, a := range r.Annotations {
		if used[a.ID] || a.Measurement == nil {
			continue
		}
		nums, err := measurementsOf([]string{a.ID})
		if err != nil {
			return Object{}, err
		}
		if len(nums) > 0 {
			findings.add(textItem("CONTAINS", codeFinding, cmp.Or(a.Label, "Measurement")).add(nums...))
		}
	}
	if len(findings.children) == 0 {
		findings.add(textItem("CONTAINS", codeFinding, "No findings recorded."))
	}
	root.add(findings)

	imp := container("CONTAINS", codeImpressions)
	for _, it := range r.Impression.Items {
		if s := strings.TrimSpace(it.Text); s != "" {
			imp.add(textItem("CONTAINS", codeImpression, s))
		}
	}
	if len(imp.children) == 0 && strings.TrimSpace(r.Impression.FinalText) != "" {
		imp.add(textItem("CONTAINS", codeImpression, r.Impression.FinalText))
	}
	if len(imp.children) > 0 {
		root.add(imp)
	}
	rec := container("CONTAINS", codeRecommendations)
	for _, rc := range r.Impression.Recommendations {
		if s := strings.TrimSpace(cmp.Or(rc.Text, string(rc.Code))); s != "" {
			rec.add(textItem("CONTAINS", codeRecommendation, s))
		}
	}
	if len(rec.children) > 0 {
		root.add(rec)
	}

	var d DataSet
	header(&d, st, SOPClassComprehensiveSR, obj.SOPInstanceUID, obj.SeriesInstanceUID, "SR", seriesNumberSR+v, "HSG structured report", now, opt.SoftwareVersion)
	d.Seq(tag.ReferencedPerformedProcedureStepSequence)
	d.Int(tag.InstanceNumber, 1)
	d.Str(tag.ContentDate, now.Format("20060102"))
	d.Str(tag.ContentTime, now.Format("150405"))
	if r.Status.Signed() {
		d.Str(tag.CompletionFlag, "COMPLETE")
		d.Str(tag.VerificationFlag, "VERIFIED")
		d.Str(tag.PreliminaryFlag, "FINAL")
		var vo DataSet
		vo.Str(tag.VerifyingObserverName, clean(cmp.Or(r.Author.Name, "Unknown"), 64*5))
		vo.Str(tag.VerifyingOrganization, clean(cmp.Or(opt.Organization, "hsgview"), 64))
		vo.Str(tag.VerificationDateTime, now.Format("20060102150405"))
		vo.Seq(tag.VerifyingObserverIdentificationCodeSequence)
		d.Seq(tag.VerifyingObserverSequence, &vo)
	} else {
		d.Str(tag.CompletionFlag, "PARTIAL")
		d.Str(tag.VerificationFlag, "UNVERIFIED")
		d.Str(tag.PreliminaryFlag, "PRELIMINARY")
	}
	if v > 1 {
		// An amendment: the earlier version's SR is the predecessor.
		var sop, se, stu DataSet
		sop.Str(tag.ReferencedSOPClassUID, SOPClassComprehensiveSR)
		sop.Str(tag.ReferencedSOPInstanceUID, ObjectUID(r.ReportID, v-1, "sr", ""))
		se.Str(tag.SeriesInstanceUID, SeriesUID(r.ReportID, v-1, "sr"))
		se.Seq(tag.ReferencedSOPSequence, &sop)
		stu.Str(tag.StudyInstanceUID, st.UID)
		stu.Seq(tag.ReferencedSeriesSequence, &se)
		d.Seq(tag.PredecessorDocumentsSequence, &stu)
	}
	if acc := strings.TrimSpace(st.AccessionNumber); acc != "" {
		var rq DataSet
		rq.Str(tag.StudyInstanceUID, st.UID)
		rq.Str(tag.AccessionNumber, clean(acc, 16))
		rq.Seq(tag.ReferencedStudySequence)
		rq.Str(tag.RequestedProcedureDescription, "Hysterosalpingography")
		rq.Seq(tag.RequestedProcedureCodeSequence)
		rq.Str(tag.RequestedProcedureID, clean(acc, 16))
		rq.Str(tag.PlacerOrderNumberImagingServiceRequest, "")
		rq.Str(tag.FillerOrderNumberImagingServiceRequest, "")
		d.Seq(tag.ReferencedRequestSequence, &rq)
	}
	d.Seq(tag.PerformedProcedureCodeSequence)
	if len(refs) > 0 {
		d.Seq(tag.CurrentRequestedProcedureEvidenceSequence, evidence(st.UID, refs))
	}
	root.elements(&d)
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		return Object{}, err
	}
	obj.Data = buf.Bytes()
	return obj, nil
}

// numItem returns the NUM item of a measured mark (TID 1400/1401 via TID
// 2001): the value in mm or mm², the spacing source as the measurement
// method, and the outline as an SCOORD selected from the image. Marks
// without a calibrated value give nil.
func numItem(a mark.Annotation, ref func(mark.ImageRef) (*imageRef, error)) (*item, error) {
	m := a.Measurement
	if m == nil {
		return nil, nil
	}
	concept, units, value := codeLength, codeMM, m.Value
	if value <= 0 {
		concept, units, value = codeArea, codeMM2, m.AreaMM2
	}
	if value <= 0 || math.IsNaN(value) || math.IsInf(value, 0) {
		return nil, nil
	}
	ir, err := ref(a.Image)
	if err != nil {
		return nil, err
	}
	n := &item{rel: "INFERRED FROM", vt: "NUM", concept: &concept, value: value, units: units}
	n.add(textItem("HAS CONCEPT MOD", codeMethod, spacingText(m)))
	if g, pts := scoord(a); g != "" {
		sc := &item{rel: "INFERRED FROM", vt: "SCOORD", concept: &codePath, graphic: g, points: pts}
		sc.add(&item{rel: "SELECTED FROM", vt: "IMAGE", image: ir})
		n.add(sc)
	} else {
		n.add(&item{rel: "INFERRED FROM", vt: "IMAGE", concept: &codeSourceOfMeas, image: ir})
	}
	return n, nil
}

// spacingText says where the pixel spacing of a measurement came from.
func spacingText(m *mark.Measurement) string {
	s := "pixel spacing: " + cmp.Or(string(m.SpacingSource), "unknown")
	if m.PixelSpacingMM[0] > 0 {
		s += fmt.Sprintf(" (%g\\%g mm)", m.PixelSpacingMM[0], m.PixelSpacingMM[1])
		s = strings.ReplaceAll(s, "\\", "/")
	}
	if m.Reference != "" {
		s += ", calibrated on " + m.Reference
	}
	return s
}

// scoord returns the SR graphic type and data of a mark (column\row
// pairs in the image's pixel coordinates), or "" when it has none.
func scoord(a mark.Annotation) (string, []float64) {
	var pts []float64
	for _, p := range a.Points {
		pts = append(pts, p[0], p[1])
	}
	switch a.GraphicType {
	case mark.GraphicPolyline:
		if len(a.Points) >= 2 {
			return "POLYLINE", pts
		}
	case mark.GraphicEllipse:
		if len(a.Points) == 4 {
			return "ELLIPSE", pts
		}
	case mark.GraphicCircle:
		if len(a.Points) == 2 {
			return "CIRCLE", pts
		}
	}
	return "", nil
}

func sideName(s report.Side) string {
	if s == report.Left {
		return "Left"
	}
	return "Right"
}

// tubeText states a tube's findings in one line.
func tubeText(side report.Side, t *report.Tube) string {
	var parts []string
	add := func(label, v string) {
		if v != "" {
			parts = append(parts, label+strings.ReplaceAll(v, "_", " "))
		}
	}
	add("", string(t.Status))
	add("opacification ", string(t.Opacification))
	add("patency ", string(t.Patency))
	add("occlusion ", string(t.OcclusionSite))
	add("spill ", string(t.Spill))
	if t.Hydrosalpinx.IsPresent() {
		parts = append(parts, "hydrosalpinx")
	}
	if report.IsTrue(t.SalpingitisIsthmicaNodosa) {
		parts = append(parts, "salpingitis isthmica nodosa")
	}
	if report.IsTrue(t.PeritubalAdhesionsSuspected) {
		parts = append(parts, "peritubal adhesions suspected")
	}
	if s := strings.TrimSpace(t.Text); s != "" {
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return ""
	}
	return sideName(side) + " tube: " + strings.Join(parts, ", ") + "."
}

// uterusText states the uterine findings in one line.
func uterusText(u *report.Uterus) string {
	var parts []string
	add := func(label, v string) {
		if v != "" {
			parts = append(parts, label+strings.ReplaceAll(v, "_", " "))
		}
	}
	add("deviation ", string(u.Deviation))
	add("size ", string(u.Size))
	add("contour ", string(u.Contour))
	add("shape ", string(u.Shape))
	if n := len(u.FillingDefects); n > 0 {
		parts = append(parts, fmt.Sprintf("%d filling defect(s)", n))
	}
	if s := strings.TrimSpace(u.Text); s != "" {
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return ""
	}
	return "Uterus: " + strings.Join(parts, ", ") + "."
}
