package charset

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// charset decodes text values by Specific Character Set (0008,0005),
// PS3.5 §6.1 and PS3.3 C.12.1.1.2, including ISO 2022 code extensions:
// escape sequences switch the G0 (bytes < 0x80) and G1 (bytes ≥ 0x80)
// character sets, and person-name delimiters reset them.
type Charset struct {
	// whole is set for character sets without code extensions.
	whole encoding.Encoding
	utf8  bool
	// initial G0 and G1 sets for ISO 2022.
	g0, g1  gset
	iso2022 bool
}

// gset is one graphic character set reachable by ISO 2022 escapes.
type gset int

const (
	gNone     gset = iota
	gASCII         // ISO-IR 6
	gRomaji        // JIS X 0201 Romaji, ISO-IR 14
	gKatakana      // JIS X 0201 Katakana, ISO-IR 13 (G1)
	gJIS0208       // ISO-IR 87
	gJIS0212       // ISO-IR 159
	gKSX1001       // ISO-IR 149 (G1)
	gGB2312        // ISO-IR 58 (G1)
	gLatin1
	gLatin2
	gLatin3
	gLatin4
	gCyrillic
	gArabic
	gGreek
	gHebrew
	gLatin5
	gThai
	gLatin9
)

var g1Charmaps = map[gset]encoding.Encoding{
	gLatin1: charmap.ISO8859_1, gLatin2: charmap.ISO8859_2, gLatin3: charmap.ISO8859_3,
	gLatin4: charmap.ISO8859_4, gCyrillic: charmap.ISO8859_5, gArabic: charmap.ISO8859_6,
	gGreek: charmap.ISO8859_7, gHebrew: charmap.ISO8859_8, gLatin5: charmap.ISO8859_9,
	gThai: charmap.Windows874, gLatin9: charmap.ISO8859_15,
}

// Defined terms: the single-byte sets without and with code extensions.
var termSets = map[string]gset{
	"ISO_IR 100": gLatin1, "ISO_IR 101": gLatin2, "ISO_IR 109": gLatin3, "ISO_IR 110": gLatin4,
	"ISO_IR 144": gCyrillic, "ISO_IR 127": gArabic, "ISO_IR 126": gGreek, "ISO_IR 138": gHebrew,
	"ISO_IR 148": gLatin5, "ISO_IR 166": gThai, "ISO_IR 203": gLatin9,
}

// parseCharset builds a decoder from the values of Specific Character Set.
func ParseCharset(values []string) *Charset {
	if len(values) == 0 {
		return nil
	}
	first := strings.TrimSpace(values[0])
	cs := &Charset{g0: gASCII}
	if len(values) == 1 && !strings.HasPrefix(first, "ISO 2022") {
		switch first {
		case "", "ISO_IR 6":
			return nil
		case "ISO_IR 192":
			cs.utf8 = true
		case "GB18030":
			cs.whole = simplifiedchinese.GB18030
		case "GBK":
			cs.whole = simplifiedchinese.GBK
		case "ISO_IR 13":
			cs.iso2022, cs.g0, cs.g1 = true, gRomaji, gKatakana
		default:
			if g, ok := termSets[first]; ok {
				cs.whole = g1Charmaps[g]
			} else {
				return nil // unknown term: fall back to the lenient default
			}
		}
		return cs
	}
	if first == "ISO_IR 192" {
		cs.utf8 = true
		return cs
	}
	cs.iso2022 = true
	switch strings.TrimPrefix(first, "ISO 2022 ") {
	case "IR 13":
		cs.g0, cs.g1 = gRomaji, gKatakana
	case "IR 149":
		cs.g1 = gKSX1001
	case "IR 58":
		cs.g1 = gGB2312
	case "IR 87":
		cs.g0 = gJIS0208
	default:
		if g, ok := termSets["ISO_IR "+strings.TrimPrefix(first, "ISO 2022 IR ")]; ok {
			cs.g1 = g
		}
	}
	return cs
}

// decode converts a text value to UTF-8. pn selects person-name rules,
// where '^' and '=' return to the initial character sets.
func (cs *Charset) Decode(b []byte, pn bool) string {
	switch {
	case cs == nil:
		if utf8.Valid(b) {
			return string(b)
		}
		return latin1(b)
	case cs.utf8:
		return strings.ToValidUTF8(string(b), "\uFFFD")
	case cs.whole != nil:
		s, err := cs.whole.NewDecoder().Bytes(b)
		if err != nil {
			return latin1(b)
		}
		return string(s)
	}
	return cs.decode2022(b, pn)
}

