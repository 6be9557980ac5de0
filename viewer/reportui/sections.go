package reportui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio/dicomtext"
	"github.com/hsgview/hsgview/l10n"
	"github.com/hsgview/hsgview/viewer/forminput"
	"github.com/hsgview/hsgview/viewer/i18n"
)

// The sections of the findings form, in the order of a report (see
// hsg-reporting.md §1.1): clinical, technique, uterus and cervix, each
// tube, peritoneum and delayed image, complications. Key images and the
// impression are in report_keyimages.go and report_impression.go.
//
// Everything here runs on the Fyne goroutine.

func clinicalSection(f *form) []fyne.CanvasObject {
	c := func(r *report.Report) *report.Clinical { return &r.Clinical }
	info := func(label string, text func(r *report.Report) string, path string) fyne.CanvasObject {
		return infoField(f, path, label, text).row
	}
	return []fyne.CanvasObject{
		info(lang.L("Patient"), func(r *report.Report) string {
			s := dicomtext.FormatPersonName(r.Patient.Name)
			if r.Patient.ID != "" {
				s += " · " + r.Patient.ID
			}
			if r.Patient.BirthDate != "" {
				s += " · " + fmt.Sprintf(lang.L("born %s"), l10n.DateISO(r.Patient.BirthDate, i18n.Lang()))
			}
			return s
		}, "/patient/name"),
		info(lang.L("Study"), func(r *report.Report) string {
			var parts []string
			if t, err := time.Parse(time.RFC3339, r.Study.StudyDateTime); err == nil {
				parts = append(parts, l10n.DateTime(t, i18n.Lang())) // as the images say, not converted
			} else if r.Study.StudyDateTime != "" {
				parts = append(parts, r.Study.StudyDateTime)
			}
			if r.Study.AccessionNumber != "" {
				parts = append(parts, fmt.Sprintf(lang.L("accession %s"), r.Study.AccessionNumber))
			}
			if r.Study.ReferringPhysician != "" {
				parts = append(parts, fmt.Sprintf(lang.L("referred by %s"), dicomtext.FormatPersonName(r.Study.ReferringPhysician)))
			}
			return strings.Join(parts, " · ")
		}, "/study/studyDateTime"),
		setField(f, "/clinical/indication", lang.L("Indication"), func(r *report.Report) *[]report.Indication { return &c(r).Indication }).row,
		textField(f, "/clinical/indicationText", lang.L("Details"), true, func(r *report.Report) *string { return &c(r).IndicationText }, lang.L("e.g. primary subfertility for 2 years")).row,
		textField(f, "/clinical/lmpDate", lang.L("LMP"), false, func(r *report.Report) *string { return &c(r).LMPDate }, lang.L("YYYY-MM-DD")).row,
		intField(f, "/clinical/cycleDay", lang.L("Cycle day"), "", func(r *report.Report) **int { return &c(r).CycleDay }).row,
		textField(f, "/clinical/lmpUnknownReason", lang.L("Why no LMP"), false, func(r *report.Report) *string { return &c(r).LMPUnknownReason },
			lang.L("e.g. amenorrhoea")).row,
		enumField(f, "/clinical/pregnancyTest/result", lang.L("Pregnancy test"), func(r *report.Report) *report.PregnancyResult { return &c(r).PregnancyTest.Result }).row,
		enumField(f, "/clinical/pregnancyTest/specimen", lang.L("Specimen"), func(r *report.Report) *report.Specimen { return &c(r).PregnancyTest.Specimen }).row,
		setField(f, "/clinical/history", lang.L("History"), func(r *report.Report) *[]report.History { return &c(r).History }).row,
		boolField(f, "/clinical/consentObtained", lang.L("Consent"), func(r *report.Report) **bool { return &c(r).ConsentObtained }).row,
		textField(f, "/clinical/comparison", lang.L("Comparison"), false, func(r *report.Report) *string { return &c(r).Comparison }, lang.L("earlier studies compared")).row,
	}
}

