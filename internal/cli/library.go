package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"

	"github.com/hsgview/hsgview/library"
)

const libraryUsage = `usage: hsgview library [--library DIR] import [--copy|--reference] PATH...
       hsgview library [--library DIR] list [--json] [--status S] [--search TEXT] [--from DATE] [--to DATE]
       hsgview library [--library DIR] show [--json] STUDY_UID
       hsgview library [--library DIR] remove STUDY_UID
       hsgview library [--library DIR] audit [--csv]
the library folder is --library, else $HSGVIEW_LIBRARY, else $XDG_DATA_HOME/hsgview (~/.local/share/hsgview)`

// The JSON shape of `library list --json`. Field names are a contract.
type (
	libListJSON struct {
		Studies []libStudyJSON `json:"studies"`
	}
	libStudyJSON struct {
		StudyInstanceUID string         `json:"studyInstanceUid"`
		Patient          libPatientJSON `json:"patient"`
		StudyDate        string         `json:"studyDate"`
		AccessionNumber  string         `json:"accessionNumber"`
		Images           int            `json:"images"`
		Frames           int            `json:"frames"`
		Delayed          *libDelayed    `json:"delayed"`
		ReportStatus     string         `json:"reportStatus"`
		Priors           []string       `json:"priors"`
	}
	libPatientJSON struct {
		ID        string `json:"id"`
		Name      string `json:"name"`
		BirthDate string `json:"birthDate"`
		Sex       string `json:"sex"`
	}
	libDelayed struct {
		MinutesFromT0 *float64 `json:"minutesFromT0"`
	}
)

func runLibrary(e *env, args []string) int {
	fs := newFlags(e, "library")
	dir := fs.String("library", "", "library folder")
	fs.Usage = func() { fmt.Fprintln(e.stderr, libraryUsage) }
	if err := fs.Parse(args); err != nil {
		return ExitUsage
	}
	rest := fs.Args()
	if len(rest) == 0 {
		e.errorf("library: no action given")
		fmt.Fprintln(e.stderr, libraryUsage)
		return ExitUsage
	}
	if *dir == "" {
		d, err := library.DefaultDir()
		if err != nil {
			e.errorf("%v", err)
			return ExitPartial
		}
		*dir = d
	}
	action, args := rest[0], rest[1:]
	switch action {
	case "import", "list", "show", "remove", "audit":
	default:
		e.errorf("library: unknown action %q", action)
		fmt.Fprintln(e.stderr, libraryUsage)
		return ExitUsage
	}
	lib, err := library.Open(*dir, nil)
	if err != nil {
		e.errorf("%v", err)
		return ExitPartial
	}
	defer lib.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	switch action {
	case "import":
		return libImport(ctx, e, lib, args)
	case "list":
		return libList(ctx, e, lib, args)
	case "show":
		return libShow(ctx, e, lib, args)
	case "remove":
		return libRemove(ctx, e, lib, args)
	default:
		return libAudit(ctx, e, lib, args)
	}
}

func libImport(ctx context.Context, e *env, lib *library.Library, args []string) int {
	fs := newFlags(e, "library import")
	cp := fs.Bool("copy", false, "copy the files into the library")
	ref := fs.Bool("reference", false, "leave the files where they are")
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(paths) == 0 || (*cp && *ref) {
		e.errorf("library import: give PATH... and at most one of --copy, --reference")
		return ExitUsage
	}
	mode := library.ModeAuto
	switch {
	case *cp:
		mode = library.ModeCopy
	case *ref:
		mode = library.ModeReference
	}
	res, err := lib.Import(ctx, paths, library.ImportOptions{Mode: mode})
	if res != nil {
		kept := 0
		for _, p := range res.Problems {
			if p.KeptOut {
				kept++
				fmt.Fprintf(e.stderr, "not imported: %s: %s\n", p.Path, p.Reason)
			} else {
				fmt.Fprintf(e.stderr, "imported with a warning: %s: %s\n", p.Path, p.Reason)
			}
		}
		fmt.Fprintf(e.stdout, "%d instances added (%d copied), %d already in the library, %d files not imported, %d studies\n",
			res.Added, res.Copied, res.Present, kept, len(res.Studies))
		if err == nil && kept > 0 {
			return ExitPartial
		}
	}
	if err != nil {
		e.errorf("%v", err)
		return ExitPartial
	}
	return ExitOK
}

