package cli

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/dose"
)

// runDose prints the dose block of a study: the totals and events of its
// X-Ray Radiation Dose SR, else the image headers, the reference levels
// and the effective-dose estimate (see package dose).
func runDose(e *env, args []string) int {
	fs := newFlags(e, "dose")
	asJSON := fs.Bool("json", false, "print JSON instead of text")
	lang := fs.String("lang", "en", "language of the text: en or ru")
	studyUID := fs.String("study", "", "the Study Instance UID, when PATH holds several studies")
	settingsPath := fs.String("settings", "", "dose settings file (default: dose.json in the user's configuration folder)")
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(paths) == 0 {
		e.errorf("dose: no PATH given")
		fmt.Fprintln(e.stderr, "usage: hsgview dose [--json] [--lang en|ru] [--study UID] [--settings FILE] PATH...")
		return ExitUsage
	}
	if *lang != "en" && *lang != "ru" {
		e.errorf("dose: --lang %s: use en or ru", *lang)
		return ExitUsage
	}
	name := *settingsPath
	if name == "" {
		if name, err = dose.DefaultPath(); err != nil {
			e.errorf("%v; using the built-in reference levels and coefficients", err)
		}
	}
	set := dose.Defaults()
	if name != "" {
		if set, err = dose.Load(name); err != nil {
			e.errorf("%v", err)
			return ExitUsage
		}
	}
	coll, err := dicomio.Open(paths, nil)
	if err != nil && coll == nil {
		e.errorf("%v", err)
		return ExitPartial
	}
	defer coll.Close()
	var study *dicomio.Study
	switch {
	case *studyUID != "":
		for _, s := range coll.Studies {
			if s.UID == *studyUID {
				study = s
			}
		}
		if study == nil {
			e.errorf("dose: no study %s under %s", *studyUID, strings.Join(paths, ", "))
			return ExitUsage
		}
	case len(coll.Studies) == 1:
		study = coll.Studies[0]
	case len(coll.Studies) > 1:
		var uids []string
		for _, s := range coll.Studies {
			uids = append(uids, s.UID)
		}
		e.errorf("dose: %s holds %d studies; name one with --study: %s", strings.Join(paths, ", "), len(uids), strings.Join(uids, ", "))
		return ExitUsage
	}
	sum := dose.FromStudy(study, &set)
	if study == nil {
		sum.Notes = []string{"no DICOM study found under " + strings.Join(paths, ", ")}
	}
	for _, f := range coll.Errors {
		sum.Notes = append(sum.Notes, fmt.Sprintf("not read: %v", f))
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(sum.JSON()); err != nil {
			e.errorf("%v", err)
			return ExitPartial
		}
	} else {
		fmt.Fprint(e.stdout, sum.Text(*lang))
		printEvents(e, sum, *lang)
	}
	if len(coll.Errors) > 0 || study == nil {
		return ExitPartial
	}
	return ExitOK
}

// printEvents lists the irradiation events, one line each.
func printEvents(e *env, sum *dose.Summary, lang string) {
	if len(sum.Events) == 0 {
		return
	}
	head := map[string]string{"en": "Irradiation events", "ru": "События облучения"}[lang]
	fmt.Fprintf(e.stdout, "%s (%d)\n", head, len(sum.Events))
	for i, ev := range sum.Events {
		var parts []string
		if ev.Type != "" {
			parts = append(parts, ev.Type)
		}
		if ev.DAPGyCm2 != nil {
			parts = append(parts, dose.Quantity(*ev.DAPGyCm2, "Gy·cm²", lang))
		}
		if ev.KVP != nil {
			parts = append(parts, dose.Quantity(ev.KVP.Value, "kV", lang))
		}
		if ev.TubeCurrent != nil {
			parts = append(parts, dose.Quantity(ev.TubeCurrent.Value, "mA", lang))
		}
		if ev.CopperMM != nil {
			parts = append(parts, dose.Quantity(*ev.CopperMM, "mm Cu", lang))
		} else {
			parts = append(parts, "Cu ?")
		}
		if ev.MSv != nil {
			parts = append(parts, fmt.Sprintf("× %s = %s (%s)", dose.Num(ev.Coefficient, lang), dose.Quantity(*ev.MSv, "mSv", lang), ev.RuleText(lang)))
		}
		fmt.Fprintf(e.stdout, "  %d. %s\n", i+1, strings.Join(parts, ", "))
	}
}
