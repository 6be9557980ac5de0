package dicomtext

import "testing"

func TestFormatPersonName(t *testing.T) {
	for _, tt := range []struct{ pn, want string }{
		{"Müller^Anna", "Müller, Anna"},
		{"Müller-Łukasiewicz^Zoë^Małgorzata", "Müller-Łukasiewicz, Zoë Małgorzata"},
		{"Müller^Anna^^Dr", "Müller, Anna (Dr)"},
		{"Doe^Jane^Q^^PhD", "Doe, Jane Q (PhD)"},
		{"Smith^John^^Dr^III", "Smith, John (Dr, III)"},
		{"Иванова^Мария^Сергеевна", "Иванова, Мария Сергеевна"},
		{"Öztürk^Ayşe^İpek", "Öztürk, Ayşe İpek"}, // case kept: no locale-dependent İ/I mapping
		{"Yamada^Tarou=山田^太郎=やまだ^たろう", "Yamada, Tarou"},
		{"=山田^太郎", "山田, 太郎"},
		{"==やまだ^たろう", "やまだ, たろう"},
		{"^^=山田^太郎", "山田, 太郎"}, // an alphabetic group of empty components is empty
		{"山田^太郎", "山田, 太郎"},
		{"^Anna", "Anna"},
		{"Müller", "Müller"},
		{"Müller^^^^", "Müller"},
		{"^^^Dr", "Dr"},
		{"Dr A. Referrer", "Dr A. Referrer"},
		{"  Müller ^  Anna   Maria ^ ", "Müller, Anna Maria"},
		{"Mül\x1bler^An\x00na\x7f", "Müller, Anna"},
		{"Müller^Anna\r\nMaria", "Müller, Anna Maria"},
		{"Müller^\u0085Anna", "Müller, Anna"}, // C1 control (NEL)
		{"M\xffüller^Anna", "M\uFFFDüller, Anna"},
		{"A^B^C^D^E^F", "A, B C (D, E F)"},
		{"", ""},
		{"^^^^", ""},
		{"===", ""},
		{" \t ", ""},
	} {
		if got := FormatPersonName(tt.pn); got != tt.want {
			t.Errorf("FormatPersonName(%q) = %q, want %q", tt.pn, got, tt.want)
		}
	}
}

func TestParsePersonName(t *testing.T) {
	got := ParsePersonName("=山田^太郎^^先生^")
	want := PersonName{Family: "山田", Given: "太郎", Prefix: "先生"}
	if got != want {
		t.Errorf("ParsePersonName = %+v, want %+v", got, want)
	}
}