func libList(ctx context.Context, e *env, lib *library.Library, args []string) int {
	fs := newFlags(e, "library list")
	asJSON := fs.Bool("json", false, "print JSON")
	status := fs.String("status", "", "none, draft, signed, amended or unsigned")
	search := fs.String("search", "", "words in patient name, ID or accession")
	from := fs.String("from", "", "first study date, YYYY-MM-DD")
	to := fs.String("to", "", "last study date, YYYY-MM-DD")
	if pos, err := parseInterleaved(fs, args); err != nil || len(pos) > 0 {
		return ExitUsage
	}
	q := library.Query{Status: *status, Text: *search, From: *from, To: *to, Sort: library.SortDate, Desc: true, Limit: 500}
	doc := libListJSON{Studies: []libStudyJSON{}}
	for {
		page, err := lib.Worklist(ctx, q)
		if err != nil {
			e.errorf("%v", err)
			if strings.Contains(err.Error(), "unknown status") || strings.Contains(err.Error(), "date") {
				return ExitUsage
			}
			return ExitPartial
		}
		for _, r := range page.Rows {
			if !*asJSON {
				fmt.Fprintf(e.stdout, "%s  %-10s  %-30s  %-12s  %-10s  %3d img %2d cine  %-26s  %s\n",
					r.StudyUID, orDash(r.StudyDate), orDash(r.PatientName), orDash(r.PatientID), orDash(r.Accession),
					r.Images, r.CineRuns, r.DelayedLabel(), statusText(r.Report))
				continue
			}
			sj := libStudyJSON{StudyInstanceUID: r.StudyUID, StudyDate: r.StudyDate, AccessionNumber: r.Accession,
				Patient: libPatientJSON{ID: r.PatientID, Name: r.PatientName, BirthDate: r.BirthDate, Sex: r.Sex},
				Images:  r.Images, Frames: r.Frames, ReportStatus: r.Report.Status, Priors: []string{}}
			if r.Delayed != nil {
				sj.Delayed = &libDelayed{MinutesFromT0: r.Delayed.MinutesFromT0}
			}
			priors, err := lib.Priors(ctx, r.StudyUID)
			if err != nil {
				e.errorf("%v", err)
				return ExitPartial
			}
			for _, p := range priors {
				sj.Priors = append(sj.Priors, p.StudyUID)
			}
			doc.Studies = append(doc.Studies, sj)
		}
		q.Offset += len(page.Rows)
		if len(page.Rows) == 0 || q.Offset >= page.Total {
			break
		}
	}
	if *asJSON {
		return writeJSON(e, doc)
	}
	return ExitOK
}

func statusText(r library.ReportState) string {
	switch r.Status {
	case library.StatusSigned, library.StatusAmended:
		return fmt.Sprintf("%s by %s at %s", r.Status, orDash(r.Author), orDash(r.SignedAt))
	}
	return r.Status
}

func writeJSON(e *env, v any) int {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		e.errorf("%v", err)
		return ExitPartial
	}
	return ExitOK
}

func oneUID(e *env, pos []string, name string) (string, bool) {
	if len(pos) != 1 {
		e.errorf("library %s: give one STUDY_UID", name)
		return "", false
	}
	return pos[0], true
}

