package annotate

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Severity is how serious a validation issue is.
type Severity string

const (
	// SeverityError marks a report that is incomplete, contradictory or
	// breaks the schema; it must be fixed before signing.
	SeverityError Severity = "error"
	// SeverityWarning marks something worth a second look.
	SeverityWarning Severity = "warning"
)

// An Issue is a problem Validate found.
type Issue struct {
	// Path is the JSON pointer of the value concerned, e.g. "/tubes/left/spill".
	Path     string   `json:"path"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
}

func (i Issue) String() string { return string(i.Severity) + " " + i.Path + ": " + i.Message }

// HasErrors reports whether issues contains an error.
func HasErrors(issues []Issue) bool {
	return slices.ContainsFunc(issues, func(i Issue) bool { return i.Severity == SeverityError })
}

// Validate checks r against the schema (required members, enumerated
// values, ranges) and against clinical sense: a patent tube needs the
// spill that proves it, an occluded tube its site, delayed-image findings
// a delayed image, and findings must not contradict each other. Issues
// come in report order.
func Validate(r *Report) []Issue {
	v := &validator{r: r}
	if b, err := json.Marshal(r); err != nil {
		v.errorf("", "the report cannot be encoded: %v", err)
	} else if err := json.Unmarshal(b, &v.doc); err != nil {
		v.errorf("", "the report cannot be decoded: %v", err)
	}
	v.header()
	v.patient()
	v.clinical()
	v.study()
	v.technique()
	checkEnum(v, "/cervix/canal", r.Cervix.Canal)
	v.uterus()
	v.tube(Right)
	v.tube(Left)
	v.bothTubes()
	v.peritoneum()
	v.complications()
	v.grading()
	v.annotations()
	v.calibrations()
	v.keyImages()
	v.impression()
	return v.issues
}

type validator struct {
	r      *Report
	doc    any // r as decoded JSON, to resolve pointers
	issues []Issue
}

func (v *validator) errorf(path, format string, a ...any) {
	v.issues = append(v.issues, Issue{Path: path, Severity: SeverityError, Message: fmt.Sprintf(format, a...)})
}

func (v *validator) warnf(path, format string, a ...any) {
	v.issues = append(v.issues, Issue{Path: path, Severity: SeverityWarning, Message: fmt.Sprintf(format, a...)})
}

type enum interface {
	~string
	Valid() bool
}

// checkEnum reports a value that is set but not defined.
func checkEnum[E enum](v *validator, path string, e E) {
	if e != "" && !e.Valid() {
		v.errorf(path, "unknown value %q; expected one of: %s", string(e),
			strings.Join(enumValues[reflect.TypeFor[E]()], ", "))
	}
}

func checkEnums[E enum](v *validator, path string, es []E) {
	for i, e := range es {
		if e == "" {
			v.errorf(path+"/"+strconv.Itoa(i), "empty value")
			continue
		}
		checkEnum(v, path+"/"+strconv.Itoa(i), e)
	}
}

// number checks that x, when set, is finite and within [lo, hi].
func (v *validator) number(path string, x *float64, lo, hi float64) {
	if x == nil {
		return
	}
	if math.IsNaN(*x) || math.IsInf(*x, 0) || *x < lo || *x > hi {
		v.errorf(path, "%s is out of range %s", formatNumber(*x, 3), rangeText(lo, hi))
	}
}

// positive reports a size of exactly 0 (negative ones are out of range).
func (v *validator) positive(path string, x *float64) {
	if x != nil && *x == 0 {
		v.errorf(path, "a size of 0 mm is not a measurement; remove it or measure again")
	}
}

func (v *validator) integer(path string, x *int, lo, hi int) {
	if x != nil && (*x < lo || *x > hi) {
		v.errorf(path, "%d is out of range %s", *x, rangeText(float64(lo), float64(hi)))
	}
}

func rangeText(lo, hi float64) string {
	if hi > 1e15 {
		return "(minimum " + formatNumber(lo, 3) + ")"
	}
	return formatNumber(lo, 3) + "–" + formatNumber(hi, 3)
}

const huge = math.MaxFloat64

func (v *validator) date(path, s string) {
	if s == "" {
		return
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		v.warnf(path, "%q is not a date of the form YYYY-MM-DD", s)
	}
}

func (v *validator) imageRef(path string, ref ImageRef) {
	if ref.SOPInstanceUID == "" {
		v.errorf(path+"/sopInstanceUid", "the image reference needs the SOP Instance UID")
	}
	if ref.FrameNumber < 0 {
		v.errorf(path+"/frameNumber", "frame numbers start at 1")
	}
}

// resolves reports whether the JSON pointer p names a value of the report.
func (v *validator) resolves(p string) bool {
	if p == "" {
		return true
	}
	if !strings.HasPrefix(p, "/") {
		return false
	}
	cur := v.doc
	for _, tok := range strings.Split(p[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch c := cur.(type) {
		case map[string]any:
			next, ok := c[tok]
			if !ok {
				return false
			}
			cur = next
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(c) {
				return false
			}
			cur = c[i]
		default:
			return false
		}
	}
	return true
}

// annotationIDs checks that ids name annotations of the report.
func (v *validator) annotationIDs(path string, ids []string) {
	for i, id := range ids {
		if !slices.ContainsFunc(v.r.Annotations, func(a Annotation) bool { return a.ID == id }) {
			v.warnf(path+"/"+strconv.Itoa(i), "no annotation has id %q", id)
		}
	}
}

var uuidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

func (v *validator) header() {
	r := v.r
	if r.SchemaVersion != SchemaVersion {
		v.errorf("/schemaVersion", "schema version is %q; this program writes %s", r.SchemaVersion, SchemaVersion)
	}
	switch {
	case r.ReportID == "":
		v.errorf("/reportId", "the report id is required")
	case !uuidRE.MatchString(r.ReportID):
		v.warnf("/reportId", "%q is not a UUID", r.ReportID)
	}
	if r.Status == "" {
		v.errorf("/status", "the status is required")
	}
	checkEnum(v, "/status", r.Status)
	if r.Status.Signed() {
		if r.SignedAt.IsZero() {
			v.errorf("/signedAt", "a signed report needs the time it was signed")
		}
		if r.Author.Name == "" {
			v.errorf("/author/name", "a signed report needs its author")
		}
		switch h, err := r.Hash(); {
		case r.ContentHash == "":
			v.warnf("/contentHash", "no content hash: changes made after signing cannot be detected")
		case err == nil && h != r.ContentHash:
			v.errorf("/contentHash", "the report was changed after it was signed")
		}
	}
	if r.Status == StatusAmended {
		if len(r.PreviousVersions) == 0 {
			v.warnf("/previousVersions", "an amended report should record the version it replaces")
		}
		if r.AmendmentReason == "" {
			v.warnf("/amendmentReason", "an amended report should say why it was amended")
		}
	}
	for i, p := range r.Prefilled {
		if !v.resolves(p) {
			v.warnf("/prefilled/"+strconv.Itoa(i), "%q does not name a value of the report", p)
		}
	}
}

func (v *validator) patient() {
	checkEnum(v, "/patient/sex", v.r.Patient.Sex)
	v.date("/patient/birthDate", v.r.Patient.BirthDate)
}

func (v *validator) clinical() {
	c := &v.r.Clinical
	checkEnums(v, "/clinical/indication", c.Indication)
	v.date("/clinical/lmpDate", c.LMPDate)
	v.integer("/clinical/cycleDay", c.CycleDay, 1, 60)
	checkEnum(v, "/clinical/pregnancyTest/result", c.PregnancyTest.Result)
	checkEnum(v, "/clinical/pregnancyTest/specimen", c.PregnancyTest.Specimen)
	v.date("/clinical/pregnancyTest/date", c.PregnancyTest.Date)
	if c.PregnancyTest.Result == PregnancyPositive {
		v.warnf("/clinical/pregnancyTest/result", "positive pregnancy test: HSG is contraindicated in pregnancy")
	}
	checkEnums(v, "/clinical/history", c.History)
	if slices.Contains(c.History, HistoryNone) && len(c.History) > 1 {
		v.errorf("/clinical/history", "\"none\" is recorded together with other history")
	}
}

func (v *validator) study() {
	s := &v.r.Study
	if s.StudyInstanceUID == "" {
		v.errorf("/study/studyInstanceUid", "the Study Instance UID is required")
	}
	if s.StudyDateTime != "" {
		if _, err := time.Parse(time.RFC3339, s.StudyDateTime); err != nil {
			v.warnf("/study/studyDateTime", "%q is not an RFC 3339 date-time", s.StudyDateTime)
		}
	}
}

func (v *validator) technique() {
	t := &v.r.Technique
	const p = "/technique"
	checkEnum(v, p+"/catheter/type", t.Catheter.Type)
	v.number(p+"/catheter/sizeFr", t.Catheter.SizeFr, 0, huge)
	checkEnum(v, p+"/catheter/balloonPosition", t.Catheter.BalloonPosition)
	v.number(p+"/catheter/balloonVolumeMl", t.Catheter.BalloonVolumeML, 0, huge)

	c := &t.Contrast
	checkEnum(v, p+"/contrast/class", c.Class)
	if a := c.Agent; a != nil {
		if a.System == "" {
			v.errorf(p+"/contrast/agent/system", "the coding system of the agent is required")
		}
		checkEnum(v, p+"/contrast/agent/system", a.System)
		if a.Code == "" {
			v.errorf(p+"/contrast/agent/code", "the code of the agent is required")
		}
	}
	v.number(p+"/contrast/concentrationMgIPerMl", c.ConcentrationMgIPerML, 0, huge)
	v.number(p+"/contrast/volumeMl", c.VolumeML, 0, huge)
	checkEnum(v, p+"/contrast/source", c.Source)

	v.number(p+"/fluoroscopyTimeS", t.FluoroscopyTimeS, 0, huge)
	v.integer(p+"/spotImageCount", t.SpotImageCount, 0, math.MaxInt)
	v.integer(p+"/cineRunCount", t.CineRunCount, 0, math.MaxInt)

	d := &t.Dose
	if q := d.DAPTotal; q != nil {
		checkEnum(v, p+"/dose/dapTotal/unit", q.Unit)
		if q.Value == nil {
			v.errorf(p+"/dose/dapTotal/value", "the value of the dose-area product is required")
		}
		v.number(p+"/dose/dapTotal/value", q.Value, 0, huge)
		gy, ok := q.GyCm2()
		switch {
		case q.Unit == "":
			v.errorf(p+"/dose/dapTotal/unit", "the unit of the dose-area product is required")
		case q.Unit.Valid() && gyCm2[q.Unit] == 0:
			v.errorf(p+"/dose/dapTotal/unit", "%s is not a unit of dose-area product (Gy·cm², dGy·cm², Gy·m², …)", q.Unit)
		case ok && d.DAPTotalGyCm2 != nil && math.Abs(*d.DAPTotalGyCm2-gy) > 0.01*math.Abs(gy)+1e-9:
			v.warnf(p+"/dose/dapTotalGyCm2", "%s Gy·cm² does not match the dose-area product %s %s (= %s Gy·cm²)",
				formatNumber(*d.DAPTotalGyCm2, 4), formatNumber(*q.Value, 4), q.Unit, formatNumber(gy, 4))
		}
	}
	v.number(p+"/dose/dapTotalGyCm2", d.DAPTotalGyCm2, 0, huge)
	v.number(p+"/dose/airKermaRefPointMGy", d.AirKermaRefPointMGy, 0, huge)
	checkEnum(v, p+"/dose/source", d.Source)

	checkEnums(v, p+"/imagesObtained", t.ImagesObtained)
	di := &t.DelayedImage
	v.number(p+"/delayedImage/minutesAfterContrast", di.MinutesAfterContrast, 0, huge)
	checkEnum(v, p+"/delayedImage/determination", di.Determination)
	checkEnum(v, p+"/delayedImage/confidence", di.Confidence)
	if di.Image != nil {
		v.imageRef(p+"/delayedImage/image", *di.Image)
	}
	if di.IsObtained() {
		if slices.Contains(t.Limitations, LimitNoDelayedImage) {
			v.errorf(p+"/limitations", "\"no delayed image\" is listed but a delayed image was obtained")
		}
		if m := di.MinutesAfterContrast; m != nil && *m < 10 {
			v.warnf(p+"/delayedImage/minutesAfterContrast", "an image %s min after contrast is too early to count as delayed (10 min or more)", formatNumber(*m, 1))
		} else if m != nil && c.Class == ContrastOilBased && *m < 45 {
			v.warnf(p+"/delayedImage/minutesAfterContrast", "with oil-based contrast the delayed image is usually taken after 1–24 h, not %s min", formatNumber(*m, 1))
		}
	} else {
		if di.MinutesAfterContrast != nil || di.Image != nil {
			v.warnf(p+"/delayedImage/obtained", "delayed image details are recorded but the delayed image is not marked as obtained")
		}
		if slices.Contains(t.ImagesObtained, ImageDelayed) {
			v.warnf(p+"/delayedImage/obtained", "\"delayed\" is among the images obtained but the delayed image is not marked as obtained")
		}
	}
	checkEnum(v, p+"/selectiveSalpingography", t.SelectiveSalpingography)
	checkEnum(v, p+"/adequacy", t.Adequacy)
	checkEnums(v, p+"/limitations", t.Limitations)
	if t.Adequacy == Adequate && len(t.Limitations) > 0 {
		v.warnf(p+"/adequacy", "the study is marked adequate but limitations are listed")
	}
}

func (v *validator) uterus() {
	u := &v.r.Uterus
	const p = "/uterus"
	if u.CavityOpacified == nil {
		v.errorf(p+"/cavityOpacified", "record whether the uterine cavity opacified")
	}
	checkEnum(v, p+"/deviation", u.Deviation)
	checkEnum(v, p+"/size", u.Size)
	checkEnum(v, p+"/contour", u.Contour)
	checkEnum(v, p+"/shape", u.Shape)
	v.number(p+"/internalIndentationDepthMm", u.InternalIndentationDepthMM, 0, huge)
	v.number(p+"/internalIndentationAngleDeg", u.InternalIndentationAngleDeg, 0, 180)
	v.number(p+"/intercornualAngleDeg", u.IntercornualAngleDeg, 0, 180)

	for i, d := range u.FillingDefects {
		dp := p + "/fillingDefects/" + strconv.Itoa(i)
		if d.Kind == "" {
			v.errorf(dp+"/kind", "the kind of filling defect is required")
		}
		checkEnum(v, dp+"/kind", d.Kind)
		v.integer(dp+"/count", d.Count, 1, math.MaxInt)
		checkEnum(v, dp+"/location", d.Location)
		checkEnum(v, dp+"/margin", d.Margin)
		v.number(dp+"/sizeMm", d.SizeMM, 0, huge)
		v.positive(dp+"/sizeMm", d.SizeMM)
		for j, e := range d.Evidence {
			v.imageRef(dp+"/evidence/"+strconv.Itoa(j), e)
		}
		v.annotationIDs(dp+"/annotationIds", d.AnnotationIDs)
	}
	if u.CavityOpacified != nil && !*u.CavityOpacified && len(u.FillingDefects) > 0 {
		v.errorf(p+"/fillingDefects", "filling defects are recorded but the cavity did not opacify")
	}

	a := &u.IntrauterineAdhesions
	checkEnum(v, p+"/intrauterineAdhesions/extent", a.Extent)
	checkEnum(v, p+"/intrauterineAdhesions/classification/system", a.Classification.System)
	if a.Present != nil && !*a.Present && (a.Extent != "" || a.Classification != (AdhesionClassification{})) {
		v.warnf(p+"/intrauterineAdhesions", "adhesions are marked absent but an extent or grade is recorded")
	}
	checkEnum(v, p+"/adenomyosisSigns/pattern", u.AdenomyosisSigns.Pattern)
	checkEnum(v, p+"/adenomyosisSigns/location", u.AdenomyosisSigns.Location)
	for i, o := range u.Outpouchings {
		op := p + "/outpouchings/" + strconv.Itoa(i)
		checkEnum(v, op+"/type", o.Type)
		checkEnum(v, op+"/location", o.Location)
		v.number(op+"/sizeMm", o.SizeMM, 0, huge)
		v.positive(op+"/sizeMm", o.SizeMM)
	}
	checkEnums(v, p+"/devices", u.Devices)
	v.anomaly()
}

func (v *validator) anomaly() {
	u := &v.r.Uterus
	m := &u.MullerianAnomaly
	const p = "/uterus/mullerianAnomaly"
	checkEnum(v, p+"/asrmMac2021", m.ASRM)
	checkEnum(v, p+"/eshreEsgeUterine", m.ESHREUterine)
	checkEnum(v, p+"/eshreEsgeCervical", m.ESHRECervical)
	checkEnum(v, p+"/eshreEsgeVaginal", m.ESHREVaginal)
	checkEnum(v, p+"/afs1988Class", m.AFS)
	checkEnum(v, p+"/certainty", m.Certainty)
	checkEnum(v, p+"/confirmationRecommended", m.ConfirmationRecommended)
	checkEnum(v, p+"/side", m.Side)
	if m.Side == Bilateral || m.Side == Midline {
		v.errorf(p+"/side", "the side of a unicornuate uterus is left or right")
	}
	k := anomalyKindOf(u)
	if m.Side != "" && k != kindUnicornuate {
		v.warnf(p+"/side", "a side is recorded but the anomaly is not a unicornuate uterus")
	}
	definite := m.Certainty == "" || m.Certainty == Definite
	if definite && !isTrue(m.ExternalContourAssessable) {
		switch {
		case m.ASRM == ASRMSeptate || m.ASRM == ASRMBicornuate:
			v.warnf(p+"/asrmMac2021", "HSG does not show the external fundal contour, so %s cannot be told from %s; "+
				"consider septate_or_bicornuate_indeterminate unless the contour was assessed (3D ultrasound or MRI)",
				asrmText[m.ASRM], asrmText[otherOf(m.ASRM)])
		case strings.HasPrefix(string(m.ESHREUterine), "U2") && m.ESHREUterine != U2OrU3,
			strings.HasPrefix(string(m.ESHREUterine), "U3"):
			v.warnf(p+"/eshreEsgeUterine", "HSG does not show the external contour, so U2 cannot be told from U3; "+
				"consider U2_or_U3_indeterminate unless the contour was assessed (3D ultrasound or MRI)")
		}
	}
	if m.ASRM == ASRMNone || m.ESHREUterine == U0 {
		switch u.Shape {
		case ShapeDeepIndentation, ShapeTwoHorns, ShapeSingleHorn, ShapeTShaped:
			v.warnf(p, "no anomaly is recorded but the cavity shape (%s) suggests one", strings.ToLower(labelOf(u.Shape)))
		}
	}
	if k == kindUnicornuate {
		opacified := func(t *Tube) bool {
			return t.Opacification == OpacificationComplete || t.Opacification == OpacificationPartial || t.Patency == Patent
		}
		if opacified(&v.r.Tubes.Right) && opacified(&v.r.Tubes.Left) {
			v.warnf(p, "a unicornuate uterus is recorded but both tubes opacified")
		}
	}
}

func otherOf(c ASRMClass) ASRMClass {
	if c == ASRMSeptate {
		return ASRMBicornuate
	}
	return ASRMSeptate
}

func (v *validator) tube(s Side) {
	t := v.r.Tubes.Tube(s)
	p := "/tubes/" + string(s)
	if t.Status == "" {
		v.errorf(p+"/status", "the status of the tube is required (present, surgically absent or not assessed)")
	}
	checkEnum(v, p+"/status", t.Status)
	checkEnum(v, p+"/opacification", t.Opacification)
	checkEnum(v, p+"/patency", t.Patency)
	checkEnum(v, p+"/occlusionSite", t.OcclusionSite)
	checkEnum(v, p+"/occlusionQualifier", t.OcclusionQualifier)
	checkEnum(v, p+"/spill", t.Spill)
	checkEnum(v, p+"/contour", t.Contour)
	checkEnum(v, p+"/sterilizationDevice", t.SterilizationDevice)
	h := &t.Hydrosalpinx
	checkEnum(v, p+"/hydrosalpinx/mucosalFolds", h.MucosalFolds)
	checkEnum(v, p+"/hydrosalpinx/measurementBasis", h.MeasurementBasis)
	v.number(p+"/hydrosalpinx/maxDiameterMm", h.MaxDiameterMM, 0, huge)
	for i, e := range t.Evidence {
		v.imageRef(p+"/evidence/"+strconv.Itoa(i), e)
	}
	v.annotationIDs(p+"/annotationIds", t.AnnotationIDs)

	delayed := v.r.Technique.DelayedImage.IsObtained()
	if t.Patency == "" && (t.Status == "" || t.Status == TubePresent) {
		v.warnf(p+"/patency", "patency is not recorded, so the impression says nothing about this tube")
	}
	switch t.Patency {
	case Patent:
		switch {
		case t.Spill == SpillNone:
			v.errorf(p+"/spill", "a patent tube needs the spill that proves it, but spill is recorded as none (occluded or indeterminate?)")
		case !t.Spill.Demonstrated():
			v.errorf(p+"/spill", "a patent tube needs the spill that proves it: free_prompt, free_delayed_only, loculated or minimal")
		}
		if t.Opacification == OpacificationNone {
			v.errorf(p+"/opacification", "the tube is patent but did not opacify")
		}
		if t.OcclusionSite != "" {
			v.warnf(p+"/occlusionSite", "an occlusion site is recorded for a patent tube")
		}
		if t.OcclusionQualifier != "" {
			v.warnf(p+"/occlusionQualifier", "an occlusion qualifier is recorded for a patent tube")
		}
		if v.r.Uterus.CavityOpacified != nil && !*v.r.Uterus.CavityOpacified {
			v.warnf(p+"/patency", "the tube is patent but the uterine cavity did not opacify")
		}
	case Occluded:
		if t.OcclusionSite == "" {
			v.errorf(p+"/occlusionSite", "an occluded tube needs the site of occlusion")
		}
		if t.Spill.Demonstrated() {
			v.errorf(p+"/spill", "spill (%s) proves the tube is patent, yet it is recorded as occluded", strings.ToLower(labelOf(t.Spill)))
		}
	}
	if t.OcclusionQualifier == OcclusionAtDevice && (t.SterilizationDevice == "" || t.SterilizationDevice == SterilizationNone) {
		v.errorf(p+"/sterilizationDevice", "the occlusion is at a sterilisation device but no device is recorded")
	}
	if t.Spill == SpillFreeDelayedOnly && !delayed {
		v.errorf(p+"/spill", "spill seen only on the delayed image, but no delayed image was obtained")
	}
	if t.Opacification == OpacificationNone && t.Spill.Demonstrated() {
		v.errorf(p+"/spill", "spill is recorded but the tube did not opacify")
	}
	if t.Status == TubeSurgicallyAbsent {
		if t.Patency == Patent || t.Spill.Demonstrated() {
			v.errorf(p+"/patency", "the tube is surgically absent but recorded as patent or spilling")
		}
		if h.IsPresent() {
			v.errorf(p+"/hydrosalpinx/present", "the tube is surgically absent but a hydrosalpinx is recorded")
		}
		if t.Patency == Occluded || t.Patency == PatencyIndeterminate {
			v.warnf(p+"/patency", "the tube is surgically absent but its patency is recorded (%s)", strings.ToLower(labelOf(t.Patency)))
		}
	}

	if h.IsPresent() {
		if t.Spill == SpillFreePrompt {
			v.errorf(p+"/spill", "a hydrosalpinx is recorded with free prompt spill on the same side")
		}
		if t.OcclusionSite == SiteCornual || t.OcclusionSite == SiteIsthmic {
			v.warnf(p+"/occlusionSite", "a hydrosalpinx is distal tubal disease; a %s block would stop it filling on HSG", siteAdjective[t.OcclusionSite])
		}
	}
	if d := h.MaxDiameterMM; d != nil && *d == 0 {
		v.errorf(p+"/hydrosalpinx/maxDiameterMm", "a diameter of 0 mm is not a measurement; remove it or measure again")
	}
	if h.MaxDiameterMM != nil {
		switch {
		case h.MeasurementBasis == "":
			v.errorf(p+"/hydrosalpinx/measurementBasis", "say how the hydrosalpinx diameter was measured (pixel spacing source)")
		case h.MeasurementBasis == SpacingUncalibrated:
			v.warnf(p+"/hydrosalpinx/maxDiameterMm", "measured on an uncalibrated image: the size is not in mm and is left out of the impression")
		}
		if !h.IsPresent() {
			v.warnf(p+"/hydrosalpinx/maxDiameterMm", "a diameter is recorded but the hydrosalpinx is not marked present")
		}
	}
}

func (v *validator) bothTubes() {
	r, l := &v.r.Tubes.Right, &v.r.Tubes.Left
	pe := &v.r.Peritoneum
	occluded := func(t *Tube) bool { return t.Patency == Occluded || t.Status == TubeSurgicallyAbsent }
	if occluded(r) && occluded(l) {
		if pe.SpillPattern == PatternFree || pe.SpillPattern == PatternLoculated || pe.SpillPattern == PatternMixed ||
			slices.Contains(pe.DelayedFindings, DelayedFreeDispersion) {
			v.errorf("/peritoneum/spillPattern", "intraperitoneal contrast is recorded but neither tube is patent (perforation?)")
		}
	}
	if (r.Spill.Demonstrated() || l.Spill.Demonstrated()) && pe.SpillPattern == PatternNone {
		v.errorf("/peritoneum/spillPattern", "no intraperitoneal contrast is recorded but a tube spilled")
	}
	free := r.Spill.Free() || l.Spill.Free()
	if free && pe.SpillPattern == PatternLoculated {
		v.warnf("/peritoneum/spillPattern", "the peritoneal spill is recorded as loculated only, but a tube has free spill (mixed?)")
	}
	if free && slices.Contains(pe.DelayedFindings, DelayedNoContrast) {
		v.errorf("/peritoneum/delayedFindings", "the delayed image is recorded with no intraperitoneal contrast, but a tube has free spill")
	}
	if (pe.SpillPattern == PatternLoculated || pe.SpillPattern == PatternMixed || slices.Contains(pe.DelayedFindings, DelayedLoculation)) &&
		r.Spill != SpillLoculated && l.Spill != SpillLoculated && !isTrue(r.PeritubalAdhesionsSuspected) && !isTrue(l.PeritubalAdhesionsSuspected) {
		v.warnf("/peritoneum", "loculated contrast is recorded but neither tube has loculated spill or suspected peritubal adhesions: the side cannot be named")
	}
	if v.r.Technique.Adequacy == NonDiagnostic {
		var definite []string
		for _, s := range []Side{Right, Left} {
			t := v.r.Tubes.Tube(s)
			if t.Patency == Patent || t.Patency == Occluded && t.OcclusionQualifier != OcclusionSpasmNotExcluded {
				definite = append(definite, string(s)+" tube "+string(t.Patency))
			}
		}
		if m := v.r.Uterus.MullerianAnomaly; anomalyKindOf(&v.r.Uterus) != noAnomaly && (m.Certainty == "" || m.Certainty == Definite) {
			definite = append(definite, "a definite Müllerian anomaly")
		}
		if len(definite) > 0 {
			v.warnf("/technique/adequacy", "the study is non-diagnostic, yet definite findings are recorded (%s); the impression marks them as from a non-diagnostic study", strings.Join(definite, ", "))
		}
	}
}

func (v *validator) peritoneum() {
	pe := &v.r.Peritoneum
	checkEnum(v, "/peritoneum/spillPattern", pe.SpillPattern)
	checkEnums(v, "/peritoneum/delayedFindings", pe.DelayedFindings)
	if len(pe.DelayedFindings) > 0 && !v.r.Technique.DelayedImage.IsObtained() {
		v.errorf("/peritoneum/delayedFindings", "delayed image findings are recorded but no delayed image was obtained")
	}
	if slices.Contains(pe.DelayedFindings, DelayedNoContrast) &&
		(slices.Contains(pe.DelayedFindings, DelayedFreeDispersion) || slices.Contains(pe.DelayedFindings, DelayedLoculation)) {
		v.errorf("/peritoneum/delayedFindings", "\"no intraperitoneal contrast\" contradicts dispersed or loculated contrast")
	}
}

func (v *validator) complications() {
	c := &v.r.Complications
	if isTrue(c.None) && len(c.Items) > 0 {
		v.errorf("/complications/none", "\"no complications\" is recorded together with complications")
	}
	for i, it := range c.Items {
		ip := "/complications/items/" + strconv.Itoa(i)
		if it.Type == "" {
			v.errorf(ip+"/type", "the type of complication is required")
		}
		checkEnum(v, ip+"/type", it.Type)
		checkEnum(v, ip+"/side", it.Side)
	}
	v.integer("/complications/painVas", c.PainVAS, 0, 10)
}

func (v *validator) grading() {
	g := &v.r.Grading
	checkEnum(v, "/grading/hullRutherford", g.HullRutherford)
	checkEnum(v, "/grading/hullRutherfordBasis", g.HullRutherfordBasis)
	if g.HullRutherford != "" && g.HullRutherford != HRNotApplicable && g.HullRutherfordBasis == "" {
		v.warnf("/grading/hullRutherfordBasis", "say whether the Hull & Rutherford grade is provisional (HSG) or from laparoscopy")
	}
	if g.HullRutherfordBasis != HRBasisLaparoscopy {
		v.gradeMatchesTubes(g.HullRutherford)
	}
}

// gradeMatchesTubes warns when a Hull & Rutherford grade given from the
// HSG disagrees with the tubes as recorded: severe damage (a hydrosalpinx
// wider than 15 mm or with absent mucosal folds) on both sides is Grade
// III, on one side at least Grade II; tubes that are patent with spill
// and show no disease are not graded II or III.
func (v *validator) gradeMatchesTubes(grade HullRutherford) {
	if grade != HRI && grade != HRII && grade != HRIII {
		return
	}
	t := &v.r.Tubes
	severe := func(tb *Tube) bool {
		h := tb.Hydrosalpinx
		return h.IsPresent() && (h.MucosalFolds == FoldsAbsent || h.MaxDiameterMM != nil && *h.MaxDiameterMM > 15)
	}
	healthy := func(tb *Tube) bool {
		return tb.Patency == Patent && tb.Spill == SpillFreePrompt && !tb.Hydrosalpinx.IsPresent() &&
			!isTrue(tb.SalpingitisIsthmicaNodosa) && !isTrue(tb.PeritubalAdhesionsSuspected)
	}
	const p = "/grading/hullRutherford"
	switch n := btoi(severe(&t.Right)) + btoi(severe(&t.Left)); {
	case n == 2 && grade != HRIII:
		v.warnf(p, "both tubes show severe damage (hydrosalpinx over 15 mm or without mucosal folds): Hull & Rutherford Grade III, not %s", grade)
	case n == 1 && grade == HRI:
		v.warnf(p, "one tube shows severe damage (hydrosalpinx over 15 mm or without mucosal folds): Hull & Rutherford Grade II or III, not I")
	case n == 0 && grade != HRI && healthy(&t.Right) && healthy(&t.Left):
		v.warnf(p, "both tubes are patent with free spill and show no disease, which does not fit Hull & Rutherford Grade %s", grade)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (v *validator) annotations() {
	seen := map[string]bool{}
	for i, a := range v.r.Annotations {
		p := "/annotations/" + strconv.Itoa(i)
		switch {
		case a.ID == "":
			v.errorf(p+"/id", "the annotation id is required")
		case seen[a.ID]:
			v.errorf(p+"/id", "another annotation has id %q", a.ID)
		}
		seen[a.ID] = true
		v.imageRef(p+"/image", a.Image)
		if a.GraphicType == "" {
			v.errorf(p+"/graphicType", "the graphic type is required")
		}
		checkEnum(v, p+"/graphicType", a.GraphicType)
		if a.GraphicType.Valid() && !a.GraphicType.ValidPoints(len(a.Points)) {
			v.errorf(p+"/points", "%d points do not make a %s", len(a.Points), a.GraphicType)
		}
		for j, pt := range a.Points {
			if !finite(pt[0]) || !finite(pt[1]) {
				v.errorf(p+"/points/"+strconv.Itoa(j), "coordinates must be finite numbers")
			}
		}
		if a.GraphicType.Valid() && a.GraphicType.ValidPoints(len(a.Points)) {
			if err := a.Drawable(); err != nil {
				v.errorf(p, "the mark cannot be drawn: %v", err)
			}
		}
		checkEnum(v, p+"/tool", a.Tool)
		if g := a.Tool.GraphicType(); g != "" && a.GraphicType.Valid() && g != a.GraphicType {
			v.warnf(p+"/graphicType", "a %s mark is normally a %s, not a %s", a.Tool, g, a.GraphicType)
		}
		if a.FindingRef != "" && !v.resolves(a.FindingRef) {
			v.warnf(p+"/findingRef", "%q does not name a finding of the report", a.FindingRef)
		}
		if m := a.Measurement; m != nil {
			if m.Unit != UnitMM {
				v.errorf(p+"/measurement/unit", "a measurement is in mm, not %q", m.Unit)
			}
			checkEnum(v, p+"/measurement/spacingSource", m.SpacingSource)
			v.number(p+"/measurement/value", &m.Value, 0, huge)
		}
	}
}

func (v *validator) calibrations() {
	seen := map[string]bool{}
	for i, c := range v.r.Calibrations {
		p := "/calibrations/" + strconv.Itoa(i)
		switch {
		case c.SeriesInstanceUID == "":
			v.errorf(p+"/seriesInstanceUid", "the calibrated series is required")
		case seen[c.SeriesInstanceUID]:
			v.errorf(p+"/seriesInstanceUid", "the series has another calibration")
		}
		seen[c.SeriesInstanceUID] = true
		if c.Method == "" {
			v.errorf(p+"/method", "the calibration method is required")
		}
		checkEnum(v, p+"/method", c.Method)
		if !(c.ReferenceValue > 0) || !finite(c.ReferenceValue) {
			v.errorf(p+"/referenceValue", "the reference size must be positive")
		}
		if !(c.MMPerPixel > 0) || !finite(c.MMPerPixel) {
			v.errorf(p+"/mmPerPixel", "the spacing must be positive")
		}
		if len(c.Points) != 0 && len(c.Points) != 2 {
			v.errorf(p+"/points", "a reference line has 2 points, not %d", len(c.Points))
		}
		if len(c.Points) == 2 && c.Method.Valid() && c.ReferenceValue > 0 && c.MMPerPixel > 0 {
			px := math.Hypot(c.Points[1][0]-c.Points[0][0], c.Points[1][1]-c.Points[0][1])
			if want := c.Method.ReferenceMM(c.ReferenceValue) / px; px > 0 && math.Abs(c.MMPerPixel/want-1) > 0.01 {
				v.errorf(p+"/mmPerPixel", "%g mm per pixel does not match the reference line (%.4g mm over %.1f pixels gives %.4g)",
					c.MMPerPixel, c.Method.ReferenceMM(c.ReferenceValue), px, want)
			}
		}
		if c.Image != nil {
			v.imageRef(p+"/image", *c.Image)
		}
	}
}

func (v *validator) keyImages() {
	for i, k := range v.r.KeyImages {
		p := "/keyImages/" + strconv.Itoa(i)
		v.imageRef(p+"/image", k.Image)
		checkEnum(v, p+"/role", k.Role)
		if k.Role == RoleDelayed && !v.r.Technique.DelayedImage.IsObtained() {
			v.warnf(p+"/role", "a key image is marked delayed but the delayed image is not marked as obtained")
		}
	}
}

func (v *validator) impression() {
	im := &v.r.Impression
	for i, it := range im.Items {
		p := "/impression/items/" + strconv.Itoa(i)
		if strings.TrimSpace(it.Text) == "" {
			v.warnf(p+"/text", "empty impression sentence")
		}
		checkEnum(v, p+"/category", it.Category)
		for j, ref := range it.FindingRefs {
			if !v.resolves(ref) {
				v.warnf(p+"/findingRefs/"+strconv.Itoa(j), "%q does not name a finding of the report", ref)
			}
		}
	}
	for _, s := range ImpressionStale(v.r) {
		if s.Generated == "" {
			v.warnf("/impression/items/"+strconv.Itoa(s.Index), "edited sentence: the findings it was written from have changed and no longer produce it")
		} else {
			v.warnf("/impression/items/"+strconv.Itoa(s.Index), "edited sentence: the findings changed since the edit; the generator now says %q", s.Generated)
		}
	}
	for i, rec := range im.Recommendations {
		p := "/impression/recommendations/" + strconv.Itoa(i)
		if rec.Code == "" {
			v.errorf(p+"/code", "the recommendation code is required")
		}
		checkEnum(v, p+"/code", rec.Code)
	}
}
