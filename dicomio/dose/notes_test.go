package dose

import "testing"

// TestNoteIn: the sources and notes of the dose block read in Russian
// (DICOM names as the standard spells them, figures with a decimal comma
// and Russian units); English and unknown notes are left as they are.
func TestNoteIn(t *testing.T) {
	for in, want := range map[string]string{
		"image headers, Image and Fluoroscopy Area Dose Product (0018,115E), sum of 7 irradiation events (16.73 dGy·cm²)": "по заголовкам изображений: Image and Fluoroscopy Area Dose Product (0018,115E), сумма по событиям облучения (7) (16,73\u00a0дГр·см²)",
		"image headers, distinct Irradiation Event UIDs (0008,3010)":                                                      "по заголовкам изображений: число различных Irradiation Event UID (0008,3010)",
		"RDSR 1.2.3, Dose Area Product Total (0.0125 Gy·m²)":                                                              "RDSR 1.2.3, Dose Area Product Total (0,0125\u00a0Гр·м²)",
		"the dose report has no DAP, fluoroscopy time or air kerma total":                                                 "в протоколе дозы нет итогов произведения дозы на площадь, времени рентгеноскопии и кермы в воздухе",
		"something new": "something new",
	} {
		if got := NoteIn(in, "ru"); got != want {
			t.Errorf("NoteIn(%q)\n got %q\nwant %q", in, got, want)
		}
		if got := NoteIn(in, "en"); got != in {
			t.Errorf("English changed: %q", got)
		}
	}
}
