package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/codec"
	"github.com/hsgview/hsgview/dicomio/dicomtext"
)

// The JSON shapes of `hsgview info --json`. Field names are a contract
// (checked by other tools); fields may be added, never renamed.
type (
	infoJSON struct {
		Studies []studyJSON `json:"studies"`
		Errors  []errorJSON `json:"errors"`
	}
	studyJSON struct {
		StudyInstanceUID string          `json:"studyInstanceUid"`
		Patient          dicomio.Patient `json:"patient"`
		AccessionNumber  string          `json:"accessionNumber"`
		Description      string          `json:"studyDescription"`
		T0               *string         `json:"t0"`
		T0Source         string          `json:"t0Source,omitempty"`
		T0Confidence     string          `json:"t0Confidence,omitempty"`
		ContrastType     string          `json:"contrastType"`
		Images           []imageJSON     `json:"images"`
		Delayed          *delayedJSON    `json:"delayed"`
		DelayedNote      string          `json:"delayedNote,omitempty"`
		Documents        []documentJSON  `json:"documents,omitempty"`
		Series           []seriesJSON    `json:"series"`
		Contrast         *contrastJSON   `json:"contrast,omitempty"`
		DoseHeader       *doseHeaderJSON `json:"doseFromImageHeaders,omitempty"`
	}
	imageJSON struct {
		SOPInstanceUID    string   `json:"sopInstanceUid"`
		SOPClassUID       string   `json:"sopClassUid"`
		SeriesInstanceUID string   `json:"seriesInstanceUid"`
		SeriesNumber      int      `json:"seriesNumber"`
		SeriesDescription string   `json:"seriesDescription"`
		InstanceNumber    int      `json:"instanceNumber"`
		File              string   `json:"file"`
		Modality          string   `json:"modality"`
		Frames            int      `json:"frames"`
		Rows              int      `json:"rows"`
		Columns           int      `json:"columns"`
		Photometric       string   `json:"photometric"`
		BitsStored        int      `json:"bitsStored"`
		TransferSyntax    string   `json:"transferSyntax"`
		TransferSyntaxNm  string   `json:"transferSyntaxName"`
		Decodable         bool     `json:"decodable"`
		Problem           string   `json:"problem,omitempty"`
		Acquired          *string  `json:"acquired"`
		TimeSource        string   `json:"timeSource"`
		MinutesFromT0     *float64 `json:"minutesFromT0"`
		Phase             string   `json:"phase"`
		Confidence        string   `json:"confidence"`
		PhaseReason       string   `json:"phaseReason,omitempty"`
		// PhaseEvidence names what decided the phase, in words, "; "
		// between items: e.g. "series description 'HSG scout'", "no
		// contrast in the image", "time gap only".
		PhaseEvidence  string      `json:"phaseEvidence,omitempty"`
		CineFPS        *float64    `json:"cineFps"`
		FPSSource      string      `json:"fpsSource"`
		PixelSpacingMm *[2]float64 `json:"pixelSpacingMm"`
		SpacingSource  string      `json:"spacingSource"`
		Orientation    []string    `json:"patientOrientation"`
		DAP            *float64    `json:"areaDoseProductDGyCm2,omitempty"`
	}
	delayedJSON struct {
		SOPInstanceUID string   `json:"sopInstanceUid"`
		MinutesFromT0  *float64 `json:"minutesFromT0"` // null when the image has no time
		Confidence     string   `json:"confidence"`
		Determination  string   `json:"determination"`
		// StudyInstanceUID names the study of a delayed film filed under
		// another study of the same patient (omitted for this study).
		StudyInstanceUID string `json:"studyInstanceUid,omitempty"`
	}
	documentJSON struct {
		SOPInstanceUID string `json:"sopInstanceUid"`
		SOPClassUID    string `json:"sopClassUid"`
		Modality       string `json:"modality"`
		File           string `json:"file"`
	}
	seriesJSON struct {
		SeriesInstanceUID string `json:"seriesInstanceUid"`
		SeriesNumber      int    `json:"seriesNumber"`
		Modality          string `json:"modality"`
		Description       string `json:"description"`
		Instances         int    `json:"instances"`
	}
	contrastJSON struct {
		Agent     string   `json:"agent,omitempty"`
		Route     string   `json:"route,omitempty"`
		VolumeMl  *float64 `json:"volumeMl,omitempty"`
		StartTime string   `json:"startTime,omitempty"`
	}
	doseHeaderJSON struct {
		MaxDAPdGyCm2 float64 `json:"maxAreaDoseProductDGyCm2"`
		Images       int     `json:"imagesWithDose"`
	}
	errorJSON struct {
		File  string `json:"file"`
		Error string `json:"error"`
	}
)

const rfc3339Milli = "2006-01-02T15:04:05.000Z07:00"

