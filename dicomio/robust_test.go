package dicomio

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/hsgview/hsgview/internal/testutil"
)

// TestEdgeCases opens every malformed or unusual file of the corpus: each
// either loads (and its frames decode or fail with an error) or gives an
// error naming the reason; nothing panics and no read allocates more than
// the file justifies.
func TestEdgeCases(t *testing.T) {
	dir := filepath.Join(testutil.SharedDir(t), "edge_cases")
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	// The reason named for files whose defect is known.
	reasons := map[string]string{
		"MR_truncated.dcm":          "pixel data too short: 8130 bytes present, one 64×64 frame of 16-bit samples needs 8192",
		"oob_monochrome_65535.dcm":  "pixel data too short",
		"rtplan_truncated.dcm":      "declares 976 bytes but only 711 remain",
		"meta_missing_tsyntax.dcm":  "file meta has no transfer syntax",
		"DX_pixeldata_stripped.dcm": "image object without Pixel Data",
		"bulkdata_3gb_truncated":    "pixel data too short",
		"oob_monochrome_46341.dcm":  "pixel data too short",
		"CT_small_no_meta.dcm":      "not a DICOM file",
		"no_preamble_dicm_in_data":  "no SOP Instance UID",
	}
	for _, e := range ents {
		path := filepath.Join(dir, e.Name())
		t.Run(e.Name(), func(t *testing.T) {
			st, _ := os.Stat(path)
			before := totalAlloc()
			in, err := OpenFile(path)
			headerAlloc := totalAlloc() - before
			if limit := uint64(8<<20) + 4*uint64(st.Size()); headerAlloc > limit {
				t.Errorf("reading the header allocated %d bytes for a %d-byte file", headerAlloc, st.Size())
			}
			if err != nil {
				msg := err.Error()
				if !strings.Contains(msg, e.Name()) || strings.Contains(msg, "\n") {
					t.Errorf("error must be one line naming the file: %q", msg)
				}
				if want, ok := reasons[e.Name()]; ok && !strings.Contains(msg, want) {
					t.Errorf("error %q does not give the reason %q", msg, want)
				}
				t.Logf("error: %v", err)
				return
			}
			if _, ok := reasons[e.Name()]; ok {
				t.Errorf("loaded, but it is defective")
			}
			t.Logf("loaded: pixels=%v decodable=%v %s warnings=%v", in.HasPixels, in.Decodable, in.Problem, in.Warnings)
			if !in.HasPixels {
				return
			}
			for _, fi := range []int{0, in.Pixel.Frames - 1} {
				before := totalAlloc()
				f, err := in.Frame(fi)
				alloc := totalAlloc() - before
				var frameBytes uint64
				if n, ferr := in.codecInfo().FrameBytes(); ferr == nil {
					frameBytes = uint64(n)
				}
				if limit := 3*frameBytes + 8<<20 + 2*uint64(st.Size()); alloc > limit {
					t.Errorf("frame %d allocated %d bytes (frame %d, file %d)", fi+1, alloc, frameBytes, st.Size())
				}
				if err == nil {
					pl := in.Pipeline(fi)
					pl.Render(f, pl.DefaultVOI(f))
				}
			}
		})
	}
}

func totalAlloc() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}

