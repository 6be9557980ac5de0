package dose

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/suyashkumar/dicom"
	"github.com/suyashkumar/dicom/pkg/tag"
)

// srItem builds SR content items with suyashkumar/dicom, a writer
// independent of the reader under test.
type srItem struct {
	rel, vt, code string
	num           *float64
	unit          string
	codeVal       [3]string // concept code value, scheme, meaning (CODE items)
	text          string
	children      []srItem
}

func el(t *testing.T, tg tag.Tag, v any) *dicom.Element {
	t.Helper()
	e, err := dicom.NewElement(tg, v)
	if err != nil {
		t.Fatalf("element %v: %v", tg, err)
	}
	return e
}

func codeSeq(t *testing.T, tg tag.Tag, value, scheme, meaning string) *dicom.Element {
	return el(t, tg, [][]*dicom.Element{{
		el(t, tag.CodeValue, []string{value}),
		el(t, tag.CodingSchemeDesignator, []string{scheme}),
		el(t, tag.CodeMeaning, []string{meaning}),
	}})
}

func sorted(es []*dicom.Element) []*dicom.Element {
	slices.SortFunc(es, func(a, b *dicom.Element) int {
		return cmp.Or(cmp.Compare(a.Tag.Group, b.Tag.Group), cmp.Compare(a.Tag.Element, b.Tag.Element))
	})
	return es
}

func (it srItem) elements(t *testing.T) []*dicom.Element {
	es := []*dicom.Element{
		el(t, tag.RelationshipType, []string{cmp.Or(it.rel, "CONTAINS")}),
		el(t, tag.ValueType, []string{it.vt}),
		codeSeq(t, tag.ConceptNameCodeSequence, it.code, "DCM", "concept "+it.code),
	}
	switch it.vt {
	case "NUM":
		es = append(es, el(t, tag.MeasuredValueSequence, [][]*dicom.Element{sorted([]*dicom.Element{
			el(t, tag.NumericValue, []string{fmt.Sprint(*it.num)}),
			codeSeq(t, tag.MeasurementUnitsCodeSequence, it.unit, "UCUM", it.unit),
		})}))
	case "CODE":
		es = append(es, codeSeq(t, tag.ConceptCodeSequence, it.codeVal[0], it.codeVal[1], it.codeVal[2]))
	case "TEXT":
		es = append(es, el(t, tag.TextValue, []string{it.text}))
	case "UIDREF":
		es = append(es, el(t, tag.UID, []string{it.text}))
	case "CONTAINER":
		es = append(es, el(t, tag.ContinuityOfContent, []string{"SEPARATE"}))
	}
	if len(it.children) > 0 {
		var items [][]*dicom.Element
		for _, c := range it.children {
			items = append(items, sorted(c.elements(t)))
		}
		es = append(es, el(t, tag.ContentSequence, items))
	}
	return es
}

func numItem(code string, v float64, unit string) srItem {
	return srItem{vt: "NUM", code: code, num: &v, unit: unit}
}

// synthEvent is one irradiation event of a synthetic RDSR; cu < 0 means
// no X-Ray Filters container at all.
type synthEvent struct {
	dapGyM2 float64
	cu      float64
	al      bool
}

const synthStudyUID = "1.2.826.0.1.3680043.10.1078.77.1"

// writeRDSR writes an X-Ray Radiation Dose SR with the given accumulated
// DAP (Gy·m²), fluoroscopy time (s), Dose (RP) (Gy) and events.
func writeRDSR(t *testing.T, path string, dapGyM2, fluoroS, rpGy float64, events []synthEvent) {
	t.Helper()
	acc := srItem{vt: "CONTAINER", code: "113702", children: []srItem{
		numItem("113722", dapGyM2, "Gy.m2"),
		numItem("113725", rpGy, "Gy"),
		numItem("113730", fluoroS, "s"),
	}}
	root := []srItem{
		{rel: "HAS CONCEPT MOD", vt: "CODE", code: "121058", codeVal: [3]string{"113704", "DCM", "Projection X-Ray"}},
		{vt: "CODE", code: "113705", rel: "HAS OBS CONTEXT", codeVal: [3]string{"113014", "DCM", "Study"},
			children: []srItem{{rel: "HAS PROPERTIES", vt: "UIDREF", code: "110180", text: synthStudyUID}}},
		acc,
	}
	for i, ev := range events {
		c := srItem{vt: "CONTAINER", code: "113706", children: []srItem{
			{vt: "UIDREF", code: "113769", text: fmt.Sprintf("1.2.826.0.1.3680043.10.1078.77.9.%d", i+1)},
			{vt: "CODE", code: "113721", codeVal: [3]string{"P5-06000", "SRT", "Fluoroscopy"}},
			numItem("122130", ev.dapGyM2, "Gy.m2"),
			numItem("113733", 70+float64(i), "kV"),
			numItem("113734", 10, "mA"),
		}}
		if ev.al {
			c.children = append(c.children, srItem{vt: "CONTAINER", code: "113771", children: []srItem{
				{vt: "CODE", code: "113757", codeVal: [3]string{"C-120F9", "SRT", "Aluminum or Aluminum compound"}},
				numItem("113758", 1, "mm"), numItem("113773", 1, "mm"),
			}})
		}
		if ev.cu > 0 {
			c.children = append(c.children, srItem{vt: "CONTAINER", code: "113771", children: []srItem{
				{vt: "CODE", code: "113772", codeVal: [3]string{"113650", "DCM", "Strip filter"}},
				{vt: "CODE", code: "113757", codeVal: [3]string{"C-127F9", "SRT", "Copper or Copper compound"}},
				numItem("113758", ev.cu, "mm"), numItem("113773", ev.cu, "mm"),
			}})
		}
		root = append(root, c)
	}
	var content [][]*dicom.Element
	for _, it := range root {
		content = append(content, sorted(it.elements(t)))
	}
	const sop = "1.2.840.10008.5.1.4.1.1.88.67"
	uid := "1.2.826.0.1.3680043.10.1078.77.2." + fmt.Sprint(len(events))
	es := []*dicom.Element{
		el(t, tag.FileMetaInformationVersion, []byte{0, 1}),
		el(t, tag.MediaStorageSOPClassUID, []string{sop}),
		el(t, tag.MediaStorageSOPInstanceUID, []string{uid}),
		el(t, tag.TransferSyntaxUID, []string{"1.2.840.10008.1.2.1"}),
		el(t, tag.SOPClassUID, []string{sop}),
		el(t, tag.SOPInstanceUID, []string{uid}),
		el(t, tag.ContentDate, []string{"20250301"}),
		el(t, tag.ContentTime, []string{"101500"}),
		el(t, tag.Modality, []string{"SR"}),
		el(t, tag.PatientName, []string{"Test^Dose"}),
		el(t, tag.PatientID, []string{"DOSE01"}),
		el(t, tag.StudyInstanceUID, []string{synthStudyUID}),
		el(t, tag.SeriesInstanceUID, []string{synthStudyUID + ".5"}),
		el(t, tag.ValueType, []string{"CONTAINER"}),
		codeSeq(t, tag.ConceptNameCodeSequence, "113701", "DCM", "X-Ray Radiation Dose Report"),
		el(t, tag.ContinuityOfContent, []string{"SEPARATE"}),
		el(t, tag.ContentSequence, content),
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := dicom.Write(f, dicom.Dataset{Elements: sorted(es)}); err != nil {
		t.Fatalf("write RDSR: %v", err)
	}
}

func synthPath(t *testing.T) string { return filepath.Join(t.TempDir(), "rdsr.dcm") }
