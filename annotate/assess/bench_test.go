package assess

import (
	"bytes"
	"github.com/hsgview/hsgview/annotate/report"
	"testing"
)

func BenchmarkGenerateImpression(b *testing.B) {
	for _, lang := range []string{"en", "ru"} {
		b.Run(lang, func(b *testing.B) {
			r := exampleReport()
			r.Language = lang
			for b.Loop() {
				GenerateImpression(r)
			}
		})
	}
}

// BenchmarkMessagesInRussian: every issue of an inconsistent report
// formatted in Russian, as the sign banner and the form show them.
func BenchmarkMessagesInRussian(b *testing.B) {
	r := exampleReport()
	r.Tubes.Right.Status = report.TubeSurgicallyAbsent
	r.Tubes.Left.Patency = report.Occluded
	r.Tubes.Left.OcclusionSite = ""
	issues := Validate(r)
	if len(issues) < 2 {
		b.Fatalf("%d issues", len(issues))
	}
	for b.Loop() {
		for _, is := range issues {
			_ = is.MessageIn("ru")
		}
	}
}

func BenchmarkValidate(b *testing.B) {
	r := exampleReport()
	for b.Loop() {
		Validate(r)
	}
}

func BenchmarkMarshal(b *testing.B) {
	r := exampleReport()
	for b.Loop() {
		if _, err := r.Marshal(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	data, err := exampleReport().Marshal()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := report.Load(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
