package assess

import (
	"encoding/json"
	"fmt"
	"github.com/hsgview/hsgview/annotate/enum"
	"github.com/hsgview/hsgview/annotate/internal/fixture"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"maps"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// loadSchema reads the shared JSON schema, found by walking up from the
// package directory to shared/reference; it skips the test when absent.
func loadSchema(t *testing.T) map[string]any {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		name := filepath.Join(dir, "shared", "reference", "hsg-report.schema.json")
		if b, err := os.ReadFile(name); err == nil {
			var s map[string]any
			if err := json.Unmarshal(b, &s); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			return s
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("shared/reference/hsg-report.schema.json not found above the package directory; schema checks skipped")
		}
		dir = parent
	}
}

// schemaCheck is a minimal JSON Schema (2020-12) validator for the subset
// hsg-report.schema.json uses. It fails on any keyword it does not know,
// so it cannot silently pass something it did not check.
type schemaCheck struct {
	root     map[string]any
	errs     []string
	declared map[string]map[string]bool // instance path → members some applied schema declares
	members  map[string][]string        // instance path → members present
}

func newSchemaCheck(root map[string]any) *schemaCheck {
	return &schemaCheck{root: root, declared: map[string]map[string]bool{}, members: map[string][]string{}}
}

// validate checks the JSON value v (as decoded into any) and returns the
// errors.
func (c *schemaCheck) validate(v any) []string {
	c.check(v, c.root, "")
	return c.errs
}

