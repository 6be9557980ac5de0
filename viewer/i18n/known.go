package i18n

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"fyne.io/fyne/v2/lang"
)

// knownPhrases are the fixed English phrases lower layers (dicomio's
// timeline and hanging protocol) hand the interface as text: the notes
// and sources of the HSG timeline, the evidence of a phase, the message
// of an empty pane. Each is a catalogue key; "%s" stands for a part that
// is itself translated when it is a known phrase, and copied as it is
// otherwise (a series description). A phrase that changes below without
// its twin here is shown in English, never lost.
var knownPhrases = []string{
	// dicomio.Study.Hanging
	K("No delayed image identified"), K("Delayed image"),
	// dicomio.Timeline.Note
	K("no image has an acquisition time: phases cannot be determined"),
	K("no delayed image: the last image is at +%s min after contrast"), K("no delayed image"),
	// dicomio.Timeline.T0Source
	K("set by radiologist"), K("first image after scout"), K("first image with contrast in its header"),
	K("first image with contrast in it"), K("first image"),
	// dicomio.Entry.Evidence
	K("acquired before the T0 set by radiologist"), K("acquired before %s"), K("contrast agent in its header"),
	K("its description"), K("series description '%s'"), K("protocol name '%s'"), K("image comments '%s'"),
	K("time from %s"), K("time gap only"), K("contrast in the image"), K("no contrast in the image"),
}

type knownPattern struct {
	key string
	re  *regexp.Regexp // nil for a phrase without parts
}

var (
	knownOnce     sync.Once
	knownExact    map[string]bool
	knownPatterns []knownPattern
)

func compileKnown() {
	knownExact = map[string]bool{}
	for _, k := range knownPhrases {
		if !strings.Contains(k, "%s") {
			knownExact[k] = true
			continue
		}
		parts := strings.Split(k, "%s")
		for i := range parts {
			parts[i] = regexp.QuoteMeta(parts[i])
		}
		knownPatterns = append(knownPatterns, knownPattern{k, regexp.MustCompile("^" + strings.Join(parts, "(.+)") + "$")})
	}
}

// Known says s, a phrase of a lower layer (see knownPhrases), in the
// interface's language; any other text is returned as it is.
func Known(s string) string {
	knownOnce.Do(compileKnown)
	if knownExact[s] {
		return lang.L(s)
	}
	for _, p := range knownPatterns {
		m := p.re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		args := make([]any, len(m)-1)
		for i, part := range m[1:] {
			args[i] = Known(part)
		}
		return fmt.Sprintf(lang.L(p.key), args...)
	}
	return s
}