func techniqueSection(f *form) []fyne.CanvasObject {
	t := func(r *report.Report) *report.Technique { return &r.Technique }
	const p = "/technique"
	dap := dapField(f)
	airKerma, _ := numberField(f, p+"/dose/airKermaRefPointMGy", lang.L("Air kerma"), "mGy", func(r *report.Report) **float64 { return &t(r).Dose.AirKermaRefPointMGy })
	fluoro, _ := numberField(f, p+"/fluoroscopyTimeS", lang.L("Fluoroscopy time"), "s", func(r *report.Report) **float64 { return &t(r).FluoroscopyTimeS })
	// The estimate and the reference-level flags follow the figures.
	for _, fd := range []*field{dap, airKerma, fluoro} {
		fd.then = func() func(r *report.Report) {
			sd := f.p.c.doseState()
			return func(r *report.Report) { syncDose(&r.Technique.Dose, r.Technique.FluoroscopyTimeS, sd) }
		}
	}
	return []fyne.CanvasObject{
		forminput.Heading(lang.L("Catheter")),
		enumField(f, p+"/catheter/type", lang.L("Catheter"), func(r *report.Report) *report.CatheterType { return &t(r).Catheter.Type }).row,
		must(numberField(f, p+"/catheter/sizeFr", lang.L("Size"), "Fr", func(r *report.Report) **float64 { return &t(r).Catheter.SizeFr })).row,
		enumField(f, p+"/catheter/balloonPosition", lang.L("Balloon"), func(r *report.Report) *report.BalloonPosition { return &t(r).Catheter.BalloonPosition }).row,
		must(numberField(f, p+"/catheter/balloonVolumeMl", lang.L("Balloon volume"), "mL", func(r *report.Report) **float64 { return &t(r).Catheter.BalloonVolumeML })).row,
		boolField(f, p+"/catheter/balloonFreeImageObtained", lang.L("Balloon-free image"), func(r *report.Report) **bool { return &t(r).Catheter.BalloonFreeImageObtained }).row,
		boolField(f, p+"/tenaculumUsed", lang.L("Tenaculum"), func(r *report.Report) **bool { return &t(r).TenaculumUsed }).row,

		forminput.Heading(lang.L("Contrast")),
		enumField(f, p+"/contrast/class", lang.L("Class"), func(r *report.Report) *report.ContrastClass { return &t(r).Contrast.Class }).row,
		infoField(f, p+"/contrast/agent", lang.L("Agent"), func(r *report.Report) string {
			a := t(r).Contrast.Agent
			if a == nil {
				return "—"
			}
			return fmt.Sprintf("%s (%s %s)", a.Display, a.System, a.Code)
		}).row,
		textField(f, p+"/contrast/productName", lang.L("Product"), false, func(r *report.Report) *string { return &t(r).Contrast.ProductName }, "").row,
		must(numberField(f, p+"/contrast/concentrationMgIPerMl", lang.L("Concentration"), "mgI/mL", func(r *report.Report) **float64 { return &t(r).Contrast.ConcentrationMgIPerML })).row,
		must(numberField(f, p+"/contrast/volumeMl", lang.L("Volume"), "mL", func(r *report.Report) **float64 { return &t(r).Contrast.VolumeML })).row,
		boolField(f, p+"/contrast/warmed", lang.L("Warmed"), func(r *report.Report) **bool { return &t(r).Contrast.Warmed }).row,

		forminput.Heading(lang.L("Exposure")),
		fluoro.row,
		dap.row,
		infoField(f, "", lang.L("Dose source"), func(r *report.Report) string {
			d := t(r).Dose
			s := capitalized(report.LabelIn(d.Source, i18n.Lang()))
			if d.DAPTotalGyCm2 != nil {
				s = l10n.Significant(*d.DAPTotalGyCm2, i18n.Lang()) + l10n.NBSP + l10n.Unit("Gy·cm²", i18n.Lang()) + " · " + s
			}
			if d.Method != "" {
				s += " (" + d.Method + ")"
			}
			return s
		}).row,
		airKerma.row,
		doseSection(f),
		intField(f, p+"/spotImageCount", lang.L("Spot images"), "", func(r *report.Report) **int { return &t(r).SpotImageCount }).row,
		intField(f, p+"/cineRunCount", lang.L("Cine runs"), "", func(r *report.Report) **int { return &t(r).CineRunCount }).row,
		setField(f, p+"/imagesObtained", lang.L("Images"), func(r *report.Report) *[]report.ImageKind { return &t(r).ImagesObtained }).row,

		forminput.Heading(lang.L("Delayed image")),
		boolField(f, p+"/delayedImage/obtained", lang.L("Obtained"), func(r *report.Report) **bool { return &t(r).DelayedImage.Obtained }).row,
		must(numberField(f, p+"/delayedImage/minutesAfterContrast", lang.L("After contrast"), "min", func(r *report.Report) **float64 { return &t(r).DelayedImage.MinutesAfterContrast })).row,
		boolField(f, p+"/delayedImage/catheterRemovedBefore", lang.L("Catheter removed"), func(r *report.Report) **bool { return &t(r).DelayedImage.CatheterRemovedBefore }).row,
		enumField(f, p+"/delayedImage/determination", lang.L("Identified"), func(r *report.Report) *report.Determination { return &t(r).DelayedImage.Determination }).row,
		enumField(f, p+"/delayedImage/confidence", lang.L("Confidence"), func(r *report.Report) *report.Confidence { return &t(r).DelayedImage.Confidence }).row,

		forminput.Heading(lang.L("Quality")),
		enumField(f, p+"/selectiveSalpingography", lang.L("Selective salpingography"), func(r *report.Report) *report.SelectiveSalpingography { return &t(r).SelectiveSalpingography }).row,
		enumField(f, p+"/adequacy", lang.L("Adequacy"), func(r *report.Report) *report.Adequacy { return &t(r).Adequacy }).row,
		setField(f, p+"/limitations", lang.L("Limitations"), func(r *report.Report) *[]report.Limitation { return &t(r).Limitations }).row,
		textField(f, p+"/techniqueText", lang.L("Notes"), true, func(r *report.Report) *string { return &t(r).TechniqueText }, "").row,
	}
}