func runInfo(e *env, args []string) int {
	fs := newFlags(e, "info")
	asJSON := fs.Bool("json", false, "print JSON instead of a tree")
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(paths) == 0 {
		e.errorf("info: no PATH given")
		fmt.Fprintln(e.stderr, "usage: hsgview info [--json] PATH...")
		return ExitUsage
	}
	coll, err := dicomio.Open(paths, nil)
	if err != nil && coll == nil {
		e.errorf("%v", err)
		return ExitPartial
	}
	defer coll.Close()
	doc := buildInfo(coll)
	if *asJSON {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(doc); err != nil {
			e.errorf("%v", err)
			return ExitPartial
		}
		e.stdout.Write(jsonTerminalSafe(buf.Bytes()))
	} else {
		printTree(e.stdout, coll, doc)
	}
	if len(coll.Errors) > 0 {
		return ExitPartial
	}
	return ExitOK
}

func round(v float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(v*p) / p
}

func buildInfo(c *dicomio.Collection) infoJSON {
	doc := infoJSON{Studies: []studyJSON{}, Errors: []errorJSON{}}
	for _, s := range c.Studies {
		tl := s.Timeline
		sj := studyJSON{
			StudyInstanceUID: s.UID, Patient: s.Patient, AccessionNumber: s.AccessionNumber,
			Description: s.Description, Images: []imageJSON{}, Series: []seriesJSON{},
			ContrastType: "water_soluble_iodinated",
		}
		if tl.Oil {
			sj.ContrastType = "oil_based_iodinated"
		}
		if tl.HasT0 {
			v := tl.T0.Format(rfc3339Milli)
			sj.T0, sj.T0Source, sj.T0Confidence = &v, tl.T0Source, string(tl.T0Confidence)
		}
		var doseMax float64
		var doseN int
		for _, in := range s.Images {
			en := entryOf(tl, in)
			ij := imageJSON{
				SOPInstanceUID: in.SOPInstanceUID, SOPClassUID: in.SOPClassUID, SeriesInstanceUID: in.SeriesInstanceUID,
				SeriesNumber: in.SeriesNumber, SeriesDescription: in.SeriesDescription, InstanceNumber: in.InstanceNumber,
				File: in.Path, Modality: in.Modality, Frames: in.Pixel.Frames, Rows: in.Pixel.Rows, Columns: in.Pixel.Columns,
				Photometric: in.Pixel.Photometric, BitsStored: in.Pixel.BitsStored,
				TransferSyntax: in.TransferSyntax, TransferSyntaxNm: codec.Name(in.TransferSyntax),
				Decodable: in.Decodable, Problem: in.Problem, TimeSource: string(in.TimeSource),
				Phase: string(en.Phase), Confidence: string(en.Confidence), PhaseReason: en.Reason,
				PhaseEvidence: strings.Join(en.Evidence, "; "),
				FPSSource:     in.Cine.FPSSource, SpacingSource: string(in.Calibration.Source),
				Orientation: []string{},
			}
			if in.TimeSource != dicomio.TimeNone {
				v := in.Acquired.Format(rfc3339Milli)
				ij.Acquired = &v
			}
			if en.HasMinutes {
				v := round(en.Minutes, 2)
				ij.MinutesFromT0 = &v
			}
			if in.Cine.FPS > 0 {
				v := round(in.Cine.FPS, 3)
				ij.CineFPS = &v
			}
			if in.Calibration.Source != dicomio.SpacingUncalibrated {
				sp := in.Calibration.Spacing
				sp = [2]float64{round(sp[0], 6), round(sp[1], 6)}
				ij.PixelSpacingMm = &sp
			}
			if in.Orientation[0] != "" {
				ij.Orientation = in.Orientation[:]
			}
			if in.Exposure.HasDAP {
				v := in.Exposure.DAP
				ij.DAP = &v
				doseMax, doseN = math.Max(doseMax, v), doseN+1
			}
			if sj.Contrast == nil && in.Contrast.Present() {
				cj := &contrastJSON{Agent: in.Contrast.Agent, Route: in.Contrast.Route, StartTime: in.Contrast.StartTime}
				if in.Contrast.HasVolume {
					v := in.Contrast.VolumeMl
					cj.VolumeMl = &v
				}
				sj.Contrast = cj
			}
			sj.Images = append(sj.Images, ij)
		}
		if doseN > 0 {
			sj.DoseHeader = &doseHeaderJSON{MaxDAPdGyCm2: doseMax, Images: doseN}
		}
		if d := tl.Delayed; d != nil {
			sj.Delayed = &delayedJSON{SOPInstanceUID: d.Instance.SOPInstanceUID,
				Confidence: string(d.Confidence), Determination: tl.Determination}
			if d.HasMinutes {
				v := round(d.Minutes, 2)
				sj.Delayed.MinutesFromT0 = &v
			}
			if d.Instance.StudyInstanceUID != s.UID {
				sj.Delayed.StudyInstanceUID = d.Instance.StudyInstanceUID
			}
		} else {
			sj.DelayedNote = tl.Note
		}
		for _, d := range s.Documents {
			sj.Documents = append(sj.Documents, documentJSON{d.SOPInstanceUID, d.SOPClassUID, d.Modality, d.Path})
		}
		for _, se := range s.Series {
			sj.Series = append(sj.Series, seriesJSON{se.UID, se.Number, se.Modality, se.Description, len(se.Instances)})
		}
		doc.Studies = append(doc.Studies, sj)
	}
	for _, fe := range c.Errors {
		doc.Errors = append(doc.Errors, errorJSON{File: fe.Path, Error: strings.Join(strings.Fields(fe.Err.Error()), " ")})
	}
	return doc
}