// unknown returns the members no schema declares, as paths with array
// indices replaced by "*".
func (c *schemaCheck) unknown() []string {
	var out []string
	for p, ms := range c.members {
		d, ok := c.declared[p]
		if !ok {
			continue
		}
		for _, m := range ms {
			if !d[m] {
				out = append(out, wildcard(p+"/"+m))
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func wildcard(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if _, err := strconv.Atoi(s); err == nil {
			parts[i] = "*"
		}
	}
	return strings.Join(parts, "/")
}

var ignoredKeywords = map[string]bool{
	"$schema": true, "$id": true, "$defs": true, "title": true, "description": true, "format": true, "default": true,
}

func (c *schemaCheck) fail(path, format string, a ...any) {
	c.errs = append(c.errs, path+": "+fmt.Sprintf(format, a...))
}

func (c *schemaCheck) check(v any, s map[string]any, path string) {
	for k, kv := range s {
		switch k {
		case "$ref":
			ref := kv.(string)
			name, ok := strings.CutPrefix(ref, "#/$defs/")
			def, ok2 := c.root["$defs"].(map[string]any)[name].(map[string]any)
			if !ok || !ok2 {
				c.fail(path, "unresolved $ref %s", ref)
				continue
			}
			c.check(v, def, path)
		case "type":
			if !hasType(v, kv.(string)) {
				c.fail(path, "%v is not of type %s", v, kv)
			}
		case "const":
			if !reflect.DeepEqual(v, kv) {
				c.fail(path, "%v is not %v", v, kv)
			}
		case "enum":
			if !slices.ContainsFunc(kv.([]any), func(e any) bool { return reflect.DeepEqual(e, v) }) {
				c.fail(path, "%v is not one of %v", v, kv)
			}
		case "required":
			if m, ok := v.(map[string]any); ok {
				for _, r := range kv.([]any) {
					if _, ok := m[r.(string)]; !ok {
						c.fail(path, "required member %s is missing", r)
					}
				}
			}
		case "properties":
			m, ok := v.(map[string]any)
			if !ok {
				continue
			}
			if c.declared[path] == nil {
				c.declared[path] = map[string]bool{}
				c.members[path] = slices.Collect(maps.Keys(m))
			}
			for name, sub := range kv.(map[string]any) {
				c.declared[path][name] = true
				if mv, ok := m[name]; ok {
					c.check(mv, sub.(map[string]any), path+"/"+name)
				}
			}
		case "items":
			if a, ok := v.([]any); ok {
				for i, e := range a {
					c.check(e, kv.(map[string]any), path+"/"+strconv.Itoa(i))
				}
			}
		case "minItems", "maxItems":
			if a, ok := v.([]any); ok {
				n := int(kv.(float64))
				if k == "minItems" && len(a) < n || k == "maxItems" && len(a) > n {
					c.fail(path, "%d items break %s %d", len(a), k, n)
				}
			}
		case "minimum", "maximum":
			if f, ok := v.(float64); ok {
				lim := kv.(float64)
				if k == "minimum" && f < lim || k == "maximum" && f > lim {
					c.fail(path, "%v breaks %s %v", f, k, lim)
				}
			}
		case "allOf":
			for _, sub := range kv.([]any) {
				c.check(v, sub.(map[string]any), path)
			}
		case "if":
			probe := newSchemaCheck(c.root)
			probe.check(v, kv.(map[string]any), path)
			if len(probe.errs) == 0 {
				if then, ok := s["then"].(map[string]any); ok {
					c.check(v, then, path)
				}
			} else if els, ok := s["else"].(map[string]any); ok {
				c.check(v, els, path)
			}
		case "then", "else":
			// applied with "if"
		default:
			if !ignoredKeywords[k] {
				c.fail(path, "schema keyword %q not supported by the test validator", k)
			}
		}
	}
}

func hasType(v any, typ string) bool {
	switch typ {
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "number":
		_, ok := v.(float64)
		return ok
	case "integer":
		f, ok := v.(float64)
		return ok && f == math.Trunc(f)
	case "boolean":
		_, ok := v.(bool)
		return ok
	}
	return false
}

func decode(t *testing.T, r *report.Report) any {
	t.Helper()
	b, err := r.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// addedMembers are the members the model adds to the schema. Anything
// else the schema does not declare is a misspelt member.
var addedMembers = []string{
	"/amendmentReason",
	"/annotations/*/angleDeg",
	"/annotations/*/measurement/areaMm2",
	"/annotations/*/measurement/areaPx",
	"/annotations/*/measurement/lengthPx",
	"/annotations/*/measurement/reference",
	"/annotations/*/measurement/stats",
	"/annotations/*/tool",
	"/calibrations",
	"/clinical/lmpUnknownReason",
	"/complications/urgentCommunication",
	"/contentHash",
	"/impression/items/*/generatedText",
	"/impression/recommendations/*/auto",
	"/impression/recommendations/*/findingRefs",
	"/impression/recommendations/*/generatedText",
	"/prefilled",
	"/previousVersions",
	"/relinks",
	"/technique/dose/drl",
	"/technique/dose/effectiveDoseBasis",
	"/technique/dose/effectiveDoseMSv",
	"/technique/dose/effectiveDoseMethod",
	"/technique/dose/method",
	"/tubes/left/partialDistalOcclusion",
	"/tubes/right/partialDistalOcclusion",
	"/timingOverrides",
	"/uterus/mullerianAnomaly/side",
	"/version",
}

func TestSchemaValid(t *testing.T) {
	schema := loadSchema(t)
	for _, c := range []struct {
		name string
		r    *report.Report
	}{
		{"full report", fixture.FullReport()},
		{"example report", exampleReport()},
		{"generated impression", func() *report.Report { r := fixture.FullReport(); RefreshImpression(r); return r }()},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := newSchemaCheck(schema)
			for _, e := range sc.validate(decode(t, c.r)) {
				t.Error(e)
			}
			var unknown []string
			for _, u := range sc.unknown() {
				if !strings.Contains(u, "/x-") {
					unknown = append(unknown, u)
				}
			}
			for _, u := range unknown {
				if !slices.Contains(addedMembers, u) {
					t.Errorf("member %s is not in the schema: misspelt, or add it to addedMembers", u)
				}
			}
		})
	}
}

// TestSchemaCheckRejects makes sure the test validator itself rejects
// what the schema forbids.
func TestSchemaCheckRejects(t *testing.T) {
	schema := loadSchema(t)
	for _, c := range []struct {
		name string
		edit func(r *report.Report)
	}{
		{"bad enum", func(r *report.Report) { r.Tubes.Left.Spill = "lots" }},
		{"missing required", func(r *report.Report) { r.Tubes.Left.Status = "" }},
		{"if/then occlusion site", func(r *report.Report) { r.Tubes.Left.OcclusionSite = "" }},
		{"if/then patent spill", func(r *report.Report) { r.Tubes.Right.Spill = report.SpillNone }},
		{"minimum", func(r *report.Report) { r.Clinical.CycleDay = new(0) }},
		{"maximum", func(r *report.Report) { r.Complications.PainVAS = new(11) }},
		{"const", func(r *report.Report) { r.SchemaVersion = "1.1" }},
		{"integer", func(r *report.Report) {
			r.Technique.DelayedImage.Image = &mark.ImageRef{SOPInstanceUID: "1", FrameNumber: 1}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := fixture.FullReport()
			c.edit(r)
			doc := decode(t, r)
			if c.name == "integer" {
				doc.(map[string]any)["technique"].(map[string]any)["delayedImage"].(map[string]any)["image"].(map[string]any)["frameNumber"] = 1.5
			}
			if errs := newSchemaCheck(schema).validate(doc); len(errs) == 0 {
				t.Error("schema check passed an invalid report")
			}
		})
	}
}

// TestEnumsMatchSchema checks every enumeration type against the schema,
// value for value and in order.
func TestEnumsMatchSchema(t *testing.T) {
	schema := loadSchema(t)
	for _, c := range []struct {
		typ  reflect.Type
		path string
	}{
		{reflect.TypeFor[report.Status](), "/properties/status"},
		{reflect.TypeFor[report.Sex](), "/properties/patient/properties/sex"},
		{reflect.TypeFor[report.Indication](), "/properties/clinical/properties/indication/items"},
		{reflect.TypeFor[report.PregnancyResult](), "/properties/clinical/properties/pregnancyTest/properties/result"},
		{reflect.TypeFor[report.Specimen](), "/properties/clinical/properties/pregnancyTest/properties/specimen"},
		{reflect.TypeFor[report.History](), "/properties/clinical/properties/history/items"},
		{reflect.TypeFor[report.CatheterType](), "/properties/technique/properties/catheter/properties/type"},
		{reflect.TypeFor[report.BalloonPosition](), "/properties/technique/properties/catheter/properties/balloonPosition"},
		{reflect.TypeFor[report.ContrastClass](), "/properties/technique/properties/contrast/properties/class"},
		{reflect.TypeFor[report.ContrastSource](), "/properties/technique/properties/contrast/properties/source"},
		{reflect.TypeFor[report.DoseSource](), "/properties/technique/properties/dose/properties/source"},
		{reflect.TypeFor[report.ImageKind](), "/properties/technique/properties/imagesObtained/items"},
		{reflect.TypeFor[report.Determination](), "/properties/technique/properties/delayedImage/properties/determination"},
		{reflect.TypeFor[report.Confidence](), "/properties/technique/properties/delayedImage/properties/confidence"},
		{reflect.TypeFor[report.SelectiveSalpingography](), "/properties/technique/properties/selectiveSalpingography"},
		{reflect.TypeFor[report.Adequacy](), "/properties/technique/properties/adequacy"},
		{reflect.TypeFor[report.Limitation](), "/properties/technique/properties/limitations/items"},
		{reflect.TypeFor[report.CervicalCanal](), "/properties/cervix/properties/canal"},
		{reflect.TypeFor[report.Deviation](), "/properties/uterus/properties/deviation"},
		{reflect.TypeFor[report.UterineSize](), "/properties/uterus/properties/size"},
		{reflect.TypeFor[report.CavityContour](), "/properties/uterus/properties/contour"},
		{reflect.TypeFor[report.CavityShape](), "/properties/uterus/properties/shape"},
		{reflect.TypeFor[report.AdhesionExtent](), "/properties/uterus/properties/intrauterineAdhesions/properties/extent"},
		{reflect.TypeFor[report.AdhesionSystem](), "/properties/uterus/properties/intrauterineAdhesions/properties/classification/properties/system"},
		{reflect.TypeFor[report.AdenomyosisPattern](), "/properties/uterus/properties/adenomyosisSigns/properties/pattern"},
		{reflect.TypeFor[report.OutpouchingType](), "/properties/uterus/properties/outpouchings/items/properties/type"},
		{reflect.TypeFor[report.Device](), "/properties/uterus/properties/devices/items"},
		{reflect.TypeFor[report.SpillPattern](), "/properties/peritoneum/properties/spillPattern"},
		{reflect.TypeFor[report.DelayedFinding](), "/properties/peritoneum/properties/delayedFindings/items"},
		{reflect.TypeFor[report.HullRutherford](), "/properties/grading/properties/hullRutherford"},
		{reflect.TypeFor[report.HullRutherfordBasis](), "/properties/grading/properties/hullRutherfordBasis"},
		{reflect.TypeFor[report.KeyImageRole](), "/properties/keyImages/items/properties/role"},
		{reflect.TypeFor[report.Category](), "/properties/impression/properties/items/items/properties/category"},
		{reflect.TypeFor[report.RecommendationCode](), "/properties/impression/properties/recommendations/items/properties/code"},
		{reflect.TypeFor[report.CodeSystem](), "/$defs/code/properties/system"},
		{reflect.TypeFor[mark.Unit](), "/$defs/quantity/properties/unit"},
		{reflect.TypeFor[report.Location](), "/$defs/uterineLocation"},
		{reflect.TypeFor[report.DefectKind](), "/$defs/fillingDefect/properties/kind"},
		{reflect.TypeFor[report.DefectMargin](), "/$defs/fillingDefect/properties/margin"},
		{reflect.TypeFor[report.ASRMClass](), "/$defs/mullerianAnomaly/properties/asrmMac2021"},
		{reflect.TypeFor[report.ESHREUterine](), "/$defs/mullerianAnomaly/properties/eshreEsgeUterine"},
		{reflect.TypeFor[report.ESHRECervical](), "/$defs/mullerianAnomaly/properties/eshreEsgeCervical"},
		{reflect.TypeFor[report.ESHREVaginal](), "/$defs/mullerianAnomaly/properties/eshreEsgeVaginal"},
		{reflect.TypeFor[report.AFSClass](), "/$defs/mullerianAnomaly/properties/afs1988Class"},
		{reflect.TypeFor[report.Certainty](), "/$defs/mullerianAnomaly/properties/certainty"},
		{reflect.TypeFor[report.Confirmation](), "/$defs/mullerianAnomaly/properties/confirmationRecommended"},
		{reflect.TypeFor[report.TubeStatus](), "/$defs/tube/properties/status"},
		{reflect.TypeFor[report.Opacification](), "/$defs/tube/properties/opacification"},
		{reflect.TypeFor[report.Patency](), "/$defs/tube/properties/patency"},
		{reflect.TypeFor[report.OcclusionSite](), "/$defs/tube/properties/occlusionSite"},
		{reflect.TypeFor[report.OcclusionQualifier](), "/$defs/tube/properties/occlusionQualifier"},
		{reflect.TypeFor[report.Spill](), "/$defs/tube/properties/spill"},
		{reflect.TypeFor[report.MucosalFolds](), "/$defs/tube/properties/hydrosalpinx/properties/mucosalFolds"},
		{reflect.TypeFor[mark.SpacingSource](), "/$defs/tube/properties/hydrosalpinx/properties/measurementBasis"},
		{reflect.TypeFor[report.TubeContour](), "/$defs/tube/properties/contour"},
		{reflect.TypeFor[report.SterilizationDevice](), "/$defs/tube/properties/sterilizationDevice"},
		{reflect.TypeFor[report.ComplicationType](), "/$defs/complication/properties/type"},
		{reflect.TypeFor[report.Side](), "/$defs/complication/properties/side"},
		{reflect.TypeFor[mark.GraphicType](), "/$defs/annotation/properties/graphicType"},
	} {
		node, ok := fixture.Lookup(schema, c.path)
		if !ok {
			t.Errorf("%s: no such schema path", c.path)
			continue
		}
		var want []string
		for _, e := range node.(map[string]any)["enum"].([]any) {
			want = append(want, e.(string))
		}
		if got := enum.StringsOf(c.typ); !slices.Equal(got, want) {
			t.Errorf("%s values %q, schema %s has %q", c.typ.Name(), got, c.path, want)
		}
	}
	// The measurement spacing source shares its type with the basis.
	node, _ := fixture.Lookup(schema, "/$defs/annotation/properties/measurement/properties/spacingSource")
	if got := fmt.Sprint(node.(map[string]any)["enum"]); got != fmt.Sprint(enum.Strings[mark.SpacingSource]()) {
		t.Errorf("spacingSource enum %s differs from SpacingSource", got)
	}
}

// TestValidateCatchesSchemaViolations breaks the full report one value at a
// time (every enumerated value, every required member, every bounded
// number) and checks that whatever the schema rejects, Validate reports at
// that place, unless loading and saving repairs it.
func TestValidateCatchesSchemaViolations(t *testing.T) {
	schema := loadSchema(t)
	full := fixture.FullReport()
	full.ContentHash = "" // else every change is an error at /contentHash
	before := Validate(full)
	base := decode(t, full)
	var mutants []mutant
	collectMutants(base, "", &mutants)
	checked := 0
	for _, m := range mutants {
		doc := deepCopy(base)
		m.apply(doc)
		if len(newSchemaCheck(schema).validate(doc)) == 0 {
			continue // the schema allows it
		}
		checked++
		b, _ := json.Marshal(doc)
		r, err := report.Load(strings.NewReader(string(b)))
		if err != nil {
			continue // rejected on load
		}
		if slices.ContainsFunc(Validate(r), func(i Issue) bool {
			return i.Severity == SeverityError && !slices.ContainsFunc(before, func(b Issue) bool { return b.String() == i.String() }) &&
				(strings.HasPrefix(i.Path, m.path) || strings.HasPrefix(m.path, i.Path+"/"))
		}) {
			continue
		}
		if len(newSchemaCheck(schema).validate(decode(t, r))) == 0 {
			continue // repaired by the round trip
		}
		t.Errorf("%s: the schema rejects it but Validate reports no error at %s", m.name, m.path)
	}
	t.Logf("%d of %d mutants break the schema", checked, len(mutants))
	if checked < 100 {
		t.Errorf("only %d schema-breaking mutants were tried", checked)
	}
}

type mutant struct {
	name, path string
	apply      func(doc any)
}

// collectMutants lists, for each member of the decoded JSON v at path,
// its removal and replacements by out-of-range values.
func collectMutants(v any, path string, out *[]mutant) {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			p := path + "/" + k
			if strings.HasPrefix(k, "x-") {
				continue
			}
			*out = append(*out, mutant{"remove " + p, p, func(doc any) { delete(at(doc, path).(map[string]any), k) }})
			switch e.(type) {
			case string:
				*out = append(*out, mutant{"bogus " + p, p, func(doc any) { at(doc, path).(map[string]any)[k] = "bogus" }})
			case float64:
				for _, x := range []float64{-1, 1e6} {
					*out = append(*out, mutant{fmt.Sprint(x, " ", p), p, func(doc any) { at(doc, path).(map[string]any)[k] = x }})
				}
			}
			collectMutants(e, p, out)
		}
	case []any:
		for i, e := range v {
			p := path + "/" + strconv.Itoa(i)
			if _, ok := e.(string); ok {
				*out = append(*out, mutant{"bogus " + p, p, func(doc any) { at(doc, path).([]any)[i] = "bogus" }})
			}
			collectMutants(e, p, out)
		}
	}
}

// at resolves a JSON pointer without escapes.
func at(doc any, p string) any {
	cur := doc
	if p == "" {
		return cur
	}
	for _, tok := range strings.Split(p[1:], "/") {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[tok]
		case []any:
			i, _ := strconv.Atoi(tok)
			cur = c[i]
		}
	}
	return cur
}

func deepCopy(v any) any {
	b, _ := json.Marshal(v)
	var c any
	json.Unmarshal(b, &c)
	return c
}
