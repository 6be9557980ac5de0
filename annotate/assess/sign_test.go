package assess

import (
	"bytes"
	"errors"
	"github.com/hsgview/hsgview/annotate/internal/fixture"
	"github.com/hsgview/hsgview/annotate/report"
	"strings"
	"testing"
	"time"
)

func TestSignAndAmend(t *testing.T) {
	r := exampleReport()
	at := time.Date(2025, 3, 4, 12, 0, 0, 0, time.FixedZone("CET", 3600))
	author := report.Person{Name: "Dr Reader", ID: "R1"}
	if err := Sign(r, author, at); err != nil {
		t.Fatal(err)
	}
	if r.Status != report.StatusFinal || r.Version != 1 || !r.SignedAt.Equal(at) || r.SignedAt.Location() != time.UTC ||
		r.Author != author || r.Impression.FinalText == "" {
		t.Errorf("signed report: status %s version %d at %v author %+v", r.Status, r.Version, r.SignedAt, r.Author)
	}
	h, err := r.Hash()
	if err != nil || r.ContentHash != h || !strings.HasPrefix(h, "sha256:") {
		t.Errorf("content hash %q, Hash() = %q, %v", r.ContentHash, h, err)
	}
	if HasErrors(Validate(r)) {
		t.Errorf("signed report has errors: %v", Validate(r))
	}
	// The hash survives saving and loading.
	b, _ := r.Marshal()
	loaded, err := report.Load(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if h2, _ := loaded.Hash(); h2 != r.ContentHash {
		t.Error("hash changed by a round trip")
	}

	if err := Amend(r, ""); err == nil {
		t.Error("amendment without a reason")
	}
	if err := Amend(r, "Left hydrosalpinx size corrected"); err != nil {
		t.Fatal(err)
	}
	if r.Status != report.StatusDraft || !r.SignedAt.IsZero() || r.ContentHash != "" || len(r.PreviousVersions) != 1 {
		t.Fatalf("amended report %+v", r)
	}
	prev := r.PreviousVersions[0]
	if prev.Version != 1 || prev.Status != report.StatusFinal || prev.ContentHash != h || prev.FinalText != r.Impression.FinalText {
		t.Errorf("previous version %+v", prev)
	}
	r.Tubes.Left.Hydrosalpinx.MaxDiameterMM = new(16.0)
	RefreshImpression(r)
	if err := Sign(r, author, at.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if r.Status != report.StatusAmended || r.Version != 2 || r.AmendmentReason == "" {
		t.Errorf("status %s version %d", r.Status, r.Version)
	}
	if issues := Validate(r); len(issues) > 0 {
		t.Errorf("issues after amendment: %v", issues)
	}
}

func TestSignRefuses(t *testing.T) {
	if err := Sign(exampleReport(), report.Person{}, fixture.T0); err == nil {
		t.Error("signed without an author")
	}
	r := exampleReport()
	r.Tubes.Left.OcclusionSite = ""
	before, _ := r.Marshal()
	err := Sign(r, report.Person{Name: "Dr X"}, fixture.T0)
	var se *SignError
	if !errors.As(err, &se) || se.Issues[0].Path != "/tubes/left/occlusionSite" || se.Issues[0].Rule != "tube-occluded-needs-site" ||
		!strings.Contains(err.Error(), "record the site of the occlusion") {
		t.Errorf("Sign of an invalid report: %v", err)
	}
	if after, _ := r.Marshal(); !bytes.Equal(before, after) {
		t.Error("a refused Sign changed the report")
	}
	if err := Amend(report.NewReport("1"), "x"); err == nil {
		t.Error("a draft was amended")
	}
}