// printTree prints the collection as text. Every value from a file goes
// through esc (dicomio.Escape): DICOM values and file names may carry
// terminal control sequences.
func printTree(w io.Writer, c *dicomio.Collection, doc infoJSON) {
	esc := dicomtext.Escape
	for _, s := range c.Studies {
		p := s.Patient
		fmt.Fprintf(w, "Patient %s  ID %s", orDash(p.Name), orDash(p.ID))
		if p.BirthDate != "" {
			fmt.Fprintf(w, "  born %s", esc(p.BirthDate))
		}
		if p.Sex != "" {
			fmt.Fprintf(w, "  %s", esc(p.Sex))
		}
		fmt.Fprintln(w)
		fmt.Fprintf(w, "  Study %s  %q  accession %s\n", esc(s.UID), s.Description, orDash(s.AccessionNumber))
		if s.Timeline.HasT0 {
			fmt.Fprintf(w, "  T0 %s (%s, %s confidence)\n", s.Timeline.T0.Format("2006-01-02 15:04:05"), s.Timeline.T0Source, s.Timeline.T0Confidence)
		}
		for _, in := range s.Images {
			en := entryOf(s.Timeline, in)
			when := "--:--:--"
			if in.TimeSource != dicomio.TimeNone {
				when = in.Acquired.Format("15:04:05")
			}
			mins := "      "
			if en.HasMinutes {
				mins = fmt.Sprintf("%+6.1f", en.Minutes)
			}
			kind := fmt.Sprintf("%d×%d", in.Pixel.Columns, in.Pixel.Rows)
			if in.Pixel.Frames > 1 {
				kind += fmt.Sprintf("×%d @%.3g fps (%s)", in.Pixel.Frames, in.Cine.FPS, in.Cine.FPSSource)
			}
			fmt.Fprintf(w, "    %s %s min  %-9s %-6s  %-2s S%d #%d  %s  %q  [%s, %s]\n",
				when, mins, en.Phase, en.Confidence, esc(in.Modality), in.SeriesNumber, in.InstanceNumber, kind,
				in.SeriesDescription, in.TimeSource, in.Calibration.Source)
			if len(en.Evidence) > 0 {
				fmt.Fprintf(w, "        %s: %s\n", en.Phase, strings.Join(en.Evidence, "; "))
			}
			if !in.Decodable {
				fmt.Fprintf(w, "        not decodable: %s\n", esc(in.Problem))
			}
		}
		if d := s.Timeline.Delayed; d != nil {
			at := "at an unknown time"
			if d.HasMinutes {
				at = fmt.Sprintf("at %+.1f min", d.Minutes)
			}
			where := ""
			if d.Instance.StudyInstanceUID != s.UID {
				where = fmt.Sprintf(" of study %s (accession %s)", esc(d.Instance.StudyInstanceUID), orDash(d.Instance.AccessionNumber))
			}
			fmt.Fprintf(w, "  Delayed image: S%d #%d%s %s (%s confidence, %s)\n",
				d.Instance.SeriesNumber, d.Instance.InstanceNumber, where, at, d.Confidence, s.Timeline.Determination)
		} else {
			fmt.Fprintf(w, "  Delayed image: none (%s)\n", esc(s.Timeline.Note))
		}
		for _, d := range s.Documents {
			fmt.Fprintf(w, "    document %s %s\n", esc(d.Modality), esc(d.Path))
		}
	}
	if len(c.Errors) > 0 {
		fmt.Fprintf(w, "Errors (%d files):\n", len(c.Errors))
		for _, fe := range doc.Errors {
			fmt.Fprintf(w, "  %s: %s\n", esc(fe.File), esc(fe.Error))
		}
	}
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return dicomtext.Escape(s)
}

// jsonTerminalSafe rewrites the characters encoding/json leaves raw but a
// terminal obeys (DEL, C1 controls such as CSI U+009B, bidi overrides) as
// \u escapes: the JSON decodes to the same values and cannot drive the
// terminal it is printed on. They can only occur inside strings.
func jsonTerminalSafe(b []byte) []byte {
	s := string(b)
	if dicomtext.Escape(s) == s {
		return b
	}
	var out strings.Builder
	for _, r := range s {
		if r == 0x7f || r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c {
			fmt.Fprintf(&out, `\u%04x`, r)
			continue
		}
		out.WriteRune(r)
	}
	return []byte(out.String())
}

// entryOf returns the timeline entry of in; every image of a study has
// one (the timeline may also hold films linked from another study).
func entryOf(tl *dicomio.Timeline, in *dicomio.Instance) dicomio.Entry {
	if e := tl.Entry(in); e != nil {
		return *e
	}
	return dicomio.Entry{Instance: in, Phase: dicomio.PhaseUnknown, Confidence: dicomio.ConfidenceLow}
}
