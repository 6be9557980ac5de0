package dcmtest

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/hsgview/hsgview/dicomio/codec"
)

// CheckDecode is the property every decoder's fuzz target checks: decoding
// src into a zeroed and into a 0xFF-filled destination gives the same
// error or the same bytes (so a success writes every byte and is
// deterministic), and errors carry the package prefix (e.g. "jpegll: ";
// empty to skip that check). Frames over 4 MiB are skipped to keep the
// fuzzer fast.
func CheckDecode(t *testing.T, decode codec.DecoderFunc, src []byte, info codec.Info, prefix string) {
	n, err := info.FrameBytes()
	if err != nil || n > 4<<20 {
		return
	}
	a, b := make([]byte, n), bytes.Repeat([]byte{0xFF}, n)
	_, errA := decode(a, src, info)
	_, errB := decode(b, src, info)
	if (errA == nil) != (errB == nil) {
		t.Fatalf("errors differ: %v / %v", errA, errB)
	}
	if errA == nil && !bytes.Equal(a, b) {
		t.Fatal("successful decode left bytes of dst unwritten or is not deterministic")
	}
	if errA != nil && prefix != "" && !strings.HasPrefix(errA.Error(), prefix) {
		t.Fatalf("error without package prefix %q: %v", prefix, errA)
	}
}

// A Corruption is one damaged or mismatched input a decoder must refuse:
// name, source, frame description, text the error must contain, and
// whether it must wrap codec.ErrCorrupt. It is an alias of an unnamed
// struct so that case tables can stay positional.
type Corruption = struct {
	Name    string
	Src     []byte
	Info    codec.Info
	Want    string
	Corrupt bool
}

// CheckCorrupt decodes each case through the registry and checks that it
// fails with an error carrying prefix (e.g. "jpegll: ") and Want, wrapping
// codec.ErrCorrupt exactly when Corrupt says so.
func CheckCorrupt(t *testing.T, prefix string, cases []Corruption) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			n, _ := tc.Info.FrameBytes()
			_, err := codec.Decode(make([]byte, n), tc.Src, tc.Info)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.HasPrefix(err.Error(), prefix) || !strings.Contains(err.Error(), tc.Want) {
				t.Errorf("error %q, want it to contain %q", err, tc.Want)
			}
			if errors.Is(err, codec.ErrCorrupt) != tc.Corrupt {
				t.Errorf("errors.Is(%q, ErrCorrupt) = %v, want %v", err, !tc.Corrupt, tc.Corrupt)
			}
		})
	}
}
