package synth

import (
	"math"
	"testing"
)

// The hydrosalpinx diameter is about 14 mm wide on every view and lies on
// the image's right half (the patient's left).
func TestHydrosalpinxDiameter(t *testing.T) {
	for role, mmPerPx := range map[string]float64{RoleSpill: 0.24, RoleCine: 0.48, RoleDelayed: 0.20} {
		d, err := HydrosalpinxDiameter(Options{}, role)
		if err != nil {
			t.Fatal(err)
		}
		mm := math.Hypot(d[1][0]-d[0][0], d[1][1]-d[0][1]) * mmPerPx
		if mm < 11 || mm > 16 {
			t.Errorf("%s: diameter %.1f mm, want about 14", role, mm)
		}
		cols := map[string]float64{RoleSpill: 1024, RoleCine: 512, RoleDelayed: dxCols}[role]
		if d[0][0] < cols/2 || d[1][0] < cols/2 {
			t.Errorf("%s: %v is not on the image's right half", role, d)
		}
	}
	if _, err := HydrosalpinxDiameter(Options{}, "nonsense"); err == nil {
		t.Error("unknown role accepted")
	}
}