func (cs *Charset) decode2022(b []byte, pn bool) string {
	var out strings.Builder
	g0, g1 := cs.g0, cs.g1
	run, runSet := []byte(nil), gNone
	flush := func() {
		if len(run) > 0 {
			out.WriteString(decodeRun(runSet, run))
		}
		run, runSet = run[:0], gNone
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == 0x1B {
			flush()
			if g, isG1, n := escape(b[i:]); n > 0 {
				if isG1 {
					g1 = g
				} else {
					g0 = g
				}
				i += n - 1
			}
			continue
		}
		// Delimiters only count where G0 is a single-byte set: in a
		// two-byte JIS set '^' and '=' are halves of characters.
		multi := g0 == gJIS0208 || g0 == gJIS0212
		if !multi && (c == '\r' || c == '\n' || c == '\t' || c == '\f' || (pn && (c == '^' || c == '='))) {
			flush()
			out.WriteByte(c)
			g0, g1 = cs.g0, cs.g1
			continue
		}
		set := g0
		if c >= 0x80 {
			set = g1
		}
		if set != runSet {
			flush()
			runSet = set
		}
		run = append(run, c)
	}
	flush()
	return out.String()
}

// escape recognises an ISO 2022 escape sequence at the start of b and
// returns the designated set, whether it goes to G1, and its length.
func escape(b []byte) (gset, bool, int) {
	seqs := []struct {
		s    string
		g    gset
		isG1 bool
	}{
		{"\x1b(B", gASCII, false}, {"\x1b(J", gRomaji, false}, {"\x1b)I", gKatakana, true},
		{"\x1b$B", gJIS0208, false}, {"\x1b$(D", gJIS0212, false}, {"\x1b$)C", gKSX1001, true},
		{"\x1b$)A", gGB2312, true}, {"\x1b-A", gLatin1, true}, {"\x1b-B", gLatin2, true},
		{"\x1b-C", gLatin3, true}, {"\x1b-D", gLatin4, true}, {"\x1b-L", gCyrillic, true},
		{"\x1b-G", gArabic, true}, {"\x1b-F", gGreek, true}, {"\x1b-H", gHebrew, true},
		{"\x1b-M", gLatin5, true}, {"\x1b-T", gThai, true}, {"\x1b-b", gLatin9, true},
	}
	for _, q := range seqs {
		if len(b) >= len(q.s) && string(b[:len(q.s)]) == q.s {
			return q.g, q.isG1, len(q.s)
		}
	}
	return gNone, false, 0
}

// decodeRun decodes bytes that all belong to one graphic set.
func decodeRun(g gset, b []byte) string {
	var enc encoding.Encoding
	var wrapped []byte
	switch g {
	case gASCII, gNone:
		return DecodeASCII(b)
	case gRomaji:
		s := []rune(string(b))
		for i, r := range s {
			switch r {
			case 0x5C:
				s[i] = '¥'
			case 0x7E:
				s[i] = '‾'
			}
		}
		return string(s)
	case gKatakana:
		var sb strings.Builder
		for _, c := range b {
			if c >= 0xA1 && c <= 0xDF {
				sb.WriteRune(rune(0xFF61 + int(c) - 0xA1))
			} else {
				sb.WriteRune('\uFFFD')
			}
		}
		return sb.String()
	case gJIS0208:
		enc, wrapped = japanese.ISO2022JP, append(append([]byte("\x1b$B"), b...), "\x1b(B"...)
	case gJIS0212:
		enc, wrapped = japanese.ISO2022JP, append(append([]byte("\x1b$(D"), b...), "\x1b(B"...)
	case gKSX1001:
		enc, wrapped = korean.EUCKR, b
	case gGB2312:
		enc, wrapped = simplifiedchinese.GBK, b
	default:
		enc, wrapped = g1Charmaps[g], b
	}
	if enc == nil {
		return latin1(b)
	}
	s, err := enc.NewDecoder().Bytes(wrapped)
	if err != nil {
		return strings.Repeat("\uFFFD", len(b))
	}
	return string(s)
}

// decodeASCII returns b as a string, replacing bytes that are not valid
// UTF-8 (default repertoire values are ASCII; stray Latin-1 is common).
func DecodeASCII(b []byte) string {
	for _, c := range b {
		if c >= 0x80 {
			return latin1(b)
		}
	}
	return string(b)
}

func latin1(b []byte) string {
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}
