package synth

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/suyashkumar/dicom"
	"github.com/suyashkumar/dicom/pkg/tag"
)

// demoStudy is the default study, encoded once for all tests that only read it.
var demoStudy = sync.OnceValues(func() (encoded, error) {
	st, files, err := Encode(Options{})
	return encoded{st, files}, err
})

type encoded struct {
	study *Study
	files [][]byte
}

func demo(t *testing.T) encoded {
	t.Helper()
	e, err := demoStudy()
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	return e
}

// parse reads one encoded file with suyashkumar/dicom.
func parse(t *testing.T, name string, b []byte) dicom.Dataset {
	t.Helper()
	ds, err := dicom.Parse(bytes.NewReader(b), int64(len(b)), nil)
	if err != nil {
		t.Fatalf("%s: parse: %v", name, err)
	}
	return ds
}

// str returns the string value of an element ("" when absent), the values
// joined by a backslash.
func str(ds dicom.Dataset, tg tag.Tag) string {
	e, err := ds.FindElementByTag(tg)
	if err != nil {
		return ""
	}
	switch e.Value.ValueType() {
	case dicom.Strings:
		return strings.Join(dicom.MustGetStrings(e.Value), `\`)
	case dicom.Ints:
		var s []string
		for _, v := range dicom.MustGetInts(e.Value) {
			s = append(s, strconv.Itoa(v))
		}
		return strings.Join(s, `\`)
	}
	return e.Value.String()
}

func TestDeterministic(t *testing.T) {
	a := demo(t)
	_, again, err := Encode(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for k := range a.files {
		if !bytes.Equal(a.files[k], again[k]) {
			t.Errorf("%s differs between two runs with the same options", a.study.Images[k].Path)
		}
	}
	other, files, err := Encode(Options{Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if other.StudyInstanceUID == a.study.StudyInstanceUID {
		t.Error("another seed gave the same Study Instance UID")
	}
	for k := range files {
		if bytes.Equal(files[k], a.files[k]) {
			t.Errorf("%s is identical with seed 7 and the default seed", a.study.Images[k].Path)
		}
	}
}

func TestManifest(t *testing.T) {
	e := demo(t)
	st := e.study
	type want struct {
		path, role, modality, class string
		series, instance, frames    int
		minutes                     float64
	}
	wants := []want{
		{"HSG/S01_scout/IM0001.dcm", RoleScout, "RF", sopRF, 1, 1, 1, -3},
		{"HSG/S02_spot/IM0001.dcm", RoleEarlyFilling, "RF", sopRF, 2, 1, 1, 0.5},
		{"HSG/S02_spot/IM0002.dcm", RoleFullDistension, "RF", sopRF, 2, 2, 1, 1.25},
		{"HSG/S03_fluoro/IM0001.dcm", RoleCine, "RF", sopRF, 3, 1, 30, 110.0 / 60},
		{"HSG/S02_spot/IM0003.dcm", RoleTubalFilling, "RF", sopRF, 2, 3, 1, 2.5},
		{"HSG/S02_spot/IM0004.dcm", RoleSpill, "RF", sopRF, 2, 4, 1, 4},
		{"HSG/S04_delayed/IM0001.dcm", RoleDelayed, "DX", sopDX, 4, 1, 1, 25},
	}
	if len(st.Images) != len(wants) || len(e.files) != len(wants) {
		t.Fatalf("%d images, %d files; want %d", len(st.Images), len(e.files), len(wants))
	}
	wantT0 := time.Date(2026, 3, 12, 9, 41, 12, 0, time.Local)
	if !st.T0.Equal(wantT0) {
		t.Errorf("T0 = %v, want %v", st.T0, wantT0)
	}
	uids := map[string]bool{st.StudyInstanceUID: true}
	var last time.Time
	for k, w := range wants {
		im := st.Images[k]
		got := want{im.Path, im.Role, im.Modality, im.SOPClassUID, im.SeriesNumber, im.InstanceNumber, im.Frames, im.MinutesFromT0}
		if got != w {
			t.Errorf("image %d = %+v, want %+v", k, got, w)
		}
		if !im.Acquired.Equal(st.T0.Add(minutes(w.minutes))) {
			t.Errorf("%s acquired %v, want T0%+gmin", im.Path, im.Acquired, w.minutes)
		}
		if !im.Acquired.After(last) {
			t.Errorf("%s is not in acquisition order", im.Path)
		}
		last = im.Acquired
		if uids[im.SOPInstanceUID] {
			t.Errorf("%s: SOP Instance UID %s is not unique", im.Path, im.SOPInstanceUID)
		}
		uids[im.SOPInstanceUID] = true
		for _, u := range []string{im.SOPInstanceUID, im.SeriesInstanceUID} {
			if !strings.HasPrefix(u, "2.25.") || len(u) > 64 {
				t.Errorf("%s: UID %q is not a 2.25 UID of at most 64 characters", im.Path, u)
			}
		}
	}
}

func TestHeaders(t *testing.T) {
	e := demo(t)
	for k, im := range e.study.Images {
		ds := parse(t, im.Path, e.files[k])
		check := func(tg tag.Tag, want string) {
			t.Helper()
			if got := str(ds, tg); got != want {
				t.Errorf("%s: %s = %q, want %q", im.Path, tag.DebugString(tg), got, want)
			}
		}
		check(tag.SOPClassUID, im.SOPClassUID)
		check(tag.MediaStorageSOPClassUID, im.SOPClassUID)
		check(tag.SOPInstanceUID, im.SOPInstanceUID)
		check(tag.MediaStorageSOPInstanceUID, im.SOPInstanceUID)
		check(tag.TransferSyntaxUID, "1.2.840.10008.1.2.1")
		check(tag.StudyInstanceUID, e.study.StudyInstanceUID)
		check(tag.SeriesInstanceUID, im.SeriesInstanceUID)
		check(tag.Modality, im.Modality)
		check(tag.SpecificCharacterSet, "ISO_IR 192")
		check(tag.PatientName, "Müller-Łukasiewicz^Zoë")
		check(tag.PatientSex, "F")
		check(tag.StudyDescription, "Hysterosalpingography")
		check(tag.BodyPartExamined, "PELVIS")
		check(tag.PatientOrientation, `L\F`)
		check(tag.BitsAllocated, "16")
		check(tag.BitsStored, "12")
		check(tag.AcquisitionDate, da(im.Acquired))
		check(tag.AcquisitionTime, tm(im.Acquired))
		check(tag.ContentDate, da(im.Acquired))
		check(tag.ContentTime, tm(im.Acquired))
		if str(ds, tag.ImageAndFluoroscopyAreaDoseProduct) == "" {
			t.Errorf("%s: no Image and Fluoroscopy Area Dose Product", im.Path)
		}
		if im.Role == RoleScout {
			check(tag.ContrastBolusStartTime, "")
			check(tag.ContrastBolusAgent, "")
		} else {
			check(tag.ContrastBolusStartTime, tm(e.study.T0))
			check(tag.ContrastBolusAgent, "Iopamidol 300")
			check(tag.ContrastBolusRoute, "Intrauterine")
		}
		switch im.Modality {
		case "RF":
			check(tag.PhotometricInterpretation, "MONOCHROME2")
			check(tag.EstimatedRadiographicMagnificationFactor, "1.25")
			check(tag.DistanceSourceToDetector, "1150")
			check(tag.StationName, "RF-ROOM-2")
		case "DX":
			check(tag.PhotometricInterpretation, "MONOCHROME1")
			check(tag.PresentationLUTShape, "INVERSE")
			check(tag.PresentationIntentType, "FOR PRESENTATION")
			check(tag.PixelSpacing, `0.2\0.2`)
			check(tag.StationName, "DX-ROOM-1")
		}
		switch im.Role {
		case RoleCine:
			check(tag.NumberOfFrames, "30")
			check(tag.FrameIncrementPointer, `24\4195`) // (0018,1063)
			check(tag.FrameTime, "66.67")
			check(tag.RepresentativeFrameNumber, "20")
			check(tag.ImagerPixelSpacing, `0.6\0.6`)
		case RoleScout, RoleEarlyFilling, RoleFullDistension, RoleTubalFilling, RoleSpill:
			check(tag.NumberOfFrames, "")
			check(tag.ImagerPixelSpacing, `0.3\0.3`)
		}
		hasDT := str(ds, tag.AcquisitionDateTime) != ""
		if wantDT := im.SeriesNumber == 2 || im.Role == RoleDelayed; hasDT != wantDT {
			t.Errorf("%s: Acquisition DateTime present = %v, want %v", im.Path, hasDT, wantDT)
		}
		if hasDT {
			check(tag.AcquisitionDateTime, dt(im.Acquired))
		}
		pd, err := ds.FindElementByTag(tag.PixelData)
		if err != nil {
			t.Fatalf("%s: no pixel data", im.Path)
		}
		info := dicom.MustGetPixelDataInfo(pd.Value)
		if n := len(info.Frames); n != im.Frames {
			t.Errorf("%s: %d frames parsed, want %d", im.Path, n, im.Frames)
		}
		for _, f := range info.Frames {
			nf, err := f.GetNativeFrame()
			if err != nil {
				t.Fatalf("%s: %v", im.Path, err)
			}
			for _, v := range nf.RawDataSlice().([]uint16) {
				if v > maxStored {
					t.Fatalf("%s: stored value %d above 12 bits", im.Path, v)
				}
			}
		}
	}
}

func TestMidnightCross(t *testing.T) {
	st, files, err := Encode(Options{MidnightCross: true, CineFrames: 4, Rows: 256, Cols: 256})
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Images[0].Acquired.Format("15:04:05"); got != "23:50:00" {
		t.Errorf("scout at %s, want 23:50:00", got)
	}
	day := st.Images[0].Acquired.Format("20060102")
	for k, im := range st.Images {
		ds := parse(t, im.Path, files[k])
		if got := str(ds, tag.StudyDate); got != day {
			t.Errorf("%s: Study Date %s, want %s", im.Path, got, day)
		}
		wantDay := day
		if im.Role == RoleDelayed {
			wantDay = st.Images[0].Acquired.AddDate(0, 0, 1).Format("20060102")
		}
		if got := str(ds, tag.AcquisitionDate); got != wantDay {
			t.Errorf("%s: Acquisition Date %s, want %s", im.Path, got, wantDay)
		}
	}
	d := st.Images[len(st.Images)-1]
	if got := d.Acquired.Sub(st.T0); got != 25*time.Minute {
		t.Errorf("delayed film %v after T0, want 25m", got)
	}
}

func TestOptions(t *testing.T) {
	bad := []Options{
		{DelayedMinutes: 5}, {DelayedMinutes: 91}, {Rows: 100}, {Cols: 4096}, {CineFrames: 1}, {CineFrames: 1000},
		{Start: time.Date(20000, 1, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, o := range bad {
		if _, _, err := Encode(o); err == nil || !strings.HasPrefix(err.Error(), "synth: ") {
			t.Errorf("Encode(%+v) error = %v, want a synth: error", o, err)
		}
	}
	st, files, err := Encode(Options{DelayedMinutes: 20, Rows: 384, Cols: 512, CineFrames: 3,
		Start: time.Date(2025, 12, 31, 14, 2, 3, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	ds := parse(t, "spot", files[1])
	if got := str(ds, tag.Rows) + "x" + str(ds, tag.Columns); got != "384x512" {
		t.Errorf("spot matrix %s, want 384x512", got)
	}
	if got := str(ds, tag.ImagerPixelSpacing); got != `0.6\0.6` {
		t.Errorf("Imager Pixel Spacing %s for 512 columns, want 0.6", got)
	}
	if got := st.Images[len(st.Images)-1].Acquired; !got.Equal(time.Date(2025, 12, 31, 14, 25, 3, 0, time.UTC)) {
		t.Errorf("delayed film at %v, want 14:25:03", got)
	}
	if got := str(parse(t, "delayed", files[len(files)-1]), tag.SeriesDescription); got != "Delayed 20 min" {
		t.Errorf("delayed Series Description %q", got)
	}
}

func TestGenerate(t *testing.T) {
	dir := t.TempDir()
	st, err := Generate(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := demo(t)
	for k, im := range st.Images {
		if rel, err := filepath.Rel(dir, im.Path); err != nil || filepath.ToSlash(rel) != want.study.Images[k].Path {
			t.Errorf("path %s, want %s under %s", im.Path, want.study.Images[k].Path, dir)
		}
		b, err := os.ReadFile(im.Path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, want.files[k]) {
			t.Errorf("%s differs from Encode's bytes", im.Path)
		}
	}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		want := fs.FileMode(0o600)
		if d.IsDir() {
			want = 0o700 | fs.ModeDir
		}
		if info.Mode() != want {
			t.Errorf("%s has mode %v, want %v", p, info.Mode(), want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Writing into a file that is in the way fails with a one-line error
	// naming the path.
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = Generate(blocker, Options{})
	if err == nil || !strings.HasPrefix(err.Error(), "synth: ") || !strings.Contains(err.Error(), blocker) ||
		strings.Contains(err.Error(), "\n") || strings.Count(err.Error(), blocker) != 1 {
		t.Errorf("Generate into a file: %v", err)
	}
}