func must(fd *field, _ *forminput.TextEntry) *field { return fd }

// dapField is the dose-area product: a value and its unit. A change
// makes the dose the user's (source manual) and updates its value in
// Gy·cm².
func dapField(f *form) *field {
	fd := &field{path: "/technique/dose/dapTotal", label: lang.L("Dose-area product")}
	units := []mark.Unit{mark.UnitGyCm2, mark.UnitDGyCm2, mark.UnitCGyCm2, mark.UnitMGyCm2,
		mark.UnitGyM2, mark.UnitMicroGyM2}
	opts := []string{forminput.Unset}
	for _, u := range units {
		opts = append(opts, report.LabelIn(u, i18n.Lang()))
	}
	e := forminput.NewTextEntry(false)
	unit := forminput.NewChoice(opts, nil)
	loading := false
	set := func(edit func(q *report.Quantity)) {
		f.setText(fd, func(r *report.Report) error {
			d := &r.Technique.Dose
			q := report.Quantity{}
			if d.DAPTotal != nil {
				q = *d.DAPTotal
			}
			edit(&q)
			d.DAPTotal, d.DAPTotalGyCm2 = nil, nil
			if q.Value != nil || q.Unit != "" {
				d.DAPTotal = &q
				if v, ok := q.GyCm2(); ok {
					d.DAPTotalGyCm2 = new(v)
				}
			}
			d.Source, d.Method = report.DoseFromManual, ""
			return nil
		})
	}
	e.OnChanged = func(s string) {
		if loading {
			return
		}
		v, ok := forminput.ParseNumber(s)
		if !ok {
			fd.local = fmt.Sprintf(lang.L("“%s” is not a number"), s)
			f.p.showIssues()
			return
		}
		fd.local = ""
		set(func(q *report.Quantity) { q.Value = v })
	}
	unit.OnChanged = func(s string) {
		if loading {
			return
		}
		var u mark.Unit
		for _, x := range units {
			if report.LabelIn(x, i18n.Lang()) == s {
				u = x
			}
		}
		set(func(q *report.Quantity) { q.Unit = u })
	}
	f.p.wire(&e.OnFocus, &e.OnEsc)
	f.p.wire(&unit.OnFocus, &unit.OnEsc)
	fd.focus = e
	fd.load = func(r *report.Report) {
		var v *float64
		u := forminput.Unset
		fd.empty = r.Technique.Dose.DAPTotal == nil
		if q := r.Technique.Dose.DAPTotal; q != nil {
			v = q.Value
			if q.Unit != "" {
				u = report.LabelIn(q.Unit, i18n.Lang())
			}
		}
		loading = true
		if typed, ok := forminput.ParseNumber(e.Text); !ok || !samePtr(typed, v) {
			e.SetText(forminput.FormatNumber(v))
			fd.local = ""
		}
		if unit.Selected != u {
			unit.SetSelected(u)
		}
		loading = false
	}
	fd.enable = func(on bool) {
		forminput.EnableWidget(e, on)
		forminput.EnableWidget(unit, on)
	}
	f.add(fd, container.NewBorder(nil, nil, nil, container.New(&minWidthLayout{w: 92}, unit), e))
	return fd
}

