package dicomweb

import (
	"bytes"
	"context"
	"slices"
	"testing"
	"time"

	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/annotate/reportpdf"
	"github.com/hsgview/hsgview/dicomio/dcmwrite"
)

// TestSendReport sends a signed report of the synthetic study — the
// Encapsulated PDF, SR, KOS and GSPS — and checks that Orthanc lists each
// in the study, that the search then says a report exists, and that
// sending the same version again adds nothing.
func TestSendReport(t *testing.T) {
	c := testClient(t)
	ctx := context.Background()
	st := storedDemo(t, c)
	rr := *demoDraft
	r := &rr
	r.Status = report.StatusFinal
	r.SignedAt = time.Date(2026, 3, 12, 11, 0, 0, 0, time.UTC)
	r.Author.Name = "Doe^Jane"
	objs, err := dcmwrite.ReportObjects(r, dcmwrite.Options{Study: st})
	if err != nil {
		t.Fatal(err)
	}
	var pdf, enc bytes.Buffer
	if err := reportpdf.WritePDF(&pdf, r, reportpdf.PDFOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := reportpdf.WriteEncapsulatedPDF(&enc, r, pdf.Bytes(), reportpdf.EncapsulateOptions{Study: st}); err != nil {
		t.Fatal(err)
	}
	send := []Object{{Name: "PDF", Data: enc.Bytes()}}
	for _, o := range objs {
		send = append(send, Object{Name: o.Kind, Data: o.Data})
	}
	res, err := c.Store(ctx, st.UID, send)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range res.Outcomes {
		if !o.Stored {
			t.Errorf("%s: %s", o.Name, o.Message)
		}
	}
	refs, err := c.SearchInstances(ctx, st.UID)
	if err != nil {
		t.Fatal(err)
	}
	classes := map[string]int{}
	for _, ref := range refs {
		classes[ref.SOPClassUID]++
	}
	for class, want := range map[string]int{
		reportpdf.SOPClassEncapsulatedPDF: 1,
		dcmwrite.SOPClassComprehensiveSR:  1,
		dcmwrite.SOPClassKOS:              1,
		dcmwrite.SOPClassGSPS:             len(objs) - 2,
	} {
		if classes[class] != want {
			t.Errorf("Orthanc lists %d instances of %s, want %d", classes[class], class, want)
		}
	}
	found, err := c.SearchStudies(ctx, Query{PatientID: st.Patient.ID})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(found, func(s StudyResult) bool { return s.StudyInstanceUID == st.UID })
	if i < 0 || !found[i].HasReport || found[i].Instances != len(refs) {
		t.Fatalf("search after sending: %+v", found)
	}
	// The same version again: same UIDs, nothing new on the server.
	again, _ := dcmwrite.ReportObjects(r, dcmwrite.Options{Study: st})
	var resend []Object
	for _, o := range again {
		resend = append(resend, Object{Name: o.Kind, Data: o.Data})
	}
	if _, err := c.Store(ctx, st.UID, resend); err != nil {
		t.Fatal(err)
	}
	refs2, _ := c.SearchInstances(ctx, st.UID)
	if len(refs2) != len(refs) {
		t.Errorf("re-sending the same version: %d instances, before %d", len(refs2), len(refs))
	}
}
