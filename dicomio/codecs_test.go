package dicomio

// The tests read every transfer syntax of the corpus, so they link every
// decoder, as the binaries do (package dicomio itself links none: a
// program chooses its decoders by importing codec/all or single codecs).
import _ "github.com/hsgview/hsgview/dicomio/codec/all"