func uterusSection(f *form) []fyne.CanvasObject {
	u := func(r *report.Report) *report.Uterus { return &r.Uterus }
	const p = "/uterus"
	defect := func(i int) func(r *report.Report) *report.FillingDefect {
		return func(r *report.Report) *report.FillingDefect {
			if i >= len(r.Uterus.FillingDefects) {
				return nil
			}
			return &r.Uterus.FillingDefects[i]
		}
	}
	outp := func(i int) func(r *report.Report) *report.Outpouching {
		return func(r *report.Report) *report.Outpouching {
			if i >= len(r.Uterus.Outpouchings) {
				return nil
			}
			return &r.Uterus.Outpouchings[i]
		}
	}
	m := func(r *report.Report) *report.Anomaly { return &r.Uterus.MullerianAnomaly }
	const mp = p + "/mullerianAnomaly"
	return []fyne.CanvasObject{
		forminput.Heading(lang.L("Cervix")),
		enumField(f, "/cervix/canal", lang.L("Canal"), func(r *report.Report) *report.CervicalCanal { return &r.Cervix.Canal }).row,
		textField(f, "/cervix/text", lang.L("Cervix notes"), false, func(r *report.Report) *string { return &r.Cervix.Text }, "").row,

		forminput.Heading(lang.L("Cavity")),
		boolField(f, p+"/cavityOpacified", lang.L("Cavity opacified"), func(r *report.Report) **bool { return &u(r).CavityOpacified }).row,
		enumField(f, p+"/deviation", lang.L("Position"), func(r *report.Report) *report.Deviation { return &u(r).Deviation }).row,
		enumField(f, p+"/size", lang.L("Size"), func(r *report.Report) *report.UterineSize { return &u(r).Size }).row,
		enumField(f, p+"/contour", lang.L("Contour"), func(r *report.Report) *report.CavityContour { return &u(r).Contour }).row,
		enumField(f, p+"/shape", lang.L("Shape"), func(r *report.Report) *report.CavityShape { return &u(r).Shape }).row,

		forminput.Heading(lang.L("Filling defects")),
		f.list("filling defect", lang.L("Add filling defect"), lang.L("Filling defect %d"), func(r *report.Report) int { return len(r.Uterus.FillingDefects) },
			func(i int, rf *form) []fyne.CanvasObject {
				d := defect(i)
				dp := fmt.Sprintf("%s/fillingDefects/%d", p, i)
				return []fyne.CanvasObject{
					enumField(rf, dp+"/kind", lang.L("Kind"), func(r *report.Report) *report.DefectKind {
						return ptrOf(d(r), func(x *report.FillingDefect) *report.DefectKind { return &x.Kind })
					}).row,
					intField(rf, dp+"/count", lang.L("Count"), "", func(r *report.Report) **int {
						return ptrOf(d(r), func(x *report.FillingDefect) **int { return &x.Count })
					}).row,
					enumField(rf, dp+"/location", lang.L("Location"), func(r *report.Report) *report.Location {
						return ptrOf(d(r), func(x *report.FillingDefect) *report.Location { return &x.Location })
					}).row,
					enumField(rf, dp+"/margin", lang.L("Margin"), func(r *report.Report) *report.DefectMargin {
						return ptrOf(d(r), func(x *report.FillingDefect) *report.DefectMargin { return &x.Margin })
					}).row,
					must(numberField(rf, dp+"/sizeMm", lang.L("Size"), "mm", func(r *report.Report) **float64 {
						return ptrOf(d(r), func(x *report.FillingDefect) **float64 { return &x.SizeMM })
					})).row,
					boolField(rf, dp+"/mobileOrTransient", lang.L("Mobile or transient"), func(r *report.Report) **bool {
						return ptrOf(d(r), func(x *report.FillingDefect) **bool { return &x.MobileOrTransient })
					}).row,
					evidenceField(rf, dp, lang.L("Evidence"), func(r *report.Report) (*[]mark.ImageRef, *[]string) {
						x := d(r)
						if x == nil {
							return nil, nil
						}
						return &x.Evidence, &x.AnnotationIDs
					}).row,
				}
			},
			func(r *report.Report) {
				r.Uterus.FillingDefects = append(r.Uterus.FillingDefects, report.FillingDefect{Kind: report.DefectPolypOrLeiomyoma})
			},
			func(r *report.Report, i int) {
				r.Uterus.FillingDefects = append(r.Uterus.FillingDefects[:i:i], r.Uterus.FillingDefects[i+1:]...)
				if len(r.Uterus.FillingDefects) == 0 {
					r.Uterus.FillingDefects = nil
				}
			}),

		forminput.Heading(lang.L("Adhesions and adenomyosis")),
		boolField(f, p+"/intrauterineAdhesions/present", lang.L("Adhesions"), func(r *report.Report) **bool { return &u(r).IntrauterineAdhesions.Present }).row,
		enumField(f, p+"/intrauterineAdhesions/extent", lang.L("Extent"), func(r *report.Report) *report.AdhesionExtent { return &u(r).IntrauterineAdhesions.Extent }).row,
		enumField(f, p+"/intrauterineAdhesions/classification/system", lang.L("Classification"), func(r *report.Report) *report.AdhesionSystem {
			return &u(r).IntrauterineAdhesions.Classification.System
		}).row,
		textField(f, p+"/intrauterineAdhesions/classification/grade", lang.L("Grade"), false, func(r *report.Report) *string { return &u(r).IntrauterineAdhesions.Classification.Grade }, lang.L("e.g. moderate, II")).row,
		boolField(f, p+"/adenomyosisSigns/present", lang.L("Adenomyosis signs"), func(r *report.Report) **bool { return &u(r).AdenomyosisSigns.Present }).row,
		enumField(f, p+"/adenomyosisSigns/pattern", lang.L("Pattern"), func(r *report.Report) *report.AdenomyosisPattern { return &u(r).AdenomyosisSigns.Pattern }).row,
		enumField(f, p+"/adenomyosisSigns/location", lang.L("Location"), func(r *report.Report) *report.Location { return &u(r).AdenomyosisSigns.Location }).row,

		forminput.Heading(lang.L("Outpouchings")),
		f.list("outpouching", lang.L("Add outpouching"), lang.L("Outpouching %d"), func(r *report.Report) int { return len(r.Uterus.Outpouchings) },
			func(i int, rf *form) []fyne.CanvasObject {
				o := outp(i)
				op := fmt.Sprintf("%s/outpouchings/%d", p, i)
				return []fyne.CanvasObject{
					enumField(rf, op+"/type", lang.L("Type"), func(r *report.Report) *report.OutpouchingType {
						return ptrOf(o(r), func(x *report.Outpouching) *report.OutpouchingType { return &x.Type })
					}).row,
					enumField(rf, op+"/location", lang.L("Location"), func(r *report.Report) *report.Location {
						return ptrOf(o(r), func(x *report.Outpouching) *report.Location { return &x.Location })
					}).row,
					must(numberField(rf, op+"/sizeMm", lang.L("Size"), "mm", func(r *report.Report) **float64 {
						return ptrOf(o(r), func(x *report.Outpouching) **float64 { return &x.SizeMM })
					})).row,
				}
			},
			func(r *report.Report) {
				r.Uterus.Outpouchings = append(r.Uterus.Outpouchings, report.Outpouching{Type: report.OutpouchingIndeterminate})
			},
			func(r *report.Report, i int) {
				r.Uterus.Outpouchings = append(r.Uterus.Outpouchings[:i:i], r.Uterus.Outpouchings[i+1:]...)
				if len(r.Uterus.Outpouchings) == 0 {
					r.Uterus.Outpouchings = nil
				}
			}),
		setField(f, p+"/devices", lang.L("Devices"), func(r *report.Report) *[]report.Device { return &u(r).Devices }).row,

		forminput.Heading(lang.L("Müllerian anomaly")),
		boolField(f, mp+"/suspected", lang.L("Anomaly suspected"), func(r *report.Report) **bool { return &m(r).Suspected }).row,
		enumField(f, mp+"/asrmMac2021", lang.L("ASRM MAC2021"), func(r *report.Report) *report.ASRMClass { return &m(r).ASRM }).row,
		enumField(f, mp+"/eshreEsgeUterine", lang.L("ESHRE/ESGE uterus"), func(r *report.Report) *report.ESHREUterine { return &m(r).ESHREUterine }).row,
		enumField(f, mp+"/eshreEsgeCervical", lang.L("ESHRE/ESGE cervix"), func(r *report.Report) *report.ESHRECervical { return &m(r).ESHRECervical }).row,
		enumField(f, mp+"/eshreEsgeVaginal", lang.L("ESHRE/ESGE vagina"), func(r *report.Report) *report.ESHREVaginal { return &m(r).ESHREVaginal }).row,
		enumField(f, mp+"/afs1988Class", lang.L("AFS 1988 (legacy)"), func(r *report.Report) *report.AFSClass { return &m(r).AFS }).row,
		enumField(f, mp+"/side", lang.L("Side (unicornuate)"), func(r *report.Report) *report.Side { return &m(r).Side }, report.Right, report.Left).row,
		enumField(f, mp+"/certainty", lang.L("Certainty"), func(r *report.Report) *report.Certainty { return &m(r).Certainty }).row,
		boolField(f, mp+"/externalContourAssessable", lang.L("External contour seen"), func(r *report.Report) **bool { return &m(r).ExternalContourAssessable }).row,
		enumField(f, mp+"/confirmationRecommended", lang.L("Confirm with"), func(r *report.Report) *report.Confirmation { return &m(r).ConfirmationRecommended }).row,
		must(numberField(f, p+"/internalIndentationDepthMm", lang.L("Indentation depth"), "mm", func(r *report.Report) **float64 { return &u(r).InternalIndentationDepthMM })).row,
		must(numberField(f, p+"/internalIndentationAngleDeg", lang.L("Indentation angle"), "°", func(r *report.Report) **float64 { return &u(r).InternalIndentationAngleDeg })).row,
		textField(f, p+"/text", lang.L("Uterus notes"), true, func(r *report.Report) *string { return &u(r).Text }, "").row,
	}
}

