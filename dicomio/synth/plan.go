package synth

import (
	"crypto/sha1"
	"fmt"
	"math/big"
	"time"
)

// SOP classes written.
const (
	sopRF = "1.2.840.10008.5.1.4.1.1.12.2" // X-Ray Radiofluoroscopic Image Storage
	sopDX = "1.2.840.10008.5.1.4.1.1.1.1"  // Digital X-Ray Image Storage - For Presentation
)

// Fixed identity of the phantom patient and study.
const (
	patientName      = "Müller-Łukasiewicz^Zoë"
	patientID        = "HSG-PH-000417"
	patientBirthDate = "19910718"
	patientSex       = "F"
	accessionNumber  = "A26031247"
	studyID          = "HSG0417"
	referringName    = "Nowak^Agnieszka^^Dr."
)

// Timing of the fluoroscopy (minutes after T0).
const (
	scoutLeadMin  = 3.0 // scout before contrast
	cineStartMin  = 110.0 / 60
	cineFrameTime = 66.67 // ms (15 frames/s, as DS with two decimals)
)

// series is one series of the study.
type series struct {
	number   int
	dir      string
	desc     string
	modality string
	sopClass string
	uid      string
}

// shot is one image (single- or multi-frame) of the plan.
type shot struct {
	series   *series
	instance int
	role     string
	minutes  float64 // start of acquisition after T0
	frames   int
	uid      string
	event    string // Irradiation Event UID
}

// plan is the study laid out in time: what is taken when, with its UIDs.
type plan struct {
	opt    Options
	t0     time.Time
	study  string
	series []*series
	shots  []shot
}

func newPlan(o Options) *plan {
	p := &plan{
		opt:   o,
		t0:    o.Start.Add(minutes(scoutLeadMin)),
		study: makeUID(o.Seed, "study"),
	}
	add := func(dir, desc, modality, sop string) *series {
		s := &series{number: len(p.series) + 1, dir: dir, desc: desc, modality: modality, sopClass: sop}
		s.uid = makeUID(o.Seed, "series/"+dir)
		p.series = append(p.series, s)
		return s
	}
	scout := add("S01_scout", "HSG scout", "RF", sopRF)
	spot := add("S02_spot", "HSG spot", "RF", sopRF)
	cine := add("S03_fluoro", "HSG fluoro run", "RF", sopRF)
	delayed := add("S04_delayed", fmt.Sprintf("Delayed %s min", trimFloat(o.DelayedMinutes, 1)), "DX", sopDX)
	p.shots = []shot{
		{series: scout, instance: 1, role: RoleScout, minutes: -scoutLeadMin, frames: 1},
		{series: spot, instance: 1, role: RoleEarlyFilling, minutes: 0.5, frames: 1},
		{series: spot, instance: 2, role: RoleFullDistension, minutes: 1.25, frames: 1},
		{series: cine, instance: 1, role: RoleCine, minutes: cineStartMin, frames: o.CineFrames},
		{series: spot, instance: 3, role: RoleTubalFilling, minutes: 2.5, frames: 1},
		{series: spot, instance: 4, role: RoleSpill, minutes: 4, frames: 1},
		{series: delayed, instance: 1, role: RoleDelayed, minutes: o.DelayedMinutes, frames: 1},
	}
	for k := range p.shots {
		s := &p.shots[k]
		s.uid = makeUID(o.Seed, fmt.Sprintf("image/%s/%d", s.series.dir, s.instance))
		s.event = makeUID(o.Seed, fmt.Sprintf("event/%s/%d", s.series.dir, s.instance))
	}
	return p
}

// at returns the acquisition start of shot k.
func (p *plan) at(k int) time.Time { return p.t0.Add(minutes(p.shots[k].minutes)) }

// seriesStart returns the acquisition start of the first image of s.
func (p *plan) seriesStart(s *series) time.Time {
	for k, sh := range p.shots {
		if sh.series == s {
			return p.at(k)
		}
	}
	return p.opt.Start
}

// patientName returns the patient's name: the option's, else the phantom's.
func (p *plan) patientName() string {
	if p.opt.PatientName != "" {
		return p.opt.PatientName
	}
	return patientName
}

// patientID returns the patient ID: the option's, else the phantom's.
func (p *plan) patientID() string {
	if p.opt.PatientID != "" {
		return p.opt.PatientID
	}
	return patientID
}

// manifest returns the Study for the plan, paths relative.
func (p *plan) manifest() *Study {
	st := &Study{
		StudyInstanceUID: p.study,
		AccessionNumber:  accessionNumber,
		PatientID:        p.patientID(),
		PatientName:      p.patientName(),
		PatientBirthDate: patientBirthDate,
		PatientSex:       patientSex,
		T0:               p.t0,
	}
	for k, s := range p.shots {
		st.Images = append(st.Images, Image{
			Path:              relPath(s.series, s.instance),
			SOPInstanceUID:    s.uid,
			SeriesInstanceUID: s.series.uid,
			SOPClassUID:       s.series.sopClass,
			SeriesNumber:      s.series.number,
			InstanceNumber:    s.instance,
			Frames:            s.frames,
			Modality:          s.series.modality,
			Acquired:          p.at(k),
			Role:              s.role,
			MinutesFromT0:     s.minutes,
		})
	}
	return st
}

// uidNamespace is the name-space UUID of hsgview phantom UIDs (random, fixed).
var uidNamespace = [16]byte{0x6f, 0x1c, 0x2b, 0x7e, 0x93, 0x55, 0x4a, 0x0d, 0xa1, 0x3e, 0x7c, 0x58, 0xe2, 0x09, 0xb4, 0x61}

// makeUID derives a UID under the 2.25 root (ISO/IEC 9834-8) from a
// name-based (SHA-1, version 5) UUID of the seed and a label, so every run
// with the same seed gives the same UIDs.
func makeUID(seed uint64, label string) string {
	h := sha1.New()
	h.Write(uidNamespace[:])
	fmt.Fprintf(h, "hsgview-phantom/%d/%s", seed, label)
	b := h.Sum(nil)[:16]
	b[6] = b[6]&0x0f | 0x50
	b[8] = b[8]&0x3f | 0x80
	return "2.25." + new(big.Int).SetBytes(b).String()
}

// implementationUID identifies the writer in the file meta information.
var implementationUID = makeUID(0, "implementation")

func minutes(m float64) time.Duration { return time.Duration(m * float64(time.Minute)) }
