package annotate

import (
	"bytes"
	"testing"
)

// FuzzLoad checks that no input makes loading, validating, generating or
// saving panic, and that a loaded report saves stably.
func FuzzLoad(f *testing.F) {
	for _, r := range []*Report{fullReport(), exampleReport(), NewReport("1")} {
		b, err := r.Marshal()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"tubes":{"left":{"patency":"patent","hydrosalpinx":{"present":true,"maxDiameterMm":-1}}},"x":[]}`))
	f.Add([]byte(`{"uterus":{"fillingDefects":[{"kind":"polyp","count":-5}]},"impression":{"items":[{"auto":true,"text":"a","generatedText":"b"}]}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := Load(bytes.NewReader(b))
		if err != nil {
			return
		}
		r.Validate()
		GenerateRecommendations(r)
		r.RefreshImpression()
		out, err := r.Marshal()
		if err != nil {
			t.Fatalf("marshal a loaded report: %v", err)
		}
		r2, err := Load(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("reload: %v\n%s", err, out)
		}
		out2, err := r2.Marshal()
		if err != nil || !bytes.Equal(out, out2) {
			t.Fatalf("saving is not stable: %v\n%s\n%s", err, out, out2)
		}
	})
}