// ptrOf returns field(x), or nil when x is nil (a removed row).
func ptrOf[T, F any](x *T, field func(*T) *F) *F {
	if x == nil {
		return nil
	}
	return field(x)
}

func tubeSection(f *form, side report.Side) []fyne.CanvasObject {
	t := func(r *report.Report) *report.Tube { return r.Tubes.Tube(side) }
	p := "/tubes/" + string(side)
	h := func(r *report.Report) *report.Hydrosalpinx { return &t(r).Hydrosalpinx }
	fromMark := widget.NewButton(lang.L("From mark…"), nil)
	fromMark.Importance = widget.LowImportance
	diam, _ := numberField(f, p+"/hydrosalpinx/maxDiameterMm", lang.L("Max diameter"), "mm", func(r *report.Report) **float64 { return &h(r).MaxDiameterMM }, fromMark)
	fromMark.OnTapped = func() { f.p.diameterFromMark(side, fromMark) }
	return []fyne.CanvasObject{
		enumField(f, p+"/status", lang.L("Status"), func(r *report.Report) *report.TubeStatus { return &t(r).Status }).row,
		enumField(f, p+"/opacification", lang.L("Opacification"), func(r *report.Report) *report.Opacification { return &t(r).Opacification }).row,
		enumField(f, p+"/patency", lang.L("Patency"), func(r *report.Report) *report.Patency { return &t(r).Patency }).row,
		enumField(f, p+"/occlusionSite", lang.L("Occlusion site"), func(r *report.Report) *report.OcclusionSite { return &t(r).OcclusionSite }).row,
		enumField(f, p+"/occlusionQualifier", lang.L("Occlusion"), func(r *report.Report) *report.OcclusionQualifier { return &t(r).OcclusionQualifier }).row,
		enumField(f, p+"/spill", lang.L("Spill"), func(r *report.Report) *report.Spill { return &t(r).Spill }).row,
		boolField(f, p+"/peritubalAdhesionsSuspected", lang.L("Peritubal adhesions"), func(r *report.Report) **bool { return &t(r).PeritubalAdhesionsSuspected }).row,
		forminput.Heading(lang.L("Hydrosalpinx")),
		boolField(f, p+"/hydrosalpinx/present", lang.L("Hydrosalpinx"), func(r *report.Report) **bool { return &h(r).Present }).row,
		boolField(f, p+"/partialDistalOcclusion", lang.L("Fimbrial phimosis"), func(r *report.Report) **bool { return &t(r).PartialDistalOcclusion }).row,
		diam.row,
		enumField(f, p+"/hydrosalpinx/measurementBasis", lang.L("Measured with"), func(r *report.Report) *mark.SpacingSource { return &h(r).MeasurementBasis }).row,
		enumField(f, p+"/hydrosalpinx/mucosalFolds", lang.L("Mucosal folds"), func(r *report.Report) *report.MucosalFolds { return &h(r).MucosalFolds }).row,
		forminput.Heading(lang.L("Other")),
		boolField(f, p+"/salpingitisIsthmicaNodosa", lang.L("Isthmica nodosa"), func(r *report.Report) **bool { return &t(r).SalpingitisIsthmicaNodosa }).row,
		boolField(f, p+"/tubalSpasmSuspected", lang.L("Spasm suspected"), func(r *report.Report) **bool { return &t(r).TubalSpasmSuspected }).row,
		enumField(f, p+"/contour", lang.L("Contour"), func(r *report.Report) *report.TubeContour { return &t(r).Contour }).row,
		enumField(f, p+"/sterilizationDevice", lang.L("Sterilisation device"), func(r *report.Report) *report.SterilizationDevice { return &t(r).SterilizationDevice }).row,
		textField(f, p+"/text", lang.L("Notes"), true, func(r *report.Report) *string { return &t(r).Text }, "").row,
		evidenceField(f, p, lang.L("Evidence"), func(r *report.Report) (*[]mark.ImageRef, *[]string) {
			x := t(r)
			return &x.Evidence, &x.AnnotationIDs
		}).row,
	}
}

