package assess

import (
	"encoding/json"
	"fmt"
	"github.com/hsgview/hsgview/annotate/enum"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/annotate/wording"
	"math"
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
	// Format and Args make Message (fmt.Sprintf(Format, Args...)): a UI
	// that shows the issue in another language translates Format, the
	// English text with its verbs, and the words among Args (see
	// MessageWords), and formats them again.
	Format string `json:"-"`
	Args   []any  `json:"-"`
	// Rule is the ID of the [Rule] that found the issue, or "" for a
	// check of the schema (a required member, a defined value, a range).
	Rule string `json:"rule,omitempty"`
	// Fields are the JSON pointers of the values the rule reads: the
	// fields a form highlights for the issue. Empty for schema checks,
	// which concern Path alone.
	Fields []string `json:"fields,omitempty"`
}

// newIssue returns the issue at path with its message made from format
// and a, keeping both for translation.
func newIssue(path string, sev Severity, format string, a ...any) Issue {
	return Issue{Path: path, Severity: sev, Message: fmt.Sprintf(format, a...), Format: format, Args: a}
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
func Validate(r *report.Report) []Issue {
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
	v.tube(report.Right)
	v.tube(report.Left)
	v.bothTubes()
	v.peritoneum()
	v.complications()
	v.grading()
	v.annotations()
	v.calibrations()
	v.keyImages()
	v.impression()
	v.issues = append(v.issues, applyRules(r)...)
	return v.issues
}

type validator struct {
	r      *report.Report
	doc    any // r as decoded JSON, to resolve pointers
	issues []Issue
}

func (v *validator) errorf(path, format string, a ...any) {
	v.issues = append(v.issues, newIssue(path, SeverityError, format, a...))
}

func (v *validator) warnf(path, format string, a ...any) {
	v.issues = append(v.issues, newIssue(path, SeverityWarning, format, a...))
}

type definedValue interface {
	~string
	Valid() bool
}

// checkEnum reports a value that is set but not defined.
func checkEnum[E definedValue](v *validator, path string, e E) {
	if e != "" && !e.Valid() {
		var words []string
		for _, c := range enum.Strings[E]() {
			words = append(words, report.LabelOf(E(c)))
		}
		v.errorf(path, "unknown value %q; choose one of: %s", string(e), strings.Join(words, " / "))
	}
}

func checkEnums[E definedValue](v *validator, path string, es []E) {
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
		v.errorf(path, "%s is out of range %s", wording.FormatNumber(*x, 3), rangeText(lo, hi))
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
		return "(minimum " + wording.FormatNumber(lo, 3) + ")"
	}
	return wording.FormatNumber(lo, 3) + "–" + wording.FormatNumber(hi, 3)
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

func (v *validator) imageRef(path string, ref mark.ImageRef) {
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
		if !slices.ContainsFunc(v.r.Annotations, func(a mark.Annotation) bool { return a.ID == id }) {
			v.warnf(path+"/"+strconv.Itoa(i), "no annotation has id %q", id)
		}
	}
}

var uuidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

func (v *validator) header() {
	r := v.r
	if r.SchemaVersion != report.SchemaVersion {
		v.errorf("/schemaVersion", "schema version is %q; this program writes %s", r.SchemaVersion, report.SchemaVersion)
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
	if r.Status == report.StatusAmended {
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
	checkEnum(v, "/clinical/pregnancyTest/result", c.PregnancyTest.Result)
	checkEnum(v, "/clinical/pregnancyTest/specimen", c.PregnancyTest.Specimen)
	v.date("/clinical/pregnancyTest/date", c.PregnancyTest.Date)
	if c.PregnancyTest.Result == report.PregnancyPositive {
		v.warnf("/clinical/pregnancyTest/result", "positive pregnancy test: HSG is contraindicated in pregnancy")
	}
	checkEnums(v, "/clinical/history", c.History)
	if slices.Contains(c.History, report.HistoryNone) && len(c.History) > 1 {
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
		case q.Unit.Valid() && report.GyCm2[q.Unit] == 0:
			v.errorf(p+"/dose/dapTotal/unit", "%s is not a unit of dose-area product (Gy·cm², dGy·cm², Gy·m², …)", q.Unit)
		case ok && d.DAPTotalGyCm2 != nil && math.Abs(*d.DAPTotalGyCm2-gy) > 0.01*math.Abs(gy)+1e-9:
			v.warnf(p+"/dose/dapTotalGyCm2", "%s Gy·cm² does not match the dose-area product %s %s (= %s Gy·cm²)",
				wording.FormatNumber(*d.DAPTotalGyCm2, 4), wording.FormatNumber(*q.Value, 4), q.Unit, wording.FormatNumber(gy, 4))
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
		if slices.Contains(t.Limitations, report.LimitNoDelayedImage) {
			v.errorf(p+"/limitations", "\"no delayed image\" is listed but a delayed image was obtained")
		}
		if m := di.MinutesAfterContrast; m != nil && *m < 10 {
			v.warnf(p+"/delayedImage/minutesAfterContrast", "an image %s min after contrast is too early to count as delayed (10 min or more)", wording.FormatNumber(*m, 1))
		} else if m != nil && c.Class == report.ContrastOilBased && *m < 45 {
			v.warnf(p+"/delayedImage/minutesAfterContrast", "with oil-based contrast the delayed image is usually taken after 1–24 h, not %s min", wording.FormatNumber(*m, 1))
		}
	} else {
		if di.MinutesAfterContrast != nil || di.Image != nil {
			v.warnf(p+"/delayedImage/obtained", "delayed image details are recorded but the delayed image is not marked as obtained")
		}
		if slices.Contains(t.ImagesObtained, report.ImageDelayed) {
			v.warnf(p+"/delayedImage/obtained", "\"delayed\" is among the images obtained but the delayed image is not marked as obtained")
		}
	}
	checkEnum(v, p+"/selectiveSalpingography", t.SelectiveSalpingography)
	checkEnum(v, p+"/adequacy", t.Adequacy)
	checkEnums(v, p+"/limitations", t.Limitations)
	if t.Adequacy == report.Adequate && len(t.Limitations) > 0 {
		v.warnf(p+"/adequacy", "the study is marked adequate but limitations are listed")
	}
}
