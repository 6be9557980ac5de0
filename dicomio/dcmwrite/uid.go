package dcmwrite

import (
	"crypto/rand"
	"crypto/sha256"
	"math/big"
	"strconv"
	"strings"
)

// NameUID returns a UID of the 2.25 (UUID) form of PS3.5 B.2 derived from
// name: a version 5 style UUID made from the SHA-256 of name, so equal
// names give equal UIDs and different names different ones.
func NameUID(name string) string {
	sum := sha256.Sum256([]byte(name))
	b := sum[:16]
	b[6] = b[6]&0x0f | 0x50
	b[8] = b[8]&0x3f | 0x80
	return "2.25." + new(big.Int).SetBytes(b).String()
}

// NewUID returns a new random UID in the 2.25 (UUID) form of PS3.5 B.2.
func NewUID() string {
	var b [16]byte
	rand.Read(b[:]) // never fails since Go 1.24
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return "2.25." + new(big.Int).SetBytes(b[:]).String()
}

// ImplementationClassUID identifies hsgview's writer in the file meta
// information.
var ImplementationClassUID = NameUID("hsgview/annotate/implementation")

// ImplementationVersionName is written beside ImplementationClassUID.
const ImplementationVersionName = "HSGVIEW_REPORT1"

// ReportUIDs returns the Series and SOP Instance UIDs of the object of
// kind (for example "pdf", "sr", "kos", "gsps") written from version of
// the report reportID. They depend only on these, so sending a version
// again replaces the object at the PACS instead of adding a copy, and each
// version (each amendment) is a new object in its own series.
//
// draftHash is "" for a signed version. An unsigned draft's content can
// change without a new version, so its UIDs also depend on its content
// hash (and on "draft"): a changed draft is a new object, and a draft
// object never shares UIDs with the signed one.
func ReportUIDs(reportID string, version int, kind, draftHash string) (series, instance string) {
	key := strings.Join([]string{"hsgview/report", reportID, strconv.Itoa(version), kind}, "\x00")
	if draftHash != "" {
		key += "\x00draft\x00" + draftHash
	}
	return NameUID(key + "\x00series"), NameUID(key + "\x00instance")
}
