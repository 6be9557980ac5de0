package synth_test

import (
	"fmt"
	"log"
	"os"

	"github.com/hsgview/hsgview/dicomio/synth"
)

func ExampleGenerate() {
	dir, err := os.MkdirTemp("", "hsgdemo")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	st, err := synth.Generate(dir, synth.Options{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("T0", st.T0.Format("2006-01-02 15:04:05"))
	for _, im := range st.Images {
		fmt.Printf("S%d #%d %s %-15s %2d frame(s) T0%+6.2f min\n",
			im.SeriesNumber, im.InstanceNumber, im.Modality, im.Role, im.Frames, im.MinutesFromT0)
	}
	// Output:
	// T0 2026-03-12 09:41:12
	// S1 #1 RF scout            1 frame(s) T0 -3.00 min
	// S2 #1 RF early_filling    1 frame(s) T0 +0.50 min
	// S2 #2 RF full_distension  1 frame(s) T0 +1.25 min
	// S3 #1 RF cine            30 frame(s) T0 +1.83 min
	// S2 #3 RF tubal_filling    1 frame(s) T0 +2.50 min
	// S2 #4 RF spill            1 frame(s) T0 +4.00 min
	// S4 #1 DX delayed          1 frame(s) T0+25.00 min
}