func peritoneumSection(f *form) []fyne.CanvasObject {
	pe := func(r *report.Report) *report.Peritoneum { return &r.Peritoneum }
	g := func(r *report.Report) *report.Grading { return &r.Grading }
	return []fyne.CanvasObject{
		enumField(f, "/peritoneum/spillPattern", lang.L("Spill pattern"), func(r *report.Report) *report.SpillPattern { return &pe(r).SpillPattern }).row,
		setField(f, "/peritoneum/delayedFindings", lang.L("Delayed image"), func(r *report.Report) *[]report.DelayedFinding { return &pe(r).DelayedFindings }).row,
		textField(f, "/peritoneum/text", lang.L("Notes"), true, func(r *report.Report) *string { return &pe(r).Text }, "").row,
		forminput.Heading(lang.L("Tubal grading")),
		enumField(f, "/grading/hullRutherford", lang.L("Hull & Rutherford"), func(r *report.Report) *report.HullRutherford { return &g(r).HullRutherford }).row,
		enumField(f, "/grading/hullRutherfordBasis", lang.L("Based on"), func(r *report.Report) *report.HullRutherfordBasis { return &g(r).HullRutherfordBasis }).row,
	}
}

func complicationsSection(f *form) []fyne.CanvasObject {
	c := func(r *report.Report) *report.Complications { return &r.Complications }
	item := func(i int) func(r *report.Report) *report.Complication {
		return func(r *report.Report) *report.Complication {
			if i >= len(r.Complications.Items) {
				return nil
			}
			return &r.Complications.Items[i]
		}
	}
	return append([]fyne.CanvasObject{
		boolField(f, "/complications/none", lang.L("None"), func(r *report.Report) **bool { return &c(r).None }).row,
		f.list("complication", lang.L("Add complication"), lang.L("Complication %d"), func(r *report.Report) int { return len(r.Complications.Items) },
			func(i int, rf *form) []fyne.CanvasObject {
				it := item(i)
				ip := fmt.Sprintf("/complications/items/%d", i)
				return []fyne.CanvasObject{
					enumField(rf, ip+"/type", lang.L("Type"), func(r *report.Report) *report.ComplicationType {
						return ptrOf(it(r), func(x *report.Complication) *report.ComplicationType { return &x.Type })
					}).row,
					textField(rf, ip+"/grade", lang.L("Grade"), false, func(r *report.Report) *string {
						return ptrOf(it(r), func(x *report.Complication) *string { return &x.Grade })
					}, lang.L("e.g. Dusak level 1")).row,
					enumField(rf, ip+"/side", lang.L("Side"), func(r *report.Report) *report.Side {
						return ptrOf(it(r), func(x *report.Complication) *report.Side { return &x.Side })
					}).row,
					boolField(rf, ip+"/affectsInterpretation", lang.L("Affects reading"), func(r *report.Report) **bool {
						return ptrOf(it(r), func(x *report.Complication) **bool { return &x.AffectsInterpretation })
					}).row,
					textField(rf, ip+"/text", lang.L("Notes"), false, func(r *report.Report) *string {
						return ptrOf(it(r), func(x *report.Complication) *string { return &x.Text })
					}, "").row,
				}
			},
			func(r *report.Report) {
				r.Complications.Items = append(r.Complications.Items, report.Complication{Type: report.VenousIntravasation})
				if r.Complications.None != nil && *r.Complications.None {
					r.Complications.None = nil
				}
			},
			func(r *report.Report, i int) {
				r.Complications.Items = append(r.Complications.Items[:i:i], r.Complications.Items[i+1:]...)
				if len(r.Complications.Items) == 0 {
					r.Complications.Items = nil
				}
			}),
		intField(f, "/complications/painVas", lang.L("Pain (VAS 0–10)"), "", func(r *report.Report) **int { return &c(r).PainVAS }).row,
	}, urgentSection(f)...)
}

