package dcmtest

import (
	"bytes"
	"strings"
	"testing"

	"hsgview/dicomio/codec"
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
