package dicomio

import (
	"errors"
	"fmt"
	"time"
)

// TimingOverrides are a radiologist's corrections of a study's timeline:
// the start of contrast (T0) and the phase of single images. They are
// stored in the report draft (annotate/report's "timingOverrides") and
// applied by [CorrectTimeline]. The JSON member names are part of the
// report schema: add, never rename.
type TimingOverrides struct {
	// T0, if not nil, sets the start of contrast.
	T0 *T0Override `json:"t0,omitempty"`
	// Phases set the phase of images, at most one entry per image.
	Phases []PhaseOverride `json:"phases,omitempty"`
	// SetBy and SetAt say who made the last change, and when.
	SetBy string    `json:"setBy,omitempty"`
	SetAt time.Time `json:"setAt,omitzero"`
}

// A T0Override sets T0: "this is the first contrast image" (the
// acquisition time of SOPInstanceUID, or of its Frame), or an explicit
// Time. Time, when set, wins.
type T0Override struct {
	SOPInstanceUID string `json:"sopInstanceUid,omitempty"`
	// Frame is a 1-based frame number of a multi-frame image: T0 is
	// that frame's start (Frame Time / Frame Time Vector); 0 or absent,
	// or frame times unknown, for the start of the image.
	Frame int `json:"frame,omitempty"`
	// Time is an explicit start of contrast, with its UTC offset.
	Time *time.Time `json:"time,omitempty"`
}

// A PhaseOverride sets the phase of one image: scout, immediate, delayed
// or other.
type PhaseOverride struct {
	SOPInstanceUID string `json:"sopInstanceUid"`
	Phase          Phase  `json:"phase"`
}

// IsZero reports whether o corrects nothing.
func (o *TimingOverrides) IsZero() bool {
	return o == nil || o.T0 == nil && len(o.Phases) == 0
}

// SetPhase records that the image sopUID is of phase p (replacing an
// earlier choice for it), by whom and when.
func (o *TimingOverrides) SetPhase(sopUID string, p Phase, by string, at time.Time) error {
	if !overridablePhase(p) {
		return fmt.Errorf("dicomio: timing override: %q is not a phase to set (scout, immediate, delayed or other)", p)
	}
	for i := range o.Phases {
		if o.Phases[i].SOPInstanceUID == sopUID {
			o.Phases[i].Phase = p
			o.SetBy, o.SetAt = by, at
			return nil
		}
	}
	o.Phases = append(o.Phases, PhaseOverride{SOPInstanceUID: sopUID, Phase: p})
	o.SetBy, o.SetAt = by, at
	return nil
}

// ClearPhase removes the radiologist's phase of the image sopUID.
func (o *TimingOverrides) ClearPhase(sopUID string) {
	out := o.Phases[:0]
	for _, p := range o.Phases {
		if p.SOPInstanceUID != sopUID {
			out = append(out, p)
		}
	}
	o.Phases = out
}

// SetFirstContrastImage sets T0 at the acquisition of the image sopUID
// (frame: 1-based, 0 for the image's start).
func (o *TimingOverrides) SetFirstContrastImage(sopUID string, frame int, by string, at time.Time) {
	o.T0 = &T0Override{SOPInstanceUID: sopUID, Frame: frame}
	o.SetBy, o.SetAt = by, at
}

// ClearT0 removes the radiologist's T0: the automatic one applies again.
func (o *TimingOverrides) ClearT0() { o.T0 = nil }

// SetT0Time sets T0 to an explicit time.
func (o *TimingOverrides) SetT0Time(t0 time.Time, by string, at time.Time) {
	o.T0 = &T0Override{Time: &t0}
	o.SetBy, o.SetAt = by, at
}

func overridablePhase(p Phase) bool {
	switch p {
	case PhaseScout, PhaseImmediate, PhaseDelayed, PhaseOther:
		return true
	}
	return false
}

// CorrectTimeline returns base's images classified again with the
// radiologist's overrides o: T0 as set (minutes from T0 recomputed for
// every image), the phases as set (those entries carry "set by
// radiologist" as evidence and reason, with high confidence), and the
// delayed image re-chosen, preferring one the radiologist marked delayed.
// It is the one timeline the hanging protocol ([Study.HangingFor]), the
// overlays and the report use once overrides exist. An override that
// names an image not on the timeline, a frame the image lacks or an
// unknown phase is skipped and reported in the error; the timeline
// returned is never nil when base is not nil. A nil or empty o gives a
// copy of base's classification.
func CorrectTimeline(base *Timeline, o *TimingOverrides) (*Timeline, error) {
	if base == nil {
		return nil, errors.New("dicomio: timing override: no timeline")
	}
	images := make([]*Instance, len(base.Entries))
	bySOP := map[string]*Instance{}
	for i, e := range base.Entries {
		images[i] = e.Instance
		bySOP[e.Instance.SOPInstanceUID] = e.Instance
	}
	if o.IsZero() {
		return buildTimeline(images, base.opt, nil), nil
	}
	f := &forced{phases: map[*Instance]Phase{}}
	var errs []error
	if t := o.T0; t != nil {
		switch {
		case t.Time != nil && !t.Time.IsZero():
			f.t0, f.hasT0 = *t.Time, true
		case t.SOPInstanceUID != "":
			in := bySOP[t.SOPInstanceUID]
			switch {
			case in == nil:
				errs = append(errs, fmt.Errorf("dicomio: timing override: the first contrast image %s is not in this study", t.SOPInstanceUID))
			case in.TimeSource == TimeNone:
				errs = append(errs, fmt.Errorf("dicomio: timing override: the first contrast image %s has no acquisition time", t.SOPInstanceUID))
			case t.Frame < 0 || t.Frame > max(in.Pixel.Frames, 1):
				errs = append(errs, fmt.Errorf("dicomio: timing override: image %s has no frame %d", t.SOPInstanceUID, t.Frame))
			default:
				f.t0, f.hasT0, f.t0Image = in.Acquired, true, in
				if t.Frame > 1 && t.Frame <= len(in.Cine.FrameTimes) {
					f.t0 = in.Acquired.Add(in.Cine.FrameTimes[t.Frame-1])
				}
			}
		default:
			errs = append(errs, errors.New("dicomio: timing override: T0 names neither an image nor a time"))
		}
	}
	for _, p := range o.Phases {
		in := bySOP[p.SOPInstanceUID]
		switch {
		case in == nil:
			errs = append(errs, fmt.Errorf("dicomio: timing override: image %s is not in this study", p.SOPInstanceUID))
		case !overridablePhase(p.Phase):
			errs = append(errs, fmt.Errorf("dicomio: timing override: %q is not a phase to set (scout, immediate, delayed or other)", p.Phase))
		default:
			f.phases[in] = p.Phase
		}
	}
	tl := buildTimeline(images, base.opt, f)
	tl.Overrides = o
	return tl, errors.Join(errs...)
}

// CorrectedTimeline is [CorrectTimeline] of s's timeline.
func (s *Study) CorrectedTimeline(o *TimingOverrides) (*Timeline, error) {
	if s == nil || s.Timeline == nil {
		return nil, errors.New("dicomio: timing override: the study has no timeline")
	}
	return CorrectTimeline(s.Timeline, o)
}