// spillWords are the spill values as a section title says them (keys of
// the catalogue).
var spillWords = map[report.Spill]string{
	report.SpillFreePrompt:      i18n.K("free prompt spill"),
	report.SpillFreeDelayedOnly: i18n.K("spill on the delayed image only"),
	report.SpillLoculated:       i18n.K("loculated spill"),
	report.SpillMinimal:         i18n.K("minimal spill"),
	report.SpillNone:            i18n.K("no spill"),
}

// sectionSummary is the short state of a section for its title.
func sectionSummary(id Section, r *report.Report) string {
	switch id {
	case SectionClinical:
		if len(r.Clinical.Indication) > 0 {
			return report.LabelIn(r.Clinical.Indication[0], i18n.Lang())
		}
	case SectionTechnique:
		var parts []string
		if c := r.Technique.Contrast; c.ProductName != "" {
			parts = append(parts, c.ProductName)
		}
		if v := r.Technique.Contrast.VolumeML; v != nil {
			parts = append(parts, l10n.Quantity(*v, 3, "mL", i18n.Lang()))
		}
		return strings.Join(parts, " ")
	case SectionUterus:
		u := r.Uterus
		switch {
		case u.CavityOpacified != nil && !*u.CavityOpacified:
			return lang.L("cavity not opacified")
		case len(u.FillingDefects) > 0:
			return fmt.Sprintf(lang.N("%d filling defect", len(u.FillingDefects)), len(u.FillingDefects))
		case u.Shape != "":
			return strings.ToLower(report.LabelIn(u.Shape, i18n.Lang()))
		}
	case SectionRight, SectionLeft:
		t := r.Tubes.Tube(report.Right)
		if id == SectionLeft {
			t = r.Tubes.Tube(report.Left)
		}
		var parts []string
		if t.Patency != "" {
			parts = append(parts, strings.ToLower(report.LabelIn(t.Patency, i18n.Lang())))
		}
		if t.Hydrosalpinx.IsPresent() {
			parts = append(parts, lang.L("hydrosalpinx"))
		} else if s := spillWords[t.Spill]; s != "" {
			parts = append(parts, lang.L(s))
		}
		return strings.Join(parts, ", ")
	case SectionPeritoneum:
		if r.Peritoneum.SpillPattern != "" {
			return strings.ToLower(report.LabelIn(r.Peritoneum.SpillPattern, i18n.Lang()))
		}
	case SectionComplications:
		switch n := len(r.Complications.Items); {
		case n > 0:
			return fmt.Sprintf(lang.N("%d recorded", n), n)
		case r.Complications.None != nil && *r.Complications.None:
			return lang.L("none")
		}
	}
	return ""
}
