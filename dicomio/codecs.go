package dicomio

// Every decoder registers itself with the codec registry; the cgo ones
// (JPEG-LS via CharLS, JPEG 2000 via OpenJPEG) only in cgo builds.
import _ "hsgview/dicomio/codec/all"