// TestDICOMDIRVariants follows the DICOMDIRs of the pydicom set, whatever
// their encoding or record order, to the same files.
func TestDICOMDIRVariants(t *testing.T) {
	dir := filepath.Join(testutil.SharedDir(t), "dicomdir", "pydicom_3patients")
	want := referencedSOPs(t, filepath.Join(dir, "DICOMDIR"))
	if len(want) < 10 {
		t.Fatalf("DICOMDIR gave only %d instances", len(want))
	}
	for _, v := range []string{"DICOMDIR-bigEnd", "DICOMDIR-implicit", "DICOMDIR-reordered", "DICOMDIR-nopatient", "DICOMDIR-nooffset"} {
		t.Run(v, func(t *testing.T) {
			// Each variant is a DICOMDIR of the same folder under another
			// name. The folders are copied: a DICOMDIR never follows
			// links out of its own folder.
			tmp := t.TempDir()
			for _, sub := range []string{"77654033", "98892001", "98892003"} {
				if err := os.CopyFS(filepath.Join(tmp, sub), os.DirFS(filepath.Join(dir, sub))); err != nil {
					t.Fatal(err)
				}
			}
			b, err := os.ReadFile(filepath.Join(dir, v))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(tmp, "DICOMDIR"), b, 0o600)
			got := referencedSOPs(t, filepath.Join(tmp, "DICOMDIR"))
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("%s found %d instances, DICOMDIR %d", v, len(got), len(want))
			}
		})
	}
	c, err := Open([]string{filepath.Join(dir, "DICOMDIR")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	patients := map[string]bool{}
	for _, s := range c.Studies {
		patients[s.Patient.ID] = true
	}
	// Three patient folders, two patients: 98892001 and 98892003 are both
	// Doe^Peter (98890234).
	if len(patients) != 2 || !patients["77654033"] || !patients["98890234"] {
		t.Errorf("patients %v, want 77654033 and 98890234", patients)
	}
}

func referencedSOPs(t *testing.T, path string) []string {
	c, err := Open([]string{path}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var out []string
	for _, s := range c.Studies {
		for _, in := range append(s.Images, s.Documents...) {
			out = append(out, in.SOPInstanceUID)
		}
	}
	sort.Strings(out)
	return out
}

// TestCharsets decodes Clunie's Specific Character Set test names,
// including ISO 2022 escapes (Japanese, Korean, Chinese).
func TestCharsets(t *testing.T) {
	c, err := Open([]string{filepath.Join(testutil.SharedDir(t), "dicomdir", "clunie_charset", "DICOMDIR")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range c.Studies {
		got[s.Patient.ID] = s.Patient.Name
	}
	want := map[string]string{
		"H31EXAMPLE": "Yamada^Tarou=山田^太郎=やまだ^たろう",
		"H32EXAMPLE": "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう",
		"I2EXAMPLE":  "Hong^Gildong=洪^吉洞=홍^길동",
		"X1EXAMPLE":  "Wang^XiaoDong=王^小東=",
		"X2EXAMPLE":  "Wang^XiaoDong=王^小东=",
		"SCSGREEK":   "Διονυσιος",
		"SCSFREN":    "Buc^Jérôme",
		"SCSGERM":    "Äneas^Rüdiger",
		"SCSARAB":    "قباني^لنزار",
		"SCSRUSS":    "Люкceмбypг",
		"SCSHBRW":    "שרון^דבורה",
	}
	for id, name := range want {
		if got[id] != name {
			t.Errorf("%s: %q, want %q", id, got[id], name)
		}
	}
}

// TestZip opens studies from a zip archive, stored and deflated entries,
// and reads pixels from both.
func TestZip(t *testing.T) {
	src := []string{testutil.File(t, "xa_rf/RF_siemens_8bit_modlut.dcm"), testutil.File(t, "cine/US_mono2_8f_explicit.dcm")}
	zp := filepath.Join(t.TempDir(), "study.zip")
	f, _ := os.Create(zp)
	zw := zip.NewWriter(f)
	for i, p := range src {
		method := zip.Store
		if i == 1 {
			method = zip.Deflate
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: "CD/IMG" + string(rune('A'+i)), Method: method})
		if err != nil {
			t.Fatal(err)
		}
		r, _ := os.Open(p)
		io.Copy(w, r)
		r.Close()
	}
	zw.Close()
	f.Close()
	c, err := Open([]string{zp}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	n := 0
	for _, s := range c.Studies {
		for _, in := range s.Images {
			n++
			direct, err := OpenFile(src[strings.IndexByte("AB", in.Path[len(in.Path)-1])])
			if err != nil {
				t.Fatal(err)
			}
			a, err := in.Frame(in.Pixel.Frames - 1)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := direct.Frame(direct.Pixel.Frames - 1)
			if string(a.Data) != string(b.Data) {
				t.Errorf("%s: pixels differ from the file", in.Path)
			}
		}
	}
	if n != 2 || len(c.Errors) != 0 {
		t.Errorf("%d images, errors %v", n, c.Errors)
	}
}

// TestNotDICOMReasons: the one-line error says what is wrong — no DICOM
// at all, or a DICM prefix followed by unreadable meta information.
func TestNotDICOMReasons(t *testing.T) {
	garbage := bytes.Repeat([]byte{0xA7, 0x3C, 0x91, 0x5E}, 64)
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"text.dcm", []byte("hello, this is not an image\n"), "not a DICOM file (no DICM prefix"},
		{"prefix.dcm", append(append(make([]byte, 128), "DICM"...), garbage...), "DICM prefix present but the file meta information is unreadable"},
	}
	for _, c := range cases {
		_, err := OpenBytes(c.name, c.data)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Count(err.Error(), "invalid DICOM") > 1 {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}