func libShow(ctx context.Context, e *env, lib *library.Library, args []string) int {
	fs := newFlags(e, "library show")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return ExitUsage
	}
	uid, ok := oneUID(e, pos, "show")
	if !ok {
		return ExitUsage
	}
	si, err := lib.StudyInfo(ctx, uid)
	if err != nil {
		e.errorf("%v", err)
		return ExitPartial
	}
	priors, err := lib.Priors(ctx, uid)
	if err != nil {
		e.errorf("%v", err)
		return ExitPartial
	}
	if *asJSON {
		return writeJSON(e, struct {
			*library.StudyInfo
			Priors []library.Prior `json:"priors"`
		}{si, priors})
	}
	r := si.Row
	fmt.Fprintf(e.stdout, "Study %s\n  patient %s  ID %s  born %s  sex %s  age %s\n", r.StudyUID, orDash(r.PatientName),
		orDash(r.PatientID), orDash(r.BirthDate), orDash(r.Sex), ageText(r.AgeYears))
	fmt.Fprintf(e.stdout, "  date %s  accession %s  institution %s  %q\n", orDash(r.StudyDate), orDash(r.Accession), orDash(r.Institution), r.Description)
	fmt.Fprintf(e.stdout, "  %d images (%d frames, %d cine runs), %d documents, %d missing; %s; report %s\n",
		r.Images, r.Frames, r.CineRuns, r.Documents, r.Missing, r.DelayedLabel(), statusText(r.Report))
	for _, se := range si.Series {
		fmt.Fprintf(e.stdout, "  series %d %s %q\n", se.Number, se.Modality, se.Description)
		for _, in := range se.Instances {
			mins := "      "
			if in.MinutesFromT0 != nil {
				mins = fmt.Sprintf("%+6.1f", *in.MinutesFromT0)
			}
			state := ""
			if in.Missing {
				state = "  MISSING"
			}
			how := "referenced"
			if in.Copied {
				how = "copied"
			}
			fmt.Fprintf(e.stdout, "    #%d %s min %-9s %d fr  %s  %s %s %d bytes sha256 %s%s\n", in.InstanceNumber, mins,
				orDash(in.Phase), in.Frames, in.TransferSyntaxName, how, in.File, in.Size, in.SHA256[:min(12, len(in.SHA256))], state)
		}
	}
	for _, p := range priors {
		d := "no delayed image"
		if p.Delayed != nil && p.Delayed.MinutesFromT0 != nil {
			d = fmt.Sprintf("delayed image at %+.0f min", *p.Delayed.MinutesFromT0)
		}
		fmt.Fprintf(e.stdout, "  prior %s  %s  %s\n", p.StudyUID, p.StudyDate, d)
	}
	return ExitOK
}

func ageText(y int) string {
	if y < 0 {
		return "-"
	}
	return fmt.Sprint(y)
}

func libRemove(ctx context.Context, e *env, lib *library.Library, args []string) int {
	fs := newFlags(e, "library remove")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return ExitUsage
	}
	uid, ok := oneUID(e, pos, "remove")
	if !ok {
		return ExitUsage
	}
	res, err := lib.Remove(ctx, uid)
	if err != nil {
		e.errorf("%v", err)
		if errors.Is(err, library.ErrNotFound) {
			return ExitUsage
		}
		return ExitPartial
	}
	fmt.Fprintf(e.stdout, "removed %s: %d copied files deleted, %d referenced files left in place\n", uid, res.Deleted, res.Kept)
	return ExitOK
}

func libAudit(ctx context.Context, e *env, lib *library.Library, args []string) int {
	fs := newFlags(e, "library audit")
	asCSV := fs.Bool("csv", false, "print CSV")
	if pos, err := parseInterleaved(fs, args); err != nil || len(pos) > 0 {
		return ExitUsage
	}
	if *asCSV {
		if err := lib.WriteAuditCSV(ctx, e.stdout); err != nil {
			e.errorf("%v", err)
			return ExitPartial
		}
		return ExitOK
	}
	entries, err := lib.Audit(ctx, 0, 0)
	if err != nil {
		e.errorf("%v", err)
		return ExitPartial
	}
	for _, a := range entries {
		fmt.Fprintf(e.stdout, "%s  %-10s  %-7s  %s  %s\n", a.At, a.User, a.Action, orDash(a.StudyUID), a.Detail)
	}
	return ExitOK
}
